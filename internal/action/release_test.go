package action

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// releaseStep returns the run script of the release workflow's step name.
func releaseStep(t *testing.T, name string) string {
	t.Helper()
	var wf struct {
		Jobs map[string]struct {
			Steps []struct {
				Name string `yaml:"name"`
				Run  string `yaml:"run"`
			} `yaml:"steps"`
		} `yaml:"jobs"`
	}
	if err := yaml.Unmarshal([]byte(readOrFail(t, filepath.Join(repoRoot, ".github", "workflows", "release.yml"))), &wf); err != nil {
		t.Fatal(err)
	}
	for _, s := range wf.Jobs["release"].Steps {
		if s.Name == name {
			return s.Run
		}
	}
	t.Fatalf("release.yml has no step %q", name)
	return ""
}

// TestReleaseNotes runs the release workflow's own script, as the runner
// would (bash -e), on a changelog: the tag's section becomes the notes, and
// a tag the changelog does not describe fails the release.
func TestReleaseNotes(t *testing.T) {
	t.Parallel()
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("bash is not installed")
	}
	script := releaseStep(t, "Release notes from CHANGELOG.md")
	dir := t.TempDir()
	changelog := "# Changelog\n\n## [Unreleased]\n\n- next\n\n## [1.1.0] - 2027-01-10\n\n### Fixed\n\n- a fix\n\n## [1.0.0] - 2026-12-20\n\n- first\n"
	if err := os.WriteFile(filepath.Join(dir, "CHANGELOG.md"), []byte(changelog), 0o644); err != nil {
		t.Fatal(err)
	}
	run := func(tag string) (string, string, error) {
		tmp := t.TempDir()
		cmd := exec.Command(bash, "--noprofile", "--norc", "-e", "-o", "pipefail", "-c", script)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "TAG="+tag, "RUNNER_TEMP="+tmp)
		out, err := cmd.CombinedOutput()
		notes, _ := os.ReadFile(filepath.Join(tmp, "notes.md"))
		return string(notes), string(out), err
	}
	if notes, out, err := run("v1.1.0"); err != nil || strings.TrimSpace(notes) != "### Fixed\n\n- a fix" {
		t.Errorf("v1.1.0: %v %s, notes %q", err, out, notes)
	}
	if notes, out, err := run("v1.0.0"); err != nil || strings.TrimSpace(notes) != "- first" {
		t.Errorf("v1.0.0: %v %s, notes %q", err, out, notes)
	}
	if _, out, err := run("v1.2.0"); err == nil || !strings.Contains(out, `::error file=CHANGELOG.md::no section "## [1.2.0]"`) {
		t.Errorf("v1.2.0, which CHANGELOG.md does not describe: err %v, output %q", err, out)
	}
	// The project's own changelog is in the format the script reads.
	if !strings.Contains(readOrFail(t, filepath.Join(repoRoot, "CHANGELOG.md")), "\n## [Unreleased]\n") {
		t.Error("CHANGELOG.md has no ## [Unreleased] section")
	}
}

// TestReleaseMovesTheMajorTag runs the workflow's last step in a clone
// whose origin is a bare repository: v1 moves to the release's commit,
// and a second release moves it again.
func TestReleaseMovesTheMajorTag(t *testing.T) {
	t.Parallel()
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("bash is not installed")
	}
	script := releaseStep(t, "Move the major tag")
	root := t.TempDir()
	origin, work := filepath.Join(root, "origin.git"), filepath.Join(root, "work")
	git := func(dir string, args ...string) string {
		t.Helper()
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_SYSTEM=/dev/null",
			"GIT_AUTHOR_NAME=T", "GIT_AUTHOR_EMAIL=t@example.org", "GIT_COMMITTER_NAME=T", "GIT_COMMITTER_EMAIL=t@example.org")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
		return strings.TrimSpace(string(out))
	}
	git(root, "init", "-q", "--bare", origin)
	git(root, "clone", "-q", origin, work)
	release := func(tag string) string {
		git(work, "commit", "-q", "--allow-empty", "-m", tag)
		git(work, "tag", "-a", tag, "-m", tag)
		git(work, "push", "-q", "origin", "HEAD:refs/heads/main", "refs/tags/"+tag)
		cmd := exec.Command(bash, "--noprofile", "--norc", "-e", "-o", "pipefail", "-c", script)
		cmd.Dir = work
		cmd.Env = append(os.Environ(), "TAG="+tag, "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_SYSTEM=/dev/null")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("move the major tag for %s: %v\n%s", tag, err, out)
		}
		return git(work, "rev-parse", "HEAD")
	}
	for _, tag := range []string{"v1.0.0", "v1.1.0"} {
		want := release(tag)
		if got := git(origin, "rev-parse", "refs/tags/v1^{commit}"); got != want {
			t.Errorf("after %s, origin's v1 is %s, want the release's commit %s", tag, got, want)
		}
	}
}
