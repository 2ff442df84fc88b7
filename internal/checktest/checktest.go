// Package checktest runs the checker on the repositories tests build,
// the way a check reads them: a commit's tree through internal/source.
package checktest

import (
	"testing"

	"github.com/passation/passation/internal/catalog"
	"github.com/passation/passation/internal/check"
	"github.com/passation/passation/internal/evidence"
	"github.com/passation/passation/internal/finding"
	"github.com/passation/passation/internal/source"
	"github.com/passation/passation/internal/testrepo"
	"github.com/passation/passation/rules"
)

// Embedded loads the embedded catalogue and compiles it with every kind
// of the evidence registry, as a check does.
func Embedded(t testing.TB) (*catalog.Catalog, *check.Checker) {
	t.Helper()
	cat, err := catalog.Load(rules.FS)
	if err != nil {
		t.Fatalf("embedded catalogue: %v", err)
	}
	c, err := check.Compile(cat.Rules, evidence.Default())
	if err != nil {
		t.Fatalf("compile: %v", err)
	}
	return cat, c
}

// Commit opens the repository at dir and returns the tree of ref ("" is
// HEAD). The repository is closed when the test ends; any error fails it.
func Commit(t testing.TB, dir, ref string) *source.CommitTree {
	t.Helper()
	repo, err := source.OpenRepo(dir)
	if err != nil {
		t.Fatalf("open %s: %v", dir, err)
	}
	t.Cleanup(func() { repo.Close() })
	tree, err := repo.Commit(ref)
	if err != nil {
		t.Fatalf("commit %q of %s: %v", ref, dir, err)
	}
	return tree
}

// Status runs c on a repository of files committed once and returns the
// verdict of one rule.
func Status(t testing.TB, c *check.Checker, files map[string]string, rule string) finding.Result {
	t.Helper()
	return StatusWith(t, c, files, rule, check.Options{})
}

// StatusWith is Status with the options of the run (Explain, Lang).
func StatusWith(t testing.TB, c *check.Checker, files map[string]string, rule string, opt check.Options) finding.Result {
	t.Helper()
	r := testrepo.New(t).CommitFiles(files)
	results, err := c.Run(Commit(t, r.Dir, ""), opt)
	if err != nil {
		t.Fatal(err)
	}
	for _, res := range results {
		if res.Rule == rule {
			return res
		}
	}
	t.Fatalf("rule %q not in results", rule)
	return finding.Result{}
}
