package action

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/passation/passation/internal/finding"
	"github.com/sethvargo/go-githubactions"
)

// perLevel is how many annotations of one level GitHub keeps for a step;
// the rest are dropped without a word.
const perLevel = 10

// Gap is one missing item, as an annotation shows it.
type Gap struct {
	Level   finding.Severity
	Rule    string
	Title   string
	Message string
	File    string // relative to the workspace; "" attaches to the run itself
	Line    int    // 1-based; 0 for the whole file
}

// Annotate writes one annotation. Everything the repository controls (file
// names, headings in messages) goes through go-githubactions' escaping:
// "%", CR and LF in the message, and also ":" and "," in properties, so no
// text can end the command early or start another one.
func Annotate(gh *githubactions.Action, g Gap) {
	fields := map[string]string{}
	if g.Title != "" {
		fields["title"] = g.Title
	}
	if g.File != "" {
		fields["file"] = g.File
		if g.Line > 0 {
			fields["line"] = strconv.Itoa(g.Line)
		}
	}
	a := gh.WithFieldsMap(fields)
	switch g.Level {
	case finding.Error:
		a.Errorf("%s", g.Message)
	case finding.Warning:
		a.Warningf("%s", g.Message)
	default:
		a.Noticef("%s", g.Message)
	}
}

// plan splits the gaps, most severe first, between annotations and the log
// so that nothing is dropped silently: each level gets at most perLevel
// annotations and all levels together at most limit. When a level does not
// fit, its last annotation says how many gaps are not annotated — its own
// and, when the budget ends there, those of the levels below — and those
// gaps are listed in the log (and, like every gap, in the job summary).
func plan(gaps []Gap, limit int, lang string) (annotations, logged []Gap) {
	limit = min(max(limit, 0), maxAnnotations)
	levels := []finding.Severity{finding.Error, finding.Warning, finding.Notice}
	by := map[finding.Severity][]Gap{}
	for _, g := range gaps {
		by[g.Level] = append(by[g.Level], g)
	}
	shown, budget, last := map[finding.Severity]int{}, limit, -1
	for i, l := range levels {
		shown[l] = min(len(by[l]), perLevel, budget)
		budget -= shown[l]
		if shown[l] > 0 {
			last = i
		}
	}
	for i, l := range levels {
		at, n := by[l], shown[l]
		if n == 0 {
			logged = append(logged, at...)
			continue
		}
		untold := at[n:]
		var below []Gap
		if i == last {
			for _, lb := range levels[i+1:] {
				below = append(below, by[lb]...)
			}
		}
		if len(untold) == 0 && len(below) == 0 {
			annotations = append(annotations, at...)
			continue
		}
		annotations = append(annotations, at[:n-1]...)
		annotations = append(annotations, moreGap(l, append(append([]Gap{}, at[n-1:]...), below...), lang))
		logged = append(logged, at[n-1:]...)
	}
	return annotations, logged
}

// moreGap is the annotation that stands for the gaps of a level that do not
// fit: it names them, and says where they all are.
func moreGap(level finding.Severity, rest []Gap, lang string) Gap {
	ids := make([]string, len(rest))
	for i, g := range rest {
		ids[i] = g.Rule
	}
	return Gap{
		Level:   level,
		Rule:    "",
		Title:   fmt.Sprintf(say(lang, "moreTitle"), len(rest)),
		Message: words.Count(lang, "moreBody", len(rest), strings.Join(ids, ", ")),
	}
}

// logLine is how a gap that was not annotated reads in the log.
func logLine(g Gap) string {
	where := g.File
	if where != "" && g.Line > 0 {
		where += ":" + strconv.Itoa(g.Line)
	}
	if where == "" {
		where = "-"
	}
	return oneLine(fmt.Sprintf("%-7s %-22s %s  %s", g.Level, g.Rule, where, g.Message))
}

// oneLine keeps a text on one log line: line breaks and other control
// characters become visible escapes.
func oneLine(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || r == 0x2028 || r == 0x2029 || r == 0x85 {
			return '�'
		}
		return r
	}, s)
}
