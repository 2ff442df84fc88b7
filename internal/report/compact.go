package report

import (
	"fmt"
	"io"
	"strings"

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
	"head.one":            {"passation: %d missing from the next commit at or above %s:", "passation : %d élément manquant dans le prochain commit, de niveau %s ou supérieur :"},
	"head.many":           {"passation: %d missing from the next commit at or above %s:", "passation : %d éléments manquants dans le prochain commit, de niveau %s ou supérieur :"},
	"head-all.one":        {"passation: %d missing from the next commit:", "passation : %d élément manquant dans le prochain commit :"},
	"head-all.many":       {"passation: %d missing from the next commit:", "passation : %d éléments manquants dans le prochain commit :"},
	"staged":              {"staged", "indexé"},
	"below.one":           {"  (+%d below %s: passation check --staged --fail-on never lists it)", "  … et %d sous le niveau %s, que liste passation check --staged --fail-on never"},
	"below.many":          {"  (+%d below %s: passation check --staged --fail-on never lists them)", "  … et %d sous le niveau %s, que liste passation check --staged --fail-on never"},
	"below-tree.one":      {"  (+%d below %s: passation check --fail-on never lists it)", "  … et %d sous le niveau %s, que liste passation check --fail-on never"},
	"below-tree.many":     {"  (+%d below %s: passation check --fail-on never lists them)", "  … et %d sous le niveau %s, que liste passation check --fail-on never"},
	"conflicts.one":       {"passation: %d unmerged path (merge conflict), judged as on this branch (ours): %s", "passation : %d chemin non fusionné (conflit de fusion), jugé comme sur cette branche (ours) : %s"},
	"conflicts.many":      {"passation: %d unmerged paths (merge conflict), judged as on this branch (ours): %s", "passation : %d chemins non fusionnés (conflit de fusion), jugés comme sur cette branche (ours) : %s"},
	"head-tree.one":       {"passation: %d missing at or above %s:", "passation : %d élément manquant de niveau %s ou supérieur :"},
	"head-tree.many":      {"passation: %d missing at or above %s:", "passation : %d éléments manquants de niveau %s ou supérieur :"},
	"head-all-tree.one":   {"passation: %d missing:", "passation : %d élément manquant :"},
	"head-all-tree.many":  {"passation: %d missing:", "passation : %d éléments manquants :"},
	"undecided-tree.one":  {"passation: nothing is missing, but %d item could not be decided:", "passation : rien ne manque, mais %d élément est indéterminé :"},
	"undecided-tree.many": {"passation: nothing is missing, but %d items could not be decided:", "passation : rien ne manque, mais %d éléments sont indéterminés :"},
	"undecided.one":       {"passation: nothing is missing from the next commit, but %d item could not be decided:", "passation : rien ne manque dans le prochain commit, mais %d élément est indéterminé :"},
	"undecided.many":      {"passation: nothing is missing from the next commit, but %d items could not be decided:", "passation : rien ne manque dans le prochain commit, mais %d éléments sont indéterminés :"},
	"skip-line":           {"  ? %s [%s] %s: %s", "  ? %s [%s] %s : %s"},
	"gap-line":            {"  ✘ %s [%s] %s: %s", "  ✘ %s [%s] %s : %s"},
	"gap-evidence":        {" [%s: %s]", " [%s : %s]"},
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
		p.line(yellow, compactWords.Count(lang, "conflicts", len(o.Conflicts), joinMax(o.Conflicts, 5)))
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
		p.line(bold, compactWords.Count(lang, key("undecided"), len(shown)))
	case failOn == finding.Never:
		p.line(bold, compactWords.Count(lang, key("head-all"), gaps))
	default:
		p.line(bold, compactWords.Count(lang, key("head"), gaps, failOn.Level(lang)))
	}
	for _, res := range shown {
		if res.Status == finding.Skip {
			p.line(yellow, fmt.Sprintf(cw(lang, "skip-line"), res.Rule, res.Severity.In(lang), res.Title, res.Message))
			continue
		}
		col := red
		if res.Severity < finding.Error {
			col = yellow
		}
		s := fmt.Sprintf(cw(lang, "gap-line"), res.Rule, res.Severity.In(lang), res.Title, strings.ReplaceAll(res.Hint, "\n", " "))
		if len(res.Evidence) > 0 {
			e := res.Evidence[0]
			loc := e.Place()
			if o.Staged[e.Path] {
				loc += " (" + cw(lang, "staged") + ")"
			}
			s += fmt.Sprintf(cw(lang, "gap-evidence"), loc, e.Detail)
		}
		p.line(col, s)
	}
	if below > 0 {
		p.line(dim, compactWords.Count(lang, key("below"), below, failOn.Level(lang)))
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
