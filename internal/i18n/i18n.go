// Package i18n holds the fixed sentences of passation in its two languages.
// Each package keeps its own table (the words belong with the code that
// says them); this package is only the one way they are looked up.
package i18n

// Text maps a key to its English and French forms.
type Text map[string][2]string

// In returns the sentence of key in lang: French for "fr", English
// otherwise. An unknown key comes back as itself, so that a missing entry
// shows in the output instead of leaving a blank.
func (t Text) In(lang, key string) string {
	s, ok := t[key]
	if !ok {
		return key
	}
	if lang == "fr" {
		return s[1]
	}
	return s[0]
}

// Has reports whether the table knows key.
func (t Text) Has(key string) bool {
	_, ok := t[key]
	return ok
}
