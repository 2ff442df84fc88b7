// Package config reads a repository's passation configuration — the
// committed .passation.yml, or a file given with --config — and applies it:
// it turns the catalogue and the configuration into the rules to judge, and
// post-processes the verdicts (documents declared elsewhere, waivers).
//
// Reading is in two steps so that every mistake is reported before anything
// runs: Parse checks the file's shape (keys, types, globs, dates, URLs);
// Apply, once the rule folders it names are loaded, checks the rule ids and
// the profile it names.
package config

import (
	"fmt"
	"net/url"
	"path"
	"strings"
	"time"

	"github.com/bmatcuk/doublestar/v4"
	"github.com/passation/passation/internal/catalog"
	"github.com/passation/passation/internal/evidence"
	"github.com/passation/passation/internal/finding"
	"github.com/passation/passation/internal/yamlfile"
	"go.yaml.in/yaml/v3"
)

// Pos is a place in the configuration file.
type Pos = yamlfile.Pos

// Origin says where a configuration file came from.
type Origin string

// Origins, as the JSON report records them.
const (
	// FromRepository: discovered in the checked tree, as committed.
	FromRepository Origin = "repository"
	// FromFlag: given with --config, read from disk.
	FromFlag Origin = "flag"
)

// Names are the places a repository's configuration is looked for, in the
// checked tree. Only one may exist.
var Names = []string{".passation.yml", ".passation.yaml", ".github/passation.yml", ".github/passation.yaml"}

// File is one parsed configuration file. Every setting keeps its position
// so that the checks that need the catalogue can still point at it.
type File struct {
	// Name is how messages name the file: its path in the repository, or
	// the --config path as given.
	Name   string
	Origin Origin
	// Dir is the folder on disk that relative rules: paths of a --config
	// file are read from; unused for a repository's file.
	Dir string
	Src []byte

	Profile   Setting
	FailOn    Setting
	Lang      Setting
	Rules     []Setting // extra rule folders
	Ignore    []Setting // globs of paths that count for nothing
	Overrides []Override
	External  []External
	Waivers   []Waiver
}

// Setting is a value as written, and where.
type Setting struct {
	Value string
	Pos   Pos
}

// Override changes one rule for this repository.
type Override struct {
	Rule string
	Pos  Pos
	// Off removes the rule from the results.
	Off bool
	// Severity, when not zero, replaces the profile's.
	Severity finding.Severity
	// Evidence is added to the rule's any-of list.
	Evidence []catalog.Evidence
}

// External declares that a rule's document is kept outside the
// repository: the rule counts as found, shown as "declared elsewhere".
type External struct {
	Rule string
	Pos  Pos
	URL  string
	Note string
}

// Waiver accepts a gap for a reason, on someone's responsibility, possibly
// until a date (inclusive); past it the waiver no longer waives.
type Waiver struct {
	Rule   string
	Pos    Pos
	Reason string
	Owner  string
	// Until is the last day the waiver holds (midnight UTC of that date);
	// zero when it has no end.
	Until    time.Time
	UntilPos Pos
}

// Date is how dates are written in the file and shown back.
const Date = "2006-01-02"

// Expired reports whether the waiver's last day is before today's date
// as now gives it.
func (w Waiver) Expired(now time.Time) bool {
	if w.Until.IsZero() {
		return false
	}
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	return today.After(w.Until)
}

var topKeys = []string{"profile", "fail-on", "lang", "rules", "ignore", "overrides", "external", "waivers"}

// Keys lists the keys a configuration file may have.
func Keys() []string { return append([]string(nil), topKeys...) }

// Parse reads a configuration file. name is how messages call it. All
// problems of the file's shape are returned together, each at its line and
// column with the offending line; an empty file is a valid configuration
// that changes nothing.
func Parse(name string, origin Origin, data []byte) (*File, error) {
	f := &File{Name: name, Origin: origin, Src: data}
	d := &yamlfile.Doc{File: name, Src: data}
	root, err := yamlfile.Parse(name, data)
	if err != nil {
		return nil, err
	}
	if root == nil {
		return f, nil
	}
	if root.Kind != yaml.MappingNode {
		d.Errorf(root, "expected a mapping with keys such as profile, overrides, waivers; got %s", yamlfile.Describe(root))
		return nil, d.Err()
	}
	keys := d.Mapping(root, nil, topKeys...)
	f.Profile = setting(d, keys["profile"], "profile")
	f.FailOn = setting(d, keys["fail-on"], "fail-on")
	if f.FailOn.Value != "" {
		if _, err := finding.ParseSeverity(f.FailOn.Value, true); err != nil {
			d.Errorf(keys["fail-on"], "fail-on: %v", err)
		}
	}
	f.Lang = setting(d, keys["lang"], "lang")
	if v := f.Lang.Value; v != "" && v != "en" && v != "fr" {
		d.Errorf(keys["lang"], "lang: unknown language %q: expected en or fr", v)
	}
	f.Rules = settings(d, keys["rules"], "rules")
	for i, r := range f.Rules {
		if origin == FromRepository && outside(r.Value) {
			d.Errorf(nodeAt(keys["rules"], i), "rules: %q is outside the repository: a repository's configuration names rule folders of the repository only; give a ruleset kept elsewhere with --rules DIR", r.Value)
		}
	}
	f.Ignore = settings(d, keys["ignore"], "ignore")
	for i, g := range f.Ignore {
		if err := validGlob(g.Value); err != nil {
			d.Errorf(nodeAt(keys["ignore"], i), "ignore: %v", err)
		}
	}
	eachRule(d, keys["overrides"], "overrides", func(k, v *yaml.Node) { f.override(d, k, v) })
	eachRule(d, keys["external"], "external", func(k, v *yaml.Node) { f.external(d, k, v) })
	eachRule(d, keys["waivers"], "waivers", func(k, v *yaml.Node) { f.waiver(d, k, v) })
	if d.Failed() {
		return nil, d.Err()
	}
	return f, nil
}

func setting(d *yamlfile.Doc, n *yaml.Node, what string) Setting {
	v, _ := d.String(n, what)
	return Setting{Value: v, Pos: d.At(n)}
}

func settings(d *yamlfile.Doc, n *yaml.Node, what string) []Setting {
	vals, nodes, _ := d.Strings(n, what)
	out := make([]Setting, len(vals))
	for i, v := range vals {
		out[i] = Setting{Value: v, Pos: d.At(nodes[i])}
		if strings.TrimSpace(v) == "" {
			d.Errorf(nodes[i], "%s: expected a non-empty string", what)
		}
	}
	return out
}

// nodeAt returns the i-th item of a list, or the node itself for a single
// string.
func nodeAt(n *yaml.Node, i int) *yaml.Node {
	if n.Kind == yaml.SequenceNode && i < len(n.Content) {
		return n.Content[i]
	}
	return n
}

// outside reports whether a rule folder path leaves the repository.
func outside(p string) bool {
	if strings.HasPrefix(p, "/") || strings.HasPrefix(p, "\\") || (len(p) > 1 && p[1] == ':') {
		return true
	}
	c := path.Clean(strings.ReplaceAll(p, "\\", "/"))
	return c == ".." || strings.HasPrefix(c, "../")
}

// validGlob checks a path pattern as written in ignore.
func validGlob(g string) error {
	body := strings.TrimPrefix(strings.TrimPrefix(strings.TrimSpace(g), "./"), "/")
	if body == "" || !doublestar.ValidatePattern(body) {
		return fileWords.Errorf("pattern", g)
	}
	return nil
}

// eachRule walks a mapping keyed by rule id.
func eachRule(d *yamlfile.Doc, n *yaml.Node, what string, fn func(k, v *yaml.Node)) {
	if n == nil {
		return
	}
	if n.Kind != yaml.MappingNode {
		d.Errorf(n, "%s: expected a mapping keyed by rule id (install-guide: ...), got %s", what, yamlfile.Describe(n))
		return
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		if k.Kind != yaml.ScalarNode {
			d.Errorf(k, "%s: expected a rule id, got %s", what, yamlfile.Describe(k))
			continue
		}
		if seen[k.Value] {
			d.Errorf(k, "%s: rule %q is listed twice", what, k.Value)
			continue
		}
		seen[k.Value] = true
		fn(k, n.Content[i+1])
	}
}

func (f *File) override(d *yamlfile.Doc, k, v *yaml.Node) {
	o := Override{Rule: k.Value, Pos: d.At(k)}
	if v.Kind == yaml.ScalarNode && v.Value == "off" {
		o.Off = true
		f.Overrides = append(f.Overrides, o)
		return
	}
	if v.Kind != yaml.MappingNode {
		d.Errorf(v, "overrides of %q: expected off, or a mapping with severity, evidence or off: true; got %s", o.Rule, yamlfile.Describe(v))
		return
	}
	keys := d.Mapping(v, yamlfile.Phrase{EN: fmt.Sprintf("the override of %q", o.Rule), FR: "overrides de « " + o.Rule + " »"}, "off", "severity", "evidence")
	if n := keys["off"]; n != nil {
		if n.Kind != yaml.ScalarNode || n.Decode(&o.Off) != nil {
			d.Errorf(n, "overrides of %q: off: expected true or false, got %s", o.Rule, yamlfile.Describe(n))
		}
	}
	if n := keys["severity"]; n != nil {
		if s, ok := d.String(n, fmt.Sprintf("overrides of %q: severity", o.Rule)); ok {
			sev, err := finding.ParseSeverity(s, false)
			if err != nil {
				d.Errorf(n, "overrides of %q: severity: %v", o.Rule, err)
			}
			o.Severity = sev
		}
	}
	if n := keys["evidence"]; n != nil {
		if n.Kind != yaml.SequenceNode || len(n.Content) == 0 {
			d.Errorf(n, "overrides of %q: evidence: expected a list of evidence items such as - files: [\"docs/archi/*.drawio\"]; got %s", o.Rule, yamlfile.Describe(n))
		} else {
			o.Evidence = catalog.ParseEvidence(d, n.Content, o.Rule)
			// Compiled now, whether the profile judges the rule or not, so
			// that a bad pattern never waits for a profile change.
			if err := evidence.Default().Validate([]catalog.Rule{{ID: o.Rule, Evidence: o.Evidence}}); err != nil {
				for _, e := range yamlfile.Flatten(err) {
					d.Add(e)
				}
			}
		}
	}
	if len(keys) == 0 && !d.Misspelled(v) {
		d.Errorf(v, "overrides of %q: says nothing to change: expected off, severity or evidence", o.Rule)
	}
	f.Overrides = append(f.Overrides, o)
}

func (f *File) external(d *yamlfile.Doc, k, v *yaml.Node) {
	x := External{Rule: k.Value, Pos: d.At(k)}
	if v.Kind != yaml.MappingNode {
		d.Errorf(v, "external of %q: expected a mapping with url and note, got %s", x.Rule, yamlfile.Describe(v))
		return
	}
	keys := d.Mapping(v, yamlfile.Phrase{EN: fmt.Sprintf("the external declaration of %q", x.Rule), FR: "la déclaration external de « " + x.Rule + " »"}, "url", "note")
	if keys["url"] == nil && !d.Misspelled(v, "url") {
		d.Errorf(v, "external of %q: missing url: where the document is kept", x.Rule)
	} else if u, ok := d.String(keys["url"], fmt.Sprintf("external of %q: url", x.Rule)); ok {
		x.URL = u
		if p, err := url.Parse(u); err != nil || p.Scheme == "" || (p.Host == "" && p.Opaque == "") {
			d.Errorf(keys["url"], "external of %q: url %q: expected an absolute address such as https://intranet.example.gouv.fr/projet/entretiens", x.Rule, u)
		}
	}
	if keys["note"] == nil && !d.Misspelled(v, "note") {
		d.Errorf(v, "external of %q: missing note: say what is kept there and who can give access", x.Rule)
	} else {
		x.Note, _ = d.String(keys["note"], fmt.Sprintf("external of %q: note", x.Rule))
	}
	f.External = append(f.External, x)
}

func (f *File) waiver(d *yamlfile.Doc, k, v *yaml.Node) {
	w := Waiver{Rule: k.Value, Pos: d.At(k)}
	if v.Kind != yaml.MappingNode {
		d.Errorf(v, "waiver of %q: expected a mapping with reason, owner and optionally until; got %s", w.Rule, yamlfile.Describe(v))
		return
	}
	keys := d.Mapping(v, yamlfile.Phrase{EN: fmt.Sprintf("the waiver of %q", w.Rule), FR: "la dérogation de « " + w.Rule + " »"}, "reason", "owner", "until")
	if keys["reason"] == nil && !d.Misspelled(v, "reason") {
		d.Errorf(v, "waiver of %q: missing reason: say why this item is not needed", w.Rule)
	} else {
		w.Reason, _ = d.String(keys["reason"], fmt.Sprintf("waiver of %q: reason", w.Rule))
	}
	if keys["owner"] == nil && !d.Misspelled(v, "owner") {
		d.Errorf(v, "waiver of %q: missing owner: who takes responsibility for it (a name or an e-mail address)", w.Rule)
	} else {
		w.Owner, _ = d.String(keys["owner"], fmt.Sprintf("waiver of %q: owner", w.Rule))
	}
	if n := keys["until"]; n != nil {
		w.UntilPos = d.At(n)
		t, err := time.Parse(Date, n.Value)
		if n.Kind != yaml.ScalarNode || err != nil {
			why := yamlfile.Phrase{}
			if n.Kind == yaml.ScalarNode {
				why = dateProblem(n.Value)
			}
			d.Errorf(n, "waiver of %q: until: %s is not a date%s: expected YYYY-MM-DD such as 2026-06-30", w.Rule, yamlfile.Describe(n), why)
		}
		w.Until = t
	}
	f.Waivers = append(f.Waivers, w)
}

// dateProblem says what is wrong with a date that has the right shape.
func dateProblem(s string) yamlfile.Phrase {
	var y, m, d int
	if n, _ := fmt.Sscanf(s, "%4d-%2d-%2d", &y, &m, &d); n != 3 || len(s) != 10 {
		return yamlfile.Phrase{}
	}
	switch {
	case m < 1 || m > 12:
		return yamlfile.Phrase{EN: fmt.Sprintf(" (there is no month %d)", m), FR: fmt.Sprintf(" (il n'y a pas de mois %d)", m)}
	default:
		return yamlfile.Phrase{EN: fmt.Sprintf(" (%s has no day %d)", time.Month(m), d), FR: fmt.Sprintf(" (il n'y a pas de %d %s)", d, frenchMonths[m-1])}
	}
}

// frenchMonths name the months as a French date does (« 30 février »).
var frenchMonths = [12]string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"}
