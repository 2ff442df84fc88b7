package document_test

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/passation/passation/internal/checktest"
	"github.com/passation/passation/internal/document"
	"github.com/passation/passation/internal/pdftest"
	"github.com/passation/passation/internal/source"
	"github.com/passation/passation/internal/testrepo"
)

type entries map[string]source.Entry

func (es entries) Dir(string) bool     { return true }
func (es entries) File(e source.Entry) { es[e.Path] = e }

// The cache reads a PDF within the run's bounds: a file over the read cap
// is not read, nor one a partial clone left out, nor more than 40 in a run.
func TestCachePDFBounds(t *testing.T) {
	small := string(pdftest.FromText("# Guide\nOuvrez la page d'accueil et cliquez sur le bouton.\n", pdftest.Options{Outline: true}))
	files := map[string]string{
		"docs/big.pdf":  string(pdftest.Pages(20, pdftest.Options{Outline: true})),
		"docs/gone.pdf": small + "\n% another blob\n",
	}
	for i := 0; i < 41; i++ {
		files[fmt.Sprintf("docs/many/%02d.pdf", i)] = small
	}
	r := testrepo.New(t).CommitFiles(files)
	blob := r.Git("rev-parse", "HEAD:docs/gone.pdf")
	if err := os.Remove(filepath.Join(r.Dir, ".git", "objects", blob[:2], blob[2:])); err != nil {
		t.Fatal(err)
	}
	tree := checktest.Commit(t, r.Dir, "")
	es := entries{}
	if err := tree.Walk(es); err != nil {
		t.Fatal(err)
	}
	c := document.NewCache(tree, int64(len(small)+100))
	reason := func(p string) string {
		d, err := c.Get(es[p])
		if err != nil || d == nil {
			t.Fatalf("%s: %v, %v", p, d, err)
		}
		return d.Unreadable
	}
	if got := reason("docs/big.pdf"); got != document.PDFTooLarge {
		t.Errorf("big: %q, want %q", got, document.PDFTooLarge)
	}
	if got := reason("docs/gone.pdf"); got != document.PDFMissing {
		t.Errorf("gone: %q, want %q", got, document.PDFMissing)
	}
	var many []string
	for p := range es {
		if strings.HasPrefix(p, "docs/many/") {
			many = append(many, p)
		}
	}
	sort.Strings(many)
	for i, p := range many {
		want := ""
		if i == 40 {
			want = document.PDFTooMany
		}
		if got := reason(p); got != want {
			t.Errorf("%s: %q, want %q", p, got, want)
		}
	}
}
