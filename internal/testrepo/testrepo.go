// Package testrepo builds real git repositories for tests with the git
// command line, with fixed names and dates so that commit hashes, and so
// golden files, are the same on every machine.
package testrepo

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Repo is a work tree on disk with its .git folder.
type Repo struct {
	t   testing.TB
	Dir string
}

// New creates an empty repository in a temporary folder, on branch main.
func New(t testing.TB) *Repo {
	t.Helper()
	r := &Repo{t: t, Dir: t.TempDir()}
	r.Git("init", "-q", "-b", "main")
	return r
}

// Env is the environment the git commands run with: no user configuration,
// fixed identity and dates.
func Env() []string {
	return append(os.Environ(),
		"GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_SYSTEM=/dev/null",
		"GIT_AUTHOR_NAME=Test", "GIT_AUTHOR_EMAIL=test@example.org",
		"GIT_COMMITTER_NAME=Test", "GIT_COMMITTER_EMAIL=test@example.org",
		"GIT_AUTHOR_DATE=2026-01-02T03:04:05Z", "GIT_COMMITTER_DATE=2026-01-02T03:04:05Z",
	)
}

// Git runs git in the repository and returns its trimmed output; it fails
// the test on error.
func (r *Repo) Git(args ...string) string {
	r.t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = r.Dir
	cmd.Env = Env()
	out, err := cmd.CombinedOutput()
	if err != nil {
		r.t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return strings.TrimSpace(string(out))
}

// Write creates files (path → content) in the work tree, with their folders.
func (r *Repo) Write(files map[string]string) *Repo {
	r.t.Helper()
	for p, content := range files {
		full := filepath.Join(r.Dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			r.t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(content), 0o644); err != nil {
			r.t.Fatal(err)
		}
	}
	return r
}

// Commit stages everything and commits it.
func (r *Repo) Commit(msg string) *Repo {
	r.t.Helper()
	r.Git("add", "-A")
	r.Git("commit", "-q", "--allow-empty", "-m", msg)
	return r
}

// CommitFiles writes files, stages everything and commits.
func (r *Repo) CommitFiles(files map[string]string) *Repo {
	r.t.Helper()
	return r.Write(files).Commit("add files")
}

// Command prepares git args in dir with the fixed test environment, for
// tests that expect git to fail (a merge conflict) or need to add to its
// environment.
func Command(dir string, args ...string) *exec.Cmd {
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = Env()
	return cmd
}

// CommitAt writes files, stages everything and commits it as author
// ("Name <e-mail>", who is also the committer) at when (author and
// committer dates alike): histories with controlled people and dates.
func (r *Repo) CommitAt(when time.Time, author string, files map[string]string) *Repo {
	r.t.Helper()
	r.Write(files)
	r.Git("add", "-A")
	name, email, _ := strings.Cut(strings.TrimSuffix(author, ">"), " <")
	date := when.Format(time.RFC3339)
	cmd := Command(r.Dir, "commit", "-q", "--allow-empty", "-m", "change at "+date)
	cmd.Env = append(cmd.Env, "GIT_AUTHOR_NAME="+name, "GIT_AUTHOR_EMAIL="+email,
		"GIT_COMMITTER_NAME="+name, "GIT_COMMITTER_EMAIL="+email,
		"GIT_AUTHOR_DATE="+date, "GIT_COMMITTER_DATE="+date)
	if out, err := cmd.CombinedOutput(); err != nil {
		r.t.Fatalf("git commit at %s: %v\n%s", date, err, out)
	}
	return r
}

// EndToEnd skips, under go test -short (the quick loop), a test that drives
// an external client (pre-commit, Chromium, actionlint) or builds passation
// as a runner would; go test ./... and .ci/run run it.
func EndToEnd(t testing.TB, what string) {
	t.Helper()
	if testing.Short() {
		t.Skip("end-to-end (" + what + "): skipped by -short; go test ./... runs it")
	}
}
