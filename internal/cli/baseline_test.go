package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/passation/passation/internal/audit"
	"github.com/passation/passation/internal/cohortreport"
	"github.com/passation/passation/internal/gitserver"
)

// runOn is run with the clock at when.
func runOn(t *testing.T, when time.Time, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Main(args, &Env{
		Stdout: &out, Stderr: &errb, Stdin: strings.NewReader(""),
		Getenv: func(k string) string { return map[string]string{"CI": "true"}[k] },
		Now:    func() time.Time { return when },
	})
	return code, out.String(), errb.String()
}

func readResult(t *testing.T, out string) *audit.Result {
	t.Helper()
	fh, err := os.Open(filepath.Join(out, "report.json"))
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	res, err := audit.ReadJSON("report.json", fh)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func changeNamed(t *testing.T, res *audit.Result, name string) audit.Change {
	t.Helper()
	if res.Changes == nil {
		t.Fatal("report.json has no changes section")
	}
	for _, c := range res.Changes.Repositories {
		if c.Name == name {
			return c
		}
	}
	t.Fatalf("no change for %s in %+v", name, res.Changes.Repositories)
	return audit.Change{}
}

// TestAuditBaselineThreeAudits audits a cohort served by git daemon three
// times, committing between the audits, each with the previous one as its
// baseline: the changes, the letters and the progress chart follow.
func TestAuditBaselineThreeAudits(t *testing.T) {
	root := gitserver.NewRoot(t)
	alpha := root.Add("alpha", coreFiles) // install guide missing
	beta := root.Add("beta", coreFiles)
	root.Add("gamma", coreFiles)
	root.Add("delta", coreFiles)
	url := gitserver.StartDaemon(t, root).URL
	dir := t.TempDir()
	out := filepath.Join(dir, "rapport")
	cohort := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte("url,name,team,lang\n"+body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	first := cohort("first.csv", url+"alpha.git,alpha,Équipe Alpha,fr\n"+url+"beta.git,beta,Team Beta,en\n"+url+"gamma.git,gamma,Team Gamma,en\n")
	// gamma leaves the list, delta joins it.
	later := cohort("later.csv", url+"alpha.git,alpha,Équipe Alpha,fr\n"+url+"beta.git,beta,Team Beta,en\n"+url+"delta.git,delta,Team Delta,en\n")

	day1 := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	day2 := time.Date(2026, 3, 15, 9, 0, 0, 0, time.UTC)
	day3 := time.Date(2026, 4, 2, 9, 0, 0, 0, time.UTC)
	audit1 := func(when time.Time, list string, extra ...string) {
		t.Helper()
		args := append([]string{"audit", "--from", list, "--out", out, "--profile", "core", "--jobs", "2"}, extra...)
		code, stdout, stderr := runOn(t, when, args...)
		if code != ExitOK && code != ExitGaps {
			t.Fatalf("audit on %s: exit %d\n%s\n%s", when.Format(time.DateOnly), code, stdout, stderr)
		}
	}
	audit1(day1, first)
	if res := readResult(t, out); res.Changes != nil || res.Date != "2026-03-01" {
		t.Fatalf("first audit: changes %v, date %q; expected none and 2026-03-01", res.Changes, res.Date)
	}

	// alpha adds its installation guide in two commits; beta loses its licence.
	alpha.CommitFiles(map[string]string{"NOTES.md": "notes\n"})
	alpha.CommitFiles(map[string]string{"INSTALL.md": install})
	root.Publish(alpha)
	beta.Git("rm", "-q", "LICENSE")
	beta.Commit("drop the licence")
	root.Publish(beta)

	audit1(day2, later, "--baseline", out)
	res := readResult(t, out)
	if res.Changes.Since != "2026-03-01" || res.Changes.Baseline != filepath.Join(out, "report.json") {
		t.Errorf("changes since %q from %q", res.Changes.Since, res.Changes.Baseline)
	}
	a := changeNamed(t, res, "alpha")
	if a.Status != audit.ChangeCompared || strings.Join(a.Found, ",") != "install-guide" || len(a.Lost) != 0 {
		t.Errorf("alpha: %+v; expected install-guide found, nothing lost", a)
	}
	if a.Commits == nil || *a.Commits != 2 {
		t.Errorf("alpha: commits %v, expected 2", a.Commits)
	}
	if a.ScoreChange() <= 0 {
		t.Errorf("alpha: score %d → %d, expected a rise", *a.ScoreBefore, *a.ScoreNow)
	}
	b := changeNamed(t, res, "beta")
	if strings.Join(b.Lost, ",") != "licence" || len(b.Found) != 0 || b.ScoreChange() >= 0 {
		t.Errorf("beta: %+v; expected licence lost and a lower score", b)
	}
	if !slices.Contains(b.StillMissing, "install-guide") {
		t.Errorf("beta: still missing %v, expected install-guide", b.StillMissing)
	}
	if b.Commits == nil || *b.Commits != 1 {
		t.Errorf("beta: commits %v, expected 1", b.Commits)
	}
	if d := changeNamed(t, res, "delta"); d.Status != audit.ChangeNew {
		t.Errorf("delta: %+v, expected new", d)
	}
	if len(res.Changes.Gone) != 1 || res.Changes.Gone[0].Name != "gamma" {
		t.Errorf("gone: %+v, expected gamma", res.Changes.Gone)
	}
	files := readTree(t, out)
	fr := files[filepath.Join("letters", "equipe-alpha.md")]
	for _, want := range []string{"Depuis l'audit du 1er mars 2026", "ajoutés\u00a0: Documentation d'installation", "2 commits"} {
		if !strings.Contains(fr, want) {
			t.Errorf("alpha's letter lacks %q:\n%s", want, fr)
		}
	}
	en := files[filepath.Join("letters", "team-beta.md")]
	for _, want := range []string{"Since the audit of 1 March 2026", "no longer found: Licence", "still missing: Installation guide", "1 commit"} {
		if !strings.Contains(en, want) {
			t.Errorf("beta's letter lacks %q:\n%s", want, en)
		}
	}
	md := files["report.md"]
	if !strings.Contains(md, "## Since the audit of 1 March 2026") || !strings.Contains(md, "No longer in the list: gamma") {
		t.Errorf("report.md does not say what moved:\n%s", md)
	}
	if !strings.Contains(files["index.html"], `data-col="since"`) || !strings.Contains(files["index.html"], `class="since up"`) || !strings.Contains(files["index.html"], `class="since down"`) {
		t.Error("index.html has no column of what moved, with a rise and a fall")
	}

	// Nothing moves before the third audit.
	audit1(day3, later, "--baseline", filepath.Join(out, "report.json"), "--deadline", "2026-04-16", "--deadline-name", "demo day")
	res = readResult(t, out)
	if a := changeNamed(t, res, "alpha"); a.Moved() || a.Commits == nil || *a.Commits != 0 || a.ScoreChange() != 0 {
		t.Errorf("alpha on the third audit: %+v; expected nothing moved, 0 commits", a)
	}
	if res.Changes.Since != "2026-03-15" || len(res.Changes.Gone) != 0 {
		t.Errorf("third audit: since %q, gone %v", res.Changes.Since, res.Changes.Gone)
	}
	files = readTree(t, out)
	if !strings.Contains(files[filepath.Join("letters", "team-beta.md")], "Demo day: in 14 days (16 April 2026).") ||
		!strings.Contains(files[filepath.Join("letters", "equipe-alpha.md")], "Demo day\u00a0: dans 14 jours (16 avril 2026).") {
		t.Errorf("the letters do not count the days to demo day:\n%s", files[filepath.Join("letters", "equipe-alpha.md")])
	}
	if !strings.Contains(files[filepath.Join("letters", "equipe-alpha.md")], "aucun élément n'a changé") {
		t.Errorf("alpha's third letter does not say nothing changed:\n%s", files[filepath.Join("letters", "equipe-alpha.md")])
	}

	// The history holds the three audits, and the chart three points per group.
	var hist cohortreport.Progress
	if err := json.Unmarshal([]byte(files["history.json"]), &hist); err != nil {
		t.Fatal(err)
	}
	if len(hist.Audits) != 3 || hist.Audits[0].Date != "2026-03-01" || hist.Audits[2].Date != "2026-04-02" {
		t.Fatalf("history: %+v", hist.Audits)
	}
	// Core profile: alpha gains one item, beta loses one; gamma (4) leaves, delta (4) joins.
	app1, app2 := hist.Audits[0].Found["application"], hist.Audits[1].Found["application"]
	if app2 != app1+1 {
		t.Errorf("application items found: %d then %d, expected one more (alpha's install guide)", app1, app2)
	}
	html := files["index.html"]
	groups := regexp.MustCompile(`<g class="group" data-group="([a-z-]+)">(.*?)</g>`).FindAllStringSubmatch(html, -1)
	if len(groups) == 0 {
		t.Fatal("index.html has no progress chart")
	}
	for _, g := range groups {
		if n := strings.Count(g[2], `class="point"`); n != 3 {
			t.Errorf("group %s: %d points, expected 3", g[1], n)
		}
	}
}
