package document

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// seedDocs are Markdown shapes the section reader must take in its stride,
// plus every Markdown document of the detection fixtures.
func seedDocs(f *testing.F) {
	for _, s := range []string{
		"",
		"#",
		"# Titre\n\nIntro.\n\n## Installation\n\n```sh\nnpm ci\n```\n",
		"[![badge](x.svg)](y)\n\n# Outil\n\n## 1. Utilisation\n\nTODO: écrire.\n",
		"Titre\n=====\n\nSous-titre\n----------\n\ntexte\n",
		"#\u00a0Titre insécable\n\n##\u00a0Déploiement\n\nAnsible.\n",
		"Contact : equipe@example.org\n\n**Licence** : MIT\n",
		"## Architecture\n\n```mermaid\nflowchart LR\n  a --> b\n```\n\n![schéma](archi.png)\n",
		"## Architecture\n\n```\n```\n\n```mermaid\n",
		"> ## Quoted heading\n>\n> - [ ] item\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
		"<details>\n<summary>Installation</summary>\n\nnpm ci\n</details>\n",
		"Lorem ipsum dolor sit amet, consectetur adipiscing elit.\n\n{{ placeholder }}\n",
		"# a\r\n\r\n## b\r\n\r\ntext\r\n",
	} {
		f.Add(s, true)
	}
	_ = filepath.WalkDir("../../testdata/detection", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(strings.ToLower(p), ".md") {
			if data, err := os.ReadFile(p); err == nil {
				f.Add(string(data), strings.HasPrefix(strings.ToLower(d.Name()), "readme"))
			}
		}
		return nil
	})
}

// FuzzParseDoc: whatever the text, the section reader returns, places every
// section and diagram block on a line of the document, and gives the same
// document twice.
func FuzzParseDoc(f *testing.F) {
	seedDocs(f)
	f.Fuzz(func(t *testing.T, src string, readme bool) {
		name := "docs/guide.md"
		if readme {
			name = "README.md"
		}
		// The Org and rST readings rewrite lines: they must keep their numbers too.
		switch len(src) % 3 {
		case 1:
			name = strings.TrimSuffix(name, ".md") + ".org"
		case 2:
			name = strings.TrimSuffix(name, ".md") + ".rst"
		}
		d := Parse(name, []byte(src))
		lines := strings.Count(src, "\n") + 1
		inRange := func(what string, l int) {
			if l < 1 || l > lines {
				t.Fatalf("%s at line %d of a %d-line document", what, l, lines)
			}
		}
		if d.IntroWords > 0 {
			inRange("introduction", d.IntroLine)
		}
		for _, s := range d.Sections {
			inRange("section "+s.Heading, s.Line)
			if s.Level < 1 || s.Level > 7 {
				t.Fatalf("section %q: level %d", s.Heading, s.Level)
			}
			for _, fc := range s.Fences {
				inRange("fence", fc.Line)
			}
			_ = s.SetupOnly()
		}
		if again := Parse(name, []byte(src)); !reflect.DeepEqual(d, again) {
			t.Fatalf("two readings differ")
		}
	})
}

// FuzzDecodeText: decoded text is always valid UTF-8, and UTF-8 text (no
// byte-order mark, no NUL) comes back unchanged.
func FuzzDecodeText(f *testing.F) {
	for _, s := range []string{
		"# Démarrage\n", "\xEF\xBB\xBF# Titre\r\n", "\xFF\xFE#\x00 \x00A\x00", "\xFE\xFF\x00#\x00 \x00A",
		"D\xe9marrage \x92 \x80", "a\x00b", "\xFF\xFE\x00", "\xEF\xBB\xBF\xe9t\xe9", "",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		out, ok := Decode(data)
		if ok && !utf8.ValidString(out) {
			t.Fatalf("Decode(%q) = %q: not UTF-8", data, out)
		}
		bom := bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}) || bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF})
		if !bom && utf8.Valid(data) && bytes.IndexByte(data, 0) < 0 && (!ok || out != string(data)) {
			t.Fatalf("Decode(%q) = %q, %v: UTF-8 text changed", data, out, ok)
		}
	})
}

func TestDecodeText(t *testing.T) {
	long := strings.Repeat("Déploiement ", 10)
	cases := []struct {
		name, in, want string
		ok             bool
	}{
		{"UTF-8", "# Équipe\n", "# Équipe\n", true},
		{"UTF-8 with BOM", "\xEF\xBB\xBF# Équipe\r\n", "# Équipe\r\n", true},
		{"BOM then Latin-1", "\xEF\xBB\xBF# \xc9quipe", "# Équipe", true},
		{"Windows-1252", "# D\xe9marrage \x96 l\x92\xe9quipe \x80", "# Démarrage – l’équipe €", true},
		{"UTF-16 LE", "\xFF\xFE#\x00 \x00\xc9\x00t\x00\xe9\x00", "# Été", true},
		{"UTF-16 BE", "\xFE\xFF\x00#\x00 \x00\xc9\x00t\x00\xe9", "# Été", true},
		{"UTF-16 without BOM", "#\x00 \x00A\x00", "", false},
		{"NUL", "\x89PNG\r\n\x1a\n\x00\x00", "", false},
		// A capped read cuts the last "é" in two: still UTF-8, not Latin-1.
		{"cut in a character", long[:len(long)-2] + "\xc3", long[:len(long)-2], true},
	}
	for _, tc := range cases {
		got, ok := Decode([]byte(tc.in))
		if ok != tc.ok || got != tc.want {
			t.Errorf("%s: Decode(%q) = %q, %v; want %q, %v", tc.name, tc.in, got, ok, tc.want, tc.ok)
		}
	}
}
