package cli

import (
	"os"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/passation/passation/internal/audit"
	"github.com/passation/passation/internal/catalog"
	"github.com/passation/passation/internal/config"
	"github.com/passation/passation/rules"
	"go.yaml.in/yaml/v3"
)

// dpiaRule is the programme's own rule that the README's profiles.yml
// example adds.
const dpiaRule = `group: programme
order: 9
title: {en: Programme, fr: Programme}
rules:
  - id: dpia
    severity: warning
    title: {en: Data protection impact assessment, fr: Analyse d'impact sur la protection des données}
    message: {en: No DPIA was found., fr: Aucune AIPD n'a été trouvée.}
    hint: {en: Commit docs/dpia.md., fr: Versez docs/aipd.md.}
    evidence:
      - files: ["*dpia*", "*aipd*"]
`

var yamlBlock = regexp.MustCompile("(?s)```yaml\n(.*?)```")

// TestReadmeYAMLExamplesLoad: every YAML example of the README is read by
// what reads it in real use: configuration files by config.Parse, the
// programme's profiles.yml by the catalogue loader, cohort lists by
// audit.ParseCohort, the rest (workflows, pre-commit) as YAML.
func TestReadmeYAMLExamplesLoad(t *testing.T) {
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	blocks := yamlBlock.FindAllStringSubmatch(string(data), -1)
	if len(blocks) < 9 {
		t.Fatalf("%d YAML examples in the README, expected at least 9", len(blocks))
	}
	for i, m := range blocks {
		src := m[1]
		first, _, _ := strings.Cut(src, "\n")
		switch {
		case strings.Contains(first, "profiles.yml"):
			layer := fstest.MapFS{"profiles.yml": {Data: []byte(src)}, "programme.yml": {Data: []byte(dpiaRule)}}
			cat, err := catalog.LoadLayers(catalog.Layer{FS: rules.FS}, catalog.Layer{FS: layer, Dir: "programme-rules"})
			if err != nil {
				t.Errorf("README example %d (profiles.yml) does not load:\n%v", i+1, err)
				continue
			}
			if _, err := cat.Select(cat.DefaultProfile); err != nil {
				t.Errorf("README example %d: default profile: %v", i+1, err)
			}
		case strings.HasPrefix(src, "repositories:"):
			if _, err := audit.ParseCohort("cohort.yml", []byte(src)); err != nil {
				t.Errorf("README example %d (cohort list) does not load: %v", i+1, err)
			}
		case strings.Contains(src, "\n    ower: "):
			// The README's example of mistakes: it must fail, as the README says.
			if _, err := config.Parse(".passation.yml", config.FromRepository, []byte(src)); err == nil || !strings.Contains(err.Error(), `did you mean "owner"?`) {
				t.Errorf("README example %d (mistakes) does not fail as shown: %v", i+1, err)
			}
		case strings.Contains(first, ".passation.yml") || strings.HasPrefix(src, "profile:"):
			if _, err := config.Parse(".passation.yml", config.FromRepository, []byte(src)); err != nil {
				t.Errorf("README example %d (.passation.yml) does not load:\n%v", i+1, err)
			}
		default:
			var v any
			if err := yaml.Unmarshal([]byte(src), &v); err != nil {
				t.Errorf("README example %d is not YAML: %v\n%s", i+1, err, src)
			}
		}
	}
}
