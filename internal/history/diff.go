package history

import (
	"fmt"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// diffState is what comparing one commit with its first parent found.
type diffState struct {
	resolved []string // pending paths this commit changed
	code     bool     // it changed a code file
}

// compare records what commit c changed against its first parent (nil for a
// root commit): the last change of pending paths, and whether code changed.
// Only folders that hold a pending path, or that may hold code while no code
// change is found yet, are opened; equal subtrees are never read.
func (w *walker) compare(c, parent *object.Commit) error {
	var base plumbing.Hash
	if parent != nil {
		base = parent.TreeHash
	}
	if base == c.TreeHash {
		return nil
	}
	var d diffState
	if err := w.diffTrees(c.TreeHash, base, "", &d); err != nil {
		return err
	}
	change := Change{Commit: w.commit(c), Commits: w.commits}
	for _, p := range d.resolved {
		w.facts.Changes[p] = change
		delete(w.pending, p)
		for dir := parentDir(p); dir != ""; dir = parentDir(dir) {
			w.under[dir]--
		}
		w.under[""]--
	}
	if d.code && w.facts.Code == nil {
		code := change
		w.facts.Code = &code
	}
	w.trees.age()
	return nil
}

// diffTrees compares the trees a (the commit's) and b (its parent's; zero
// for none) under dir.
func (w *walker) diffTrees(a, b plumbing.Hash, dir string, d *diffState) error {
	ta, err := w.trees.get(w, a)
	if err != nil {
		return err
	}
	tb, err := w.trees.get(w, b)
	if err != nil {
		return err
	}
	wantCode := w.req.IsCode != nil && w.facts.Code == nil && !d.code
	i, j := 0, 0
	for i < len(ta.Entries) || j < len(tb.Entries) {
		var ea, eb *object.TreeEntry
		switch {
		case j >= len(tb.Entries):
			ea = &ta.Entries[i]
			i++
		case i >= len(ta.Entries):
			eb = &tb.Entries[j]
			j++
		default:
			switch c := strings.Compare(sortKey(&ta.Entries[i]), sortKey(&tb.Entries[j])); {
			case c == 0:
				ea, eb = &ta.Entries[i], &tb.Entries[j]
				i++
				j++
			case c < 0:
				ea = &ta.Entries[i]
				i++
			default:
				eb = &tb.Entries[j]
				j++
			}
		}
		if ea != nil && eb != nil && ea.Hash == eb.Hash && ea.Mode == eb.Mode {
			continue
		}
		name := ""
		if ea != nil {
			name = ea.Name
		} else {
			name = eb.Name
		}
		p := name
		if dir != "" {
			p = dir + "/" + name
		}
		if isDir(ea) || isDir(eb) {
			if w.under[p] == 0 && (!wantCode || d.code || (w.req.SkipDir != nil && w.req.SkipDir(p))) {
				continue
			}
			var ha, hb plumbing.Hash
			if isDir(ea) {
				ha = ea.Hash
			}
			if isDir(eb) {
				hb = eb.Hash
			}
			if err := w.diffTrees(ha, hb, p, d); err != nil {
				return err
			}
			continue
		}
		if isSubmodule(ea) || isSubmodule(eb) {
			continue
		}
		if w.pending[p] {
			d.resolved = append(d.resolved, p)
		}
		if wantCode && !d.code && w.req.IsCode(p) {
			d.code = true
		}
	}
	return nil
}

func isDir(e *object.TreeEntry) bool       { return e != nil && e.Mode == filemode.Dir }
func isSubmodule(e *object.TreeEntry) bool { return e != nil && e.Mode == filemode.Submodule }

// sortKey is how git orders tree entries: a folder as if its name ended
// with "/".
func sortKey(e *object.TreeEntry) string {
	if e.Mode == filemode.Dir {
		return e.Name + "/"
	}
	return e.Name
}

// treeCache keeps the trees decoded for the last commits: a commit's parent
// is usually the next commit walked, and its trees are then read again.
// Two generations bound it without bookkeeping.
type treeCache struct {
	cur, old map[plumbing.Hash]*object.Tree
}

const treeCacheSize = 1024

var emptyTree = &object.Tree{}

func newTreeCache() *treeCache {
	return &treeCache{cur: map[plumbing.Hash]*object.Tree{}, old: map[plumbing.Hash]*object.Tree{}}
}

func (tc *treeCache) get(w *walker, h plumbing.Hash) (*object.Tree, error) {
	if h.IsZero() {
		return emptyTree, nil
	}
	if t, ok := tc.cur[h]; ok {
		return t, nil
	}
	t, ok := tc.old[h]
	if !ok {
		var err error
		if t, err = object.GetTree(w.store, h); err != nil {
			return nil, fmt.Errorf("read tree %s: %w", h, err)
		}
	}
	tc.cur[h] = t
	return t, nil
}

// age starts a new generation when the current one is full.
func (tc *treeCache) age() {
	if len(tc.cur) >= treeCacheSize {
		tc.old, tc.cur = tc.cur, make(map[plumbing.Hash]*object.Tree, treeCacheSize)
	}
}
