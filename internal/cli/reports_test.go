package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/passation/passation/internal/testrepo"
)

// TestSeveralReportsInOneRun: --report FORMAT=PATH writes each file whole
// beside the text on standard output; a repeated --format is refused.
func TestSeveralReportsInOneRun(t *testing.T) {
	r := testrepo.New(t).CommitFiles(coreFiles)
	out := t.TempDir()
	junit, cq, badge := filepath.Join(out, "passation.xml"), filepath.Join(out, "gl-code-quality.json"), filepath.Join(out, "badge.json")
	code, stdout, errOut := run(t, nil, "check", "--profile", "core", "--report", "junit="+junit, "--report", "codequality="+cq, "--report", "badge="+badge, r.Dir)
	if code != ExitGaps || !strings.Contains(stdout, "install-guide") || errOut != "" {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, stdout, errOut)
	}
	x, err := os.ReadFile(junit)
	if err != nil || !strings.Contains(string(x), `<testcase classname="application" name="install-guide">`) {
		t.Errorf("junit: %v\n%s", err, x)
	}
	var issues []struct {
		CheckName string `json:"check_name"`
		Location  struct {
			Path string `json:"path"`
		} `json:"location"`
	}
	data, err := os.ReadFile(cq)
	if err != nil || json.Unmarshal(data, &issues) != nil || len(issues) != 1 || issues[0].CheckName != "install-guide" || issues[0].Location.Path != "README.md" {
		t.Errorf("codequality: %v %+v\n%s", err, issues, data)
	}
	if b, err := os.ReadFile(badge); err != nil || !strings.Contains(string(b), `"label":"passation"`) || !strings.Contains(string(b), `"color":"red"`) {
		t.Errorf("badge: %v %s", err, b)
	}

	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--format", "json", "--format", "text"}, `--format "text": given twice (json, then text)`},
		{[]string{"--report", "junit"}, `--report "junit": expected FORMAT=PATH`},
		{[]string{"--report", "xml=a.xml"}, `unknown format "xml": expected text, compact, json, sarif, codequality, junit or badge`},
		{[]string{"--color", "sometimes"}, `--color "sometimes": expected auto, always or never`},
		{[]string{"--report", "junit=" + filepath.Join(out, "no", "such", "folder", "p.xml")}, "expected an existing folder"},
	} {
		code, _, errOut := run(t, nil, append(append([]string{"check"}, c.args...), r.Dir)...)
		if code != ExitUsage || !strings.Contains(errOut, c.want) {
			t.Errorf("%v: exit %d, stderr %q, want %q", c.args, code, errOut, c.want)
		}
	}
}

// TestColorChoice: --color, NO_COLOR, FORCE_COLOR and CLICOLOR_FORCE, as CI
// logs that render colour expect.
func TestColorChoice(t *testing.T) {
	r := testrepo.New(t).CommitFiles(coreFiles)
	for _, c := range []struct {
		env   map[string]string
		args  []string
		color bool
	}{
		{nil, nil, false},
		{map[string]string{"FORCE_COLOR": "1"}, nil, true},
		{map[string]string{"CLICOLOR_FORCE": "1"}, nil, true},
		{map[string]string{"FORCE_COLOR": "0"}, nil, false},
		{map[string]string{"FORCE_COLOR": "1", "NO_COLOR": "1"}, nil, false},
		{map[string]string{"NO_COLOR": "1"}, []string{"--color", "always"}, true},
		{map[string]string{"FORCE_COLOR": "1"}, []string{"--color=never"}, false},
	} {
		_, out, _ := run(t, c.env, append(append([]string{"check", "--profile", "core"}, c.args...), r.Dir)...)
		if got := strings.Contains(out, "\x1b["); got != c.color {
			t.Errorf("env %v args %v: colour %v, want %v", c.env, c.args, got, c.color)
		}
	}
}

// TestHelpCommand: passation help CMD is CMD --help, and every flag of
// every usage text is spelled with two dashes.
func TestHelpCommand(t *testing.T) {
	for _, c := range commands() {
		if c.name == "action" || c.name == "version" {
			continue
		}
		code, out, errOut := run(t, nil, "help", c.name)
		if code != ExitOK || !strings.HasPrefix(out, "Usage: passation "+c.name) {
			t.Errorf("help %s: exit %d\n%s%s", c.name, code, out, errOut)
		}
		for _, line := range strings.Split(out, "\n") {
			if strings.HasPrefix(strings.TrimSpace(line), "-") && !strings.HasPrefix(strings.TrimSpace(line), "--") {
				t.Errorf("help %s: %q has one dash", c.name, line)
			}
		}
	}
	if code, _, errOut := run(t, nil, "help", "chek"); code != ExitUsage || !strings.Contains(errOut, "unknown command") {
		t.Errorf("help chek: exit %d %q", code, errOut)
	}
}
