package evidence_test

import (
	"testing"

	"github.com/passation/passation/internal/catalog"
	"github.com/passation/passation/internal/finding"
	"github.com/passation/passation/internal/testrepo"
)

// TestLicenceEvidence: "present" names the licence of a licence file;
// "authorised" judges every licence declared, files and manifests alike.
func TestLicenceEvidence(t *testing.T) {
	mit := testrepo.MITLicence("2026 Équipe du défi")
	present := catalog.Rule{ID: "licence", Severity: finding.Error, Evidence: []catalog.Evidence{{Kind: "licence", Values: []string{"present"}}}}
	authorised := catalog.Rule{ID: "licence-authorised", Severity: finding.Warning, Evidence: []catalog.Evidence{{Kind: "licence", Values: []string{"authorised"}}}}
	cases := []struct {
		name   string
		rule   catalog.Rule
		files  map[string]string
		status finding.Status
		detail string
	}{
		{"present", present, map[string]string{"LICENSE": mit}, finding.Pass, "LICENSE (MIT, authorised for public administrations' code)"},
		{"present but empty", present, map[string]string{"LICENSE": ""}, finding.Fail, "LICENSE (present but empty)"},
		{"a bundled copy's licence", present, map[string]string{"node_modules/x/LICENSE": mit}, finding.Fail, ""},
		{"authorised", authorised, map[string]string{"LICENSE": mit, "package.json": `{"name": "outil", "license": "MIT"}`}, finding.Pass, "LICENSE (MIT, authorised for public administrations' code)"},
		{"disagreeing", authorised, map[string]string{"LICENSE": mit, "package.json": `{"name": "outil", "license": "Apache-2.0"}`}, finding.Fail, "the licences declared disagree: Apache-2.0, MIT"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res := runOne(t, tc.rule, tc.files)
			got := ""
			if len(res.Evidence) > 0 {
				got = res.Evidence[0].String()
			}
			if res.Status != tc.status || got != tc.detail {
				t.Errorf("%s %q, want %s %q", res.Status, got, tc.status, tc.detail)
			}
		})
	}
	if err := compileErr(t, catalog.Rule{ID: "l", Evidence: []catalog.Evidence{{Kind: "licence", Values: []string{"open"}}}}); !contains(err, "expected licence: present or licence: authorised") {
		t.Errorf("licence: open gave %q", err)
	}
}
