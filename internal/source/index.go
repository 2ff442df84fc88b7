package source

import (
	"errors"
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/format/index"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/passation/passation/internal/finding"
	"github.com/passation/passation/internal/syserr"
)

// Index stages as git writes them. go-git's index.Merged constant is 1, but
// the decoder stores the raw stage bits, which are 0 for a merged entry.
const (
	stageMerged = 0
	stageOurs   = 2
)

// IndexTree is what the next commit would contain: the entries of the git
// index (the staging area). It reads only the index file and, when a rule
// needs it, the blobs the index names; it never hashes the work tree.
type IndexTree struct {
	repo    *Repo
	entries []indexEntry // sorted by path, one per path
	// head is the commit the next one would follow; zero before the first.
	head      plumbing.Hash
	conflicts []string
	info      finding.Repository
}

type indexEntry struct {
	path string
	mode filemode.FileMode
	hash plumbing.Hash
}

// Index opens the index of the repository. indexFile, when not empty,
// names another index file to read instead of the repository's own, as git
// does with GIT_INDEX_FILE while it runs a pre-commit hook for "git commit
// -a" or "git commit PATH": that file is what will be committed.
func (r *Repo) Index(indexFile string) (*IndexTree, error) {
	idx, err := r.readIndex(indexFile)
	if err != nil {
		return nil, err
	}
	t := &IndexTree{repo: r}
	t.info = finding.Repository{Path: r.displayName(), Mode: "index"}
	if ref, err := r.git.Head(); err == nil {
		t.head = ref.Hash()
		t.info.Commit = ref.Hash().String()
	} else if !errors.Is(err, plumbing.ErrReferenceNotFound) {
		return nil, fmt.Errorf("%s: read HEAD: %w", r.Path, err)
	}
	t.entries, t.conflicts = effective(idx.Entries)
	return t, nil
}

func (r *Repo) readIndex(indexFile string) (*index.Index, error) {
	var (
		idx  *index.Index
		err  error
		name = indexFile
	)
	if indexFile == "" {
		name = "the index"
		idx, err = r.git.Storer.Index()
	} else {
		idx = &index.Index{}
		var f *os.File
		if f, err = os.Open(indexFile); err == nil {
			err = index.NewDecoder(f).Decode(idx)
			f.Close()
		}
	}
	switch {
	case errors.Is(err, index.ErrUnknownExtension):
		return nil, openWords.Wrap(err, "index-format", r.Path, name, syserr.Of(err))
	case err != nil:
		return nil, openWords.Wrap(err, "index-read", r.Path, name, syserr.Of(err))
	}
	return idx, nil
}

// effective keeps one entry per path, the one the next commit would hold.
// An unmerged path (a merge conflict: stages 1 to 3) is judged as "ours"
// (stage 2), the side the commit is made on, and listed among the
// conflicts; git itself refuses to commit until they are resolved. Entries
// added with "git add -N" only announce a file and are left out, as git
// leaves them out of the commit.
func effective(all []*index.Entry) ([]indexEntry, []string) {
	out := make([]indexEntry, 0, len(all))
	var conflicts []string
	for _, e := range all {
		switch {
		case e.IntentToAdd:
			continue
		case e.Stage == stageMerged, e.Stage == stageOurs:
			out = append(out, indexEntry{path: e.Name, mode: e.Mode, hash: e.Hash})
		}
		if e.Stage != stageMerged && (len(conflicts) == 0 || conflicts[len(conflicts)-1] != e.Name) {
			conflicts = append(conflicts, e.Name)
		}
	}
	// Git keeps the index sorted; sorting again costs little and makes the
	// walk's folder grouping independent of whoever wrote the file.
	if !sort.SliceIsSorted(out, func(i, j int) bool { return out[i].path < out[j].path }) {
		sort.SliceStable(out, func(i, j int) bool { return out[i].path < out[j].path })
	}
	sort.Strings(conflicts)
	return out, conflicts
}

// Describe implements Tree. Commit is the commit the next one would follow
// (empty before the first commit).
func (t *IndexTree) Describe() finding.Repository { return t.info }

// Conflicts lists the paths left unmerged by a merge, sorted.
func (t *IndexTree) Conflicts() []string { return t.conflicts }

// Walk implements Tree. The index is a sorted list of paths: folders are
// announced to the visitor when the walk enters them, and a folder the
// visitor declines is skipped whole.
func (t *IndexTree) Walk(v Visitor) error {
	var open []string // folders entered, outermost first
	skip := ""        // a declined folder, with its trailing "/"
	for _, e := range t.entries {
		if skip != "" && strings.HasPrefix(e.path, skip) {
			continue
		}
		skip = ""
		dir := ""
		if i := strings.LastIndexByte(e.path, '/'); i >= 0 {
			dir = e.path[:i]
		}
		// Leave the folders this entry is not in.
		for len(open) > 0 && !within(dir, open[len(open)-1]) {
			open = open[:len(open)-1]
		}
		// Enter the folders between the innermost open one and the entry.
		declined := false
		for len(open) == 0 && dir != "" || len(open) > 0 && open[len(open)-1] != dir {
			next := dir
			if len(open) > 0 {
				base := open[len(open)-1] + "/"
				if i := strings.IndexByte(dir[len(base):], '/'); i >= 0 {
					next = dir[:len(base)+i]
				}
			} else if i := strings.IndexByte(dir, '/'); i >= 0 {
				next = dir[:i]
			}
			if !v.Dir(next) {
				skip, declined = next+"/", true
				break
			}
			open = append(open, next)
		}
		if declined {
			continue
		}
		t.visit(e, v)
	}
	return nil
}

// within reports whether folder dir is folder parent or below it.
func within(dir, parent string) bool {
	return dir == parent || strings.HasPrefix(dir, parent+"/")
}

func (t *IndexTree) visit(e indexEntry, v Visitor) {
	switch e.mode {
	case filemode.Symlink:
		v.File(Entry{Path: e.path, Kind: Symlink, id: e.hash})
	case filemode.Submodule:
		v.File(Entry{Path: e.path, Kind: Submodule, id: e.hash})
	case filemode.Executable:
		v.File(Entry{Path: e.path, Kind: Executable, id: e.hash})
	default:
		v.File(Entry{Path: e.path, Kind: File, id: e.hash})
	}
}

// Read implements Tree: the staged content, from the object store, where
// "git add" wrote it.
func (t *IndexTree) Read(e Entry, max int64) ([]byte, bool, error) {
	if e.Kind != File && e.Kind != Executable {
		return nil, false, fmt.Errorf("%s: %w", e.Path, ErrNotReadable)
	}
	return readBlob(t.repo.git, e, max)
}

// ChangeKind says how a staged path differs from HEAD.
type ChangeKind uint8

// Staged change kinds.
const (
	Added ChangeKind = iota + 1
	Modified
	Deleted
)

func (k ChangeKind) String() string {
	switch k {
	case Added:
		return "added"
	case Modified:
		return "modified"
	case Deleted:
		return "deleted"
	}
	return "unknown"
}

// Changed compares the index with HEAD by hash and mode, for the given
// paths only, without reading any blob: how the next commit changes each
// of them, as "git diff --cached" would say. Unchanged paths are left out.
// Only the HEAD folders on the way to each path are decoded, so asking
// about the few files a report names costs nothing on a large tree.
func (t *IndexTree) Changed(paths []string) (map[string]ChangeKind, error) {
	out := map[string]ChangeKind{}
	var head *object.Tree
	if !t.head.IsZero() && len(paths) > 0 {
		c, err := t.repo.git.CommitObject(t.head)
		if err != nil {
			return nil, fmt.Errorf("%s: read HEAD commit: %w", t.repo.Path, missing(err))
		}
		if head, err = c.Tree(); err != nil {
			return nil, fmt.Errorf("%s: read HEAD tree: %w", t.repo.Path, missing(err))
		}
	}
	for _, p := range paths {
		i := sort.Search(len(t.entries), func(i int) bool { return t.entries[i].path >= p })
		staged := i < len(t.entries) && t.entries[i].path == p
		var committed *object.TreeEntry
		if head != nil {
			e, err := t.findEntry(head, p)
			switch {
			case err == nil:
				committed = e
			case errors.Is(err, object.ErrEntryNotFound), errors.Is(err, object.ErrDirectoryNotFound):
			default:
				return nil, fmt.Errorf("%s: look up %q in HEAD: %w", t.repo.Path, p, missing(err))
			}
		}
		switch {
		case staged && committed == nil:
			out[p] = Added
		case !staged && committed != nil:
			out[p] = Deleted
		case staged && (committed.Hash != t.entries[i].hash || committed.Mode != t.entries[i].mode):
			out[p] = Modified
		}
	}
	return out, nil
}

// findEntry is Tree.FindEntry without its path validation: go-git refuses
// names with control characters, which git itself commits, and a check must
// still read such a repository.
func (t *IndexTree) findEntry(tree *object.Tree, p string) (*object.TreeEntry, error) {
	parts := strings.Split(p, "/")
	for i, name := range parts {
		var found *object.TreeEntry
		for k := range tree.Entries {
			if tree.Entries[k].Name == name {
				found = &tree.Entries[k]
				break
			}
		}
		switch {
		case found == nil && i < len(parts)-1:
			return nil, object.ErrDirectoryNotFound
		case found == nil:
			return nil, object.ErrEntryNotFound
		case i == len(parts)-1:
			return found, nil
		case found.Mode != filemode.Dir:
			return nil, object.ErrDirectoryNotFound
		}
		sub, err := t.repo.git.TreeObject(found.Hash)
		if err != nil {
			return nil, err
		}
		tree = sub
	}
	return nil, object.ErrEntryNotFound
}
