package report

import (
	"fmt"
	"io"

	"github.com/passation/passation/internal/finding"
	"github.com/passation/passation/internal/i18n"
)

// CompactOptions tune the short report of a pre-commit check. The zero
// value is plain English text.
type CompactOptions struct {
	Lang  string
	Color bool
	// Staged names the paths the next commit adds or changes, so that a
	// stub the team has just staged is recognised as such; nil when what
	// was checked is a commit or a folder, not the index.
	Staged map[string]bool
	// Conflicts lists paths left unmerged by a merge.
	Conflicts []string
}

var compactWords = i18n.Text{
	"head":           {"passation: %d missing from the next commit at or above %s:", "passation : %d manquants dans le prochain commit au niveau %s ou au-dessus :"},
	"head-all":       {"passation: %d missing from the next commit:", "passation : %d manquants dans le prochain commit :"},
	"staged":         {"staged", "indexé"},
	"below":          {"  (+%d below %s: passation check --staged --fail-on never lists them)", "  (+%d sous le niveau %s : passation check --staged --fail-on never les liste)"},
	"conflicts":      {"passation: %d unmerged paths (merge conflict), judged as on this branch (ours): %s", "passation : %d chemins non fusionnés (conflit de fusion), jugés comme sur cette branche (ours) : %s"},
	"head-tree":      {"passation: %d missing at or above %s:", "passation : %d manquants au niveau %s ou au-dessus :"},
	"head-all-tree":  {"passation: %d missing:", "passation : %d manquants :"},
	"undecided-tree": {"passation: nothing is missing, but %d items could not be decided:", "passation : rien ne manque, mais %d éléments n'ont pas pu être jugés :"},
	"undecided":      {"passation: nothing is missing from the next commit, but %d items could not be decided:", "passation : rien ne manque dans le prochain commit, mais %d éléments n'ont pas pu être jugés :"},
}

func cw(lang, key string) string { return compactWords.In(lang, key) }

// Compact writes what a pre-commit hook shows: nothing at all when no item
// at or above failOn is missing; otherwise one line per gap with what to
// add. With failOn "never", every gap is listed (and none fails).
func Compact(w io.Writer, r *finding.Report, failOn finding.Severity, o CompactOptions) error {
	p := &printer{w: w, color: o.Color}
	lang := o.Lang
	// "the next commit" only when the index is what was checked.
	key := func(k string) string {
		if o.Staged == nil {
			return k + "-tree"
		}
		return k
	}
	if len(o.Conflicts) > 0 {
		p.line(yellow, fmt.Sprintf(cw(lang, "conflicts"), len(o.Conflicts), joinMax(o.Conflicts, 5)))
	}
	show := failOn
	if failOn == finding.Never {
		show = finding.Notice
	}
	var shown []finding.Result
	below := 0
	for _, res := range r.Results {
		if res.Status != finding.Fail && res.Status != finding.Skip {
			continue
		}
		if res.Severity < show {
			if res.Status == finding.Fail {
				below++
			}
			continue
		}
		shown = append(shown, res)
	}
	gaps := 0
	for _, res := range shown {
		if res.Status == finding.Fail {
			gaps++
		}
	}
	switch {
	case len(shown) == 0:
		// Quiet when all is well: a hook that talks on every commit is
		// soon ignored.
		return p.err
	case gaps == 0:
		// Rules that could not decide are not gaps, but silence would
		// say that all is well.
		p.line(bold, fmt.Sprintf(cw(lang, key("undecided")), len(shown)))
	case failOn == finding.Never:
		p.line(bold, fmt.Sprintf(cw(lang, key("head-all")), gaps))
	default:
		p.line(bold, fmt.Sprintf(cw(lang, key("head")), gaps, failOn))
	}
	for _, res := range shown {
		if res.Status == finding.Skip {
			p.line(yellow, fmt.Sprintf("  ? %s [%s] %s: %s", res.Rule, res.Severity, res.Title, res.Message))
			continue
		}
		col := red
		if res.Severity < finding.Error {
			col = yellow
		}
		s := fmt.Sprintf("  ✘ %s [%s] %s: %s", res.Rule, res.Severity, res.Title, res.Hint)
		if len(res.Evidence) > 0 {
			e := res.Evidence[0]
			loc := e.Place()
			if o.Staged[e.Path] {
				loc += " (" + cw(lang, "staged") + ")"
			}
			s += fmt.Sprintf(" [%s: %s]", loc, e.Detail)
		}
		p.line(col, s)
	}
	if below > 0 {
		p.line(dim, fmt.Sprintf(cw(lang, "below"), below, failOn))
	}
	return p.err
}

func joinMax(items []string, n int) string {
	s := ""
	for i, it := range items {
		if i == n {
			return s + fmt.Sprintf(", … +%d", len(items)-n)
		}
		if i > 0 {
			s += ", "
		}
		s += it
	}
	return s
}
