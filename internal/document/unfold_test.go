package document

import "testing"

func TestUnfold(t *testing.T) {
	cases := map[string]string{
		"Intro.\n\n[À compléter : qui maintient le code]\n": "[À compléter : qui maintient le code]",
		"TODO write it":          "TODO",
		"Texte {{ Équipe }} fin": "{{ Équipe }}",
	}
	for text, want := range cases {
		_, got := Substance(text)
		if got != want {
			t.Errorf("Substance(%q) placeholder = %q, want %q", text, got, want)
		}
	}
}
