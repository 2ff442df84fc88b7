package config

import (
	"path"
	"strings"

	"github.com/bmatcuk/doublestar/v4"
	"github.com/passation/passation/internal/source"
	"github.com/passation/passation/internal/textfold"
)

// Filter returns the tree without the paths the configuration ignores:
// nothing below them can satisfy a rule. The tree itself when nothing is
// ignored.
func (a *Applied) Filter(t source.Tree) source.Tree {
	if a.File == nil || len(a.File.Ignore) == 0 {
		return t
	}
	ig := &ignoring{Tree: t}
	for _, g := range a.File.Ignore {
		p := textfold.Fold(strings.TrimPrefix(strings.TrimSpace(g.Value), "./"))
		p = strings.TrimSuffix(p, "/")
		switch {
		case strings.HasPrefix(p, "/"):
			ig.anchored = append(ig.anchored, p[1:])
		case strings.Contains(p, "/"):
			ig.anchored = append(ig.anchored, p)
		default:
			// Like .gitignore: a name without "/" is ignored at any depth.
			ig.names = append(ig.names, p)
		}
	}
	return ig
}

// ignoring is a tree whose walk leaves out ignored folders and files;
// reading and describing are the tree's own.
type ignoring struct {
	source.Tree
	anchored []string // matched against the whole path
	names    []string // matched against the last element
}

func (ig *ignoring) Walk(v source.Visitor) error {
	return ig.Tree.Walk(&ignoringVisitor{v: v, ig: ig})
}

func (ig *ignoring) ignored(p string) bool {
	fp := textfold.Fold(p)
	base := path.Base(fp)
	for _, g := range ig.names {
		if doublestar.MatchUnvalidated(g, base) {
			return true
		}
	}
	for _, g := range ig.anchored {
		if doublestar.MatchUnvalidated(g, fp) {
			return true
		}
		// "archive/**" also means the folder itself.
		if d, ok := strings.CutSuffix(g, "/**"); ok && doublestar.MatchUnvalidated(d, fp) {
			return true
		}
	}
	return false
}

type ignoringVisitor struct {
	v  source.Visitor
	ig *ignoring
}

func (w *ignoringVisitor) Dir(p string) bool { return !w.ig.ignored(p) && w.v.Dir(p) }

func (w *ignoringVisitor) File(e source.Entry) {
	if !w.ig.ignored(e.Path) {
		w.v.File(e)
	}
}
