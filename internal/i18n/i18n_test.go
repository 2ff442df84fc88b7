package i18n

import "testing"

func TestIn(t *testing.T) {
	words := Text{"found": {"found", "trouvé"}}
	for _, c := range []struct{ lang, key, want string }{
		{"fr", "found", "trouvé"},
		{"en", "found", "found"},
		{"", "found", "found"},
		{"de", "found", "found"},
		{"fr", "missing-key", "missing-key"},
	} {
		if got := words.In(c.lang, c.key); got != c.want {
			t.Errorf("In(%q, %q) = %q, want %q", c.lang, c.key, got, c.want)
		}
	}
	if !words.Has("found") || words.Has("nope") {
		t.Error("Has")
	}
}
