package cli

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/passation/passation/internal/testrepo"
)

var (
	binOnce sync.Once
	binDir  string
	binErr  error
)

// passationOnPath builds the command once per test process and returns a
// PATH that starts with its folder, for the hooks git runs.
func passationOnPath(t testing.TB) string {
	t.Helper()
	binOnce.Do(func() {
		binDir, binErr = os.MkdirTemp("", "passation-bin-")
		if binErr != nil {
			return
		}
		build := exec.Command("go", "build", "-o", filepath.Join(binDir, "passation"), ".")
		build.Dir = "../.."
		if out, err := build.CombinedOutput(); err != nil {
			binErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if binErr != nil {
		t.Fatal(binErr)
	}
	return binDir + string(os.PathListSeparator) + os.Getenv("PATH")
}

// gitEnv is what the hook commands see: no user configuration, as for git.
var gitEnv = map[string]string{"GIT_CONFIG_GLOBAL": os.DevNull, "GIT_CONFIG_NOSYSTEM": "1", "HOME": os.TempDir()}

// commit runs git commit with passation on the PATH and returns its output
// and whether it succeeded.
func commit(t *testing.T, dir, path string, args ...string) (string, bool) {
	t.Helper()
	cmd := testrepo.Command(dir, append([]string{"commit", "-q"}, args...)...)
	cmd.Env = append(cmd.Env, "PATH="+path, "NO_COLOR=1")
	out, err := cmd.CombinedOutput()
	return string(out), err == nil
}

// existingHook is a team's own hook: it leaves a trace when it runs.
const existingHook = "#!/bin/sh\n# the team's own checks\necho ran >> \"$(git rev-parse --git-dir)/team-hook-ran\"\n"

func TestHookChainedWithExistingHook(t *testing.T) {
	path := passationOnPath(t)
	r := testrepo.New(t).CommitFiles(coreFiles)
	hookFile := filepath.Join(r.Dir, ".git", "hooks", "pre-commit")
	if err := os.WriteFile(hookFile, []byte(existingHook), 0o755); err != nil {
		t.Fatal(err)
	}
	trace := filepath.Join(r.Dir, ".git", "team-hook-ran")

	code, out, errOut := run(t, gitEnv, "hook", "install", r.Dir)
	if code != ExitOK || !strings.Contains(out, "existing hook") {
		t.Fatalf("hook install: exit %d %q %q", code, out, errOut)
	}

	// A core item is missing: the commit is refused, with the gap named.
	r.Write(map[string]string{"src/app.py": "print('hello')\n"}).Git("add", "src/app.py")
	out, ok := commit(t, r.Dir, path, "-m", "app")
	if ok || !strings.Contains(out, "install-guide") {
		t.Fatalf("commit without an install guide succeeded or did not say why:\n%s", out)
	}
	// The team's own checks ran too, once, as the pre-commit framework runs
	// a legacy hook: both say what they have to say.
	if data, err := os.ReadFile(trace); err != nil || string(data) != "ran\n" {
		t.Errorf("the team's hook did not run once when the check refused the commit: %q %v", data, err)
	}

	// Staged: accepted, and the team's hook ran too.
	r.Write(map[string]string{"INSTALL.md": install}).Git("add", "INSTALL.md")
	if out, ok := commit(t, r.Dir, path, "-m", "app and install guide"); !ok {
		t.Fatalf("commit with INSTALL.md staged refused:\n%s", out)
	}
	if data, err := os.ReadFile(trace); err != nil || string(data) != "ran\nran\n" {
		t.Fatalf("the team's hook did not run once after the check: %q %v", data, err)
	}

	code, out, _ = run(t, gitEnv, "hook", "uninstall", r.Dir)
	if code != ExitOK || !strings.Contains(out, "took passation's lines out") {
		t.Fatalf("hook uninstall: exit %d %q", code, out)
	}
	if data, _ := os.ReadFile(hookFile); string(data) != existingHook {
		t.Fatalf("hook after install and uninstall:\n%q\nwant byte-identical\n%q", data, existingHook)
	}
}

func TestHookJudgesWhatCommitAllCommits(t *testing.T) {
	// git commit -a hands the hook another index (GIT_INDEX_FILE): the
	// check must judge that one.
	path := passationOnPath(t)
	files := map[string]string{"INSTALL.md": "# Installation\n\n[À compléter]\n"}
	for k, v := range coreFiles {
		files[k] = v
	}
	r := testrepo.New(t).CommitFiles(files)
	if code, _, errOut := run(t, gitEnv, "hook", "install", r.Dir); code != ExitOK {
		t.Fatal(errOut)
	}
	r.Write(map[string]string{"INSTALL.md": install, "README.md": "# Outil\n\nv2\n"}).Git("add", "README.md")
	if out, ok := commit(t, r.Dir, path, "-m", "readme only"); ok || !strings.Contains(out, "INSTALL.md") {
		t.Fatalf("commit of README.md with a stub INSTALL.md in the index was accepted:\n%s", out)
	}
	if out, ok := commit(t, r.Dir, path, "-a", "-m", "everything"); !ok {
		t.Fatalf("git commit -a with the guide filled in was refused:\n%s", out)
	}
	// git commit PATH: only that file's work-tree version is committed.
	r.Write(map[string]string{"INSTALL.md": "", "NOTES.md": "notes\n"}).Git("add", "NOTES.md")
	if out, ok := commit(t, r.Dir, path, "-m", "empties the guide", "INSTALL.md"); ok {
		t.Fatalf("git commit INSTALL.md emptying the guide was accepted:\n%s", out)
	}
}

func TestHookRespectsCoreHooksPath(t *testing.T) {
	path := passationOnPath(t)
	r := testrepo.New(t).CommitFiles(coreFiles)
	r.Git("config", "core.hooksPath", ".githooks")
	code, out, errOut := run(t, gitEnv, "hook", "install", r.Dir)
	if code != ExitOK || !strings.Contains(out, ".githooks/pre-commit") || !strings.Contains(out, "core.hooksPath") {
		t.Fatalf("install with core.hooksPath: exit %d %q %q", code, out, errOut)
	}
	if _, err := os.Stat(filepath.Join(r.Dir, ".git", "hooks", "pre-commit")); err == nil {
		t.Fatal("hook written to .git/hooks although core.hooksPath is set")
	}
	r.Write(map[string]string{"a.txt": "a\n"}).Git("add", "a.txt")
	if out, ok := commit(t, r.Dir, path, "-m", "a"); ok {
		t.Fatalf("the hook in core.hooksPath did not run:\n%s", out)
	}
	// Set in the global configuration only, with "~/".
	r2 := testrepo.New(t).CommitFiles(coreFiles)
	home := t.TempDir()
	global := filepath.Join(home, "gitconfig")
	os.WriteFile(global, []byte("[core]\n\thooksPath = ~/my-hooks\n"), 0o644)
	env := map[string]string{"GIT_CONFIG_GLOBAL": global, "GIT_CONFIG_NOSYSTEM": "1", "HOME": home}
	if code, out, errOut := run(t, env, "hook", "install", r2.Dir); code != ExitOK || !strings.Contains(out, filepath.Join(home, "my-hooks", "pre-commit")) {
		t.Fatalf("install with a global core.hooksPath: exit %d %q %q", code, out, errOut)
	}
}

func TestHookInLinkedWorktree(t *testing.T) {
	path := passationOnPath(t)
	r := testrepo.New(t).CommitFiles(coreFiles)
	wt := filepath.Join(t.TempDir(), "wt")
	r.Git("worktree", "add", "-q", "-b", "feature", wt)
	if code, out, errOut := run(t, gitEnv, "hook", "install", wt); code != ExitOK {
		t.Fatalf("install from a linked worktree: exit %d %q %q", code, out, errOut)
	}
	// Linked worktrees share the main repository's hooks.
	if _, err := os.Stat(filepath.Join(r.Dir, ".git", "hooks", "pre-commit")); err != nil {
		t.Fatalf("hook not in the common git directory: %v", err)
	}
	os.WriteFile(filepath.Join(wt, "b.txt"), []byte("b\n"), 0o644)
	add := testrepo.Command(wt, "add", "b.txt")
	if out, err := add.CombinedOutput(); err != nil {
		t.Fatalf("%v %s", err, out)
	}
	if out, ok := commit(t, wt, path, "-m", "b"); ok || !strings.Contains(out, "install-guide") {
		t.Fatalf("commit in the linked worktree not checked:\n%s", out)
	}
}

func TestHookUsageErrors(t *testing.T) {
	bare := filepath.Join(t.TempDir(), "bare.git")
	testrepo.New(t).Git("init", "-q", "--bare", bare)
	if code, _, errOut := run(t, gitEnv, "hook", "install", bare); code != ExitUsage || !strings.Contains(errOut, "bare") {
		t.Fatalf("bare repository: exit %d %q", code, errOut)
	}
	if code, _, errOut := run(t, gitEnv, "hook", "install", t.TempDir()); code != ExitUsage || !strings.Contains(errOut, "not a git repository") {
		t.Fatalf("not a repository: exit %d %q", code, errOut)
	}
	if code, _, _ := run(t, gitEnv, "hook", "remove"); code != ExitUsage {
		t.Fatalf("unknown sub-command: exit %d", code)
	}
}

func TestHookInstallSaysWhenPassationIsNotOnPath(t *testing.T) {
	r := testrepo.New(t)
	env := map[string]string{"GIT_CONFIG_GLOBAL": os.DevNull, "GIT_CONFIG_NOSYSTEM": "1", "PATH": t.TempDir()}
	if code, _, errOut := run(t, env, "hook", "install", r.Dir); code != ExitOK || !strings.Contains(errOut, "not on the PATH") {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	passationOnPath(t) // builds the binary into binDir
	env["PATH"] = binDir
	if _, _, errOut := run(t, env, "hook", "uninstall", r.Dir); errOut != "" {
		t.Fatalf("uninstall said %q", errOut)
	}
	if code, _, errOut := run(t, env, "hook", "install", r.Dir); code != ExitOK || errOut != "" {
		t.Fatalf("passation on the PATH: exit %d, stderr %q", code, errOut)
	}
}

func TestHookInstallWithOptions(t *testing.T) {
	path := passationOnPath(t)
	files := map[string]string{"INSTALL.md": install}
	for k, v := range coreFiles {
		files[k] = v
	}
	r := testrepo.New(t).CommitFiles(files)
	hookFile := filepath.Join(r.Dir, ".git", "hooks", "pre-commit")
	os.WriteFile(hookFile, []byte(existingHook), 0o755)
	if code, out, errOut := run(t, gitEnv, "hook", "install", "--fail-on", "warning", "--lang", "fr", r.Dir); code != ExitOK || !strings.Contains(out, "--fail-on warning --lang fr") {
		t.Fatalf("install with options: exit %d %q %q", code, out, errOut)
	}
	// The core items are there, warnings are not: refused, in French.
	r.Write(map[string]string{"a.txt": "a\n"}).Git("add", "a.txt")
	if out, ok := commit(t, r.Dir, path, "-m", "a"); ok || !strings.Contains(out, "dans le prochain commit, de niveau avertissement (`warning`) ou supérieur") {
		t.Fatalf("commit with warnings missing and --fail-on warning:\n%s", out)
	}
	if code, _, _ := run(t, gitEnv, "hook", "uninstall", r.Dir); code != ExitOK {
		t.Fatal("uninstall failed")
	}
	if data, _ := os.ReadFile(hookFile); string(data) != existingHook {
		t.Fatalf("hook after install with options and uninstall:\n%q", data)
	}
	for _, bad := range [][]string{{"--fail-on", "high"}, {"--lang", "de"}, {"--profile", "x; rm -rf ~"}} {
		if code, _, _ := run(t, gitEnv, append([]string{"hook", "install"}, append(bad, r.Dir)...)...); code != ExitUsage {
			t.Errorf("hook install %v: exit %d, want a usage error", bad, code)
		}
	}
}

// TestHookWrappedRunsBothAndCombines: a team's hook that passation could not
// edit (a symlink) is moved aside and run whatever the check says; the
// commit goes through only when both accept it.
func TestHookWrappedRunsBothAndCombines(t *testing.T) {
	path := passationOnPath(t)
	r := testrepo.New(t).CommitFiles(coreFiles)
	script := filepath.Join(t.TempDir(), "team-hook.sh")
	// The team's hook leaves a trace, and refuses while a marker file is there.
	team := "#!/bin/sh\necho ran >> \"$(git rev-parse --git-dir)/team-hook-ran\"\n[ ! -e \"$(git rev-parse --git-dir)/team-says-no\" ]\n"
	if err := os.WriteFile(script, []byte(team), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(script, filepath.Join(r.Dir, ".git", "hooks", "pre-commit")); err != nil {
		t.Fatal(err)
	}
	if code, out, errOut := run(t, gitEnv, "hook", "install", r.Dir); code != ExitOK {
		t.Fatalf("hook install: exit %d %q %q", code, out, errOut)
	}
	trace := filepath.Join(r.Dir, ".git", "team-hook-ran")
	runs := func() int { data, _ := os.ReadFile(trace); return strings.Count(string(data), "ran") }

	// passation refuses: the team's hook runs too, the commit is refused.
	r.Write(map[string]string{"src/app.py": "print(1)\n"}).Git("add", "src/app.py")
	if out, ok := commit(t, r.Dir, path, "-m", "app"); ok || !strings.Contains(out, "install-guide") || runs() != 1 {
		t.Fatalf("check refuses: committed %v, team hook ran %d times:\n%s", ok, runs(), out)
	}
	// passation accepts, the team's hook refuses: refused.
	r.Write(map[string]string{"INSTALL.md": install}).Git("add", "INSTALL.md")
	os.WriteFile(filepath.Join(r.Dir, ".git", "team-says-no"), nil, 0o644)
	if out, ok := commit(t, r.Dir, path, "-m", "app"); ok || runs() != 2 {
		t.Fatalf("team hook refuses: committed %v, ran %d times:\n%s", ok, runs(), out)
	}
	// Both accept: committed.
	os.Remove(filepath.Join(r.Dir, ".git", "team-says-no"))
	if out, ok := commit(t, r.Dir, path, "-m", "app"); !ok || runs() != 3 {
		t.Fatalf("both accept: committed %v, ran %d times:\n%s", ok, runs(), out)
	}
}
