package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/passation/passation/internal/finding"
	"github.com/passation/passation/internal/typo"
)

func compactOf(t *testing.T, results []finding.Result, failOn finding.Severity, o CompactOptions) string {
	t.Helper()
	var b bytes.Buffer
	if err := Compact(&b, &finding.Report{Results: results}, failOn, o); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// A hint of two lines (the remedy, then what the history adds) is one
// line in the compact report and two in the text report.
func TestHintOfTwoLines(t *testing.T) {
	maintainer := finding.Result{Rule: "maintainer", Severity: finding.Error, Status: finding.Fail, Title: "Maintainer",
		Hint: "Add MAINTAINERS.md.\nPeople who committed lately: Alice (3 commits)."}
	out := compactOf(t, []finding.Result{maintainer}, finding.Error, CompactOptions{})
	if !strings.Contains(out, "Maintainer: Add MAINTAINERS.md. People who committed lately") {
		t.Errorf("compact:\n%s", out)
	}
	var b bytes.Buffer
	if err := Text(&b, &finding.Report{Results: []finding.Result{maintainer}}, finding.Error, TextOptions{}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "      → Add MAINTAINERS.md.\n        People who committed lately: Alice (3 commits).\n") {
		t.Errorf("text:\n%s", b.String())
	}
}

func TestCompact(t *testing.T) {
	pass := finding.Result{Rule: "licence", Severity: finding.Error, Status: finding.Pass}
	install := finding.Result{Rule: "install-guide", Severity: finding.Error, Status: finding.Fail, Title: "Installation guide",
		Hint: "Add INSTALL.md.", Evidence: []finding.Evidence{{Path: "INSTALL.md", Detail: "present but empty"}}}
	roadmap := finding.Result{Rule: "roadmap", Severity: finding.Warning, Status: finding.Fail, Title: "Roadmap", Hint: "Add ROADMAP.md."}
	changelog := finding.Result{Rule: "changelog", Severity: finding.Notice, Status: finding.Fail, Title: "Changelog", Hint: "Add CHANGELOG.md."}
	skipped := finding.Result{Rule: "user-manual", Severity: finding.Error, Status: finding.Skip, Title: "User manual", Message: "Could not decide: blob missing."}

	if out := compactOf(t, []finding.Result{pass, roadmap, changelog}, finding.Error, CompactOptions{}); out != "" {
		t.Fatalf("gaps below --fail-on only: want silence, got\n%s", out)
	}
	out := compactOf(t, []finding.Result{pass, install, roadmap, changelog}, finding.Error, CompactOptions{Staged: map[string]bool{"INSTALL.md": true}})
	want := "passation: 1 missing from the next commit at or above error:\n" +
		"  ✘ install-guide [error] Installation guide: Add INSTALL.md. [INSTALL.md (staged): present but empty]\n" +
		"  (+2 below error: passation check --staged --fail-on never lists them)\n"
	if out != want {
		t.Fatalf("got\n%s\nwant\n%s", out, want)
	}
	// A commit or a folder checked: no "next commit".
	out = compactOf(t, []finding.Result{pass, install, roadmap}, finding.Error, CompactOptions{})
	if !strings.HasPrefix(out, "passation: 1 missing at or above error:\n") || !strings.HasSuffix(out, "  (+1 below error: passation check --fail-on never lists it)\n") {
		t.Fatalf("plain check in compact form (no --staged to suggest):\n%s", out)
	}
	out = compactOf(t, []finding.Result{install, roadmap, changelog}, finding.Never, CompactOptions{Lang: "fr"})
	if !strings.HasPrefix(out, typo.French("passation : 3 éléments manquants :")) || strings.Count(out, "✘") != 3 || strings.Contains(out, "sous le niveau") {
		t.Fatalf("--fail-on never:\n%s", out)
	}
	out = compactOf(t, []finding.Result{pass, skipped}, finding.Error, CompactOptions{})
	if !strings.Contains(out, "could not be decided") || !strings.Contains(out, "? user-manual") {
		t.Fatalf("an undecided rule must not be silent:\n%s", out)
	}
	out = compactOf(t, []finding.Result{pass}, finding.Error, CompactOptions{Conflicts: []string{"a.md", "b.md"}})
	if !strings.Contains(out, "2 unmerged paths") || !strings.Contains(out, "a.md, b.md") {
		t.Fatalf("conflicts not named:\n%s", out)
	}
	if out := compactOf(t, []finding.Result{install}, finding.Error, CompactOptions{Color: true}); !strings.Contains(out, "\x1b[31m") {
		t.Fatalf("no colour on a terminal:\n%q", out)
	}
}
