// Package globset compiles every file pattern of every rule once and matches
// them all in one pass over a tree: folder parts once per folder, name parts
// once per file, cheap literal and extension checks before any glob.
package globset

import (
	"path"
	"strings"

	"github.com/bmatcuk/doublestar/v4"
	"github.com/passation/passation/internal/i18n"
	"github.com/passation/passation/internal/textfold"
)

// Places are the folders where a reader looks for project documents. A
// pattern without "/" is looked for in each of them.
var Places = []string{"", "docs", "doc", "documentation", ".github"}

// glob is one folded pattern, split so that the folder part is matched once
// per folder and only the name part once per file.
type glob struct {
	id   int    // the pattern as written; several expansions share it
	dir  string // folder pattern; "" matches the root only
	base string // file name pattern
	full string // whole-path pattern, when the name part spans folders (**)
	lit  string // a literal the name must contain: a cheap pre-filter
	// exts, when set, are the only extensions the name can end with; with
	// anyName the pattern is just "*.{exts}" and needs no further matching.
	exts    map[string]bool
	anyName bool
	// exact, when set, is the whole name: compared, not matched.
	exact string
	// below: the pattern was "dir/**": a file anywhere below a folder that
	// matches dir.
	below bool
	// dirLit is a literal every matching folder path contains.
	dirLit string
	// dirAlts are literals of which a matching folder path contains one,
	// one per alternative of the folder pattern's braces
	// ("**/{docs,doc}": "docs", "doc"); nil when one alternative has none.
	dirAlts []string
	// index is the glob's position in its set.
	index int
}

// Set compiles every pattern of every rule once and matches them all in
// one pass over the tree.
type Set struct {
	globs []glob
	// byDir holds the globs whose folder part is a plain path; wild the
	// ones whose folder part must be matched.
	byDir   map[string][]*glob
	wild    []*glob
	ids     map[string]int // pattern as written → id
	written []string
}

// New returns an empty set.
func New() *Set { return &Set{ids: map[string]int{}} }

// Add compiles a pattern (folded: case and accents do not matter) and returns
// its id. Patterns without "/" are looked for in the usual places; a leading
// "/" anchors a pattern at the root; "X/**" means every file below X.
// words are the problem of a pattern, in both languages.
var words = i18n.Text{
	"invalid": {"invalid file pattern %q: expected a relative glob such as docs/*.md or **/README*", "motif de fichier « %s » non valide : attendu un motif relatif tel que docs/*.md ou **/README*"},
}

func (s *Set) Add(pattern string) (int, error) {
	p := textfold.Fold(strings.TrimPrefix(strings.TrimSpace(pattern), "./"))
	if id, ok := s.ids[p]; ok {
		return id, nil
	}
	rooted := strings.HasPrefix(p, "/")
	body := strings.TrimPrefix(p, "/")
	if body == "" || strings.HasPrefix(body, "/") || !doublestar.ValidatePattern(body) {
		return 0, words.Errorf("invalid", pattern)
	}
	id := len(s.written)
	s.ids[p] = id
	s.written = append(s.written, pattern)
	switch {
	case !strings.Contains(body, "/") && rooted:
		s.globs = append(s.globs, nameGlobs(id, "", body)...)
	case !strings.Contains(body, "/"):
		for _, place := range Places {
			s.globs = append(s.globs, nameGlobs(id, place, body)...)
		}
	case strings.HasSuffix(body, "/**"):
		for _, g := range nameGlobs(id, strings.TrimSuffix(body, "/**"), "*") {
			g.below = true
			s.globs = append(s.globs, g)
		}
	default:
		dir, base := path.Split(body)
		if strings.Contains(base, "**") {
			s.globs = append(s.globs, glob{id: id, full: body})
		} else {
			s.globs = append(s.globs, nameGlobs(id, strings.TrimSuffix(dir, "/"), base)...)
		}
	}
	return id, nil
}

// nameGlobs compiles a file name pattern into one or more globs: a final
// ".{a,b}" becomes an extension set checked with one map lookup, and other
// alternatives are expanded so each gets its own literal pre-filter. This
// keeps doublestar's costly alternative matching off the per-file path.
func nameGlobs(id int, dir, base string) []glob {
	var exts map[string]bool
	stem := base
	if i := strings.LastIndex(base, "."); i >= 0 {
		ext := base[i+1:]
		alts := []string{ext}
		if strings.HasPrefix(ext, "{") && strings.HasSuffix(ext, "}") {
			alts = strings.Split(ext[1:len(ext)-1], ",")
		}
		plain := true
		for _, a := range alts {
			plain = plain && a != "" && !strings.ContainsAny(a, "*?[]{}\\/.")
		}
		if plain && !strings.ContainsAny(base[:i], "{}") || plain && balanced(base[:i]) {
			exts = map[string]bool{}
			for _, a := range alts {
				exts[a] = true
			}
			stem = base[:i]
		}
	}
	var out []glob
	for _, st := range expandBraces(stem, 64) {
		g := glob{id: id, dir: dir, base: st, exts: exts}
		if exts != nil {
			g.base = st + ".*"
			g.anyName = st == "*"
		}
		if !strings.ContainsAny(g.base, "*?[]{}\\") {
			g.exact = g.base
		}
		g.lit = literal(g.base)
		out = append(out, g)
	}
	return out
}

// balanced reports whether every "{" of s is closed within s.
func balanced(s string) bool {
	depth := 0
	for _, c := range s {
		switch c {
		case '{':
			depth++
		case '}':
			depth--
			if depth < 0 {
				return false
			}
		}
	}
	return depth == 0
}

// expandBraces expands "{a,b}" alternatives (nested too) into plain
// patterns, unless that would give more than limit patterns.
func expandBraces(p string, limit int) []string {
	open := strings.IndexByte(p, '{')
	if open < 0 {
		return []string{p}
	}
	depth, close := 0, -1
	var commas []int
	for i := open; i < len(p) && close < 0; i++ {
		switch p[i] {
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 {
				close = i
			}
		case ',':
			if depth == 1 {
				commas = append(commas, i)
			}
		case '\\':
			i++
		}
	}
	if close < 0 {
		return []string{p}
	}
	var alts []string
	prev := open + 1
	for _, c := range commas {
		alts = append(alts, p[prev:c])
		prev = c + 1
	}
	alts = append(alts, p[prev:close])
	var out []string
	for _, a := range alts {
		for _, rest := range expandBraces(p[:open]+a+p[close+1:], limit) {
			out = append(out, rest)
			if len(out) > limit {
				return []string{p}
			}
		}
	}
	return out
}

// AddAll compiles several patterns and returns their ids, in order.
func (s *Set) AddAll(patterns []string) ([]int, error) {
	ids := make([]int, 0, len(patterns))
	for _, p := range patterns {
		id, err := s.Add(p)
		if err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, nil
}

// literal returns the longest run of plain characters outside any
// alternative or class: every name the pattern matches contains it.
func literal(p string) string {
	best, cur, depth := "", strings.Builder{}, 0
	flush := func() {
		if cur.Len() > len(best) {
			best = cur.String()
		}
		cur.Reset()
	}
	for i := 0; i < len(p); i++ {
		switch c := p[i]; c {
		case '{', '[':
			depth++
			flush()
		case '}', ']':
			depth--
			flush()
		case '*', '?', '\\', '/':
			// "/" may vanish where "**" matches no folder: never required.
			flush()
			if c == '\\' {
				i++
			}
		default:
			if depth == 0 {
				cur.WriteByte(c)
			}
		}
	}
	flush()
	return best
}

// dirMatcher holds the globs that apply in one folder, sorted so that a
// file costs one map lookup on its extension and a few literal checks.
type dirMatcher struct {
	byExt map[string][]*glob // extension → globs that require it
	other []*glob            // name globs with no extension requirement
	full  []*glob            // whole-path globs (a ** in the name part)
	// byName remembers which name globs a file name matched: the folders
	// that share this matcher repeat their names (index.js, README.md,
	// __init__.py), and a name's answer is the same in each.
	byName map[string][]int
}

// maxNames bounds the names one matcher remembers, so that memory stays
// bounded on a tree of unique names; past it, names are matched each time.
const maxNames = 1 << 14

// forDir returns the globs whose folder part matches the folded folder, in
// a fixed order.
func (s *Set) forDir(dir string, scratch []*glob) []*glob {
	out := append(scratch[:0], s.byDir[dir]...)
	for _, g := range s.wild {
		switch {
		case g.full != "":
			out = append(out, g)
		case g.below:
			// Match the folder itself or any of its ancestors.
			for p := dir; p != ""; p = parent(p) {
				if g.matchesDir(p) {
					out = append(out, g)
					break
				}
			}
		case g.matchesDir(dir):
			out = append(out, g)
		}
	}
	return out
}

// newDirMatcher sorts a folder's globs by extension.
func newDirMatcher(globs []*glob) *dirMatcher {
	m := &dirMatcher{}
	for _, g := range globs {
		if g.full != "" {
			m.full = append(m.full, g)
			continue
		}
		if g.exts == nil {
			m.other = append(m.other, g)
			continue
		}
		if m.byExt == nil {
			m.byExt = map[string][]*glob{}
		}
		for ext := range g.exts {
			m.byExt[ext] = append(m.byExt[ext], g)
		}
	}
	return m
}

// signature names a set of globs by their positions in the set: folders
// with the same set share one matcher.
func signature(globs []*glob, b []byte) []byte {
	b = b[:0]
	for _, g := range globs {
		i := g.index
		b = append(b, byte(i), byte(i>>8), byte(i>>16), byte(i>>24))
	}
	return b
}

// Freeze indexes the set once every pattern is added, so that it is
// read-only and safe to share between runs.
func (s *Set) Freeze() {
	s.byDir = map[string][]*glob{}
	for i := range s.globs {
		g := &s.globs[i]
		g.index = i
		g.dirLit = literal(g.dir)
		g.dirAlts = altLiterals(g.dir)
		if g.full == "" && !g.below && !strings.ContainsAny(g.dir, "*?[{") {
			s.byDir[g.dir] = append(s.byDir[g.dir], g)
		} else {
			s.wild = append(s.wild, g)
		}
	}
}

// matchesDir matches the folder part, with the cheap cases first: "**"
// matches every folder, and a folder without the pattern's literal cannot
// match it.
func (g *glob) matchesDir(dir string) bool {
	switch {
	case g.dir == dir || g.dir == "**":
		return true
	case !strings.ContainsAny(g.dir, "*?[{"):
		return false
	case g.dirLit != "" && !strings.Contains(dir, g.dirLit):
		return false
	case g.dirAlts != nil && !containsOne(dir, g.dirAlts):
		return false
	}
	if doublestar.MatchUnvalidated(g.dir, dir) {
		return true
	}
	// doublestar lets "x*/**" match no folder below "x…" only for some x
	// ("**/formation*/**" misses "formation"): try the folder itself.
	if head, ok := strings.CutSuffix(g.dir, "/**"); ok {
		return doublestar.MatchUnvalidated(head, dir)
	}
	return false
}

func parent(p string) string {
	if i := strings.LastIndexByte(p, '/'); i >= 0 {
		return p[:i]
	}
	return ""
}

// altLiterals returns, for a pattern with braces, the literal each of its
// alternatives requires, or nil when one of them requires none.
func altLiterals(p string) []string {
	if !strings.Contains(p, "{") {
		return nil
	}
	alts := expandBraces(p, 64)
	if len(alts) < 2 {
		return nil
	}
	lits := make([]string, 0, len(alts))
	for _, a := range alts {
		l := literal(a)
		if l == "" {
			return nil
		}
		lits = append(lits, l)
	}
	return lits
}

func containsOne(s string, subs []string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

// matchFile reports the ids of the globs that match a file, given its
// folder's matcher.
func matchFile(m *dirMatcher, foldedPath, foldedBase string, hit func(id int)) {
	ids, known := m.byName[foldedBase]
	if !known {
		ids = m.matchName(foldedBase)
		if m.byName == nil {
			m.byName = map[string][]int{}
		}
		if len(m.byName) < maxNames {
			m.byName[foldedBase] = ids
		}
	}
	for _, id := range ids {
		hit(id)
	}
	for _, g := range m.full {
		if doublestar.MatchUnvalidated(g.full, foldedPath) {
			hit(g.id)
		}
	}
}

// matchName lists the ids of the name globs that match a file name.
func (m *dirMatcher) matchName(foldedBase string) []int {
	var ids []int
	if m.byExt != nil {
		if dot := strings.LastIndexByte(foldedBase, '.'); dot >= 0 {
			for _, g := range m.byExt[foldedBase[dot+1:]] {
				if g.anyName || g.matchName(foldedBase) {
					ids = append(ids, g.id)
				}
			}
		}
	}
	for _, g := range m.other {
		if g.matchName(foldedBase) {
			ids = append(ids, g.id)
		}
	}
	return ids
}

// matchName matches the name part, literal checks first.
func (g *glob) matchName(base string) bool {
	if g.exact != "" {
		return base == g.exact
	}
	if g.lit != "" && !strings.Contains(base, g.lit) {
		return false
	}
	return doublestar.MatchUnvalidated(g.base, base)
}

// Len is the number of patterns as written: ids run from 0 to Len()-1.
func (s *Set) Len() int { return len(s.written) }

// Written returns the pattern of an id as it was written.
func (s *Set) Written(id int) string { return s.written[id] }

// Matcher matches the files of one walk against a frozen set. It keeps, per
// folder, the globs that apply there, and shares one matcher between
// folders with the same globs; files arrive folder by folder, so the last
// folder's matcher is kept at hand. A Matcher is not safe for concurrent use.
type Matcher struct {
	set      *Set
	dirs     map[string]*dirMatcher
	shared   map[string]*dirMatcher
	lastDir  string
	last     *dirMatcher
	haveLast bool
	// globs and sig are scratch space for the folder being looked up.
	globs []*glob
	sig   []byte
}

// NewMatcher starts the matching of one walk.
func (s *Set) NewMatcher() *Matcher {
	return &Matcher{set: s, dirs: map[string]*dirMatcher{}, shared: map[string]*dirMatcher{}}
}

// Match calls hit with the id of every pattern that a file matches, given
// its folded path split into folder and name.
func (m *Matcher) Match(foldedPath, dir, base string, hit func(id int)) {
	if !m.haveLast || dir != m.lastDir {
		app, ok := m.dirs[dir]
		if !ok {
			// The folder's globs and their signature are built in scratch
			// space: most folders share a matcher already made.
			m.globs = m.set.forDir(dir, m.globs)
			m.sig = signature(m.globs, m.sig)
			if app, ok = m.shared[string(m.sig)]; !ok {
				app = newDirMatcher(append([]*glob(nil), m.globs...))
				m.shared[string(m.sig)] = app
			}
			m.dirs[dir] = app
		}
		m.lastDir, m.last, m.haveLast = dir, app, true
	}
	matchFile(m.last, foldedPath, base, hit)
}
