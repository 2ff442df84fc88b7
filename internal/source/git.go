package source

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"

	"github.com/go-git/go-billy/v5"
	"github.com/go-git/go-billy/v5/osfs"
	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/cache"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/plumbing/storer"
	"github.com/go-git/go-git/v5/storage"
	"github.com/go-git/go-git/v5/storage/filesystem"
	"github.com/passation/passation/internal/finding"
	"github.com/passation/passation/internal/syserr"
)

// Repo is an opened git repository.
type Repo struct {
	Path string // as given by the user, for messages
	// Root is the absolute path of the work tree (the linked worktree's
	// own folder for one), or of the repository itself when it is bare:
	// what reports name, whichever folder inside it the user stood in.
	Root    string
	git     *git.Repository
	storage *filesystem.Storage
	fs      billy.Filesystem // the .git folder, to open more readers
	// name, when set, is what reports call the repository instead of its
	// absolute path: the URL of a clone kept in a temporary folder.
	name string
}

// OpenRepo opens the repository containing dir: any folder inside a work
// tree, a linked worktree, or a bare repository. Objects borrowed through
// objects/info/alternates are read like the repository's own.
func OpenRepo(dir string) (*Repo, error) {
	r, err := git.PlainOpenWithOptions(dir, &git.PlainOpenOptions{DetectDotGit: true, EnableDotGitCommonDir: true})
	if errors.Is(err, git.ErrRepositoryNotExists) && isBare(dir) {
		r, err = git.PlainOpenWithOptions(dir, &git.PlainOpenOptions{})
	}
	if errors.Is(err, git.ErrRepositoryNotExists) {
		if dotGit := findDotGit(dir); dotGit != "" {
			// git itself refuses such a folder; reading the files on disk
			// instead would judge what is not committed.
			return nil, openWords.Errorf("broken", dotGit)
		}
		return nil, openWords.Wrap(ErrNotRepository, "not-repo", dir)
	}
	if err != nil {
		return nil, openWords.Wrap(err, "open", dir, syserr.Of(err))
	}
	root := dir
	if wt, err := r.Worktree(); err == nil {
		root = wt.Filesystem.Root()
	}
	if abs, err := filepath.Abs(root); err == nil {
		root = abs
	}
	// Reopen the same storage with the options a one-pass reader wants:
	// pack files kept open (go-git reopens them for every object otherwise),
	// a small object cache (trees are read once), and alternates resolved
	// from the file system root, where `git clone --shared` points them.
	st, ok := r.Storer.(*filesystem.Storage)
	if !ok {
		return &Repo{Path: dir, Root: root, git: r}, nil
	}
	fs := st.Filesystem()
	st = newStorage(fs)
	r, err = git.Open(st, nil)
	if err != nil {
		return nil, openWords.Wrap(err, "open", dir, syserr.Of(err))
	}
	return &Repo{Path: dir, Root: root, git: r, storage: st, fs: fs}, nil
}

// largeObject is the size above which go-git streams a blob from disk
// instead of decoding it whole in memory: Read takes only its first
// max bytes, so a 100 MB file costs no more than a small one.
const largeObject = 256 << 10

func newStorage(fs billy.Filesystem) *filesystem.Storage {
	return filesystem.NewStorageWithOptions(fs, cache.NewObjectLRU(8*cache.MiByte),
		filesystem.Options{KeepDescriptors: true, AlternatesFS: osfs.New("/"), LargeObjectThreshold: largeObject})
}

// findDotGit returns the nearest ".git" (folder or file) at or above dir,
// or "".
func findDotGit(dir string) string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return ""
	}
	for {
		p := filepath.Join(abs, ".git")
		if _, err := os.Lstat(p); err == nil {
			return p
		}
		parent := filepath.Dir(abs)
		if parent == abs {
			return ""
		}
		abs = parent
	}
}

// isBare reports whether dir looks like a bare repository (HEAD, objects/
// and refs/ at its top), which go-git's upward search for ".git" misses.
func isBare(dir string) bool {
	for _, name := range []string{"HEAD", "objects", "refs"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			return false
		}
	}
	return true
}

// Close releases the files the repository keeps open.
func (r *Repo) Close() error {
	if r.storage != nil {
		return r.storage.Close()
	}
	return nil
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
	h, err := r.resolve(rev)
	if err != nil {
		return nil, err
	}
	c, err := r.git.CommitObject(h)
	if err != nil {
		return nil, fmt.Errorf("%s: read commit %s: %w", r.Path, h, missing(err))
	}
	t, err := c.Tree()
	if err != nil {
		return nil, fmt.Errorf("%s: read tree of %s: %w", r.Path, h, missing(err))
	}
	return &CommitTree{repo: r, tree: t, info: finding.Repository{Path: r.displayName(), Ref: rev, Commit: h.String(), Mode: "commit"}}, nil
}

// resolve finds the commit rev names, and when there is none tells apart
// the three reasons: nothing is committed yet, the ref names nothing (the
// user's mistake: a usage error), or it names a commit the repository lacks
// (a damaged or partial clone: the repository cannot be read).
func (r *Repo) resolve(rev string) (plumbing.Hash, error) {
	h, err := r.git.ResolveRevision(plumbing.Revision(rev))
	if err == nil {
		return *h, nil
	}
	if target, ok := r.refTarget(rev); ok {
		if target.IsZero() {
			return plumbing.ZeroHash, openWords.Errorf("bad-hash", r.Path, rev)
		}
		return plumbing.ZeroHash, openWords.Wrap(ErrMissingObject, "missing-commit", r.Path, rev, target)
	}
	if r.unborn(rev) {
		return plumbing.ZeroHash, openWords.Wrap(ErrNoCommits, "no-commits", r.Path)
	}
	if shallow, _ := r.git.Storer.Shallow(); len(shallow) > 0 {
		return plumbing.ZeroHash, usagef(ErrUnknownRef, "%s: %q names no commit of this shallow clone (expected a branch, tag or commit hash within the fetched history; git fetch --unshallow fetches the rest)", r.Path, rev)
	}
	return plumbing.ZeroHash, usagef(ErrUnknownRef, "%s: %q names no commit (expected a branch, tag or commit hash)", r.Path, rev)
}

// refTarget looks rev up among the references, in git's order, and
// returns the commit it points to (annotated tags peeled when their object
// is there).
func (r *Repo) refTarget(rev string) (plumbing.Hash, bool) {
	for _, name := range []string{rev, "refs/" + rev, "refs/tags/" + rev, "refs/heads/" + rev, "refs/remotes/" + rev, "refs/remotes/" + rev + "/HEAD"} {
		ref, err := r.git.Reference(plumbing.ReferenceName(name), true)
		if err != nil || ref.Type() != plumbing.HashReference {
			continue
		}
		h := ref.Hash()
		if tag, err := r.git.TagObject(h); err == nil {
			h = tag.Target
		}
		return h, true
	}
	return plumbing.ZeroHash, false
}

// unborn reports whether rev cannot name a commit because there is none:
// HEAD on a branch not born yet, or any ref of a repository with no
// references at all.
func (r *Repo) unborn(rev string) bool {
	_, err := r.git.Head()
	if !errors.Is(err, plumbing.ErrReferenceNotFound) {
		return false
	}
	if rev == "HEAD" {
		return true
	}
	refs, err := r.git.References()
	if err != nil {
		return false
	}
	defer refs.Close()
	none := true
	_ = refs.ForEach(func(ref *plumbing.Reference) error {
		if ref.Type() == plumbing.HashReference {
			none = false
			return storer.ErrStop
		}
		return nil
	})
	return none
}

// displayName is what reports call the repository: the name given to a
// clone, else the root folder.
func (r *Repo) displayName() string {
	if r.name != "" {
		return r.name
	}
	return r.Root
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

// Hash is the checked commit, and Git its repository: what the history of
// the tree is read from.
func (t *CommitTree) Hash() plumbing.Hash { return plumbing.NewHash(t.info.Commit) }

// Store is the object storage of the commit's repository: what its
// history is read from (history.New).
func (t *CommitTree) Store() storage.Storer { return t.repo.git.Storer }

// Walk implements Tree. It never reads a blob. Tree objects are decoded
// ahead by parallel readers, each with its own storage (go-git's pack
// readers are not safe for concurrent use), while this goroutine visits the
// folders in a fixed depth-first order: the output is the same on every run.
func (t *CommitTree) Walk(v Visitor) error {
	workers := min(runtime.GOMAXPROCS(0), 4)
	if t.repo.fs == nil {
		workers = 0 // no file system to open more readers: decode inline
	}
	p := newPrefetcher(t.repo, workers)
	defer p.close()
	return t.walk(p, t.tree, "", v)
}

func (t *CommitTree) walk(p *prefetcher, tree *object.Tree, prefix string, v Visitor) error {
	type pending struct {
		path string
		fut  *future
	}
	var subs []pending
	for _, e := range tree.Entries {
		path := e.Name
		if prefix != "" {
			path = prefix + "/" + e.Name
		}
		switch e.Mode {
		case filemode.Dir:
			if v.Dir(path) {
				subs = append(subs, pending{path, p.request(e.Hash)})
			}
		case filemode.Symlink:
			v.File(Entry{Path: path, Kind: Symlink, id: e.Hash})
		case filemode.Submodule:
			v.File(Entry{Path: path, Kind: Submodule, id: e.Hash})
		case filemode.Executable:
			v.File(Entry{Path: path, Kind: Executable, id: e.Hash})
		default:
			v.File(Entry{Path: path, Kind: File, id: e.Hash})
		}
	}
	for _, s := range subs {
		sub, err := s.fut.wait()
		if err != nil {
			return fmt.Errorf("read folder %q: %w", s.path, missing(err))
		}
		if err := t.walk(p, sub, s.path, v); err != nil {
			return err
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
