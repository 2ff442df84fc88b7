package cli

import (
	"encoding/json"
	"encoding/xml"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/passation/passation/internal/testrepo"
)

// gitlabCILocal finds gitlab-ci-local (npm), which runs a .gitlab-ci.yml
// as a GitLab runner would; .ci/run installs it.
func gitlabCILocal(t *testing.T) string {
	testrepo.EndToEnd(t, "gitlab-ci-local")
	p, err := exec.LookPath("gitlab-ci-local")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("gitlab-ci-local is not installed: .ci/run must install it (npm install -g gitlab-ci-local)")
		}
		t.Skip("gitlab-ci-local not installed (npm install -g gitlab-ci-local@4.60.1, and rsync)")
	}
	return p
}

// TestGitLabTemplate runs the committed GitLab CI template for real, with
// gitlab-ci-local's shell executor, on repositories built here: the job
// fails on a gap and passes once the core items are there, in the language
// of PASSATION_LANG, and leaves the Code Quality and JUnit reports GitLab
// reads whatever the outcome (artifacts when: always).
func TestGitLabTemplate(t *testing.T) {
	glci := gitlabCILocal(t)
	bin := filepath.Join(strings.SplitN(passationOnPath(t), string(os.PathListSeparator), 2)[0], "passation")
	template, err := os.ReadFile("../../.gitlab/passation.gitlab-ci.yml")
	if err != nil {
		t.Fatal(err)
	}
	pipeline := func(t *testing.T, files map[string]string) (string, error, string) {
		t.Helper()
		files = mergeFiles(files, map[string]string{
			"passation.gitlab-ci.yml": string(template),
			".gitlab-ci.yml":          "include:\n  - local: passation.gitlab-ci.yml\nvariables:\n  PASSATION_LANG: fr\n  PASSATION_PROFILE: core\n",
		})
		r := testrepo.New(t).CommitFiles(files)
		cmd := exec.Command(glci, "--force-shell-executor", "--variable", "PASSATION_BIN="+bin, "passation")
		cmd.Dir = r.Dir
		cmd.Env = append(os.Environ(), "HOME="+t.TempDir())
		out, err := cmd.CombinedOutput()
		return r.Dir, err, string(out)
	}

	dir, err, out := pipeline(t, coreFiles)
	if err == nil || !strings.Contains(out, "manquant") || !strings.Contains(out, "install-guide") {
		t.Fatalf("a missing core item: the job should fail, in French\nerr %v\n%s", err, out)
	}
	var issues []struct {
		CheckName string `json:"check_name"`
		Severity  string `json:"severity"`
	}
	data, rerr := os.ReadFile(filepath.Join(dir, "gl-code-quality-report.json"))
	if rerr != nil || json.Unmarshal(data, &issues) != nil || len(issues) != 1 || issues[0].CheckName != "install-guide" || issues[0].Severity != "major" {
		t.Errorf("Code Quality report after a failing job: %v %+v\n%s", rerr, issues, data)
	}
	var suites struct {
		Failures int `xml:"failures,attr"`
		Tests    int `xml:"tests,attr"`
	}
	data, rerr = os.ReadFile(filepath.Join(dir, "passation-junit.xml"))
	if rerr != nil || xml.Unmarshal(data, &suites) != nil || suites.Tests != 5 || suites.Failures != 1 {
		t.Errorf("JUnit report after a failing job: %v %+v\n%s", rerr, suites, data)
	}

	dir, err, out = pipeline(t, mergeFiles(coreFiles, map[string]string{"INSTALL.md": install}))
	if err != nil {
		t.Fatalf("every core item there: the job failed: %v\n%s", err, out)
	}
	if data, err := os.ReadFile(filepath.Join(dir, "gl-code-quality-report.json")); err != nil || strings.TrimSpace(string(data)) != "[]" {
		t.Errorf("Code Quality report with nothing missing: %v %s", err, data)
	}
}

func mergeFiles(a, b map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range a {
		out[k] = v
	}
	for k, v := range b {
		out[k] = v
	}
	return out
}
