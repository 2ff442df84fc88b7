package cli

import (
	"fmt"
	"strings"

	"github.com/passation/passation/internal/catalog"
)

// CatalogueTable renders the catalogue as the Markdown table of the README,
// so that the README is generated from rules/ and cannot drift from it.
func CatalogueTable(cat *catalog.Catalog) string {
	var b strings.Builder
	b.WriteString("| id | group | severity | profiles | item (en) | élément (fr) |\n")
	b.WriteString("|---|---|---|---|---|---|\n")
	for _, r := range cat.Rules {
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s | %s | %s |\n", r.ID, r.Group, r.Severity,
			strings.Join(profilesOf(cat, r.ID), ", "), r.Title.EN, r.Title.FR)
	}
	return b.String()
}
