package audit

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/passation/passation/internal/finding"
)

// Schema identifies the audit document (report.json and shard files).
const Schema = "passation-audit/v1"

// Result is a whole audit: the checklist items that are the matrix's
// columns, and one entry per repository in cohort order. It holds no
// timing and no temporary path, so the same cohort gives the same document.
type Result struct {
	Schema string       `json:"schema"`
	Tool   finding.Tool `json:"tool"`
	Lang   string       `json:"lang"`
	// Date is the day of the audit (YYYY-MM-DD), what a later audit's
	// changes are dated from; absent when the audit had no clock.
	Date string `json:"date,omitempty"`
	// Deadline is the day the cohort works towards, when the list or
	// --deadline gives one.
	Deadline *Deadline `json:"deadline,omitempty"`
	// Cohort is the number of repositories of the whole list; a shard holds
	// only some of them.
	Cohort int `json:"cohort"`
	// Shard is set on a shard's document, and absent once merged.
	Shard        *Shard       `json:"shard,omitempty"`
	Items        []Item       `json:"items"`
	Totals       []Total      `json:"totals"`
	Repositories []Repository `json:"repositories"`
	// OrgDefaults is what the organisation's .github repository provides,
	// when the cohort was listed from a GitHub organisation.
	OrgDefaults *OrgDefaults `json:"org_defaults,omitempty"`
	// Changes compares with an earlier audit (--baseline); absent without.
	Changes *Changes `json:"changes,omitempty"`
}

// Item is one checklist item, a column of the matrix.
type Item struct {
	Rule     string           `json:"rule"`
	Group    string           `json:"group"`
	Severity finding.Severity `json:"severity"`
	Title    string           `json:"title"`
}

// Total counts one item's verdicts over the repositories that were audited
// with a profile containing it.
type Total struct {
	Rule   string `json:"rule"`
	Pass   int    `json:"pass"`
	Fail   int    `json:"fail"`
	Skip   int    `json:"skip"`
	Waived int    `json:"waived"`
	// Percent is the share of decided repositories (pass + fail) that pass,
	// rounded; -1 when none decided.
	Percent int `json:"percent"`
}

// Repository is one audited (or failed) repository.
type Repository struct {
	Index     int    `json:"index"`
	Name      string `json:"name"`
	Team      string `json:"team,omitempty"`
	Challenge string `json:"challenge,omitempty"`
	// URL is as listed, with any credential hidden.
	URL     string `json:"url"`
	Ref     string `json:"ref,omitempty"`
	Profile string `json:"profile"`
	Lang    string `json:"lang,omitempty"`
	// Error is set when the repository could not be audited; Report is then
	// absent.
	Error *Failure `json:"error,omitempty"`
	// Notes are limits met while checking: a walk stopped at --max-files, a
	// file read only in part.
	Notes  []string        `json:"notes,omitempty"`
	Report *finding.Report `json:"report,omitempty"`
	// OrgDefaults are the items this repository misses that GitHub shows
	// from the organisation's .github repository (see Result.OrgDefaults).
	OrgDefaults []string `json:"org_defaults,omitempty"`

	// commitsSince counts the commits since the baseline's, when known.
	commitsSince *int
}

// Result returns the verdict of rule on this repository, if it was checked.
func (r *Repository) Result(rule string) (finding.Result, bool) {
	if r.Report == nil {
		return finding.Result{}, false
	}
	for _, res := range r.Report.Results {
		if res.Rule == rule {
			return res, true
		}
	}
	return finding.Result{}, false
}

// Failed counts the repositories that could not be audited.
func (r *Result) Failed() int {
	n := 0
	for _, repo := range r.Repositories {
		if repo.Error != nil {
			n++
		}
	}
	return n
}

// finish sorts repositories into cohort order and computes the totals.
func (r *Result) finish() {
	sort.SliceStable(r.Repositories, func(i, j int) bool { return r.Repositories[i].Index < r.Repositories[j].Index })
	r.Totals = make([]Total, len(r.Items))
	for i, it := range r.Items {
		t := Total{Rule: it.Rule}
		for k := range r.Repositories {
			res, ok := r.Repositories[k].Result(it.Rule)
			if !ok {
				continue
			}
			switch res.Status {
			case finding.Pass:
				t.Pass++
			case finding.Fail:
				t.Fail++
			case finding.Skip:
				t.Skip++
			case finding.Waived:
				t.Waived++
			}
		}
		t.Percent = -1
		if d := t.Pass + t.Fail; d > 0 {
			t.Percent = (t.Pass*100 + d/2) / d
		}
		r.Totals[i] = t
	}
}

// WriteJSON writes the document, indented, with a final newline.
func (r *Result) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(r)
}

// Bounds of an audit document read back: far above any real cohort, low
// enough that a damaged or crafted file cannot exhaust memory.
const (
	// MaxDocument is the largest report.json or shard file read, in bytes.
	MaxDocument = 1 << 30
	// MaxCohort is the largest cohort a document may claim.
	MaxCohort = 100_000
)

// ReadJSON reads an audit document (a report.json or a shard), checks its
// schema and that it is whole: a cohort size and shard within bounds, every
// repository's index in the cohort, and each repository with either its
// report or its error. Errors name the file and what is wrong.
func ReadJSON(name string, rd io.Reader) (*Result, error) {
	var r Result
	lim := &io.LimitedReader{R: rd, N: MaxDocument + 1}
	dec := json.NewDecoder(lim)
	if err := dec.Decode(&r); err != nil {
		if lim.N <= 0 {
			return nil, fmt.Errorf("%s: larger than %d MiB: not an audit document passation wrote", name, MaxDocument>>20)
		}
		return nil, fmt.Errorf("%s: not an audit document: %w", name, err)
	}
	if r.Schema != Schema {
		return nil, fmt.Errorf("%s: schema %q: expected %q (a report.json written by passation audit)", name, r.Schema, Schema)
	}
	if err := r.validate(); err != nil {
		return nil, fmt.Errorf("%s: %w: expected a report.json written by passation audit, unedited", name, err)
	}
	return &r, nil
}

func (r *Result) validate() error {
	switch {
	case r.Cohort < 0 || r.Cohort > MaxCohort:
		return fmt.Errorf(`"cohort" is %d, expected 0 to %d`, r.Cohort, MaxCohort)
	case len(r.Repositories) > r.Cohort:
		return fmt.Errorf(`%d repositories for a "cohort" of %d`, len(r.Repositories), r.Cohort)
	case r.Shard != nil && (r.Shard.N < 1 || r.Shard.K < 1 || r.Shard.K > r.Shard.N || r.Shard.N > MaxCohort):
		return fmt.Errorf(`"shard" is %d/%d, expected K/N with 1 ≤ K ≤ N`, r.Shard.K, r.Shard.N)
	}
	for i, repo := range r.Repositories {
		switch {
		case repo.Index < 0 || repo.Index >= r.Cohort:
			return fmt.Errorf(`repository %d (%q) has index %d, expected 0 to %d`, i+1, repo.Name, repo.Index, r.Cohort-1)
		case (repo.Report == nil) == (repo.Error == nil):
			return fmt.Errorf(`repository %d (%q) has %s, expected either "report" or "error"`, i+1, repo.Name, map[bool]string{true: "neither", false: "both"}[repo.Report == nil])
		}
	}
	return nil
}

// Compare sets the changes of r since an earlier audit, as --baseline does
// for a whole audit; the commits in between are unknown here, since no
// repository is fetched (report merge).
func (r *Result) Compare(prev *Result, name string) {
	r.Changes = compare(prev, name, r, nil)
}

// Merge joins shard documents into the document the whole audit would have
// written. Each named part must come from the same cohort and settings; every
// repository of the cohort must be in exactly one part.
func Merge(names []string, parts []*Result) (*Result, error) {
	if len(parts) == 0 {
		return nil, errors.New("nothing to merge: expected shard files written by passation audit --shard")
	}
	first := parts[0]
	out := &Result{Schema: Schema, Tool: first.Tool, Lang: first.Lang, Date: first.Date, Deadline: first.Deadline, OrgDefaults: first.OrgDefaults, Cohort: first.Cohort, Items: first.Items}
	from := map[int]string{}
	itemsKey := itemKey(first.Items)
	for i, p := range parts {
		switch {
		case p.Cohort != first.Cohort:
			return nil, fmt.Errorf("%s: a cohort of %d repositories, but %s has %d: shards of different lists", names[i], p.Cohort, names[0], first.Cohort)
		case p.Lang != first.Lang:
			return nil, fmt.Errorf("%s: language %q, but %s has %q: run every shard with the same --lang", names[i], p.Lang, names[0], first.Lang)
		case itemKey(p.Items) != itemsKey:
			return nil, fmt.Errorf("%s: checklist items differ from %s: run every shard with the same version and profiles", names[i], names[0])
		case p.Tool != first.Tool:
			return nil, fmt.Errorf("%s: written by %s %s, but %s by %s %s: run every shard with the same version", names[i], p.Tool.Name, p.Tool.Version, names[0], first.Tool.Name, first.Tool.Version)
		}
		for _, repo := range p.Repositories {
			if prev, dup := from[repo.Index]; dup {
				return nil, fmt.Errorf("%s: repository %d (%s) is also in %s: the same shard given twice?", names[i], repo.Index+1, repo.Name, prev)
			}
			from[repo.Index] = names[i]
			out.Repositories = append(out.Repositories, repo)
		}
	}
	// Indices are unique and within the cohort (ReadJSON): what is missing
	// is counted, and only the first ones are looked for.
	if n := out.Cohort - len(from); n > 0 {
		var missing []string
		for i := 0; i < out.Cohort && len(missing) < 10; i++ {
			if _, ok := from[i]; !ok {
				missing = append(missing, fmt.Sprint(i+1))
			}
		}
		list := strings.Join(missing, ", ")
		if n > len(missing) {
			list += fmt.Sprintf(", … (%d in all)", n)
		}
		return nil, fmt.Errorf("repositories %s of the cohort of %d are in none of the files: a shard is missing", list, out.Cohort)
	}
	out.finish()
	return out, nil
}

func itemKey(items []Item) string {
	var b strings.Builder
	for _, it := range items {
		fmt.Fprintf(&b, "%s/%s/%s;", it.Rule, it.Group, it.Severity)
	}
	return b.String()
}
