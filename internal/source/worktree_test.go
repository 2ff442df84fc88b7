package source

import (
	"errors"
	"path/filepath"
	"testing"

	"github.com/passation/passation/internal/testrepo"
)

func TestWorkTree(t *testing.T) {
	t.Parallel()
	r := testrepo.New(t).CommitFiles(map[string]string{"docs/a.md": "# A\n"})
	same := func(a, b string) bool {
		ra, _ := filepath.EvalSymlinks(a)
		rb, _ := filepath.EvalSymlinks(b)
		return ra == rb && ra != ""
	}
	if got, err := WorkTree(filepath.Join(r.Dir, "docs")); err != nil || !same(got, r.Dir) {
		t.Errorf("WorkTree(docs) = %q, want %q", got, r.Dir)
	}
	linked := filepath.Join(t.TempDir(), "linked")
	r.Git("worktree", "add", "-q", linked)
	if got, err := WorkTree(linked); err != nil || !same(got, linked) {
		t.Errorf("WorkTree(linked worktree) = %q, want %q", got, linked)
	}
	bare := filepath.Join(t.TempDir(), "bare.git")
	r.Git("clone", "-q", "--bare", r.Dir, bare)
	if got, err := WorkTree(bare); !errors.Is(err, ErrBare) {
		t.Errorf("WorkTree(bare) = %q, %v; want ErrBare", got, err)
	}
}
