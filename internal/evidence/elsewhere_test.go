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

// A forge's view of a file this tree holds is the committed document, not
// one kept elsewhere; a view of a file the tree lacks still is.
func TestForgeViewOfACommittedFile(t *testing.T) {
	r := catalog.Rule{ID: "user-manual", Severity: finding.Error, Evidence: []catalog.Evidence{{Kind: "elsewhere", Values: []string{"documentation"}}}}
	res := runOne(t, r, map[string]string{
		"README.md": "# Outil\n\n[Documentation du front](https://github.com/exemple/outil/blob/feature/refonte/front/Guide%20utilisateur.md)\n\n" +
			"[Documentation de l'API](https://gitlab.example.gouv.fr/equipe/outil/-/blob/main/api/README.md)\n",
		"front/Guide utilisateur.md": "# Guide\n\nTexte.\n",
	})
	if len(res.Evidence) != 1 || res.Evidence[0].Line != 5 {
		t.Errorf("evidence %v: want only the view of api/README.md, which the tree lacks", res.Evidence)
	}
}
