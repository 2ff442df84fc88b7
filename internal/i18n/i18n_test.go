package i18n

import (
	"errors"
	"testing"
)

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

func TestPlural(t *testing.T) {
	for _, c := range []struct {
		lang string
		n    int
		want string
	}{
		{"fr", 0, "one"}, {"fr", 1, "one"}, {"fr", 2, "many"}, {"fr", 10, "many"},
		{"en", 0, "many"}, {"en", 1, "one"}, {"en", 2, "many"}, {"", 1, "one"},
	} {
		if got := Plural(c.lang, c.n, "one", "many"); got != c.want {
			t.Errorf("Plural(%q, %d) = %s, want %s", c.lang, c.n, got, c.want)
		}
	}
}

func TestCount(t *testing.T) {
	words := Text{
		"missing.one":  {"%d item missing at %s", "%d élément manquant au niveau %s"},
		"missing.many": {"%d items missing at %s", "%d éléments manquants au niveau %s"},
		"commits":      {"%d commits", "%d commits"},
	}
	for _, c := range []struct {
		lang string
		n    int
		want string
	}{
		{"fr", 0, "0 élément manquant au niveau error"},
		{"fr", 1, "1 élément manquant au niveau error"},
		{"fr", 2, "2 éléments manquants au niveau error"},
		{"en", 0, "0 items missing at error"},
		{"en", 1, "1 item missing at error"},
	} {
		if got := words.Count(c.lang, "missing", c.n, "error"); got != c.want {
			t.Errorf("Count(%q, %d) = %q, want %q", c.lang, c.n, got, c.want)
		}
	}
	if got := words.Count("fr", "commits", 3); got != "3 commits" {
		t.Errorf("a key without .one/.many: %q", got)
	}
}

func TestErrorArguments(t *testing.T) {
	inner := Text{"perm": {"permission denied", "permission refusée"}}
	outer := Text{"write": {"write %s: %s", "écriture de %s impossible : %s"}}
	cause := errors.New("the system's error")
	e := outer.Wrap(cause, "write", "x.json", inner.Errorf("perm"))
	if got := e.In("fr"); got != "écriture de x.json impossible\u00a0: permission refusée" {
		t.Errorf("French: %q", got)
	}
	if got := e.Error(); got != "write x.json: permission denied" {
		t.Errorf("English: %q", got)
	}
	if !errors.Is(e, cause) {
		t.Error("the cause is not unwrapped")
	}
}
