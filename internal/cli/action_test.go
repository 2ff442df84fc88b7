package cli

import (
	"bytes"
	"os"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/passation/passation/internal/testrepo"
	"go.yaml.in/yaml/v3"
)

// TestActionInputsReachTheProgram runs `passation action` in-process with
// the variables action.yml's check step sets, each with a value, and
// records what the program reads: every one of them, and no INPUT_*
// variable that action.yml does not set.
func TestActionInputsReachTheProgram(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile("../../action.yml")
	if err != nil {
		t.Fatal(err)
	}
	var meta struct {
		Runs struct {
			Steps []struct {
				ID  string            `yaml:"id"`
				Env map[string]string `yaml:"env"`
			} `yaml:"steps"`
		} `yaml:"runs"`
	}
	if err := yaml.Unmarshal(data, &meta); err != nil {
		t.Fatal(err)
	}
	var declared map[string]string
	for _, s := range meta.Runs.Steps {
		if s.ID == "check" {
			// The inputs, not PASSATION (the binary the step runs).
			declared = map[string]string{}
			for k, v := range s.Env {
				if strings.HasPrefix(k, "INPUT_") {
					declared[k] = v
				}
			}
		}
	}
	if len(declared) == 0 {
		t.Fatal("action.yml has no check step passing inputs")
	}
	repo := testrepo.New(t).CommitFiles(map[string]string{"README.md": "# Outil\n"})
	out := t.TempDir()
	values := map[string]string{
		"INPUT_PATH": ".", "INPUT_REF": "main", "INPUT_PROFILE": "core", "INPUT_CONFIG": "",
		"INPUT_FAIL_ON": "never", "INPUT_LANG": "fr", "INPUT_FORMAT": "json", "INPUT_SARIF": out + "/p.sarif",
		"INPUT_JSON": out + "/p.json", "INPUT_BADGE": out + "/b.json", "INPUT_ANNOTATIONS": "7", "INPUT_WORKING_DIRECTORY": ".",
	}
	env := map[string]string{"GITHUB_WORKSPACE": repo.Dir}
	for k := range declared {
		v, ok := values[k]
		if !ok {
			t.Fatalf("action.yml passes %s, which this test does not know: give it a value", k)
		}
		env[k] = v
	}
	var mu sync.Mutex
	read := map[string]bool{}
	getenv := func(k string) string {
		mu.Lock()
		read[k] = true
		mu.Unlock()
		return env[k]
	}
	var stdout bytes.Buffer
	code := Main([]string{"action"}, &Env{Stdout: &stdout, Stderr: &stdout, Getenv: getenv})
	if code != ExitOK {
		t.Fatalf("passation action exited %d:\n%s", code, stdout.String())
	}
	var missed, extra []string
	for k := range declared {
		if !read[k] {
			missed = append(missed, k)
		}
	}
	for k := range read {
		if _, ok := declared[k]; strings.HasPrefix(k, "INPUT_") && !ok && env[strings.ReplaceAll(k, "-", "_")] == "" {
			extra = append(extra, k)
		}
	}
	sort.Strings(missed)
	sort.Strings(extra)
	if len(missed) > 0 || len(extra) > 0 {
		t.Errorf("inputs action.yml sets but the program never reads: %v; INPUT_ variables read but not set by action.yml: %v", missed, extra)
	}
	// The values took effect: French, JSON in the log, the files written.
	if !strings.Contains(stdout.String(), `"lang": "fr"`) || !strings.Contains(stdout.String(), `"profile": "core"`) {
		t.Errorf("lang fr, profile core and format json did not reach the check:\n%s", stdout.String())
	}
	for _, f := range []string{"p.sarif", "p.json", "b.json"} {
		if _, err := os.Stat(out + "/" + f); err != nil {
			t.Errorf("%s not written: %v", f, err)
		}
	}
}

// TestActionConfigInput: the config input is passed on to check as
// --config, and a wrong one stops the run with an error that says so.
func TestActionConfigInput(t *testing.T) {
	t.Parallel()
	repo := testrepo.New(t).CommitFiles(map[string]string{"README.md": "# Outil\n"})
	env := map[string]string{"GITHUB_WORKSPACE": repo.Dir, "INPUT_CONFIG": "no-such-config.yml"}
	var stdout bytes.Buffer
	code := Main([]string{"action"}, &Env{Stdout: &stdout, Stderr: &stdout, Getenv: func(k string) string { return env[k] }})
	if code != ExitUsage || !strings.Contains(stdout.String(), "::error title=passation could not check the repository::") ||
		!strings.Contains(stdout.String(), "config") {
		t.Errorf("exit %d, log:\n%s\nwant exit 2 and an error annotation about the configuration", code, stdout.String())
	}
}
