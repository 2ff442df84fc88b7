package audit

import (
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/passation/passation/internal/finding"
	"github.com/passation/passation/internal/syserr"
)

// Changes compares an audit with an earlier audit of the same cohort (the
// baseline): who moved since, for programme staff who audit every few weeks.
type Changes struct {
	// Baseline is the report.json the earlier audit was read from, as given.
	Baseline string `json:"baseline"`
	// Since is the date of the earlier audit (YYYY-MM-DD); absent when that
	// audit did not record one.
	Since string `json:"since,omitempty"`
	// Repositories follows this audit's cohort order, one entry per
	// repository audited now.
	Repositories []Change `json:"repositories"`
	// Gone lists the repositories of the earlier audit that are no longer
	// in the list.
	Gone []Gone `json:"gone,omitempty"`
}

// Change statuses.
const (
	// ChangeCompared: both audits checked the repository.
	ChangeCompared = "compared"
	// ChangeNew: the repository was not in the earlier audit's list.
	ChangeNew = "new"
	// ChangeUncompared: one of the two audits could not audit it.
	ChangeUncompared = "not-compared"
)

// Change is what moved in one repository.
type Change struct {
	Index  int    `json:"index"`
	Name   string `json:"name"`
	URL    string `json:"url"`
	Status string `json:"status"`
	// Found are the items found now that were missing or undecided then.
	Found []string `json:"found,omitempty"`
	// Lost are the items missing now that were found, undecided or waived
	// then.
	Lost []string `json:"lost,omitempty"`
	// StillMissing are the items missing in both audits.
	StillMissing []string `json:"still_missing,omitempty"`
	// ScoreBefore and ScoreNow are the two scores; absent unless compared.
	ScoreBefore *int `json:"score_before,omitempty"`
	ScoreNow    *int `json:"score_now,omitempty"`
	// FromCommit and ToCommit are the two checked commits.
	FromCommit string `json:"from_commit,omitempty"`
	ToCommit   string `json:"to_commit,omitempty"`
	// Commits counts the commits in between (git rev-list --count
	// FROM..TO); absent when the fetched history does not tell (a shallow
	// clone, a rewritten history).
	Commits *int `json:"commits,omitempty"`
}

// ScoreChange is the score's move, 0 unless compared.
func (c Change) ScoreChange() int {
	if c.ScoreBefore == nil || c.ScoreNow == nil {
		return 0
	}
	return *c.ScoreNow - *c.ScoreBefore
}

// Moved tells whether anything changed in the items.
func (c Change) Moved() bool { return len(c.Found) > 0 || len(c.Lost) > 0 }

// Gone is a repository of the earlier audit no longer listed.
type Gone struct {
	Name string `json:"name"`
	URL  string `json:"url"`
	Ref  string `json:"ref,omitempty"`
}

// ReadBaseline reads the earlier audit: a report.json, or the folder an
// earlier audit wrote into (its --out). Errors name the file and say what
// was expected.
func ReadBaseline(path string) (*Result, string, error) {
	name := path
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		name = filepath.Join(path, "report.json")
	}
	fh, err := os.Open(name)
	if err != nil {
		return nil, name, sentences.Wrap(err, "baseline-open", syserr.Of(err))
	}
	defer fh.Close()
	res, err := ReadJSON(name, fh)
	if err != nil {
		return nil, name, sentences.Wrap(err, "baseline", syserr.Of(err))
	}
	if res.Shard != nil {
		return nil, name, sentences.Errorf("baseline-shard", name, res.Shard.K, res.Shard.N)
	}
	return res, name, nil
}

// repoKey matches a repository across audits: its URL without credential,
// scheme case, trailing slash or .git, and its ref.
func repoKey(rawURL, ref string) string {
	s := strings.TrimSpace(rawURL)
	if u, err := url.Parse(s); err == nil && u.Host != "" {
		u.User = nil
		u.Scheme = strings.ToLower(u.Scheme)
		u.Host = strings.ToLower(u.Host)
		s = u.String()
	}
	s = strings.TrimSuffix(strings.TrimRight(s, "/"), ".git")
	return s + "\x00" + ref
}

// baselineIndex finds an earlier audit's repositories by key.
type baselineIndex map[string]*Repository

func indexBaseline(prev *Result) baselineIndex {
	idx := baselineIndex{}
	if prev == nil {
		return idx
	}
	for i := range prev.Repositories {
		r := &prev.Repositories[i]
		k := repoKey(r.URL, r.Ref)
		if _, dup := idx[k]; !dup {
			idx[k] = r
		}
	}
	return idx
}

// commit is the commit the earlier audit checked for a target, "" if none.
func (idx baselineIndex) commit(t Target) string {
	if r, ok := idx[repoKey(Redact(t.URL, nil), t.Ref)]; ok && r.Report != nil {
		return r.Report.Repository.Commit
	}
	return ""
}

// compare builds the changes of cur since prev; commits holds, by cohort
// index, the commits counted in between while fetching.
func compare(prev *Result, name string, cur *Result, commits map[int]int) *Changes {
	idx := indexBaseline(prev)
	ch := &Changes{Baseline: name, Since: prev.Date, Repositories: []Change{}}
	listed := map[string]bool{}
	for i := range cur.Repositories {
		r := &cur.Repositories[i]
		k := repoKey(r.URL, r.Ref)
		listed[k] = true
		c := Change{Index: r.Index, Name: r.Name, URL: r.URL}
		old, ok := idx[k]
		switch {
		case !ok:
			c.Status = ChangeNew
		case old.Report == nil || r.Report == nil:
			c.Status = ChangeUncompared
		default:
			c.Status = ChangeCompared
			compareResults(&c, old.Report, r.Report)
			if n, ok := commits[r.Index]; ok {
				c.Commits = &n
			}
		}
		ch.Repositories = append(ch.Repositories, c)
	}
	for i := range prev.Repositories {
		r := &prev.Repositories[i]
		if !listed[repoKey(r.URL, r.Ref)] {
			ch.Gone = append(ch.Gone, Gone{Name: r.Name, URL: r.URL, Ref: r.Ref})
		}
	}
	return ch
}

func compareResults(c *Change, before, now *finding.Report) {
	then := map[string]finding.Status{}
	for _, res := range before.Results {
		then[res.Rule] = res.Status
	}
	for _, res := range now.Results {
		was, known := then[res.Rule]
		if !known {
			continue // not in the earlier profile: nothing to compare
		}
		switch {
		case res.Status == finding.Pass && (was == finding.Fail || was == finding.Skip):
			c.Found = append(c.Found, res.Rule)
		case res.Status == finding.Fail && was == finding.Fail:
			c.StillMissing = append(c.StillMissing, res.Rule)
		case res.Status == finding.Fail:
			c.Lost = append(c.Lost, res.Rule)
		}
	}
	b, n := before.Summary.Score, now.Summary.Score
	c.ScoreBefore, c.ScoreNow = &b, &n
	c.FromCommit, c.ToCommit = before.Repository.Commit, now.Repository.Commit
}
