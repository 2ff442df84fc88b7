package source

import (
	"errors"

	"github.com/go-git/go-git/v5"

	"github.com/passation/passation/internal/syserr"
)

// WorkTree returns the absolute root of the work tree around dir.
func WorkTree(dir string) (string, error) {
	r, err := git.PlainOpenWithOptions(dir, &git.PlainOpenOptions{DetectDotGit: true, EnableDotGitCommonDir: true})
	if errors.Is(err, git.ErrRepositoryNotExists) {
		if isBare(dir) {
			return "", openWords.Wrap(ErrBare, "bare", dir)
		}
		return "", openWords.Wrap(ErrNotRepository, "not-repo", dir)
	}
	if err != nil {
		return "", openWords.Wrap(err, "open", dir, syserr.Of(err))
	}
	wt, err := r.Worktree()
	if errors.Is(err, git.ErrIsBareRepository) {
		return "", openWords.Wrap(ErrBare, "bare", dir)
	}
	if err != nil {
		return "", openWords.Wrap(err, "open", dir, syserr.Of(err))
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
