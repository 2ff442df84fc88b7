// Package finding holds the result types every part of passation speaks:
// severities, statuses, evidence and the versioned JSON report.
// It depends on the standard library only, so every other package can use it.
package finding

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/passation/passation/internal/i18n"
)

// Severity ranks how much a missing item matters for a handover.
type Severity int

// Severities, from least to most important. Never is only meaningful as a
// --fail-on threshold: nothing reaches it.
const (
	Notice Severity = iota + 1
	Warning
	Error
	Never
)

var severityNames = map[Severity]string{Notice: "notice", Warning: "warning", Error: "error", Never: "never"}

// String returns the lower-case name used in rule files, flags and reports.
func (s Severity) String() string {
	if n, ok := severityNames[s]; ok {
		return n
	}
	return fmt.Sprintf("severity(%d)", int(s))
}

// In names the severity in a report's language: the French words a reader
// reads, the English id that --fail-on and the rule files take in English.
func (s Severity) In(lang string) string {
	switch s {
	case Error, Warning, Notice:
		return severityWords.In(lang, "label-"+s.String())
	}
	return s.String()
}

// Level is a --fail-on level as a report's sentence says it: in French, its
// French name with the id that --fail-on takes ("erreur (`error`)"), in
// English the id itself.
func (s Severity) Level(lang string) string {
	if in := s.In(lang); in != s.String() {
		return in + " (`" + s.String() + "`)"
	}
	return s.String()
}

// severityWords say a severity that is none, in both languages.
var severityWords = i18n.Text{
	"unknown-never": {"unknown severity %q: expected error, warning, notice or never", "niveau inconnu « %s » : attendu `error`, `warning`, `notice` ou `never`"},
	"unknown":       {"unknown severity %q: expected error, warning or notice", "niveau inconnu « %s » : attendu `error`, `warning` ou `notice`"},
	"label-error":   {"error", "erreur"},
	"label-warning": {"warning", "avertissement"},
	"label-notice":  {"notice", "remarque"},
}

// ParseSeverity reads "error", "warning", "notice" or, when allowNever is
// set, "never".
func ParseSeverity(s string, allowNever bool) (Severity, error) {
	for sev, name := range severityNames {
		if name == strings.ToLower(strings.TrimSpace(s)) && (sev != Never || allowNever) {
			return sev, nil
		}
	}
	if allowNever {
		return 0, severityWords.Errorf("unknown-never", s)
	}
	return 0, severityWords.Errorf("unknown", s)
}

// MarshalText writes the severity by name in JSON.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText reads a severity by name from JSON.
func (s *Severity) UnmarshalText(b []byte) error {
	v, err := ParseSeverity(string(b), true)
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// Status is a rule's verdict on one repository.
type Status string

// The four verdicts of the passation/v1 report.
const (
	Pass   Status = "pass"
	Fail   Status = "fail"
	Skip   Status = "skip"   // the rule could not decide (missing blob, truncated history)
	Waived Status = "waived" // a configured waiver covers the gap
)

// Evidence is one place that made a rule pass, or, on a failing rule, one
// thing that was found but did not count (a stub, a vendored copy).
type Evidence struct {
	Path   string `json:"path"`
	Line   int    `json:"line"`
	Detail string `json:"detail"`
	// Score, for a place that counts and that a kind weighs (a section),
	// is how strongly it stands for the item; Why lists the signals that
	// make it, each with its points, in the report's language. The
	// best-scored place is the one the verdict names.
	Score int    `json:"score,omitempty"`
	Why   string `json:"why,omitempty"`
}

// Place writes where the evidence is: "path:line", "path", or "" for a
// fact of the history.
func (e Evidence) Place() string {
	if e.Line > 0 {
		return e.Path + ":" + strconv.Itoa(e.Line)
	}
	return e.Path
}

// String is the evidence as a verdict quotes it: "path:line (detail)", or
// the detail alone for a fact of the history.
func (e Evidence) String() string {
	if e.Path == "" {
		return e.Detail
	}
	return e.Place() + " (" + e.Detail + ")"
}

// ShortHash is a commit hash as reports show it: its first 12 characters.
func ShortHash(h string) string {
	if len(h) > 12 {
		return h[:12]
	}
	return h
}

// Result is one rule's verdict, with its texts already in the report language.
type Result struct {
	Rule     string     `json:"rule"`
	Group    string     `json:"group"`
	Severity Severity   `json:"severity"`
	Status   Status     `json:"status"`
	Title    string     `json:"title"`
	Message  string     `json:"message"`
	Hint     string     `json:"hint,omitempty"`
	Evidence []Evidence `json:"evidence"`
	// LookedFor says, on a failing rule, what would have satisfied it.
	LookedFor []string `json:"looked_for,omitempty"`
	// Notes add what the history says beside the evidence (who of the
	// people named still commits): facts about the item, not places.
	Notes []string `json:"notes,omitempty"`
	// Considered, with --explain, is every evidence of the rule in its
	// order: what it counted, what it refused and why, and which decided.
	Considered []Candidates `json:"considered,omitempty"`
}

// Candidates is what one evidence of a rule found when it was judged: the
// places it counted and the ones it refused, each with its reason.
type Candidates struct {
	LookedFor string     `json:"looked_for"`
	Counted   []Evidence `json:"counted"`
	Refused   []Evidence `json:"refused"`
	// Decided: this evidence gave the place the verdict names.
	Decided bool `json:"decided"`
}

// Shown is what a reader is shown of a result's evidence: its notes first,
// then the places.
func (r Result) Shown() []Evidence {
	if len(r.Notes) == 0 {
		return r.Evidence
	}
	out := make([]Evidence, 0, len(r.Notes)+len(r.Evidence))
	for _, n := range r.Notes {
		out = append(out, Evidence{Detail: n})
	}
	return append(out, r.Evidence...)
}

// MarshalJSON writes a result with "evidence": [] when there is none: the
// passation/v1 schema promises an array, and a downstream parser should not
// have to expect null.
func (r Result) MarshalJSON() ([]byte, error) {
	type plain Result // without this method
	if r.Evidence == nil {
		r.Evidence = []Evidence{}
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false) // the caller's encoder decides about escaping
	if err := enc.Encode(plain(r)); err != nil {
		return nil, err
	}
	return bytes.TrimRight(b.Bytes(), "\n"), nil
}

// Schema is the identifier of the JSON report format this package describes.
const Schema = "passation/v1"

// Tool names the program that wrote a report.
type Tool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

// Repository says what was checked: Mode is "commit" (a git tree at a ref),
// "index" (what the next commit would contain) or "directory" (no git).
type Repository struct {
	Path   string `json:"path"`
	Ref    string `json:"ref"`
	Commit string `json:"commit"`
	Mode   string `json:"mode"`
}

// Summary counts verdicts; Score is 0–100, see Score.
type Summary struct {
	Pass   int `json:"pass"`
	Fail   int `json:"fail"`
	Skip   int `json:"skip"`
	Waived int `json:"waived"`
	Score  int `json:"score"`
}

// Report is the whole passation/v1 document.
type Report struct {
	Schema     string     `json:"schema"`
	Tool       Tool       `json:"tool"`
	Repository Repository `json:"repository"`
	Profile    string     `json:"profile"`
	Lang       string     `json:"lang"`
	Summary    Summary    `json:"summary"`
	Results    []Result   `json:"results"`
	// Config records the configuration the report was made with (see
	// config.go); absent from reports written before it existed.
	Config *Config `json:"config,omitempty"`
}

// weight makes a missing core item cost more than a missing blog post.
func weight(s Severity) int {
	switch s {
	case Error:
		return 3
	case Warning:
		return 2
	default:
		return 1
	}
}

// Summarize counts the verdicts and computes the score: the weighted share of
// decided rules that pass (error 3, warning 2, notice 1). Skipped and waived
// rules are left out of the score; a report with no decided rule scores 100.
func Summarize(results []Result) Summary {
	var s Summary
	var got, total int
	for _, r := range results {
		switch r.Status {
		case Pass:
			s.Pass++
			got += weight(r.Severity)
			total += weight(r.Severity)
		case Fail:
			s.Fail++
			total += weight(r.Severity)
		case Skip:
			s.Skip++
		case Waived:
			s.Waived++
		}
	}
	s.Score = 100
	if total > 0 {
		s.Score = (got*100 + total/2) / total
	}
	return s
}

// Failing returns the failing results at or above the threshold.
func Failing(results []Result, threshold Severity) []Result {
	var out []Result
	for _, r := range results {
		if r.Status == Fail && r.Severity >= threshold {
			out = append(out, r)
		}
	}
	return out
}
