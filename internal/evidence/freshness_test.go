package evidence_test

import (
	"testing"

	"github.com/passation/passation/internal/finding"
	"github.com/passation/passation/internal/testrepo"
)

// TestDocFreshnessWithoutCode: a repository of documents only has no code
// to lag behind; the pass names each document, never a bare fact.
func TestDocFreshnessWithoutCode(t *testing.T) {
	r := testrepo.New(t)
	r.CommitAt(at("2025-06-01"), alice, map[string]string{"INSTALL.md": install})
	res := runAt(t, r.Dir, "", "en")["doc-freshness"]
	if res.Status != finding.Pass || len(res.Evidence) == 0 {
		t.Fatalf("doc-freshness: %s %+v", res.Status, res.Evidence)
	}
	for _, e := range res.Evidence {
		if e.Path == "" {
			t.Errorf("a pass without a path: %+v", e)
		}
	}
	if want := "INSTALL.md (Installation guide: no code file in the history)"; res.Evidence[0].String() != want {
		t.Errorf("evidence %q, want %q", res.Evidence[0].String(), want)
	}
}
