package config

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/passation/passation/internal/i18n"
)

// Settings are the choices the command line resolves beside the profile,
// shown by Print.
type Settings struct {
	FailOn Choice
	Lang   Choice
}

// Print writes the effective configuration — what a check with these
// options would do — as commented YAML in the shape of .passation.yml, each
// value with where it comes from.
func (a *Applied) Print(w io.Writer, s Settings) error {
	p := &printer{w: w, lang: s.Lang.Value}
	switch {
	case a.File == nil:
		p.say("none")
	case a.File.Origin == FromRepository:
		p.say("repo", a.File.Name)
	default:
		p.say("flag", a.File.Name)
	}
	p.say("from")
	p.value("profile", a.Profile)
	p.value("fail-on", s.FailOn)
	p.value("lang", s.Lang)
	if len(a.RuleDirs) > 0 {
		p.line("rules:")
		for _, d := range a.RuleDirs {
			p.line("  - %s", quote(d))
		}
	}
	if a.File != nil && len(a.File.Ignore) > 0 {
		p.line("ignore:")
		for _, g := range a.File.Ignore {
			p.line("  - %-30s # %s", quote(g.Value), g.Pos)
		}
	}
	p.line("")
	p.line("%s", printWords.Count(p.lang, "judged", len(a.Rules)))
	p.line("judged:")
	for _, r := range a.Rules {
		extra := ""
		if base, _ := a.Catalog.Rule(r.ID); len(r.Evidence) > len(base.Evidence) {
			n := len(r.Evidence) - len(base.Evidence)
			extra = printWords.Count(p.lang, "added", n)
		}
		p.line("  %-40s # %s%s", r.ID+": "+r.Severity.String(), fromIn(p.lang, a.severityFrom[r.ID]), extra)
	}
	if len(a.off) > 0 {
		p.line("off:")
		for _, o := range a.off {
			p.line("  - %-38s # %s", o.Rule, o.Pos)
		}
	}
	if a.File != nil && len(a.File.External) > 0 {
		p.line("external:")
		for _, x := range a.File.External {
			p.line("  %s:%s", x.Rule, a.notJudgedNote(x.Rule, p.lang))
			p.line("    url: %s", quote(x.URL))
			p.line("    note: %s", quote(x.Note))
		}
	}
	if a.File != nil && len(a.File.Waivers) > 0 {
		p.line("waivers:")
		for _, wv := range a.File.Waivers {
			state := printWords.In(p.lang, "holds")
			switch {
			case wv.Expired(a.now):
				state = printWords.In(p.lang, "expired")
			case !wv.Until.IsZero():
				state = printWords.In(p.lang, "until")
			}
			p.line("  %s:%s", wv.Rule, a.notJudgedNote(wv.Rule, p.lang))
			p.line("    reason: %s", quote(wv.Reason))
			p.line("    owner: %s", quote(wv.Owner))
			if !wv.Until.IsZero() {
				p.line("    until: %-29s # %s", wv.Until.Format(Date), state)
			} else {
				p.line("    # %s", state)
			}
		}
	}
	return p.err
}

func (a *Applied) notJudgedNote(rule, lang string) string {
	if a.notJudged[rule] {
		return fmt.Sprintf(printWords.In(lang, "not-judged"), a.Profile.Value)
	}
	return ""
}

// quote writes a string so that it reads back as the same YAML string.
func quote(s string) string {
	if s == "" || strings.ContainsAny(s, ":#{}[],&*!|>'\"%@`\n\t") || strings.TrimSpace(s) != s {
		return strconv.Quote(s)
	}
	return s
}

type printer struct {
	w    io.Writer
	lang string
	err  error
}

func (p *printer) say(key string, args ...any) { p.line(printWords.In(p.lang, key), args...) }

func (p *printer) line(format string, args ...any) {
	if p.err == nil {
		_, p.err = fmt.Fprintf(p.w, format+"\n", args...)
	}
}

func (p *printer) value(key string, c Choice) {
	p.line("%-42s # %s", key+": "+quote(c.Value), fromIn(p.lang, c.From))
}

// fromIn says where a value comes from in lang: a flag and a file's place
// are the same in both.
func fromIn(lang, from string) string {
	if printWords.Has("from-" + from) {
		return printWords.In(lang, "from-"+from)
	}
	if rest, ok := strings.CutPrefix(from, "profile "); ok {
		return fmt.Sprintf(printWords.In(lang, "from-profile"), rest)
	}
	if rest, ok := strings.CutPrefix(from, "environment "); ok {
		return fmt.Sprintf(printWords.In(lang, "from-env"), rest)
	}
	return from
}

// printWords are the comments of --print-config, in the run's language.
var printWords = i18n.Text{
	"none":                         {"# No configuration file: the embedded catalogue and its defaults.", "# Pas de fichier de configuration : le catalogue embarqué et ses valeurs par défaut."},
	"repo":                         {"# Configuration: %s, as committed in the checked tree.", "# Configuration : %s, tel que dans le commit vérifié."},
	"flag":                         {"# Configuration: %s (--config).", "# Configuration : %s (--config)."},
	"from":                         {"# Each value is followed by where it comes from: flag > configuration file > profile > rule default.", "# Chaque valeur est suivie de sa provenance : option > fichier de configuration > profil > défaut de la règle."},
	"judged.one":                   {"# The %d rule judged, with its severity:", "# La règle jugée (%d), avec son niveau :"},
	"judged.many":                  {"# The %d rules judged, with their severity:", "# Les %d règles jugées, avec leur niveau :"},
	"added.one":                    {", %d evidence item added", ", %d preuve ajoutée"},
	"added.many":                   {", %d evidence items added", ", %d preuves ajoutées"},
	"holds":                        {"holds, with no end date", "valable, sans date de fin"},
	"expired":                      {"EXPIRED: no longer waives", "EXPIRÉE : ne couvre plus rien"},
	"until":                        {"holds until the end of that day", "valable jusqu'à la fin de ce jour"},
	"not-judged":                   {"   # not judged by profile %s: no effect", "   # non jugée par le profil %s : sans effet"},
	"from-default":                 {"default", "par défaut"},
	"from-the catalogue's default": {"the catalogue's default", "défaut du catalogue"},
	"from-rule":                    {"rule", "règle"},
	"from-profile":                 {"profile %s", "profil %s"},
	"from-env":                     {"environment %s", "environnement %s"},
}
