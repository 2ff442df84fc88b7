package evidence_test

import (
	"strings"
	"testing"

	"github.com/passation/passation/internal/catalog"
	"github.com/passation/passation/internal/finding"
)

// TestReadmeIntro: the opening of the root README counts once it is long
// enough; badges above the title do not count as words; a sub-project's
// README is not the project's opening.
func TestReadmeIntro(t *testing.T) {
	r := catalog.Rule{ID: "what", Severity: finding.Warning, Evidence: []catalog.Evidence{{Kind: "readme-intro", Values: []string{"true"}, MinWords: 20}}}
	long := strings.Repeat("Cet outil aide les agents à instruire les demandes. ", 4)
	cases := []struct {
		name   string
		files  map[string]string
		status finding.Status
		detail string
	}{
		{"long enough", map[string]string{"README.md": "[![CI](b.svg)](x)\n\n# Outil\n\n" + long + "\n\n## Installation\n\nnpm ci\n"}, finding.Pass, "README.md:5 (introduction (36 words))"},
		{"too short", map[string]string{"README.md": "# Outil\n\nUn outil pour les agents.\n\n## Installation\n\nnpm ci\n"}, finding.Fail, "README.md:3 (introduction too short (5 words))"},
		{"a sub-project's README", map[string]string{"README.md": "# Outil\n\n## Installation\n\nnpm ci\n", "api/README.md": "# API\n\n" + long + "\n"}, finding.Fail, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res := runOne(t, r, tc.files)
			got := ""
			if len(res.Evidence) > 0 {
				got = res.Evidence[0].String()
			}
			if res.Status != tc.status || got != tc.detail {
				t.Errorf("%s %q, want %s %q", res.Status, got, tc.status, tc.detail)
			}
		})
	}
	if err := compileErr(t, catalog.Rule{ID: "what", Evidence: []catalog.Evidence{{Kind: "readme-intro", Values: []string{"yes"}}}}); !contains(err, "expected readme-intro: true") {
		t.Errorf("readme-intro: yes gave %q", err)
	}
}
