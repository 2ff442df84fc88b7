package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/passation/passation/internal/testrepo"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// TestCheckFormatSARIF runs `passation check --format sarif` on a real
// repository and validates the log against the official SARIF 2.1.0 schema.
func TestCheckFormatSARIF(t *testing.T) {
	t.Parallel()
	repo := testrepo.New(t).CommitFiles(map[string]string{
		"README.md": "# Outil\n\nUn outil pour les agents qui instruisent les dossiers de subvention.\n\n" +
			"## Installation\n\nLancez `make install` puis ouvrez http://localhost:8080 dans un navigateur.\n\n" +
			"## Plus tard\n\nÀ voir.\n",
		"LICENSE": mitLicence,
	})
	out := filepath.Join(t.TempDir(), "report.sarif")
	var stderr bytes.Buffer
	code := Main([]string{"check", repo.Dir, "--format", "sarif", "--output", out, "--lang", "en"},
		&Env{Stdout: &bytes.Buffer{}, Stderr: &stderr, Getenv: func(string) string { return "" }})
	if code != ExitGaps {
		t.Fatalf("exit %d, want %d (core items missing); stderr: %s", code, ExitGaps, stderr.String())
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open("../report/testdata/sarif-schema-2.1.0.json")
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
	if err := c.AddResource("sarif.json", doc); err != nil {
		t.Fatal(err)
	}
	schema, err := c.Compile("sarif.json")
	if err != nil {
		t.Fatal(err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if err := schema.Validate(inst); err != nil {
		t.Fatalf("invalid SARIF: %v", err)
	}

	var log struct {
		Runs []struct {
			Tool struct {
				Driver struct {
					Rules []struct {
						ID      string                `json:"id"`
						HelpURI string                `json:"helpUri"`
						Full    struct{ Text string } `json:"fullDescription"`
					}
				}
			}
			Results []struct {
				RuleID    string `json:"ruleId"`
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI string }     `json:"artifactLocation"`
						Region           *struct{ StartLine int } `json:"region"`
					} `json:"physicalLocation"`
				}
			}
		}
	}
	if err := json.Unmarshal(data, &log); err != nil {
		t.Fatal(err)
	}
	run := log.Runs[0]
	if len(run.Tool.Driver.Rules) < 20 {
		t.Fatalf("%d rules in the driver, want the whole eig profile", len(run.Tool.Driver.Rules))
	}
	for _, r := range run.Tool.Driver.Rules {
		if !strings.HasPrefix(r.HelpURI, "https://github.com/passation/passation/blob/main/rules/") || !strings.HasSuffix(r.HelpURI, ".yml") || r.Full.Text == "" {
			t.Errorf("rule %s: helpUri %q, fullDescription %q", r.ID, r.HelpURI, r.Full.Text)
		}
	}
	where := map[string]string{}
	for _, r := range run.Results {
		pl := r.Locations[0].PhysicalLocation
		line := 0
		if pl.Region != nil {
			line = pl.Region.StartLine
		}
		where[r.RuleID] = pl.ArtifactLocation.URI + ":" + strconv.Itoa(line)
	}
	// The roadmap is missing ("Plus tard" is not a phrase the rule
	// knows) and the user manual has no heading near it: both are results on
	// the whole README, not on a line (code scanning would hash that line's
	// text into the alert, and editing it would close the alert and open
	// another). The annotations keep the heading (internal/action). A stub
	// found for an item keeps its line.
	for rule, want := range map[string]string{"roadmap": "README.md:0", "user-manual": "README.md:0", "functional-description": "README.md:3"} {
		if where[rule] != want {
			t.Errorf("%s shown at %q, want %q (all: %v)", rule, where[rule], want, where)
		}
	}
	if _, ok := where["install-guide"]; ok {
		t.Errorf("install-guide is found, yet has a SARIF result")
	}
}
