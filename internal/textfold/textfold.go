// Package textfold makes names and headings comparable the way a reader
// compares them: without case and without accents ("Schéma" = "schema").
package textfold

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Fold lower-cases s and removes its diacritics. ASCII input, by far the
// most common for paths, takes a fast path without allocation when already
// lower-case.
func Fold(s string) string {
	ascii, upper := true, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			ascii = false
			break
		}
		if 'A' <= c && c <= 'Z' {
			upper = true
		}
	}
	if ascii {
		if !upper {
			return s
		}
		return strings.ToLower(s)
	}
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(t, s)
	if err != nil {
		out = s
	}
	out = strings.ToLower(out)
	// Ligatures and letters that do not decompose but that French readers
	// treat as their plain spelling.
	return strings.NewReplacer("œ", "oe", "æ", "ae", "ß", "ss", "’", "'").Replace(out)
}

// Words folds s and splits it into runs of letters and digits:
// "Mise en production !" gives ["mise", "en", "production"].
func Words(s string) []string {
	return strings.FieldsFunc(Fold(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// ContainsPhrase reports whether the word sequence phrase occurs, whole
// words in order, within words. A phrase word ending in "*" matches any word
// it begins ("install*" matches "installation" and "installer").
func ContainsPhrase(words, phrase []string) bool {
	if len(phrase) == 0 {
		return false
	}
outer:
	for i := 0; i+len(phrase) <= len(words); i++ {
		for j, p := range phrase {
			if !wordMatches(words[i+j], p) {
				continue outer
			}
		}
		return true
	}
	return false
}

func wordMatches(word, pattern string) bool {
	if prefix, ok := strings.CutSuffix(pattern, "*"); ok {
		return strings.HasPrefix(word, prefix)
	}
	return word == pattern || lightStem(word) == pattern
}

// lightStem takes off what only inflects a heading's word, so that it
// matches a phrase written in the base form: plurals ("exemples",
// "features"), English -ing and -ed ("launching", "running" and "launched"
// are "launch", "run"). The phrase is taken as written: a plural there
// ("vidéos") asks for the plural, and "## Vidéo d'exemple" is not it. It stems
// nothing shorter than five letters, where such endings are the word itself
// ("news", "using" stay).
func lightStem(w string) string {
	if len(w) < 5 {
		return w
	}
	for _, suffix := range []string{"ing", "ed"} {
		if stem, ok := strings.CutSuffix(w, suffix); ok && len(stem) >= 3 {
			// "running" → "runn" → "run"
			if n := len(stem); n >= 2 && stem[n-1] == stem[n-2] && !strings.ContainsRune("ls", rune(stem[n-1])) {
				stem = stem[:n-1]
			}
			return stem
		}
	}
	if strings.HasSuffix(w, "ss") {
		return w
	}
	if stem, ok := strings.CutSuffix(w, "s"); ok {
		return stem
	}
	if stem, ok := strings.CutSuffix(w, "x"); ok {
		return stem
	}
	return w
}
