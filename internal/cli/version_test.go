package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/passation/passation/internal/buildinfo"
)

// TestVersionReachesReports: the build main stamped is what `passation
// version` prints and what the JSON report and the SARIF log name.
func TestVersionReachesReports(t *testing.T) {
	t.Parallel()
	repo := handoverRepo(t)
	build := buildinfo.Info{Version: "v1.4.2", Commit: "0123456789abcdef0123456789abcdef01234567", Date: "2026-11-30T10:00:00Z"}
	getenv := func(k string) string {
		if k == "LANG" {
			return "fr_FR.UTF-8"
		}
		return ""
	}
	var out, errOut bytes.Buffer
	env := &Env{Stdout: &out, Stderr: &errOut, Getenv: getenv, Build: build}
	if code := Main([]string{"version"}, env); code != ExitOK {
		t.Fatalf("version: exit %d %s", code, errOut.String())
	}
	want := "passation v1.4.2\ncommit 0123456789abcdef0123456789abcdef01234567\ndate du commit 2026-11-30T10:00:00Z\n"
	if out.String() != want {
		t.Errorf("version printed %q, want %q", out.String(), want)
	}
	out.Reset()
	if code := Main([]string{"--version"}, env); code != ExitOK || !strings.HasPrefix(out.String(), "passation v1.4.2\n") {
		t.Errorf("--version: exit %d %q", code, out.String())
	}

	dir := t.TempDir()
	jsonPath, sarifPath := filepath.Join(dir, "r.json"), filepath.Join(dir, "r.sarif")
	Main([]string{"check", repo.Dir, "--report", "json=" + jsonPath, "--report", "sarif=" + sarifPath}, &Env{Stdout: &bytes.Buffer{}, Stderr: &errOut, Getenv: getenv, Build: build})
	var rep struct {
		Tool struct{ Name, Version string }
	}
	readJSON(t, jsonPath, &rep)
	if rep.Tool.Version != "v1.4.2" {
		t.Errorf("JSON report: tool.version %q, want v1.4.2", rep.Tool.Version)
	}
	var log struct {
		Runs []struct {
			Tool struct {
				Driver struct {
					Version         string `json:"version"`
					SemanticVersion string `json:"semanticVersion"`
					Rules           []struct {
						HelpURI string `json:"helpUri"`
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
		} `json:"runs"`
	}
	readJSON(t, sarifPath, &log)
	d := log.Runs[0].Tool.Driver
	if d.Version != "v1.4.2" || d.SemanticVersion != "1.4.2" {
		t.Errorf("SARIF driver: version %q semanticVersion %q, want v1.4.2 and 1.4.2", d.Version, d.SemanticVersion)
	}
	// A release's rule pages are those of its tag.
	if len(d.Rules) == 0 || !strings.Contains(d.Rules[0].HelpURI, "/blob/v1.4.2/rules/") {
		t.Errorf("SARIF rules: help pages not at the release's tag: %+v", d.Rules)
	}

	// A build that is no release has no semanticVersion to give.
	Main([]string{"check", repo.Dir, "--report", "sarif=" + sarifPath}, &Env{Stdout: &bytes.Buffer{}, Stderr: &errOut, Getenv: getenv, Build: buildinfo.Info{Version: "dev"}})
	log.Runs = nil
	readJSON(t, sarifPath, &log)
	if d := log.Runs[0].Tool.Driver; d.Version != "dev" || d.SemanticVersion != "" {
		t.Errorf("dev build: SARIF driver version %q semanticVersion %q", d.Version, d.SemanticVersion)
	}
}

func readJSON(t *testing.T, path string, v any) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

// TestVersionOfBuilds builds the binary as a release does (-ldflags -X
// with GoReleaser's names) and as a developer does (in the git checkout),
// and runs `passation version`.
func TestVersionOfBuilds(t *testing.T) {
	if testing.Short() {
		t.Skip("builds passation twice")
	}
	t.Parallel()
	dir := t.TempDir()
	bin := filepath.Join(dir, "passation-release")
	build := exec.Command("go", "build", "-trimpath", "-buildvcs=false", "-o", bin,
		"-ldflags", "-s -w -X main.version=1.2.3 -X main.commit=feedface -X main.date=2026-01-02T03:04:05Z", ".")
	build.Dir = "../.."
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	out, err := exec.Command(bin, "version").Output()
	if want := "passation v1.2.3\ncommit feedface\ncommit date 2026-01-02T03:04:05Z\n"; err != nil || string(out) != want {
		t.Errorf("release build: %q %v, want %q", out, err, want)
	}

	// A developer's build names the checkout's commit. Go records it only
	// in a clone (.git a folder), not in a git worktree.
	head, err := exec.Command("git", "-C", "../..", "rev-parse", "HEAD").Output()
	if err != nil {
		t.Skipf("not in a git checkout: %v", err)
	}
	if st, err := os.Stat("../../.git"); err != nil || !st.IsDir() {
		t.Skip("a git worktree: go build records no commit")
	}
	bin = filepath.Join(dir, "passation-local")
	build = exec.Command("go", "build", "-buildvcs=true", "-o", bin, ".")
	build.Dir = "../.."
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	out, err = exec.Command(bin, "version").Output()
	if err != nil || !strings.Contains(string(out), "commit "+strings.TrimSpace(string(head))) || !strings.HasPrefix(string(out), "passation v0.0.0-") {
		t.Errorf("local build: %q %v, want a pseudo-version and commit %s", out, err, head)
	}
}
