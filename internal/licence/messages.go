package licence

import (
	"fmt"
	"strings"

	"github.com/passation/passation/internal/i18n"
)

// messages are this package's sentences, in both languages.
var messages = i18n.Text{
	"ok":         {"%s, authorised for public administrations' code", "%s, autorisée pour le code des administrations"},
	"reciprocal": {"%s, authorised for public administrations' code (with reciprocity)", "%s, autorisée pour le code des administrations (avec réciprocité)"},
	"data":       {"%s, authorised for public administrations' documents and data", "%s, autorisée pour les documents et données des administrations"},
	"not-listed": {"%s, not on the list of licences authorised for public administrations (CRPA art. D.323-2-1)", "%s, absente de la liste des licences autorisées pour les administrations (article D. 323-2-1 du CRPA)"},
	"data-on-code": {"%s is on the list of article D.323-2-1 for documents and data, not for source code, and this repository holds code (%s): put the code under a software licence of the list (e.g. MIT, Apache-2.0, EUPL-1.2), keep %s for the documents, and say in the README which applies to what",
		"%s figure sur la liste de l'article D. 323-2-1 pour les documents et données, pas pour le code source, et ce dépôt contient du code (%s) : placez le code sous une licence logicielle de la liste (par ex. MIT, Apache-2.0, EUPL-1.2), gardez %s pour les documents, et dites dans le README laquelle s'applique à quoi"},
	"data-unsure": {"%s is on the list of article D.323-2-1 for documents and data, not for source code, and this repository shows neither code nor documents besides its README: commit the documents or data it publishes, or use a software licence of the list",
		"%s figure sur la liste de l'article D. 323-2-1 pour les documents et données, pas pour le code source, et ce dépôt ne montre ni code ni documents hormis son README : ajoutez au dépôt les documents ou données qu'il publie, ou choisissez une licence logicielle de la liste"},
	"unknown": {"licence not recognised", "licence non reconnue"},
	"not-open": {"%s, not on the list of licences authorised for public administrations (CRPA art. D.323-2-1): its NonCommercial or NoDerivatives clause makes it no open licence at all",
		"%s, absente de la liste des licences autorisées pour les administrations (article D. 323-2-1 du CRPA) : sa clause Pas d'utilisation commerciale ou Pas de modification en fait une licence non ouverte"},
	"unidentified": {"licence present but not identified (first line: “%s”): commit the full, unmodified text of a licence of the list, or declare its SPDX id in the project's manifest",
		"licence présente mais non identifiée (première ligne : « %s ») : ajoutez le texte intégral, non modifié, d'une licence de la liste, ou déclarez son identifiant SPDX dans le manifeste du projet"},
	"expr-ok":     {"%s, authorised for public administrations' code (%s)", "%s, autorisée pour le code des administrations (%s)"},
	"expr-data":   {"%s, authorised for public administrations' documents and data (%s)", "%s, autorisée pour les documents et données des administrations (%s)"},
	"expr-not":    {"%s, not satisfied by the licences of the list (CRPA art. D.323-2-1): an OR needs one of them, an AND all (%s)", "%s, que les licences de la liste ne satisfont pas (article D. 323-2-1 du CRPA) : un OR en demande une, un AND toutes (%s)"},
	"op-listed":   {"%s on the list", "%s sur la liste"},
	"op-sep":      {"; ", " ; "},
	"op-data":     {"%s on the list for documents and data", "%s sur la liste pour les documents et données"},
	"op-unlisted": {"%s not on the list", "%s absente de la liste"},
	"text-fr":     {"%s (%s, French text)", "%s (%s, texte français)"},
	"text-en":     {"%s (%s, English text)", "%s (%s, texte anglais)"},
}

// Label names a licence identified in a file: its id, and the licence and
// language of a text recognised by its clauses ("CECILL-2.1 (CeCILL 2.1,
// French text)").
func Label(id string, t Title, lang string) string {
	if t.Name == "" {
		return id
	}
	key := "text-en"
	if t.Lang == "fr" {
		key = "text-fr"
	}
	return fmt.Sprintf(messages.In(lang, key), id, t.Name)
}

// Describe says where a declaration stands on the list for a repository
// of scope. label names it (Label for a file, the manifest's text
// otherwise); code lists a few of the repository's source files, quoted
// when a licence for documents covers code.
func Describe(d Declaration, label string, scope Scope, code []string, lang string) string {
	say := func(key string, args ...any) string { return fmt.Sprintf(messages.In(lang, key), args...) }
	if len(d.Operands) == 0 {
		return messages.In(lang, "unknown")
	}
	if d.Expression() {
		var ops []string
		for _, id := range d.Operands {
			switch {
			case Check(id) == ForData:
				ops = append(ops, say("op-data", id))
			case Allowed(id, Software):
				ops = append(ops, say("op-listed", id))
			default:
				ops = append(ops, say("op-unlisted", id))
			}
		}
		switch {
		case !d.Allowed(scope):
			return say("expr-not", label, strings.Join(ops, messages.In(lang, "op-sep")))
		case !d.Allowed(Software):
			return say("expr-data", label, strings.Join(ops, messages.In(lang, "op-sep")))
		}
		return say("expr-ok", label, strings.Join(ops, messages.In(lang, "op-sep")))
	}
	id := d.Operands[0]
	switch st := Check(id); {
	case st == ForData && scope == Software && len(code) == 0:
		return say("data-unsure", label)
	case st == ForData && scope == Software:
		return say("data-on-code", label, strings.Join(code, ", "), id)
	case st == Authorised:
		return say("ok", label)
	case st == Reciprocal:
		return say("reciprocal", label)
	case st == ForData:
		return say("data", label)
	case strings.HasPrefix(id, "CC-") && (strings.Contains(id, "-NC") || strings.Contains(id, "-ND")):
		return say("not-open", label)
	}
	return say("not-listed", label)
}

// Unidentified is what a report says of a licence file whose text names
// no licence, quoting its first line.
func Unidentified(firstLine, lang string) string {
	return fmt.Sprintf(messages.In(lang, "unidentified"), firstLine)
}
