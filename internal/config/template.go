package config

import (
	"fmt"
	"strings"

	"github.com/passation/passation/internal/catalog"
	"github.com/passation/passation/internal/i18n"
)

// SchemaURL is where editors find the configuration's JSON Schema.
const SchemaURL = "https://raw.githubusercontent.com/passation/passation/main/internal/config/schema/config.schema.json"

// templateText holds the comments of the file `passation init` writes, in
// both languages. Lines that are settings start with "#" and no space
// ("#lang: fr"), or "#" and two spaces when indented: remove the "#" to
// use them. Prose starts with "# ".
var templateText = i18n.Text{
	"head": {
		"# passation configuration for this repository. Command-line flags win over this file;\n# this file wins over the profile; the profile wins over each rule's default.\n# Remove the \"#\" in front of a setting to use it. passation check --print-config shows the result.",
		"# Configuration de passation pour ce dépôt. Les options de la ligne de commande l'emportent\n# sur ce fichier, ce fichier sur le profil, le profil sur le niveau par défaut de chaque règle.\n# Retirez le « # » devant un réglage pour l'utiliser. passation check --print-config montre le résultat.",
	},
	"profile": {"# The rule profile: %s.", "# Le profil de règles : %s."},
	"lang":    {"# Language of the report: en or fr (default: from the environment).", "# Langue du rapport : en ou fr (par défaut : celle de l'environnement)."},
	"fail-on": {"# passation check exits 1 when an item at or above this level is missing: error, warning, notice, never.", "# passation check sort en erreur (code 1) s'il manque un élément de ce niveau ou supérieur : `error`, `warning`, `notice` ou `never`."},
	"rules":   {"# Folders of this repository with rule files of your own, in the format of passation's rules/\n# (they may add rules, replace one by id with replace: true, or build a profile with extend).", "# Dossiers de ce dépôt contenant vos propres fichiers de règles, au format de rules/ de passation\n# (ils peuvent ajouter des règles, en remplacer une par son identifiant avec replace: true ou étendre un profil avec extend)."},
	"ignore":  {"# Paths that count for nothing. As in .gitignore, a name without \"/\" is ignored at any depth.", "# Chemins qui ne comptent pas. Comme dans .gitignore, un nom sans « / » est ignoré à toute profondeur."},
	"overrides": {
		"# Change a rule: turn it off, change its severity, or add where your team keeps the document\n# (files: globs; section: headings; content: regular expressions, line by line, in the files of in:).",
		"# Modifier une règle : la désactiver, changer son niveau ou indiquer où l'équipe range le document\n# (files : motifs de fichiers ; section : titres ; content : expressions régulières, ligne à ligne, dans les fichiers de in:).",
	},
	"external": {
		"# A document kept outside the repository (url and note required): it counts as found,\n# and the report shows it as \"declared elsewhere\".",
		"# Un document conservé hors du dépôt (url et note obligatoires) : il compte comme trouvé,\n# et le rapport l'indique comme « conservé ailleurs ».",
	},
	"waivers": {
		"# A gap accepted on someone's responsibility (reason and owner required). After the until date\n# (the last day it holds) the waiver no longer waives and the gap counts again.",
		"# Un manque accepté sous la responsabilité de quelqu'un (reason et owner obligatoires). Après la date until\n# (dernier jour de validité), la dérogation ne couvre plus le manque, qui compte à nouveau.",
	},
	"list":         {"# The rules, by group (passation explain RULE says what each one looks for):", "# Les règles, par groupe (passation explain RÈGLE dit ce que chacune cherche) :"},
	"note-example": {"Interview notes name people: they stay on the intranet. Ask the product owner for access.", "Les comptes-rendus nomment des personnes : ils restent sur l'intranet. Demandez l'accès au responsable produit."},
	"reason":       {"No demo day took place in this cohort.", "Pas de demo day pour cette promotion."},
}

func tt(lang, key string) string { return templateText.In(lang, key) }

// Template is the commented configuration `passation init` writes: the
// profile set, every other setting shown commented out with an example that
// names real rules of the catalogue.
func Template(cat *catalog.Catalog, profile, lang string) []byte {
	var b strings.Builder
	line := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }
	line("# yaml-language-server: $schema=%s", SchemaURL)
	line("%s", tt(lang, "head"))
	line("")
	var profiles []string
	for _, id := range cat.ProfileIDs() {
		profiles = append(profiles, fmt.Sprintf("%s (%s)", id, strings.TrimSuffix(cat.Profiles[id].Description.In(lang), ".")))
	}
	line(tt(lang, "profile"), strings.Join(profiles, "; "))
	line("profile: %s", profile)
	line("")
	line("%s", tt(lang, "lang"))
	line("#lang: %s", lang)
	line("")
	line("%s", tt(lang, "fail-on"))
	line("#fail-on: error")
	line("")
	line("%s", tt(lang, "rules"))
	line("#rules:")
	line("#  - .passation/rules")
	line("")
	line("%s", tt(lang, "ignore"))
	line("#ignore:")
	line("#  - archive/**")
	line("")
	line("%s", tt(lang, "overrides"))
	line("#overrides:")
	line("#  %s: off", pick(cat, "blog-posts"))
	line("#  %s:", pick(cat, "roadmap"))
	line("#    severity: error")
	line("#  %s:", pick(cat, "architecture-diagram"))
	line("#    evidence:")
	line("#      - files: [\"docs/conception/*.odg\"]")
	line("#  %s:", pick(cat, "incident-response"))
	line("#    evidence:")
	line("#      - content: ['(?i)^astreinte\\s*:\\s*\\S']")
	line("#        in: [docs/contacts-dsi.md]")
	line("")
	line("%s", tt(lang, "external"))
	line("#external:")
	line("#  %s:", pick(cat, "interview-notes"))
	line("#    url: https://intranet.example.gouv.fr/projet/entretiens")
	line("#    note: %q", tt(lang, "note-example"))
	line("")
	line("%s", tt(lang, "waivers"))
	line("#waivers:")
	line("#  %s:", pick(cat, "pitch"))
	line("#    reason: %s", tt(lang, "reason"))
	line("#    owner: jeanne.martin@example.gouv.fr")
	line("#    until: 2026-12-31")
	line("")
	line("%s", tt(lang, "list"))
	for _, g := range cat.Groups {
		var ids []string
		for _, r := range cat.Rules {
			if r.Group == g.ID {
				ids = append(ids, r.ID)
			}
		}
		line("# - %s: %s", g.Title.In(lang), strings.Join(ids, ", "))
	}
	return []byte(b.String())
}

// pick returns id when the catalogue has it, else its first rule, so that
// the examples always name a real rule.
func pick(cat *catalog.Catalog, id string) string {
	if _, ok := cat.Rule(id); ok || len(cat.Rules) == 0 {
		return id
	}
	return cat.Rules[0].ID
}
