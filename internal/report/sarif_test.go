package report

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/passation/passation/internal/finding"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// sarifSchema compiles the official SARIF 2.1.0 schema (OASIS, errata 01),
// vendored in testdata, with format assertions on (uri, date-time...).
func sarifSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open("testdata/sarif-schema-2.1.0.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource("sarif-schema-2.1.0.json", doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("sarif-schema-2.1.0.json")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// ValidateSARIF fails the test when data is not a valid SARIF 2.1.0 log.
func validateSARIF(t *testing.T, s *jsonschema.Schema, data []byte) error {
	t.Helper()
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("SARIF output is not JSON: %v", err)
	}
	return s.Validate(inst)
}

func sampleReport() *finding.Report {
	results := []finding.Result{
		{Rule: "install-guide", Group: "application", Severity: finding.Error, Status: finding.Pass,
			Title: "Installation guide", Message: `Found: README.md:12 (section "Installation").`,
			Hint: "Add INSTALL.md.", Evidence: []finding.Evidence{{Path: "README.md", Line: 12, Detail: `section "Installation"`}}},
		{Rule: "user-manual", Group: "application", Severity: finding.Error, Status: finding.Fail,
			Title: "User manual", Message: "No user manual was found.", Hint: "Add docs/user-manual.md.",
			Evidence: []finding.Evidence{{Path: "docs/a::error::x%0A #?.md", Line: 3, Detail: "present but empty"}}},
		{Rule: "roadmap", Group: "outlook", Severity: finding.Warning, Status: finding.Fail,
			Title: "Roadmap", Message: "No roadmap was found.", Hint: "Add ROADMAP.md.", Evidence: []finding.Evidence{}},
		{Rule: "pitch", Group: "communication", Severity: finding.Notice, Status: finding.Fail,
			Title: "Pitch", Message: "No pitch.", Evidence: []finding.Evidence{}},
		{Rule: "changelog", Group: "sustainability", Severity: finding.Notice, Status: finding.Skip,
			Title: "Changelog", Message: "could not be read: object missing", Evidence: []finding.Evidence{}},
	}
	return &finding.Report{
		Schema: finding.Schema, Tool: finding.Tool{Name: "passation", Version: "v1.2.3"},
		Repository: finding.Repository{Path: "/r", Ref: "HEAD", Commit: strings.Repeat("a", 40), Mode: "commit"},
		Profile:    "eig", Lang: "en", Summary: finding.Summarize(results), Results: results,
	}
}

func TestSARIFValidAgainstSchema(t *testing.T) {
	t.Parallel()
	schema := sarifSchema(t)
	var buf bytes.Buffer
	err := SARIF(&buf, sampleReport(), SARIFOptions{
		Rules: map[string]SARIFRule{"user-manual": {Description: "No user manual was found.", HelpURI: "https://example.org/rules/application.yml"}},
		Locate: func(r finding.Result) (string, int) {
			if r.Rule == "roadmap" {
				return "README.md", 5
			}
			if len(r.Evidence) > 0 {
				return r.Evidence[0].Path, r.Evidence[0].Line
			}
			return "", 0
		},
		RepositoryURI: "https://github.com/o/r",
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := validateSARIF(t, schema, buf.Bytes()); err != nil {
		t.Fatalf("SARIF output is not valid SARIF 2.1.0: %v\n%s", err, buf.String())
	}

	var log struct {
		Version string `json:"version"`
		Runs    []struct {
			Language string `json:"language"`
			Tool     struct {
				Driver struct {
					Name, Version, InformationURI string
					Rules                         []struct {
						ID               string `json:"id"`
						Name             string `json:"name"`
						ShortDescription struct{ Text string }
						FullDescription  *struct{ Text string }
						Help             *struct{ Text, Markdown string }
						HelpURI          string `json:"helpUri"`
						Default          struct {
							Level string `json:"level"`
						} `json:"defaultConfiguration"`
						Properties map[string]any `json:"properties"`
					}
				}
			}
			Results []struct {
				RuleID    string `json:"ruleId"`
				RuleIndex int    `json:"ruleIndex"`
				Level     string `json:"level"`
				Message   struct{ Text string }
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct {
							URI       string `json:"uri"`
							URIBaseID string `json:"uriBaseId"`
						} `json:"artifactLocation"`
						Region *struct {
							StartLine int `json:"startLine"`
						} `json:"region"`
					} `json:"physicalLocation"`
					Message *struct{ Text string }
				}
			}
			Invocations []struct {
				ExecutionSuccessful bool `json:"executionSuccessful"`
				Notifications       []struct {
					Level   string
					Message struct{ Text string }
				} `json:"toolExecutionNotifications"`
			}
			VersionControlProvenance []struct {
				RepositoryURI string `json:"repositoryUri"`
				RevisionID    string `json:"revisionId"`
			} `json:"versionControlProvenance"`
		}
	}
	if err := json.Unmarshal(buf.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	run := log.Runs[0]
	d := run.Tool.Driver
	if log.Version != "2.1.0" || d.Name != "passation" || d.Version != "v1.2.3" || d.InformationURI != InformationURI || run.Language != "en" {
		t.Errorf("header: version %q driver %q %q %q language %q", log.Version, d.Name, d.Version, d.InformationURI, run.Language)
	}
	if len(d.Rules) != 5 {
		t.Fatalf("%d rules, want every rule of the report (5)", len(d.Rules))
	}
	um := d.Rules[1]
	if um.ID != "user-manual" || um.Name != "UserManualMissing" || um.ShortDescription.Text != "User manual" ||
		um.FullDescription == nil || um.FullDescription.Text != "No user manual was found." ||
		um.Help == nil || um.Help.Text != "Add docs/user-manual.md." ||
		!strings.Contains(um.Help.Markdown, "(https://example.org/rules/application.yml)") ||
		um.HelpURI != "https://example.org/rules/application.yml" || um.Default.Level != "error" ||
		um.Properties["problem.severity"] != "error" {
		t.Errorf("user-manual rule metadata: %+v", um)
	}
	if d.Rules[3].Default.Level != "note" || d.Rules[3].Help == nil || d.Rules[3].Help.Text != "Pitch" || d.Rules[3].FullDescription.Text != "Pitch" {
		t.Errorf("pitch: level %q (want note), help %+v (want its description: it has no hint; code scanning needs one)", d.Rules[3].Default.Level, d.Rules[3].Help)
	}

	if len(run.Results) != 3 {
		t.Fatalf("%d results, want the 3 failing rules", len(run.Results))
	}
	type loc struct {
		rule, level, uri string
		index, line      int
	}
	want := []loc{
		{"user-manual", "error", "docs/a%3A%3Aerror%3A%3Ax%250A%20%23%3F.md", 1, 3},
		// Shown on a README heading, which is not the gap's own place: a
		// result on the whole file, so that editing that heading keeps the alert.
		{"roadmap", "warning", "README.md", 2, 0},
		{"pitch", "note", "README.md", 3, 0},
	}
	for i, w := range want {
		r := run.Results[i]
		pl := r.Locations[0].PhysicalLocation
		line := 0
		if pl.Region != nil {
			line = pl.Region.StartLine
		}
		got := loc{r.RuleID, r.Level, pl.ArtifactLocation.URI, r.RuleIndex, line}
		if got != w || pl.ArtifactLocation.URIBaseID != "%SRCROOT%" {
			t.Errorf("result %d = %+v (base %q), want %+v", i, got, pl.ArtifactLocation.URIBaseID, w)
		}
	}
	if m := run.Results[2].Locations[0].Message; m == nil || !strings.Contains(m.Text, "does not exist") {
		t.Errorf("a result with no file should say README.md does not exist yet, got %+v", m)
	}
	if run.Results[0].Message.Text != "No user manual was found. Add docs/user-manual.md." {
		t.Errorf("message = %q", run.Results[0].Message.Text)
	}
	inv := run.Invocations[0]
	if !inv.ExecutionSuccessful || len(inv.Notifications) != 1 || !strings.HasPrefix(inv.Notifications[0].Message.Text, "changelog: ") {
		t.Errorf("invocation: %+v, want one notification for the skipped changelog", inv)
	}
	if p := run.VersionControlProvenance; len(p) != 1 || p[0].RepositoryURI != "https://github.com/o/r" || p[0].RevisionID != strings.Repeat("a", 40) {
		t.Errorf("versionControlProvenance = %+v", p)
	}
}

// TestSARIFSchemaRejects makes sure the schema check can fail: a log with a
// level SARIF does not know is refused.
func TestSARIFSchemaRejects(t *testing.T) {
	t.Parallel()
	schema := sarifSchema(t)
	var buf bytes.Buffer
	if err := SARIF(&buf, sampleReport(), SARIFOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := validateSARIF(t, schema, buf.Bytes()); err != nil {
		t.Fatalf("zero options: %v", err)
	}
	bad := strings.Replace(buf.String(), `"level": "note"`, `"level": "notice"`, 1)
	if bad == buf.String() {
		t.Fatal("no note level to corrupt")
	}
	if err := validateSARIF(t, schema, []byte(bad)); err == nil {
		t.Fatal("a SARIF log with level \"notice\" passed the schema: the validation does not work")
	}
}

func TestSARIFEmptyReport(t *testing.T) {
	t.Parallel()
	schema := sarifSchema(t)
	var buf bytes.Buffer
	rep := &finding.Report{Tool: finding.Tool{Name: "passation"}, Lang: "fr", Results: []finding.Result{}}
	if err := SARIF(&buf, rep, SARIFOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := validateSARIF(t, schema, buf.Bytes()); err != nil {
		t.Fatalf("empty report: %v\n%s", err, buf.String())
	}
	if !strings.Contains(buf.String(), `"results": []`) {
		t.Errorf("an empty run must still list results (GitHub needs the array):\n%s", buf.String())
	}
}
