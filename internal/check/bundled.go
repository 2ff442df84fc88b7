package check

import (
	"regexp"
	"strings"

	"github.com/passation/passation/internal/document"
	"github.com/passation/passation/internal/manifest"
	"github.com/passation/passation/internal/source"
	"github.com/passation/passation/internal/textfold"
)

// Bundled copies of other projects often sit outside the usual vendor
// folders (october/, static/js/some-lib/). A folder is taken for one when it
// carries both its own package manifest and its own licence file, and that
// licence names a copyright holder the project's root licence does not (or
// the root's names none).

// projectMarks records, per folder, the licence files and manifests seen
// during the walk.
type projectMarks struct {
	licences  map[string][]source.Entry // folded folder → licence files
	manifests map[string]bool
}

func (m *projectMarks) observe(e source.Entry, dir, base string) {
	switch {
	case strings.HasPrefix(base, "license") || strings.HasPrefix(base, "licence") || strings.HasPrefix(base, "copying"):
		if m.licences == nil {
			m.licences = map[string][]source.Entry{}
		}
		m.licences[dir] = append(m.licences[dir], e)
	case manifest.Known(base) || base == "bower.json" || strings.HasSuffix(base, ".gemspec"):
		if m.manifests == nil {
			m.manifests = map[string]bool{}
		}
		m.manifests[dir] = true
	}
}

// copyrightLine is a copyright notice: "Copyright (c) 2016 Jeanne Martin".
// It needs a sign or a year, so that the prose of a licence text
// ("copyright on the Program, and are irrevocable…") names no holder.
var copyrightLine = regexp.MustCompile(`(?im)^\s*copyright\s*(?:(?:\(c\)|©)\s*(?:[0-9]{4}(?:\s*[-–,]\s*[0-9]{4})*,?)?|[0-9]{4}(?:\s*[-–,]\s*[0-9]{4})*,?)\s*(?:by\s+)?(.{3,80})$`)

// holders returns the significant words of the copyright holders named in
// a licence text, leaving out the licence's own publisher (the FSF for the
// GPL family) and template placeholders.
func holders(text string) map[string]bool {
	out := map[string]bool{}
	for _, m := range copyrightLine.FindAllStringSubmatch(text, -1) {
		h := textfold.Fold(m[1])
		if strings.Contains(h, "free software foundation") || strings.Contains(h, "<") ||
			strings.Contains(h, "notice") || strings.Contains(h, "holder") || strings.Contains(h, "[") {
			continue
		}
		for _, w := range textfold.Words(h) {
			if len(w) >= 4 && w != "rights" && w != "reserved" {
				out[w] = true
			}
		}
	}
	return out
}

// findBundled returns the folders that are copies of other projects.
func (r *run) findBundled() []string {
	m := &r.marks
	candidates := false
	for dir := range m.licences {
		candidates = candidates || (dir != "" && m.manifests[dir])
	}
	if !candidates {
		return nil // no licence is read when no folder could be a copy
	}
	rootHolders := map[string]bool{}
	for _, e := range m.licences[""] {
		if data, _, err := r.tree.Read(e, 64<<10); err == nil {
			if txt, ok := document.Decode(data); ok {
				for w := range holders(txt) {
					rootHolders[w] = true
				}
			}
		}
	}
	// A root licence that names no holder (a bare GPL text, or none at
	// all) cannot tell a component from a copy: then a folder whose own
	// licence names someone is a copy, as a reader would assume.
	var out []string
	for dir, files := range m.licences {
		if dir == "" || !m.manifests[dir] {
			continue
		}
		theirs := map[string]bool{}
		for _, e := range files {
			if data, _, err := r.tree.Read(e, 64<<10); err == nil {
				if txt, ok := document.Decode(data); ok {
					for w := range holders(txt) {
						theirs[w] = true
					}
				}
			}
		}
		shared := false
		for w := range theirs {
			shared = shared || rootHolders[w]
		}
		if len(theirs) > 0 && !shared {
			out = append(out, dir)
		}
	}
	return out
}

// dropBundled removes what lies in bundled folders from every match list.
func (r *run) dropBundled(dirs []string) {
	if len(dirs) == 0 {
		return
	}
	inside := func(p string) bool {
		fp := textfold.Fold(p)
		for _, d := range dirs {
			if strings.HasPrefix(fp, d+"/") {
				return true
			}
		}
		return false
	}
	for id, list := range r.matched {
		kept := list[:0]
		for _, e := range list {
			if !inside(e.Path) {
				kept = append(kept, e)
			}
		}
		r.matched[id] = kept
	}
	r.vendored = append(r.vendored, dirs...)
}
