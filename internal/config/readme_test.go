package config_test

import (
	"os"
	"strings"
	"testing"

	"github.com/passation/passation/internal/config"
	"github.com/passation/passation/internal/config/schemacheck"
	"github.com/passation/passation/internal/yamlfile"
)

// between returns the fenced block that follows marker in the README.
func between(t *testing.T, readme, marker string) string {
	t.Helper()
	i := strings.Index(readme, marker)
	if i < 0 {
		t.Fatalf("README.md lacks %q", marker)
	}
	rest := readme[i:]
	start := strings.Index(rest, "```")
	start += strings.Index(rest[start:], "\n") + 1
	end := strings.Index(rest[start:], "```")
	return rest[start : start+end]
}

// TestReadmeExamples keeps the README's configuration examples and error
// example equal to the files the tests check.
func TestReadmeExamples(t *testing.T) {
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(data)
	for marker, file := range map[string]string{
		"<!-- config-example:en": "testdata/example.yml",
		"<!-- config-example:fr": "testdata/example.fr.yml",
		"<!-- config-errors:en":  "testdata/errors/readme.golden",
	} {
		want, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		if got := between(t, readme, marker); got != string(want) {
			t.Errorf("README.md's block after %q differs from %s:\n%s", marker, file, got)
		}
	}
}

// TestFrenchExample: the French example is as valid as the English one.
func TestFrenchExample(t *testing.T) {
	data, err := os.ReadFile("testdata/example.fr.yml")
	if err != nil {
		t.Fatal(err)
	}
	if err := schemacheck.Validate("config.schema.json", data); err != nil {
		t.Fatal(err)
	}
	a, rep := checkRepo(t, map[string]string{".passation.yml": string(data), ".passation/regles/rgpd.yml": ownRules}, config.Options{})
	if a.File.Lang.Value != "fr" || len(a.File.Overrides) != 4 || len(a.File.Waivers) != 1 || rep.Config.Rules[0] != ".passation/regles" {
		t.Errorf("French example read as %+v", a.File)
	}
	if _, err := config.Parse("x", config.FromRepository, data); err != nil {
		t.Fatal(yamlfile.Format(err))
	}
}
