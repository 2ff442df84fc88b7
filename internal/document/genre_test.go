package document

import "testing"

func TestGenreOf(t *testing.T) {
	t.Parallel()
	cases := map[string]Genre{
		"README.md":                                  Documentation,
		"docs/guide-utilisateur.md":                  Documentation,
		"docs/historique-du-projet.md":               Documentation, // a page about the project's past, not a changelog
		"docs/news-and-press.md":                     Documentation,
		"licences-des-donnees.md":                    Documentation,
		"CHANGELOG.md":                               Changelog,
		"backend/CHANGELOG.fr.md":                    Changelog,
		"docs/release-notes-2024.md":                 Changelog,
		"HISTORY.rst":                                Changelog,
		"NEWS":                                       Changelog,
		"Journal-des-modifications.md":               Changelog,
		"Nouveautés.md":                              Changelog,
		".github/PULL_REQUEST_TEMPLATE.md":           Template,
		".github/pull_request_template.md":           Template,
		"docs/pull_request_template.md":              Template,
		".github/ISSUE_TEMPLATE/bug_report.md":       Template,
		".gitlab/merge_request_templates/Default.md": Template,
		".github/release-template.md":                Template,
		"LICENSE":                                    LicenceText,
		"LICENCE.fr.md":                              LicenceText,
		"COPYING.LESSER":                             LicenceText,
		"docs/mentions-legales.md":                   Legal,
		"docs/CGU.md":                                Legal,
		"politique-de-confidentialité.md":            Legal,
		"AGENTS.md":                                  AgentInstructions,
		"frontend/CLAUDE.md":                         AgentInstructions,
		".github/copilot-instructions.md":            AgentInstructions,
		".cursor/rules/security.md":                  AgentInstructions,
		".vscode/README.md":                          AgentInstructions,
	}
	for p, want := range cases {
		if got := GenreOf(p); got != want {
			t.Errorf("GenreOf(%q) = %d, want %d", p, got, want)
		}
	}
}

func TestChangeEntries(t *testing.T) {
	t.Parallel()
	src := "# Journal des modifications\n\n## À faire\n\n- export des jalons\n\n## [2.3.0] - 2024-05-14\n\n### Roadmap page\n\n- ajout\n\n## version-1.4\n\n### Security fix\n\n- correctif\n\n## Feuille de route\n\n- la suite\n"
	d := Parse("CHANGELOG.md", []byte(src))
	if d.Genre != Changelog {
		t.Fatalf("genre %d, want Changelog", d.Genre)
	}
	want := map[string]bool{"Journal des modifications": true, "À faire": true, "[2.3.0] - 2024-05-14": false, "Roadmap page": false, "version-1.4": false, "Security fix": false, "Feuille de route": true}
	if len(d.Sections) != len(want) {
		t.Fatalf("%d sections, want %d", len(d.Sections), len(want))
	}
	for _, s := range d.Sections {
		if own := !s.ChangeEntry; own != want[s.Heading] {
			t.Errorf("section %q: own = %v, want %v", s.Heading, own, want[s.Heading])
		}
	}
	// Without a single version, any heading may be a commit title: none is the changelog's own.
	d = Parse("CHANGELOG.md", []byte("# Changes\n\n## Add the roadmap page\n\n- done\n"))
	for _, s := range d.Sections {
		if !s.ChangeEntry {
			t.Errorf("section %q read in a changelog without versions", s.Heading)
		}
	}
	// Anywhere else, no heading is a change entry.
	for _, s := range Parse("docs/guide.md", []byte(src)).Sections {
		if s.ChangeEntry {
			t.Errorf("section %q of a guide taken for a change entry", s.Heading)
		}
	}
}
