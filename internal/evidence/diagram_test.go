package evidence_test

import (
	"strings"
	"testing"

	"github.com/passation/passation/internal/checktest"
	"github.com/passation/passation/internal/finding"
)

func TestArchitectureDiagramAsText(t *testing.T) {
	_, c := checktest.Embedded(t)
	mermaid := "```mermaid\nflowchart LR\n  agents[Agents de la DGFiP] --> web[Application web] --> db[(PostgreSQL)]\n```\n"
	cases := map[string]struct {
		files  map[string]string
		status finding.Status
		detail string
	}{
		"mermaid in docs/architecture.md": {map[string]string{"docs/architecture.md": "# Architecture\n\n" + mermaid}, finding.Pass, `mermaid diagram in section "Architecture"`},
		"mermaid in a README section":     {map[string]string{"README.md": "# Outil\n\nIntro.\n\n## Schéma d'architecture\n\n" + mermaid}, finding.Pass, "mermaid diagram"},
		"plantuml under a sub-heading":    {map[string]string{"docs/technique.md": "# Architecture\n\n## Composants\n\n```plantuml\n@startuml\nAlice -> Bob: requête\n@enduml\n```\n"}, finding.Pass, "PlantUML diagram"},
		"image in the section":            {map[string]string{"README.md": "# Outil\n\n## Architecture\n\n![vue d'ensemble](https://example.org/archi.png)\n"}, finding.Pass, "image https://example.org/archi.png"},
		"skeleton left unfilled": {map[string]string{"docs/architecture.md": "# Architecture\n\n```mermaid\nflowchart LR\n  usagers[\"{{ Usagers }}\"] --> app[\"{{ Application }}\"]\n```\n"},
			finding.Fail, "template left unfilled"},
		"empty mermaid block":           {map[string]string{"docs/architecture.md": "# Architecture\n\n```mermaid\n```\n"}, finding.Fail, "present but empty"},
		"code that is no diagram":       {map[string]string{"README.md": "# Outil\n\n## Architecture\n\n```python\nimport flask\napp = flask.Flask(__name__)\n```\n"}, finding.Fail, ""},
		"mermaid under another heading": {map[string]string{"README.md": "# Outil\n\n## Changelog\n\n" + mermaid}, finding.Fail, ""},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			got := checktest.Status(t, c, tc.files, "architecture-diagram")
			if got.Status != tc.status {
				t.Fatalf("status %s, want %s (%+v)", got.Status, tc.status, got.Evidence)
			}
			if tc.detail != "" && (len(got.Evidence) == 0 || !strings.Contains(got.Evidence[0].Detail, tc.detail)) {
				t.Fatalf("evidence %+v does not say %q", got.Evidence, tc.detail)
			}
		})
	}
}

func TestYAMLDraftsAreStubs(t *testing.T) {
	_, c := checktest.Embedded(t)
	cases := map[string]struct {
		content string
		status  finding.Status
	}{
		"draft":            {"publiccodeYmlVersion: \"0.4\"\nname: outil\ndescription:\n  fr:\n    shortDescription: \"{{ ce que fait le logiciel }}\"\n", finding.Fail},
		"french mark":      {"name: outil\nlegal:\n  repoOwner: \"[À compléter : administration]\"\n", finding.Fail},
		"filled":           {"publiccodeYmlVersion: \"0.4\"\nname: outil\n", finding.Pass},
		"helm and actions": {"name: outil\nimage: \"{{ .Values.image }}\"\ntoken: ${{ secrets.TOKEN }}\n", finding.Pass},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			got := checktest.Status(t, c, map[string]string{"publiccode.yml": tc.content}, "publiccode")
			if got.Status != tc.status {
				t.Fatalf("status %s, want %s (%+v)", got.Status, tc.status, got.Evidence)
			}
			if tc.status == finding.Fail && (len(got.Evidence) == 0 || !strings.Contains(got.Evidence[0].Detail, "template left unfilled")) {
				t.Fatalf("evidence %+v", got.Evidence)
			}
		})
	}
	// A draft's placeholder contact names nobody.
	draft := "maintenance:\n  contacts:\n    - name: \"{{ prénom et nom }}\"\n      email: \"{{ adresse électronique }}\"\n"
	if got := checktest.Status(t, c, map[string]string{"publiccode.yml": draft}, "maintainer"); got.Status != finding.Fail {
		t.Fatalf("placeholder contact counted as a maintainer: %+v", got)
	}
}
