package cli

import "github.com/passation/passation/internal/i18n"

// usageWords are the commands' usage errors in both languages: usageErr
// says them in the language of the run (--lang once read, else LANG).
var usageWords = i18n.Text{
	"help-unknown":    {"help %s: unknown command: expected one of %s", "help %s : commande inconnue : attendu l'une de %s"},
	"unknown-command": {"unknown command %q: expected one of %s (passation help)", "commande inconnue « %s » : attendu l'une de %s (passation help)"},
	"max-read":        {"--max-read %d: expected a number of bytes, 0 or more (0: the default, 1 MiB = 1048576)", "--max-read %d : attendu un nombre d'octets positif ou nul (0 : la valeur par défaut, 1 Mio = 1048576)"},
	"rule-typo":       {"unknown rule %q: did you mean %q?", "règle inconnue « %s » : vouliez-vous dire « %s » ?"},
	"rule-unknown":    {"unknown rule %q: passation rules lists them", "règle inconnue « %s » : passation rules les liste"},
	"rules-args":      {"rules takes no argument, got %q", "rules ne prend pas d'argument, reçu « %s »"},
	"rules-format":    {"unknown format %q: expected text or json", "format inconnu « %s » : attendu text ou json"},
	"explain-args":    {"explain takes one rule id, e.g. passation explain install-guide", "explain prend un identifiant de règle, par exemple passation explain install-guide"},
	"init-paths":      {"init: expected at most one path, got %d (%s)", "init : attendu un chemin au plus, reçu %d (%s)"},
	"init-only":       {"init: --only goes with --templates", "init : --only va avec --templates"},
	"init-folder":     {"%s: expected a folder or a git repository", "%s : attendu un dossier ou un dépôt git"},
	"init-exists":     {"%s already exists: passation init never overwrites a file; edit it, or remove it first", "%s existe déjà : passation init n'écrase jamais un fichier ; modifiez-le, ou supprimez-le d'abord"},
	"hook-args":       {"expected passation hook install [PATH] or passation hook uninstall [PATH]", "attendu passation hook install [CHEMIN] ou passation hook uninstall [CHEMIN]"},
	"hook-profile":    {"--profile %q: expected letters, digits and dashes", "--profile « %s » : attendu des lettres, des chiffres et des tirets"},
	"report-sub":      {"report: expected a subcommand: passation report merge SHARD.json… --out DIR", "report : attendu une sous-commande : passation report merge TRANCHE.json… --out DOSSIER"},
	"merge-files":     {"report merge: expected the shard files (report.json of each passation audit --shard K/N)", "report merge : attendu les fichiers des tranches (le report.json de chaque passation audit --shard K/N)"},
	"format-twice":    {"given twice (%s, then %s): to write several reports, add --report FORMAT=PATH", "donné deux fois (%s, puis %s) : pour écrire plusieurs rapports, ajoutez --report FORMAT=CHEMIN"},
	"flag-unknown":    {"unknown flag --%s: expected one of %s (%s --help)", "option inconnue --%s : attendu l'une de %s (%s --help)"},
	"flag-value":      {"--%s needs a value: %s", "--%s demande une valeur : %s"},
	"see-help":        {"see %s --help", "voir %s --help"},
	"expected":        {"expected %s", "attendu %s"},
	"expected-bool":   {"expected true or false", "attendu true ou false"},
	"expected-number": {"expected a whole number (%s)", "attendu un nombre entier (%s)"},
	// What passation's flag types say of a wrong value, keyed by English.
	"a duration: a number and a unit, such as 90s, 10m or 1h30m": {"a duration: a number and a unit, such as 90s, 10m or 1h30m", "une durée : un nombre et une unité, par exemple 90s, 10m ou 1h30m"},
	"a duration above zero, such as 90s, 10m or 1h30m":           {"a duration above zero, such as 90s, 10m or 1h30m", "une durée supérieure à zéro, par exemple 90s, 10m ou 1h30m"},
	tooLong:         {tooLong, "une durée d'au plus 2562047h (environ 292 ans)"},
	"only-unknown":  {"--only: no starter document for %q: expected some of %s", "--only : pas de document de départ pour « %s » : attendu certains de %s"},
	"init-symlink":  {"%s is a symlink: not writing through it", "%s est un lien symbolique : passation n'écrit pas à travers"},
	"init-notdir":   {"%s is not a folder", "%s n'est pas un dossier"},
	"init-never":    {"%s already exists: passation init never overwrites a file", "%s existe déjà : passation init n'écrase jamais un fichier"},
	"now":           {"PASSATION_NOW=%q: expected a date such as 2026-01-31 or 2026-01-31T12:00:00Z", "PASSATION_NOW=« %s » : attendu une date telle que 2026-01-31 ou 2026-01-31T12:00:00Z"},
	"report-syntax": {"expected FORMAT=PATH, such as junit=passation.xml", "attendu FORMAT=CHEMIN, par exemple junit=passation.xml"},
}
