package config_test

import (
	"encoding/json"
	"io/fs"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/passation/passation/internal/config"
	"github.com/passation/passation/internal/config/schemacheck"
	"github.com/passation/passation/internal/project"
	"github.com/passation/passation/rules"
)

// TestEmbeddedRuleFilesMatchSchema: every file of the catalogue is valid
// for the schema editors use, so the schema cannot fall behind the loader.
func TestEmbeddedRuleFilesMatchSchema(t *testing.T) {
	names, err := fs.Glob(rules.FS, "*.yml")
	if err != nil || len(names) < 2 {
		t.Fatalf("rule files: %v %v", names, err)
	}
	for _, n := range names {
		data, _ := rules.FS.ReadFile(n)
		if err := schemacheck.Validate("rules.schema.json", data); err != nil {
			t.Errorf("rules/%s: %v", n, err)
		}
	}
}

func TestExampleConfigMatchesSchema(t *testing.T) {
	data, err := os.ReadFile("testdata/example.yml")
	if err != nil {
		t.Fatal(err)
	}
	if err := schemacheck.Validate("config.schema.json", data); err != nil {
		t.Fatal(err)
	}
	if err := schemacheck.Validate("config.schema.json", nil); err != nil {
		t.Errorf("an empty configuration: %v", err)
	}
}

// TestSchemaRejects: the schemas are strict enough to catch what the
// loaders refuse, so the tests above can fail.
func TestSchemaRejects(t *testing.T) {
	for _, c := range []struct{ schema, doc string }{
		{"config.schema.json", "wiavers: {}\n"},
		{"config.schema.json", "fail-on: critical\n"},
		{"config.schema.json", "waivers:\n  pitch: {reason: r, owner: o, until: 2026-6-1}\n"},
		{"config.schema.json", "waivers:\n  pitch: {owner: o}\n"},
		{"config.schema.json", "external:\n  pitch: {url: intranet, note: n}\n"},
		{"config.schema.json", "overrides:\n  pitch: {severty: error}\n"},
		{"config.schema.json", "overrides:\n  pitch: false\n"},
		{"rules.schema.json", "group: x\nrules:\n  - id: a\n    severity: high\n"},
		{"rules.schema.json", "profiles:\n  p: {description: {en: a, fr: b}}\n"},
	} {
		if err := schemacheck.Validate(c.schema, []byte(c.doc)); err == nil {
			t.Errorf("%s accepts %q", c.schema, c.doc)
		}
	}
}

// TestSchemaKnowsEveryKey keeps the schema's top-level keys equal to what
// the loader reads.
func TestSchemaKnowsEveryKey(t *testing.T) {
	data, err := config.Schemas.ReadFile("schema/config.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	var s struct {
		Properties map[string]any `json:"properties"`
	}
	if err := json.Unmarshal(data, &s); err != nil {
		t.Fatal(err)
	}
	var keys []string
	for k := range s.Properties {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	want := append([]string(nil), config.Keys()...)
	sort.Strings(want)
	if strings.Join(keys, " ") != strings.Join(want, " ") {
		t.Errorf("schema keys %v, loader keys %v", keys, want)
	}
}

// TestSchemaScopesFollowModel: the scopes an editor offers are those the
// loader takes, so a scope added to the project model reaches the schema.
func TestSchemaScopesFollowModel(t *testing.T) {
	data, err := os.ReadFile("schema/rules.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	want, _ := json.Marshal(project.Readable())
	for _, key := range []string{`"scopes"`, `"fallback"`} {
		line := ""
		for _, l := range strings.Split(string(data), "\n") {
			if strings.HasPrefix(strings.TrimSpace(l), key+":") {
				line = l
			}
		}
		if !strings.Contains(strings.ReplaceAll(line, " ", ""), `"enum":`+string(want)) {
			t.Errorf("rules.schema.json %s: enum is not %s:\n%s", key, want, line)
		}
	}
}
