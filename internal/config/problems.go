package config

import (
	"github.com/passation/passation/internal/i18n"
	"github.com/passation/passation/internal/yamlfile"
)

// problems are the configuration's error messages in both languages, keyed
// by their English format: yamlfile.Error.In says them in the user's language,
// at the same file, line and column.
var problems = yamlfile.Translate(i18n.Text{
	"expected a mapping with keys such as profile, overrides, waivers; got %s": {"expected a mapping with keys such as profile, overrides, waivers; got %s", "attendu un dictionnaire avec des clés telles que profile, overrides, waivers ; trouvé %s"},
	"fail-on: %v": {"fail-on: %v", "fail-on : %v"},
	"lang: unknown language %q: expected en or fr": {"lang: unknown language %q: expected en or fr", "lang : langue inconnue « %s » : attendu en ou fr"},
	"rules: %q is outside the repository: a repository's configuration names rule folders of the repository only; give a ruleset kept elsewhere with --rules DIR": {"rules: %q is outside the repository: a repository's configuration names rule folders of the repository only; give a ruleset kept elsewhere with --rules DIR",
		"rules : « %s » est hors du dépôt : la configuration d'un dépôt ne nomme que des dossiers de règles du dépôt ; passez un jeu de règles conservé ailleurs avec --rules DOSSIER"},
	"ignore: %v":                      {"ignore: %v", "ignore : %v"},
	"%s: expected a non-empty string": {"%s: expected a non-empty string", "%s : attendu une chaîne non vide"},
	"invalid pattern %q: expected a glob such as archive/** or *.pdf":      {"invalid pattern %q: expected a glob such as archive/** or *.pdf", "motif non valide « %s » : attendu un motif tel que archive/** ou *.pdf"},
	"%s: expected a mapping keyed by rule id (install-guide: ...), got %s": {"%s: expected a mapping keyed by rule id (install-guide: ...), got %s", "%s : attendu un dictionnaire par identifiant de règle (install-guide: …), trouvé %s"},
	"%s: expected a rule id, got %s":                                       {"%s: expected a rule id, got %s", "%s : attendu un identifiant de règle, trouvé %s"},
	"%s: rule %q is listed twice":                                          {"%s: rule %q is listed twice", "%s : la règle « %s » figure deux fois"},
	"overrides of %q: expected off, or a mapping with severity, evidence or off: true; got %s": {"overrides of %q: expected off, or a mapping with severity, evidence or off: true; got %s",
		"overrides de « %s » : attendu off, ou un dictionnaire avec severity, evidence ou off: true ; trouvé %s"},
	"overrides of %q: off: expected true or false, got %s": {"overrides of %q: off: expected true or false, got %s", "overrides de « %s » : off : attendu true ou false, trouvé %s"},
	"overrides of %q: severity: %v":                        {"overrides of %q: severity: %v", "overrides de « %s » : severity : %v"},
	"overrides of %q: evidence: expected a list of evidence items such as - files: [\"docs/archi/*.drawio\"]; got %s": {"overrides of %q: evidence: expected a list of evidence items such as - files: [\"docs/archi/*.drawio\"]; got %s",
		"overrides de « %s » : evidence : attendu une liste de preuves telle que - files: [\"docs/archi/*.drawio\"] ; trouvé %s"},
	"overrides of %q: says nothing to change: expected off, severity or evidence": {"overrides of %q: says nothing to change: expected off, severity or evidence", "overrides de « %s » : rien à modifier : attendu off, severity ou evidence"},
	"external of %q: expected a mapping with url and note, got %s":                {"external of %q: expected a mapping with url and note, got %s", "external de « %s » : attendu un dictionnaire avec url et note, trouvé %s"},
	"external of %q: missing url: where the document is kept":                     {"external of %q: missing url: where the document is kept", "external de « %s » : url manquante : où le document est conservé"},
	"external of %q: url %q: expected an absolute address such as https://intranet.example.gouv.fr/projet/entretiens": {"external of %q: url %q: expected an absolute address such as https://intranet.example.gouv.fr/projet/entretiens",
		"external de « %s » : url « %s » : attendu une adresse absolue telle que https://intranet.example.gouv.fr/projet/entretiens"},
	"external of %q: missing note: say what is kept there and who can give access": {"external of %q: missing note: say what is kept there and who can give access", "external de « %s » : note manquante : dites ce qui y est conservé et qui peut en donner l'accès"},
	"waiver of %q: expected a mapping with reason, owner and optionally until; got %s": {"waiver of %q: expected a mapping with reason, owner and optionally until; got %s",
		"dérogation de « %s » : attendu un dictionnaire avec reason, owner et éventuellement until ; trouvé %s"},
	"waiver of %q: missing reason: say why this item is not needed": {"waiver of %q: missing reason: say why this item is not needed", "dérogation de « %s » : reason manquant : dites pourquoi cet élément n'est pas nécessaire"},
	"waiver of %q: missing owner: who takes responsibility for it (a name or an e-mail address)": {"waiver of %q: missing owner: who takes responsibility for it (a name or an e-mail address)",
		"dérogation de « %s » : owner manquant : qui en prend la responsabilité (un nom ou une adresse électronique)"},
	"waiver of %q: until: %s is not a date%s: expected YYYY-MM-DD such as 2026-06-30": {"waiver of %q: until: %s is not a date%s: expected YYYY-MM-DD such as 2026-06-30", "dérogation de « %s » : until : %s n'est pas une date%s : attendu AAAA-MM-JJ, par exemple 2026-06-30"},
	"%s: unknown profile %q: expected one of %s":                                      {"%s: unknown profile %q: expected one of %s", "%s : profil inconnu « %s » : attendu l'un de %s"},
	"%s: unknown profile %q: did you mean %q?":                                        {"%s: unknown profile %q: did you mean %q?", "%s : profil inconnu « %s » : vouliez-vous dire « %s » ?"},
	"%s: unknown rule %q: did you mean %q?":                                           {"%s: unknown rule %q: did you mean %q?", "%s : règle inconnue « %s » : vouliez-vous dire « %s » ?"},
	"%s: unknown rule %q: passation rules lists them":                                 {"%s: unknown rule %q: passation rules lists them", "%s : règle inconnue « %s » : passation rules les liste"},
	"rules: %q: expected a folder of the repository holding rule files, such as .passation/rules": {"rules: %q: expected a folder of the repository holding rule files, such as .passation/rules",
		"rules : « %s » : attendu un dossier du dépôt contenant des fichiers de règles, tel que .passation/rules"},
	"rules: folder %q is not in the checked tree: only committed files count; commit it, or fix the path": {"rules: folder %q is not in the checked tree: only committed files count; commit it, or fix the path",
		"rules : le dossier « %s » n'est pas dans l'arbre vérifié : seuls les fichiers d'un commit comptent ; faites-en un commit, ou corrigez le chemin"},
	"rules: %q (%s): %v": {"rules: %q (%s): %v", "rules : « %s » (%s) : %v"},
	"the repository has %d configuration files, %s: keep only one": {"the repository has %d configuration files, %s: keep only one", "le dépôt a plusieurs fichiers de configuration (%d), %s : n'en gardez qu'un"},
	"is a symbolic link or a submodule: passation does not follow links out of the tree; commit the configuration file itself": {"is a symbolic link or a submodule: passation does not follow links out of the tree; commit the configuration file itself",
		"est un lien symbolique ou un sous-module : passation ne suit pas les liens hors de l'arbre ; faites un commit du fichier de configuration lui-même"},
	"file is larger than %d bytes: a configuration is a few lines": {"file is larger than %d bytes: a configuration is a few lines", "fichier trop grand (limite en octets : %d) : une configuration tient en quelques lignes"},
})
