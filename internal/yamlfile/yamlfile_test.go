package yamlfile

import (
	"errors"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

func TestParseLocatesSyntaxErrors(t *testing.T) {
	cases := map[string]struct {
		src  string
		want string // Pos and the start of the message
	}{
		"tab indentation":  {"profile: eig\nwaivers:\n  - rule: pitch\n\treason: x\n", "f.yml:4:1: invalid YAML: found character '\t' that cannot start any token"},
		"unclosed list":    {"profile: eig\nignore: [a, b\nlang: fr\n", "f.yml:3:1: invalid YAML: ',' or ']' must be specified"},
		"bad indentation":  {"profile: eig\nwaivers:\n  - rule: pitch\n    reason: x\n   owner: y\n", "f.yml:5:4: invalid YAML:"},
		"unclosed quote":   {"profile: \"eig\nlang: fr\n", "f.yml:1:10: invalid YAML: could not find end character of double-quoted text"},
		"value after key":  {"a: b: c\n", "f.yml:1:4: invalid YAML: mapping value is not allowed in this context"},
		"reserved char":    {"x: @foo\n", "f.yml:1:4: invalid YAML: '@' is a reserved character"},
		"unknown alias":    {"x: *nope\n", "f.yml:1:1: invalid YAML: unknown anchor 'nope' referenced"},
		"second document":  {"a: 1\n---\nb: 2\n", "f.yml:2:1: a second YAML document starts here"},
		"unclosed mapping": {"overrides:\n  roadmap: {severity: error\n", "f.yml:2:12: invalid YAML: could not find flow mapping end token '}'"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := Parse("f.yml", []byte(tc.src))
			var ye *Error
			if !errors.As(err, &ye) {
				t.Fatalf("got %v, want a positioned error", err)
			}
			if !strings.HasPrefix(ye.Error(), tc.want) {
				t.Errorf("got  %q\nwant %q…", ye.Error(), tc.want)
			}
			if ye.Source != Line([]byte(tc.src), ye.Pos.Line) {
				t.Errorf("source line %q is not line %d of the file", ye.Source, ye.Pos.Line)
			}
		})
	}
}

func TestParseEmptyAndValid(t *testing.T) {
	for _, src := range []string{"", "# only a comment\n", "---\n"} {
		n, err := Parse("f.yml", []byte(src))
		if err != nil || n != nil {
			t.Errorf("Parse(%q) = %v, %v; want nil, nil", src, n, err)
		}
	}
	n, err := Parse("f.yml", []byte("a: 1\n"))
	if err != nil || n == nil || n.Kind != yaml.MappingNode {
		t.Fatalf("Parse of a mapping: %v %v", n, err)
	}
	big := make([]byte, MaxSize+1)
	if _, err := Parse("f.yml", big); err == nil || !strings.Contains(err.Error(), "too large") {
		t.Errorf("oversized file: %v", err)
	}
}

func TestFormatShowsLineAndCaret(t *testing.T) {
	e := &Error{Pos: Pos{File: ".passation.yml", Line: 12, Col: 12}, Msg: "bad date", Source: "\tuntil:     2026-13-01"}
	got := Format(errors.Join(e, errors.New("plain problem")))
	want := ".passation.yml:12:12: bad date\n" +
		"  12 | \tuntil:     2026-13-01\n" +
		"     | \t          ^\n" +
		"plain problem\n"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestFormatCutsLongLines(t *testing.T) {
	line := strings.Repeat("a", 300) + "X" + strings.Repeat("b", 300)
	got := Format(&Error{Pos: Pos{File: "f", Line: 1, Col: 301}, Msg: "m", Source: line})
	lines := strings.Split(got, "\n")
	if len([]rune(lines[1])) > 120 {
		t.Errorf("excerpt line not cut: %d runes", len([]rune(lines[1])))
	}
	caret := len([]rune(lines[2][:strings.IndexRune(lines[2], '^')]))
	x := len([]rune(lines[1][:strings.IndexRune(lines[1], 'X')]))
	if caret != x {
		t.Errorf("caret at %d, offending character at %d:\n%s", caret, x, got)
	}
}

func TestDocMappingSuggests(t *testing.T) {
	src := "profile: eig\nwiavers: []\nprofile: core\nzzzzzz: 1\n"
	n, err := Parse("c.yml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	d := &Doc{File: "c.yml", Src: []byte(src)}
	keys := d.Mapping(n, nil, "profile", "waivers", "ignore")
	if keys["profile"] == nil || keys["profile"].Value != "eig" {
		t.Errorf("profile not read: %+v", keys)
	}
	got := Format(d.Err())
	for _, want := range []string{
		`c.yml:2:1: unknown key "wiavers": did you mean "waivers"?`,
		`c.yml:3:1: key "profile" is repeated`,
		`c.yml:4:1: unknown key "zzzzzz": expected one of profile, waivers, ignore`,
		"  2 | wiavers: []\n    | ^\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in\n%s", want, got)
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte("profile: eig\n"))
	f.Add([]byte("a: [1, {b: c\n"))
	f.Add([]byte("\t- x: y\n  : z"))
	f.Fuzz(func(t *testing.T, data []byte) {
		n, err := Parse("f.yml", data)
		if err != nil {
			_ = Format(err)
			return
		}
		if n != nil {
			d := &Doc{File: "f.yml", Src: data}
			d.Mapping(n, nil, "a", "b")
			d.Strings(n, "x")
			_ = Format(d.Err())
		}
	})
}
