package check

import "github.com/passation/passation/internal/i18n"

// messages are the fixed sentences of verdicts, in both languages. Rule
// texts live in the rule files; these only frame them.
var messages = i18n.Text{
	"found":            {"Found: %s.", "Trouvé : %s."},
	"unreadable":       {"Could not decide: %v.", "Impossible de décider : %v."},
	"intro":            {"introduction (%d words)", "introduction (%d mots)"},
	"intro-short":      {"introduction too short (%d words)", "introduction trop courte (%d mots)"},
	"desc-intro":       {"an introduction of at least %d words at the top of the README", "une introduction d'au moins %d mots en tête du README"},
	"file":             {"file", "fichier"},
	"section":          {"section %q", "section « %s »"},
	"stub-empty":       {"present but empty", "présent mais vide"},
	"stub-short":       {"present but empty: only %d words", "présent mais vide : %d mots seulement"},
	"stub-tmpl":        {"present but empty: template left unfilled (%q)", "présent mais vide : modèle non rempli (« %s »)"},
	"sec-empty":        {"section %q present but empty", "section « %s » présente mais vide"},
	"sec-setup":        {"section %q only explains how to set the project up", "la section « %s » n'explique que la mise en place du projet"},
	"sec-tmpl":         {"section %q present but empty: template left unfilled (%q)", "section « %s » présente mais vide : modèle non rempli (« %s »)"},
	"desc-files":       {"a file matching %s", "un fichier correspondant à %s"},
	"desc-places":      {" (at the root, in docs/, doc/, documentation/ or .github/)", " (à la racine, dans docs/, doc/, documentation/ ou .github/)"},
	"desc-section":     {"a section titled %s in %s", "une section intitulée %s dans %s"},
	"desc-readme":      {"the README files and docs", "les README et la documentation"},
	"desc-manifest":    {"%s declared in a package manifest or publiccode.yml", "%s déclaré dans un manifeste de paquet ou publiccode.yml"},
	"detail-manifest":  {"declared as %s: %s", "déclaré comme %s : %s"},
	"detail-elsewhere": {"declared elsewhere (%s): %s", "déclaré ailleurs (%s) : %s"},
	"desc-licence-ok":  {"every licence declared (files, manifests, publiccode.yml) identified, the same everywhere, and on the list of article D.323-2-1 of the CRPA for what the repository holds (code, or documents and data)", "toute licence déclarée (fichiers, manifestes, publiccode.yml) identifiée, la même partout, et sur la liste de l'article D.323-2-1 du CRPA pour ce que contient le dépôt (code, ou documents et données)"},
	"lic-disagree":     {"the licences declared disagree: %s", "les licences déclarées diffèrent : %s"},
	"desc-elsewhere":   {"shown, not counted: a README link about %s, or a documentation URL in publiccode.yml", "signalé sans être compté : un lien du README vers %s, ou une URL de documentation dans publiccode.yml"},
	"elsewhere-link":   {"declared elsewhere: %s — not committed; declare it with external: in .passation.yml to count it", "déclaré ailleurs : %s — non versé ; déclarez-le avec external: dans .passation.yml pour qu'il compte"},
	"or":               {" or ", " ou "},
	"diagram":          {"%s diagram in section %q", "schéma %s dans la section « %s »"},
	"diagram-tmpl":     {"%s diagram in section %q present but empty: template left unfilled (%q)", "schéma %s de la section « %s » présent mais vide : modèle non rempli (« %s »)"},
	"diagram-empty":    {"%s diagram in section %q present but empty", "schéma %s de la section « %s » présent mais vide"},
	"diagram-image":    {"image %s in section %q", "image %s dans la section « %s »"},
	"desc-diagram":     {"a diagram (a mermaid, PlantUML or Graphviz block, or an image) in a section titled %s in %s", "un schéma (bloc mermaid, PlantUML ou Graphviz, ou image) dans une section intitulée %s dans %s"},
}

// say returns the fixed sentence key in lang.
func say(lang, key string) string {
	if !messages.Has(key) {
		return historyMessages.In(lang, key)
	}
	return messages.In(lang, key)
}
