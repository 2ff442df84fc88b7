package textfold

import (
	"reflect"
	"testing"
)

func TestFold(t *testing.T) {
	cases := map[string]string{
		"README.md":                         "readme.md",
		"docs/schéma-archi.PNG":             "docs/schema-archi.png",
		"Équipe":                            "equipe",
		"Mise en Œuvre":                     "mise en oeuvre",
		"already lower":                     "already lower",
		"documentation/Archi technique.svg": "documentation/archi technique.svg",
	}
	for in, want := range cases {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestWordsAndPhrase(t *testing.T) {
	w := Words("## Mise en production (Déploiement)")
	if want := []string{"mise", "en", "production", "deploiement"}; !reflect.DeepEqual(w, want) {
		t.Fatalf("Words = %q, want %q", w, want)
	}
	if !ContainsPhrase(w, []string{"en", "production"}) {
		t.Error("phrase 'en production' not found")
	}
	if ContainsPhrase(w, []string{"production", "en"}) {
		t.Error("phrase out of order matched")
	}
	if ContainsPhrase([]string{"installations"}, []string{"installation"}) {
		t.Error("partial word matched")
	}
	if !ContainsPhrase([]string{"les", "installations"}, []string{"install*"}) {
		t.Error("prefix word did not match")
	}
}
