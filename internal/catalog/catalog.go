// Package catalog loads the handover checklist from rule files: YAML data,
// one file per checklist group plus profiles.yml, validated as it is read so
// that a mistake names its file, line and column.
//
// The embedded catalogue is the first layer; a programme's or a team's own
// rule folders are further layers that add groups, rules and profiles,
// extend profiles and replace rules by id (see LoadLayers).
package catalog

import (
	"sort"
	"strings"

	"github.com/passation/passation/internal/finding"
	"github.com/passation/passation/internal/project"
	"github.com/passation/passation/internal/typo"
	"github.com/passation/passation/internal/yamlfile"
)

// Pos is where a definition stands in its rule file.
type Pos = yamlfile.Pos

// Error is a problem at a place in a rule file.
type Error = yamlfile.Error

// Errorf returns a problem at p, to be shown with its rule file's line.
func Errorf(p Pos, format string, args ...any) *Error { return yamlfile.Errorf(p, format, args...) }

// Text is a message in both languages of the programme.
type Text struct {
	EN string `yaml:"en"`
	FR string `yaml:"fr"`
}

// In returns the text in lang ("fr" or anything else for English). The
// rule files are written with plain spaces; French gets its typography here
// (typo.French), where every French hint and title is read.
func (t Text) In(lang string) string {
	if lang == "fr" && t.FR != "" {
		return typo.French(t.FR)
	}
	return t.EN
}

// Evidence is one way a rule can be satisfied. Kind names the evidence kind
// (files, section, ...); Values is its argument list; In restricts which files
// a document-reading kind looks into; MinWords (0: the kind's default) is how
// many words of real content make a document or section count. The check
// package gives kinds meaning.
type Evidence struct {
	Kind     string
	Values   []string
	In       []string
	MinWords int
	// NotSetup rejects sections that only explain how to set the project
	// up (install commands), for rules about using it.
	NotSetup bool
	// With holds the kind's own parameters (thresholds such as max-age:
	// 6 months), each a string or a list of strings, validated by the kind.
	With map[string][]string
	Pos  Pos
	// ValuePos and InPos locate each of Values and In, so that a bad
	// pattern is reported where it is written.
	ValuePos []Pos
	InPos    []Pos
}

// Rule is one checklist item.
type Rule struct {
	ID       string
	Group    string
	Severity finding.Severity
	Title    Text
	Message  Text // said when the item is missing
	Hint     Text // what to add, and where
	Evidence []Evidence
	// Starter is the document init --templates starts for the item, if any.
	Starter *Starter
	// Fills names what the rule's found documents give to the starter
	// documents (licence, maintainers, documentation), "" for nothing.
	Fills string
	Pos   Pos
	// Replaces is where the rule this one replaced was defined, when it
	// was given with replace: true.
	Replaces *Pos
	// Scopes are the parts of the project whose files the rule's evidence
	// may come from (project.Default when none is named); Fallback are read only when
	// those gave nothing ("the components' manifests, when the root names
	// no maintainer").
	Scopes, Fallback project.Set
}

// ScopesRead is what the rule reads first: its scopes, else project.Default.
func (r Rule) ScopesRead() project.Set {
	if r.Scopes == 0 {
		return project.Default
	}
	return r.Scopes
}

// Starter is a starter document of the checklist item: a template of
// internal/starter and where it goes in the repository, by language. The
// path matches the rule's evidence, so that the filled document passes.
type Starter struct {
	Template string
	Path     Text
	Pos      Pos
}

// FillsValues are what a rule's documents may give to the starter documents.
var FillsValues = []string{"licence", "maintainers", "documentation"}

// Group is a section of the checklist, in the order of the seed document.
type Group struct {
	ID    string
	Title Text
	Order int
	Pos   Pos
}

// Profile selects rules and may raise or lower their severities. After
// loading, a profile that extends another holds the resolved selection:
// All or Rules and Severity already include what it inherits.
type Profile struct {
	ID          string
	Description Text
	All         bool     // every rule of the catalogue
	Rules       []string // when not All
	Severity    map[string]finding.Severity
	Extends     string   // the profile it was built on, if any
	Exclude     []string // rules it removed from what it extends
	Pos         Pos

	// refs locate every rule id the profile names, for messages.
	refs      []ref
	extendPos Pos
	replace   bool
	layer     int
}

// ref is a rule id written in a profile, and where.
type ref struct {
	id    string
	pos   Pos
	field string // "rules", "exclude" or "severity"
}

// Catalog is the whole validated checklist.
type Catalog struct {
	Groups         []Group // sorted by Order
	Rules          []Rule  // sorted by group order, then file order
	Profiles       map[string]Profile
	DefaultProfile string

	sources map[string][]byte
}

// Source returns the text of a rule file as it was loaded, by the name that
// positions use, or nil.
func (c *Catalog) Source(file string) []byte { return c.sources[file] }

// Rule returns the rule with that id.
func (c *Catalog) Rule(id string) (Rule, bool) {
	for _, r := range c.Rules {
		if r.ID == id {
			return r, true
		}
	}
	return Rule{}, false
}

// RuleIDs lists the rule ids in catalogue order.
func (c *Catalog) RuleIDs() []string {
	ids := make([]string, len(c.Rules))
	for i, r := range c.Rules {
		ids[i] = r.ID
	}
	return ids
}

// Group returns the group with that id.
func (c *Catalog) Group(id string) (Group, bool) {
	for _, g := range c.Groups {
		if g.ID == id {
			return g, true
		}
	}
	return Group{}, false
}

// ProfileIDs lists the profile names, sorted.
func (c *Catalog) ProfileIDs() []string {
	ids := make([]string, 0, len(c.Profiles))
	for id := range c.Profiles {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// Select returns the rules of a profile, with the profile's severities
// applied, in catalogue order.
func (c *Catalog) Select(profile string) ([]Rule, error) {
	p, ok := c.Profiles[profile]
	if !ok {
		if s := Suggest(profile, c.ProfileIDs()); s != "" {
			return nil, Errorf(Pos{}, "unknown profile %q: did you mean %q?", profile, s)
		}
		return nil, Errorf(Pos{}, "unknown profile %q: expected one of %s", profile, strings.Join(c.ProfileIDs(), ", "))
	}
	want := map[string]bool{}
	for _, id := range p.Rules {
		want[id] = true
	}
	var out []Rule
	for _, r := range c.Rules {
		if !p.All && !want[r.ID] {
			continue
		}
		if s, ok := p.Severity[r.ID]; ok {
			r.Severity = s
		}
		out = append(out, r)
	}
	return out, nil
}

// Suggest returns the candidate closest to s by edit distance, when close
// enough to be a likely typo, else "".
func Suggest(s string, candidates []string) string { return yamlfile.Suggest(s, candidates) }
