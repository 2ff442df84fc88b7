package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/passation/passation/internal/finding"
	"github.com/passation/passation/internal/i18n"
	"github.com/passation/passation/internal/safetext"
)

// Group is a checklist group as reports show it.
type Group struct {
	ID    string
	Title string
}

// TextOptions tune the terminal output. The zero value is plain English text.
type TextOptions struct {
	Lang   string
	Color  bool
	Groups []Group // in checklist order; results of other groups come last
}

const (
	green  = "\x1b[32m"
	red    = "\x1b[31m"
	yellow = "\x1b[33m"
	dim    = "\x1b[2m"
	bold   = "\x1b[1m"
	reset  = "\x1b[0m"
)

var textWords = i18n.Text{
	"header":  {"passation — %s", "passation — %s"},
	"at":      {"at %s (%s)", "sur %s (%s)"},
	"folder":  {"folder, not a git repository: every file on disk counts", "dossier hors dépôt git : tous les fichiers du disque comptent"},
	"profile": {"profile %s", "profil %s"},
	"index":   {"the index: what the next commit would contain, on top of %s", "l'index : ce que contiendrait le prochain commit, après %s"},
	"first":   {"the index: what the first commit would contain", "l'index : ce que contiendrait le premier commit"},
	"score":   {"Score %d/100", "Score %d/100"},
	// Each count agrees with its noun (Tally); "skip" is « indéterminé »,
	// the one French name of a rule that could not conclude.
	"found.one":    {"%d found", "%d trouvé"},
	"found.many":   {"%d found", "%d trouvés"},
	"fail.one":     {"%d missing", "%d manquant"},
	"fail.many":    {"%d missing", "%d manquants"},
	"skip.one":     {"%d skipped", "%d indéterminé"},
	"skip.many":    {"%d skipped", "%d indéterminés"},
	"waived.one":   {"%d waived", "%d dérogation"},
	"waived.many":  {"%d waived", "%d dérogations"},
	"hint":         {"to do:", "à faire :"},
	"ok":           {"Nothing is missing at or above %s.", "Rien ne manque de niveau %s ou supérieur."},
	"missing.one":  {"%d missing at or above %s: %s", "%d élément manquant de niveau %s ou supérieur : %s"},
	"missing.many": {"%d missing at or above %s: %s", "%d éléments manquants de niveau %s ou supérieur : %s"},
	"never.one":    {"%d missing; with --fail-on never it does not fail the run.", "%d élément manquant ; avec --fail-on never, il ne fait pas échouer l'exécution."},
	"never.many":   {"%d missing; with --fail-on never they do not fail the run.", "%d éléments manquants ; avec --fail-on never, ils ne font pas échouer l'exécution."},
	"config":       {"configuration %s", "configuration %s"},
	"changes":      {"rules changed: %d", "règles modifiées : %d"},
	"elsewhere":    {"kept elsewhere: %d", "conservés ailleurs : %d"},
	"waivers":      {"waivers: %d", "dérogations : %d"},
	"expired":      {"expired: %d", "expirées : %d"},
}

func tw(lang, key string) string { return textWords.In(lang, key) }

// Text writes the human report: per group, found items with their evidence,
// missing items with what to add.
func Text(w io.Writer, r *finding.Report, failOn finding.Severity, o TextOptions) error {
	p := &printer{w: w, color: o.Color}
	lang := o.Lang
	p.line(bold, fmt.Sprintf(tw(lang, "header"), r.Repository.Path))
	switch r.Repository.Mode {
	case "directory":
		p.line(dim, "  "+tw(lang, "folder"))
	case "commit":
		p.line(dim, "  "+fmt.Sprintf(tw(lang, "at"), r.Repository.Ref, finding.ShortHash(r.Repository.Commit)))
	case "index":
		if r.Repository.Commit == "" {
			p.line(dim, "  "+tw(lang, "first"))
		} else {
			p.line(dim, "  "+fmt.Sprintf(tw(lang, "index"), finding.ShortHash(r.Repository.Commit)))
		}
	default:
		p.line(dim, "  "+r.Repository.Mode)
	}
	p.line(dim, "  "+fmt.Sprintf(tw(lang, "profile"), r.Profile))
	if c := r.Config; c != nil && c.Source != "none" {
		p.line(dim, "  "+configLine(c, lang))
	}
	s := r.Summary
	p.line(bold, fmt.Sprintf(tw(lang, "score"), s.Score)+" · "+Tally(lang, s, true))

	byGroup := map[string][]finding.Result{}
	for _, res := range r.Results {
		byGroup[res.Group] = append(byGroup[res.Group], res)
	}
	groups := o.Groups
	known := map[string]bool{}
	for _, g := range groups {
		known[g.ID] = true
	}
	for _, res := range r.Results {
		if !known[res.Group] {
			groups = append(groups, Group{ID: res.Group, Title: res.Group})
			known[res.Group] = true
		}
	}
	for _, g := range groups {
		results := byGroup[g.ID]
		if len(results) == 0 {
			continue
		}
		p.blank()
		p.line(bold, g.Title)
		for _, res := range results {
			p.result(res, lang)
		}
	}
	p.blank()
	failing := finding.Failing(r.Results, failOn)
	if failOn == finding.Never {
		// Nothing reaches "never": say what is missing rather than "nothing
		// is missing at or above never".
		col := green
		if s.Fail > 0 {
			col = yellow
		}
		p.line(col, textWords.Count(lang, "never", s.Fail))
	} else if len(failing) == 0 {
		p.line(green, fmt.Sprintf(tw(lang, "ok"), failOn.Level(lang)))
	} else {
		ids := make([]string, len(failing))
		for i, f := range failing {
			ids[i] = f.Rule
		}
		p.line(red, textWords.Count(lang, "missing", len(failing), failOn.Level(lang), strings.Join(ids, ", ")))
	}
	return p.err
}

func (p *printer) result(res finding.Result, lang string) {
	mark, col := "✔", green
	switch res.Status {
	case finding.Fail:
		mark, col = "✘", red
		if res.Severity < finding.Error {
			col = yellow
		}
	case finding.Skip:
		mark, col = "?", yellow
	case finding.Waived:
		mark, col = "~", dim
	}
	head := fmt.Sprintf("  %s %-22s %s", mark, res.Rule, res.Title)
	if res.Status == finding.Fail {
		head += fmt.Sprintf(" [%s]", res.Severity.In(lang))
	}
	p.line(col, head)
	switch res.Status {
	case finding.Pass, finding.Waived:
		shown := res.Shown()
		for i, e := range shown {
			if i == 3 {
				p.line(dim, fmt.Sprintf("      … +%d", len(shown)-3))
				break
			}
			p.line(dim, "      "+evidence(e))
		}
	case finding.Skip:
		p.line("", "      "+res.Message)
	default:
		for _, e := range res.Evidence {
			p.line(dim, "      · "+evidence(e))
		}
		if res.Hint != "" && res.Status == finding.Fail {
			// The remedy, then what the history adds, each on its line.
			for i, l := range strings.Split(res.Hint, "\n") {
				if i == 0 {
					p.line("", "      → "+l)
				} else {
					p.line("", "        "+l)
				}
			}
		}
	}
	p.considered(res, lang)
}

func evidence(e finding.Evidence) string {
	loc := e.Place()
	if loc == "" {
		return e.Detail
	}
	return loc + "  " + e.Detail
}

type printer struct {
	w     io.Writer
	color bool
	err   error
}

func (p *printer) line(col, s string) {
	if p.err != nil {
		return
	}
	// Names and messages come from the repository: no control or bidi
	// character of theirs reaches the terminal (the colours are ours).
	s = safetext.Line(s)
	if p.color && col != "" {
		s = col + s + reset
	}
	_, p.err = fmt.Fprintln(p.w, s)
}

func (p *printer) blank() { p.line("", "") }

// configLine sums up, under the profile, what the configuration changed.
func configLine(c *finding.Config, lang string) string {
	s := fmt.Sprintf(tw(lang, "config"), c.Path)
	var parts []string
	if n := len(c.Overrides); n > 0 {
		parts = append(parts, fmt.Sprintf(tw(lang, "changes"), n))
	}
	if n := len(c.External); n > 0 {
		parts = append(parts, fmt.Sprintf(tw(lang, "elsewhere"), n))
	}
	if n := len(c.Waivers); n > 0 {
		w := fmt.Sprintf(tw(lang, "waivers"), n)
		expired := 0
		for _, x := range c.Waivers {
			if x.Status == finding.WaiverExpired {
				expired++
			}
		}
		if expired > 0 {
			w += " (" + fmt.Sprintf(tw(lang, "expired"), expired) + ")"
		}
		parts = append(parts, w)
	}
	if len(parts) > 0 {
		s += " · " + strings.Join(parts, " · ")
	}
	return s
}

// Tally says a summary's counts, each agreeing with its noun in lang
// (« 1 trouvé · 2 manquants · 0 indéterminé »); waived only with waivers
// when it says so.
func Tally(lang string, s finding.Summary, waived bool) string {
	parts := []string{
		textWords.Count(lang, "found", s.Pass),
		textWords.Count(lang, "fail", s.Fail),
		textWords.Count(lang, "skip", s.Skip),
	}
	if waived {
		parts = append(parts, textWords.Count(lang, "waived", s.Waived))
	}
	return strings.Join(parts, " · ")
}
