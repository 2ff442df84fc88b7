// Package check is the engine: it compiles the rules of a catalogue with a
// registry of evidence kinds, walks a tree once matching every pattern of
// every rule, reads each document once (up to a cap), and turns what the
// evidence found into verdicts. It knows no evidence kind of its own.
package check

import (
	"errors"
	"fmt"
	"path"
	"sort"
	"strings"
	"time"

	"github.com/passation/passation/internal/catalog"
	"github.com/passation/passation/internal/document"
	"github.com/passation/passation/internal/evidence"
	"github.com/passation/passation/internal/finding"
	"github.com/passation/passation/internal/globset"
	"github.com/passation/passation/internal/history"
	"github.com/passation/passation/internal/i18n"
	"github.com/passation/passation/internal/licence"
	"github.com/passation/passation/internal/manifest"
	"github.com/passation/passation/internal/project"
	"github.com/passation/passation/internal/source"
	"github.com/passation/passation/internal/syserr"
	"github.com/passation/passation/internal/textfold"
)

// Options tune a run. The zero value is the default.
type Options struct {
	// Lang is "en" or "fr"; anything else means English.
	Lang string
	// MaxRead caps how much of one file is read; 0 means 1 MiB.
	MaxRead int64
	// Explain records, on every result, what each evidence counted and
	// refused (check --explain).
	Explain bool
	// CacheDir keeps the identification of licence texts from one run to
	// the next (see licence.IdentifyCached); "" means no cache.
	CacheDir string
	// Now is the time of the run, for the rules that compare dates (history,
	// publiccode.yml maintenance); zero: those rules skip.
	Now time.Time
	// Documents parses each document of the tree once; nil: the run keeps
	// its own. A caller that shares it (the locator) reads the README the
	// run parsed.
	Documents *document.Cache
	// History gives the history of the checked commit; nil (a folder):
	// history rules skip. It is read only when a selected rule needs it.
	History History
}

// History is the history of the checked commit, as the history rules read
// it: history.Source for a git commit. A folder has none.
type History interface {
	Facts(req history.Request) (*history.Facts, error)
}

// messages frame the verdicts; rule texts live in the rule files and the
// evidence kinds say their own details.
var messages = i18n.Text{
	"damaged": {"corrupt repository: a rule could not read what it needs (git fsck says what is damaged): %s",
		"dépôt corrompu : une règle n'a pas pu lire ce qu'il lui faut (git fsck dit ce qui est endommagé) : %s"},
	"found": {"Found: %s.", "Trouvé : %s."},
	// A place in a part of the tree the rule does not read.
	"out-of-scope": {"%s — in %s, which this item is not judged on", "%s — dans %s, sur quoi cet élément n'est pas jugé"},
	"scope-sep":    {"; ", " ; "},
	"then":         {"; then, only when those give nothing: %s", " ; puis, seulement si rien n'y est trouvé : %s"},
	// A component's place, when the project's root gave one already.
	"fallback-unread": {"%s — a component's, not read: the project's root already says it", "%s — celui d'un composant, non retenu : la racine du projet le dit déjà"},
	"unreadable":      {"Could not decide: %v.", "Impossible de conclure : %v."},
}

// scopeWords name the parts of a project in messages.
var scopeWords = i18n.Text{
	"root":      {"the project's root", "la racine du projet"},
	"component": {"a component with its own manifest", "un composant doté de son propre manifeste"},
	"assets":    {"the images the application serves (static/, public/, assets/, img/, src/)", "les images que sert l'application (static/, public/, assets/, img/, src/)"},
	"tool":      {"the configuration of a tool or a forge form (.vscode/, AGENTS.md, issue templates)", "la configuration d'un outil ou un formulaire de la forge (.vscode/, AGENTS.md, modèles de tickets)"},
	"tests":     {"a test suite or its mocks (tests/, e2e/, mocks/)", "une suite de tests ou ses maquettes (tests/, e2e/, mocks/)"},
	"bundled":   {"a bundled copy of another project", "une copie embarquée d'un autre projet"},
}

// DescribeScopes says, in lang, which parts of the project a rule reads.
func DescribeScopes(rule catalog.Rule, lang string) string {
	list := func(set project.Set) string {
		var parts []string
		for sc := project.Root; sc < project.Bundled; sc++ {
			if set.Has(sc) {
				parts = append(parts, scopeWords.In(lang, sc.String()))
			}
		}
		return strings.Join(parts, messages.In(lang, "scope-sep"))
	}
	out := list(rule.ScopesRead())
	if rule.Fallback != 0 {
		out += fmt.Sprintf(messages.In(lang, "then"), list(rule.Fallback))
	}
	return out
}

// Checker is a compiled set of rules, ready to run on any number of trees.
type Checker struct {
	rules []compiledRule
	byID  map[string]int
	globs *globset.Set
	// navID, siteID and pageID match the tables of contents and the
	// configurations of documentation sites, and the Markdown pages they
	// may hold (sites.go).
	navID, siteID, pageID int
}

type compiledRule struct {
	catalog.Rule
	evidence []evidence.Evidence
}

// Compile validates and compiles rules with the kinds of reg. Every problem
// names the rule file and line of the evidence at fault.
func Compile(rules []catalog.Rule, reg *evidence.Registry) (*Checker, error) {
	c := &Checker{globs: globset.New(), byID: map[string]int{}}
	var errs []error
	for _, r := range rules {
		cr := compiledRule{Rule: r}
		for _, ev := range r.Evidence {
			e, err := reg.Compile(r.ID, ev, c.globs)
			if err != nil {
				errs = append(errs, err)
				continue
			}
			cr.evidence = append(cr.evidence, e)
		}
		c.byID[r.ID] = len(c.rules)
		c.rules = append(c.rules, cr)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	if err := c.addSitePatterns(); err != nil {
		return nil, err
	}
	c.globs.Freeze()
	return c, nil
}

// Describe lists, in lang, what each evidence of a compiled rule looks for
// and counts.
func (c *Checker) Describe(ruleID, lang string) []string { return c.describe(ruleID, lang, false) }

// DescribeShown says what a rule shows without ever counting it (a link to
// a guide kept elsewhere, the people the history names).
func (c *Checker) DescribeShown(ruleID, lang string) []string { return c.describe(ruleID, lang, true) }

// describe lists the descriptions of a rule's advisory evidence, or of the
// rest.
func (c *Checker) describe(ruleID, lang string, advisory bool) []string {
	i, ok := c.byID[ruleID]
	if !ok {
		return nil
	}
	var out []string
	for _, e := range c.rules[i].evidence {
		if _, ok := e.(evidence.Advisory); ok == advisory {
			out = append(out, e.Describe(lang))
		}
	}
	return out
}

// Message is a compiled rule's message with the parameters of its evidence
// in place of {name}, as reports show it when the rule fails.
func (c *Checker) Message(ruleID, lang string) string {
	i, ok := c.byID[ruleID]
	if !ok {
		return ""
	}
	msg := c.rules[i].Message.In(lang)
	for _, e := range c.rules[i].evidence {
		if p, ok := e.(evidence.Parameterised); ok {
			msg = evidence.Expand(msg, p.Params(lang))
		}
	}
	return msg
}

// Run walks the tree once and judges every rule.
func (c *Checker) Run(t source.Tree, opt Options) ([]finding.Result, error) {
	if opt.MaxRead <= 0 {
		opt.MaxRead = document.DefaultMaxRead
	}
	r := &run{
		checker:   c,
		tree:      t,
		opt:       opt,
		matcher:   c.globs.NewMatcher(),
		matched:   make([][]source.Entry, c.globs.Len()),
		docs:      opt.Documents,
		manifests: map[string]manifestResult{},
		licences:  map[string]licence.Identified{},
	}
	if r.docs == nil {
		r.docs = document.NewCache(t, opt.MaxRead)
	}
	if err := r.walk(); err != nil {
		return nil, err
	}
	bundled := r.findBundled()
	r.dropBundled(bundled)
	r.model = project.New(r.marks.manifests, bundled)
	results := make([]finding.Result, 0, len(c.rules))
	for _, cr := range c.rules {
		results = append(results, r.judge(cr))
	}
	if r.damage != nil {
		return nil, messages.Wrap(ErrDamaged, "damaged", syserr.Of(r.damage))
	}
	return results, nil
}

// ErrDamaged: a rule could not read what it needs because the repository
// is damaged (a corrupt object or pack), not merely shallow or partial: the
// check cannot vouch for anything, so it fails instead of skipping.
var ErrDamaged = errors.New("corrupt repository: a rule could not read what it needs (git fsck says what is damaged)")

// run is the state of one check of one tree; it is the evidence.Run that
// every evidence item reads.
type run struct {
	checker *Checker
	tree    source.Tree
	// damage is the first read error that says the repository is damaged.
	damage  error
	opt     Options
	matcher *globset.Matcher
	matched [][]source.Entry // by glob id, in walk order
	docs    *document.Cache
	// manifests caches parsed manifests by path.
	manifests map[string]manifestResult
	// licences caches the licences identified in each licence file.
	licences map[string]licence.Identified
	// vendored lists the folders skipped as bundled copies of other projects.
	vendored []string
	// marks notes licences and manifests per folder, to find bundled copies.
	marks projectMarks
	// model tells what each folder is to the project, for the rules' scopes.
	model *project.Model
	// scoped holds each rule's tree outcomes once evaluated (treeOutcomes).
	scoped map[int][]evidence.Outcome
	// pages are the site pages, listed once on first use.
	pages     []source.Entry
	pagesRead bool
	// history is read once, on first use, with one request that gathers
	// what every selected rule needs. A run whose rules need no history
	// never walks it.
	historyRead bool
	facts       *history.Facts
	historyErr  error
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
	r.marks.observe(e, dir, base)
	r.matcher.Match(fp, dir, base, func(id int) {
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

func (r *run) Lang() string                  { return r.opt.Lang }
func (r *run) Now() time.Time                { return r.opt.Now }
func (r *run) MaxRead() int64                { return r.opt.MaxRead }
func (r *run) Matched(id int) []source.Entry { return r.matched[id] }

func (r *run) Read(e source.Entry, max int64) ([]byte, bool, error) { return r.tree.Read(e, max) }

// SkipDir reports the folders that the walk does not enter.
func (r *run) SkipDir(p string) bool { return isVendored(textfold.Fold(p)) }

// Entry finds a matched file of the walk by path.
func (r *run) Entry(p string) (source.Entry, bool) {
	for _, m := range r.matched {
		for _, e := range m {
			if e.Path == p && (e.Kind == source.File || e.Kind == source.Executable) {
				return e, true
			}
		}
	}
	return source.Entry{}, false
}

// ScopeOf tells what a path is to the project.
func (r *run) ScopeOf(p string) project.Scope { return r.model.Of(p) }

// Component tells which component holds a path ("" for the root project).
func (r *run) Component(p string) string { return r.model.Component(p) }

// Doc reads and parses a file once, whatever the number of rules that look
// into it.
func (r *run) Doc(e source.Entry) (*document.Doc, error) { return r.docs.Get(e) }

type manifestResult struct {
	facts *manifest.Facts
	err   error
}

// Manifest parses a manifest once per run.
func (r *run) Manifest(e source.Entry) (*manifest.Facts, error) {
	if f, ok := r.manifests[e.Path]; ok {
		return f.facts, f.err
	}
	data, _, err := r.tree.Read(e, r.opt.MaxRead)
	var facts *manifest.Facts
	if err == nil {
		facts, err = manifest.Parse(e.Path, data)
	}
	r.manifests[e.Path] = manifestResult{facts, err}
	return facts, err
}

// Licences identifies a licence file once per run.
func (r *run) Licences(e source.Entry) (licence.Identified, error) {
	if id, ok := r.licences[e.Path]; ok {
		return id, nil
	}
	data, _, err := r.tree.Read(e, r.opt.MaxRead)
	if err != nil {
		return licence.Identified{}, err
	}
	id := licence.IdentifyCached(data, r.opt.CacheDir)
	r.licences[e.Path] = id
	return id, nil
}

// History reads the history once for the whole run.
func (r *run) History() (*history.Facts, error) {
	if r.historyRead {
		return r.facts, r.historyErr
	}
	r.historyRead = true
	switch {
	case r.opt.History == nil:
		r.historyErr = evidence.NoHistory()
	case r.opt.Now.IsZero():
		r.historyErr = evidence.NoClock()
	default:
		var req history.Request
		for _, cr := range r.checker.rules {
			for _, e := range cr.evidence {
				if h, ok := e.(evidence.HistoryReader); ok {
					h.Request(r, &req)
				}
			}
		}
		r.facts, r.historyErr = r.opt.History.Facts(req)
		if r.historyErr != nil {
			r.historyErr = evidence.HistoryUnreadable(r.historyErr)
		}
	}
	return r.facts, r.historyErr
}

// Found is what the tree evidence (not the history) of a selected rule
// found, in the scopes the rule reads.
func (r *run) Found(ruleID string) (catalog.Rule, []finding.Evidence, bool) {
	i, ok := r.checker.byID[ruleID]
	if !ok {
		return catalog.Rule{}, nil, false
	}
	var found []finding.Evidence
	for _, o := range r.treeOutcomes(i) {
		found = append(found, o.Found...)
	}
	return r.checker.rules[i].Rule, found, true
}

// treeOutcomes evaluates, once per run, what the tree evidence of rule i
// found, in its scopes: the rule's verdict and the rules that read its
// documents (doc-freshness) share it. A history evidence's place is left
// empty: it judges commits, not places, and may itself read Found.
func (r *run) treeOutcomes(i int) []evidence.Outcome {
	if o, ok := r.scoped[i]; ok {
		return o
	}
	cr := r.checker.rules[i]
	outcomes := make([]evidence.Outcome, len(cr.evidence))
	for j, e := range cr.evidence {
		if _, ok := e.(evidence.HistoryReader); !ok {
			outcomes[j] = e.Evaluate(r)
		}
	}
	outcomes = r.inScope(cr.Rule, outcomes)
	if r.scoped == nil {
		r.scoped = map[int][]evidence.Outcome{}
	}
	r.scoped[i] = outcomes
	return outcomes
}

// inScope keeps, of what each evidence found, the places in the scopes the
// rule reads; a place in a fallback scope counts only when no evidence of
// the rule found one in its scopes. What a rule does not read is refused,
// saying why, so that --explain and a failing verdict show it.
func (r *run) inScope(rule catalog.Rule, outcomes []evidence.Outcome) []evidence.Outcome {
	scopes := rule.ScopesRead()
	lang := r.opt.Lang
	var held [][]finding.Evidence // by outcome: found in a fallback scope
	anyInScope := false
	for i := range outcomes {
		o := &outcomes[i]
		kept := make([]finding.Evidence, 0, len(o.Found))
		var fallback []finding.Evidence
		for _, e := range o.Found {
			sc := r.model.Of(e.Path)
			switch {
			case scopes.Has(sc):
				kept = append(kept, e)
			case rule.Fallback.Has(sc):
				fallback = append(fallback, e)
			case r.opt.Explain:
				// Only --explain says it: a failing verdict that listed
				// every icon the application serves would bury the rest.
				e.Detail = fmt.Sprintf(messages.In(lang, "out-of-scope"), e.Detail, scopeWords.In(lang, sc.String()))
				o.Rejected = append(o.Rejected, e)
			}
		}
		anyInScope = anyInScope || len(kept) > 0
		o.Found = kept
		held = append(held, fallback)
	}
	for i := range outcomes {
		if anyInScope {
			for _, e := range held[i] {
				e.Detail = fmt.Sprintf(messages.In(lang, "fallback-unread"), e.Detail)
				outcomes[i].Rejected = append(outcomes[i].Rejected, e)
			}
			continue
		}
		outcomes[i].Found = append(outcomes[i].Found, held[i]...)
	}
	return outcomes
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
	var considered []finding.Candidates
	outcomes := append([]evidence.Outcome(nil), r.treeOutcomes(r.checker.byID[cr.ID])...)
	for i, e := range cr.evidence {
		if _, ok := e.(evidence.HistoryReader); ok {
			outcomes[i] = e.Evaluate(r)
		}
	}
	for i, e := range cr.evidence {
		o := outcomes[i]
		found = append(found, o.Found...)
		rejected = append(rejected, o.Rejected...)
		if r.opt.Explain {
			considered = append(considered, finding.Candidates{
				LookedFor: e.Describe(lang),
				Counted:   tidy(append([]finding.Evidence{}, o.Found...)),
				Refused:   tidy(append([]finding.Evidence{}, o.Rejected...)),
			})
		}
		if o.Err != nil && readErr == nil {
			readErr = o.Err
		}
	}
	switch {
	case len(found) > 0:
		res.Status = finding.Pass
		res.Evidence = tidy(found)
		res.Message = fmt.Sprintf(messages.In(lang, "found"), res.Evidence[0])
	case readErr != nil:
		if source.Damaged(readErr) && r.damage == nil {
			r.damage = readErr
		}
		res.Status = finding.Skip
		res.Evidence = tidy(rejected)
		// passation's own reasons in the report's language, with the file
		// that wraps them; the system's or go-git's words quoted in French.
		res.Message = fmt.Sprintf(messages.In(lang, "unreadable"), syserr.Of(readErr).In(lang))
	default:
		res.Status = finding.Fail
		res.Evidence = tidy(rejected)
		res.Message = cr.Message.In(lang)
		for _, e := range cr.evidence {
			res.LookedFor = append(res.LookedFor, e.Describe(lang))
		}
	}
	for _, e := range cr.evidence {
		if a, ok := e.(evidence.Annotator); ok {
			a.Annotate(r, cr.Rule, &res)
		}
	}
	if r.opt.Explain {
		markDecided(considered, res)
		res.Considered = considered
	}
	return res
}

// markDecided marks the evidence that found the place a passing verdict
// names first.
func markDecided(considered []finding.Candidates, res finding.Result) {
	if res.Status != finding.Pass || len(res.Evidence) == 0 {
		return
	}
	first := res.Evidence[0]
	for i := range considered {
		for _, e := range considered[i].Counted {
			if e == first {
				considered[i].Decided = true
				return
			}
		}
	}
}

// maxEvidence keeps reports readable on repositories with hundreds of docs.
const maxEvidence = 20

// maxMatches bounds what one pattern keeps of a tree: no evidence reads
// more than a few dozen files, and the first ones in walk order are the same
// on every run. A pattern such as "every source file" would otherwise hold
// the whole tree.
const maxMatches = 4096

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
	type place struct {
		path, detail string
		line         int
	}
	seen := make(map[place]bool, len(ev))
	for _, e := range ev {
		// One place found by two evidences of the rule (their scores may
		// differ), even apart: a diagram under a page's title and its section.
		if k := (place{e.Path, e.Detail, e.Line}); !seen[k] {
			seen[k] = true
			out = append(out, e)
		}
	}
	out = bestFirst(out)
	if len(out) > maxEvidence {
		out = out[:maxEvidence]
	}
	return out
}

// bestFirst puts the places that count in the order a reader should open
// them: those no kind weighs (a file named for the item) first, as they
// stand; then the weighed ones, the best-scored first.
func bestFirst(ev []finding.Evidence) []finding.Evidence {
	sort.SliceStable(ev, func(i, j int) bool {
		wi, wj := ev[i].Why != "", ev[j].Why != ""
		if wi != wj {
			return wj
		}
		return wi && ev[i].Score > ev[j].Score
	})
	return ev
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
