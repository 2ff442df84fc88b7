package yamlfile

import "github.com/passation/passation/internal/i18n"

// words are the messages of this package in French, keyed by their English
// format (Error.In finds them so), with the phrases given as arguments.
var words = Translate(i18n.Text{
	": ": {": ", " : "},
	"file of %d bytes is too large: expected at most %d": {"file of %d bytes is too large: expected at most %d", "fichier trop grand (octets : %d) : attendu au plus %d"},
	"a second YAML document starts here: expected one document (remove the \"---\" line)": {
		"a second YAML document starts here: expected one document (remove the \"---\" line)",
		"un second document YAML commence ici : attendu un seul document (retirez la ligne « --- »)"},
	"invalid YAML: %s":                                   {"invalid YAML: %s", "YAML invalide : `%s`"},
	"%s: expected a string, got %s":                      {"%s: expected a string, got %s", "%s : attendu une chaîne, trouvé %s"},
	"%s: expected a non-empty string":                    {"%s: expected a non-empty string", "%s : attendu une chaîne non vide"},
	"%s: expected a string or a list of strings, got %s": {"%s: expected a string or a list of strings, got %s", "%s : attendu une chaîne ou une liste de chaînes, trouvé %s"},
	"more.one":  {"… and %d more problem", "… et %d autre problème"},
	"more.many": {"… and %d more problems", "… et %d autres problèmes"},
})

// mappingWords are Mapping's sentences, with the mapping named (its name
// after the key) or at the top of the file ("-top").
var mappingFormats = map[string]string{
	"not-key":          "expected a key such as %q in %s, got %s",
	"not-key-top":      "expected a key such as %q, got %s",
	"did-you-mean":     "unknown key %q in %s: did you mean %q?",
	"did-you-mean-top": "unknown key %q: did you mean %q?",
	"unknown-key":      "unknown key %q in %s: expected one of %s",
	"unknown-key-top":  "unknown key %q: expected one of %s",
	"repeated":         "key %q is repeated in %s",
	"repeated-top":     "key %q is repeated",
}

var _ = Translate(i18n.Text{
	"expected a key such as %q in %s, got %s":  {"expected a key such as %q in %s, got %s", "attendu une clé telle que « %s » dans %s, trouvé %s"},
	"expected a key such as %q, got %s":        {"expected a key such as %q, got %s", "attendu une clé telle que « %s », trouvé %s"},
	"unknown key %q in %s: did you mean %q?":   {"unknown key %q in %s: did you mean %q?", "clé inconnue « %s » dans %s : vouliez-vous dire « %s » ?"},
	"unknown key %q: did you mean %q?":         {"unknown key %q: did you mean %q?", "clé inconnue « %s » : vouliez-vous dire « %s » ?"},
	"unknown key %q in %s: expected one of %s": {"unknown key %q in %s: expected one of %s", "clé inconnue « %s » dans %s : attendu l'une de %s"},
	"unknown key %q: expected one of %s":       {"unknown key %q: expected one of %s", "clé inconnue « %s » : attendu l'une de %s"},
	"key %q is repeated in %s":                 {"key %q is repeated in %s", "clé « %s » répétée dans %s"},
	"key %q is repeated":                       {"key %q is repeated", "clé « %s » répétée"},
})
