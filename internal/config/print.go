package config

import (
	"fmt"
	"io"
	"strconv"
	"strings"
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
	p := &printer{w: w}
	switch {
	case a.File == nil:
		p.line("# No configuration file: the embedded catalogue and its defaults.")
	case a.File.Origin == FromRepository:
		p.line("# Configuration: %s, as committed in the checked tree.", a.File.Name)
	default:
		p.line("# Configuration: %s (--config).", a.File.Name)
	}
	p.line("# Each value is followed by where it comes from: flag > configuration file > profile > rule default.")
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
	p.line("# The %d rules judged, with their severity:", len(a.Rules))
	p.line("judged:")
	for _, r := range a.Rules {
		extra := ""
		if base, _ := a.Catalog.Rule(r.ID); len(r.Evidence) > len(base.Evidence) {
			n := len(r.Evidence) - len(base.Evidence)
			extra = fmt.Sprintf(", %d evidence item(s) added", n)
		}
		p.line("  %-40s # %s%s", r.ID+": "+r.Severity.String(), a.severityFrom[r.ID], extra)
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
			p.line("  %s:%s", x.Rule, a.notJudgedNote(x.Rule))
			p.line("    url: %s", quote(x.URL))
			p.line("    note: %s", quote(x.Note))
		}
	}
	if a.File != nil && len(a.File.Waivers) > 0 {
		p.line("waivers:")
		for _, wv := range a.File.Waivers {
			state := "holds, with no end date"
			switch {
			case wv.Expired(a.now):
				state = "EXPIRED: no longer waives"
			case !wv.Until.IsZero():
				state = "holds until the end of that day"
			}
			p.line("  %s:%s", wv.Rule, a.notJudgedNote(wv.Rule))
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

func (a *Applied) notJudgedNote(rule string) string {
	if a.notJudged[rule] {
		return fmt.Sprintf("   # not judged by profile %s: no effect", a.Profile.Value)
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
	w   io.Writer
	err error
}

func (p *printer) line(format string, args ...any) {
	if p.err == nil {
		_, p.err = fmt.Fprintf(p.w, format+"\n", args...)
	}
}

func (p *printer) value(key string, c Choice) {
	p.line("%-42s # %s", key+": "+quote(c.Value), c.From)
}
