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
		"# Default starter for Gridsome\n\nThis is the project you get when you run `gridsome create new-project`.\n":     true,
		"<h1>\n  Gatsby's default starter\n</h1>\n\nKick off your next project.\n":                                        true,
		"# React + TypeScript + Vite\n\nThis template provides a minimal setup to get React working in Vite with HMR.\n":  true,
		"# Boutique\n\nA shop for local producers, built from the default starter for Gridsome.\n":                        false,
	}
	for src, want := range cases {
		if got := generatorText([]byte(src)) != ""; got != want {
			t.Errorf("%q: generated %v, want %v", src, got, want)
		}
	}
}

// In a plain text file a line that opens with "#" is a comment, not a
// heading; its underlined titles stay headings.
func TestPlainTextComments(t *testing.T) {
	d := Parse("metadata.txt", []byte("[general]\n# Uncomment the following line and add your changelog:\n# changelog=\nname=Checks\n\nUsage\n=====\n\nOpen the plugin from the menu and choose a layer to check.\n"))
	if len(d.Sections) != 1 || d.Sections[0].Heading != "Usage" {
		t.Errorf("sections %+v, want the underlined title alone", d.Sections)
	}
}

// A README.txt written in Markdown keeps its "#" headings.
func TestPlainTextMarkdown(t *testing.T) {
	d := Parse("README.txt", []byte("# Outil\n\n## Contribuer\n\nOuvrez une demande de fusion depuis une branche, après les tests.\n"))
	if d.Title != "Outil" || len(d.Sections) != 1 || d.Sections[0].Heading != "Contribuer" {
		t.Errorf("title %q, sections %+v: want the Markdown headings", d.Title, d.Sections)
	}
}

// An introduction that says the repository is only a part, or an old copy,
// of a project in another repository defers its description there.
func TestIntroElsewhere(t *testing.T) {
	cases := map[string]string{
		"# API\n\nCe projet est le **Backend** de l'application [Radar](https://github.com/org/radar).\n\n## Outils\n\nNode\n": "https://github.com/org/radar",
		"# This project has been migrated to a monorepo.\n\nIt is now at https://github.com/org/sill\n\n## Licence\n\nMIT\n":   "https://github.com/org/sill",
		"# Outil\n\nOutil de suivi des dossiers, dont le frontend est dans [ce dépôt](https://github.com/org/front).\n":        "",
		"# API\n\nCe projet est le backend de l'application Radar, qui aide les agents à décrire leur métier.\n":               "",
	}
	for src, want := range cases {
		if got := Parse("README.md", []byte(src)).IntroElsewhere; got != want {
			t.Errorf("%q: elsewhere %q, want %q", src, got, want)
		}
	}
}

// A section installs the project when a command is written in its prose:
// inline code, or a list item's text.
func TestInstallsFromProse(t *testing.T) {
	cases := map[string]bool{
		"# Outil\n\n## Utilisation\n\n- Créer config.toml à partir de config.toml.example\n- go run *.go\n": true,
		"# Outil\n\n## Utilisation\n\n1. Installer les dépendances avec `npm install`.\n":                   true,
		"# Outil\n\n## Utilisation\n\n- Ouvrir la carte\n- Choisir une commune dans la liste\n":             false,
	}
	for src, want := range cases {
		d := Parse("README.md", []byte(src))
		if len(d.Sections) != 1 {
			t.Fatalf("%q: sections %+v", src, d.Sections)
		}
		if got := d.Sections[0].Installs(); got != want {
			t.Errorf("%q: installs %v, want %v", src, got, want)
		}
	}
}
