package cli

import (
	"flag"
	"os"
	"strings"
	"testing"

	"github.com/passation/passation/internal/catalog"
	"github.com/passation/passation/rules"
)

var update = flag.Bool("update", false, "rewrite golden files and the README's generated parts")

const (
	tableStart = "<!-- catalogue:start (generated from rules/ by go test ./internal/cli -update) -->\n"
	tableEnd   = "<!-- catalogue:end -->"
)

// TestReadmeCatalogue keeps the README's catalogue table equal to rules/.
func TestReadmeCatalogue(t *testing.T) {
	cat, err := catalog.Load(rules.FS)
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(data)
	i, j := strings.Index(readme, tableStart), strings.Index(readme, tableEnd)
	if i < 0 || j < i {
		t.Fatalf("README.md lacks the catalogue markers %q … %q", tableStart, tableEnd)
	}
	want := readme[:i+len(tableStart)] + CatalogueTable(cat) + readme[j:]
	if want == readme {
		return
	}
	if *update {
		if err := os.WriteFile("../../README.md", []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Fatal("README.md catalogue table differs from rules/: run go test ./internal/cli -update")
}
