package document

import (
	"bytes"
	"strings"
	"testing"
)

// The inputs that make goldmark quadratic are clamped before parsing
// (goldmark issues 189 and 592): the clamp is tested, not a duration.
func TestTameClampsWhatMakesParsingSlow(t *testing.T) {
	quotes := tame([]byte(strings.Repeat(">", 1000) + " deep\n## Installation\n"))
	if bytes.Count(quotes, []byte(">")) != maxQuoteDepth {
		t.Errorf("quote depth %d, want %d", bytes.Count(quotes, []byte(">")), maxQuoteDepth)
	}
	long := tame([]byte("é" + strings.Repeat("[a](", 5000) + "\nnext line\n"))
	for line := range bytes.Lines(long) {
		if len(line) > maxLineLength+1 {
			t.Errorf("a line of %d bytes survived", len(line))
		}
	}
	if !bytes.HasSuffix(long, []byte("\nnext line\n")) {
		t.Error("the lines after a long one were lost")
	}
	brackets := tame([]byte(strings.Repeat("[a]\n", 3000)))
	if n := bytes.Count(brackets, []byte("[")); n != maxBrackets {
		t.Errorf("%d brackets kept, want %d", n, maxBrackets)
	}
	plain := []byte("# Outil\n\n> une citation\n\n## Installation\n\n[lien](https://example.org)\n")
	if got := tame(plain); !bytes.Equal(got, plain) {
		t.Errorf("an ordinary document was changed:\n%s", got)
	}
	// Headings still read after clamping.
	d := Parse("README.md", []byte(strings.Repeat(">", 5000)+"\n\n## Installation\n\nnpm ci puis npm start pour lancer\n"))
	if len(d.Sections) == 0 || d.Sections[len(d.Sections)-1].Heading != "Installation" {
		t.Errorf("sections after clamping: %+v", d.Sections)
	}
}
