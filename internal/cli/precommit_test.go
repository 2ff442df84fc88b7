package cli

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/passation/passation/internal/testrepo"
	"go.yaml.in/yaml/v3"
)

// TestPreCommitHooksConventions: the hooks follow actionlint's and
// gitleaks': a golang hook that lets pre-commit choose (or install) Go, so
// no language_version, with the pre-commit version that can do so, and a
// system twin; both ids stay what teams already pin.
func TestPreCommitHooksConventions(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile("../../.pre-commit-hooks.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var hooks []map[string]any
	if err := yaml.Unmarshal(data, &hooks); err != nil {
		t.Fatal(err)
	}
	byID := map[string]map[string]any{}
	for _, h := range hooks {
		byID[fmt.Sprint(h["id"])] = h
	}
	for id, lang := range map[string]string{"passation": "golang", "passation-system": "system"} {
		h, ok := byID[id]
		if !ok {
			t.Errorf("no hook %q in .pre-commit-hooks.yaml", id)
			continue
		}
		if h["language"] != lang {
			t.Errorf("hook %s: language %v, want %s", id, h["language"], lang)
		}
		if _, ok := h["language_version"]; ok {
			t.Errorf("hook %s sets language_version: pre-commit could not install Go where there is none", id)
		}
		if h["minimum_pre_commit_version"] != "3.0.0" {
			t.Errorf("hook %s: minimum_pre_commit_version %v, want 3.0.0 (the first that installs Go itself)", id, h["minimum_pre_commit_version"])
		}
		if h["entry"] != "passation check --staged" || h["pass_filenames"] != false || h["always_run"] != true {
			t.Errorf("hook %s: entry %v, pass_filenames %v, always_run %v", id, h["entry"], h["pass_filenames"], h["always_run"])
		}
	}
}

// TestPreCommitFramework drives the real pre-commit framework with this
// repository's .pre-commit-hooks.yaml, from a clone of the project at HEAD:
// the hook is built by pre-commit with the Go toolchain (language: golang),
// then refuses a commit while a core item is missing and accepts it once the
// item is staged. .ci/run installs pre-commit (Debian package).
func TestPreCommitFramework(t *testing.T) {
	testrepo.EndToEnd(t, "the pre-commit framework")
	if _, err := exec.LookPath("pre-commit"); err != nil {
		t.Skip("pre-commit is not installed (apt-get install pre-commit; .ci/run does): skipping the end-to-end test of .pre-commit-hooks.yaml")
	}
	tmp := t.TempDir()
	src := cloneProject(t, tmp)
	rev := strings.TrimSpace(gitOut(t, src, "rev-parse", "HEAD"))

	modcache, err := exec.Command("go", "env", "GOMODCACHE").Output()
	if err != nil {
		t.Fatal(err)
	}
	env := append(testrepo.Env(),
		"PRE_COMMIT_HOME="+filepath.Join(tmp, "pre-commit-home"),
		// pre-commit builds with GOPATH set to its own folder; keep the
		// module cache the machine already has (downloads, if any, go
		// through the configured proxy).
		"GOMODCACHE="+strings.TrimSpace(string(modcache)),
		"NO_COLOR=1", "PRE_COMMIT_COLOR=never",
	)
	preCommit := func(dir string, args ...string) (string, int) {
		t.Helper()
		return runPreCommit(t, dir, env, args...)
	}

	// try-repo: the hook straight from the project's clone.
	fx := testrepo.New(t).CommitFiles(coreFiles)
	out, code := preCommit(fx.Dir, "try-repo", src, "passation", "--all-files")
	if code != 1 || !strings.Contains(out, "install-guide") || !strings.Contains(out, "Failed") {
		t.Fatalf("try-repo with INSTALL.md missing: exit %d, want 1 naming install-guide:\n%s", code, out)
	}
	fx.Write(map[string]string{"INSTALL.md": install}).Git("add", "INSTALL.md")
	if out, code := preCommit(fx.Dir, "try-repo", src, "passation", "--all-files"); code != 0 || !strings.Contains(out, "Passed") {
		t.Fatalf("try-repo with INSTALL.md staged: exit %d, want 0:\n%s", code, out)
	}

	// passation-system: the passation on the PATH, as a release archive
	// or go install puts it there.
	bin := filepath.Join(tmp, "bin")
	build := exec.Command("go", "build", "-o", filepath.Join(bin, "passation"), ".")
	build.Dir = src
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	systemEnv := append([]string(nil), env...)
	for i, kv := range systemEnv {
		if strings.HasPrefix(kv, "PATH=") {
			systemEnv[i] = "PATH=" + bin + string(os.PathListSeparator) + strings.TrimPrefix(kv, "PATH=")
		}
	}
	cmd := exec.Command("pre-commit", "try-repo", src, "passation-system", "--all-files")
	cmd.Dir, cmd.Env = fx.Dir, systemEnv
	if out, err := cmd.CombinedOutput(); err != nil || !strings.Contains(string(out), "Passed") {
		t.Fatalf("try-repo passation-system: %v\n%s", err, out)
	}

	// The way a team uses it: three lines in .pre-commit-config.yaml, the
	// framework's git hook, real commits.
	team := testrepo.New(t).CommitFiles(coreFiles)
	config := fmt.Sprintf("repos:\n  - repo: %s\n    rev: %s\n    hooks: [{id: passation}]\n", src, rev)
	team.Write(map[string]string{".pre-commit-config.yaml": config}).Git("add", ".pre-commit-config.yaml")
	if out, code := preCommit(team.Dir, "install"); code != 0 {
		t.Fatalf("pre-commit install: exit %d\n%s", code, out)
	}
	commit := func() (string, bool) {
		cmd := testrepo.Command(team.Dir, "commit", "-q", "-m", "change")
		cmd.Env = env
		out, err := cmd.CombinedOutput()
		return string(out), err == nil
	}
	if out, ok := commit(); ok || !strings.Contains(out, "install-guide") {
		t.Fatalf("commit with INSTALL.md missing was accepted or did not name the gap:\n%s", out)
	}
	if n := gitOut(t, team.Dir, "rev-list", "--count", "HEAD"); strings.TrimSpace(n) != "1" {
		t.Fatalf("a commit was made although the hook failed: %s commits", n)
	}
	team.Write(map[string]string{"INSTALL.md": install}).Git("add", "INSTALL.md")
	if out, ok := commit(); !ok {
		t.Fatalf("commit with INSTALL.md staged was refused:\n%s", out)
	}
	if files := gitOut(t, team.Dir, "show", "--name-only", "--format=", "HEAD"); !strings.Contains(files, "INSTALL.md") {
		t.Fatalf("the accepted commit does not hold INSTALL.md: %s", files)
	}
}

func gitOut(t *testing.T, dir string, args ...string) string {
	t.Helper()
	out, err := testrepo.Command(dir, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
	return string(out)
}

// cloneProject clones this project as committed at HEAD into tmp: the hooks
// repository pre-commit installs from.
func cloneProject(t *testing.T, tmp string) string {
	t.Helper()
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	src := filepath.Join(tmp, "passation-src")
	if out, err := testrepo.Command(tmp, "clone", "-q", "--no-hardlinks", root, src).CombinedOutput(); err != nil {
		t.Fatalf("clone %s: %v\n%s", root, err, out)
	}
	return src
}

// runPreCommit runs the pre-commit framework in dir with env, and returns
// its output and exit code.
func runPreCommit(t *testing.T, dir string, env []string, args ...string) (string, int) {
	t.Helper()
	cmd := exec.Command("pre-commit", args...)
	cmd.Dir, cmd.Env = dir, env
	out, err := cmd.CombinedOutput()
	if ee, ok := err.(*exec.ExitError); ok {
		return string(out), ee.ExitCode()
	}
	if err != nil {
		t.Fatalf("pre-commit %v: %v\n%s", args, err, out)
	}
	return string(out), 0
}
