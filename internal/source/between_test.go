package source_test

import (
	"strconv"
	"testing"

	"github.com/passation/passation/internal/testrepo"
)

// TestCommitsSinceCountsWhatGitCounts compares with git rev-list --count
// over a history with a merge, and says "unknown" for a commit the history
// does not hold.
func TestCommitsSinceCountsWhatGitCounts(t *testing.T) {
	r := testrepo.New(t)
	r.CommitFiles(map[string]string{"README.md": "one\n"})
	old := r.Git("rev-parse", "HEAD")
	r.Git("checkout", "-q", "-b", "feature")
	r.CommitFiles(map[string]string{"a.txt": "a\n"})
	r.CommitFiles(map[string]string{"b.txt": "b\n"})
	r.Git("checkout", "-q", "main")
	r.CommitFiles(map[string]string{"c.txt": "c\n"})
	r.Git("merge", "-q", "--no-ff", "-m", "merge feature", "feature")
	want := r.Git("rev-list", "--count", old+"..HEAD")

	tree := openCommit(t, r.Dir, "HEAD")
	n, known, err := tree.CommitsSince(old)
	if err != nil || !known {
		t.Fatalf("CommitsSince(%s) = %d, %v, %v: expected a known count", old, n, known, err)
	}
	if got := strconv.Itoa(n); got != want {
		t.Errorf("CommitsSince = %s, git rev-list --count says %s", got, want)
	}
	if n, known, _ := tree.CommitsSince(r.Git("rev-parse", "HEAD")); !known || n != 0 {
		t.Errorf("since itself: %d, %v; expected 0, known", n, known)
	}
	if _, known, err := tree.CommitsSince("0123456789abcdef0123456789abcdef01234567"); known || err != nil {
		t.Errorf("a commit not in the history: known %v, err %v; expected unknown, no error", known, err)
	}
	if _, known, _ := tree.CommitsSince(""); known {
		t.Error("no earlier commit: expected unknown")
	}
}
