package check

import (
	"fmt"
	"path"
	"strings"
	"time"

	"github.com/passation/passation/internal/finding"
	"github.com/passation/passation/internal/history"
	"github.com/passation/passation/internal/source"
	"github.com/passation/passation/internal/textfold"
)

// freshnessEvidence: the documents that satisfied other rules did not stop
// changing long before the code did.
type freshnessEvidence struct {
	documentsOf []string // rules whose documents are dated
	warnFor     []string // rules whose documents make this one fail when stale
	maxLag      history.Period
	maxCommits  int
}

// ruleDoc is a document that satisfied a rule.
type ruleDoc struct {
	rule compiledRule
	path string
}

// documents lists the files that satisfied the rules of documentsOf in this
// run (a section counts for its file), by the rules' own tree evidence.
// Rules that are not selected are left out.
func (d *freshnessEvidence) documents(r *run) []ruleDoc {
	var out []ruleDoc
	for _, id := range d.documentsOf {
		for _, cr := range r.hist.rules {
			if cr.ID != id {
				continue
			}
			seen := map[string]bool{}
			for _, e := range cr.evidence {
				if _, ok := e.(historyUser); ok {
					continue
				}
				for _, ev := range e.evaluate(r).found {
					// Only files of the tree have a history: not a URL
					// declared elsewhere, nor a fact without a path.
					if _, inTree := r.entry(ev.Path); inTree && !seen[ev.Path] {
						seen[ev.Path] = true
						out = append(out, ruleDoc{rule: cr, path: ev.Path})
					}
				}
			}
		}
	}
	return out
}

func (d *freshnessEvidence) describe(lang string) string {
	return fmt.Sprintf(say(lang, "desc-fresh"), strings.Join(d.documentsOf, ", "), periodIn(d.maxLag, lang), d.maxCommits)
}

func (d *freshnessEvidence) request(r *run, req *history.Request) {
	for _, doc := range d.documents(r) {
		req.Paths = append(req.Paths, doc.path)
	}
	req.IsCode = isSource
	req.SkipDir = func(p string) bool { return isVendored(textfold.Fold(p)) }
	// The walk may stop looking for a document once it is stale for every
	// rule that asked: the longest thresholds win.
	ref := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	if req.StaleLag.IsZero() || d.maxLag.AddTo(ref).After(req.StaleLag.AddTo(ref)) {
		req.StaleLag = d.maxLag
	}
	req.StaleCommits = max(req.StaleCommits, d.maxCommits)
}

// sourceExts are programs: what installation guides and architecture
// documents describe. Data and configuration files (JSON, YAML, lock files)
// change for reasons documents rarely follow, such as dependency bumps.
var sourceExts = map[string]bool{
	".py": true, ".js": true, ".ts": true, ".go": true, ".rb": true, ".php": true, ".java": true,
	".sh": true, ".bash": true, ".ps1": true, ".rs": true, ".c": true, ".h": true, ".cpp": true,
	".cs": true, ".kt": true, ".scala": true, ".swift": true, ".lua": true, ".r": true, ".jsx": true,
	".tsx": true, ".vue": true, ".mjs": true, ".cjs": true, ".svelte": true, ".sql": true, ".pl": true,
	".ex": true, ".exs": true, ".dart": true, ".ipynb": true,
}

// sourceNames are build and container files, code by another name.
var sourceNames = map[string]bool{"dockerfile": true, "makefile": true, "containerfile": true}

func isSource(p string) bool {
	base := strings.ToLower(path.Base(p))
	return sourceExts[path.Ext(base)] || sourceNames[base]
}

func (d *freshnessEvidence) evaluate(r *run) outcome {
	f, err := r.facts()
	if err != nil {
		return outcome{err: err}
	}
	lang := r.opt.Lang
	docs := d.documents(r)
	if len(docs) == 0 {
		return outcome{err: histErr("fresh-nodocs", strings.Join(d.documentsOf, ", "))}
	}
	if !f.CodeKnown {
		return outcome{err: truncated(f)}
	}
	if f.Code == nil {
		return outcome{found: []finding.Evidence{{Detail: say(lang, "fresh-nocode")}}}
	}
	code := *f.Code
	warn := map[string]bool{}
	for _, id := range d.warnFor {
		warn[id] = true
	}
	var all, staleDocs []finding.Evidence
	// fresh tells, per warned rule, whether one of its documents is fresh.
	fresh := map[string]bool{}
	warned := map[string]bool{}
	for _, doc := range docs {
		ch, ok := f.Changes[doc.path]
		if !ok {
			if warn[doc.rule.ID] {
				return outcome{err: truncated(f)}
			}
			continue
		}
		stale, detail := d.judgeDoc(ch, code, lang)
		ev := finding.Evidence{Path: doc.path, Detail: fmt.Sprintf(say(lang, "labelled"), doc.rule.Title.In(lang), detail)}
		all = append(all, ev)
		if warn[doc.rule.ID] {
			warned[doc.rule.ID] = true
			fresh[doc.rule.ID] = fresh[doc.rule.ID] || !stale
			if stale {
				staleDocs = append(staleDocs, ev)
			}
		}
	}
	for id := range warned {
		if !fresh[id] {
			return outcome{rejected: staleDocs}
		}
	}
	return outcome{found: all}
}

// judgeDoc says whether a document's last change is stale compared with
// the code's, and describes it.
func (d *freshnessEvidence) judgeDoc(ch, code history.Change, lang string) (bool, string) {
	between := ch.Commits - code.Commits
	lag := code.Commit.When.Sub(ch.Commit.When)
	switch {
	case ch.Before:
		// The walk gave up on it at the thresholds: stale for every rule.
		return true, fmt.Sprintf(say(lang, "fresh-unchanged"), span(lag, lang), count(between, "commit", lang), day(code.Commit.When))
	case !ch.Commit.When.Before(code.Commit.When):
		return false, fmt.Sprintf(say(lang, "fresh-after"), day(ch.Commit.When))
	}
	stale := d.maxLag.AddTo(ch.Commit.When).Before(code.Commit.When) && between >= d.maxCommits
	return stale, fmt.Sprintf(say(lang, "fresh-before"), day(ch.Commit.When), span(lag, lang), count(between, "commit", lang), day(code.Commit.When))
}

func (d *freshnessEvidence) annotate(r *run, cr compiledRule, res *finding.Result) {
	lang := r.opt.Lang
	vals := d.params(lang)
	switch res.Status {
	case finding.Pass:
		res.Message = expand(say(lang, "fresh-pass"), vals)
	case finding.Fail:
		res.Message = expand(cr.Message.In(lang), vals)
	}
}

func (d *freshnessEvidence) params(lang string) map[string]string {
	return map[string]string{"max-lag": periodIn(d.maxLag, lang), "max-commits": fmt.Sprint(d.maxCommits)}
}

// maintainerHint never makes its rule pass: it adds what the history says
// about maintainers to the verdict. When none is declared, the hint names
// the most active recent committers; when one is, the message says whether
// the people named committed recently.
type maintainerHint struct {
	window history.Period
	top    int
}

func (m *maintainerHint) describe(lang string) string {
	return fmt.Sprintf(say(lang, "desc-mhint"), periodIn(m.window, lang))
}

func (m *maintainerHint) request(r *run, req *history.Request) {
	since(req, m.window.SubFrom(r.opt.Now))
}

func (m *maintainerHint) evaluate(*run) outcome { return outcome{} }

func (m *maintainerHint) annotate(r *run, _ compiledRule, res *finding.Result) {
	if res.Status != finding.Pass && res.Status != finding.Fail {
		return
	}
	f, err := r.facts()
	if err != nil {
		return // a hint, not a verdict: no history, no hint
	}
	lang := r.opt.Lang
	window := periodIn(m.window, lang)
	people := recentPeople(f, m.window.SubFrom(r.opt.Now))
	note := ""
	if !f.WindowComplete {
		note = fmt.Sprintf(say(lang, "mhint-truncated"), f.Depth)
	}
	if res.Status == finding.Fail {
		if len(people) == 0 {
			res.Hint += " " + fmt.Sprintf(say(lang, "mhint-nobody"), window) + note + "."
			return
		}
		res.Hint += " " + fmt.Sprintf(say(lang, "mhint-suggest"), window, withCounts(people, m.top, lang)) + note + "."
		return
	}
	var msg string
	if named := r.namedIn(res.Evidence, people); len(named) > 0 {
		msg = fmt.Sprintf(say(lang, "mhint-named"), window, withCounts(named, m.top, lang))
	} else {
		msg = fmt.Sprintf(say(lang, "mhint-absent"), window)
		if len(people) > 0 {
			msg += fmt.Sprintf(say(lang, "mhint-active"), withCounts(people, m.top, lang))
		}
	}
	msg += note + "."
	res.Message += " " + msg
	// First among the evidence, so that the text report, which lists
	// evidence rather than messages for found items, shows it too.
	res.Evidence = append([]finding.Evidence{{Detail: msg}}, res.Evidence...)
}

// withCounts lists people with their number of commits.
func withCounts(people []recentCommits, n int, lang string) string {
	return listPeople(people, n, lang, func(p recentCommits, name string) string {
		return fmt.Sprintf(say(lang, "name-count"), name, count(p.count, "commit", lang))
	})
}

// namedIn returns the people that the documents of evidence name: by
// e-mail, by GitHub handle (@login, from a users.noreply.github.com
// address), or by full name.
func (r *run) namedIn(evidence []finding.Evidence, people []recentCommits) []recentCommits {
	var texts []string
	seen := map[string]bool{}
	for _, ev := range evidence {
		if ev.Path == "" || seen[ev.Path] {
			continue
		}
		seen[ev.Path] = true
		if e, ok := r.entry(ev.Path); ok {
			if data, _, err := r.tree.Read(e, r.opt.MaxRead); err == nil {
				if txt, ok := decodeText(data); ok {
					texts = append(texts, txt)
				}
			}
		}
	}
	text := strings.Join(texts, "\n")
	lower, words := strings.ToLower(text), textfold.Words(text)
	var out []recentCommits
	for _, p := range people {
		if mentions(lower, words, p.Identity) {
			out = append(out, p)
		}
	}
	return out
}

// mentions reports whether a text names a person.
func mentions(lower string, words []string, id history.Identity) bool {
	email := strings.ToLower(id.Email)
	if email != "" && strings.Contains(lower, email) {
		return true
	}
	if login, ok := strings.CutSuffix(email, "@users.noreply.github.com"); ok {
		if _, after, found := strings.Cut(login, "+"); found {
			login = after
		}
		if login != "" && strings.Contains(lower, "@"+login) {
			return true
		}
	}
	nw := textfold.Words(id.Name)
	if len(nw) == 1 && len(nw[0]) < 3 {
		return false
	}
	return textfold.ContainsPhrase(words, nw)
}

// entry finds a matched file of the walk by path.
func (r *run) entry(p string) (source.Entry, bool) {
	for _, m := range r.matched {
		for _, e := range m {
			if e.Path == p && (e.Kind == source.File || e.Kind == source.Executable) {
				return e, true
			}
		}
	}
	return source.Entry{}, false
}
