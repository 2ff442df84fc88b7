package audit

import (
	"strings"
	"testing"

	"github.com/passation/passation/internal/finding"
)

func report(score int, commit string, statuses map[string]finding.Status) *finding.Report {
	rep := &finding.Report{Summary: finding.Summary{Score: score}, Repository: finding.Repository{Commit: commit}}
	for _, rule := range []string{"licence", "install-guide", "user-manual", "maintainer"} {
		if st, ok := statuses[rule]; ok {
			rep.Results = append(rep.Results, finding.Result{Rule: rule, Status: st})
		}
	}
	return rep
}

// TestCompareMatchesByURLAndSaysEveryStatus: a URL written another way
// (credential, case of the host, .git, trailing slash) is the same
// repository; a failed audit on either side is not compared.
func TestCompareMatchesByURLAndSaysEveryStatus(t *testing.T) {
	prev := &Result{Date: "2026-03-01", Repositories: []Repository{
		{Index: 0, Name: "a", URL: "https://GitHub.com/org/a.git", Report: report(40, "c1", map[string]finding.Status{
			"licence": finding.Fail, "install-guide": finding.Pass, "user-manual": finding.Skip, "maintainer": finding.Fail})},
		{Index: 1, Name: "b", URL: "https://github.com/org/b", Error: &Failure{Kind: FailUnreachable}},
		{Index: 2, Name: "old", URL: "https://github.com/org/old"},
		{Index: 3, Name: "a-tag", URL: "https://github.com/org/a", Ref: "v1", Report: report(10, "c0", nil)},
	}}
	cur := &Result{Repositories: []Repository{
		{Index: 0, Name: "a", URL: "https://user:tok@github.com/org/a/", Report: report(60, "c2", map[string]finding.Status{
			"licence": finding.Pass, "install-guide": finding.Fail, "user-manual": finding.Pass, "maintainer": finding.Fail})},
		{Index: 1, Name: "b", URL: "https://github.com/org/b", Report: report(50, "c3", nil)},
		{Index: 2, Name: "new", URL: "https://github.com/org/new", Report: report(50, "c4", nil)},
		{Index: 3, Name: "a-tag", URL: "https://github.com/org/a", Ref: "v1", Report: report(10, "c0", nil)},
	}}
	ch := compare(prev, "prev/report.json", cur, map[int]int{0: 3})
	if ch.Since != "2026-03-01" || len(ch.Repositories) != 4 {
		t.Fatalf("changes: %+v", ch)
	}
	a := ch.Repositories[0]
	if a.Status != ChangeCompared || join(a.Found) != "licence,user-manual" || join(a.Lost) != "install-guide" || join(a.StillMissing) != "maintainer" {
		t.Errorf("a: %+v", a)
	}
	if a.ScoreChange() != 20 || a.Commits == nil || *a.Commits != 3 || a.FromCommit != "c1" || a.ToCommit != "c2" {
		t.Errorf("a: score change %d, commits %v, %s..%s", a.ScoreChange(), a.Commits, a.FromCommit, a.ToCommit)
	}
	if b := ch.Repositories[1]; b.Status != ChangeUncompared || b.ScoreBefore != nil {
		t.Errorf("b: %+v, expected not compared", b)
	}
	if n := ch.Repositories[2]; n.Status != ChangeNew {
		t.Errorf("new: %+v", n)
	}
	if tag := ch.Repositories[3]; tag.Status != ChangeCompared || tag.Moved() || tag.Commits != nil {
		t.Errorf("a at v1 (another ref of a): %+v, expected compared with itself, commits unknown", tag)
	}
	if len(ch.Gone) != 1 || ch.Gone[0].Name != "old" {
		t.Errorf("gone: %+v", ch.Gone)
	}
}

func join(s []string) string { return strings.Join(s, ",") }
