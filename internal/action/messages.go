package action

import "github.com/passation/passation/internal/i18n"

// words are the action's own texts in English and French; rule texts come
// from the catalogue, already in the report language.
var words = i18n.Text{
	"output-line": {"output %s: %q has a line break: not written", "sortie %s : « %s » contient un saut de ligne : non écrite"},
	"render":      {"render %s: %s", "rendu de %s impossible : %s"},
	"write":       {"write %s: %s", "écriture de %s impossible : %s"},
	"moreTitle":   {"%d more in the job summary", "%d de plus dans le résumé du job"},
	"moreBody.one": {
		"%d more missing item is not annotated (GitHub shows at most 10 annotations of a level per step): %s. The job summary and the log list them all.",
		"%d élément manquant de plus n'est pas annoté (GitHub affiche au plus 10 annotations d'un niveau par étape) : %s. Le résumé du job et le journal les listent tous.",
	},
	"moreBody.many": {
		"%d more missing items are not annotated (GitHub shows at most 10 annotations of a level per step): %s. The job summary and the log list them all.",
		"%d éléments manquants de plus ne sont pas annotés (GitHub affiche au plus 10 annotations d'un niveau par étape) : %s. Le résumé du job et le journal les listent tous.",
	},
	"logMore": {
		"%d more in the job summary (not annotated: GitHub shows at most 10 annotations of a level per step, and this step writes at most %d):",
		"%d de plus dans le résumé du job (non annotés : GitHub affiche au plus 10 annotations d'un niveau par étape, et cette étape en écrit au plus %d) :",
	},
	"group":          {"passation: checklist of %s", "passation : checklist de %s"},
	"heading":        {"passation — handover checklist: %d/100", "passation — checklist de passation : %d/100"},
	"meta":           {"%s · profile %s · %s", "%s · profil %s · %s"},
	"at":             {"at", "au commit"},
	"folder":         {"(folder, not a git commit)", "(dossier, pas un commit git)"},
	"ok":             {"Nothing is missing at or above `%s`.", "Rien ne manque de niveau %s ou supérieur."},
	"failing.one":    {"%d missing at or above `%s`:", "%d élément manquant de niveau %s ou supérieur :"},
	"failing.many":   {"%d missing at or above `%s`:", "%d éléments manquants de niveau %s ou supérieur :"},
	"colItem":        {"Item", "Élément"},
	"colDetail":      {"Evidence, or what to add", "Preuve, ou ce qu'il faut ajouter"},
	"skipped":        {"_skipped_: %s", "_indéterminé_ : %s"},
	"waived":         {"_waived_: %s", "_dérogation_ : %s"},
	"legend":         {"✅ found · ❌ missing, fails the job (`fail-on: %s`) · ⚠️ missing below `fail-on`, or not decided", "✅ trouvé · ❌ manquant, fait échouer le job (`fail-on: %s`) · ⚠️ manquant sous `fail-on`, ou indéterminé"},
	"truncated.one":  {"This summary was shortened to stay under GitHub's 1 MiB limit: %d row left out. The JSON report has everything.", "Ce résumé a été raccourci pour rester sous la limite de 1 Mio de GitHub : %d ligne omise. Le rapport JSON contient tout."},
	"truncated.many": {"This summary was shortened to stay under GitHub's 1 MiB limit: %d rows left out. The JSON report has everything.", "Ce résumé a été raccourci pour rester sous la limite de 1 Mio de GitHub : %d lignes omises. Le rapport JSON contient tout."},
	"shortened":      {"Evidence and hints were left out to stay under GitHub's 1 MiB limit: the JSON report has them.", "Les preuves et les conseils ont été omis pour rester sous la limite de 1 Mio de GitHub : le rapport JSON les contient."},
	"noOutput":       {"GITHUB_OUTPUT is not set (not running in GitHub Actions?): step outputs not written.", "GITHUB_OUTPUT n'est pas défini (hors de GitHub Actions ?) : sorties de l'étape non écrites."},
	"noSummary":      {"GITHUB_STEP_SUMMARY is not set (not running in GitHub Actions?): job summary not written.", "GITHUB_STEP_SUMMARY n'est pas défini (hors de GitHub Actions ?) : résumé du job non écrit."},
	"wrote":          {"passation: wrote %s", "passation : fichier %s écrit"},
	"errorTitle":     {"passation could not check the repository", "passation n'a pas pu vérifier le dépôt"},
}

func say(lang, key string) string { return words.In(lang, key) }
