package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/passation/passation/internal/finding"
	"github.com/passation/passation/internal/typo"
)

func TestTextShowsTheConfiguration(t *testing.T) {
	rep := &finding.Report{Repository: finding.Repository{Path: "/r", Mode: "directory"}, Profile: "eig",
		Config: &finding.Config{Source: "repository", Path: ".passation.yml",
			Overrides: []finding.ConfigOverride{{Rule: "blog-posts", Off: true}},
			Waivers:   []finding.ConfigWaiver{{Rule: "pitch", Status: finding.WaiverApplied}, {Rule: "roadmap", Status: finding.WaiverExpired}}}}
	for lang, want := range map[string]string{
		"en": "  configuration .passation.yml · rules changed: 1 · waivers: 2 (expired: 1)\n",
		"fr": "  configuration .passation.yml · règles modifiées : 1 · dérogations : 2 (expirées : 1)\n",
	} {
		var b bytes.Buffer
		if err := Text(&b, rep, finding.Error, TextOptions{Lang: lang}); err != nil {
			t.Fatal(err)
		}
		if lang == "fr" {
			want = typo.French(want)
		}
		if !strings.Contains(b.String(), want) {
			t.Errorf("%s: no %q in\n%s", lang, want, b.String())
		}
	}
	rep.Config = &finding.Config{Source: "none"}
	var b bytes.Buffer
	Text(&b, rep, finding.Error, TextOptions{})
	if strings.Contains(b.String(), "configuration") {
		t.Errorf("a report without configuration mentions one:\n%s", b.String())
	}
}
