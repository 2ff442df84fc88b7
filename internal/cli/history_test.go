package cli

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/passation/passation/internal/finding"
	"github.com/passation/passation/internal/testrepo"
	"github.com/passation/passation/internal/typo"
)

// testNow is the clock of the CLI tests: a month after testrepo's commits.
var testNow = time.Date(2026, 2, 2, 12, 0, 0, 0, time.UTC)

func resultsOf(t *testing.T, out string) map[string]finding.Result {
	t.Helper()
	var rep finding.Report
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	m := map[string]finding.Result{}
	for _, r := range rep.Results {
		m[r.Rule] = r
	}
	return m
}

// The history rules read the history of the commit that --ref names: a
// release tagged after it does not count, and its age is its own.
func TestCheckHistoryAtRef(t *testing.T) {
	r := testrepo.New(t)
	r.CommitAt(time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC), "Alice Martin <alice@example.org>", map[string]string{"app.py": "1"})
	r.Git("tag", "first")
	r.CommitAt(time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC), "Bob Petit <bob@example.org>", map[string]string{"app.py": "2"})
	r.Git("tag", "v1.0")
	r.CommitAt(time.Date(2026, 1, 20, 12, 0, 0, 0, time.UTC), "Alice Martin <alice@example.org>", map[string]string{"app.py": "3"})

	_, out, _ := run(t, nil, "check", r.Dir, "--format", "json", "--lang", "en")
	head := resultsOf(t, out)
	if a := head["activity"]; a.Status != finding.Pass || !strings.Contains(a.Message, "last commit on 2026-01-20, 13 days ago, by Alice Martin") {
		t.Errorf("activity at HEAD: %s %q", a.Status, a.Message)
	}
	if rel := head["release"]; rel.Message != "Latest release: tag v1.0, 2025-06-01 (2 in all)." {
		t.Errorf("release at HEAD: %q", rel.Message)
	}

	_, out, _ = run(t, nil, "check", r.Dir, "--ref", "first", "--format", "json", "--lang", "en")
	old := resultsOf(t, out)
	if a := old["activity"]; a.Status != finding.Fail || a.Message != "The checked branch has had no commit for more than 6 months." ||
		len(a.Evidence) != 1 || !strings.HasPrefix(a.Evidence[0].Detail, "last commit on 2025-03-01, 11 months ago, by Alice Martin") {
		t.Errorf("activity at first: %s %q %+v", a.Status, a.Message, a.Evidence)
	}
	if rel := old["release"]; rel.Message != "Latest release: tag first, 2025-03-01 (1 in all)." {
		t.Errorf("release at first: %q", rel.Message)
	}
}

func TestCheckFolderSkipsHistoryRules(t *testing.T) {
	dir := t.TempDir()
	_, out, _ := run(t, nil, "check", dir, "--format", "json", "--lang", "fr")
	for _, id := range []string{"activity", "bus-factor", "doc-freshness", "release"} {
		res := resultsOf(t, out)[id]
		if res.Status != finding.Skip || res.Message != typo.French("Impossible de conclure : pas d'historique de commits : c'est un dossier ou l'index qui est vérifié, pas un commit.") {
			t.Errorf("%s in a folder: %s %q", id, res.Status, res.Message)
		}
	}
}

func TestPassationNow(t *testing.T) {
	r := testrepo.New(t).CommitFiles(map[string]string{"app.py": "1"}) // committed on 2026-01-02
	var out, errb strings.Builder
	code := Main([]string{"check", r.Dir, "--format", "json", "--lang", "en"}, &Env{Stdout: &out, Stderr: &errb,
		Getenv: func(k string) string { return map[string]string{"PASSATION_NOW": "2027-01-02"}[k] }})
	if a := resultsOf(t, out.String())["activity"]; a.Status != finding.Fail || !strings.Contains(a.Evidence[0].Detail, "12 months ago") {
		t.Errorf("exit %d: activity %s %+v, want a fail a year after the commit", code, a.Status, a.Evidence)
	}
	errb.Reset()
	code = Main([]string{"check", r.Dir}, &Env{Stdout: &out, Stderr: &errb,
		Getenv: func(k string) string { return map[string]string{"PASSATION_NOW": "tomorrow"}[k] }})
	if code != ExitUsage || !strings.Contains(errb.String(), `PASSATION_NOW="tomorrow": expected a date such as 2026-01-31`) {
		t.Errorf("exit %d, stderr %q", code, errb.String())
	}
}

// A pre-commit check judges the next commit, not the repository's past:
// the rules read from the history alone are left out of it.
func TestStagedLeavesHistoryRulesOut(t *testing.T) {
	r := testrepo.New(t).CommitFiles(map[string]string{"app.py": "1"})
	_, out, _ := run(t, nil, "check", r.Dir, "--staged", "--format", "json", "--fail-on", "warning")
	res := resultsOf(t, out)
	for _, id := range []string{"activity", "bus-factor", "doc-freshness", "release"} {
		if got, ok := res[id]; ok {
			t.Errorf("%s judged on the index: %s %q", id, got.Status, got.Message)
		}
	}
	if _, ok := res["declared-maintenance"]; !ok {
		t.Error("declared-maintenance reads publiccode.yml, which the index has: it should be judged")
	}
	code, out, _ := run(t, nil, "check", r.Dir, "--staged", "--fail-on", "warning")
	if strings.Contains(out, "history") || strings.Contains(out, "commit history") {
		t.Errorf("exit %d, the hook talks of the history:\n%s", code, out)
	}
}
