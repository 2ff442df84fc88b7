package cohortreport

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"strings"

	"github.com/passation/passation/internal/audit"
	"github.com/passation/passation/internal/catalog"
	"github.com/passation/passation/internal/finding"
	"github.com/passation/passation/internal/textfold"
)

// page.html.tmpl holds the whole page: styles and script inline, so that
// the file works offline and as an e-mail attachment.
//
//go:embed page.html.tmpl
var pageSource string

var pageTemplate = template.Must(template.New("page").Funcs(template.FuncMap{
	"say":      say,
	"severity": severity,
	"sayf": func(lang, key string, args ...any) string {
		return fmt.Sprintf(say(lang, key), args...)
	},
}).Parse(pageSource))

type htmlPage struct {
	Lang      string
	Title     string
	Summary   string
	Items     []htmlItem
	Rows      []htmlRow
	HaveTeams bool
	// Since heads the column of what moved since an earlier audit; "" when
	// the audit had no baseline.
	Since, SinceHead string
	// Chart draws the cohort's progress across audits; "" with fewer than
	// two.
	Chart template.HTML
	// Gone names the repositories of the earlier audit no longer listed.
	Gone string
}

type htmlItem struct {
	audit.Item
	GroupTitle string
	// Have is "83%", Level colours it, Tip says "5 of 6 repositories".
	Have, Level, Tip string
	Percent          int
}

type htmlRow struct {
	audit.Repository
	ID      string
	State   string
	Text    string // what the search box matches, folded
	Missing string // failing rule ids, space-separated
	Score   int    // -1 when not audited
	Cells   []htmlCell
	Gaps    []finding.Result
	Found   []finding.Result
	Other   []finding.Result // skipped and waived
	Commit  string
	RefText string
	// Since is the row's move (▲ +12), SinceClass colours it, SinceSort
	// orders the column, SinceText says it in a sentence.
	Since, SinceClass, SinceText string
	SinceSort                    int
}

type htmlCell struct {
	Class, Mark, Tip, Sort string
	// Moved is ▲ (found since the earlier audit) or ▼ (missing since).
	Moved string
	// OrgDefault: missing here, met by the organisation's .github defaults.
	OrgDefault bool
}

// HTML writes the cohort page: the matrix, sortable and filterable (also
// from the URL: #q=text&missing=rule&state=gaps&sort=score&dir=desc), the
// cohort's totals per item, and a section per repository.
func HTML(w io.Writer, res *audit.Result, cat *catalog.Catalog, progress *Progress) error {
	res = tamed(res) // no control or bidi character of a repository
	lang := res.Lang
	p := htmlPage{
		Lang:    lang,
		Title:   say(lang, "title"),
		Summary: summaryLine(lang, res),
	}
	for i, it := range res.Items {
		t := res.Totals[i]
		hi := htmlItem{Item: it, GroupTitle: groupTitle(cat, it.Group, lang), Percent: t.Percent, Level: "none", Have: "–"}
		if t.Percent >= 0 {
			hi.Have = fmt.Sprintf(say(lang, "pct"), t.Percent)
			hi.Level = level(t.Percent)
		}
		hi.Tip = words.Count(lang, "repo-count", t.Pass, t.Pass+t.Fail)
		p.Items = append(p.Items, hi)
	}
	for i := range res.Repositories {
		r := res.Repositories[i]
		p.HaveTeams = p.HaveTeams || r.Team != ""
		row := htmlRow{Repository: r, ID: fmt.Sprintf("repo-%d", r.Index+1), State: state(&r), Score: -1}
		row.Text = slugText(r.Name + " " + r.Team + " " + r.Challenge + " " + r.URL)
		var missing []string
		if r.Report != nil {
			row.Score = r.Report.Summary.Score
			row.Commit = finding.ShortHash(r.Report.Repository.Commit)
			row.RefText = r.Report.Repository.Ref
			for _, res := range r.Report.Results {
				switch res.Status {
				case finding.Fail:
					row.Gaps = append(row.Gaps, res)
					missing = append(missing, res.Rule)
				case finding.Pass:
					row.Found = append(row.Found, res)
				default:
					row.Other = append(row.Other, res)
				}
			}
			row.Gaps = failing(&r)
		}
		row.Missing = strings.Join(missing, " ")
		for _, it := range res.Items {
			row.Cells = append(row.Cells, cell(&r, it, lang))
		}
		htmlChange(&row, res, cat, res.Items)
		htmlOrgDefaults(&row, lang, res.Items)
		p.Rows = append(p.Rows, row)
	}
	p.Chart = chartSVG(progress, cat, lang)
	if res.Changes != nil {
		p.Since, p.SinceHead = sinceTitle(lang, res.Changes), cw(lang, "column")
		var gone []string
		for _, g := range res.Changes.Gone {
			gone = append(gone, g.Name)
		}
		if len(gone) > 0 {
			p.Gone = fmt.Sprintf(cw(lang, "gone"), strings.Join(gone, ", "))
		}
	}
	return pageTemplate.Execute(w, p)
}

// slugText folds text for the search box: case and accents do not matter.
func slugText(s string) string { return strings.Join(strings.Fields(textfold.Fold(s)), " ") }

func level(percent int) string {
	switch {
	case percent >= 80:
		return "high"
	case percent >= 50:
		return "mid"
	}
	return "low"
}

// cell is one square of the matrix; Sort orders a column: missing core
// items first when sorted ascending.
func cell(r *audit.Repository, it audit.Item, lang string) htmlCell {
	if r.Error != nil {
		return htmlCell{Class: "err", Mark: "!", Tip: fmt.Sprintf(say(lang, "error-why"), r.Error.What(lang)), Sort: "0"}
	}
	res, ok := r.Result(it.Rule)
	if !ok {
		return htmlCell{Class: "na", Mark: "", Tip: say(lang, "na"), Sort: "5"}
	}
	tip := it.Title + ": " + res.Message
	switch res.Status {
	case finding.Pass:
		return htmlCell{Class: "pass", Mark: "✔", Tip: tip, Sort: "4"}
	case finding.Skip:
		return htmlCell{Class: "skip", Mark: "?", Tip: tip, Sort: "3"}
	case finding.Waived:
		return htmlCell{Class: "waived", Mark: "~", Tip: tip, Sort: "3"}
	}
	return htmlCell{Class: "fail " + res.Severity.String(), Mark: "✘", Tip: tip, Sort: fmt.Sprint(4 - int(res.Severity))}
}
