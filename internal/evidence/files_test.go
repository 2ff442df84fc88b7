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

// TestFilesWritten: with written, a pattern without extension takes only
// documents made of sentences; a folder of screenshots, however many, does
// not hide the page beside them, and a pattern naming its format keeps it.
func TestFilesWritten(t *testing.T) {
	rule := filesRule("*manuel*", "**/guide/**", "openapi.yml")
	rule.Evidence[0].With = map[string][]string{"written": {"true"}}
	res := runOne(t, rule, map[string]string{"docs/manuel.png": "\x89PNG\r\n\x1a\nimage"})
	if res.Status != finding.Fail || len(res.Evidence) != 1 || !contains(res.Evidence[0].String(), "not a written document") {
		t.Errorf("an image named manuel: %s %+v", res.Status, res.Evidence)
	}
	files := map[string]string{"guide/zz-page.md": prose}
	for i := 0; i < 60; i++ {
		files["guide/"+string(rune('a'+i%26))+string(rune('a'+i/26))+"-capture.png"] = "\x89PNG\r\n\x1a\nimage"
	}
	if res := runOne(t, rule, files); res.Status != finding.Pass || res.Evidence[0].Path != "guide/zz-page.md" {
		t.Errorf("a page after 60 screenshots: %s %+v", res.Status, res.Evidence)
	}
	if res := runOne(t, rule, map[string]string{"openapi.yml": "openapi: 3.0.0\ninfo:\n  title: API des crues\n  version: 1.0.0\n"}); res.Status != finding.Pass {
		t.Errorf("a pattern that names its format: %s %+v", res.Status, res.Evidence)
	}
	rule.Evidence[0].With = map[string][]string{"written": {"yes"}}
	if err := compileErr(t, rule); !contains(err, "expected true or false") {
		t.Errorf("error %q", err)
	}
}
