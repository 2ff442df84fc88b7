package evidence

import (
	"github.com/passation/passation/internal/i18n"
	"github.com/passation/passation/internal/yamlfile"
)

// compileWords are the problems of an evidence item of a rule file, in
// both languages: a rule file's author reads them at its file and line.
var compileWords = i18n.Text{
	"regexp":         {"invalid regular expression `%s`: %s", "expression régulière `%s` non valide : `%s`"},
	"regexp-ascii-b": {"regular expression `%s`: `\\b` is an ASCII word boundary and never stands next to `%s`, so this part never matches; write `(?:^|[^\\p{L}\\p{N}_])` before a word that opens on an accented letter, `(?:[^\\p{L}\\p{N}_]|$)` after one that ends on it", "expression régulière `%s` : `\\b` est une limite de mot ASCII et ne se trouve jamais à côté de « %s », cette partie ne correspond donc jamais ; écrivez `(?:^|[^\\p{L}\\p{N}_])` devant un mot qui commence par une lettre accentuée, `(?:[^\\p{L}\\p{N}_]|$)` après un mot qui finit par elle"},
	"word":           {"word %q: expected one word of letters and digits", "mot « %s » : attendu un seul mot de lettres et de chiffres"},
	"link-phrase":    {"link phrase %q has no words", "la phrase de lien « %s » n'a aucun mot"},
	"intro":          {"expected readme-intro: true", "attendu `readme-intro: true`"},
	"licence":        {"expected licence: present or licence: authorised", "attendu `licence: present` ou `licence: authorised`"},
	"manifest":       {"unknown manifest fact %q: expected people, licence, documentation or roadmap", "fait de manifeste inconnu « %s » : attendu `people`, `licence`, `documentation` ou `roadmap`"},
	"publiccode":     {"expected publiccode-maintenance: true", "attendu `publiccode-maintenance: true`"},
	"heading":        {"heading %q has no words", "le titre « %s » n'a aucun mot"},
	"heading-end":    {"heading %q: a phrase that ends with $ is the whole heading and opens with ^ (\"^le projet$\")", "titre « %s » : une expression terminée par $ est le titre entier et commence par ^ (« ^le projet$ »)"},
	"not-about":      {"with not-about: %q: expected one word (a trailing * makes it a prefix)", "paramètre not-about de `with` : « %s » : attendu un seul mot (un * final en fait un préfixe)"},
	"not-under":      {"with not-under: %q: expected one folder name, such as helm* or elk", "paramètre not-under de `with` : « %s » : attendu un seul nom de dossier, par exemple helm* ou elk"},
	"not-named":      {"with not-named: %q: expected one document name without extension, such as developpement*", "paramètre not-named de `with` : « %s » : attendu un seul nom de document sans extension, par exemple developpement*"},
	"one-value.many": {"with %s: expected one value, got %d", "paramètre %s de `with` : attendu une seule valeur, reçu %d"},
	"with":           {"with %s: %s", "paramètre %s de `with` : %s"},
	"boolean":        {"with %s: expected true or false, got %q", "paramètre %s de `with` : attendu true ou false, reçu « %s »"},
	"number":         {"with %s: expected a whole number, got %q", "paramètre %s de `with` : attendu un nombre entier, reçu « %s »"},
	"rule-id":        {"with %s: %q is not a rule id", "paramètre %s de `with` : « %s » n'est pas un identifiant de règle"},
	"param":          {"unknown parameter %q: expected %s", "paramètre inconnu « %s » : attendu %s"},
	"param-none":     {"unknown parameter %q: this kind takes none", "paramètre inconnu « %s » : ce type n'en prend aucun"},
	"param-typo":     {"unknown parameter %q: did you mean %q?", "paramètre inconnu « %s » : vouliez-vous dire « %s » ?"},
	"one-of":         {"expected one of %s", "attendu l'un de %s"},
	"typo":           {"did you mean %q?", "vouliez-vous dire « %s » ?"},
	"documents-of":   {"with documents-of: expected the ids of the rules whose documents to date", "paramètre documents-of de `with` : attendu les identifiants des règles dont dater les documents"},
	"history":        {"unknown history fact %q: %s", "fait d'historique inconnu « %s » : %s"},
}

// registryProblems are the problems of an evidence item as the rule file
// shows them, keyed by their English format (yamlfile.Translate).
var registryProblems = yamlfile.Translate(i18n.Text{
	"rule %q: unknown evidence kind %q: %s": {"rule %q: unknown evidence kind %q: %s", "règle « %s » : type de preuve inconnu « %s » : %s"},
	"rule %q: %s: %v":                       {"rule %q: %s: %v", "règle « %s » : %s : %v"},
})
