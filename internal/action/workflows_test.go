package action

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/passation/passation/internal/testrepo"
)

// actionlint returns the path of actionlint, or skips: .ci/run installs it
// (go install github.com/rhysd/actionlint/cmd/actionlint@v1.7.12).
func actionlint(t *testing.T) string {
	testrepo.EndToEnd(t, "actionlint")
	t.Helper()
	bin, err := exec.LookPath("actionlint")
	if err != nil {
		t.Skip("actionlint is not on PATH, so the workflows are not linted: install it with " +
			"go install github.com/rhysd/actionlint/cmd/actionlint@v1.7.12 (.ci/run does)")
	}
	return bin
}

func lint(t *testing.T, bin, dir, file string) (string, error) {
	t.Helper()
	cmd := exec.Command(bin, "-no-color", file)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// TestWorkflowsPassActionlint lints every workflow of the project (its own
// check uses the action from this repository, so action.yml is checked
// too; the release workflow) and the example workflow of the README.
func TestWorkflowsPassActionlint(t *testing.T) {
	t.Parallel()
	bin := actionlint(t)
	root, err := filepath.Abs(repoRoot)
	if err != nil {
		t.Fatal(err)
	}
	// Every workflow of the repository: passation.yml (the action on
	// itself) and release.yml (GoReleaser on each tag) at least.
	workflows, err := filepath.Glob(filepath.Join(root, ".github", "workflows", "*.y*ml"))
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	for _, wf := range workflows {
		rel := filepath.ToSlash(strings.TrimPrefix(wf, root+string(filepath.Separator)))
		names[filepath.Base(wf)] = true
		if out, err := lint(t, bin, root, rel); err != nil {
			t.Errorf("%s: actionlint: %v\n%s", rel, err, out)
		}
	}
	for _, want := range []string{"passation.yml", "release.yml"} {
		if !names[want] {
			t.Errorf(".github/workflows/%s was not found, so not linted (found %v)", want, workflows)
		}
	}

	readme, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	start := strings.Index(string(readme), "<!-- action-example:start")
	end := strings.Index(string(readme), "<!-- action-example:end -->")
	if start < 0 || end < start {
		t.Fatal("README.md lacks the action-example markers around its workflow example")
	}
	block := string(readme[start:end])
	i, j := strings.Index(block, "```yaml\n"), strings.LastIndex(block, "```")
	if i < 0 || j <= i {
		t.Fatal("the README's action example has no ```yaml block")
	}
	example := block[i+len("```yaml\n") : j]
	if !strings.Contains(example, "uses: passation/passation@v1") {
		t.Errorf("the README example does not use the action:\n%s", example)
	}
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, ".github", "workflows"), 0o755); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(".github", "workflows", "example.yml")
	if err := os.WriteFile(filepath.Join(dir, file), []byte(example), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := lint(t, bin, dir, file); err != nil {
		t.Errorf("README example workflow: actionlint: %v\n%s", err, out)
	}

	// The check can fail: a workflow passing an input the action does not
	// declare is refused (in a copy: action.yml beside the workflow).
	neg := testrepo.New(t).Dir // actionlint finds the project root by its .git
	if err := os.MkdirAll(filepath.Join(neg, ".github", "workflows"), 0o755); err != nil {
		t.Fatal(err)
	}
	bad := strings.Replace(readOrFail(t, filepath.Join(root, ".github/workflows/passation.yml")), "fail-on:", "fail-when:", 1)
	for name, content := range map[string]string{
		"action.yml":                     readOrFail(t, filepath.Join(root, "action.yml")),
		".github/workflows/negative.yml": bad,
	} {
		if err := os.WriteFile(filepath.Join(neg, filepath.FromSlash(name)), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if out, err := lint(t, bin, neg, filepath.Join(".github", "workflows", "negative.yml")); err == nil || !strings.Contains(out, "fail-when") {
		t.Errorf("actionlint accepted an input action.yml does not declare (err %v):\n%s", err, out)
	}
}

func readOrFail(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestActionScriptsPassShellcheck: actionlint runs shellcheck on the
// workflows' scripts, not on a composite action's: this runs it on each
// of action.yml's steps, as bash (their shell).
func TestActionScriptsPassShellcheck(t *testing.T) {
	t.Parallel()
	bin, err := exec.LookPath("shellcheck")
	if err != nil {
		t.Skip("shellcheck is not on PATH (.ci/run installs it with apt-get install shellcheck)")
	}
	for _, s := range loadAction(t).Runs.Steps {
		f := filepath.Join(t.TempDir(), "step.sh")
		if err := os.WriteFile(f, []byte(s.Run+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		if out, err := exec.Command(bin, "--shell=bash", f).CombinedOutput(); err != nil {
			t.Errorf("step %q: shellcheck: %v\n%s", s.Name, err, out)
		}
	}
}
