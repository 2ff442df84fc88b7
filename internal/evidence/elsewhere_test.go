package evidence_test

import (
	"testing"

	"github.com/passation/passation/internal/catalog"
	"github.com/passation/passation/internal/finding"
)

// TestElsewhereIsShownNeverCounted: a README link to documentation kept
// outside the repository is shown on the rule, and the rule still fails.
func TestElsewhereIsShownNeverCounted(t *testing.T) {
	r := catalog.Rule{ID: "user-manual", Severity: finding.Error, Evidence: []catalog.Evidence{{Kind: "elsewhere", Values: []string{"documentation", "manuel"}}}}
	res := runOne(t, r, map[string]string{"README.md": "# Outil\n\nLe [manuel utilisateur](https://outil.example.gouv.fr/aide) est en ligne.\n\nVoir aussi [le code](https://example.org/src).\n"})
	if res.Status != finding.Fail || len(res.Evidence) != 1 {
		t.Fatalf("%s %+v, want one link shown on a failing rule", res.Status, res.Evidence)
	}
	want := "README.md:3 (declared elsewhere: https://outil.example.gouv.fr/aide — not committed; declare it with external: in .passation.yml to count it)"
	if got := res.Evidence[0].String(); got != want {
		t.Errorf("evidence %q, want %q", got, want)
	}
	if err := compileErr(t, catalog.Rule{ID: "u", Evidence: []catalog.Evidence{{Kind: "elsewhere", Values: []string{"!!"}}}}); !contains(err, "has no words") {
		t.Errorf("a phrase without words gave %q", err)
	}
}
