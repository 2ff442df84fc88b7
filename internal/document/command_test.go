package document

import "testing"

// A section that only holds a command to run says enough ("## Installation"
// then `yarn`); a command left as a template placeholder does not.
func TestSectionOfOneCommandHasContent(t *testing.T) {
	for _, c := range []struct {
		name, src string
		real      bool
	}{
		{"one command", "# Outil\n\n## Installation\n\n```\nyarn\n```\n", true},
		{"indented command", "# Outil\n\n## Installation\n\n    make\n", true},
		{"placeholder command", "# Outil\n\n## Installation\n\n```sh\n{{ commande d'installation }}\n```\n", false},
		{"nothing", "# Outil\n\n## Installation\n\n## Usage\n\nOuvrez la page d'accueil et cliquez.\n", false},
	} {
		d := Parse("README.md", []byte(c.src))
		if len(d.Sections) == 0 || d.Sections[0].Heading != "Installation" {
			t.Fatalf("%s: sections %+v", c.name, d.Sections)
		}
		if got := d.Sections[0].BodyWords >= commandWords; got != c.real {
			t.Errorf("%s: %d words, want real content %v", c.name, d.Sections[0].BodyWords, c.real)
		}
	}
}
