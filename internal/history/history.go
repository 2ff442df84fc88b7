// Package history reads what a repository's past says about a handover:
// when it last changed, who worked on it lately, when its documents last
// changed compared with its code, and what was released.
//
// It walks the history once per run, newest commit first (committer time),
// and stops as soon as the request is answered: never one path-filtered log
// per file, which is slow and, in go-git's default order, wrong. A shallow
// clone is not an error: the facts say how far the history went.
package history

import (
	"container/heap"
	"errors"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/plumbing/storer"

	"github.com/passation/passation/internal/textfold"
)

// Request says what the rules of one run need from the history, so that one
// walk serves them all. The zero value asks only for the checked commit.
type Request struct {
	// Since asks for the authors of the commits made at or after it
	// (committer time). Zero: no authors.
	Since time.Time
	// Paths asks for the last change of each of these files of the checked
	// tree.
	Paths []string
	// IsCode tells which files are code. When set, the last change to code
	// is looked for.
	IsCode func(path string) bool
	// SkipDir tells the folders whose files never count as code (bundled
	// copies of other projects). Nil: none.
	SkipDir func(path string) bool
	// Tags asks for the tags and release-like branches.
	Tags bool
	// A path unchanged for StaleCommits commits and StaleLag before the
	// last change to code is stale whatever its exact date: once the walk
	// has read GiveUpAfter commits, it stops looking for it there
	// (Change.Before), so that a document untouched for years does not cost
	// a walk of the whole history. Zero: look until found.
	StaleLag     Period
	StaleCommits int
}

// Facts is what one walk found.
type Facts struct {
	// Head is the checked commit.
	Head Commit
	// Shallow is set when the repository is a shallow clone.
	Shallow bool
	// Truncated is set when the walk reached a commit whose parents are not
	// in the repository (the boundary of a shallow clone): what lies beyond
	// is not in the facts. Depth is, for a truncated walk or a shallow
	// clone, the number of commits from Head down to the boundary along
	// first parents.
	Truncated bool
	Depth     int
	// Walked counts the commits read.
	Walked int
	// WindowComplete is set when every commit made since Request.Since was
	// seen.
	WindowComplete bool
	// People are the authors of the commits made since Request.Since, by
	// mailmap-normalised e-mail, most commits first.
	People []Person
	// Changes holds the last change of each requested path, when found.
	Changes map[string]Change
	// Code is the last change to a code file, nil when none was found;
	// CodeKnown is false when the walk was truncated before it could tell.
	Code      *Change
	CodeKnown bool
	// Tags lists the tags and release-like branches whose commit is not
	// newer than Head, newest first.
	Tags []Tag
	// MailmapErr says why .mailmap could not be used, if it could not.
	MailmapErr error
}

// Identity is a name and an e-mail address, as written in a commit or
// corrected by .mailmap.
type Identity struct {
	Name  string
	Email string
}

func (id Identity) String() string {
	switch {
	case id.Email == "":
		return id.Name
	case id.Name == "":
		return "<" + id.Email + ">"
	}
	return id.Name + " <" + id.Email + ">"
}

// Commit is one commit as the rules quote it.
type Commit struct {
	Hash   string
	When   time.Time // committer date: when it reached the branch
	Author Identity  // mailmap-normalised
}

// Person is one author of recent commits.
type Person struct {
	Identity
	// Bot is set for automated accounts (dependabot, renovate, CI), which
	// are no one to hand over to.
	Bot bool
	// Dates are the committer dates of their commits since Request.Since,
	// newest first.
	Dates []time.Time
}

// Change is the last change of a file, or of the code.
type Change struct {
	Commit Commit
	// Commits counts the commits, merges aside, made after this one up to
	// the checked commit.
	Commits int
	// Before is set when the walk stopped looking (Request.StaleLag): the
	// last change is Commit or an older one.
	Before bool
}

// Tag is a tag, or a release-like branch (release/*, releases/*, release-*).
type Tag struct {
	Name   string
	Branch bool
	Commit string
	// When is the tagger date of an annotated tag, else the commit date.
	When time.Time
}

// Store is the part of a repository's storage that the history is read
// from: its objects, its references (for tags) and its shallow boundary.
// source.CommitTree.Store gives it; go-git's storages implement it.
type Store interface {
	storer.EncodedObjectStorer
	storer.ReferenceStorer
	storer.ShallowStorer
}

// Source is the history of one commit of one repository: what check needs
// to judge history rules, built by the pipeline for commit trees and by the
// cohort audit for its clones.
type Source struct {
	store  Store
	commit plumbing.Hash
}

// New returns the history of commit in store. Open the repository with its
// pack files kept open (filesystem.Options.KeepDescriptors, as
// source.OpenRepo does): go-git otherwise reopens a pack file for every
// object, which is most of the cost of a long walk.
func New(store Store, commit plumbing.Hash) *Source {
	return &Source{store: store, commit: commit}
}

// Facts walks the history once and answers req.
func (s *Source) Facts(req Request) (*Facts, error) {
	return Collect(s.store, s.commit, req)
}

// Collect walks the history of commit in st once, newest first, and
// answers req.
func Collect(st Store, commit plumbing.Hash, req Request) (*Facts, error) {
	head, err := object.GetCommit(st, commit)
	if err != nil {
		return nil, fmt.Errorf("read commit %s: %w", commit, err)
	}
	w := &walker{
		store: st, req: req,
		facts:   &Facts{Changes: map[string]Change{}},
		people:  map[string]*Person{},
		names:   map[string]map[string]bool{},
		pending: map[string]bool{},
		under:   map[string]int{},
		trees:   newTreeCache(),
	}
	shallow, err := st.Shallow()
	if err != nil {
		return nil, fmt.Errorf("read the shallow boundary: %w", err)
	}
	w.shallow = make(map[plumbing.Hash]bool, len(shallow))
	for _, h := range shallow {
		w.shallow[h] = true
	}
	w.facts.Shallow = len(shallow) > 0
	w.mailmap, w.facts.MailmapErr = readMailmap(head)
	w.facts.Head = w.commit(head)
	headTree, err := head.Tree()
	if err != nil {
		return nil, fmt.Errorf("read the tree of %s: %w", commit, err)
	}
	for _, p := range req.Paths {
		if _, err := headTree.FindEntry(p); err != nil {
			// Not a file of the checked commit: it has no last change to
			// find, and looking for one would walk the whole history.
			continue
		}
		if !w.pending[p] {
			w.pending[p] = true
			for d := parentDir(p); d != ""; d = parentDir(d) {
				w.under[d]++
			}
			w.under[""]++
		}
	}
	if err := w.walk(head); err != nil {
		return nil, err
	}
	if req.Tags {
		if w.facts.Tags, err = tags(st, head); err != nil {
			return nil, err
		}
	}
	return w.facts, nil
}

// walker is the state of one walk.
type walker struct {
	store   Store
	req     Request
	facts   *Facts
	mailmap *Mailmap
	shallow map[plumbing.Hash]bool
	people  map[string]*Person
	// names are the names each address committed under, folded: one name
	// on two addresses is one person (as git shortlog counts).
	names map[string]map[string]bool
	// pending are the requested paths whose last change is not found yet;
	// under counts them per folder ("" is the root), to prune tree diffs.
	pending map[string]bool
	under   map[string]int
	// commits counts the commits seen so far, merges aside.
	commits int
	trees   *treeCache
}

func (w *walker) commit(c *object.Commit) Commit {
	return Commit{
		Hash:   c.Hash.String(),
		When:   c.Committer.When,
		Author: w.mailmap.Resolve(Identity{Name: c.Author.Name, Email: c.Author.Email}),
	}
}

// needsTrees says whether commits still have to be compared with their
// parents: a requested path's or the code's last change is still unknown.
func (w *walker) needsTrees() bool {
	return len(w.pending) > 0 || (w.req.IsCode != nil && w.facts.Code == nil)
}

func (w *walker) walk(head *object.Commit) error {
	q := &commitQueue{}
	seen := map[plumbing.Hash]bool{head.Hash: true}
	heap.Push(q, head)
	windowDone := w.req.Since.IsZero()
	// windowCut is set when history is missing inside the window.
	windowCut := false
	older := 0
	for q.Len() > 0 {
		c := heap.Pop(q).(*object.Commit)
		if !windowDone && c.Committer.When.Before(w.req.Since) {
			// Committer-time order: every commit still to come is older.
			windowDone = true
		}
		w.giveUp(c)
		if windowDone && !w.needsTrees() {
			// A few hundred older commits more, for their names only: they
			// link the addresses of the window's people (cheap: no trees).
			if older >= olderForNames || len(w.people) < 2 {
				break
			}
			older++
			w.name(c)
			// Past the window nothing else is read: a missing or damaged
			// parent there ends nothing the report says.
			if parents, truncated, err := w.parents(c); err == nil && !truncated {
				for _, p := range parents {
					if !seen[p.Hash] {
						seen[p.Hash] = true
						heap.Push(q, p)
					}
				}
			}
			continue
		}
		w.facts.Walked++
		if !windowDone {
			w.author(c)
		} else {
			// Older commits, read for the trees anyway, still link the
			// names and addresses of the people of the window.
			w.name(c)
		}
		parents, truncated, err := w.parents(c)
		if err != nil {
			return err
		}
		if truncated {
			w.facts.Truncated = true
			windowCut = windowCut || !windowDone
			continue
		}
		if w.needsTrees() {
			var first *object.Commit
			if len(parents) > 0 {
				first = parents[0]
			}
			if err := w.compare(c, first); err != nil {
				return err
			}
		}
		if len(parents) <= 1 {
			w.commits++
		}
		for _, p := range parents {
			if !seen[p.Hash] {
				seen[p.Hash] = true
				heap.Push(q, p)
			}
		}
	}
	// A walk that ran out of commits without missing any saw everything.
	w.facts.WindowComplete = (windowDone || !w.facts.Truncated) && !windowCut
	w.facts.CodeKnown = w.facts.Code != nil || !w.facts.Truncated
	if w.facts.Truncated || w.facts.Shallow {
		w.facts.Depth = w.depth(head)
	}
	w.facts.People = sortPeople(samePeople(w.people, w.names))
	return nil
}

// GiveUpAfter is how many commits the walk reads before it may stop
// looking for stale paths: below it, their dates are exact; above it, the
// cost of the walk no longer grows with the age of a forgotten document.
const GiveUpAfter = 2000

// giveUpAfter is GiveUpAfter, lowered by tests.
var giveUpAfter = GiveUpAfter

// giveUp stops looking for the pending paths once c is older than the last
// code change by more than the stale thresholds, and the walk is long.
func (w *walker) giveUp(c *object.Commit) {
	code := w.facts.Code
	if len(w.pending) == 0 || code == nil || w.req.StaleLag.IsZero() || w.facts.Walked < giveUpAfter {
		return
	}
	if !w.req.StaleLag.AddTo(c.Committer.When).Before(code.Commit.When) || w.commits-code.Commits < w.req.StaleCommits {
		return
	}
	for p := range w.pending {
		w.facts.Changes[p] = Change{Commit: w.commit(c), Commits: w.commits, Before: true}
	}
	clear(w.pending)
	clear(w.under)
}

// parents reads the parents of c. truncated is set when c is at the
// boundary of a shallow clone or its parents are missing.
func (w *walker) parents(c *object.Commit) ([]*object.Commit, bool, error) {
	if w.shallow[c.Hash] {
		return nil, true, nil
	}
	out := make([]*object.Commit, 0, len(c.ParentHashes))
	for _, h := range c.ParentHashes {
		p, err := object.GetCommit(w.store, h)
		if errors.Is(err, plumbing.ErrObjectNotFound) {
			return nil, true, nil
		}
		if err != nil {
			return nil, false, fmt.Errorf("read commit %s: %w", h, err)
		}
		out = append(out, p)
	}
	return out, false, nil
}

// depth counts the commits from head down to the missing history, along
// first parents.
func (w *walker) depth(head *object.Commit) int {
	n := 0
	for c := head; c != nil; {
		n++
		if w.shallow[c.Hash] || len(c.ParentHashes) == 0 {
			break
		}
		p, err := object.GetCommit(w.store, c.ParentHashes[0])
		if err != nil {
			break
		}
		c = p
	}
	return n
}

// identity is a commit's author as .mailmap corrects it, and the key of
// the person: the address, or the name when there is none.
func (w *walker) identity(c *object.Commit) (Identity, string) {
	id := w.mailmap.Resolve(Identity{Name: c.Author.Name, Email: c.Author.Email})
	if id.Email == "" {
		return id, "name:" + strings.ToLower(id.Name)
	}
	return id, strings.ToLower(id.Email)
}

func (w *walker) author(c *object.Commit) {
	id, key := w.identity(c)
	p := w.people[key]
	if p == nil {
		// The newest name a person used is the one to show.
		p = &Person{Identity: id, Bot: isBot(id)}
		w.people[key] = p
	}
	p.Dates = append(p.Dates, c.Committer.When)
	w.addName(key, id.Name)
}

// name records the name an older commit's author used at an address.
func (w *walker) name(c *object.Commit) {
	id, key := w.identity(c)
	if id.Email == "" {
		return // a name alone links no address
	}
	if len(w.names) < maxNamedAddresses || w.names[key] != nil {
		w.addName(key, id.Name)
	}
}

// olderForNames is how many commits older than the window are read for
// their authors' names alone.
const olderForNames = 500

// maxNamedAddresses bounds what the older commits add to the names, so
// that a long history's many authors keep the memory small.
const maxNamedAddresses = 10000

func (w *walker) addName(key, name string) {
	folded := strings.Join(textfold.Words(name), " ")
	if folded == "" {
		return
	}
	if w.names[key] == nil {
		w.names[key] = map[string]bool{}
	}
	w.names[key][folded] = true
}

// samePeople merges the addresses linked by a name they share, however
// far: "gschittek <g.s@a>" and "Gabin Schittek <g.s@a>" and "Gabin
// Schittek <GS@a>" are one person. The identity shown is the one of the
// newest commit; the dates are all of theirs, newest first.
func samePeople(people map[string]*Person, names map[string]map[string]bool) map[string]*Person {
	parent := map[string]string{}
	var root func(k string) string
	root = func(k string) string {
		if p, ok := parent[k]; ok && p != k {
			r := root(p)
			parent[k] = r
			return r
		}
		return k
	}
	byName := map[string]string{}
	for _, k := range slices.Sorted(maps.Keys(people)) {
		parent[k] = k
		for _, n := range slices.Sorted(maps.Keys(names[k])) {
			if other, ok := byName[n]; ok {
				parent[root(k)] = root(other)
			} else {
				byName[n] = k
			}
		}
	}
	out := map[string]*Person{}
	for _, k := range slices.Sorted(maps.Keys(people)) {
		p, r := people[k], root(k)
		m := out[r]
		if m == nil {
			out[r] = &Person{Identity: p.Identity, Bot: p.Bot, Dates: slices.Clone(p.Dates)}
			continue
		}
		if len(p.Dates) > 0 && (len(m.Dates) == 0 || p.Dates[0].After(m.Dates[0])) {
			m.Identity = p.Identity
		}
		m.Bot = m.Bot || p.Bot
		m.Dates = append(m.Dates, p.Dates...)
		slices.SortFunc(m.Dates, func(a, b time.Time) int { return b.Compare(a) })
	}
	return out
}

// isBot recognises the automated accounts of forges and dependency tools.
func isBot(id Identity) bool {
	n, e := strings.ToLower(id.Name), strings.ToLower(id.Email)
	if strings.HasSuffix(n, "[bot]") || strings.Contains(e, "[bot]@") || e == "noreply@github.com" {
		return true
	}
	for _, b := range []string{"dependabot", "renovate", "github-actions", "gitlab-bot", "greenkeeper", "snyk-bot", "pre-commit-ci", "semantic-release"} {
		if strings.Contains(n, b) || strings.HasPrefix(e, b) {
			return true
		}
	}
	// An organisation's own robot: "Social Groovy Bot", "ci-bot",
	// "12345+SocialGroovyBot@users.noreply.github.com".
	words := strings.FieldsFunc(n, func(r rune) bool { return r == ' ' || r == '-' || r == '_' || r == '.' })
	local, _, _ := strings.Cut(id.Email, "@")
	return len(words) > 0 && words[len(words)-1] == "bot" ||
		strings.HasSuffix(e, "@users.noreply.github.com") &&
			(strings.HasSuffix(local, "Bot") || strings.HasSuffix(local, "-bot") || strings.HasSuffix(local, "_bot"))
}

func sortPeople(m map[string]*Person) []Person {
	out := make([]Person, 0, len(m))
	for _, p := range m {
		out = append(out, *p)
	}
	sort.Slice(out, func(i, j int) bool {
		if len(out[i].Dates) != len(out[j].Dates) {
			return len(out[i].Dates) > len(out[j].Dates)
		}
		return strings.ToLower(out[i].Email) < strings.ToLower(out[j].Email)
	})
	return out
}

// commitQueue orders commits newest first by committer time (hash order
// between equals, for a deterministic walk).
type commitQueue []*object.Commit

func (q commitQueue) Len() int { return len(q) }
func (q commitQueue) Less(i, j int) bool {
	ti, tj := q[i].Committer.When, q[j].Committer.When
	if !ti.Equal(tj) {
		return ti.After(tj)
	}
	return q[i].Hash.String() < q[j].Hash.String()
}
func (q commitQueue) Swap(i, j int) { q[i], q[j] = q[j], q[i] }
func (q *commitQueue) Push(x any)   { *q = append(*q, x.(*object.Commit)) }
func (q *commitQueue) Pop() any {
	old := *q
	c := old[len(old)-1]
	*q = old[:len(old)-1]
	return c
}

func parentDir(p string) string {
	if i := strings.LastIndexByte(p, '/'); i >= 0 {
		return p[:i]
	}
	return ""
}
