package evidence_test

import (
	"testing"

	"github.com/passation/passation/internal/catalog"
	"github.com/passation/passation/internal/finding"
)

func filesRule(patterns ...string) catalog.Rule {
	return catalog.Rule{ID: "guide", Severity: finding.Warning, Evidence: []catalog.Evidence{{Kind: "files", Values: patterns}}}
}

// TestFilesEvidence: a document found by name in the usual places, case and
// accents folded; stubs, scripts of that name and other folders do not count.
func TestFilesEvidence(t *testing.T) {
	cases := []struct {
		name   string
		files  map[string]string
		status finding.Status
		detail string
	}{
		{"in docs, accents folded", map[string]string{"docs/Guide-Déploiement.md": prose}, finding.Pass, "docs/Guide-Déploiement.md (file)"},
		{"at the root", map[string]string{"guide-deploiement.txt": prose}, finding.Pass, "guide-deploiement.txt (file)"},
		{"an empty file", map[string]string{"docs/guide-deploiement.md": ""}, finding.Fail, "docs/guide-deploiement.md (present but empty)"},
		{"too short", map[string]string{"docs/guide-deploiement.md": "À venir"}, finding.Fail, "docs/guide-deploiement.md (present but empty: only 2 words)"},
		{"a script of that name", map[string]string{"guide-deploiement.sh": "#!/bin/sh\necho " + prose}, finding.Fail, ""},
		{"outside the usual places", map[string]string{"src/guide-deploiement.md": prose}, finding.Fail, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res := runOne(t, filesRule("*guide*deploiement*"), tc.files)
			if res.Status != tc.status {
				t.Fatalf("status %s, want %s (%+v)", res.Status, tc.status, res.Evidence)
			}
			got := ""
			if len(res.Evidence) > 0 {
				got = res.Evidence[0].String()
			}
			if got != tc.detail {
				t.Errorf("evidence %q, want %q", got, tc.detail)
			}
		})
	}
}

// TestFilesPatternErrorPointsAtIt: a bad glob names its own line.
func TestFilesPatternErrorPointsAtIt(t *testing.T) {
	r := filesRule("docs/*.md", "[unclosed")
	r.Evidence[0].Pos = catalog.Pos{File: "r.yml", Line: 4, Col: 9}
	r.Evidence[0].ValuePos = []catalog.Pos{{File: "r.yml", Line: 4, Col: 17}, {File: "r.yml", Line: 5, Col: 11}}
	err := compileErr(t, r)
	if want := "r.yml:5:11"; !contains(err, want) || !contains(err, "invalid file pattern") {
		t.Errorf("error %q lacks %q", err, want)
	}
}
