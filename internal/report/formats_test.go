package report

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/passation/passation/internal/finding"
)

// TestFormatsTable: every format of the table writes the sample report,
// names are unique, and the action offers only those its log can take.
func TestFormatsTable(t *testing.T) {
	seen := map[string]bool{}
	for _, f := range Formats {
		if seen[f.Name] || f.Help == "" {
			t.Errorf("format %q: duplicate or without help", f.Name)
		}
		seen[f.Name] = true
		var b bytes.Buffer
		if err := f.Write(&b, Input{Report: sampleReport(), FailOn: finding.Error}); err != nil || b.Len() == 0 {
			t.Errorf("%s: %v (%d bytes)", f.Name, err, b.Len())
		}
	}
	if got := Names(true); got != "text, json or sarif" {
		t.Errorf("Names(true) = %q", got)
	}
	if _, ok := Lookup("junit"); !ok {
		t.Error("junit not found")
	}
}

// TestCodeQuality: one issue per gap with GitLab's required fields, at the
// place the locator gives (the README for a gap without a file), severities
// mapped, and a fingerprint that depends on the rule and the file only.
func TestCodeQuality(t *testing.T) {
	locate := func(r finding.Result) (string, int) {
		if r.Rule == "roadmap" {
			return "README.md", 7
		}
		return "", 0
	}
	var b bytes.Buffer
	if err := CodeQuality(&b, sampleReport(), locate); err != nil {
		t.Fatal(err)
	}
	var issues []map[string]any
	if err := json.Unmarshal(b.Bytes(), &issues); err != nil {
		t.Fatal(err)
	}
	if len(issues) != 3 {
		t.Fatalf("%d issues, want the 3 gaps:\n%s", len(issues), b.String())
	}
	for _, is := range issues {
		for _, k := range []string{"description", "check_name", "fingerprint", "severity", "location"} {
			if _, ok := is[k]; !ok {
				t.Errorf("issue %v lacks %s", is, k)
			}
		}
		loc := is["location"].(map[string]any)
		if loc["path"] == "" || loc["lines"].(map[string]any)["begin"].(float64) < 1 {
			t.Errorf("location %v: GitLab needs a path and a line from 1", loc)
		}
	}
	want := map[string]string{"user-manual": "major", "roadmap": "minor", "pitch": "info"}
	for _, is := range issues {
		if want[is["check_name"].(string)] != is["severity"] {
			t.Errorf("%s: severity %s", is["check_name"], is["severity"])
		}
	}
	if l := issues[1]["location"].(map[string]any); l["path"] != "README.md" || l["lines"].(map[string]any)["begin"].(float64) != 7 {
		t.Errorf("roadmap at %v, want the locator's README.md:7", l)
	}
	// The same rule and file give the same fingerprint whatever the message
	// and the line; another file, another fingerprint.
	again := sampleReport()
	again.Results[2].Message = "changed"
	var b2 bytes.Buffer
	_ = CodeQuality(&b2, again, func(r finding.Result) (string, int) {
		if r.Rule == "user-manual" {
			return "docs/user-manual.md", 1
		}
		return "README.md", 40
	})
	var issues2 []map[string]any
	_ = json.Unmarshal(b2.Bytes(), &issues2)
	if issues2[1]["fingerprint"] != issues[1]["fingerprint"] {
		t.Error("the fingerprint changed with the message or the line")
	}
	if issues2[0]["fingerprint"] == issues[0]["fingerprint"] {
		t.Error("the fingerprint did not change with the file")
	}
}

// TestJUnitValidAgainstSchema: the JUnit report is valid against the
// schema of the format GitLab and Jenkins read (xmllint --schema), with a
// test case per item, failures and skips counted.
func TestJUnitValidAgainstSchema(t *testing.T) {
	r := sampleReport()
	r.Results = append(r.Results, finding.Result{Rule: "pitch-waived", Group: "communication", Severity: finding.Notice,
		Status: finding.Waived, Title: "x", Message: "Waived by a@b.fr: no demo \x01 day <now>."})
	var b bytes.Buffer
	if err := JUnit(&b, r, []Group{{ID: "application"}, {ID: "outlook"}}); err != nil {
		t.Fatal(err)
	}
	var doc junitSuites
	if err := xml.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatalf("not XML: %v\n%s", err, b.String())
	}
	if doc.Tests != 6 || doc.Failures != 3 || doc.Skipped != 2 || doc.Suites[0].Name != "application" {
		t.Errorf("tests %d failures %d skipped %d, suites %+v", doc.Tests, doc.Failures, doc.Skipped, doc.Suites)
	}
	xmllint, err := exec.LookPath("xmllint")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("xmllint is not installed: .ci/run must install libxml2-utils")
		}
		t.Skip("xmllint not installed (apt-get install libxml2-utils)")
	}
	file := filepath.Join(t.TempDir(), "junit.xml")
	if err := os.WriteFile(file, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(xmllint, "--noout", "--schema", "testdata/junit.xsd", file).CombinedOutput()
	if err != nil || !strings.Contains(string(out), "validates") {
		t.Fatalf("xmllint: %v\n%s\n%s", err, out, b.String())
	}
	// The schema can fail: a test case without its name is refused.
	bad := filepath.Join(t.TempDir(), "bad.xml")
	_ = os.WriteFile(bad, []byte(`<testsuites><testsuite name="a" tests="1"><testcase classname="a"/></testsuite></testsuites>`), 0o644)
	if out, err := exec.Command(xmllint, "--noout", "--schema", "testdata/junit.xsd", bad).CombinedOutput(); err == nil {
		t.Fatalf("xmllint accepted a test case without a name:\n%s", out)
	}
}

// TestBadge: a shields.io endpoint, red while a gap fails the check.
func TestBadge(t *testing.T) {
	for _, c := range []struct {
		failOn finding.Severity
		color  string
	}{{finding.Error, "red"}, {finding.Never, "red"}} {
		var b bytes.Buffer
		if err := Badge(&b, sampleReport(), c.failOn); err != nil {
			t.Fatal(err)
		}
		var got map[string]any
		if err := json.Unmarshal(b.Bytes(), &got); err != nil {
			t.Fatal(err)
		}
		if got["schemaVersion"].(float64) != 1 || got["label"] != "passation" || !strings.HasSuffix(got["message"].(string), "/100") || got["color"] != c.color {
			t.Errorf("badge %v", got)
		}
	}
	all := &finding.Report{Results: []finding.Result{{Rule: "a", Severity: finding.Error, Status: finding.Pass}}}
	all.Summary = finding.Summarize(all.Results)
	var b bytes.Buffer
	_ = Badge(&b, all, finding.Error)
	if !strings.Contains(b.String(), `"message":"100/100","color":"brightgreen"`) {
		t.Errorf("a full score: %s", b.String())
	}
}
