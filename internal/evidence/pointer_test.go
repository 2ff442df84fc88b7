package evidence_test

import (
	"strings"
	"testing"

	"github.com/passation/passation/internal/checktest"
	"github.com/passation/passation/internal/finding"
)

// A roadmap that only says where the plan is kept (a GitHub board, the
// milestones) is not committed; one that writes the plan down counts, links
// or not.
func TestRoadmapThatOnlyPoints(t *testing.T) {
	_, c := checktest.Embedded(t)
	board := "# Outil\n\n## Feuille de route\n\nNous suivons l'avancement dans **GitHub Projects** : consultez le [tableau](https://github.com/orgs/exemple/projects/3) pour voir ce qui est en cours.\n"
	milestones := "# Roadmap\n\nWhat comes next is tracked as milestones: see https://github.com/exemple/outil/milestones and vote on the issues that matter to you.\n"
	plan := "# Feuille de route\n\n- **T1 2027** : export des signalements au format CSV pour les services instructeurs, avec filtre par commune.\n" +
		"- **T2 2027** : connexion avec ProConnect pour les agents, et suppression des comptes locaux.\n" +
		"- **T3 2027** : API publique en lecture, documentée en OpenAPI, pour les partenaires qui réutilisent les données.\n" +
		"- **Plus tard** : application mobile hors ligne pour les contrôles sur le terrain, si le besoin se confirme auprès des équipes.\n\n" +
		"Le détail de chaque étape est suivi dans les [jalons](https://github.com/exemple/outil/milestones).\n"
	cases := []struct {
		files map[string]string
		want  finding.Status
		said  string
	}{
		{map[string]string{"README.md": board}, finding.Fail, "only points to a tracker kept elsewhere (https://github.com/orgs/exemple/projects/3)"},
		{map[string]string{"README.md": "# Outil\n", "ROADMAP.md": milestones}, finding.Fail, "only points to a tracker kept elsewhere (https://github.com/exemple/outil/milestones)"},
		{map[string]string{"README.md": "# Outil\n", "docs/feuille-de-route.md": plan}, finding.Pass, ""},
	}
	for _, tc := range cases {
		got := checktest.Status(t, c, tc.files, "roadmap")
		if got.Status != tc.want {
			t.Errorf("%v: %s, want %s (%v)", tc.files, got.Status, tc.want, got.Evidence)
			continue
		}
		if tc.said != "" && (len(got.Evidence) == 0 || !strings.Contains(got.Evidence[0].Detail, tc.said)) {
			t.Errorf("%v: evidence %v does not say %q", tc.files, got.Evidence, tc.said)
		}
	}
}
