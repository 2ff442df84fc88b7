package evidence_test

import (
	"strings"
	"testing"

	"github.com/passation/passation/internal/catalog"
	"github.com/passation/passation/internal/finding"
)

// TestSectionEvidence: a heading with the phrase and real content counts;
// anchored phrases open the heading; empty, template and set-up-only
// sections are shown for what they are.
func TestSectionEvidence(t *testing.T) {
	usage := catalog.Rule{ID: "usage", Severity: finding.Error, Evidence: []catalog.Evidence{
		{Kind: "section", Values: []string{"^usage", "mode d'emploi"}, MinWords: 5, NotSetup: true}}}
	cases := []struct {
		name, readme string
		status       finding.Status
		detail       string
	}{
		{"anchored phrase", "# Outil\n\n## 2. Usage\n\n" + prose + "\n", finding.Pass, `README.md:3 (section "2. Usage")`},
		{"phrase inside", "# Outil\n\n## Le mode d'emploi complet\n\n" + prose + "\n", finding.Pass, `README.md:3 (section "Le mode d'emploi complet")`},
		{"anchored phrase elsewhere", "# Outil\n\n## Cas d'usage\n\n" + prose + "\n", finding.Fail, ""},
		{"a prohibition", "# Outil\n\n## Usage interdit hors des services de l'État\n\n" + prose + "\n", finding.Fail, ""},
		{"empty", "# Outil\n\n## Usage\n\n## Licence\n\nMIT\n", finding.Fail, `README.md:3 (section "Usage" present but empty)`},
		{"template", "# Outil\n\n## Usage\n\n[À compléter]\n", finding.Fail, `README.md:3 (section "Usage" present but empty: template left unfilled ("[À compléter]"))`},
		{"set-up only", "# Outil\n\n## Usage\n\nInstall the dependencies first:\n\n```sh\npip install -r requirements.txt\n```\n", finding.Fail, `README.md:3 (section "Usage" only explains how to set the project up)`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res := runOne(t, usage, map[string]string{"README.md": tc.readme})
			got := ""
			if len(res.Evidence) > 0 {
				got = res.Evidence[0].String()
			}
			if res.Status != tc.status || got != tc.detail {
				t.Errorf("%s %q, want %s %q", res.Status, got, tc.status, tc.detail)
			}
		})
	}
}

// TestSectionOnlyInTheNamedFiles: in: restricts the documents read.
func TestSectionOnlyInTheNamedFiles(t *testing.T) {
	r := catalog.Rule{ID: "contact", Severity: finding.Error, Evidence: []catalog.Evidence{
		{Kind: "section", Values: []string{"contact"}, In: []string{"docs/equipe.md"}}}}
	files := map[string]string{"README.md": "# Outil\n\n## Contact\n\n" + prose + "\n"}
	if res := runOne(t, r, files); res.Status != finding.Fail {
		t.Errorf("README counted although in: names docs/equipe.md: %+v", res)
	}
	files["docs/equipe.md"] = "# Équipe\n\n## Contact\n\n" + prose + "\n"
	if res := runOne(t, r, files); res.Status != finding.Pass || res.Evidence[0].Path != "docs/equipe.md" {
		t.Errorf("docs/equipe.md not found: %+v", res)
	}
}

// TestSectionNotAbout: with: {not-about: […]} takes out a heading that
// holds one of the words, prefixes included; a value of two words is
// refused where it is written.
func TestSectionNotAbout(t *testing.T) {
	howTo := catalog.Rule{ID: "usage", Severity: finding.Error, Evidence: []catalog.Evidence{
		{Kind: "section", Values: []string{"^how to", "^comment"}, With: map[string][]string{"not-about": {"contribu*", "deploy"}}}}}
	for readme, want := range map[string]finding.Status{
		"# Outil\n\n## How to search a parcel\n\n" + prose + "\n":   finding.Pass,
		"# Outil\n\n## How to contribute\n\n" + prose + "\n":        finding.Fail,
		"# Outil\n\n## Comment contribuer\n\n" + prose + "\n":       finding.Fail,
		"# Outil\n\n## How to deploy\n\n" + prose + "\n":            finding.Fail,
		"# Outil\n\n## How to deploy-ish things\n\n" + prose + "\n": finding.Fail,
		"# Outil\n\n## How to deployments\n\n" + prose + "\n":       finding.Pass, // "deploy" without * is the word alone
	} {
		if res := runOne(t, howTo, map[string]string{"README.md": readme}); res.Status != want {
			t.Errorf("%q: %s, want %s", readme, res.Status, want)
		}
	}
	bad := howTo
	bad.Evidence = []catalog.Evidence{{Kind: "section", Values: []string{"^how to"}, With: map[string][]string{"not-about": {"run tests"}}}}
	if err := compileErr(t, bad); !contains(err, `"run tests": expected one word`) {
		t.Errorf("two words in not-about: %q", err)
	}
}

// TestSectionMaxLevel: with: {max-level: 1} reads a page's title, not the
// "## Contexte" of one of its topics.
func TestSectionMaxLevel(t *testing.T) {
	r := catalog.Rule{ID: "about", Severity: finding.Error, Evidence: []catalog.Evidence{
		{Kind: "section", Values: []string{"présentation", "contexte"}, In: []string{"docs/**"}, With: map[string][]string{"max-level": {"1"}}}}}
	if res := runOne(t, r, map[string]string{"docs/suivi.md": "# Suivi des exports\n\n## Contexte\n\n" + prose + "\n"}); res.Status != finding.Fail {
		t.Errorf("a level-2 heading counted: %+v", res)
	}
	if res := runOne(t, r, map[string]string{"docs/general.md": "# Présentation générale\n\n" + prose + "\n"}); res.Status != finding.Pass {
		t.Errorf("the page's title did not count: %+v", res)
	}
	r.Evidence[0].With = map[string][]string{"max-level": {"un"}}
	if err := compileErr(t, r); !contains(err, "max-level: expected a whole number") {
		t.Errorf("bad max-level: %q", err)
	}
}

// TestSectionNotUnder: with: {not-under: [helm*]} skips the documents below
// a folder of that name, at any depth, and nothing else.
func TestSectionNotUnder(t *testing.T) {
	r := catalog.Rule{ID: "usage", Severity: finding.Error, Evidence: []catalog.Evidence{
		{Kind: "section", Values: []string{"^usage"}, With: map[string][]string{"not-under": {"helm*", "elk"}}}}}
	for file, want := range map[string]finding.Status{
		"README.md":                    finding.Pass,
		"api/README.md":                finding.Pass,
		"helm-chart/README.md":         finding.Fail,
		"deploy/Helm/README.md":        finding.Fail,
		"elk/README.md":                finding.Fail,
		"elkhound/README.md":           finding.Pass, // a name, not a prefix
		"docs/helmsman-notes/usage.md": finding.Fail,
	} {
		files := map[string]string{file: "# Outil\n\n## Usage\n\n" + prose + "\n"}
		if res := runOne(t, r, files); res.Status != want {
			t.Errorf("%s: %s, want %s", file, res.Status, want)
		}
	}
	bad := r
	bad.Evidence = []catalog.Evidence{{Kind: "section", Values: []string{"^usage"}, With: map[string][]string{"not-under": {"deploy/helm"}}}}
	if err := compileErr(t, bad); !contains(err, `"deploy/helm": expected one folder name`) {
		t.Errorf("a path in not-under: %q", err)
	}
}

// TestSectionNotNamed: with: {not-named: [pratiques*]} skips the documents
// of that name, whatever their extension and folder, and nothing else.
func TestSectionNotNamed(t *testing.T) {
	r := catalog.Rule{ID: "usage", Severity: finding.Error, Evidence: []catalog.Evidence{
		{Kind: "section", Values: []string{"^utilisation"}, With: map[string][]string{"not-named": {"pratiques*", "guidelines"}}}}}
	for file, want := range map[string]finding.Status{
		"docs/guide.md":                      finding.Pass,
		"docs/Pratiques-Équipe.md":           finding.Fail,
		"docs/pratiques.rst":                 finding.Fail,
		"GUIDELINES.md":                      finding.Fail,
		"docs/guidelines-for-users.md":       finding.Pass, // the whole name, not a prefix
		"docs/pratiques/utilisation.md":      finding.Pass, // a folder is not-under's
		"docs/comment-utiliser-pratiques.md": finding.Pass,
	} {
		files := map[string]string{file: "# Outil\n\n## Utilisation\n\n" + prose + "\n"}
		if res := runOne(t, r, files); res.Status != want {
			t.Errorf("%s: %s, want %s", file, res.Status, want)
		}
	}
	bad := r
	bad.Evidence = []catalog.Evidence{{Kind: "section", Values: []string{"^usage"}, With: map[string][]string{"not-named": {"docs/pratiques"}}}}
	if err := compileErr(t, bad); !contains(err, `"docs/pratiques": expected one document name`) {
		t.Errorf("a path in not-named: %q", err)
	}
}

// TestSectionWithCode: with: {code: true} takes a section only with a
// command or a code block, and refuses one that only names what is needed.
func TestSectionWithCode(t *testing.T) {
	r := catalog.Rule{ID: "install", Severity: finding.Error, Evidence: []catalog.Evidence{
		{Kind: "section", Values: []string{"prerequisites"}, With: map[string][]string{"code": {"true"}}}}}
	named := "# Outil\n\n## Prerequisites\n\n" + prose + "\n"
	if res := runOne(t, r, map[string]string{"README.md": named}); res.Status != finding.Fail || !contains(res.Evidence[0].String(), "gives no command to run") {
		t.Errorf("prerequisites without a command: %s %+v", res.Status, res.Evidence)
	}
	if res := runOne(t, r, map[string]string{"README.md": named + "\n```sh\nmake deps\n```\n"}); res.Status != finding.Pass {
		t.Errorf("prerequisites with a command: %s %+v", res.Status, res.Evidence)
	}
	r.Evidence[0].With = map[string][]string{"code": {"oui"}}
	if err := compileErr(t, r); !contains(err, "expected true or false") {
		t.Errorf("error %q", err)
	}
}

// TestSectionWholeHeading: "^le projet$" takes the heading "Le projet" (and
// "2. Le projet"), never a heading that only holds the words.
func TestSectionWholeHeading(t *testing.T) {
	r := catalog.Rule{ID: "about", Severity: finding.Warning, Evidence: []catalog.Evidence{
		{Kind: "section", Values: []string{"^le projet$"}}}}
	for heading, want := range map[string]finding.Status{
		"Le projet":            finding.Pass,
		"2. Le projet":         finding.Pass,
		"Lancer le projet":     finding.Fail,
		"Le projet en local":   finding.Fail,
		"Contribuer au projet": finding.Fail,
	} {
		files := map[string]string{"README.md": "# Outil\n\n## " + heading + "\n\n" + prose + "\n"}
		if res := runOne(t, r, files); res.Status != want {
			t.Errorf("## %s: %s, want %s", heading, res.Status, want)
		}
	}
	r.Evidence[0].Values = []string{"le projet$"}
	if err := compileErr(t, r); !contains(err, "opens with ^") {
		t.Errorf("error %q", err)
	}
}

// TestSectionScore: every section that counts is scored on its heading,
// its length, its own text, its level and where it stands, and the verdict
// names the best one, whatever the order of the documents.
func TestSectionScore(t *testing.T) {
	usage := catalog.Rule{ID: "usage", Severity: finding.Error, Evidence: []catalog.Evidence{
		{Kind: "section", Values: []string{"utilisation", "^usage"}}}}
	long := strings.Repeat(prose+" ", 12)
	res := runOne(t, usage, map[string]string{
		// A sub-project's short, deep mention comes first in the tree.
		"app/README.md": "# App\n\n### Notes sur l'utilisation du cache\n\nLe cache se vide seul.\n",
		"README.md":     "# Outil\n\n## Guide\n\n### Conseils d'utilisation\n\nCliquez sur Exporter.\n\n## Utilisation\n\n" + long + "\n",
	})
	if res.Status != finding.Pass || len(res.Evidence) != 3 {
		t.Fatalf("%s %+v, want a pass with three sections", res.Status, res.Evidence)
	}
	want := []struct {
		place string
		score int
		why   string
	}{
		{"README.md:9", 8, "heading is the phrase +3, 360 words +2, text of its own +1, level 2 heading +1, at the root or in the docs +1"},
		{"README.md:5", 3, "heading holds the phrase +1, text of its own +1, at the root or in the docs +1"},
		{"app/README.md:3", 2, "heading holds the phrase +1, text of its own +1"},
	}
	for i, w := range want {
		e := res.Evidence[i]
		if e.Place() != w.place || e.Score != w.score || e.Why != w.why {
			t.Errorf("evidence %d: %s score %d (%s), want %s score %d (%s)", i, e.Place(), e.Score, e.Why, w.place, w.score, w.why)
		}
	}
	if !strings.Contains(res.Message, "README.md:9") {
		t.Errorf("the message does not name the best section: %s", res.Message)
	}
}
