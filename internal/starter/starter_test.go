package starter_test

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/passation/passation/internal/catalog"
	"github.com/passation/passation/internal/check"
	"github.com/passation/passation/internal/checktest"
	"github.com/passation/passation/internal/evidence"
	"github.com/passation/passation/internal/finding"
	"github.com/passation/passation/internal/starter"
	"github.com/passation/passation/internal/testrepo"
	"github.com/passation/passation/rules"
	"go.yaml.in/yaml/v3"
)

func embedded(t *testing.T) *catalog.Catalog {
	t.Helper()
	cat, err := catalog.Load(rules.FS)
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

// starterOf is the starter document the embedded catalogue gives a rule.
func starterOf(t *testing.T, id string) starter.Starter {
	t.Helper()
	r, _ := embedded(t).Rule(id)
	s, ok := starter.For(r)
	if !ok {
		t.Fatalf("no starter for %s", id)
	}
	return s
}

func checker(t *testing.T) *check.Checker {
	t.Helper()
	cat := embedded(t)
	c, err := check.Compile(cat.Rules, evidence.Default())
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// results checks a fresh repository holding files, as committed.
func results(t *testing.T, c *check.Checker, files map[string]string) map[string]finding.Result {
	t.Helper()
	r := testrepo.New(t).CommitFiles(files)
	tree := checktest.Commit(t, r.Dir, "")
	res, err := c.Run(tree, check.Options{})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]finding.Result{}
	for _, x := range res {
		out[x.Rule] = x
	}
	return out
}

var (
	braces   = regexp.MustCompile(`\{\{[^}]*\}\}`)
	brackets = regexp.MustCompile(`\[(?:À compléter|To be completed)[^\]]*\]`)
)

// fill does what a team does with a starter document: it replaces every
// placeholder with real text.
func fill(doc string) string {
	doc = braces.ReplaceAllString(doc, "agents du service instructeur de la direction")
	return brackets.ReplaceAllString(doc, "L'équipe décrit ici précisément ce point, avec les noms, les commandes et les dates utiles à ceux qui reprennent le projet après la fin du défi, étape par étape et sans rien supposer de ce qu'ils savent déjà du service, de ses outils ni de ses données.")
}

var base = map[string]string{"README.md": "# Outil\n"}

// TestStarterRoundTrip: a document created from a template and left as it
// is counts for nothing — its rule still fails and names it as a stub, and
// no other rule passes because of it — while the same document filled in
// passes its rule. In both languages, for every template.
func TestStarterRoundTrip(t *testing.T) {
	c := checker(t)
	before := results(t, c, base)
	cat := embedded(t)
	if err := starter.Check(cat.Rules); err != nil {
		t.Fatal(err)
	}
	if n := len(starter.Rules(cat.Rules)); n != 12 {
		t.Errorf("%d rules have a starter document, want 12", n)
	}
	for _, rule := range starter.Rules(cat.Rules) {
		for _, lang := range []string{"fr", "en"} {
			t.Run(rule+"/"+lang, func(t *testing.T) {
				t.Parallel()
				s := starterOf(t, rule)
				data, err := s.Render(lang, starter.Facts{Project: "outil"})
				if err != nil {
					t.Fatal(err)
				}
				p := s.PathIn(lang)
				files := map[string]string{p: string(data)}
				for k, v := range base {
					files[k] = v
				}
				got := results(t, c, files)
				res := got[rule]
				if res.Status != finding.Fail {
					t.Fatalf("unfilled %s: %s is %s, want fail (%+v)\n%s", p, rule, res.Status, res.Evidence, data)
				}
				stub := false
				for _, e := range res.Evidence {
					stub = stub || e.Path == p && (strings.Contains(e.Detail, "template left unfilled") || strings.Contains(e.Detail, "present but empty"))
				}
				if !stub {
					t.Errorf("unfilled %s is not reported as a stub: %+v", p, res.Evidence)
				}
				for id, r := range got {
					if r.Status == finding.Pass && before[id].Status != finding.Pass {
						t.Errorf("unfilled %s makes %s pass: %+v", p, id, r.Evidence)
					}
				}

				files[p] = fill(string(data))
				if strings.Contains(files[p], "{{") || strings.Contains(files[p], "compléter") || strings.Contains(files[p], "To be completed") {
					t.Fatalf("fill left a placeholder:\n%s", files[p])
				}
				if res := results(t, c, files)[rule]; res.Status != finding.Pass {
					t.Fatalf("filled %s: %s is %s, want pass (%+v)\n%s", p, rule, res.Status, res.Evidence, files[p])
				}
			})
		}
	}
}

func TestSustainabilityNoteFollowsTheProgrammesModel(t *testing.T) {
	s := starterOf(t, "sustainability-plan")
	data, err := s.Render("fr", starter.Facts{Project: "outil"})
	if err != nil {
		t.Fatal(err)
	}
	doc := string(data)
	last := -1
	for _, h := range []string{"## I. Contexte / travail accompli / résultats", "## II. Ressources nécessaires et opportunités",
		"## III. Scénarios / recommandations", "### Scénario d'arrêt", "## IV. Calendrier"} {
		i := strings.Index(doc, h)
		if i < 0 || i < last {
			t.Fatalf("note lacks %q in the model's order:\n%s", h, doc)
		}
		last = i
	}
}

func TestPubliccodeDraftFromDetectedFacts(t *testing.T) {
	s := starterOf(t, "publiccode")
	facts := starter.Facts{Project: "outil", URL: "https://github.com/etalab/outil", Licence: "EUPL-1.2",
		Maintainers:   []starter.Person{{Name: "Camille Martin", Email: "camille.martin@numerique.gouv.fr"}, {Email: "equipe@numerique.gouv.fr"}},
		Documentation: "https://github.com/etalab/outil/blob/HEAD/docs/manuel-utilisateur.md"}
	for _, lang := range []string{"fr", "en"} {
		data, err := s.Render(lang, facts)
		if err != nil {
			t.Fatal(err)
		}
		var pc struct {
			Version string `yaml:"publiccodeYmlVersion"`
			Name    string `yaml:"name"`
			URL     string `yaml:"url"`
			Legal   struct {
				License string `yaml:"license"`
			} `yaml:"legal"`
			Description map[string]struct {
				Documentation string `yaml:"documentation"`
			} `yaml:"description"`
			Maintenance struct {
				Contacts []struct{ Name, Email string } `yaml:"contacts"`
			} `yaml:"maintenance"`
		}
		if err := yaml.Unmarshal(data, &pc); err != nil {
			t.Fatalf("%s draft is not YAML: %v\n%s", lang, err, data)
		}
		if pc.Version != "0.4" || pc.Name != "outil" || pc.URL != facts.URL || pc.Legal.License != "EUPL-1.2" {
			t.Errorf("%s draft: %+v", lang, pc)
		}
		if pc.Description[lang].Documentation != facts.Documentation {
			t.Errorf("%s draft documentation = %q", lang, pc.Description[lang].Documentation)
		}
		if len(pc.Maintenance.Contacts) != 2 || pc.Maintenance.Contacts[0].Email != "camille.martin@numerique.gouv.fr" ||
			pc.Maintenance.Contacts[0].Name != "Camille Martin" || !strings.Contains(pc.Maintenance.Contacts[1].Name, "{{") {
			t.Errorf("%s draft contacts = %+v", lang, pc.Maintenance.Contacts)
		}
	}
	// Quotes and odd characters in detected values stay valid YAML.
	data, err := s.Render("fr", starter.Facts{Project: `a "b": {c}`, Maintainers: []starter.Person{{Name: `O'Brien: "x"`, Email: "o@b.fr"}}})
	if err != nil {
		t.Fatal(err)
	}
	var any map[string]any
	if err := yaml.Unmarshal(data, &any); err != nil {
		t.Fatalf("draft with odd characters is not YAML: %v\n%s", err, data)
	}
}

func TestDetectLicence(t *testing.T) {
	mit := "MIT License\n\nCopyright (c) 2026 DINUM\n\nPermission is hereby granted, free of charge, to any person obtaining a copy\nof this software and associated documentation files (the \"Software\"), to deal\nin the Software without restriction, including without limitation the rights\nto use, copy, modify, merge, publish, distribute, sublicense, and/or sell\ncopies of the Software, and to permit persons to whom the Software is\nfurnished to do so, subject to the following conditions:\n\nThe above copyright notice and this permission notice shall be included in all\ncopies or substantial portions of the Software.\n\nTHE SOFTWARE IS PROVIDED \"AS IS\", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR\nIMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,\nFITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE\nAUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER\nLIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,\nOUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE\nSOFTWARE.\n"
	// The Licence Ouverte 2.0, as the licence package's tests read it.
	data, err := os.ReadFile("../licence/testdata/etalab-2.0-fr.md")
	if err != nil {
		t.Fatal(err)
	}
	lo2 := string(data)
	cases := map[string]string{
		mit:                                      "MIT",
		"// SPDX-License-Identifier: EUPL-1.2\n": "EUPL-1.2",
		lo2:                                      "etalab-2.0",
		"Tous droits réservés.\n":                "",
		// A mention of the Licence Ouverte is no licence text.
		"Licence Ouverte / Open Licence version 2.0, Etalab\n": "",
	}
	for text, want := range cases {
		if got := starter.DetectLicence([]byte(text), t.TempDir()); got != want {
			t.Errorf("DetectLicence(%.30q) = %q, want %q", text, got, want)
		}
	}
}

func TestDetectMaintainers(t *testing.T) {
	text := "# Mainteneurs\n\n- **Camille Martin** (DINUM) <camille.martin@numerique.gouv.fr>\n- [Dominique Petit](mailto:dominique.petit@interieur.gouv.fr), développeur\n* contact : equipe@beta.gouv.fr\nPour toute question écrire à une adresse qui figure dans un long paragraphe de texte libre support@x.fr\nno-reply@example.org\n"
	got := starter.DetectMaintainers([]byte(text))
	want := []starter.Person{
		{Name: "Camille Martin", Email: "camille.martin@numerique.gouv.fr"},
		{Name: "Dominique Petit", Email: "dominique.petit@interieur.gouv.fr"},
		{Name: "contact", Email: "equipe@beta.gouv.fr"},
		{Name: "", Email: "support@x.fr"},
	}
	if len(got) != len(want) {
		t.Fatalf("DetectMaintainers = %+v, want %+v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("person %d = %+v, want %+v", i, got[i], want[i])
		}
	}
}

func TestRepositoryURL(t *testing.T) {
	cases := map[string]string{
		"git@github.com:etalab/outil.git":                  "https://github.com/etalab/outil",
		"https://github.com/etalab/outil.git":              "https://github.com/etalab/outil",
		"https://oauth2:glpat-SECRET@gitlab.com/a/b/c.git": "https://gitlab.com/a/b/c",
		"ssh://git@forge.example.org:2222/team/app.git":    "https://forge.example.org/team/app",
		"/srv/git/outil.git":                               "",
		"../outil":                                         "",
		"":                                                 "",
	}
	for in, want := range cases {
		if got := starter.RepositoryURL(in); got != want {
			t.Errorf("RepositoryURL(%q) = %q, want %q", in, got, want)
		}
		if strings.Contains(starter.RepositoryURL(in), "SECRET") {
			t.Errorf("credentials kept from %q", in)
		}
	}
	if got := starter.FileURL("https://gitlab.com/a/b", "docs/x.md"); got != "https://gitlab.com/a/b/-/blob/HEAD/docs/x.md" {
		t.Errorf("FileURL gitlab = %q", got)
	}
	if got := starter.FileURL("https://github.com/a/b", "docs/x.md"); got != "https://github.com/a/b/blob/HEAD/docs/x.md" {
		t.Errorf("FileURL github = %q", got)
	}
}

// TestCheckNamesAMissingTemplate: a rule file naming a template that does
// not exist is told where.
func TestCheckNamesAMissingTemplate(t *testing.T) {
	r := catalog.Rule{ID: "notes", Starter: &catalog.Starter{Template: "nope.md", Path: catalog.Text{EN: "NOTES.md", FR: "NOTES.md"}, Pos: catalog.Pos{File: "mine.yml", Line: 9, Col: 5}}}
	err := starter.Check([]catalog.Rule{r})
	if err == nil || !strings.Contains(err.Error(), "mine.yml:9:5") || !strings.Contains(err.Error(), "install.md") {
		t.Fatalf("err = %v", err)
	}
}
