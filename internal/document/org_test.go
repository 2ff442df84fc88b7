package document

import "testing"

func TestParseOrg(t *testing.T) {
	src := `#+TITLE: Carte des données
#+OPTIONS: toc:nil

Une carte des jeux de données publiés par les administrations, pour les agents qui cherchent une source.

* Utilisation
Ouvrez la page d'accueil, choisissez un thème dans le menu de gauche puis cliquez sur un jeu de données pour voir sa fiche.

#+BEGIN_SRC sh
* not a heading
#+END_SRC

** Ajouter un jeu
Remplissez le formulaire.
`
	d := Parse("README.org", []byte(src))
	if d.Title != "Carte des données" {
		t.Errorf("title = %q", d.Title)
	}
	if d.IntroWords < 10 {
		t.Errorf("intro words = %d", d.IntroWords)
	}
	if len(d.Sections) != 2 {
		t.Fatalf("sections = %+v", d.Sections)
	}
	s := d.Sections[0]
	if s.Heading != "Utilisation" || s.Level != 2 || s.Line != 6 {
		t.Errorf("first section = %q level %d line %d", s.Heading, s.Level, s.Line)
	}
	if len(s.Code) != 1 || s.Code[0] != "* not a heading" {
		t.Errorf("code of the section = %q", s.Code)
	}
	if d.Sections[1].Heading != "Ajouter un jeu" || d.Sections[1].Level != 3 {
		t.Errorf("second section = %+v", d.Sections[1])
	}
	// The same text as Markdown is a bullet list, not a section.
	if md := Parse("README.md", []byte(src)); len(md.Sections) != 0 && md.Sections[0].Heading == "Utilisation" {
		t.Errorf("a .md file read as Org: %+v", md.Sections)
	}
}
