// Package i18n holds the fixed sentences of passation in its two languages.
// Each package keeps its own table (the words belong with the code that
// says them); this package is only the one way they are looked up.
package i18n

import (
	"fmt"

	"github.com/passation/passation/internal/typo"
)

// Text maps a key to its English and French forms.
type Text map[string][2]string

// In returns the sentence of key in lang: French for "fr", English
// otherwise. An unknown key comes back as itself, so that a missing entry
// shows in the output instead of leaving a blank. French comes with its
// typography (typo.French): the tables are written with plain spaces, and
// this is the one place every French sentence passes through.
func (t Text) In(lang, key string) string {
	s, ok := t[key]
	if !ok {
		return key
	}
	if lang == "fr" {
		return typo.French(s[1])
	}
	return s[0]
}

// Has reports whether the table knows key.
func (t Text) Has(key string) bool {
	_, ok := t[key]
	return ok
}

// Error is an error whose sentence exists in both languages: Error gives
// the English one, In the sentence of a report's language.
type Error struct {
	text  Text
	key   string
	args  []any
	cause error
}

// Errorf makes an error of key, filled with args, from the table.
func (t Text) Errorf(key string, args ...any) *Error { return &Error{text: t, key: key, args: args} }

// Wrap is Errorf for an error caused by another, which errors.Is and
// errors.As still find (a file that exists, a refused permission).
func (t Text) Wrap(cause error, key string, args ...any) *Error {
	return &Error{text: t, key: key, args: args, cause: cause}
}

func (e *Error) Error() string { return e.In("en") }

// Unwrap is the error that caused this one, if any.
func (e *Error) Unwrap() error { return e.cause }

// In returns the error's sentence in lang. An argument that says itself in
// both languages (another Error, the system's reason) is said in lang too,
// so that a French sentence never quotes an English one.
func (e *Error) In(lang string) string {
	args := make([]any, len(e.args))
	for i, a := range e.args {
		if l, ok := a.(Lingual); ok {
			a = l.In(lang)
		}
		args[i] = a
	}
	return fmt.Sprintf(e.text.In(lang, e.key), args...)
}

// Lingual is what says itself in either language.
type Lingual interface{ In(lang string) string }

// Singular reports whether a count of n takes the singular in lang: in
// French 0 and 1 do (« 0 élément manquant »), in English only 1 does.
func Singular(lang string, n int) bool {
	if lang == "fr" {
		return n >= -1 && n <= 1
	}
	return n == 1 || n == -1
}

// Plural returns one or many, whichever agrees with a count of n in lang.
func Plural(lang string, n int, one, many string) string {
	if Singular(lang, n) {
		return one
	}
	return many
}

// Count returns the sentence of key for a count of n, filled with n and
// then args: the table holds key+".one" and key+".many" (a key without
// them is used for both), so that each language agrees the count its way.
func (t Text) Count(lang, key string, n int, args ...any) string {
	return fmt.Sprintf(t.For(lang, key, n), append([]any{n}, args...)...)
}

// For returns the sentence (unfilled) of key that agrees with a count of n,
// for a sentence whose count is not its first argument.
func (t Text) For(lang, key string, n int) string {
	k := key + Plural(lang, n, ".one", ".many")
	if !t.Has(k) {
		k = key
	}
	return t.In(lang, k)
}
