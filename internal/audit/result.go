package audit

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/passation/passation/internal/finding"
	"github.com/passation/passation/internal/i18n"
	"github.com/passation/passation/internal/syserr"
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

// resultWords are the errors of reading and merging audit documents, in
// both languages.
var resultWords = i18n.Text{
	"json-big":     {"%s: larger than %d MiB: not an audit document passation wrote", "%s : plus de %d Mio : ce n'est pas un document d'audit écrit par passation"},
	"json-bad":     {"%s: not an audit document: %s", "%s : ce n'est pas un document d'audit : %s"},
	"json-schema":  {"%s: schema %q: expected %q (a report.json written by passation audit)", "%s : schéma « %s » : attendu « %s » (un report.json écrit par passation audit)"},
	"json-invalid": {"%s: %s: expected a report.json written by passation audit, unedited", "%s : %s : attendu un report.json écrit par passation audit, non modifié"},
	"v-cohort":     {`"cohort" is %d, expected 0 to %d`, "« cohort » vaut %d, attendu de 0 à %d"},
	"v-repos":      {`%d repositories for a "cohort" of %d`, "nombre de dépôts (%d) supérieur à « cohort » (%d)"},
	"v-shard":      {`"shard" is %d/%d, expected K/N with 1 ≤ K ≤ N`, "« shard » vaut %d/%d, attendu K/N avec 1 ≤ K ≤ N"},
	"v-index":      {`repository %d (%q) has index %d, expected 0 to %d`, "le dépôt n° %d (« %s ») a l'indice %d, attendu de 0 à %d"},
	"v-neither":    {`repository %d (%q) has neither, expected either "report" or "error"`, "le dépôt n° %d (« %s ») n'a ni « report » ni « error », attendu l'un des deux"},
	"v-both":       {`repository %d (%q) has both, expected either "report" or "error"`, "le dépôt n° %d (« %s ») a « report » et « error », attendu l'un des deux"},
	"merge-none":   {"nothing to merge: expected shard files written by passation audit --shard", "rien à réunir : attendu les fichiers des tranches écrits par passation audit --shard"},
	"merge-cohort": {"%s: a cohort of %d repositories, but %s has %d: shards of different lists", "%s : une cohorte de taille %d, mais %s de taille %d : tranches de listes différentes"},
	"merge-lang":   {"%s: language %q, but %s has %q: run every shard with the same --lang", "%s : langue « %s », mais %s a « %s » : lancez chaque tranche avec le même --lang"},
	"merge-items":  {"%s: checklist items differ from %s: run every shard with the same version and profiles", "%s : les éléments de la liste diffèrent de ceux de %s : lancez chaque tranche avec la même version et les mêmes profils"},
	"merge-tool":   {"%s: written by %s %s, but %s by %s %s: run every shard with the same version", "%s : écrit par %s %s, mais %s par %s %s : lancez chaque tranche avec la même version"},
	"merge-dup":    {"%s: repository %d (%s) is also in %s: the same shard given twice?", "%s : le dépôt n° %d (%s) est aussi dans %s : la même tranche donnée deux fois ?"},
	"merge-all":    {", … (%d in all)", ", … (%d en tout)"},
	"none":         {"", ""},
	"merge-missing": {"repositories %s%s of the cohort of %d are in none of the files: a shard is missing",
		"les dépôts n° %s%s de la cohorte de %d ne sont dans aucun fichier : il manque une tranche"},
}

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
			return nil, resultWords.Errorf("json-big", name, MaxDocument>>20)
		}
		return nil, resultWords.Wrap(err, "json-bad", name, syserr.Of(err))
	}
	if r.Schema != Schema {
		return nil, resultWords.Errorf("json-schema", name, r.Schema, Schema)
	}
	if err := r.validate(); err != nil {
		return nil, resultWords.Wrap(err, "json-invalid", name, err)
	}
	return &r, nil
}

func (r *Result) validate() error {
	switch {
	case r.Cohort < 0 || r.Cohort > MaxCohort:
		return resultWords.Errorf("v-cohort", r.Cohort, MaxCohort)
	case len(r.Repositories) > r.Cohort:
		return resultWords.Errorf("v-repos", len(r.Repositories), r.Cohort)
	case r.Shard != nil && (r.Shard.N < 1 || r.Shard.K < 1 || r.Shard.K > r.Shard.N || r.Shard.N > MaxCohort):
		return resultWords.Errorf("v-shard", r.Shard.K, r.Shard.N)
	}
	for i, repo := range r.Repositories {
		switch {
		case repo.Index < 0 || repo.Index >= r.Cohort:
			return resultWords.Errorf("v-index", i+1, repo.Name, repo.Index, r.Cohort-1)
		case (repo.Report == nil) == (repo.Error == nil):
			return resultWords.Errorf(map[bool]string{true: "v-neither", false: "v-both"}[repo.Report == nil], i+1, repo.Name)
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
		return nil, resultWords.Errorf("merge-none")
	}
	first := parts[0]
	out := &Result{Schema: Schema, Tool: first.Tool, Lang: first.Lang, Date: first.Date, Deadline: first.Deadline, OrgDefaults: first.OrgDefaults, Cohort: first.Cohort, Items: first.Items}
	from := map[int]string{}
	itemsKey := itemKey(first.Items)
	for i, p := range parts {
		switch {
		case p.Cohort != first.Cohort:
			return nil, resultWords.Errorf("merge-cohort", names[i], p.Cohort, names[0], first.Cohort)
		case p.Lang != first.Lang:
			return nil, resultWords.Errorf("merge-lang", names[i], p.Lang, names[0], first.Lang)
		case itemKey(p.Items) != itemsKey:
			return nil, resultWords.Errorf("merge-items", names[i], names[0])
		case p.Tool != first.Tool:
			return nil, resultWords.Errorf("merge-tool", names[i], p.Tool.Name, p.Tool.Version, names[0], first.Tool.Name, first.Tool.Version)
		}
		for _, repo := range p.Repositories {
			if prev, dup := from[repo.Index]; dup {
				return nil, resultWords.Errorf("merge-dup", names[i], repo.Index+1, repo.Name, prev)
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
		all := resultWords.Errorf("merge-all", n)
		if n <= len(missing) {
			all = resultWords.Errorf("none")
		}
		return nil, resultWords.Errorf("merge-missing", list, all, out.Cohort)
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
