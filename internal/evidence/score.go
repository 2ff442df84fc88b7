package evidence

import (
	"fmt"
	"path"
	"strings"

	"github.com/passation/passation/internal/document"
	"github.com/passation/passation/internal/i18n"
	"github.com/passation/passation/internal/project"
)

// A section that counts is scored on the signals a careful reader weighs:
// how the heading says it, how much the section says, and where it stands.
// The best-scored place is the one a verdict names, and --explain shows
// each score with the signals that made it. Hand-weighted: the weights are
// the table below, and every score is their sum, so a reader can redo it.

// sectionWeights are the points of each signal.
var sectionWeights = map[string]int{
	"heading-whole":    3, // the heading is the phrase: "## Installation"
	"heading-opens":    2, // it opens with it: "## Installation locale"
	"heading-contains": 1, // it holds it among other words: "## Guide d'installation rapide"
	"words-long":       2, // 150 words or more under it
	"words-some":       1, // 40 words or more
	"own-text":         1, // text of its own before its subsections
	"top-level":        1, // a title or a chapter (level 1 or 2)
	"main-document":    1, // the root README or a page of a documentation folder
}

var scoreWords = i18n.Text{
	"heading-whole":    {"heading is the phrase", "le titre est l'expression même"},
	"heading-opens":    {"heading opens with the phrase", "le titre commence par l'expression"},
	"heading-contains": {"heading holds the phrase", "le titre contient l'expression"},
	"words.one":        {"%d word", "%d mot"},
	"words.many":       {"%d words", "%d mots"},
	"own-text":         {"text of its own", "du texte à elle, avant ses sous-sections"},
	"top-level":        {"level %d heading", "titre de niveau %d"},
	"main-document":    {"at the root or in the docs", "à la racine ou dans la documentation"},
}

// headingMatch says how a heading holds the phrase that matched it.
type headingMatch int

const (
	noMatch headingMatch = iota
	containsPhrase
	opensWithPhrase
	isPhrase
)

// scoreSection sums the signals of a section that counts and says them in
// lang, each with its points.
func scoreSection(p string, sec *document.Section, m headingMatch, lang string) (int, string) {
	total := 0
	var said []string
	add := func(key, text string) {
		total += sectionWeights[key]
		said = append(said, fmt.Sprintf("%s +%d", text, sectionWeights[key]))
	}
	switch m {
	case isPhrase:
		add("heading-whole", scoreWords.In(lang, "heading-whole"))
	case opensWithPhrase:
		add("heading-opens", scoreWords.In(lang, "heading-opens"))
	case containsPhrase:
		add("heading-contains", scoreWords.In(lang, "heading-contains"))
	}
	switch {
	case sec.BodyWords >= 150:
		add("words-long", scoreWords.Count(lang, "words", sec.BodyWords))
	case sec.BodyWords >= 40:
		add("words-some", scoreWords.Count(lang, "words", sec.BodyWords))
	}
	if sec.OwnWords >= 3 {
		add("own-text", scoreWords.In(lang, "own-text"))
	}
	if sec.Level <= 2 {
		add("top-level", fmt.Sprintf(scoreWords.In(lang, "top-level"), sec.Level))
	}
	if mainDocument(p) {
		add("main-document", scoreWords.In(lang, "main-document"))
	}
	return total, strings.Join(said, ", ")
}

// mainDocument: a document at the root (the README, MAINTAINERS.md), or a
// page of a documentation folder at the root (project.DocRoot), where a
// successor looks first; not a sub-project's README.
func mainDocument(p string) bool {
	dir := path.Dir(p)
	return dir == "." || project.DocRoot(strings.ToLower(strings.SplitN(dir, "/", 2)[0]))
}
