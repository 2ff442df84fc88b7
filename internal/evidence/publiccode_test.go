package evidence_test

import (
	"testing"

	"github.com/passation/passation/internal/check"
	"github.com/passation/passation/internal/checktest"
	"github.com/passation/passation/internal/finding"
	"github.com/passation/passation/internal/source"
	"github.com/passation/passation/internal/testrepo"
)

// TestPubliccodeMaintenance: each state of publiccode.yml's maintenance
// section, with its line.
func TestPubliccodeMaintenance(t *testing.T) {
	head := "publiccodeYmlVersion: \"0.4\"\nname: outil\n"
	cases := map[string]struct {
		file string // "" for no publiccode.yml
		want verdict
	}{
		"none": {head + "maintenance:\n  type: none\n", verdict{finding.Fail, declaredMsg,
			[]string{"publiccode.yml:4 maintenance.type: none, no one maintains the software"}}},
		"contract ended": {head + "maintenance:\n  type: contract\n  contractors:\n    - name: ACME\n      until: \"2025-06-30\"\n", verdict{finding.Fail, declaredMsg,
			[]string{"publiccode.yml:7 contract with ACME ended on 2025-06-30"}}},
		"contract running": {head + "maintenance:\n  type: contract\n  contractors:\n    - name: ACME\n      until: \"2025-06-30\"\n    - name: Beta SAS\n      until: 2027-01-01\n", verdict{finding.Pass,
			"Found: publiccode.yml:7 (contract with ACME ended on 2025-06-30).",
			[]string{"publiccode.yml:7 contract with ACME ended on 2025-06-30", "publiccode.yml:9 contract with Beta SAS until 2027-01-01"}}},
		"internal": {head + "maintenance:\n  type: internal\n  contacts:\n    - name: Bob\n", verdict{finding.Pass,
			"Found: publiccode.yml:4 (maintenance.type: internal).", []string{"publiccode.yml:4 maintenance.type: internal"}}},
		"no maintenance": {head, verdict{finding.Fail, declaredMsg, []string{"publiccode.yml no maintenance section"}}},
		"bad date": {head + "maintenance:\n  type: contract\n  contractors:\n    - name: ACME\n      until: next year\n", verdict{finding.Fail, declaredMsg,
			[]string{`publiccode.yml:7 contractor ACME: until "next year" is not a date (YYYY-MM-DD)`}}},
		"no file": {"", verdict{finding.Skip, "Could not decide: no publiccode.yml at the root, so no maintenance is declared.", nil}},
	}
	_, c := checktest.Embedded(t)
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			files := map[string]string{"README.md": "# Outil\n"}
			if tc.file != "" {
				files["publiccode.yml"] = tc.file
			}
			r := testrepo.New(t).CommitFiles(files)
			repo, _ := source.OpenRepo(r.Dir)
			defer repo.Close()
			tree, _ := repo.Commit("")
			results, err := c.Run(tree, check.Options{Now: now})
			if err != nil {
				t.Fatal(err)
			}
			for _, res := range results {
				if res.Rule == "declared-maintenance" {
					checkVerdict(t, res, tc.want)
				}
			}
		})
	}
}

const declaredMsg = "publiccode.yml says the software is not maintained (maintenance type none, or every maintenance contract has ended)."
