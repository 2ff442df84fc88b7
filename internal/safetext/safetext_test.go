package safetext

import "testing"

func TestLine(t *testing.T) {
	for in, want := range map[string]string{
		"docs/Guide d'équipe 🚀.md":      "docs/Guide d'équipe 🚀.md",
		"a\x1b]52;c;eA==\x07b":          `a\x1b]52;c;eA==\x07b`,
		"x\u202eyz.md":                  `x\u202eyz.md`,
		"l1\n::error::x":                `l1\n::error::x`,
		"nul\x00 del\x7f c1\u009b":      `nul\x00 del\x7f c1\u009b`,
		"bad \xff utf8":                 `bad \xff utf8`,
		"iso\u2066lated\u2069 zw\u200b": `iso\u2066lated\u2069 zw\u200b`,
	} {
		if got := Line(in); got != want {
			t.Errorf("Line(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestServer(t *testing.T) {
	in := "fatal: nope\n::error::owned\r\n\x1b[31mred\x00\u202e" + string(make([]byte, 70000))
	if got, want := Server(in, 1000), "fatal: nope ::error::owned [31mred"; got != want {
		t.Errorf("Server = %q, want %q", got, want)
	}
	if got, want := Server(in, 20), "fatal: nope ::error:…"; got != want {
		t.Errorf("Server cut = %q, want %q", got, want)
	}
	// Cut on a rune boundary: é is two bytes.
	if got, want := Server("ééé", 3), "é…"; got != want {
		t.Errorf("Server = %q, want %q", got, want)
	}
}
