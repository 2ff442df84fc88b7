// Package typo owns French typography: the spaces French puts around its
// punctuation and the ellipsis. passation's French sentences are written
// with ordinary spaces (easy to type and to review); French applies the
// right spaces once, where a French text is looked up, so that a line never
// breaks before a colon or inside guillemets.
package typo

import (
	"strings"
	"unicode"
)

const (
	// NBSP is the no-break space French puts before « : » and inside « ».
	NBSP = '\u00A0'
	// NNBSP is the narrow no-break space French puts before « ; ? ! » and %.
	NNBSP = '\u202F'
)

// French returns s with French spacing: a no-break space before « : » and
// inside « », a narrow no-break space before « ; ? ! » and « % », and "..."
// written « … ». Code spans (`...`), URLs and words that look like paths
// are left as they are; a plain space is replaced by the right one and a
// colon glued to its word (external:, http://, 12:30) gets none, since
// French never glues it and a key or a URL must stay as it is.
func French(s string) string {
	if !needsWork(s) {
		return s
	}
	r := []rune(s)
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(r); {
		c := r[i]
		switch {
		case c == '`':
			// A code span runs from a run of n backticks to the next run
			// of exactly n; without one the backticks are literal.
			n := run(r, i, '`')
			if end := closing(r, i+n, n); end >= 0 {
				b.WriteString(string(r[i : end+n]))
				i = end + n
				continue
			}
			b.WriteString(string(r[i : i+n]))
			i += n
			continue
		case isWordStart(r, i) && protected(word(r, i)):
			w := word(r, i)
			b.WriteString(string(w))
			i += len(w)
			continue
		case c == ' ' && i+1 < len(r):
			if sp, ok := spaceBefore(r, i+1); ok {
				b.WriteRune(sp)
				i++
				continue
			}
		case c == '«':
			b.WriteRune(c)
			i++
			if i < len(r) && (r[i] == ' ' || r[i] == NNBSP) {
				i++ // replaced by the no-break space below
			}
			if i < len(r) && r[i] != NBSP {
				b.WriteRune(NBSP)
			}
			continue
		case c == '»':
			if i > 0 && !unicode.IsSpace(r[i-1]) && r[i-1] != NBSP && r[i-1] != NNBSP {
				b.WriteRune(NBSP)
			}
		case c == '.' && (i == 0 || r[i-1] != '.') && i+2 < len(r) && r[i+1] == '.' && r[i+2] == '.' && (i+3 == len(r) || r[i+3] != '.'):
			b.WriteRune('…')
			i += 3
			continue
		case (c == NBSP || c == NNBSP) && i+1 < len(r):
			// A no-break space already there may still be the wrong one.
			if sp, ok := spaceBefore(r, i+1); ok {
				b.WriteRune(sp)
				i++
				continue
			}
		}
		b.WriteRune(c)
		i++
	}
	return b.String()
}

// needsWork is a quick test that spares the common sentence with nothing
// to change an allocation.
func needsWork(s string) bool {
	return strings.ContainsAny(s, ":;?!%«»") || strings.Contains(s, "...")
}

// spaceBefore tells which space goes before r[i] when a space stands
// there: the punctuation must end its word (followed by a space, the end,
// or more punctuation), so that " :param" or " %s" are left alone.
func spaceBefore(r []rune, i int) (rune, bool) {
	var sp rune
	switch r[i] {
	case ':':
		sp = NBSP
	case ';', '?', '!':
		sp = NNBSP
	case '»':
		return NBSP, true
	case '%':
		// In a format string "%%" is the percent sign; "%d" is a verb.
		if i+1 < len(r) && r[i+1] == '%' {
			return NNBSP, true
		}
		sp = NNBSP
	default:
		return 0, false
	}
	if i+1 < len(r) {
		next := r[i+1]
		if unicode.IsLetter(next) || unicode.IsDigit(next) || next == '/' || next == '_' || next == '-' || next == '`' {
			return 0, false
		}
	}
	return sp, true
}

func run(r []rune, i int, c rune) int {
	n := 0
	for i+n < len(r) && r[i+n] == c {
		n++
	}
	return n
}

// closing finds the next run of exactly n backticks from i, or -1.
func closing(r []rune, i, n int) int {
	for i < len(r) {
		if r[i] != '`' {
			i++
			continue
		}
		m := run(r, i, '`')
		if m == n {
			return i
		}
		i += m
	}
	return -1
}

func isWordStart(r []rune, i int) bool {
	return !unicode.IsSpace(r[i]) && r[i] != '«' && r[i] != '»' && (i == 0 || unicode.IsSpace(r[i-1]) || r[i-1] == '(' || r[i-1] == '«' || r[i-1] == '"')
}

// word is the run of r from i up to the next space.
func word(r []rune, i int) []rune {
	j := i
	for j < len(r) && !unicode.IsSpace(r[j]) && r[j] != '`' && r[j] != '»' {
		j++
	}
	return r[i:j]
}

// protected reports whether w is a URL or a path, whose dots and colons
// belong to it.
func protected(w []rune) bool {
	s := string(w)
	return strings.Contains(s, "://") || strings.HasPrefix(s, "mailto:") || strings.ContainsRune(s, '/') || strings.ContainsRune(s, '\\')
}
