package evidence_test

import (
	"github.com/passation/passation/internal/typo"
	"os"
	"testing"

	"github.com/passation/passation/internal/catalog"
	"github.com/passation/passation/internal/check"
	"github.com/passation/passation/internal/checktest"
	"github.com/passation/passation/internal/evidence"
	"github.com/passation/passation/internal/finding"
	"github.com/passation/passation/internal/testrepo"
)

// No rule of the embedded catalogue asks for documentation kept elsewhere
// yet, so a rule of this test's own does: publiccode.yml's documentation
// and apiDocumentation URLs are evidence, shown as declared elsewhere.
func TestDocumentationDeclaredElsewhere(t *testing.T) {
	publiccode, err := os.ReadFile(fixturesDir + "/manifest-publiccode/publiccode.yml")
	if err != nil {
		t.Fatal(err)
	}
	rule := catalog.Rule{ID: "hosted-docs", Severity: finding.Warning,
		Evidence: []catalog.Evidence{{Kind: "manifest", Values: []string{"documentation"}}}}
	c, err := check.Compile([]catalog.Rule{rule}, evidence.Default())
	if err != nil {
		t.Fatal(err)
	}
	repo := testrepo.New(t).CommitFiles(map[string]string{"publiccode.yml": string(publiccode),
		"pyproject.toml": "[project]\nname = \"x\"\n\n[project.urls]\nDocumentation = \"https://x.example.org/docs\"\nHomepage = \"https://x.example.org\"\n"})
	tree := checktest.Commit(t, repo.Dir, "")
	results, err := c.Run(tree, check.Options{Lang: "fr"})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, e := range results[0].Evidence {
		got[render(e)] = true
	}
	for _, want := range []string{
		"publiccode.yml:18 (signalé ailleurs (description.fr.documentation) : https://doc.guichet-jeunes.example.gouv.fr)",
		"publiccode.yml:19 (signalé ailleurs (description.fr.apiDocumentation) : https://api.guichet-jeunes.example.gouv.fr/docs)",
		"pyproject.toml:5 (signalé ailleurs (urls.Documentation) : https://x.example.org/docs)",
	} {
		if want = typo.French(want); !got[want] {
			t.Errorf("missing evidence %q; got %v", want, got)
		}
	}
	if results[0].Status != finding.Pass || len(got) != 3 {
		t.Errorf("status %s with %d evidence, want pass with the 3 documentation links (not the homepage)", results[0].Status, len(got))
	}
}

// A manifest committed executable (mode 100755, as happens from a file
// system without permissions) is still the project's manifest.
func TestExecutableManifestIsRead(t *testing.T) {
	rule := catalog.Rule{ID: "people", Severity: finding.Warning,
		Evidence: []catalog.Evidence{{Kind: "manifest", Values: []string{"people"}}}}
	c, err := check.Compile([]catalog.Rule{rule}, evidence.Default())
	if err != nil {
		t.Fatal(err)
	}
	repo := testrepo.New(t).Write(map[string]string{
		"package.json": `{"name": "guichet", "author": "Camille Dupont <camille.dupont@example.gouv.fr>"}` + "\n"})
	if err := os.Chmod(repo.Dir+"/package.json", 0o755); err != nil {
		t.Fatal(err)
	}
	repo.Commit("executable manifest")
	if mode := repo.Git("ls-tree", "HEAD", "package.json"); mode[:6] != "100755" {
		t.Fatalf("package.json committed as %q, want mode 100755", mode)
	}
	tree := checktest.Commit(t, repo.Dir, "")
	results, err := c.Run(tree, check.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if results[0].Status != finding.Pass {
		t.Errorf("status %s (%v), want pass: the author of an executable package.json", results[0].Status, results[0].Evidence)
	}
}

// A person counts with a way to reach them: an organisation's home page is
// none, a profile page or an e-mail is; "contributor", the key written for
// npm's "contributors", is read too.
func TestManifestPeopleNeedAContact(t *testing.T) {
	_, c := checktest.Embedded(t)
	cases := map[string]finding.Status{
		`{"name": "x", "author": "INSEE (http://www.insee.fr)"}`:                               finding.Fail,
		`{"name": "x", "author": "Ministère de l'Exemple (https://www.example.gouv.fr/)"}`:     finding.Fail,
		`{"name": "x", "author": "Jeanne Martin (https://github.com/jeanne-martin)"}`:          finding.Pass,
		`{"name": "x", "author": "Jeanne Martin <jeanne@example.org>"}`:                        finding.Pass,
		`{"name": "x", "contributor": [{"name": "Paul Durand", "email": "paul@example.org"}]}`: finding.Pass,
	}
	for pkg, want := range cases {
		got := checktest.Status(t, c, map[string]string{"package.json": pkg, "README.md": "# Outil\n"}, "maintainer")
		if got.Status != want {
			t.Errorf("%s: %s, want %s (%v)", pkg, got.Status, want, got.Evidence)
		}
	}
}
