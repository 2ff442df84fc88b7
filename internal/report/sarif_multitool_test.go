package report

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/passation/passation/internal/finding"
	"github.com/passation/passation/internal/testrepo"
)

// waivedReport is the sample report with a waived gap.
func waivedReport() *finding.Report {
	r := sampleReport()
	r.Results = append(r.Results, finding.Result{Rule: "blog-posts", Group: "communication", Severity: finding.Notice,
		Status: finding.Waived, Title: "Blog posts", Message: "Waived by jeanne@example.gouv.fr until 2026-12-31: no blog in this cohort.",
		Evidence: []finding.Evidence{{Path: ".passation.yml", Line: 12, Detail: "waiver: no blog in this cohort."}}})
	r.Summary = finding.Summarize(r.Results)
	return r
}

// TestSARIFWaivedIsSuppressed: a waived gap is a result with an external
// suppression holding the waiver, not a result that vanished.
func TestSARIFWaivedIsSuppressed(t *testing.T) {
	var buf bytes.Buffer
	if err := SARIF(&buf, waivedReport(), SARIFOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := validateSARIF(t, sarifSchema(t), buf.Bytes()); err != nil {
		t.Fatalf("invalid SARIF: %v", err)
	}
	var log struct {
		Runs []struct {
			Results []struct {
				RuleID       string `json:"ruleId"`
				Suppressions []struct {
					Kind, Status, Justification, Guid string
				} `json:"suppressions"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(buf.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	res := log.Runs[0].Results
	last := res[len(res)-1]
	if last.RuleID != "blog-posts" || len(last.Suppressions) != 1 || last.Suppressions[0].Kind != "external" ||
		last.Suppressions[0].Status != "accepted" || !strings.Contains(last.Suppressions[0].Justification, "no blog in this cohort") ||
		!regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`).MatchString(last.Suppressions[0].Guid) {
		t.Errorf("waived result %+v", last)
	}
	for _, r := range res[:len(res)-1] {
		if len(r.Suppressions) != 0 {
			t.Errorf("%s suppressed", r.RuleID)
		}
	}
}

// sarifMultitool finds Microsoft's SARIF Multitool (npm
// @microsoft/sarif-multitool), which .ci/run installs.
func sarifMultitool(t *testing.T) string {
	testrepo.EndToEnd(t, "the SARIF Multitool")
	for _, p := range []string{os.Getenv("SARIF_MULTITOOL"), "/usr/local/lib/node_modules/@microsoft/sarif-multitool/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool",
		"/usr/lib/node_modules/@microsoft/sarif-multitool/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool",
		"/usr/lib/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool", "/usr/local/lib/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool"} {
		if p == "" {
			continue
		}
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("the SARIF Multitool is not installed: .ci/run must install it (npm install -g @microsoft/sarif-multitool)")
	}
	t.Skip("the SARIF Multitool is not installed (npm install -g @microsoft/sarif-multitool@5.7.0; or set SARIF_MULTITOOL)")
	return ""
}

// TestSARIFMultitool: Microsoft's SARIF validator, with its SARIF rules
// and GitHub's ingestion rules, finds no error and no GitHub warning in the
// log, waived and file-level results included.
func TestSARIFMultitool(t *testing.T) {
	tool := sarifMultitool(t)
	var buf bytes.Buffer
	r := waivedReport()
	if err := SARIF(&buf, r, SARIFOptions{Locate: func(res finding.Result) (string, int) {
		if res.Rule == "roadmap" {
			return "README.md", 5
		}
		return "", 0
	}}); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	in, out := filepath.Join(dir, "passation.sarif"), filepath.Join(dir, "validation.sarif")
	if err := os.WriteFile(in, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(tool, "validate", "--rule-kind", "Sarif;Gh", "--output", out, in)
	cmd.Env = append(os.Environ(), "DOTNET_CLI_TELEMETRY_OPTOUT=1", "HOME="+dir)
	log, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("Multitool: %v\n%s", err, log)
	}
	for _, line := range strings.Split(string(log), "\n") {
		if strings.Contains(line, ": error ") || regexp.MustCompile(`: warning GH[0-9]+`).MatchString(line) {
			t.Errorf("Multitool: %s", line)
		}
	}
	if !strings.Contains(string(log), "Analysis completed successfully") {
		t.Errorf("Multitool did not complete:\n%s", log)
	}
}
