// Package locate says where in a repository a checklist item should be
// shown — on the stub that was found, else on the README heading nearest to
// the missing item, else on the repository root — so that annotations and
// SARIF results land where a person would add the missing text.
package locate

import (
	"sort"
	"strings"

	"github.com/passation/passation/internal/catalog"
	"github.com/passation/passation/internal/document"
	"github.com/passation/passation/internal/finding"
	"github.com/passation/passation/internal/source"
	"github.com/passation/passation/internal/textfold"
)

// Place is a file and a 1-based line of the checked repository. An empty
// Path is the repository root; Line 0 is the whole file.
type Place struct {
	Path string
	Line int
}

// Locator knows the root README of one tree, with its headings.
type Locator struct {
	readme   string // path of the root README, "" when there is none
	titleAt  int    // line of the README's first heading, else 1
	headings []document.Heading
	keywords map[string][]string // rule id → folded words that describe it
}

// New finds the root README of t, reads its headings from docs (the
// documents the check parsed; nil to parse it here) and the words that
// describe each rule. Only the root folder is listed: sub-folders are never
// entered.
func New(t source.Tree, rules []catalog.Rule, docs *document.Cache) *Locator {
	if docs == nil {
		docs = document.NewCache(t, 0)
	}
	l := &Locator{keywords: map[string][]string{}}
	for _, r := range rules {
		l.keywords[r.ID] = keywords(r)
	}
	var root rootFiles
	if err := t.Walk(&root); err != nil {
		return l
	}
	e, ok := root.readme()
	if !ok {
		return l
	}
	l.readme, l.titleAt = e.Path, 1
	d, err := docs.Get(e)
	if err != nil {
		// A README that is a symlink or cannot be read is still the place
		// to point at, as a whole file.
		l.titleAt = 0
		return l
	}
	if d != nil {
		l.headings = d.Headings
	}
	if len(l.headings) > 0 {
		l.titleAt = l.headings[0].Line
	}
	return l
}

// README returns the path of the root README, "" when there is none.
func (l *Locator) README() string { return l.readme }

// For returns the place to show a result: its first evidence with a path
// (what was found, or the stub that does not count), else the README
// heading that shares the most words with the rule, else the README's
// title, else the repository root.
func (l *Locator) For(r finding.Result) Place {
	for _, e := range r.Evidence {
		if e.Path != "" {
			return Place{Path: e.Path, Line: e.Line}
		}
	}
	if l.readme == "" {
		return Place{}
	}
	best, bestScore := l.titleAt, 0
	for _, h := range l.headings {
		if s := score(h.Words, l.keywords[r.Rule]); s > bestScore {
			best, bestScore = h.Line, s
		}
	}
	return Place{Path: l.readme, Line: best}
}

// stopWords carry no meaning on their own in headings and rule titles.
var stopWords = map[string]bool{
	"the": true, "and": true, "for": true, "with": true, "what": true, "when": true,
	"des": true, "les": true, "une": true, "pour": true, "dans": true, "avec": true,
	"sur": true, "par": true, "que": true, "qui": true, "aux": true, "projet": true,
	"project": true, "document": true, "documents": true, "notes": true, "note": true,
}

// keywords are the folded words of a rule's titles and section phrases.
func keywords(r catalog.Rule) []string {
	phrases := []string{r.Title.EN, r.Title.FR}
	for _, ev := range r.Evidence {
		if ev.Kind == "section" {
			phrases = append(phrases, ev.Values...)
		}
	}
	seen := map[string]bool{}
	var out []string
	for _, p := range phrases {
		for _, w := range textfold.Words(p) {
			if len(w) < 4 || stopWords[w] || seen[w] {
				continue
			}
			seen[w] = true
			out = append(out, w)
		}
	}
	return out
}

// score counts the keywords that a heading's words share, allowing for
// inflection: "deploiement" is near "deployer", "installation" near "install".
func score(words, keywords []string) int {
	n := 0
	for _, k := range keywords {
		for _, w := range words {
			if near(w, k) {
				n++
				break
			}
		}
	}
	return n
}

func near(a, b string) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	if len(a) < 4 {
		return false
	}
	if strings.HasPrefix(b, a) {
		return true
	}
	common := 0
	for common < len(a) && a[common] == b[common] {
		common++
	}
	return common >= 6
}

// rootFiles collects the files of the root folder and never enters a
// sub-folder, so listing them costs one tree object.
type rootFiles struct{ files []source.Entry }

func (r *rootFiles) Dir(string) bool { return false }

func (r *rootFiles) File(e source.Entry) {
	if !strings.Contains(e.Path, "/") {
		r.files = append(r.files, e)
	}
}

// readme picks the root README: README.md first, then README, then
// README.rst and the like, then translations (README.fr.md), by name.
func (r *rootFiles) readme() (source.Entry, bool) {
	rank := func(name string) int {
		switch f := textfold.Fold(name); {
		case f == "readme.md" || f == "readme.markdown":
			return 0
		case f == "readme":
			return 1
		case strings.HasPrefix(f, "readme.") && strings.Count(f, ".") == 1:
			return 2 // README.rst, README.txt
		case strings.HasPrefix(f, "readme."):
			return 3 // a translation: README.fr.md
		}
		return -1
	}
	var cands []source.Entry
	for _, e := range r.files {
		if rank(e.Path) >= 0 {
			cands = append(cands, e)
		}
	}
	if len(cands) == 0 {
		return source.Entry{}, false
	}
	sort.SliceStable(cands, func(i, j int) bool {
		ri, rj := rank(cands[i].Path), rank(cands[j].Path)
		if ri != rj {
			return ri < rj
		}
		return cands[i].Path < cands[j].Path
	})
	return cands[0], true
}
