package evidence_test

import (
	"strings"
	"testing"

	"github.com/passation/passation/internal/catalog"
	"github.com/passation/passation/internal/check"
	"github.com/passation/passation/internal/evidence"
	"github.com/passation/passation/internal/finding"
	"github.com/passation/passation/internal/pdftest"
)

const guide = `# Guide de l'utilisateur
Ce guide explique aux agents comment déposer, suivre et clore une demande dans l'application, écran par écran, avec les boutons à utiliser à chaque étape.
## Se connecter
Ouvrez la page d'accueil et cliquez sur « Se connecter ».
Responsable fonctionnel : Claire Martin
`

func pdfSectionRule(with map[string][]string) catalog.Rule {
	return catalog.Rule{ID: "user-manual", Group: "g", Severity: finding.Error,
		Evidence: []catalog.Evidence{{Kind: "section", Values: []string{"guide de l'utilisateur"}, MinWords: 20, With: with}}}
}

// The section kind reads a PDF's bookmarks and text when the rule says
// so and the PDF's name says it is documentation, and leaves PDFs aside
// otherwise.
func TestSectionReadsPDFs(t *testing.T) {
	files := map[string]string{
		"README.md":              "# Outil\n\nUn outil.\n",
		"docs/Guide.pdf":         string(pdftest.FromText(guide, pdftest.Options{Outline: true})),
		"docs/Notice cassée.pdf": string(pdftest.FromText(guide, pdftest.Options{})[:300]),
		// A report, by its name: its headings are not the project's guides.
		"docs/Rapport-2024.pdf": string(pdftest.FromText(guide, pdftest.Options{Outline: true})),
		"build/Autre.pdf":       string(pdftest.FromText(guide, pdftest.Options{Outline: true})),
		"docs/old/Guide.pdf":    "",
	}
	got := runOne(t, pdfSectionRule(map[string][]string{"pdf": {"true"}}), files)
	if got.Status != finding.Pass || len(got.Evidence) != 1 || render(got.Evidence[0]) != `docs/Guide.pdf (section "Guide de l'utilisateur")` {
		t.Fatalf("with pdf: got %s %+v", got.Status, got.Evidence)
	}
	got = runOne(t, pdfSectionRule(nil), files)
	if got.Status != finding.Fail || len(got.Evidence) != 0 {
		t.Fatalf("without pdf: got %s %+v", got.Status, got.Evidence)
	}
	// Only a damaged PDF: refused, saying why.
	delete(files, "docs/Guide.pdf")
	got = runOne(t, pdfSectionRule(map[string][]string{"pdf": {"true"}}), files)
	if got.Status != finding.Fail || len(got.Evidence) != 2 || !strings.Contains(render(got.Evidence[0])+render(got.Evidence[1]), "docs/Notice cassée.pdf (PDF not read: damaged, encrypted, or made to slow a reader down)") {
		t.Fatalf("damaged: got %s %+v", got.Status, got.Evidence)
	}
	bad := pdfSectionRule(map[string][]string{"pdf": {"yes"}})
	if _, err := check.Compile([]catalog.Rule{bad}, evidence.Default()); err == nil || !strings.Contains(err.Error(), "with pdf: expected true or false") {
		t.Fatalf("pdf: yes: %v", err)
	}
}

// A content rule reads a PDF it names for its text; its lines have no
// number.
func TestContentReadsPDFs(t *testing.T) {
	r := contentRule([]string{`(?i)^responsable fonctionnel\s*:\s*\S`}, []string{"docs/*.pdf"})
	got := runOne(t, r, map[string]string{"docs/Guide.pdf": string(pdftest.FromText(guide, pdftest.Options{}))})
	want := finding.Evidence{Path: "docs/Guide.pdf", Detail: `line matching "(?i)^responsable fonctionnel\\s*:\\s*\\S"`}
	if got.Status != finding.Pass || len(got.Evidence) != 1 || got.Evidence[0] != want {
		t.Fatalf("got %s %+v, want pass with %+v", got.Status, got.Evidence, want)
	}
}
