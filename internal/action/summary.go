package action

import (
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/passation/passation/internal/finding"
	"github.com/passation/passation/internal/report"
)

// SummaryLimit is what a step summary may hold: GitHub refuses to show one
// over 1 MiB.
const SummaryLimit = 1 << 20

// summary is what the job summary is made from.
type summary struct {
	rep    *finding.Report
	groups []report.Group
	failOn finding.Severity
	lang   string
	// name says what was checked: owner/repo on GitHub, else the folder.
	name string
	// link returns the address of a file of the checked commit on GitHub,
	// "" when there is none to give.
	link func(path string, line int) string
}

// detail is how much each row says.
type detail int

const (
	full    detail = iota // evidence links, hints
	compact               // the verdict and the message only
)

// maxEvidence is how many evidence links a row shows; maxText caps any one
// text taken from the repository (a heading, a file name).
const (
	maxEvidence = 3
	maxText     = 300
)

// Markdown renders the job summary, under limit bytes whatever the
// repository: with every detail if it fits, else without evidence and
// hints, else with the rows that fit and a note of how many were left out.
func (s summary) Markdown(limit int) string {
	out, dropped := s.render(full, limit)
	if dropped == 0 {
		return out
	}
	out, _ = s.render(compact, limit)
	return out
}

func (s summary) render(d detail, limit int) (string, int) {
	var b strings.Builder
	lang := s.lang
	sum := s.rep.Summary
	fmt.Fprintf(&b, "## %s\n\n", fmt.Sprintf(say(lang, "heading"), sum.Score))
	where := md(s.name)
	switch s.rep.Repository.Mode {
	case "commit":
		where = fmt.Sprintf("**%s** %s `%s`", where, say(lang, "at"), finding.ShortHash(s.rep.Repository.Commit))
	default:
		where = fmt.Sprintf("**%s** %s", where, say(lang, "folder"))
	}
	fmt.Fprintf(&b, say(lang, "meta")+"\n\n", where, code(s.rep.Profile), report.Tally(lang, sum, true))
	failing := finding.Failing(s.rep.Results, s.failOn)
	if len(failing) == 0 {
		fmt.Fprintf(&b, "✅ %s\n\n", fmt.Sprintf(say(lang, "ok"), s.failOn.Level(lang)))
	} else {
		ids := make([]string, len(failing))
		for i, f := range failing {
			ids[i] = code(f.Rule)
		}
		fmt.Fprintf(&b, "❌ **%s** %s\n\n", words.Count(lang, "failing", len(failing), s.failOn.Level(lang)), strings.Join(ids, ", "))
	}
	if d == compact {
		fmt.Fprintf(&b, "_%s_\n\n", say(lang, "shortened"))
	}

	// Rows are added while they fit, keeping room for the closing note.
	const reserve = 1024
	dropped := 0
	for _, g := range s.orderedGroups() {
		head := fmt.Sprintf("### %s\n\n| | %s | %s |\n|---|---|---|\n", md(g.title), say(lang, "colItem"), say(lang, "colDetail"))
		headDone := false
		for _, r := range g.results {
			if dropped > 0 {
				dropped++ // once a row is left out, all after it are
				continue
			}
			row := s.row(r, d)
			need := len(row)
			if !headDone {
				need += len(head)
			}
			if b.Len()+need+reserve > limit {
				dropped++
				continue
			}
			if !headDone {
				b.WriteString(head)
				headDone = true
			}
			b.WriteString(row)
		}
		if headDone {
			b.WriteString("\n")
		}
	}
	fmt.Fprintf(&b, "%s\n", fmt.Sprintf(say(lang, "legend"), s.failOn))
	if dropped > 0 {
		fmt.Fprintf(&b, "\n> %s\n", words.Count(lang, "truncated", dropped))
	}
	return b.String(), dropped
}

type group struct {
	title   string
	results []finding.Result
}

// orderedGroups lists groups in checklist order, then any other group the
// results name.
func (s summary) orderedGroups() []group {
	by := map[string][]finding.Result{}
	for _, r := range s.rep.Results {
		by[r.Group] = append(by[r.Group], r)
	}
	var out []group
	seen := map[string]bool{}
	for _, g := range s.groups {
		if len(by[g.ID]) > 0 && !seen[g.ID] {
			out = append(out, group{g.Title, by[g.ID]})
			seen[g.ID] = true
		}
	}
	for _, r := range s.rep.Results {
		if !seen[r.Group] {
			out = append(out, group{r.Group, by[r.Group]})
			seen[r.Group] = true
		}
	}
	return out
}

func (s summary) row(r finding.Result, d detail) string {
	mark := "✅"
	item := md(r.Title) + " " + code(r.Rule)
	var cell []string
	switch r.Status {
	case finding.Fail:
		mark = "⚠️"
		if r.Severity >= s.failOn {
			mark = "❌"
		}
		item += " · " + r.Severity.In(s.lang)
		cell = append(cell, md(r.Message))
		if d == full {
			for i, e := range r.Evidence {
				if i == maxEvidence {
					cell = append(cell, fmt.Sprintf("… +%d", len(r.Evidence)-maxEvidence))
					break
				}
				cell = append(cell, s.evidence(e))
			}
			if r.Hint != "" {
				cell = append(cell, "→ "+md(r.Hint))
			}
		}
	case finding.Skip:
		mark = "⚠️"
		cell = append(cell, fmt.Sprintf(say(s.lang, "skipped"), md(r.Message)))
	case finding.Waived:
		mark = "➖"
		cell = append(cell, fmt.Sprintf(say(s.lang, "waived"), md(r.Message)))
	default:
		shown := r.Shown()
		if d == compact || len(shown) == 0 {
			cell = append(cell, md(r.Message))
			break
		}
		for i, e := range shown {
			if i == maxEvidence {
				cell = append(cell, fmt.Sprintf("… +%d", len(shown)-maxEvidence))
				break
			}
			cell = append(cell, s.evidence(e))
		}
	}
	return fmt.Sprintf("| %s | %s | %s |\n", mark, item, strings.Join(cell, "<br>"))
}

// evidence shows a place as a link to the file at the checked commit, when
// there is one, and what was seen there.
func (s summary) evidence(e finding.Evidence) string {
	text := md(e.Place())
	if u := s.link(e.Path, e.Line); u != "" && e.Path != "" {
		text = "[" + text + "](" + u + ")"
	}
	if e.Detail != "" {
		if text != "" {
			text += " "
		}
		text += md(e.Detail)
	}
	return text
}

// blobURL builds the GitHub address of a file at a commit:
// SERVER/OWNER/REPO/blob/SHA/escaped/path#L12.
func blobURL(server, repo, sha, path string, line int) string {
	if server == "" || repo == "" || sha == "" || path == "" {
		return ""
	}
	segs := strings.Split(path, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	u := strings.TrimRight(server, "/") + "/" + repo + "/blob/" + url.PathEscape(sha) + "/" + strings.Join(segs, "/")
	if line > 0 {
		u += "#L" + strconv.Itoa(line)
	}
	return u
}

// mdSpecial are the characters that could make repository text into
// Markdown or HTML: links, images, emphasis, code, tables, tags, mentions.
var mdSpecial = regexp.MustCompile("[\\\\`*_{}\\[\\]()#+\\-.!|<>~@$:]")

// md makes text from the repository inert in a Markdown table cell: one
// line, capped, each special character escaped ("<" and "&" as entities).
func md(s string) string {
	s = strings.Join(strings.Fields(oneLine(s)), " ")
	if r := []rune(s); len(r) > maxText {
		s = string(r[:maxText]) + "…"
	}
	s = strings.ReplaceAll(s, "&", "&amp;")
	return mdSpecial.ReplaceAllStringFunc(s, func(c string) string {
		switch c {
		case "<":
			return "&lt;"
		case ">":
			return "&gt;"
		}
		return "\\" + c
	})
}

var ruleID = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)

// code shows a rule id as code; an id of another shape is escaped text.
func code(id string) string {
	if ruleID.MatchString(id) && len(id) <= maxText {
		return "`" + id + "`"
	}
	return md(id)
}
