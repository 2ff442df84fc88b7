// Package check evaluates the catalogue's rules against a tree: evidence
// kinds are compiled once from rule data, the tree is walked once, and
// documents are read only when a rule needs them, up to a cap.
package check

import (
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"path"
	"sort"
	"strings"
	"time"

	"github.com/go-git/go-git/v5/plumbing/format/packfile"
	"github.com/passation/passation/internal/catalog"
	"github.com/passation/passation/internal/finding"
	"github.com/passation/passation/internal/licence"
	"github.com/passation/passation/internal/source"
	"github.com/passation/passation/internal/textfold"
)

// Options tune a run. The zero value is the default.
type Options struct {
	// Lang is "en" or "fr"; anything else means English.
	Lang string
	// MaxRead caps how much of one file is read; 0 means 1 MiB.
	MaxRead int64
	// CacheDir keeps the identification of licence texts from one run to
	// the next (see licence.IdentifyCached); "" means no cache.
	CacheDir string
	// Now is the time of the run, for the rules that compare dates (history,
	// publiccode.yml maintenance); zero: those rules skip.
	Now time.Time
	// History gives the history of the checked commit; nil (a folder):
	// history rules skip. It is read only when a selected rule needs it.
	History History
}

// Checker is a compiled set of rules, ready to run on any number of trees.
type Checker struct {
	rules []compiledRule
	globs *globSet
}

type compiledRule struct {
	catalog.Rule
	evidence []evidence
}

// evidence is one compiled evidence kind of one rule.
type evidence interface {
	// evaluate reports what was found, what was seen but does not count,
	// and what could not be read.
	evaluate(r *run) outcome
	// describe says in a few words what is looked for, in lang.
	describe(lang string) string
}

type outcome struct {
	found    []finding.Evidence
	rejected []finding.Evidence
	err      error
}

// kinds maps the evidence kinds of rule files to their compilers.
var kinds = map[string]func(catalog.Evidence, *globSet) (evidence, error){
	// history.go, publiccode.go
	"history":                compileHistory,
	"publiccode-maintenance": compilePubliccodeMaintenance,

	"files":        compileFiles,
	"section":      compileSection,
	"readme-intro": compileIntro,
	"manifest":     compileManifest,
	"content":      compileContent,
	"diagram":      compileDiagram,
	"licence":      compileLicence,
	"elsewhere":    compileElsewhere,
}

// Kinds lists the evidence kinds rule files may use.
func Kinds() []string {
	out := make([]string, 0, len(kinds))
	for k := range kinds {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Compile validates and compiles rules. Every problem names the rule file
// and line of the evidence at fault.
func Compile(rules []catalog.Rule) (*Checker, error) {
	c := &Checker{globs: newGlobSet()}
	var errs []error
	for _, r := range rules {
		cr := compiledRule{Rule: r}
		for _, ev := range r.Evidence {
			compile, ok := kinds[ev.Kind]
			if !ok {
				msg := fmt.Sprintf("expected one of %s", strings.Join(Kinds(), ", "))
				if s := catalog.Suggest(ev.Kind, Kinds()); s != "" {
					msg = fmt.Sprintf("did you mean %q?", s)
				}
				errs = append(errs, catalog.Errorf(ev.Pos, "rule %q: unknown evidence kind %q: %s", r.ID, ev.Kind, msg))
				continue
			}
			e, err := compile(ev, c.globs)
			if err != nil {
				errs = append(errs, catalog.Errorf(culprit(ev, compile), "rule %q: %s: %v", r.ID, ev.Kind, err))
				continue
			}
			cr.evidence = append(cr.evidence, e)
		}
		c.rules = append(c.rules, cr)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	c.globs.index()
	return c, nil
}

// culprit finds which value of a failed evidence is at fault, by compiling
// each alone, so that the message points at the pattern as written; the
// evidence item itself when none fails alone.
func culprit(ev catalog.Evidence, compile func(catalog.Evidence, *globSet) (evidence, error)) catalog.Pos {
	for i, v := range ev.Values {
		one := ev
		one.Values, one.In = []string{v}, nil
		if _, err := compile(one, newGlobSet()); err != nil && i < len(ev.ValuePos) {
			return ev.ValuePos[i]
		}
	}
	for i, in := range ev.In {
		one := ev
		one.In = []string{in}
		if _, err := compile(one, newGlobSet()); err != nil && i < len(ev.InPos) {
			return ev.InPos[i]
		}
	}
	return ev.Pos
}

// Describe lists, in lang, what each evidence of a rule looks for.
func Describe(r catalog.Rule, lang string) ([]string, error) {
	c, err := Compile([]catalog.Rule{r})
	if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range c.rules[0].evidence {
		out = append(out, e.describe(lang))
	}
	return out, nil
}

// Run walks the tree once and judges every rule.
func (c *Checker) Run(t source.Tree, opt Options) ([]finding.Result, error) {
	if opt.MaxRead <= 0 {
		opt.MaxRead = 1 << 20
	}
	if opt.CacheDir == "" && c.readsLicences() {
		// Without a cache, build the licence scanner while the tree is walked.
		licence.Warm()
	}
	r := &run{
		tree:      t,
		opt:       opt,
		globs:     c.globs,
		matched:   make([][]source.Entry, len(c.globs.written)),
		docs:      map[string]*docResult{},
		manifests: map[string]manifestResult{},
		licences:  map[string][]string{},
		dirs:      map[string]*dirMatcher{},
		matchers:  map[string]*dirMatcher{},
		hist:      historyRun{rules: c.rules},
	}
	if err := r.walk(); err != nil {
		return nil, err
	}
	r.dropBundled(r.findBundled())
	results := make([]finding.Result, 0, len(c.rules))
	for _, cr := range c.rules {
		results = append(results, r.judge(cr))
	}
	if r.damage != nil {
		return nil, fmt.Errorf("%w: %v", ErrDamaged, r.damage)
	}
	return results, nil
}

// ErrDamaged: a rule could not read what it needs because the repository
// is damaged (a corrupt object or pack), not merely shallow or partial: the
// check cannot vouch for anything, so it fails instead of skipping.
var ErrDamaged = errors.New("corrupt repository: a rule could not read what it needs (git fsck says what is damaged)")

// damaging says whether a read error is damage: an object that is there
// but cannot be decoded (truncated, a bad zlib stream or checksum, a corrupt
// pack). An object missing from a partial or shallow clone is not, nor is a
// rule that cannot decide for want of history.
func damaging(err error) bool {
	if errors.Is(err, source.ErrMissingObject) || errors.Is(err, source.ErrNotReadable) {
		return false
	}
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, zlib.ErrChecksum) || errors.Is(err, zlib.ErrHeader) ||
		errors.Is(err, packfile.ErrMalformedPackFile) || errors.Is(err, packfile.ErrZLib) || errors.Is(err, packfile.ErrInvalidObject) {
		return true
	}
	s := strings.ToLower(err.Error())
	return strings.Contains(s, "zlib") || strings.Contains(s, "checksum") || strings.Contains(s, "corrupt")
}

// readsLicences reports whether a rule identifies licence texts.
func (c *Checker) readsLicences() bool {
	for _, cr := range c.rules {
		for _, e := range cr.evidence {
			if _, ok := e.(*licenceEvidence); ok {
				return true
			}
		}
	}
	return false
}

// run is the state of one check of one tree.
type run struct {
	tree source.Tree
	// damage is the first read error that says the repository is damaged.
	damage  error
	opt     Options
	globs   *globSet
	matched [][]source.Entry // by glob id, in walk order
	docs    map[string]*docResult
	// manifests caches parsed manifests by path.
	manifests map[string]manifestResult
	// licences caches the licences identified in each licence file.
	licences map[string][]string
	// dirs caches the globs that apply to each folder.
	dirs map[string]*dirMatcher
	// matchers shares one matcher between folders with the same globs.
	matchers map[string]*dirMatcher
	lastDir  string
	lastApp  *dirMatcher
	haveLast bool
	// vendored lists the folders skipped as bundled copies of other projects.
	vendored []string
	// marks notes licences and manifests per folder, to find bundled copies.
	marks projectMarks
	// hist holds the history facts, read once on first use (history.go).
	hist historyRun
}

// walk decodes the tree in this goroutine while another matches the
// entries against the patterns: the two costs overlap instead of adding up.
func (r *run) walk() error {
	entries := make(chan []source.Entry, 16)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for batch := range entries {
			for _, e := range batch {
				r.match(e)
			}
		}
	}()
	w := &walker{run: r, out: entries}
	err := r.tree.Walk(w)
	if len(w.batch) > 0 {
		entries <- w.batch
	}
	close(entries)
	<-done
	return err
}

// walker is the source.Visitor of a run: it prunes bundled folders and
// hands file entries over in batches.
type walker struct {
	run   *run
	batch []source.Entry
	out   chan<- []source.Entry
}

const batchSize = 512

func (w *walker) Dir(p string) bool { return w.run.Dir(p) }

func (w *walker) File(e source.Entry) {
	if w.batch == nil {
		w.batch = make([]source.Entry, 0, batchSize)
	}
	w.batch = append(w.batch, e)
	if len(w.batch) == batchSize {
		w.out <- w.batch
		w.batch = nil
	}
}

// Dir implements source.Visitor: bundled and generated folders are never
// entered, so they cannot satisfy the project's rules.
func (r *run) Dir(p string) bool {
	if isVendored(textfold.Fold(p)) {
		r.vendored = append(r.vendored, p)
		return false
	}
	return true
}

// match records which patterns a file matches.
func (r *run) match(e source.Entry) {
	fp := textfold.Fold(e.Path)
	dir, base := "", fp
	if i := strings.LastIndexByte(fp, '/'); i >= 0 {
		dir, base = fp[:i], fp[i+1:]
	}
	if !r.haveLast || dir != r.lastDir {
		app, ok := r.dirs[dir]
		if !ok {
			globs := r.globs.forDir(dir)
			sig := signature(globs)
			if app, ok = r.matchers[sig]; !ok {
				app = newDirMatcher(globs)
				r.matchers[sig] = app
			}
			r.dirs[dir] = app
		}
		r.lastDir, r.lastApp, r.haveLast = dir, app, true
	}
	r.marks.observe(e, dir, base)
	matchFile(r.lastApp, fp, base, func(id int) {
		m := r.matched[id]
		if len(m) >= maxMatches || (len(m) > 0 && m[len(m)-1].Path == e.Path) {
			return
		}
		r.matched[id] = append(m, e)
	})
}

// vendoredNames are folder names that hold other projects' code or
// generated output.
var vendoredNames = map[string]bool{
	"node_modules": true, "bower_components": true, "jspm_packages": true,
	"vendor": true, "vendors": true, "third_party": true, "third-party": true,
	"thirdparty": true, "3rdparty": true, "site-packages": true, ".venv": true,
	"venv": true, "__pycache__": true, "dist": true, ".tox": true, ".yarn": true,
	".next": true, ".nuxt": true, "coverage": true, "htmlcov": true,
	".git": true, ".bundle": true, "_build": true,
	// Test data describes other, imaginary projects.
	"testdata": true, "fixtures": true, "__fixtures__": true, "__snapshots__": true,
}

// vendoredPaths are folder path endings that hold bundled libraries.
var vendoredPaths = []string{"static/lib", "static/libs", "static/vendor", "public/lib", "public/libs",
	"assets/lib", "assets/libs", "assets/vendor", "js/lib", "js/libs", "js/vendor"}

func isVendored(folded string) bool {
	if vendoredNames[path.Base(folded)] {
		return true
	}
	for _, v := range vendoredPaths {
		if folded == v || strings.HasSuffix(folded, "/"+v) {
			return true
		}
	}
	return false
}

// docResult caches one file's reading: its parsed document, or why it
// could not be read.
type docResult struct {
	doc *doc
	err error
	// binary is set for content that is not text.
	binary bool
}

// doc reads and parses a file once, whatever the number of rules that look
// into it.
func (r *run) doc(e source.Entry) *docResult {
	if d, ok := r.docs[e.Path]; ok {
		return d
	}
	res := &docResult{}
	data, _, err := r.tree.Read(e, r.opt.MaxRead)
	switch {
	case err != nil:
		res.err = err
	default:
		if txt, ok := decodeText(data); ok {
			res.doc = parseDoc(e.Path, []byte(txt))
		} else {
			res.binary = true
		}
	}
	r.docs[e.Path] = res
	return res
}

// isEmpty reports whether a file has no content at all, reading one byte.
func (r *run) isEmpty(e source.Entry) (bool, error) {
	data, more, err := r.tree.Read(e, 1)
	if err != nil {
		return false, err
	}
	return len(data) == 0 && !more, nil
}

// judge turns a rule's evidence outcomes into its verdict.
func (r *run) judge(cr compiledRule) finding.Result {
	lang := r.opt.Lang
	res := finding.Result{
		Rule: cr.ID, Group: cr.Group, Severity: cr.Severity,
		Title: cr.Title.In(lang), Hint: cr.Hint.In(lang), Evidence: []finding.Evidence{},
	}
	var found, rejected []finding.Evidence
	var readErr error
	for _, e := range cr.evidence {
		o := e.evaluate(r)
		found = append(found, o.found...)
		rejected = append(rejected, o.rejected...)
		if o.err != nil && readErr == nil {
			readErr = o.err
		}
	}
	switch {
	case len(found) > 0:
		res.Status = finding.Pass
		res.Evidence = tidy(found)
		res.Message = fmt.Sprintf(say(lang, "found"), where(res.Evidence[0]))
	case readErr != nil:
		if damaging(readErr) && r.damage == nil {
			r.damage = readErr
		}
		res.Status = finding.Skip
		res.Evidence = tidy(rejected)
		res.Message = fmt.Sprintf(say(lang, "unreadable"), readErr)
	default:
		res.Status = finding.Fail
		res.Evidence = tidy(rejected)
		res.Message = cr.Message.In(lang)
		for _, e := range cr.evidence {
			res.LookedFor = append(res.LookedFor, e.describe(lang))
		}
	}
	r.annotate(cr, &res)
	return res
}

// maxMatches bounds what one pattern keeps of a tree: no evidence reads
// more than a few dozen files, and the first ones in walk order are the same
// on every run. A pattern such as "every source file" would otherwise hold
// the whole tree.
const maxMatches = 4096

// maxEvidence keeps reports readable on repositories with hundreds of docs.
const maxEvidence = 20

// tidy sorts and de-duplicates evidence, and keeps the first maxEvidence.
func tidy(ev []finding.Evidence) []finding.Evidence {
	sort.SliceStable(ev, func(i, j int) bool {
		if ev[i].Path != ev[j].Path {
			// The shallowest file first: the root README before a sub-project's.
			di, dj := strings.Count(ev[i].Path, "/"), strings.Count(ev[j].Path, "/")
			if di != dj {
				return di < dj
			}
			return ev[i].Path < ev[j].Path
		}
		return ev[i].Line < ev[j].Line
	})
	out := make([]finding.Evidence, 0, len(ev))
	for i, e := range ev {
		if i > 0 && e == ev[i-1] {
			continue
		}
		out = append(out, e)
	}
	if len(out) > maxEvidence {
		out = out[:maxEvidence]
	}
	return out
}

func where(e finding.Evidence) string {
	if e.Path == "" {
		return e.Detail // a fact of the history, not a file
	}
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d (%s)", e.Path, e.Line, e.Detail)
	}
	return fmt.Sprintf("%s (%s)", e.Path, e.Detail)
}

// Meta describes a run for its report.
type Meta struct {
	Profile string
	Tool    finding.Tool
}

// Report runs the checker on a tree and wraps the results in a
// passation/v1 report.
func (c *Checker) Report(t source.Tree, opt Options, meta Meta) (*finding.Report, error) {
	results, err := c.Run(t, opt)
	if err != nil {
		return nil, err
	}
	lang := opt.Lang
	if lang != "fr" {
		lang = "en"
	}
	return &finding.Report{
		Schema:     finding.Schema,
		Tool:       meta.Tool,
		Repository: t.Describe(),
		Profile:    meta.Profile,
		Lang:       lang,
		Summary:    finding.Summarize(results),
		Results:    results,
	}, nil
}
