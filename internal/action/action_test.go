package action

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/passation/passation/internal/finding"
	"github.com/passation/passation/internal/locate"
	"github.com/passation/passation/internal/report"
	"github.com/sethvargo/go-githubactions"
)

const sha = "0123456789abcdef0123456789abcdef01234567"

func testReport() *finding.Report {
	results := []finding.Result{
		{Rule: "install-guide", Group: "application", Severity: finding.Error, Status: finding.Pass, Title: "Installation guide",
			Message: "Found: README.md:3.", Evidence: []finding.Evidence{{Path: "README.md", Line: 3, Detail: `section "Installation"`}}},
		{Rule: "user-manual", Group: "application", Severity: finding.Error, Status: finding.Fail, Title: "User manual",
			Message: "No user manual was found.", Hint: "Add docs/user-manual.md.", Evidence: []finding.Evidence{}},
		{Rule: "roadmap", Group: "outlook", Severity: finding.Warning, Status: finding.Fail, Title: "Roadmap",
			Message: "No roadmap was found.", Hint: "Add ROADMAP.md.",
			Evidence: []finding.Evidence{{Path: "ROADMAP.md", Line: 1, Detail: "present but empty"}}},
		{Rule: "pitch", Group: "communication", Severity: finding.Notice, Status: finding.Fail, Title: "Pitch",
			Message: "No pitch was found.", Evidence: []finding.Evidence{}},
	}
	return &finding.Report{
		Schema: finding.Schema, Tool: finding.Tool{Name: "passation", Version: "dev"},
		Repository: finding.Repository{Path: "/ws", Ref: "HEAD", Commit: sha, Mode: "commit"},
		Profile:    "eig", Lang: "en", Summary: finding.Summarize(results), Results: results,
	}
}

// runner is a simulated runner: a workspace, the files GitHub gives a step,
// and the environment, injected — no process environment is touched.
type runner struct {
	dir, workspace, output, summary string
	env                             map[string]string
	log                             bytes.Buffer
}

func newRunner(t *testing.T) *runner {
	t.Helper()
	dir := t.TempDir()
	r := &runner{dir: dir, workspace: filepath.Join(dir, "ws"),
		output: filepath.Join(dir, "output.txt"), summary: filepath.Join(dir, "summary.md")}
	if err := os.MkdirAll(r.workspace, 0o755); err != nil {
		t.Fatal(err)
	}
	r.env = map[string]string{
		"GITHUB_WORKSPACE": r.workspace, "GITHUB_OUTPUT": r.output, "GITHUB_STEP_SUMMARY": r.summary,
		"GITHUB_SERVER_URL": "https://github.com", "GITHUB_REPOSITORY": "team/outil", "GITHUB_SHA": sha,
		"RUNNER_TEMP": filepath.Join(dir, "tmp"),
	}
	return r
}

func (r *runner) gh() *githubactions.Action {
	return githubactions.New(githubactions.WithWriter(&r.log), githubactions.WithGetenv(func(k string) string { return r.env[k] }))
}

func (r *runner) check(rep *finding.Report) Check {
	return Check{
		Report: rep, FailOn: finding.Error, Root: r.workspace, Log: []byte("::error::from the report\n##[warning]v1\n"),
		Groups: []report.Group{{ID: "application", Title: "The applications built"}, {ID: "outlook", Title: "Outlook"}},
		Place: func(res finding.Result) locate.Place {
			if len(res.Evidence) > 0 {
				return locate.Place{Path: res.Evidence[0].Path, Line: res.Evidence[0].Line}
			}
			return locate.Place{Path: "README.md", Line: 1}
		},
	}
}

func read(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestPublish(t *testing.T) {
	t.Parallel()
	r := newRunner(t)
	in := Inputs{Format: "text", FailOn: "error", Annotations: 30, SARIF: filepath.Join(r.workspace, "out", "p.sarif")}
	out, err := Publish(r.gh(), in, r.check(testReport()), Options{StopToken: func() string { return "TOKEN" }})
	if err != nil {
		t.Fatal(err)
	}
	wantOutputs := "" +
		"score<<_GitHubActionsFileCommandDelimeter_\n33\n_GitHubActionsFileCommandDelimeter_\n" +
		"passed<<_GitHubActionsFileCommandDelimeter_\n1\n_GitHubActionsFileCommandDelimeter_\n" +
		"failed<<_GitHubActionsFileCommandDelimeter_\n3\n_GitHubActionsFileCommandDelimeter_\n" +
		"missing<<_GitHubActionsFileCommandDelimeter_\nuser-manual,roadmap,pitch\n_GitHubActionsFileCommandDelimeter_\n" +
		"report<<_GitHubActionsFileCommandDelimeter_\n" + filepath.Join(r.dir, "tmp", "passation-report.json") + "\n_GitHubActionsFileCommandDelimeter_\n"
	if got := read(t, r.output); got != wantOutputs {
		t.Errorf("outputs file:\n%s\nwant:\n%s", got, wantOutputs)
	}
	if out.Report != filepath.Join(r.dir, "tmp", "passation-report.json") {
		t.Errorf("report output %q", out.Report)
	}
	var rep finding.Report
	if err := json.Unmarshal([]byte(read(t, out.Report)), &rep); err != nil || rep.Schema != finding.Schema {
		t.Errorf("JSON report: %v, schema %q", err, rep.Schema)
	}
	if s := read(t, in.SARIF); !strings.Contains(s, `"repositoryUri": "https://github.com/team/outil"`) || !strings.Contains(s, `"version": "2.1.0"`) {
		t.Errorf("SARIF file lacks the version or the repository:\n%s", s)
	}

	cmds, text := runnerLog(r.log.String())
	var lines []string
	for _, c := range annotationsOf(cmds) {
		lines = append(lines, c.name+" "+c.props["file"]+":"+c.props["line"]+" "+c.props["title"]+" | "+c.data)
	}
	want := []string{
		"error README.md:1 User manual (user-manual) | No user manual was found. Add docs/user-manual.md.",
		"warning ROADMAP.md:1 Roadmap (roadmap) | No roadmap was found. Add ROADMAP.md.",
		"notice README.md:1 Pitch (pitch) | No pitch was found.",
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("annotations:\n%s\nwant:\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
	// The report's own text is shown, never obeyed.
	if !contains(text, "::error::from the report") || !contains(text, "##[warning]v1") {
		t.Errorf("the report is not in the log as text: %q", text)
	}
	if cmds[0].name != "group" || cmds[0].data != "passation: checklist of team/outil" {
		t.Errorf("first command %+v, want the log group", cmds[0])
	}

	sum := read(t, r.summary)
	for _, w := range []string{
		"## passation — handover checklist: 33/100",
		"**team/outil** at `0123456789ab` · profile `eig` · 1 found · 3 missing · 0 skipped · 0 waived",
		"❌ **1 missing at or above `error`:** `user-manual`",
		"### The applications built",
		"| ✅ | Installation guide `install-guide` | [README\\.md\\:3](https://github.com/team/outil/blob/" + sha + "/README.md#L3) section \"Installation\" |",
		"| ❌ | User manual `user-manual` · error | No user manual was found\\.<br>→ Add docs/user\\-manual\\.md\\. |",
		"| ⚠️ | Roadmap `roadmap` · warning | No roadmap was found\\.<br>[ROADMAP\\.md\\:1](https://github.com/team/outil/blob/" + sha + "/ROADMAP.md#L1) present but empty<br>→ Add ROADMAP\\.md\\. |",
		"### communication",
	} {
		if !strings.Contains(sum, w) {
			t.Errorf("summary lacks %q:\n%s", w, sum)
		}
	}
}

func contains(lines []string, s string) bool {
	for _, l := range lines {
		if l == s {
			return true
		}
	}
	return false
}

// TestPublishWithoutRunnerFiles: outside GitHub Actions, GITHUB_OUTPUT and
// GITHUB_STEP_SUMMARY are unset; go-githubactions would panic on them.
func TestPublishWithoutRunnerFiles(t *testing.T) {
	t.Parallel()
	r := newRunner(t)
	delete(r.env, "GITHUB_OUTPUT")
	delete(r.env, "GITHUB_STEP_SUMMARY")
	delete(r.env, "RUNNER_TEMP")
	out, err := Publish(r.gh(), Inputs{Annotations: 30}, r.check(testReport()), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if out.Report != "" {
		t.Errorf("no RUNNER_TEMP and no json input, yet a report at %q", out.Report)
	}
	for _, w := range []string{"GITHUB_OUTPUT is not set", "GITHUB_STEP_SUMMARY is not set"} {
		if !strings.Contains(r.log.String(), w) {
			t.Errorf("log lacks %q", w)
		}
	}
}

// TestPublishUnwritable: files that cannot be written are reported as
// errors, not panics, and the rest is still done.
func TestPublishUnwritable(t *testing.T) {
	t.Parallel()
	r := newRunner(t)
	r.env["GITHUB_OUTPUT"] = r.dir // a folder: opening it for writing fails
	blocker := filepath.Join(r.dir, "blocker")
	if err := os.WriteFile(blocker, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Publish(r.gh(), Inputs{Annotations: 30, SARIF: filepath.Join(blocker, "x.sarif")}, r.check(testReport()), Options{})
	if err == nil || !strings.Contains(err.Error(), "output score") || !strings.Contains(err.Error(), "x.sarif") {
		t.Fatalf("err = %v, want the outputs file and the SARIF file named", err)
	}
	if !strings.Contains(read(t, r.summary), "handover checklist") {
		t.Error("the summary was not written after the outputs failed")
	}
	if len(annotationsOf(mustCmds(r.log.String()))) != 3 {
		t.Errorf("annotations missing after a file error:\n%s", r.log.String())
	}
}

func mustCmds(log string) []command {
	c, _ := runnerLog(log)
	return c
}

// TestPublishPlaces: a repository in a sub-folder of the workspace gets
// workspace paths; one outside it gets no file, the place said in words.
func TestPublishPlaces(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name, root, file, message string
	}{
		{"nested", "ws/sub/repo", "sub/repo/README.md", "No user manual was found. Add docs/user-manual.md."},
		{"outside", "elsewhere", "", "No user manual was found. Add docs/user-manual.md. (README.md:1)"},
	} {
		r := newRunner(t)
		ch := r.check(testReport())
		ch.Root = filepath.Join(r.dir, c.root)
		if err := os.MkdirAll(ch.Root, 0o755); err != nil {
			t.Fatal(err)
		}
		if _, err := Publish(r.gh(), Inputs{Annotations: 30}, ch, Options{}); err != nil {
			t.Fatal(err)
		}
		first := annotationsOf(mustCmds(r.log.String()))[0]
		if first.props["file"] != c.file || first.data != c.message {
			t.Errorf("%s: first annotation %+v, want file %q message %q", c.name, first, c.file, c.message)
		}
		// Links to github.com only for the workflow's own checkout.
		if strings.Contains(read(t, r.summary), "](https://") {
			t.Errorf("%s: the summary links to GitHub for a repository that is not the workflow's", c.name)
		}
	}
}

// TestPublishFolderLinks: a checkout without .git is checked as a folder;
// its files are GITHUB_SHA's, so the summary links there.
func TestPublishFolderLinks(t *testing.T) {
	t.Parallel()
	r := newRunner(t)
	rep := testReport()
	rep.Repository = finding.Repository{Path: r.workspace, Mode: "directory"}
	r.env["GITHUB_SHA"] = "fedcba9876543210fedcba9876543210fedcba98"
	if _, err := Publish(r.gh(), Inputs{Annotations: 30}, r.check(rep), Options{}); err != nil {
		t.Fatal(err)
	}
	sum := read(t, r.summary)
	if !strings.Contains(sum, "(https://github.com/team/outil/blob/fedcba9876543210fedcba9876543210fedcba98/README.md#L3)") ||
		!strings.Contains(sum, "**team/outil** (folder, not a git commit)") {
		t.Errorf("folder summary:\n%s", sum)
	}
}

func TestReadInputs(t *testing.T) {
	t.Parallel()
	gh := func(env map[string]string) *githubactions.Action {
		return githubactions.New(githubactions.WithWriter(&bytes.Buffer{}), githubactions.WithGetenv(func(k string) string { return env[k] }))
	}
	in, err := ReadInputs(gh(map[string]string{}))
	if err != nil {
		t.Fatal(err)
	}
	// fail-on and lang stay empty: the repository's configuration decides.
	if in.Path != "." || in.FailOn != "" || in.Lang != "" || in.Format != "text" || in.Annotations != DefaultAnnotations || in.WorkingDirectory != "." {
		t.Errorf("defaults: %+v", in)
	}
	// The runner's own names (hyphens) are read too.
	in, err = ReadInputs(gh(map[string]string{"INPUT_FAIL-ON": "warning", "INPUT_WORKING_DIRECTORY": "sub", "INPUT_ANNOTATIONS": " 5 "}))
	if err != nil || in.FailOn != "warning" || in.WorkingDirectory != "sub" || in.Annotations != 5 {
		t.Errorf("ReadInputs = %+v, %v", in, err)
	}
	for env, want := range map[string]string{
		"INPUT_ANNOTATIONS": "input annotations: \"x\": expected a number from 0 (none) to 50",
		"INPUT_FORMAT":      "input format: \"x\" is not a format: expected text, json or sarif",
	} {
		if _, err := ReadInputs(gh(map[string]string{env: "x"})); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s=x: err %v, want %q", env, err, want)
		}
	}
	if _, err := ReadInputs(gh(map[string]string{"INPUT_ANNOTATIONS": "51"})); err == nil {
		t.Error("annotations 51 accepted: GitHub keeps 50 per job")
	}
	if _, err := ReadInputs(gh(map[string]string{"INPUT_JSON": "a\nscore<<EOF"})); err == nil || !strings.Contains(err.Error(), "input json") {
		t.Errorf("a line break in an input: err %v", err)
	}

	res := Inputs{Path: ".", WorkingDirectory: "sub", SARIF: "out/p.sarif", JSON: "/abs/r.json", Config: ""}.Resolve("/ws")
	if res.WorkingDirectory != filepath.FromSlash("/ws/sub") || res.Path != filepath.FromSlash("/ws/sub") ||
		res.SARIF != filepath.FromSlash("/ws/sub/out/p.sarif") || res.JSON != filepath.FromSlash("/abs/r.json") || res.Config != "" {
		t.Errorf("Resolve = %+v", res)
	}
	if _, err := ReadInputs(gh(map[string]string{"INPUT_FORMAT": "compact"})); err == nil {
		t.Error("format compact accepted: the action's log takes only the formats the table marks for it")
	}
}
