package source

import (
	"errors"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/plumbing/storer"
)

// MaxBetween bounds the commits CommitsSince visits on each side: far above
// a ten-month challenge, low enough that a huge history costs little.
const MaxBetween = 100_000

// CommitsSince counts the commits of this tree's history that the commit
// old does not have (git rev-list --count old..this). known is false when
// old is not in the fetched history — a shallow clone, a rewritten
// history — or either walk passed MaxBetween commits: the count is then
// unknown, not zero.
func (t *CommitTree) CommitsSince(old string) (n int, known bool, err error) {
	st := t.repo.git.Storer
	oldHash := plumbing.NewHash(old)
	if old == "" || oldHash.IsZero() {
		return 0, false, nil
	}
	if _, err := object.GetCommit(st, oldHash); err != nil {
		if errors.Is(err, plumbing.ErrObjectNotFound) {
			return 0, false, nil
		}
		return 0, false, err
	}
	seen, complete, err := ancestors(st, oldHash, nil)
	if err != nil || !complete {
		return 0, false, err
	}
	mine, complete, err := ancestors(st, t.Hash(), seen)
	if err != nil || !complete {
		return 0, false, err
	}
	// A history cut short below the new commits (a shallow clone) still
	// counts right as long as the walk met old's side.
	return len(mine), true, nil
}

// ancestors lists start and every commit it descends from, stopping at the
// commits of stop, at missing parents (the edge of a shallow clone) and
// after MaxBetween commits (complete is then false).
func ancestors(st storer.EncodedObjectStorer, start plumbing.Hash, stop map[plumbing.Hash]bool) (map[plumbing.Hash]bool, bool, error) {
	seen := map[plumbing.Hash]bool{}
	queue := []plumbing.Hash{start}
	for len(queue) > 0 {
		h := queue[len(queue)-1]
		queue = queue[:len(queue)-1]
		if seen[h] || stop[h] {
			continue
		}
		if len(seen) >= MaxBetween {
			return seen, false, nil
		}
		c, err := object.GetCommit(st, h)
		if errors.Is(err, plumbing.ErrObjectNotFound) {
			continue
		}
		if err != nil {
			return nil, false, err
		}
		seen[h] = true
		queue = append(queue, c.ParentHashes...)
	}
	return seen, true, nil
}
