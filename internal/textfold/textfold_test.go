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
	if ContainsPhrase([]string{"installateur"}, []string{"install"}) {
		t.Error("partial word matched")
	}
	if !ContainsPhrase([]string{"installations"}, []string{"installation"}) {
		t.Error("a plural is the same word")
	}
	if !ContainsPhrase([]string{"les", "installations"}, []string{"install*"}) {
		t.Error("prefix word did not match")
	}
}

// TestContainsPhraseInflected: a heading's plurals and English -ing and -ed
// forms match a phrase written in the base form; a phrase's own plural asks
// for the plural, and short words keep their endings.
func TestContainsPhraseInflected(t *testing.T) {
	cases := []struct {
		heading, phrase string
		want            bool
	}{
		{"Launching the service", "launch", true},
		{"Running locally", "run locally", true},
		{"Exemples d'appel", "exemple", true},
		{"Features", "feature", true},
		{"Installed components", "install", true},
		{"Vidéo d'exemple", "vidéos", false},
		{"News", "new", false},
		{"Using", "us", false},
		{"Process", "proces", false},
	}
	for _, c := range cases {
		if got := ContainsPhrase(Words(c.heading), Words(c.phrase)); got != c.want {
			t.Errorf("ContainsPhrase(%q, %q) = %v, want %v", c.heading, c.phrase, got, c.want)
		}
	}
}
