package cli

import (
	"strings"
	"testing"

	"github.com/passation/passation/internal/frenchcheck"
	"github.com/passation/passation/internal/testrepo"
	"github.com/passation/passation/internal/typo"
)

// TestUsageErrorsInFrench: with LANG in French, a mistyped command, flag,
// flag value, rule or ref is refused in French (with « vouliez-vous
// dire » for a typo), and every line passes the checker of French.
func TestUsageErrorsInFrench(t *testing.T) {
	r := testrepo.New(t).CommitFiles(coreFiles)
	fr := map[string]string{"LANG": "fr_FR.UTF-8"}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"verifier"}, "commande inconnue « verifier » : attendu l'une de"},
		{[]string{"check", "--colour", "never", r.Dir}, "option inconnue --colour : attendu l'une de"},
		{[]string{"audit", "x", "--timeout", "abc"}, `--timeout "abc" : attendu une durée : un nombre et une unité, par exemple 90s, 10m ou 1h30m`},
		{[]string{"explain", "licnce"}, "règle inconnue « licnce » : vouliez-vous dire « licence » ?"},
		{[]string{"check", "--ref", "nulle-part", r.Dir}, "« nulle-part » ne désigne aucun commit (attendu une branche, une étiquette ou l'empreinte d'un commit)"},
		{[]string{"check", "--staged", "--ref", "HEAD", r.Dir}, "--staged vérifie l'index, --ref un commit : choisissez l'un ou l'autre"},
		{[]string{"check", "--format", "pdf", r.Dir}, "format inconnu « pdf » : attendu text, compact, json, sarif, codequality, junit ou badge"},
		{[]string{"check", "--fail-on", "grave", r.Dir}, "niveau inconnu « grave » : attendu `error`, `warning`, `notice` ou `never`"},
		{[]string{"audit"}, "audit : rien à auditer : attendu une liste de dépôts"},
	} {
		code, _, stderr := runAt(t, fr, c.args...)
		if want := typo.French(c.want); code != ExitUsage || !strings.Contains(stderr, want) {
			t.Errorf("%v: exit %d, stderr %q\nwant %q", c.args, code, stderr, want)
		}
		for _, line := range strings.Split(stderr, "\n") {
			for _, f := range frenchcheck.Faults(line) {
				t.Errorf("%v: %s", c.args, f)
			}
		}
	}
}
