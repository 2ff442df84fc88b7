package evidence_test

import (
	"encoding/json"
	"flag"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/passation/passation/internal/catalog"
	"github.com/passation/passation/internal/evidence"
	"github.com/passation/passation/internal/globset"
	"github.com/passation/passation/rules"
)

var update = flag.Bool("update", false, "rewrite the README's evidence table from the registry")

const (
	tableStart = "<!-- evidence:start (generated from the evidence registry by go test ./internal/evidence -update) -->\n"
	tableEnd   = "<!-- evidence:end -->"
)

// table is the README's table of evidence kinds, from the registry.
func table(reg *evidence.Registry) string {
	var b strings.Builder
	b.WriteString("| kind | example | passes when |\n|---|---|---|\n")
	for _, k := range reg.Kinds() {
		b.WriteString("| `" + k.Name + "` | " + k.Example + " | " + k.Passes[0] + " |\n")
	}
	return b.String()
}

// TestReadmeEvidenceTable keeps the README's table of evidence kinds equal
// to the registry: a kind added to the registry shows there.
func TestReadmeEvidenceTable(t *testing.T) {
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(data)
	i, j := strings.Index(readme, tableStart), strings.Index(readme, tableEnd)
	if i < 0 || j < i {
		t.Fatalf("README.md lacks the evidence markers %q … %q", tableStart, tableEnd)
	}
	want := readme[:i+len(tableStart)] + table(evidence.Default()) + readme[j:]
	if want == readme {
		return
	}
	if *update {
		if err := os.WriteFile("../../README.md", []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Fatal("README.md evidence table differs from the registry: run go test ./internal/evidence -update")
}

// schemaKinds writes the schema's properties for the kinds, one line each,
// as rules.schema.json lays them out.
func schemaKinds(t *testing.T, reg *evidence.Registry) string {
	var b strings.Builder
	for _, k := range reg.Kinds() {
		var desc strings.Builder
		enc := json.NewEncoder(&desc)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(k.Passes[0]); err != nil {
			t.Fatal(err)
		}
		values := `"$ref": "#/$defs/strings"`
		if k.Values == "true" {
			values = `"const": "true"`
		}
		b.WriteString(`        "` + k.Name + `": {` + values + `, "description": ` + strings.TrimSpace(desc.String()) + "},\n")
	}
	return b.String()
}

const (
	schemaFile  = "../config/schema/rules.schema.json"
	schemaStart = "      \"properties\": {\n"
	schemaEnd   = "        \"with\": {"
)

// TestSchemaKindsGenerated keeps the kinds of rules.schema.json equal to
// the registry (go test ./internal/evidence -update rewrites them).
func TestSchemaKindsGenerated(t *testing.T) {
	data, err := os.ReadFile(schemaFile)
	if err != nil {
		t.Fatal(err)
	}
	s := string(data)
	evidenceAt := strings.Index(s, "\"evidence\": {")
	i := strings.Index(s[evidenceAt:], schemaStart) + evidenceAt
	j := strings.Index(s[i:], schemaEnd) + i
	if evidenceAt < 0 || i < evidenceAt || j < i {
		t.Fatalf("%s: the evidence properties are not where expected", schemaFile)
	}
	want := s[:i+len(schemaStart)] + schemaKinds(t, evidence.Default()) + s[j:]
	if !json.Valid([]byte(want)) {
		t.Fatal("generated schema is not valid JSON")
	}
	if want == s {
		return
	}
	if *update {
		if err := os.WriteFile(schemaFile, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Fatal("rules.schema.json evidence kinds differ from the registry: run go test ./internal/evidence -update")
}

// TestSchemaFollowsRegistry: the rule-file schema that editors use names
// every kind of the registry, with the registry's description and the
// shape of its values, and no kind the registry lacks.
func TestSchemaFollowsRegistry(t *testing.T) {
	data, err := os.ReadFile("../config/schema/rules.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	var schema struct {
		Defs struct {
			Evidence struct {
				Properties map[string]struct {
					Ref         string `json:"$ref"`
					Const       string `json:"const"`
					Description string `json:"description"`
				} `json:"properties"`
				Additional *bool `json:"additionalProperties"`
			} `json:"evidence"`
		} `json:"$defs"`
	}
	if err := json.Unmarshal(data, &schema); err != nil {
		t.Fatal(err)
	}
	props := schema.Defs.Evidence.Properties
	options := map[string]bool{}
	reg := evidence.Default()
	for _, k := range reg.Kinds() {
		p, ok := props[k.Name]
		switch {
		case !ok:
			t.Errorf("rules.schema.json: evidence kind %q missing", k.Name)
			continue
		case p.Description != k.Passes[0]:
			t.Errorf("rules.schema.json: %s: description\n%q\nwant the registry's\n%q", k.Name, p.Description, k.Passes[0])
		case k.Values == "strings" && p.Ref != "#/$defs/strings", k.Values == "true" && p.Const != "true":
			t.Errorf("rules.schema.json: %s: values %+v, want %s", k.Name, p, k.Values)
		}
		for _, o := range k.Options {
			options[o] = true
		}
	}
	for name := range props {
		if _, ok := reg.Kind(name); !ok && !options[name] {
			t.Errorf("rules.schema.json: %q is neither a kind of the registry nor an option of one", name)
		}
	}
	if a := schema.Defs.Evidence.Additional; a == nil || *a {
		t.Error("rules.schema.json: evidence items must refuse unknown keys (additionalProperties: false)")
	}
}

// TestEveryKindIsUsedAndDescribed: each kind of the registry is used by
// the embedded catalogue or by a test of its own, says when it passes in
// both languages, and compiles its example.
func TestEveryKindIsUsedAndDescribed(t *testing.T) {
	cat, err := catalog.Load(rules.FS)
	if err != nil {
		t.Fatal(err)
	}
	used := map[string]bool{}
	for _, r := range cat.Rules {
		for _, ev := range r.Evidence {
			used[ev.Kind] = true
		}
	}
	for _, k := range evidence.Default().Kinds() {
		if k.Passes[0] == "" || k.Passes[1] == "" || k.Example == "" {
			t.Errorf("%s: needs an example and a description in English and French", k.Name)
		}
		if !used[k.Name] && k.Name != "content" {
			t.Errorf("%s: no rule of the catalogue uses it", k.Name)
		}
	}
	if got := evidence.Default().Names(); !slices.IsSorted(got) || len(got) < 10 {
		t.Errorf("Names() = %v", got)
	}
}

// TestRegistryRefusesUnknownKinds: an unknown kind names the file and line
// and suggests the closest name.
func TestRegistryRefusesUnknownKinds(t *testing.T) {
	ev := catalog.Evidence{Kind: "sections", Values: []string{"x"}, Pos: catalog.Pos{File: "r.yml", Line: 7, Col: 9}}
	_, err := evidence.Default().Compile("r", ev, globset.New())
	if err == nil || !strings.Contains(err.Error(), "r.yml:7:9") || !strings.Contains(err.Error(), `did you mean "section"?`) {
		t.Fatalf("err = %v", err)
	}
	if _, err := evidence.NewRegistry(evidence.Kind{Name: "a"}, evidence.Kind{Name: "a"}); err == nil {
		t.Error("a kind registered twice was accepted")
	}
}
