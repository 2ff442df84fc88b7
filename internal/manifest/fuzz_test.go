package manifest

import (
	"bytes"
	"strings"
	"testing"
)

// FuzzParse reads any bytes as each kind of manifest: it returns facts or
// an error naming the file, never panics, and keeps no empty value.
func FuzzParse(f *testing.F) {
	for name, text := range samples {
		f.Add(uint8(kindOf(name)), []byte(text))
	}
	f.Add(uint8(kindOf("package.json")), []byte(`{"author": [[[[{}]]]], "license": 3}`))
	f.Add(uint8(kindOf("publiccode.yml")), []byte("maintenance:\n  contractors: {name: x}\n"))
	f.Add(uint8(kindOf("pom.xml")), []byte("<project><developers><developer><name>&amp;</name>"))
	f.Fuzz(func(t *testing.T, kind uint8, data []byte) {
		name := "sub/" + Names[int(kind)%len(Names)]
		facts, err := Parse(name, data)
		if facts == nil {
			t.Fatalf("%s: nil facts (error %v)", name, err)
		}
		if err != nil {
			if !strings.HasPrefix(err.Error(), name+":") {
				t.Fatalf("error %q does not name %s", err, name)
			}
			return
		}
		lines := bytes.Count(data, []byte("\n")) + 1
		for _, group := range [][]Fact{facts.People, facts.Licences, facts.Documentation, facts.Roadmap, facts.Maintenance, facts.Contractors} {
			for _, fact := range group {
				if strings.TrimSpace(fact.Value) == "" || fact.Key == "" {
					t.Fatalf("%s: empty fact %+v", name, fact)
				}
				if fact.Line < 0 || fact.Line > lines {
					t.Fatalf("%s: fact %+v on line %d of %d", name, fact, fact.Line, lines)
				}
			}
		}
		for _, u := range append(facts.Documentation, facts.Roadmap...) {
			if !isURL(u.Value) {
				t.Fatalf("%s: %q kept as a link", name, u.Value)
			}
		}
	})
}

// kindOf is the index of a manifest name in Names.
func kindOf(name string) int {
	for i, n := range Names {
		if strings.EqualFold(n, name) {
			return i
		}
	}
	panic("unknown manifest " + name)
}
