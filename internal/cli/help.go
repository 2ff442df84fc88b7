package cli

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/passation/passation/internal/i18n"
)

// helpWords are the words of `passation --help` and of each command's
// --help: the synopses, keyed by command, and what frames them.
var helpWords = i18n.Text{
	"intro":     {"passation tells whether a repository is ready to be handed over.", "passation dit si un dépôt est prêt à être transmis."},
	"usage":     {"Usage:", "Utilisation :"},
	"usage-cmd": {"Usage: passation %s", "Utilisation : passation %s"},
	"exit": {"Exit codes: 0 nothing missing at or above --fail-on, 1 gaps, 2 usage or configuration error, 3 repository unreadable.",
		"Codes de sortie : 0 : rien ne manque de niveau --fail-on ou supérieur ; 1 : des éléments manquent ; 2 : erreur d'utilisation ou de configuration ; 3 : dépôt illisible."},
	"default": {" (default %s)", " (par défaut %s)"},
	// The synopses in French; the English ones are the command table's.
	"usage.check":   {"", "check [CHEMIN] [--ref REF | --staged] [--profile P] [--config FICHIER] [--rules DOSSIER] [--format FORMAT] [--report FORMAT=CHEMIN]... [--lang en|fr] [--fail-on NIVEAU] [--color auto|always|never] [--print-config]"},
	"usage.rules":   {"", "rules [--format text|json] [--lang en|fr] [--profile P] [--rules DOSSIER]"},
	"usage.explain": {"", "explain RÈGLE [--lang en|fr] [--rules DOSSIER]"},
	"usage.init": {"", "init [CHEMIN] [--lang fr|en] [--profile P]   (écrit un .passation.yml commenté) ; " +
		"init --templates [CHEMIN] [--write] [--only RÈGLES]   (documents de départ pour les éléments manquants)"},
	"usage.hook": {"", "hook install|uninstall [CHEMIN] [--fail-on NIVEAU] [--profile P] [--lang en|fr]   (hook git pre-commit qui lance check --staged)"},
	"usage.audit": {"", "audit (--from cohorte.csv|github:ORGANISATION|gitlab:GROUPE | URL|CHEMIN...) [--jobs N] [--out DOSSIER] [--cache DOSSIER] [--shard K/N] " +
		"[--timeout D] [--list-only FICHIER|-] [--topic SUJET] [--match MOTIF] [--include-archived] [--include-forks] [--github-url URL] [--gitlab-url URL]"},
	"usage.report":     {"", "report merge TRANCHE.json... [--out DOSSIER]"},
	"usage.action":     {"", "action   (mode GitHub Action, lancé par action.yml : entrées dans les variables INPUT_*)"},
	"usage.completion": {"completion %s   (shell completion script)", "completion %s   (script de complétion du shell)"},
	"usage.man":        {"", "man   (la page de manuel, en roff : passation man | man -l -)"},
	"usage.version":    {"", "version"},
	// A flag's placeholder, as French help names it.
	"VALUE": {"VALUE", "VALEUR"},
	"FILE":  {"FILE", "FICHIER"},
	"TOPIC": {"TOPIC", "SUJET"},
	"GLOB":  {"GLOB", "MOTIF"},
}

// flagWords are the flags' descriptions in French, keyed by their English
// (as flag.UnquoteUsage gives it); a test checks that every flag of every
// command has one.
var flagWords = i18n.Text{
	// check
	"colour the text output: auto (on a terminal, unless NO_COLOR; FORCE_COLOR or CLICOLOR_FORCE turn it on), always or never": {"",
		"colorer la sortie texte : auto (sur un terminal, sauf avec NO_COLOR ; FORCE_COLOR ou CLICOLOR_FORCE l'activent), always ou never"},
	"configuration file to use instead of the repository's .passation.yml": {"", "fichier de configuration à utiliser au lieu du .passation.yml du dépôt"},
	"show, under each item, every place each kind of evidence considered: what counted, what was refused and why, and which decided": {"",
		"montrer, sous chaque élément, chaque endroit examiné par chaque type de preuve : ce qui a compté, ce qui a été refusé et pourquoi, et ce qui a décidé"},
	"exit 1 when an item at or above this level is missing: error, warning, notice or never (default error)": {"",
		"sortir avec le code 1 quand il manque un élément de ce niveau ou supérieur : `error`, `warning`, `notice` ou `never` (par défaut `error`)"},
	"output format: text, compact, json, sarif, codequality, junit or badge (default text; compact with --staged)": {"",
		"format de sortie : text, compact, json, sarif, codequality, junit ou badge (par défaut text ; compact avec --staged)"},
	"message language: en or fr (default from LC_ALL, LC_MESSAGES or LANG)": {"", "langue des messages : en ou fr (par défaut selon LC_ALL, LC_MESSAGES ou LANG)"},
	"read at most this many bytes of one file (0: the default)":             {"", "lire au plus ce nombre d'octets d'un fichier (0 : la valeur par défaut)"},
	"write the report to this file instead of standard output":              {"", "écrire le rapport dans ce fichier au lieu de la sortie standard"},
	"show the effective configuration (profile, overrides, waivers) and exit": {"",
		"afficher la configuration qui s'applique (profil, surcharges, dérogations) et s'arrêter"},
	"rule profile: eig (default) or core":           {"", "profil de règles : eig (par défaut) ou core"},
	"branch, tag or commit to check (default HEAD)": {"", "branche, étiquette ou commit à vérifier (par défaut HEAD)"},
	"also write a report to a file, FORMAT=PATH (repeatable, any format; each file whole or not at all)": {"",
		"écrire aussi un rapport dans un fichier, FORMAT=CHEMIN (répétable, tout format ; chaque fichier entier ou pas du tout)"},
	"folder of extra rule files, loaded after the embedded catalogue (repeatable)": {"",
		"dossier de fichiers de règles supplémentaires, chargés après le catalogue intégré (répétable)"},
	"check what the next commit would contain (the git index); print only the gaps, nothing when all is well": {"",
		"vérifier ce que contiendrait le prochain commit (l'index git) ; n'afficher que les manques, rien quand tout va bien"},
	// rules, explain
	"output format: text or json":         {"", "format de sortie : text ou json"},
	"language: en or fr":                  {"", "langue : en ou fr"},
	"list only the rules of this profile": {"", "ne lister que les règles de ce profil"},
	// init
	"language of the documents and comments: fr or en (default from LC_ALL, LC_MESSAGES or LANG)": {"", "langue des documents et des commentaires : fr ou en (par défaut selon LC_ALL, LC_MESSAGES ou LANG)"},
	"comma-separated rule ids: start only these documents (with --templates)": {"",
		"identifiants de règles séparés par des virgules : ne commencer que ces documents (avec --templates)"},
	"propose a starter document (from a template) for each missing item of the checklist": {"",
		"proposer un document de départ (tiré d'un modèle) pour chaque élément manquant de la liste"},
	"with --templates, create the files; without it, only list what would be created": {"",
		"avec --templates, créer les fichiers ; sans, seulement lister ce qui serait créé"},
	// hook
	"install: refuse the commit when an item at or above this level is missing (default: the check's)": {"",
		"install : refuser le commit quand il manque un élément de ce niveau ou supérieur (par défaut : celui de la vérification)"},
	"install: language of the hook's messages, en or fr (default from LC_ALL, LC_MESSAGES or LANG)": {"", "install : langue des messages du hook, en ou fr (par défaut selon LC_ALL, LC_MESSAGES ou LANG)"},
	"install: rule profile the hook checks":                                                         {"", "install : profil de règles que vérifie le hook"},
	// audit, report merge
	"an earlier audit (its report.json, or the folder it was written into): say what changed since": {"",
		"un audit antérieur (son report.json, ou le dossier où il a été écrit) : dire ce qui a changé depuis"},
	"keep clones in this folder and update them on the next audit instead of cloning again": {"",
		"garder les clones dans ce dossier et les mettre à jour au prochain audit au lieu de cloner à nouveau"},
	"the day the cohort works towards (YYYY-MM-DD): the letters count the days left (a .yml list can say deadline: too)": {"",
		"le jour vers lequel travaille la cohorte (AAAA-MM-JJ) : les lettres comptent les jours restants (une liste .yml peut aussi le dire sous deadline:)"},
	`what happens that day, as the letters name it ("demo day"; default: the end of the challenge)`: {"",
		"ce qui a lieu ce jour-là, tel que les lettres le nomment (« Demo Day » ; par défaut : la fin du défi)"},
	"also exit 1 when a repository misses an item at or above this level: error, warning, notice or never": {"",
		"sortir aussi avec le code 1 quand il manque à un dépôt un élément de ce niveau ou supérieur : `error`, `warning`, `notice` ou `never`"},
	"cohort list: a .csv (header url,name,team,challenge,ref,profile,lang) or .yml file; or github:ORGANISATION or gitlab:GROUP, whose repositories (and subgroups') are listed from the forge (token from GITHUB_TOKEN or GITLAB_TOKEN)": {"",
		"liste de la cohorte : un fichier .csv (en-tête url,name,team,challenge,ref,profile,lang) ou .yml ; ou github:ORGANISATION ou gitlab:GROUPE, " +
			"dont les dépôts (et ceux des sous-groupes) sont listés depuis la forge (jeton dans GITHUB_TOKEN ou GITLAB_TOKEN)"},
	"with --from github:ORG: the URL of a GitHub Enterprise Server (https://github.example.org) instead of github.com": {"",
		"avec --from github:ORGANISATION : l'URL d'un GitHub Enterprise Server (https://github.example.org) au lieu de github.com"},
	"with --from gitlab:GROUP: the URL of an administration's own GitLab (https://gitlab.example.gouv.fr) instead of gitlab.com": {"",
		"avec --from gitlab:GROUPE : l'URL du GitLab d'une administration (https://gitlab.example.gouv.fr) au lieu de gitlab.com"},
	"commits fetched for the history rules (0: the whole history)": {"", "commits récupérés pour les règles d'historique (0 : tout l'historique)"},
	"with --from github:ORG or gitlab:GROUP: keep the archived repositories (left out by default)": {"",
		"avec --from github:ORGANISATION ou gitlab:GROUPE : garder les dépôts archivés (écartés par défaut)"},
	"with --from github:ORG or gitlab:GROUP: keep the forks (left out by default)": {"",
		"avec --from github:ORGANISATION ou gitlab:GROUPE : garder les forks (écartés par défaut)"},
	"repositories audited at once (default: the number of CPUs)": {"", "dépôts audités en même temps (par défaut : le nombre de processeurs)"},
	"report language: en or fr (default from LC_ALL, LC_MESSAGES or LANG); letters follow the list's lang column": {"",
		"langue du rapport : en ou fr (par défaut selon LC_ALL, LC_MESSAGES ou LANG) ; les lettres suivent la colonne lang de la liste"},
	"with --from github:ORG or gitlab:GROUP: write the listed repositories to this new cohort CSV FILE (- for standard output) and audit nothing": {"",
		"avec --from github:ORGANISATION ou gitlab:GROUPE : écrire les dépôts listés dans ce nouveau FICHIER CSV de cohorte (- pour la sortie standard) et ne rien auditer"},
	"with --from github:ORG or gitlab:GROUP: keep the repositories whose path in the organisation or group matches this GLOB, case ignored (eig-*, cohorte-7/**; repeatable)": {"",
		"avec --from github:ORGANISATION ou gitlab:GROUPE : garder les dépôts dont le chemin dans l'organisation ou le groupe correspond à ce MOTIF, " +
			"sans tenir compte de la casse (eig-*, cohorte-7/** ; répétable)"},
	"stop walking a repository after this many files (reported)": {"", "arrêter le parcours d'un dépôt après ce nombre de fichiers (signalé)"},
	"read at most this many bytes of one file":                   {"", "lire au plus ce nombre d'octets d'un fichier"},
	"folder to write index.html, report.json, report.csv, report.md and letters/ into": {"",
		"dossier où écrire index.html, report.json, report.csv, report.md et letters/"},
	"rule profile of repositories that name none: eig (default) or core": {"", "profil de règles des dépôts qui n'en nomment aucun : eig (par défaut) ou core"},
	"audit only slice K of N of the list (K/N), to spread a cohort over machines": {"",
		"n'auditer que la tranche K sur N de la liste (K/N), pour répartir une cohorte sur plusieurs machines"},
	"time allowed to fetch and check one repository (default 10m0s)": {"", "temps accordé pour récupérer et vérifier un dépôt (par défaut 10m0s)"},
	"with --from github:ORG or gitlab:GROUP: keep the repositories with this TOPIC (repeatable, or comma-separated: any of them)": {"",
		"avec --from github:ORGANISATION ou gitlab:GROUPE : garder les dépôts portant ce SUJET (répétable, ou séparés par des virgules : l'un d'eux suffit)"},
	"also exit 1 when a repository misses an item at or above this level": {"", "sortir aussi avec le code 1 quand il manque à un dépôt un élément de ce niveau ou supérieur"},
	"folder to write the merged outputs into":                             {"", "dossier où écrire les sorties réunies"},
}

// usageLine is the synopsis of c in lang.
func usageLine(c command, lang string) string {
	if lang != "fr" || !helpWords.Has("usage."+c.name) {
		return c.usage
	}
	s := helpWords.In(lang, "usage."+c.name)
	if c.name == "completion" {
		s = fmt.Sprintf(s, strings.Join(c.words, "|"))
	}
	return s
}

// flagUsage is what a flag does, in lang; a flag without French keeps
// its English (the test of every flag says which).
func flagUsage(usage, lang string) string {
	if lang == "fr" && flagWords.Has(usage) {
		return flagWords.In(lang, usage)
	}
	return usage
}

// printFlags lists a command's flags as they are written, with two dashes:
// "--format FORMAT", then what it does and its default, in lang.
func printFlags(w io.Writer, fs *flag.FlagSet, lang string) {
	fs.VisitAll(func(f *flag.Flag) {
		arg, usage := flagArg(f)
		usage = flagUsage(usage, lang)
		line := "  --" + f.Name
		if arg != "" {
			if lang == "fr" && helpWords.Has(arg) {
				arg = helpWords.In(lang, arg)
			}
			line += " " + arg
		}
		fmt.Fprintln(w, line)
		said := strings.Contains(usage, "(default") || strings.Contains(usage, "(par défaut")
		if _, isBool := f.Value.(interface{ IsBoolFlag() bool }); !isBool && f.DefValue != "" && f.DefValue != "0" && !said {
			usage += fmt.Sprintf(helpWords.In(lang, "default"), f.DefValue)
		}
		fmt.Fprintf(w, "      %s\n", usage)
	})
}

// langOf is the value of --lang among args, read before the flags are
// parsed: --help and a flag's error stop the parse where they stand, and
// still speak the language asked for after them. "" when none is valid.
func langOf(args []string) string {
	for i, a := range args {
		if a == "--" {
			break
		}
		name, v, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if !strings.HasPrefix(a, "-") || name != "lang" {
			continue
		}
		if !hasValue {
			if i+1 >= len(args) {
				break
			}
			v = args[i+1]
		}
		if v == "en" || v == "fr" {
			return v
		}
	}
	return ""
}
