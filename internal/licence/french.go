package licence

import (
	"regexp"
	"strings"

	"github.com/passation/passation/internal/textfold"
)

// French public bodies commit the French texts of the CeCILL licences and
// the Licence Ouverte, which google/licensecheck does not know (it has the
// English CeCILL texts and one layout of the Licence Ouverte 2.0). Rather
// than carry whole templates, frenchText recognises them by what every
// copy keeps: the title, the version, and the headings or defined terms of
// the clauses. A README that only names a licence has the title but not
// the clauses, and is no licence text.

// Title is how a report names a licence text recognised by its clauses:
// the licence and version as its authors write them, and the language of
// the text ("fr" or "en").
type Title struct {
	Name string // "CeCILL 2.1", "Licence Ouverte 2.0"
	Lang string
}

// frenchMatch is a licence text recognised by its clauses.
type frenchMatch struct {
	id       string
	title    Title
	coverage float64 // share of the invariant clauses found, in percent
}

// cecillClauses are the thirteen article headings of the French CeCILL
// texts (2.1, B and C alike), and the governing-law clause.
var cecillClauses = []string{
	"article 1 definitions", "article 2 objet", "article 3 acceptation",
	"article 4 entree en vigueur et duree", "article 5 etendue des droits concedes",
	"article 6 propriete intellectuelle", "article 7 services associes", "article 8 responsabilite",
	"article 9 garantie", "article 10 resiliation", "article 11 dispositions diverses",
	"article 12 nouvelles versions du contrat", "article 13 loi applicable et competence territoriale",
	"le contrat est regi par la loi francaise",
}

// The title of a French CeCILL text, and its version line ("Version 2.1
// du 2013-06-21", at the top of 2.1 and at the end of B and C), once
// folded to words.
var (
	cecillTitle   = regexp.MustCompile(`contrat de licence de logiciel libre cecill(?: (b|c))?\b`)
	cecillVersion = regexp.MustCompile(`\bversion (\d) (\d) du \d{4} \d\d \d\d\b`)
)

// The Licence Ouverte names itself in both languages whatever the language
// of the text; its defined terms say which language that is.
var (
	openTitle   = regexp.MustCompile(`licence ouverte.{0,12}open licence|open licence.{0,12}licence ouverte`)
	openVersion = regexp.MustCompile(`\bversion (\d) (\d)\b`)
	openTerms   = map[string][]string{
		"fr": {"concedant", "reutilisateur", "reutilisation", "information derivee", "droit applicable", "responsabilite"},
		"en": {"grantor", "reuser", "reuse", "derivative information", "applicable legislation", "liability"},
	}
)

// minClauses is how many of the invariant clauses a text must keep to be
// the licence rather than a mention of it: most, allowing for a heading
// reworded in a Markdown copy.
const minCecillClauses = 11

// frenchText recognises the French CeCILL texts and the Licence Ouverte.
func frenchText(text []byte) (frenchMatch, bool) {
	words := foldWords(string(text))
	if m := cecillTitle.FindStringSubmatchIndex(words); m != nil {
		return cecill(words, m)
	}
	if loc := openTitle.FindStringIndex(words); loc != nil {
		return openLicence(words, loc[0])
	}
	return frenchMatch{}, false
}

func cecill(words string, title []int) (frenchMatch, bool) {
	found := 0
	for _, c := range cecillClauses {
		if strings.Contains(words, c) {
			found++
		}
	}
	if found < minCecillClauses {
		return frenchMatch{}, false
	}
	variant := ""
	if title[2] >= 0 {
		variant = strings.ToUpper(words[title[2]:title[3]])
	}
	version := ""
	if v := cecillVersion.FindStringSubmatch(words); v != nil {
		version = v[1] + "." + v[2]
	}
	m := frenchMatch{coverage: 100 * float64(found) / float64(len(cecillClauses))}
	switch {
	case variant != "":
		// CeCILL-B and CeCILL-C have had one version, 1.0; SPDX names
		// them without it.
		if version == "" {
			version = "1.0"
		}
		m.id = "CECILL-" + variant
		m.title = Title{Name: "CeCILL-" + variant + " " + version, Lang: "fr"}
	case version != "":
		m.id = "CECILL-" + version
		m.title = Title{Name: "CeCILL " + version, Lang: "fr"}
	default:
		// A CeCILL text without its version cannot be told from the
		// 1.0 and 2.0 that the list does not name.
		return frenchMatch{}, false
	}
	return m, true
}

func openLicence(words string, at int) (frenchMatch, bool) {
	best, lang := 0, ""
	for l, terms := range openTerms {
		n := 0
		for _, t := range terms {
			if strings.Contains(words, t) {
				n++
			}
		}
		if n > best {
			best, lang = n, l
		}
	}
	if best < 4 {
		return frenchMatch{}, false
	}
	version := "2.0"
	if v := openVersion.FindStringSubmatch(words[at:]); v != nil {
		version = v[1] + "." + v[2]
	}
	m := frenchMatch{coverage: 100 * float64(best) / float64(len(openTerms[lang]))}
	switch version {
	case "2.0":
		m.id = "etalab-2.0"
	case "1.0":
		// SPDX has no id for the first version (2011), which the list,
		// written for version 2.0, does not name.
		m.id = "LicenseRef-etalab-1.0"
	default:
		return frenchMatch{}, false
	}
	name := "Licence Ouverte " + version
	if lang == "en" {
		name = "Open Licence " + version
	}
	m.title = Title{Name: name, Lang: lang}
	return m, true
}

var nonWord = regexp.MustCompile(`[^a-z0-9]+`)

// foldWords lower-cases text, removes accents and keeps only words and
// numbers, one space apart: Markdown, HTML entities of layout, line breaks
// and typographic quotes then make no difference.
func foldWords(s string) string {
	return strings.TrimSpace(nonWord.ReplaceAllString(textfold.Fold(s), " "))
}
