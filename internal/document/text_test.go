package document

import "testing"

// A README that a project generator wrote opens with its words, after a
// title at most; one that only mentions the generator later is the team's.
func TestGeneratorReadme(t *testing.T) {
	cases := map[string]bool{
		"Plugin Builder Results\n\nYour plugin X was created in: /tmp/x\n":                                                true,
		"# app\n\nThis project was bootstrapped with [Create React App](https://github.com/facebook/create-react-app).\n": true,
		"# App\n\nThis project was generated with [Angular CLI](https://github.com/angular/angular-cli) version 16.\n":    true,
		"This is a [Next.js](https://nextjs.org/) project bootstrapped with `create-next-app`.\n":                         true,
		"<h3>Plugin Builder Results</h3>\n<p>Your plugin was created.</p>\n":                                              true,
		"# Registre\n\nOutil de suivi des dossiers.\n\nThis project was bootstrapped with Create React App.\n":            false,
		"# Vue app\n\n> A Vue.js project, with our own map of the roads\n":                                                false,
	}
	for src, want := range cases {
		if got := generatorText([]byte(src)) != ""; got != want {
			t.Errorf("%q: generated %v, want %v", src, got, want)
		}
	}
}
