package document

import (
	"bytes"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/passation/passation/internal/textfold"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// Decode turns file content into UTF-8: UTF-8 as is, UTF-16 when it
// starts with a byte-order mark, otherwise Windows-1252 (a superset of the
// Latin-1 that older French documents use). It reports false for binary
// content.
func Decode(data []byte) (string, bool) {
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		// The mark goes; what follows is still checked, as a file whose
		// later lines were saved in Latin-1 happens.
		data = data[3:]
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		out, err := unicode.UTF16(unicode.BigEndian, unicode.UseBOM).NewDecoder().Bytes(data)
		if err != nil {
			return "", false
		}
		return string(out), true
	}
	head := data
	if len(head) > 8000 {
		head = head[:8000]
	}
	if bytes.IndexByte(head, 0) >= 0 {
		return "", false
	}
	if whole := withoutPartialRune(data); utf8.Valid(whole) {
		return string(whole), true
	}
	out, err := charmap.Windows1252.NewDecoder().Bytes(data)
	if err != nil {
		return "", false
	}
	return string(out), true
}

// withoutPartialRune drops a character cut in the middle at the end, as a
// read capped at MaxRead leaves it, so that UTF-8 text stays UTF-8 rather
// than be taken for Latin-1.
func withoutPartialRune(data []byte) []byte {
	for i := len(data) - 1; i >= 0 && i >= len(data)-utf8.UTFMax; i-- {
		if utf8.RuneStart(data[i]) {
			if !utf8.FullRune(data[i:]) {
				return data[:i]
			}
			break
		}
	}
	return data
}

// placeholders are what templates leave behind when nobody filled them in.
var placeholders = regexp.MustCompile(`(?i)\{\{[^}]*\}\}|\[[^\]]*(a completer|to be completed|todo|tbd|to do|placeholder|insert|votre texte|your text)[^\]]*\]|<[^>]*(a completer|to be completed|todo|placeholder)[^>]*>|lorem ipsum( dolor)?( sit amet)?|\b(todo|tbd|tbc|fixme|wip|xxx)\b|a completer|a rediger|to be completed|to be written|coming soon|en construction|under construction|work in progress|placeholder`)

// boilerplate is the text of README templates that teams copy and leave as
// it is (the widespread "README-Template.md" and its French translations,
// the Vue templates' "Build Setup"):
// its sentences say what a section should hold, never what the project is.
// Matched on folded text, each up to the end of its sentence.
var boilerplate = regexp.MustCompile(`these instructions will get you a copy of the project up and running[^.!?\n]*[.!?]?|see deployment for notes on how to deploy the project[^.!?\n]*[.!?]?|what things you need to install the software and how to install them[^.!?\n]*[.!?]?|a step by step series of examples that tell you how to get a development env(ironment)? running[^.!?\n]*[.!?]?|explain how to run the automated tests for this system[^.!?\n]*[.!?]?|explain what these tests test and why[^.!?\n]*[.!?]?|add additional notes about how to deploy this on a live system[^.!?\n]*[.!?]?|ces instructions vous permettront d'obtenir une copie du projet[^.!?\n]*[.!?]?|end with an example of getting some data out of the system[^.!?\n]*[.!?]?|for a detailed explanation on how things work, check out the[^.!?\n]*[.!?]?`)

// generatorOpening is how the README that a project generator writes opens
// (QGIS Plugin Builder, Create React App, Angular CLI, Next.js, the Vue
// templates, the Gridsome, Gatsby, Nuxt, Vite and SvelteKit starters), once markup is taken away: left as it is, it documents the
// generator, not the project.
var generatorOpening = regexp.MustCompile(`^(plugin builder results|this project was bootstrapped with \[?create react app|this project was generated with (the )?\[?angular cli|this is an? \[?next\.?js\]?|this template should help get you started developing with vue|a vue\.?js project\.?$|default starter for gridsome|gatsby.{0,3}s default starter|nuxt( 3)? minimal starter|this template provides a minimal setup to get react working in vite|everything you need to build a svelte project)`)

// generatorText returns the generator's opening words when a document is
// the README a project generator wrote, "" otherwise.
func generatorText(src []byte) string {
	head := src[:min(len(src), 1024)]
	text := textfold.Fold(htmlTags.ReplaceAllString(string(head), ""))
	text = strings.TrimLeft(text, " \t\r\n")
	// The generator's words open the text, or follow its title.
	seen := 0
	for _, l := range strings.Split(text, "\n") {
		l = strings.TrimSpace(strings.TrimLeft(l, "#>*= \t"))
		if l == "" {
			continue
		}
		if m := generatorOpening.FindString(l); m != "" {
			return m
		}
		if seen++; seen == 2 {
			break
		}
	}
	return ""
}

// boilerplateOnly: the text is a template's sentences and little else.
func boilerplateOnly(text string) bool {
	folded := textfold.Fold(text)
	if !boilerplate.MatchString(folded) {
		return false
	}
	return len(textfold.Words(boilerplate.ReplaceAllString(folded, " "))) < 10
}

// shownBoilerplate is the template sentence a reader is shown.
func shownBoilerplate(text string) string {
	return shownPlaceholder(text, strings.TrimSpace(boilerplate.FindString(textfold.Fold(text))))
}

// filler is the rest of a Lorem ipsum paragraph: whatever Latin follows
// the first words is filler too. (Each block is one line of the text.)
var filler = regexp.MustCompile(`lorem ipsum[^\n]*`)

// substance measures what a text says once template leftovers are taken
// away: its words, and the first placeholder seen (for the reason shown).
func Substance(text string) (words int, placeholder string) {
	folded := textfold.Fold(text)
	if m := placeholders.FindString(folded); m != "" {
		// A template's instruction can be a whole paragraph: its start
		// is enough to recognise it.
		placeholder = shownPlaceholder(text, strings.TrimSpace(m))
	} else if m := boilerplate.FindString(folded); m != "" {
		placeholder = shownPlaceholder(text, strings.TrimSpace(m))
	}
	cleaned := placeholders.ReplaceAllString(filler.ReplaceAllString(folded, " "), " ")
	cleaned = boilerplate.ReplaceAllString(cleaned, " ")
	return len(textfold.Words(cleaned)), placeholder
}

// noteOpening is a placeholder that opens a paragraph, with the rest of its
// sentence: "TODO: write the installation steps.", "À compléter par
// l'équipe." The sentence only says what is missing. Bracketed markers
// ("[À compléter]") are whole placeholders already.
var noteOpening = regexp.MustCompile(`^[^\p{L}\p{N}[<{]*(todo|tbd|tbc|fixme|a completer|a rediger|to be completed|to be written|coming soon|en construction|under construction|work in progress)\b[^.!?]*[.!?]?`)

// noteToSelf reduces a paragraph that opens with a placeholder to that
// placeholder and what follows its first sentence (folded).
func noteToSelf(text string) string {
	folded := textfold.Fold(text)
	m := noteOpening.FindStringSubmatchIndex(folded)
	if m == nil {
		return text
	}
	return folded[m[2]:m[3]] + " " + folded[m[1]:]
}

// unfold finds, in text, the passage that folds to folded, so that a
// reader is shown "[À compléter]" as written rather than "[a completer]".
// It gives folded back when the passage cannot be found cheaply.
func unfold(text, folded string) string {
	if lower := strings.ToLower(text); len(lower) == len(text) {
		if i := strings.Index(lower, folded); i >= 0 {
			return text[i : i+len(folded)]
		}
	}
	// Fold rune by rune from each start, stopping as soon as the folded
	// prefix departs from the match: linear in the text for all but the
	// starts that really begin the passage, and bounded in starts.
	tries := 0
	for i := range text {
		if tries++; tries > 20000 {
			break
		}
		var b strings.Builder
		for j, r := range text[i:] {
			b.WriteString(textfold.Fold(string(r)))
			f := b.String()
			if f == folded {
				return text[i : i+j+utf8.RuneLen(r)]
			}
			if len(f) >= len(folded) || !strings.HasPrefix(folded, f) {
				break
			}
		}
	}
	return folded
}

// shownPlaceholder is the start of a placeholder as the document writes it,
// at most 48 characters.
func shownPlaceholder(text, folded string) string {
	const limit = 48
	if r := []rune(folded); len(r) > limit {
		return unfold(text, string(r[:limit-1])) + "…"
	}
	return unfold(text, folded)
}
