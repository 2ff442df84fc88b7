package document

import "testing"

func TestParseRST(t *testing.T) {
	src := `.. image:: https://example.org/badge.svg
    :target: https://example.org/build

============
Communes-Lib
============

Une application Django qui fournit la liste des communes et de leurs groupements, avec les commandes qui l'importent.

Démarrage rapide
################

1. Ajoutez l'application à INSTALLED_APPS puis lancez les migrations pour créer les tables.

Commandes
#########

import_cog
**********

Charge le code officiel géographique de l'année demandée.
`
	d := Parse("README.rst", []byte(src))
	if d.Title != "Communes-Lib" {
		t.Errorf("title = %q (badges above the overlined title are not words)", d.Title)
	}
	var got []string
	for _, s := range d.Sections {
		got = append(got, s.Heading)
	}
	want := []struct {
		heading     string
		level, line int
	}{{"Démarrage rapide", 2, 10}, {"Commandes", 2, 15}, {"import_cog", 3, 18}}
	if len(d.Sections) != len(want) {
		t.Fatalf("sections = %q", got)
	}
	for i, w := range want {
		s := d.Sections[i]
		if s.Heading != w.heading || s.Level != w.level || s.Line != w.line {
			t.Errorf("section %d = %q level %d line %d, want %+v", i, s.Heading, s.Level, s.Line, w)
		}
	}
	if d.Sections[0].BodyWords < 10 {
		t.Errorf("section body words = %d", d.Sections[0].BodyWords)
	}
}

func TestRSTNotTitles(t *testing.T) {
	// A table border and a transition are no titles.
	src := "Texte.\n\n----------\n\n=====  =====\nA      B\n=====  =====\n"
	if d := Parse("notes.rst", []byte(src)); len(d.Sections) != 0 {
		t.Errorf("sections = %+v", d.Sections)
	}
}
