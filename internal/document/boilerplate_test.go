package document

import "testing"

// A README template's own sentences are no content: a section holding only
// them is a stub, and what a team wrote beside them still counts.
func TestTemplateBoilerplate(t *testing.T) {
	cases := []struct {
		text        string
		words       int
		placeholder bool
	}{
		{"These instructions will get you a copy of the project up and running on your local machine for development and testing purposes. See deployment for notes on how to deploy the project on a live system.", 0, true},
		{"Ces instructions vous permettront d’obtenir une copie du projet opérationnelle sur votre machine locale.", 0, true},
		{"What things you need to install the software and how to install them.\n\nRun make build then ./bin/tool serve.", 7, true},
		{"Install the copy of the project with pip install tool.", 10, false},
	}
	for _, c := range cases {
		words, placeholder := Substance(c.text)
		if words != c.words || (placeholder != "") != c.placeholder {
			t.Errorf("Substance(%q) = %d words, placeholder %q; want %d words, placeholder %v", c.text, words, placeholder, c.words, c.placeholder)
		}
	}
	d := Parse("README.md", []byte("# Tool\n\n## Getting Started\n\nThese instructions will get you a copy of the project up and running on your local machine for development and testing purposes.\n\n### About the format\n\nThe format stores vectors first and then features, each with its own attributes.\n"))
	for _, s := range d.Sections {
		if s.Heading == "Getting Started" && (s.BodyWords != 0 || s.Placeholder == "") {
			t.Errorf("Getting Started: %d words, placeholder %q; want a stub", s.BodyWords, s.Placeholder)
		}
	}
}
