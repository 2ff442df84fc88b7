package evidence

import (
	"errors"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/passation/passation/internal/catalog"
	"github.com/passation/passation/internal/globset"
	"github.com/passation/passation/internal/history"
	"github.com/passation/passation/internal/i18n"
	"github.com/passation/passation/internal/syserr"
)

var _ = register(Kind{
	Name:    "history",
	Values:  "strings",
	Options: []string{"with"},
	Example: "`history: bus-factor` with `with: {window: 12 months, min-people: 2}`",
	Passes: [2]string{
		"the history of the checked commit says so: `activity`, `bus-factor`, `doc-freshness`, `release`, or `maintainer-hint` (never a pass: a hint from the history). Parameters go under `with:`; a rule's message may quote them as `{window}`. Skipped in a folder and in a shallow clone too short for it.",
		"l'historique du commit vérifié le dit : `activity`, `bus-factor`, `doc-freshness`, `release`, ou `maintainer-hint` (jamais un succès : une indication tirée de l'historique). Les paramètres vont sous `with:` ; le message d'une règle peut les citer sous la forme `{window}`. Indéterminé dans un dossier et dans un clone superficiel trop court.",
	},
	Needs:   Needs{History: true},
	Compile: compileHistory,
})

// NoHistory is why a history rule cannot decide on a folder or the index.
func NoHistory() error { return historyWords.Errorf("hist-none") }

// NoClock is why a rule that compares dates cannot decide without a clock.
func NoClock() error { return historyWords.Errorf("hist-noclock") }

// HistoryUnreadable is why a history rule cannot decide when the walk fails.
func HistoryUnreadable(err error) error { return historyWords.Errorf("hist-read", syserr.Of(err)) }

// truncated is the skip reason of a rule that needs more history than a
// shallow clone holds.
func truncated(f *history.Facts) error { return historyWords.Errorf("hist-truncated", f.Depth) }

// params reads and checks an evidence item's "with" parameters.
type params struct {
	with map[string][]string
	used map[string]bool
	errs []error
}

func newParams(ev catalog.Evidence) *params {
	return &params{with: ev.With, used: map[string]bool{}}
}

func (p *params) raw(key string) (string, bool) {
	p.used[key] = true
	v, ok := p.with[key]
	if !ok {
		return "", false
	}
	if len(v) != 1 {
		p.errs = append(p.errs, compileWords.Errorf("one-value.many", key, len(v)))
		return "", false
	}
	return v[0], true
}

func (p *params) period(key, def string) history.Period {
	v, ok := p.raw(key)
	if !ok {
		v = def
	}
	d, err := history.ParsePeriod(v)
	if err != nil {
		p.errs = append(p.errs, compileWords.Wrap(err, "with", key, syserr.Of(err)))
	}
	return d
}

func (p *params) number(key string, def int) int {
	v, ok := p.raw(key)
	if !ok {
		return def
	}
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil || n < 0 {
		p.errs = append(p.errs, compileWords.Errorf("number", key, v))
	}
	return n
}

// boolean is a parameter written true or false; false when not written.
func (p *params) boolean(key string) bool {
	v, ok := p.raw(key)
	if ok && v != "true" && v != "false" {
		p.errs = append(p.errs, compileWords.Errorf("boolean", key, v))
	}
	return v == "true"
}

// strings is a parameter's list of values, none when it is not written.
func (p *params) strings(key string) []string {
	p.used[key] = true
	return p.with[key]
}

var ruleIDPattern = regexp.MustCompile(`^[a-z][a-z0-9]*(-[a-z0-9]+)*$`)

func (p *params) ruleIDs(key string) []string {
	p.used[key] = true
	ids := p.with[key]
	for _, id := range ids {
		if !ruleIDPattern.MatchString(id) {
			p.errs = append(p.errs, compileWords.Errorf("rule-id", key, id))
		}
	}
	return ids
}

// err reports bad values and unknown parameters.
func (p *params) err() error {
	var unknown, known []string
	for k := range p.with {
		if !p.used[k] {
			unknown = append(unknown, k)
		}
	}
	for k := range p.used {
		known = append(known, k)
	}
	sort.Strings(unknown)
	sort.Strings(known)
	for _, k := range unknown {
		e := compileWords.Errorf("param", k, strings.Join(known, ", "))
		if len(known) == 0 {
			e = compileWords.Errorf("param-none", k)
		} else if s := catalog.Suggest(k, known); s != "" {
			e = compileWords.Errorf("param-typo", k, s)
		}
		p.errs = append(p.errs, e)
	}
	return errors.Join(p.errs...)
}

// Expand replaces {name} in a rule text with the parameters' values.
func Expand(text string, vals map[string]string) string {
	for k, v := range vals {
		text = strings.ReplaceAll(text, "{"+k+"}", v)
	}
	return text
}

// compileHistory compiles "history: <what>" evidence.
func compileHistory(ev catalog.Evidence, g *globset.Set) (Evidence, error) {
	if len(ev.Values) != 1 {
		return nil, compileWords.Errorf("one-of", strings.Join(historyKinds, ", "))
	}
	p := newParams(ev)
	var e Evidence
	switch ev.Values[0] {
	case "activity":
		e = &activityEvidence{maxAge: p.period("max-age", "6 months")}
	case "bus-factor":
		e = &busFactorEvidence{window: p.period("window", "12 months"), minPeople: p.number("min-people", 2)}
	case "doc-freshness":
		f := &freshnessEvidence{
			documentsOf: p.ruleIDs("documents-of"), warnFor: p.ruleIDs("warn-for"),
			maxLag: p.period("max-lag", "6 months"), maxCommits: p.number("max-commits", 10),
		}
		if len(f.documentsOf) == 0 {
			p.errs = append(p.errs, compileWords.Errorf("documents-of"))
		}
		if len(f.warnFor) == 0 {
			f.warnFor = f.documentsOf
		}
		e = f
	case "release":
		e = &releaseEvidence{}
	case "maintainer-hint":
		e = &maintainerHint{window: p.period("window", "12 months"), top: p.number("top", 3)}
	default:
		msg := compileWords.Errorf("one-of", strings.Join(historyKinds, ", "))
		if s := catalog.Suggest(ev.Values[0], historyKinds); s != "" {
			msg = compileWords.Errorf("typo", s)
		}
		return nil, compileWords.Errorf("history", ev.Values[0], msg)
	}
	if err := p.err(); err != nil {
		return nil, err
	}
	return e, nil
}

var historyKinds = []string{"activity", "bus-factor", "doc-freshness", "release", "maintainer-hint"}

// since widens the request's author window to start at t.
func since(req *history.Request, t time.Time) {
	if req.Since.IsZero() || t.Before(req.Since) {
		req.Since = t
	}
}

// day writes a date as the reports do.
func day(t time.Time) string { return t.UTC().Format("2006-01-02") }

func short(hash string) string {
	if len(hash) > 7 {
		return hash[:7]
	}
	return hash
}

// span writes a length of time as a reader says it: days, months or years.
func span(d time.Duration, lang string) string {
	days := int(d.Hours() / 24)
	months := int(math.Round(d.Hours() / 24 / 30.44))
	switch {
	case days < 1:
		return historyWords.In(lang, "under-a-day")
	case days < 45:
		return count(days, "day", lang)
	case months < 24:
		return count(months, "month", lang)
	}
	return count(days/365, "year", lang)
}

// periodIn writes a threshold in lang.
func periodIn(p history.Period, lang string) string {
	var parts []string
	if p.Years != 0 {
		parts = append(parts, count(p.Years, "year", lang))
	}
	if p.Months != 0 {
		parts = append(parts, count(p.Months, "month", lang))
	}
	if p.Days != 0 || len(parts) == 0 {
		parts = append(parts, count(p.Days, "day", lang))
	}
	return strings.Join(parts, historyWords.In(lang, "and"))
}

func count(n int, unit, lang string) string { return historyWords.Count(lang, unit, n) }

var historyWords = i18n.Text{
	"hist-none":       {"no commit history: a folder or the index is checked, not a commit", "pas d'historique de commits : c'est un dossier ou l'index qui est vérifié, pas un commit"},
	"hist-noclock":    {"no date was given for the run", "aucune date de référence n'a été donnée"},
	"hist-truncated":  {"history truncated at depth %d; fetch the whole history (GitHub: fetch-depth: 0; GitLab: GIT_DEPTH: \"0\")", "historique tronqué à la profondeur %d ; récupérez tout l'historique (GitHub : fetch-depth: 0 ; GitLab : GIT_DEPTH: \"0\")"},
	"hist-read":       {"could not read the history: %v", "impossible de lire l'historique : %v"},
	"desc-activity":   {"a commit on the checked branch in the last %s", "un commit sur la branche vérifiée depuis moins de %s"},
	"act-detail":      {"last commit on %s, %s ago, by %s (%s)", "dernier commit le %s, il y a %s, par %s (%s)"},
	"act-future":      {"last commit dated %s, in the future, by %s (%s): a wrong clock or a forged date, not counted as activity", "dernier commit daté du %s, dans le futur, par %s (%s) : horloge fausse ou date forgée, non compté comme activité"},
	"act-future-fail": {"The last commit is dated in the future: %s.", "Le dernier commit est daté dans le futur : %s."},
	"act-pass":        {"Active: %s.", "Actif : %s."},
	"desc-bus.one":    {"at least %d person (by .mailmap e-mail, bots aside) committing in the last %s", "au moins %d personne (par e-mail du .mailmap, robots exclus) ayant commité depuis %s"},
	"desc-bus.many":   {"at least %d people (by .mailmap e-mail, bots aside) committing in the last %s", "au moins %d personnes (par e-mail du .mailmap, robots exclus) ayant commité depuis %s"},
	"bus-pass.one":    {"%d person committed in the last %s: %s.", "%d personne a commité depuis %s : %s."},
	"bus-pass.many":   {"%d people committed in the last %s: %s.", "%d personnes ont commité depuis %s : %s."},
	"bus-nobody":      {"nobody committed in the last %s (since %s)", "personne n'a commité sur les %s écoulés (depuis le %s)"},
	"person.one":      {"%s: %d commit, on %s", "%s : %d commit, le %s"},
	"person.many":     {"%s: %d commits, the last on %s", "%s : %d commits, le dernier le %s"},
	"and-more.one":    {"and %d more", "et %d autre"},
	"and-more.many":   {"and %d more", "et %d autres"},
	"desc-release":    {"a tag, or a release branch (release/*, releases/*, release-*)", "une étiquette (tag), ou une branche de version (release/*, releases/*, release-*)"},
	"tag":             {"tag %s, %s", "étiquette %s, %s"},
	"release-branch":  {"branch %s, %s", "branche %s, %s"},
	"release-pass":    {"Latest release: %s (%d in all).", "Dernière version : %s (%d en tout)."},
	"desc-fresh.one":  {"the documents of %s last changed less than %s or %d commit before the last change to the code", "les documents de %s modifiés moins de %s ou %d commit avant la dernière modification du code"},
	"desc-fresh.many": {"the documents of %s last changed less than %s or %d commits before the last change to the code", "les documents de %s modifiés moins de %s ou %d commits avant la dernière modification du code"},
	"fresh-nodocs":    {"no document satisfied %s, so none can be dated", "aucun document ne satisfait %s : aucun ne peut être daté"},
	"fresh-nocode":    {"no code file in the history", "aucun fichier de code dans l'historique"},
	"fresh-unchanged": {"unchanged for over %s and %s before the last change to the code (%s)", "inchangé depuis plus de %s et %s avant la dernière modification du code (%s)"},
	"fresh-after":     {"last changed on %s, not before the last change to the code", "modifié pour la dernière fois le %s, pas avant la dernière modification du code"},
	"fresh-before":    {"last changed on %s, %s and %s before the last change to the code (%s)", "modifié pour la dernière fois le %s, %s et %s avant la dernière modification du code (%s)"},
	"fresh-pass":      {"No key document lags the code by more than {max-lag} and {max-commits} commits.", "Aucun document clé n'a plus de {max-lag} et {max-commits} commits de retard sur le code."},
	"labelled":        {"%s: %s", "%s : %s"},
	"desc-mhint":      {"(a hint, never enough on its own) who committed in the last %s", "(une indication, jamais suffisante seule) qui a commité depuis %s"},
	"mhint-suggest":   {"People who committed in the last %s, who could be named: %s", "Personnes ayant commité depuis %s, qui pourraient être nommées : %s"},
	"mhint-nobody":    {"No one committed in the last %s", "Personne n'a commité depuis %s"},
	"mhint-named":     {"Named there and committed in the last %s: %s", "Nommés et ayant commité depuis %s : %s"},
	"mhint-absent":    {"None of the people named there committed in the last %s", "Aucune des personnes nommées n'a commité depuis %s"},
	"mhint-active":    {"; the most active were %s", " ; les plus actifs : %s"},
	"mhint-truncated": {" (history truncated at depth %d)", " (historique tronqué à la profondeur %d)"},
	"name-count":      {"%s (%s)", "%s (%s)"},
	"under-a-day":     {"less than a day", "moins d'un jour"},
	"day.one":         {"%d day", "%d jour"},
	"day.many":        {"%d days", "%d jours"},
	"month.one":       {"%d month", "%d mois"},
	"month.many":      {"%d months", "%d mois"},
	"year.one":        {"%d year", "%d an"},
	"year.many":       {"%d years", "%d ans"},
	"commit.one":      {"%d commit", "%d commit"},
	"commit.many":     {"%d commits", "%d commits"},
	"and":             {" and ", " et "},
}
