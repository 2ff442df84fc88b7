package evidence

import (
	"fmt"
	"strings"
	"time"

	"github.com/passation/passation/internal/catalog"
	"github.com/passation/passation/internal/document"
	"github.com/passation/passation/internal/finding"
	"github.com/passation/passation/internal/history"
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
	rule catalog.Rule
	path string
}

// documents lists the files that satisfied the rules of documentsOf in this
// run (a section counts for its file), by the rules' own tree evidence.
// Rules that are not selected are left out.
func (d *freshnessEvidence) documents(r Run) []ruleDoc {
	var out []ruleDoc
	for _, id := range d.documentsOf {
		rule, found, ok := r.Found(id)
		if !ok {
			continue
		}
		seen := map[string]bool{}
		for _, ev := range found {
			// Only files of the tree have a history: not a URL declared
			// elsewhere, nor a fact without a path.
			if _, inTree := r.Entry(ev.Path); inTree && !seen[ev.Path] {
				seen[ev.Path] = true
				out = append(out, ruleDoc{rule: rule, path: ev.Path})
			}
		}
	}
	return out
}

func (d *freshnessEvidence) Describe(lang string) string {
	return fmt.Sprintf(historyWords.For(lang, "desc-fresh", d.maxCommits), strings.Join(d.documentsOf, ", "), periodIn(d.maxLag, lang), d.maxCommits)
}

func (d *freshnessEvidence) Request(r Run, req *history.Request) {
	for _, doc := range d.documents(r) {
		req.Paths = append(req.Paths, doc.path)
	}
	req.IsCode = document.IsSource
	req.SkipDir = r.SkipDir
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
func (d *freshnessEvidence) Evaluate(r Run) Outcome {
	f, err := r.History()
	if err != nil {
		return Outcome{Err: err}
	}
	lang := r.Lang()
	docs := d.documents(r)
	if len(docs) == 0 {
		return Outcome{Err: historyWords.Errorf("fresh-nodocs", strings.Join(d.documentsOf, ", "))}
	}
	if !f.CodeKnown {
		return Outcome{Err: truncated(f)}
	}
	if f.Code == nil {
		// Nothing to lag behind: each document passes, named.
		var found []finding.Evidence
		for _, doc := range docs {
			found = append(found, finding.Evidence{Path: doc.path, Detail: fmt.Sprintf(historyWords.In(lang, "labelled"), doc.rule.Title.In(lang), historyWords.In(lang, "fresh-nocode"))})
		}
		return Outcome{Found: found}
	}
	code := *f.Code
	warn := map[string]bool{}
	for _, id := range d.warnFor {
		warn[id] = true
	}
	// freshDocs count; staleAll are shown as refused (--explain), so that a
	// passing verdict never lists a document two years behind as counting.
	var freshDocs, staleAll, staleDocs []finding.Evidence
	// fresh tells, per warned rule, whether one of its documents is fresh.
	fresh := map[string]bool{}
	warned := map[string]bool{}
	for _, doc := range docs {
		ch, ok := f.Changes[doc.path]
		if !ok {
			if warn[doc.rule.ID] {
				return Outcome{Err: truncated(f)}
			}
			continue
		}
		stale, detail := d.judgeDoc(ch, code, lang)
		ev := finding.Evidence{Path: doc.path, Detail: fmt.Sprintf(historyWords.In(lang, "labelled"), doc.rule.Title.In(lang), detail)}
		if stale {
			staleAll = append(staleAll, ev)
		} else {
			freshDocs = append(freshDocs, ev)
		}
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
			return Outcome{Rejected: staleDocs}
		}
	}
	if len(freshDocs) == 0 {
		// Only documents of items that warn nothing, all behind: the
		// verdict still passes, and names them.
		return Outcome{Found: staleAll}
	}
	return Outcome{Found: freshDocs, Rejected: staleAll}
}

// judgeDoc says whether a document's last change is stale compared with
// the code's, and describes it.
func (d *freshnessEvidence) judgeDoc(ch, code history.Change, lang string) (bool, string) {
	between := ch.Commits - code.Commits
	lag := code.Commit.When.Sub(ch.Commit.When)
	switch {
	case ch.Before:
		// The walk gave up on it at the thresholds: stale for every rule.
		return true, fmt.Sprintf(historyWords.In(lang, "fresh-unchanged"), span(lag, lang), count(between, "commit", lang), day(code.Commit.When))
	case !ch.Commit.When.Before(code.Commit.When):
		return false, fmt.Sprintf(historyWords.In(lang, "fresh-after"), day(ch.Commit.When))
	}
	stale := d.maxLag.AddTo(ch.Commit.When).Before(code.Commit.When) && between >= d.maxCommits
	return stale, fmt.Sprintf(historyWords.In(lang, "fresh-before"), day(ch.Commit.When), span(lag, lang), count(between, "commit", lang), day(code.Commit.When))
}

func (d *freshnessEvidence) Annotate(r Run, rule catalog.Rule, res *finding.Result) {
	lang := r.Lang()
	vals := d.Params(lang)
	switch res.Status {
	case finding.Pass:
		res.Message = Expand(historyWords.In(lang, "fresh-pass"), vals)
	case finding.Fail:
		res.Message = Expand(rule.Message.In(lang), vals)
	}
}

func (d *freshnessEvidence) Params(lang string) map[string]string {
	return map[string]string{"max-lag": periodIn(d.maxLag, lang), "max-commits": fmt.Sprint(d.maxCommits)}
}

// maintainerHint never makes its rule pass: it adds what the history says
// about maintainers to the verdict. When none is declared, the hint names
// the most active recent committers; when one is, the message says whether
