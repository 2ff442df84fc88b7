package document

import "testing"

// A page's front matter is what the site shows of it: the title as its
// heading, the description as text, the authors named; never a setext
// heading made of its last key, and every line keeps its number.
func TestFrontMatter(t *testing.T) {
	src := "---\ntitle: Guide de l'instructeur\nauthor:\n  - Inès Roussel\n  - Paul Durand\nlayout:\n  toc: true\ndescription: Instruire une demande de subvention\n---\n\n## Ouvrir un dossier\n\nCliquez sur le dossier dans la liste des demandes à instruire.\n"
	d := Parse("docs/instruction.md", []byte(src))
	var headings []string
	lines := map[string]int{}
	for _, s := range d.Sections {
		headings = append(headings, s.Heading)
		lines[s.Heading] = s.Line
	}
	want := []string{"Guide de l'instructeur", "Author", "Ouvrir un dossier"}
	if len(headings) != len(want) {
		t.Fatalf("headings %q, want %q", headings, want)
	}
	for i := range want {
		if headings[i] != want[i] {
			t.Fatalf("headings %q, want %q", headings, want)
		}
	}
	if lines["Author"] != 3 || lines["Ouvrir un dossier"] != 11 {
		t.Errorf("lines %v: want Author at 3 (its key) and the page's heading at 11", lines)
	}

	// Not YAML: a thematic break, then a sentence underlined as a heading.
	plain := "---\nUne phrase soulignée\n---\n\nTexte.\n"
	if d := Parse("docs/a.md", []byte(plain)); len(d.Sections) != 1 || d.Sections[0].Heading != "Une phrase soulignée" {
		t.Errorf("a sentence between rules: sections %+v", d.Sections)
	}
	// A page with its own title keeps it; the front matter's is not added.
	own := "---\ntitle: Accueil\n---\n\n# Portail des démarches\n\nTexte de la page.\n"
	if d := Parse("docs/index.md", []byte(own)); len(d.Sections) != 1 || d.Sections[0].Heading != "Portail des démarches" {
		t.Errorf("a page with its own title: sections %+v", d.Sections)
	}
}
