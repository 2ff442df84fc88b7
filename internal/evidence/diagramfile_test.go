package evidence_test

import (
	"reflect"
	"testing"

	"github.com/passation/passation/internal/evidence"
)

func TestTokens(t *testing.T) {
	for p, want := range map[string][]string{
		"docs/Archi technique.svg":              {"docs", "archi", "technique"},
		"src/icons/archive-drawer-fill.svg":     {"src", "icons", "archive", "drawer", "fill"},
		"docs/ops/InfraOverview.png":            {"docs", "ops", "infra", "overview"},
		"img/startups/archifiltre.png":          {"img", "startups", "archifiltre"},
		"Schéma_d'architecture.C4.drawio":       {"schema", "d", "architecture", "c4"},
		"docs/hiérarchie-des-données.v2.tar.gz": {"docs", "hierarchie", "des", "donnees", "v2", "tar"},
	} {
		if got := evidence.Tokens(p); !reflect.DeepEqual(got, want) {
			t.Errorf("Tokens(%q) = %q, want %q", p, got, want)
		}
	}
}
