package action

import (
	"fmt"
	"strings"
	"testing"

	"github.com/passation/passation/internal/finding"
	"github.com/passation/passation/internal/typo"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

// renderHTML renders Markdown as GitHub does (GFM tables, autolinks), to
// see what a reader of the job summary would get.
func renderHTML(t *testing.T, md string) string {
	t.Helper()
	var b strings.Builder
	if err := goldmark.New(goldmark.WithExtensions(extension.GFM)).Convert([]byte(md), &b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestSummaryHostileText(t *testing.T) {
	t.Parallel()
	evil := "<img src=x onerror=alert(1)> ![t](http://evil.example/t.png) [click](http://evil.example) | cell | `code` @team *bold* # h\nnew line &amp;"
	rep := &finding.Report{
		Repository: finding.Repository{Commit: sha, Mode: "commit"}, Profile: "eig|<b>", Lang: "en",
		Results: []finding.Result{
			{Rule: "install-guide", Group: "application", Severity: finding.Error, Status: finding.Pass, Title: "Installation guide",
				Evidence: []finding.Evidence{{Path: "docs/" + evil + ".md", Line: 2, Detail: `section "` + evil + `"`}}},
			{Rule: "evil|rule", Group: evil, Severity: finding.Error, Status: finding.Fail, Title: evil, Message: evil, Hint: evil},
		},
	}
	rep.Summary = finding.Summarize(rep.Results)
	s := summary{rep: rep, failOn: finding.Error, lang: "en", name: evil,
		link: func(p string, l int) string { return blobURL("https://github.com", "team/outil", sha, p, l) }}
	md := s.Markdown(SummaryLimit)
	html := renderHTML(t, md)
	for _, bad := range []string{"<img", "<b>", `href="http://evil`, `src="http://evil`, "<em>bold", "<code>code", "<h1"} {
		if strings.Contains(html, bad) {
			t.Errorf("repository text became markup %q:\n%s\n---\n%s", bad, md, html)
		}
	}
	// Each table keeps its shape: header, delimiter, one row per result.
	for _, line := range strings.Split(md, "\n") {
		if strings.HasPrefix(line, "| ") {
			if cells := strings.Count(strings.ReplaceAll(line, `\|`, ""), "|"); cells != 4 {
				t.Errorf("row with %d cell separators, want 4: %s", cells, line)
			}
		}
	}
	// The evidence link escapes the path and keeps the text readable.
	if !strings.Contains(md, "(https://github.com/team/outil/blob/"+sha+"/docs/%3Cimg%20src=x%20onerror=alert%281%29%3E%20%21%5Bt%5D%28http://evil.example/t.png%29%20%5Bclick%5D") {
		t.Errorf("evidence link not escaped as a path:\n%s", md)
	}
	if !strings.Contains(html, "&lt;img src=x onerror=alert(1)&gt;") {
		t.Errorf("the hostile text is not shown as text:\n%s", html)
	}
}

func TestSummaryMarks(t *testing.T) {
	t.Parallel()
	rep := testReport()
	rep.Results = append(rep.Results,
		finding.Result{Rule: "changelog", Group: "sustainability", Severity: finding.Notice, Status: finding.Skip, Title: "Changelog", Message: "could not be read: history truncated"},
		finding.Result{Rule: "licence", Group: "sustainability", Severity: finding.Error, Status: finding.Waived, Title: "Licence", Message: "waived until 2027-01-01"})
	for _, c := range []struct {
		failOn finding.Severity
		want   []string
	}{
		{finding.Error, []string{"| ❌ | User manual", "| ⚠️ | Roadmap", "| ⚠️ | Pitch", "| ⚠️ | Changelog `changelog` | _skipped_: could not be read\\: history truncated |", "| ➖ | Licence"}},
		{finding.Warning, []string{"| ❌ | User manual", "| ❌ | Roadmap", "| ⚠️ | Pitch", "❌ **2 missing at or above `warning`:** `user-manual`, `roadmap`"}},
		{finding.Never, []string{"| ⚠️ | User manual", "✅ Nothing is missing at or above `never`."}},
	} {
		md := summary{rep: rep, failOn: c.failOn, lang: "en", name: "x", link: func(string, int) string { return "" }}.Markdown(SummaryLimit)
		for _, w := range c.want {
			if !strings.Contains(md, w) {
				t.Errorf("fail-on %s: summary lacks %q:\n%s", c.failOn, w, md)
			}
		}
	}
	fr := testReport()
	fr.Lang = "fr"
	md := summary{rep: fr, failOn: finding.Error, lang: "fr", name: "x", link: func(string, int) string { return "" }}.Markdown(SummaryLimit)
	for _, w := range []string{"checklist de passation : 33/100", "| | Élément | Preuve, ou ce qu'il faut ajouter |", "1 élément manquant de niveau erreur (`error`) ou supérieur :", "`roadmap` · avertissement"} {
		if w = typo.French(w); !strings.Contains(md, w) {
			t.Errorf("French summary lacks %q:\n%s", w, md)
		}
	}
}

// TestSummaryUnderLimit: whatever the repository, the summary fits in
// GitHub's 1 MiB — first by leaving out evidence, then rows.
func TestSummaryUnderLimit(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("très long nom de dossier/", 200)
	mk := func(rules, evidence int) *finding.Report {
		rep := &finding.Report{Repository: finding.Repository{Commit: sha, Mode: "commit"}, Profile: "eig", Lang: "en"}
		for i := 0; i < rules; i++ {
			r := finding.Result{Rule: fmt.Sprintf("rule-%04d", i), Group: fmt.Sprintf("g%d", i%7), Severity: finding.Severity(1 + i%3),
				Status: []finding.Status{finding.Pass, finding.Fail}[i%2], Title: long, Message: long, Hint: long}
			for j := 0; j < evidence; j++ {
				r.Evidence = append(r.Evidence, finding.Evidence{Path: fmt.Sprintf("%s%d.md", long, j), Line: j + 1, Detail: long})
			}
			rep.Results = append(rep.Results, r)
		}
		rep.Summary = finding.Summarize(rep.Results)
		return rep
	}
	link := func(p string, l int) string { return blobURL("https://github.com", "team/outil", sha, p, l) }
	for _, c := range []struct {
		name             string
		rules, evidence  int
		shortened, rows  bool // evidence left out; rows left out
		minRowsInSummary int
	}{
		{"small", 30, 3, false, false, 30},
		{"evidence too big", 120, 20, true, false, 120},
		{"rows too many", 4000, 1, true, true, 100},
	} {
		md := summary{rep: mk(c.rules, c.evidence), failOn: finding.Error, lang: "en", name: "x", link: link}.Markdown(SummaryLimit)
		if len(md) > SummaryLimit {
			t.Errorf("%s: summary is %d bytes, over %d", c.name, len(md), SummaryLimit)
		}
		if got := strings.Contains(md, "Evidence and hints were left out"); got != c.shortened {
			t.Errorf("%s: shortened note %v, want %v", c.name, got, c.shortened)
		}
		if got := strings.Contains(md, "rows left out"); got != c.rows {
			t.Errorf("%s: rows note %v, want %v", c.name, got, c.rows)
		}
		if n := strings.Count(md, "\n| ") - strings.Count(md, "| | Item |"); n < c.minRowsInSummary {
			t.Errorf("%s: %d rows, want at least %d", c.name, n, c.minRowsInSummary)
		}
	}
}
