package buildinfo

import (
	"os"
	"os/exec"
	"regexp"
	"sort"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// goreleaser is the part of .goreleaser.yaml that makes a release what
// the README promises.
type goreleaser struct {
	Version int `yaml:"version"`
	Before  struct {
		Hooks []string `yaml:"hooks"`
	} `yaml:"before"`
	Builds []struct {
		Env     []string `yaml:"env"`
		Flags   []string `yaml:"flags"`
		Ldflags []string `yaml:"ldflags"`
		Goos    []string `yaml:"goos"`
		Goarch  []string `yaml:"goarch"`
	} `yaml:"builds"`
	Archives []struct {
		Files []string `yaml:"files"`
	} `yaml:"archives"`
	Checksum struct {
		Name      string `yaml:"name_template"`
		Algorithm string `yaml:"algorithm"`
	} `yaml:"checksum"`
}

// TestReleaseStampsWhatMainReads: the release builds six static binaries
// and stamps the very variables main.go hands to Read, and its archives
// hold the files the README's Install section names.
func TestReleaseStampsWhatMainReads(t *testing.T) {
	data, err := os.ReadFile("../../.goreleaser.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var g goreleaser
	if err := yaml.Unmarshal(data, &g); err != nil {
		t.Fatalf(".goreleaser.yaml: %v", err)
	}
	if g.Version != 2 {
		t.Errorf(".goreleaser.yaml: version %d, want 2 (GoReleaser v2)", g.Version)
	}
	if len(g.Builds) != 1 {
		t.Fatalf(".goreleaser.yaml: %d builds, want 1", len(g.Builds))
	}
	b := g.Builds[0]
	if !contains(b.Env, "CGO_ENABLED=0") || !contains(b.Flags, "-trimpath") {
		t.Errorf("build env %v flags %v: want CGO_ENABLED=0 and -trimpath (static, reproducible)", b.Env, b.Flags)
	}
	if got := strings.Join(sorted(b.Goos), " ") + " / " + strings.Join(sorted(b.Goarch), " "); got != "darwin linux windows / amd64 arm64" {
		t.Errorf("targets %s, want darwin linux windows / amd64 arm64", got)
	}
	main, err := os.ReadFile("../../main.go")
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`var version, commit, date string`).Match(main) ||
		!strings.Contains(string(main), "buildinfo.Info{Version: version, Commit: commit, Date: date}") {
		t.Fatal("main.go no longer declares version, commit and date for Read: the ldflags below stamp nothing")
	}
	ld := strings.Join(b.Ldflags, " ")
	for _, v := range []string{"main.version={{ .Version }}", "main.commit={{ .FullCommit }}", "main.date={{ .CommitDate }}"} {
		if !strings.Contains(ld, "-X "+v) {
			t.Errorf("ldflags %q do not stamp -X %s", ld, v)
		}
	}
	if len(g.Archives) != 1 {
		t.Fatalf("%d archives, want 1", len(g.Archives))
	}
	for _, f := range []string{"README.md", "LICENSE", "CHANGELOG.md", "completions/*", "manpages/*"} {
		if !contains(g.Archives[0].Files, f) {
			t.Errorf("archives lack %s (files %v)", f, g.Archives[0].Files)
		}
		if p := strings.TrimSuffix(f, "/*"); p == f {
			if _, err := os.Stat("../../" + f); err != nil {
				t.Errorf("the archives name %s, which the repository lacks: %v", f, err)
			}
		}
	}
	hooks := strings.Join(g.Before.Hooks, "\n")
	for _, h := range []string{"go run . completion bash", "go run . completion zsh", "go run . completion fish", ". man"} {
		if !strings.Contains(hooks, h) {
			t.Errorf("before hooks do not run %q:\n%s", h, hooks)
		}
	}
	if g.Checksum.Name != "checksums.txt" || g.Checksum.Algorithm != "sha256" {
		t.Errorf("checksum %+v, want checksums.txt in sha256", g.Checksum)
	}
}

// TestGoReleaserCheck: GoReleaser itself accepts the configuration
// (skipped where it is not installed; the README says how).
func TestGoReleaserCheck(t *testing.T) {
	bin, err := exec.LookPath("goreleaser")
	if err != nil {
		t.Skip("goreleaser is not on PATH (go install github.com/goreleaser/goreleaser/v2@v2.17.0): .goreleaser.yaml is not checked by it")
	}
	cmd := exec.Command(bin, "check", "--config", ".goreleaser.yaml")
	cmd.Dir = "../.."
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("goreleaser check: %v\n%s", err, out)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func sorted(list []string) []string {
	out := append([]string(nil), list...)
	sort.Strings(out)
	return out
}
