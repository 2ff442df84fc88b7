package source

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/passation/passation/internal/finding"
)

// Repo is an opened git repository.
type Repo struct {
	Path string // as given by the user
	git  *git.Repository
}

// OpenRepo opens the repository containing dir: any folder inside a work
// tree, a linked worktree, or a bare repository. Objects borrowed through
// objects/info/alternates are read like the repository's own.
func OpenRepo(dir string) (*Repo, error) {
	r, err := git.PlainOpenWithOptions(dir, &git.PlainOpenOptions{DetectDotGit: true, EnableDotGitCommonDir: true})
	if errors.Is(err, git.ErrRepositoryNotExists) {
		return nil, fmt.Errorf("%s: %w", dir, ErrNotRepository)
	}
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", dir, err)
	}
	return &Repo{Path: dir, git: r}, nil
}

// Git gives the underlying go-git repository to the packages that read
// history or the index.
func (r *Repo) Git() *git.Repository { return r.git }

// Commit returns the tree of the commit that ref names ("" for HEAD).
func (r *Repo) Commit(ref string) (*CommitTree, error) {
	rev := ref
	if rev == "" {
		rev = "HEAD"
	}
	h, err := r.git.ResolveRevision(plumbing.Revision(rev))
	if err != nil {
		if ref == "" {
			if _, herr := r.git.Head(); errors.Is(herr, plumbing.ErrReferenceNotFound) {
				return nil, fmt.Errorf("%s: %w: commit something first", r.Path, ErrNoCommits)
			}
		}
		return nil, usagef(ErrUnknownRef, "%s: %q names no commit (expected a branch, tag or commit hash)", r.Path, rev)
	}
	c, err := r.git.CommitObject(*h)
	if err != nil {
		return nil, fmt.Errorf("%s: read commit %s: %w", r.Path, h, missing(err))
	}
	t, err := c.Tree()
	if err != nil {
		return nil, fmt.Errorf("%s: read tree of %s: %w", r.Path, h, missing(err))
	}
	abs, _ := filepath.Abs(r.Path)
	return &CommitTree{repo: r, tree: t, info: finding.Repository{Path: abs, Ref: rev, Commit: h.String(), Mode: "commit"}}, nil
}

func missing(err error) error {
	if errors.Is(err, plumbing.ErrObjectNotFound) {
		return ErrMissingObject
	}
	return err
}

// CommitTree is the tree of one commit.
type CommitTree struct {
	repo *Repo
	tree *object.Tree
	info finding.Repository
}

// Describe implements Tree.
func (t *CommitTree) Describe() finding.Repository { return t.info }

// Walk implements Tree. It decodes each tree object once and never reads a
// blob.
func (t *CommitTree) Walk(v Visitor) error {
	return t.walk(t.tree, "", v)
}

func (t *CommitTree) walk(tree *object.Tree, prefix string, v Visitor) error {
	for _, e := range tree.Entries {
		p := e.Name
		if prefix != "" {
			p = prefix + "/" + e.Name
		}
		switch e.Mode {
		case filemode.Dir:
			if !v.Dir(p) {
				continue
			}
			sub, err := t.repo.git.TreeObject(e.Hash)
			if err != nil {
				return fmt.Errorf("read folder %q: %w", p, missing(err))
			}
			if err := t.walk(sub, p, v); err != nil {
				return err
			}
		case filemode.Symlink:
			v.File(Entry{Path: p, Kind: Symlink, id: e.Hash})
		case filemode.Submodule:
			v.File(Entry{Path: p, Kind: Submodule, id: e.Hash})
		case filemode.Executable:
			v.File(Entry{Path: p, Kind: Executable, id: e.Hash})
		default:
			v.File(Entry{Path: p, Kind: File, id: e.Hash})
		}
	}
	return nil
}

// Read implements Tree.
func (t *CommitTree) Read(e Entry, max int64) ([]byte, bool, error) {
	if e.Kind != File && e.Kind != Executable {
		return nil, false, fmt.Errorf("%s: %w", e.Path, ErrNotReadable)
	}
	return readBlob(t.repo.git, e, max)
}

func readBlob(r *git.Repository, e Entry, max int64) ([]byte, bool, error) {
	b, err := r.BlobObject(plumbing.Hash(e.id))
	if err != nil {
		return nil, false, fmt.Errorf("%s: %w", e.Path, missing(err))
	}
	rd, err := b.Reader()
	if err != nil {
		return nil, false, fmt.Errorf("%s: %w", e.Path, missing(err))
	}
	defer rd.Close()
	data, err := io.ReadAll(io.LimitReader(rd, max))
	if err != nil {
		return nil, false, fmt.Errorf("%s: %w", e.Path, missing(err))
	}
	return data, b.Size > max, nil
}
