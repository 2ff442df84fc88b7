package history_test

import (
	"strings"
	"testing"

	"github.com/passation/passation/internal/history"
)

func TestMailmapForms(t *testing.T) {
	m, err := history.ParseMailmap([]byte(`# The four forms of gitmailmap(5)
Proper Name <one@example.org>
<proper@example.org> <Two@Example.org>
Both Proper <both@example.org> <three@example.org>
Named Proper <named@example.org> Commit Name <four@example.org>

not a mapping line
`))
	if err == nil || !strings.Contains(err.Error(), ".mailmap:7:") {
		t.Errorf("error = %v, want one naming .mailmap:7", err)
	}
	cases := []struct{ in, want history.Identity }{
		{history.Identity{Name: "x", Email: "one@example.org"}, history.Identity{Name: "Proper Name", Email: "one@example.org"}},
		{history.Identity{Name: "Kept", Email: "two@example.org"}, history.Identity{Name: "Kept", Email: "proper@example.org"}},
		{history.Identity{Name: "y", Email: "THREE@example.org"}, history.Identity{Name: "Both Proper", Email: "both@example.org"}},
		{history.Identity{Name: "commit name", Email: "four@example.org"}, history.Identity{Name: "Named Proper", Email: "named@example.org"}},
		{history.Identity{Name: "Someone Else", Email: "four@example.org"}, history.Identity{Name: "Someone Else", Email: "four@example.org"}},
		{history.Identity{Name: "z", Email: "unknown@example.org"}, history.Identity{Name: "z", Email: "unknown@example.org"}},
	}
	for _, c := range cases {
		if got := m.Resolve(c.in); got != c.want {
			t.Errorf("Resolve(%v) = %v, want %v", c.in, got, c.want)
		}
	}
}

// A later line for the same commit identity completes an earlier one, as
// in git: the name from one line, the e-mail from the other.
func TestMailmapLinesCombine(t *testing.T) {
	m, err := history.ParseMailmap([]byte("Jane Doe <jane@old.example>\n<jane@new.example> <jane@old.example>\n"))
	if err != nil {
		t.Fatal(err)
	}
	got := m.Resolve(history.Identity{Name: "jd", Email: "jane@old.example"})
	if want := (history.Identity{Name: "Jane Doe", Email: "jane@new.example"}); got != want {
		t.Errorf("got %v, want %v", got, want)
	}
}

func TestNilMailmapChangesNothing(t *testing.T) {
	var m *history.Mailmap
	id := history.Identity{Name: "a", Email: "b@c"}
	if got := m.Resolve(id); got != id {
		t.Errorf("got %v", got)
	}
}

func FuzzParseMailmap(f *testing.F) {
	f.Add([]byte("Proper Name <p@e> Commit Name <c@e>\n"), "Commit Name", "C@E")
	f.Add([]byte("<<>> <\n>\n#x\n"), "", "")
	f.Fuzz(func(t *testing.T, data []byte, name, email string) {
		m, _ := history.ParseMailmap(data)
		_ = m.Resolve(history.Identity{Name: name, Email: email})
	})
}
