// Package safetext makes text that passation did not write (file names,
// commit subjects, a git server's error messages) safe to print: no control
// character reaches a terminal, a CI log or a report, so a file name cannot
// clear a screen, set a window title, write to the clipboard (OSC 52),
// reorder a line with Unicode bidi overrides, or start a GitHub workflow
// command on a line of its own.
package safetext

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Line returns s on one line with every control, format-control (bidi
// overrides and isolates, zero-width joiners…) and invalid byte written as a
// visible escape: "\x1b", "\u202e", "\n". Printable text, accents and
// emoji included, is left as it is.
func Line(s string) string {
	if safe(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n <= 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x80 && unsafe(r):
			fmt.Fprintf(&b, `\x%02x`, r)
		case unsafe(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
		i += n
	}
	return b.String()
}

// Server turns text a remote sent (a git server's error, an HTTP body) into
// one short line: control characters become spaces, runs of spaces one,
// and it is cut at max bytes (on a rune boundary) with "…".
func Server(s string, max int) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToValidUTF8(s, " ") {
		if unicode.IsSpace(r) || unsafe(r) {
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	out := b.String()
	if len(out) > max {
		cut := max
		for cut > 0 && !utf8.RuneStart(out[cut]) {
			cut--
		}
		out = out[:cut] + "…"
	}
	return out
}

func safe(s string) bool {
	for _, r := range s {
		if r == utf8.RuneError || unsafe(r) {
			return false
		}
	}
	return true
}

// unsafe: C0 and C1 controls, DEL, and the format characters (Cf), which
// hold the bidi overrides, isolates and marks, zero-width characters and
// the BOM; plus the line and paragraph separators.
func unsafe(r rune) bool {
	return unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || r == '\u2028' || r == '\u2029'
}
