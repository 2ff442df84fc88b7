package cli

import (
	"bytes"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/passation/passation/internal/testrepo"
)

// run calls Main in dir's repository and returns the exit code and outputs.
func run(t *testing.T, env map[string]string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Main(args, &Env{
		Stdout: &out, Stderr: &errb, Stdin: strings.NewReader(""),
		Getenv: func(k string) string { return env[k] },
		Now:    func() time.Time { return testNow },
	})
	return code, out.String(), errb.String()
}

const enough = "This document explains, step by step and in plain words, what the next team needs to know."

// coreFiles satisfy the five core items, except install-guide.
var coreFiles = map[string]string{
	"LICENSE":                    mitLicence,
	"docs/manuel-utilisateur.md": "# Manuel\n\n" + enough + "\n",
	"docs/architecture.svg":      "<svg xmlns='http://www.w3.org/2000/svg'/>\n",
	"MAINTAINERS.md":             "# Maintainers\n\nCamille Martin, DINUM, camille.martin@example.org\n",
	"README.md":                  "# Outil\n",
}

const install = "# Installation\n\n" + enough + "\n"

func TestStagedCountsStagedNotUnstaged(t *testing.T) {
	r := testrepo.New(t).CommitFiles(coreFiles)

	// Missing: one line for the gap, with its hint, exit 1.
	code, out, _ := run(t, nil, "check", "--staged", "--profile", "core", r.Dir)
	if code != ExitGaps || !strings.Contains(out, "install-guide") || strings.Count(out, "\n") != 2 {
		t.Fatalf("nothing staged: exit %d, output:\n%s\nwant exit 1, a heading and one line for install-guide", code, out)
	}
	if !strings.Contains(out, "Add INSTALL.md") {
		t.Errorf("the gap line lacks its hint:\n%s", out)
	}

	// Written but not staged: still missing.
	r.Write(map[string]string{"INSTALL.md": install})
	if code, out, _ := run(t, nil, "check", "--staged", "--profile", "core", r.Dir); code != ExitGaps {
		t.Fatalf("unstaged INSTALL.md counted: exit %d\n%s", code, out)
	}

	// Staged, not committed: counts, and all is well: no output at all.
	r.Git("add", "INSTALL.md")
	code, out, errOut := run(t, nil, "check", "--staged", "--profile", "core", r.Dir)
	if code != ExitOK || out != "" || errOut != "" {
		t.Fatalf("staged INSTALL.md: exit %d, stdout %q, stderr %q; want 0 and silence", code, out, errOut)
	}
	// The committed tree does not have it yet.
	if code, _, _ := run(t, nil, "check", "--profile", "core", r.Dir); code != ExitGaps {
		t.Fatalf("plain check counted a file that is only staged: exit %d", code)
	}

	// Committed, then deleted from the index: missing again.
	r.Git("commit", "-q", "-m", "install")
	if code, _, _ := run(t, nil, "check", "--staged", "--profile", "core", r.Dir); code != ExitOK {
		t.Fatalf("committed INSTALL.md: exit %d", code)
	}
	r.Git("rm", "-q", "--cached", "INSTALL.md")
	if code, _, _ := run(t, nil, "check", "--staged", "--profile", "core", r.Dir); code != ExitGaps {
		t.Fatalf("INSTALL.md removed from the index still counted: exit %d", code)
	}
}

func TestStagedFailOn(t *testing.T) {
	files := map[string]string{"INSTALL.md": install}
	for k, v := range coreFiles {
		files[k] = v
	}
	r := testrepo.New(t).CommitFiles(files)
	// The core items are there; warnings and notices are missing.
	code, out, _ := run(t, nil, "check", "--staged", r.Dir)
	if code != ExitOK || out != "" {
		t.Fatalf("--fail-on error with only lesser gaps: exit %d, output %q; want 0 and silence", code, out)
	}
	code, out, _ = run(t, nil, "check", "--staged", "--fail-on", "warning", r.Dir)
	if code != ExitGaps || !strings.Contains(out, "roadmap [warning]") || strings.Contains(out, "[notice]") {
		t.Fatalf("--fail-on warning: exit %d, output:\n%s\nwant warnings listed, notices only counted", code, out)
	}
	if !strings.Contains(out, "below warning") {
		t.Errorf("lesser gaps not counted:\n%s", out)
	}
	code, out, _ = run(t, nil, "check", "--staged", "--fail-on", "never", "--lang", "fr", r.Dir)
	if code != ExitOK || !strings.Contains(out, "changelog [remarque]") || !strings.Contains(out, "éléments manquants") {
		t.Fatalf("--fail-on never: exit %d, output:\n%s\nwant every gap listed in French, exit 0", code, out)
	}
}

func TestStagedFirstCommit(t *testing.T) {
	r := testrepo.New(t)
	r.Write(coreFiles).Git("add", "-A")
	code, out, errOut := run(t, nil, "check", "--staged", "--profile", "core", r.Dir)
	if code != ExitGaps || !strings.Contains(out, "install-guide") {
		t.Fatalf("no commit yet: exit %d\n%s%s", code, out, errOut)
	}
	r.Write(map[string]string{"INSTALL.md": install}).Git("add", "INSTALL.md")
	if code, out, errOut := run(t, nil, "check", "--staged", "--profile", "core", r.Dir); code != ExitOK || out != "" {
		t.Fatalf("no commit yet, all staged: exit %d %q %q", code, out, errOut)
	}
	code, out, _ = run(t, nil, "check", "--staged", "--profile", "core", "--format", "json", r.Dir)
	if code != ExitOK || !strings.Contains(out, `"mode": "index"`) || !strings.Contains(out, `"commit": ""`) {
		t.Fatalf("json before the first commit: exit %d\n%s", code, out)
	}
	// An empty repository, nothing staged: every item missing, no crash.
	if code, _, errOut := run(t, nil, "check", "--staged", testrepo.New(t).Dir); code != ExitGaps {
		t.Fatalf("empty repository: exit %d %s", code, errOut)
	}
}

func TestStagedPartialStaging(t *testing.T) {
	r := testrepo.New(t).CommitFiles(coreFiles)
	// A template staged, then filled in the work tree but not staged again.
	r.Write(map[string]string{"INSTALL.md": "# Installation\n\n[À compléter]\n"}).Git("add", "INSTALL.md")
	r.Write(map[string]string{"INSTALL.md": install})
	code, out, _ := run(t, nil, "check", "--staged", "--profile", "core", r.Dir)
	if code != ExitGaps || !strings.Contains(out, "INSTALL.md (staged): present but empty") {
		t.Fatalf("staged stub, filled only in the work tree: exit %d\n%s", code, out)
	}
	// The other way round: the real text staged, then emptied on disk.
	r.Git("add", "INSTALL.md")
	r.Write(map[string]string{"INSTALL.md": ""})
	if code, out, _ := run(t, nil, "check", "--staged", "--profile", "core", r.Dir); code != ExitOK {
		t.Fatalf("staged real text, emptied in the work tree: exit %d\n%s", code, out)
	}
}

func TestStagedMergeConflict(t *testing.T) {
	files := map[string]string{"INSTALL.md": "# Installation\n\nbase\n"}
	for k, v := range coreFiles {
		files[k] = v
	}
	r := testrepo.New(t).CommitFiles(files)
	r.Git("checkout", "-q", "-b", "theirs")
	r.CommitFiles(map[string]string{"INSTALL.md": "# Installation\n\nTheir version, " + enough + "\n"})
	r.Git("checkout", "-q", "main")
	r.CommitFiles(map[string]string{"INSTALL.md": "# Installation\n\nOur version, " + enough + "\n"})
	if out, err := testrepo.Command(r.Dir, "merge", "-q", "theirs").CombinedOutput(); err == nil {
		t.Fatalf("merge succeeded, want a conflict: %s", out)
	}
	code, out, errOut := run(t, nil, "check", "--staged", "--profile", "core", r.Dir)
	if code != ExitOK {
		t.Fatalf("conflict, ours complete: exit %d\n%s%s", code, out, errOut)
	}
	if !strings.Contains(out, "1 unmerged path ") || !strings.Contains(out, "INSTALL.md") {
		t.Fatalf("the conflict is not reported:\n%s", out)
	}
}

func TestStagedUsageErrors(t *testing.T) {
	r := testrepo.New(t).CommitFiles(coreFiles)
	if code, _, errOut := run(t, nil, "check", "--staged", "--ref", "HEAD", r.Dir); code != ExitUsage || !strings.Contains(errOut, "--staged") {
		t.Fatalf("--staged with --ref: exit %d %q", code, errOut)
	}
	if code, _, errOut := run(t, nil, "check", "--staged", t.TempDir()); code != ExitUsage || !strings.Contains(errOut, "not inside a git repository") {
		t.Fatalf("--staged outside git: exit %d %q", code, errOut)
	}
	if code, _, errOut := run(t, map[string]string{"GIT_INDEX_FILE": t.TempDir() + "/nope"}, "check", "--staged", r.Dir); code != ExitUnreadable || !strings.Contains(errOut, "nope") {
		t.Fatalf("unreadable GIT_INDEX_FILE: exit %d %q", code, errOut)
	}
}

func TestStagedInLinkedWorktree(t *testing.T) {
	// Each worktree has its own index: what is staged in one does not count in the other.
	r := testrepo.New(t).CommitFiles(coreFiles)
	wt := t.TempDir() + "/wt"
	r.Git("worktree", "add", "-q", "-b", "feature", wt)
	os.WriteFile(wt+"/INSTALL.md", []byte(install), 0o644)
	if out, err := testrepo.Command(wt, "add", "INSTALL.md").CombinedOutput(); err != nil {
		t.Fatalf("%v %s", err, out)
	}
	if code, out, errOut := run(t, nil, "check", "--staged", "--profile", "core", wt); code != ExitOK {
		t.Fatalf("linked worktree with INSTALL.md staged: exit %d\n%s%s", code, out, errOut)
	}
	if code, _, _ := run(t, nil, "check", "--staged", "--profile", "core", r.Dir); code != ExitGaps {
		t.Fatalf("main worktree counted the other worktree's index: exit %d", code)
	}
}
