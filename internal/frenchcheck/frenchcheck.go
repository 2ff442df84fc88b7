// Package frenchcheck says what a French reader would stumble on in a text
// passation shows in French: a plain space where French typography wants a
// no-break one (before « : ; ? ! », inside « »), a count of 0 or 1 with a
// plural noun (« 1 manquants »), or an English word of passation's own
// vocabulary (skipped, missing, found…) left in a French sentence. Code
// spans, URLs, paths, flags and bracketed ids are not French sentences and
// are left out. The tests of every package that writes French use it, on
// the sentence tables and on real output alike.
package frenchcheck

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
)

// english are words of passation's English output that have a French name
// in the glossary (README, « Configuration (en français) »): seen in a
// French sentence, they are a sentence left untranslated. Severity ids
// (error, warning) are allowed only as ids: in a code span or in brackets.
var english = map[string]bool{
	"skipped": true, "missing": true, "found": true, "error": true, "errors": true,
	"warning": true, "warnings": true, "passed": true, "failed": true, "waived": true,
	"undecided": true, "repository": true, "repositories": true, "could": true,
	"expected": true, "unknown": true, "unreachable": true, "the": true, "and": true,
	"with": true, "not": true, "item": true, "items": true,
}

// invariable are French words ending in s or x that a count of 1 may take.
var invariable = map[string]bool{
	"mois": true, "fois": true, "pas": true, "plus": true, "sous": true, "dans": true,
	"depuis": true, "après": true, "très": true, "temps": true, "cas": true, "accès": true,
	"succès": true, "jamais": true, "puis": true, "lors": true, "avis": true, "prix": true,
	"choix": true, "relais": true, "corps": true, "processus": true, "ainsi": true,
	"parmi": true, "vers": true, "alors": true, "toujours": true, "hors": true,
}

var (
	// A count of 0 or 1 (not part of a larger number, a date or a version)
	// and the word after it.
	count = regexp.MustCompile(`(^|[^\p{L}\p{N}.,:/_-])([01]) (\p{Ll}[\p{L}'-]*)`)
	// Flags and their values are commands, not sentences.
	flagRun = regexp.MustCompile(`--[a-z][a-z0-9-]*(=\S+| (error|warning|notice|never|en|fr)\b)?`)
	// [error], [warning]: a severity shown as an id.
	bracketID = regexp.MustCompile(`\[(error|warning|notice)\]`)
)

// Faults lists what is wrong in s, a French text as shown to users (plain
// text or Markdown; for HTML, give the text of each element). Each fault
// quotes its place.
func Faults(s string) []string {
	var out []string
	prose := Prose(s)
	r := []rune(prose)
	for i, c := range r {
		if c != ' ' {
			continue
		}
		if i+1 < len(r) && strings.ContainsRune(":;?!»", r[i+1]) && endsWord(r, i+1) {
			out = append(out, fmt.Sprintf("plain space before %q: %q", r[i+1], around(r, i)))
		}
		if i > 0 && r[i-1] == '«' {
			out = append(out, fmt.Sprintf("plain space after «: %q", around(r, i)))
		}
	}
	for _, m := range count.FindAllStringSubmatch(prose, -1) {
		w := strings.ToLower(m[3])
		if (strings.HasSuffix(w, "s") || strings.HasSuffix(w, "x")) && !invariable[w] && len([]rune(w)) > 2 {
			out = append(out, fmt.Sprintf("plural after %s: %q", m[2], strings.TrimSpace(m[0])))
		}
	}
	for _, w := range strings.FieldsFunc(unquoted(prose), func(r rune) bool {
		return !unicode.IsLetter(r) && r != '-' && r != '_' && r != '\''
	}) {
		if english[w] || english[strings.ToLower(w)] && unicode.IsUpper([]rune(w)[0]) && strings.ToLower(w[1:]) == w[1:] {
			out = append(out, fmt.Sprintf("English word %q in: %q", w, short(prose)))
		}
	}
	return out
}

// unquoted is s without what « » quote: a heading looked for, a term of
// the repository, the server's own words are quotations, not sentences.
func unquoted(s string) string {
	var b strings.Builder
	depth := 0
	for _, r := range s {
		switch {
		case r == '«':
			depth++
		case r == '»' && depth > 0:
			depth--
		case depth == 0:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Prose is s without what is not French prose: code spans, URLs, paths,
// e-mail addresses, flags with their values and bracketed severity ids,
// each replaced by a placeholder word so that the spaces around it stay.
func Prose(s string) string {
	s = stripCode(s)
	s = flagRun.ReplaceAllString(s, "X")
	s = bracketID.ReplaceAllString(s, "X")
	words := strings.Split(s, " ")
	for i, w := range words {
		if strings.Contains(w, "://") || strings.Contains(w, "@") || strings.ContainsAny(strings.Trim(w, "()«»,.;:"), "/\\") ||
			strings.HasPrefix(w, "mailto:") || strings.HasPrefix(w, "<") {
			words[i] = "X"
		}
	}
	return strings.Join(words, " ")
}

// stripCode replaces each code span (a run of n backticks to the next run
// of exactly n) by "X".
func stripCode(s string) string {
	r := []rune(s)
	var b strings.Builder
	for i := 0; i < len(r); {
		if r[i] != '`' {
			b.WriteRune(r[i])
			i++
			continue
		}
		n := 0
		for i+n < len(r) && r[i+n] == '`' {
			n++
		}
		end := -1
		for j := i + n; j < len(r); {
			if r[j] != '`' {
				j++
				continue
			}
			m := 0
			for j+m < len(r) && r[j+m] == '`' {
				m++
			}
			if m == n {
				end = j
				break
			}
			j += m
		}
		if end < 0 {
			b.WriteString(string(r[i : i+n]))
			i += n
			continue
		}
		b.WriteString("X")
		i = end + n
	}
	return b.String()
}

// endsWord: the punctuation at i is French punctuation, not the start of a
// token (":param", "?q=1").
func endsWord(r []rune, i int) bool {
	if i+1 >= len(r) {
		return true
	}
	n := r[i+1]
	return !(unicode.IsLetter(n) || unicode.IsDigit(n) || n == '/' || n == '_' || n == '-')
}

func around(r []rune, i int) string {
	return string(r[max(0, i-20):min(len(r), i+20)])
}

func short(s string) string {
	if r := []rune(s); len(r) > 120 {
		return string(r[:120]) + "…"
	}
	return s
}
