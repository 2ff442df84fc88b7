package source

import (
	"errors"
	"fmt"

	"github.com/go-git/go-git/v5"
)

// WorkTree returns the absolute root of the work tree around dir.
func WorkTree(dir string) (string, error) {
	r, err := git.PlainOpenWithOptions(dir, &git.PlainOpenOptions{DetectDotGit: true, EnableDotGitCommonDir: true})
	if errors.Is(err, git.ErrRepositoryNotExists) {
		if isBare(dir) {
			return "", fmt.Errorf("%s: %w: it has no work tree", dir, ErrBare)
		}
		return "", fmt.Errorf("%s: %w", dir, ErrNotRepository)
	}
	if err != nil {
		return "", fmt.Errorf("open %s: %w", dir, err)
	}
	wt, err := r.Worktree()
	if errors.Is(err, git.ErrIsBareRepository) {
		return "", fmt.Errorf("%s: %w: it has no work tree", dir, ErrBare)
	}
	if err != nil {
		return "", fmt.Errorf("open %s: %w", dir, err)
	}
	return wt.Filesystem.Root(), nil
}

// RemoteURL is the first address of the remote named "origin", "" when
// there is none. It may hold credentials: callers must not print it as is.
func (r *Repo) RemoteURL() string {
	rem, err := r.git.Remote("origin")
	if err != nil || len(rem.Config().URLs) == 0 {
		return ""
	}
	return rem.Config().URLs[0]
}
