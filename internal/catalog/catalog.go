// Package catalog loads the handover checklist from rule files: YAML data,
// one file per checklist group plus profiles.yml, validated as it is read so
// that a mistake names its file and line.
package catalog

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strings"

	"github.com/passation/passation/internal/finding"
	"go.yaml.in/yaml/v3"
)

// Pos is where a definition stands in its rule file.
type Pos struct {
	File string
	Line int
}

func (p Pos) String() string {
	if p.Line == 0 {
		return p.File
	}
	return fmt.Sprintf("%s:%d", p.File, p.Line)
}

// Text is a message in both languages of the programme.
type Text struct {
	EN string `yaml:"en"`
	FR string `yaml:"fr"`
}

// In returns the text in lang ("fr" or anything else for English).
func (t Text) In(lang string) string {
	if lang == "fr" && t.FR != "" {
		return t.FR
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
	Pos      Pos
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
	Pos      Pos
}

// Group is a section of the checklist, in the order of the seed document.
type Group struct {
	ID    string
	Title Text
	Order int
	Pos   Pos
}

// Profile selects rules and may raise or lower their severities.
type Profile struct {
	ID          string
	Description Text
	All         bool     // every rule of the catalogue
	Rules       []string // when not All
	Severity    map[string]finding.Severity
	Pos         Pos
}

// Catalog is the whole validated checklist.
type Catalog struct {
	Groups         []Group // sorted by Order
	Rules          []Rule  // sorted by group order, then file order
	Profiles       map[string]Profile
	DefaultProfile string
}

// Rule returns the rule with that id.
func (c *Catalog) Rule(id string) (Rule, bool) {
	for _, r := range c.Rules {
		if r.ID == id {
			return r, true
		}
	}
	return Rule{}, false
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
		return nil, fmt.Errorf("unknown profile %q: expected one of %s", profile, strings.Join(c.ProfileIDs(), ", "))
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

var yamlLine = regexp.MustCompile(`^(?:yaml: )?line (\d+): `)

// yamlError rewrites the YAML library's "yaml: line 3: ..." as "file:3: ...".
func yamlError(name string, err error) error {
	msg := err.Error()
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		return fmt.Errorf("%s:%s: invalid YAML: %s", name, m[1], msg[len(m[0]):])
	}
	return fmt.Errorf("%s: invalid YAML: %s", name, strings.TrimPrefix(msg, "yaml: "))
}

var idPattern = regexp.MustCompile(`^[a-z][a-z0-9]*(-[a-z0-9]+)*$`)

// Load reads every *.yml file at the root of fsys: profiles.yml holds the
// profiles, every other file one group and its rules. All problems are
// returned together, each prefixed with file:line.
func Load(fsys fs.FS) (*Catalog, error) {
	names, err := fs.Glob(fsys, "*.yml")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	l := &loader{cat: &Catalog{Profiles: map[string]Profile{}}}
	for _, name := range names {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		l.file(name, data)
	}
	l.finish()
	if len(l.errs) > 0 {
		return nil, errors.Join(l.errs...)
	}
	return l.cat, nil
}

type loader struct {
	cat  *Catalog
	errs []error
}

func (l *loader) errorf(p Pos, format string, args ...any) {
	l.errs = append(l.errs, fmt.Errorf("%s: %s", p, fmt.Sprintf(format, args...)))
}

func (l *loader) file(name string, data []byte) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		l.errs = append(l.errs, yamlError(name, err))
		return
	}
	if len(doc.Content) == 0 {
		l.errorf(Pos{name, 0}, "empty rule file: expected a mapping with group and rules, or profiles")
		return
	}
	root := doc.Content[0]
	at := func(n *yaml.Node) Pos { return Pos{name, n.Line} }
	if root.Kind != yaml.MappingNode {
		l.errorf(at(root), "expected a mapping with group and rules, or profiles")
		return
	}
	if path.Base(name) == "profiles.yml" {
		l.profiles(root, at)
		return
	}
	keys := l.mapping(root, at, "group", "title", "order", "rules")
	var g Group
	g.Pos = at(root)
	l.scalar(keys["group"], at, &g.ID, "group", true)
	if g.ID != "" && !idPattern.MatchString(g.ID) {
		l.errorf(at(keys["group"]), "group %q: expected a kebab-case id", g.ID)
	}
	l.text(keys["title"], at, &g.Title, "title", root)
	if n := keys["order"]; n != nil {
		if err := n.Decode(&g.Order); err != nil {
			l.errorf(at(n), "order: expected a whole number, got %q", n.Value)
		}
	}
	if _, dup := l.cat.Group(g.ID); dup && g.ID != "" {
		l.errorf(at(root), "group %q is defined twice", g.ID)
	}
	l.cat.Groups = append(l.cat.Groups, g)
	rules := keys["rules"]
	if rules == nil || rules.Kind != yaml.SequenceNode || len(rules.Content) == 0 {
		l.errorf(at(root), "group %q: expected a non-empty list under rules", g.ID)
		return
	}
	for _, rn := range rules.Content {
		l.rule(rn, at, g.ID)
	}
}

func (l *loader) rule(n *yaml.Node, at func(*yaml.Node) Pos, group string) {
	if n.Kind != yaml.MappingNode {
		l.errorf(at(n), "rule: expected a mapping with id, severity, title, message, hint and evidence")
		return
	}
	keys := l.mapping(n, at, "id", "severity", "title", "message", "hint", "evidence")
	r := Rule{Group: group, Pos: at(n)}
	l.scalar(keys["id"], at, &r.ID, "id", true)
	if keys["id"] == nil {
		l.errorf(at(n), "rule: missing id")
	} else if !idPattern.MatchString(r.ID) {
		l.errorf(at(keys["id"]), "rule id %q: expected English kebab-case such as install-guide", r.ID)
	}
	var sev string
	l.scalar(keys["severity"], at, &sev, "severity", true)
	if keys["severity"] == nil {
		l.errorf(at(n), "rule %q: missing severity (error, warning or notice)", r.ID)
	} else if s, err := finding.ParseSeverity(sev, false); err != nil {
		l.errorf(at(keys["severity"]), "rule %q: %v", r.ID, err)
	} else {
		r.Severity = s
	}
	l.text(keys["title"], at, &r.Title, "title", n)
	l.text(keys["message"], at, &r.Message, "message", n)
	l.text(keys["hint"], at, &r.Hint, "hint", n)
	ev := keys["evidence"]
	if ev == nil || ev.Kind != yaml.SequenceNode || len(ev.Content) == 0 {
		l.errorf(at(n), "rule %q: expected a non-empty list under evidence", r.ID)
	} else {
		for _, en := range ev.Content {
			if e, ok := l.evidence(en, at, r.ID); ok {
				r.Evidence = append(r.Evidence, e)
			}
		}
	}
	if prev, dup := l.cat.Rule(r.ID); dup && r.ID != "" {
		l.errorf(at(n), "rule %q is already defined at %s", r.ID, prev.Pos)
		return
	}
	l.cat.Rules = append(l.cat.Rules, r)
}

// evidence reads one any-of item: a mapping with exactly one kind key
// (whose value is a string or a list of strings) and optional "in".
func (l *loader) evidence(n *yaml.Node, at func(*yaml.Node) Pos, rule string) (Evidence, bool) {
	e := Evidence{Pos: at(n)}
	if n.Kind != yaml.MappingNode {
		l.errorf(at(n), "rule %q: evidence item: expected a mapping such as {files: [\"INSTALL*\"]}", rule)
		return e, false
	}
	ok := true
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Value == "not-setup" {
			if err := v.Decode(&e.NotSetup); err != nil {
				l.errorf(at(v), "rule %q: not-setup: expected true or false, got %q", rule, v.Value)
				ok = false
			}
			continue
		}
		if k.Value == "min-words" {
			if err := v.Decode(&e.MinWords); err != nil || e.MinWords < 0 {
				l.errorf(at(v), "rule %q: min-words: expected a whole number, got %q", rule, v.Value)
				ok = false
			}
			continue
		}
		vals, good := stringList(v)
		if !good {
			l.errorf(at(v), "rule %q: evidence %q: expected a string or a list of strings", rule, k.Value)
			ok = false
			continue
		}
		switch {
		case k.Value == "in":
			e.In = vals
		case e.Kind != "":
			l.errorf(at(k), "rule %q: evidence item has two kinds, %q and %q: write one item per kind", rule, e.Kind, k.Value)
			ok = false
		default:
			e.Kind, e.Values = k.Value, vals
			if len(vals) == 0 {
				l.errorf(at(v), "rule %q: evidence %q: expected at least one value", rule, k.Value)
				ok = false
			}
		}
	}
	if e.Kind == "" {
		l.errorf(at(n), "rule %q: evidence item names no kind", rule)
		ok = false
	}
	return e, ok
}

func stringList(n *yaml.Node) ([]string, bool) {
	switch n.Kind {
	case yaml.ScalarNode:
		return []string{n.Value}, true
	case yaml.SequenceNode:
		out := make([]string, 0, len(n.Content))
		for _, c := range n.Content {
			if c.Kind != yaml.ScalarNode {
				return nil, false
			}
			out = append(out, c.Value)
		}
		return out, true
	}
	return nil, false
}

func (l *loader) profiles(root *yaml.Node, at func(*yaml.Node) Pos) {
	keys := l.mapping(root, at, "default", "profiles")
	l.scalar(keys["default"], at, &l.cat.DefaultProfile, "default", true)
	ps := keys["profiles"]
	if ps == nil || ps.Kind != yaml.MappingNode {
		l.errorf(at(root), "expected a mapping of profiles under profiles")
		return
	}
	for i := 0; i+1 < len(ps.Content); i += 2 {
		k, v := ps.Content[i], ps.Content[i+1]
		p := Profile{ID: k.Value, Pos: at(k), Severity: map[string]finding.Severity{}}
		if v.Kind != yaml.MappingNode {
			l.errorf(at(v), "profile %q: expected a mapping with description and rules", p.ID)
			continue
		}
		pk := l.mapping(v, at, "description", "rules", "severity")
		l.text(pk["description"], at, &p.Description, "description", v)
		if rn := pk["rules"]; rn == nil {
			l.errorf(at(v), "profile %q: missing rules (a list of rule ids, or all)", p.ID)
		} else if rn.Kind == yaml.ScalarNode && rn.Value == "all" {
			p.All = true
		} else if vals, ok := stringList(rn); ok {
			p.Rules = vals
		} else {
			l.errorf(at(rn), "profile %q: rules: expected a list of rule ids, or all", p.ID)
		}
		if sn := pk["severity"]; sn != nil {
			var m map[string]string
			if err := sn.Decode(&m); err != nil {
				l.errorf(at(sn), "profile %q: severity: expected a mapping of rule id to severity", p.ID)
			}
			for id, s := range m {
				sev, err := finding.ParseSeverity(s, false)
				if err != nil {
					l.errorf(at(sn), "profile %q: severity of %q: %v", p.ID, id, err)
					continue
				}
				p.Severity[id] = sev
			}
		}
		l.cat.Profiles[p.ID] = p
	}
}

// finish checks what spans files: profile rule ids, the default profile, and
// sorts groups and rules into checklist order.
func (l *loader) finish() {
	groupOrder := map[string]int{}
	for _, g := range l.cat.Groups {
		groupOrder[g.ID] = g.Order
	}
	sort.SliceStable(l.cat.Groups, func(i, j int) bool { return l.cat.Groups[i].Order < l.cat.Groups[j].Order })
	sort.SliceStable(l.cat.Rules, func(i, j int) bool {
		return groupOrder[l.cat.Rules[i].Group] < groupOrder[l.cat.Rules[j].Group]
	})
	for _, id := range sortedKeys(l.cat.Profiles) {
		p := l.cat.Profiles[id]
		for _, rid := range p.Rules {
			if _, ok := l.cat.Rule(rid); !ok {
				l.errorf(p.Pos, "profile %q: unknown rule %q", p.ID, rid)
			}
		}
		for _, rid := range sortedKeys(p.Severity) {
			if _, ok := l.cat.Rule(rid); !ok {
				l.errorf(p.Pos, "profile %q: severity for unknown rule %q", p.ID, rid)
			}
		}
	}
	if len(l.cat.Profiles) == 0 {
		l.errs = append(l.errs, errors.New("profiles.yml: no profile defined"))
	} else if _, ok := l.cat.Profiles[l.cat.DefaultProfile]; !ok {
		l.errs = append(l.errs, fmt.Errorf("profiles.yml: default profile %q is not defined", l.cat.DefaultProfile))
	}
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// mapping returns the values of a mapping by key, reporting unknown and
// repeated keys with a suggestion.
func (l *loader) mapping(n *yaml.Node, at func(*yaml.Node) Pos, allowed ...string) map[string]*yaml.Node {
	out := map[string]*yaml.Node{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		known := false
		for _, a := range allowed {
			known = known || a == k.Value
		}
		switch {
		case !known:
			msg := fmt.Sprintf("unknown key %q: expected one of %s", k.Value, strings.Join(allowed, ", "))
			if s := Suggest(k.Value, allowed); s != "" {
				msg = fmt.Sprintf("unknown key %q: did you mean %q?", k.Value, s)
			}
			l.errorf(at(k), "%s", msg)
		case out[k.Value] != nil:
			l.errorf(at(k), "key %q is repeated", k.Value)
		default:
			out[k.Value] = n.Content[i+1]
		}
	}
	return out
}

func (l *loader) scalar(n *yaml.Node, at func(*yaml.Node) Pos, dst *string, what string, required bool) {
	if n == nil {
		return
	}
	if n.Kind != yaml.ScalarNode || (required && strings.TrimSpace(n.Value) == "") {
		l.errorf(at(n), "%s: expected a non-empty string", what)
		return
	}
	*dst = n.Value
}

func (l *loader) text(n *yaml.Node, at func(*yaml.Node) Pos, dst *Text, what string, parent *yaml.Node) {
	if n == nil {
		l.errorf(at(parent), "missing %s (with en and fr)", what)
		return
	}
	if n.Kind != yaml.MappingNode {
		l.errorf(at(n), "%s: expected a mapping with en and fr", what)
		return
	}
	keys := l.mapping(n, at, "en", "fr")
	l.scalar(keys["en"], at, &dst.EN, what+".en", true)
	l.scalar(keys["fr"], at, &dst.FR, what+".fr", true)
	if keys["en"] == nil || keys["fr"] == nil {
		l.errorf(at(n), "%s: expected both en and fr", what)
	}
}

// Suggest returns the candidate closest to s by edit distance, when close
// enough to be a likely typo, else "".
func Suggest(s string, candidates []string) string {
	best, bestD := "", 3
	for _, c := range candidates {
		if d := distance(strings.ToLower(s), strings.ToLower(c)); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
