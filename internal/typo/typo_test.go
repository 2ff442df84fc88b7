package typo

import (
	"strings"
	"testing"
)

// show makes the spaces visible in failure messages.
func show(s string) string {
	return strings.NewReplacer("\u00A0", "⍽", "\u202F", "·").Replace(s)
}

func TestFrench(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"à faire :", "à faire\u00A0:"},
		{"Rien ; vraiment ? Oui !", "Rien\u202F; vraiment\u202F? Oui\u202F!"},
		{"une section « Utilisation » au README", "une section «\u00A0Utilisation\u00A0» au README"},
		{"«Utilisation»", "«\u00A0Utilisation\u00A0»"},
		{"71 %% l'ont", "71\u202F%% l'ont"},
		{"71 % des dépôts", "71\u202F% des dépôts"},
		// A verb after a space is an argument, not a percent sign.
		{"%d manquants : %s", "%d manquants\u00A0: %s"},
		{"(MIT, CeCILL...)", "(MIT, CeCILL…)"},
		{"Bureau ouvert...", "Bureau ouvert…"},
		// Already right: nothing added, nothing doubled.
		{"à faire\u00A0:", "à faire\u00A0:"},
		{"«\u00A0x\u00A0»", "«\u00A0x\u00A0»"},
		// A no-break space of the wrong width is corrected.
		{"vraiment\u00A0?", "vraiment\u202F?"},
		// Glued colons are keys, URLs, times: left alone.
		{"déclarez-le dans external: de .passation.yml", "déclarez-le dans external: de .passation.yml"},
		{"voir https://example.org/a?b=1 ou http://x:8080/...", "voir https://example.org/a?b=1 ou http://x:8080/..."},
		{"à 12:30", "à 12:30"},
		// Code spans are copied as they are, even with spaces before colons.
		{"lancez `passation check ; echo ok ...` : c'est tout", "lancez `passation check ; echo ok ...`\u00A0: c'est tout"},
		{"``a ` b ; c`` ; d", "``a ` b ; c``\u202F; d"},
		// An unclosed backtick is a character, not a span.
		{"un ` seul ; ici", "un ` seul\u202F; ici"},
		// Paths keep their dots.
		{"docs/.../x.md ...", "docs/.../x.md …"},
		{"(docs/a.md) : ok", "(docs/a.md)\u00A0: ok"},
		// Punctuation glued to the next word is not French punctuation.
		{"a :param b ;c", "a :param b ;c"},
		{"four.... dots", "four.... dots"},
		{"", ""},
		{"nothing to do", "nothing to do"},
		// Markdown and HTML keep their syntax.
		{"**Manquant :** x", "**Manquant\u00A0:** x"},
		{"<a href=\"https://x.org/?q=1\">lien</a> : ok", "<a href=\"https://x.org/?q=1\">lien</a>\u00A0: ok"},
		{"fin !", "fin\u202F!"},
		{"quoi ?)", "quoi\u202F?)"},
	} {
		if got := French(c.in); got != c.want {
			t.Errorf("French(%q)\n got %s\nwant %s", c.in, show(got), show(c.want))
		}
	}
}

// French is applied to format strings before they are filled: it must not
// change what the verbs are.
func TestFrenchKeepsVerbs(t *testing.T) {
	in := "%d sur %d (%.1f %%) : %s ; %q ?"
	got := French(in)
	if strings.Count(got, "%") != strings.Count(in, "%") {
		t.Fatalf("French(%q) = %q changed the verbs", in, got)
	}
	if French(got) != got {
		t.Errorf("French is not idempotent on %q", got)
	}
}
