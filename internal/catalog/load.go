package catalog

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/passation/passation/internal/finding"
	"github.com/passation/passation/internal/i18n"
	"github.com/passation/passation/internal/project"
	"github.com/passation/passation/internal/syserr"
	"github.com/passation/passation/internal/yamlfile"
	"go.yaml.in/yaml/v3"
)

// Layer is one folder of rule files. Dir names it in messages: positions
// read "Dir/file.yml:line:col" ("" for the embedded catalogue, whose files
// are named as they are in rules/).
type Layer struct {
	FS  fs.FS
	Dir string
}

// Load reads one folder of rule files: the embedded catalogue.
func Load(fsys fs.FS) (*Catalog, error) { return LoadLayers(Layer{FS: fsys}) }

// loadWords are the problems of loading rule folders, in both languages.
var loadWords = i18n.Text{
	"none":       {"no rule folder to load", "aucun dossier de règles à charger"},
	"at":         {"%s: %s", "%s : %s"},
	"empty":      {"%s: no rule file (*.yml) in this folder", "%s : aucun fichier de règles (*.yml) dans ce dossier"},
	"no-profile": {"profiles.yml: no profile defined", "profiles.yml : aucun profil défini"},
}

// LoadLayers reads every *.yml file at the root of each layer, in order.
// profiles.yml holds profiles, every other file one group and its rules.
// The first layer is the base catalogue; a later one may
//   - add groups, and add rules to an existing group (a file naming that
//     group, without title or order);
//   - replace a rule of an earlier layer by id, with replace: true (an id
//     defined twice without it is a mistake);
//   - add profiles, build one on another with extend (plus rules, exclude
//     and severity), replace one with replace: true, and change the default.
//
// All problems are returned together, each at its file, line and column.
func LoadLayers(layers ...Layer) (*Catalog, error) {
	l := &loader{cat: &Catalog{Profiles: map[string]Profile{}, sources: map[string][]byte{}}, ruleLayer: map[string]int{}}
	if len(layers) == 0 {
		return nil, loadWords.Errorf("none")
	}
	for i, layer := range layers {
		l.layer = i
		names, err := fs.Glob(layer.FS, "*.yml")
		if err != nil {
			return nil, loadWords.Wrap(err, "at", layer.Dir, syserr.Of(err))
		}
		if len(names) == 0 && i > 0 {
			l.errs = append(l.errs, loadWords.Errorf("empty", layer.Dir))
			continue
		}
		sort.Strings(names)
		// Profiles last, so that they see every rule of their layer.
		sort.SliceStable(names, func(a, b int) bool { return names[b] == "profiles.yml" && names[a] != "profiles.yml" })
		for _, name := range names {
			display := name
			if layer.Dir != "" {
				display = path.Join(layer.Dir, name)
			}
			data, err := fs.ReadFile(layer.FS, name)
			if err != nil {
				l.errs = append(l.errs, loadWords.Wrap(err, "at", display, syserr.Of(err)))
				continue
			}
			l.cat.sources[display] = data
			l.file(display, data)
		}
	}
	l.finish()
	if len(l.errs) > 0 {
		return nil, errors.Join(l.errs...)
	}
	return l.cat, nil
}

type loader struct {
	cat       *Catalog
	errs      []error
	layer     int
	ruleLayer map[string]int // rule id → layer that defined it
	d         *yamlfile.Doc  // the file being read
	// defaultPos is where the default profile was last set.
	defaultPos Pos
}

func (l *loader) errorf(n *yaml.Node, format string, args ...any) { l.d.Errorf(n, format, args...) }

func (l *loader) file(name string, data []byte) {
	l.d = &yamlfile.Doc{File: name, Src: data}
	defer func() {
		if l.d.Failed() {
			l.errs = append(l.errs, l.d.Err())
		}
	}()
	root, err := yamlfile.Parse(name, data)
	if err != nil {
		l.d.Add(err)
		return
	}
	if root == nil {
		l.d.ErrorAt(Pos{File: name, Line: 1, Col: 1}, "empty rule file: expected a mapping with group and rules, or profiles")
		return
	}
	if root.Kind != yaml.MappingNode {
		l.errorf(root, "expected a mapping with group and rules, or profiles, got %s", yamlfile.Describe(root))
		return
	}
	if path.Base(name) == "profiles.yml" {
		l.profiles(root)
		return
	}
	l.group(root)
}

var idPattern = regexp.MustCompile(`^[a-z][a-z0-9]*(-[a-z0-9]+)*$`)

func (l *loader) group(root *yaml.Node) {
	keys := l.d.Mapping(root, nil, "group", "title", "order", "rules")
	var g Group
	g.Pos = l.d.At(root)
	gn := keys["group"]
	if gn == nil {
		l.errorf(root, "missing group: expected the id of the checklist group these rules belong to")
	} else if id, ok := l.d.String(gn, "group"); ok {
		g.ID = id
		if !idPattern.MatchString(id) {
			l.errorf(gn, "group %q: expected a kebab-case id such as sustainability", id)
		}
	}
	prev, exists := l.cat.Group(g.ID)
	switch {
	case g.ID == "":
	case exists && l.layer == 0:
		l.errorf(gn, "group %q is defined twice (first at %s)", g.ID, prev.Pos)
	case exists && (keys["title"] != nil || keys["order"] != nil):
		l.errorf(gn, "group %q is already defined at %s: leave out title and order to add rules to it", g.ID, prev.Pos)
	case !exists:
		l.text(keys["title"], &g.Title, "title", root)
		if n := keys["order"]; n != nil {
			if err := n.Decode(&g.Order); err != nil || n.Kind != yaml.ScalarNode {
				l.errorf(n, "order: expected a whole number, got %s", yamlfile.Describe(n))
			}
		}
		l.cat.Groups = append(l.cat.Groups, g)
	}
	rules := keys["rules"]
	if rules == nil || rules.Kind != yaml.SequenceNode || len(rules.Content) == 0 {
		l.errorf(root, "group %q: expected a non-empty list under rules", g.ID)
		return
	}
	for _, rn := range rules.Content {
		l.rule(rn, g.ID)
	}
}

func (l *loader) rule(n *yaml.Node, group string) {
	if n.Kind != yaml.MappingNode {
		l.errorf(n, "rule: expected a mapping with id, severity, title, message, hint and evidence, got %s", yamlfile.Describe(n))
		return
	}
	keys := l.d.Mapping(n, yamlfile.Phrase{EN: "a rule", FR: "une règle"}, "id", "severity", "title", "message", "hint", "evidence", "replace", "starter", "fills", "scopes", "fallback")
	r := Rule{Group: group, Pos: l.d.At(n)}
	if keys["id"] == nil {
		l.errorf(n, "rule: missing id")
	} else if id, ok := l.d.String(keys["id"], "id"); ok {
		r.ID = id
		if !idPattern.MatchString(r.ID) {
			l.errorf(keys["id"], "rule id %q: expected English kebab-case such as install-guide", r.ID)
		}
	}
	if keys["severity"] == nil {
		l.errorf(n, "rule %q: missing severity (error, warning or notice)", r.ID)
	} else if sev, ok := l.d.String(keys["severity"], "severity"); ok {
		if s, err := finding.ParseSeverity(sev, false); err != nil {
			l.errorf(keys["severity"], "rule %q: %v", r.ID, err)
		} else {
			r.Severity = s
		}
	}
	l.text(keys["title"], &r.Title, "title", n)
	l.text(keys["message"], &r.Message, "message", n)
	l.text(keys["hint"], &r.Hint, "hint", n)
	ev := keys["evidence"]
	if ev == nil || ev.Kind != yaml.SequenceNode || len(ev.Content) == 0 {
		l.errorf(n, "rule %q: expected a non-empty list under evidence", r.ID)
	} else {
		r.Evidence = ParseEvidence(l.d, ev.Content, r.ID)
	}
	if s := keys["starter"]; s != nil {
		r.Starter = l.starter(s, r.ID)
	}
	if f := keys["fills"]; f != nil {
		if v, ok := l.d.String(f, "fills"); ok {
			if !slices.Contains(FillsValues, v) {
				l.errorf(f, "rule %q: fills: %q: expected one of %s", r.ID, v, strings.Join(FillsValues, ", "))
			}
			r.Fills = v
		}
	}
	r.Scopes = l.scopes(keys["scopes"], r.ID, "scopes")
	r.Fallback = l.scopes(keys["fallback"], r.ID, "fallback")
	if r.Scopes&r.Fallback != 0 {
		l.errorf(keys["fallback"], "rule %q: fallback: a scope is both in scopes and in fallback; fallback lists what is read only when scopes found nothing", r.ID)
	}
	replace := l.boolean(keys["replace"], "replace")
	if r.ID == "" {
		return
	}
	prev, dup := l.cat.Rule(r.ID)
	switch {
	case replace && !dup:
		l.errorf(keys["replace"], "rule %q: replace: true, but no earlier rule folder defines %q%s", r.ID, r.ID, l.suggestRule(r.ID))
	case replace && l.ruleLayer[r.ID] == l.layer:
		l.errorf(keys["replace"], "rule %q: replace: true, but %q is defined in this same folder, at %s: edit it there", r.ID, r.ID, prev.Pos)
	case replace:
		pp := prev.Pos
		r.Replaces = &pp
		for i := range l.cat.Rules {
			if l.cat.Rules[i].ID == r.ID {
				l.cat.Rules[i] = r
			}
		}
		l.ruleLayer[r.ID] = l.layer
	case dup && l.ruleLayer[r.ID] < l.layer:
		l.errorf(keys["id"], "rule %q is already defined at %s: to replace it, add replace: true; to add a rule, choose another id", r.ID, prev.Pos)
	case dup:
		l.errorf(keys["id"], "rule %q is already defined at %s", r.ID, prev.Pos)
	default:
		l.cat.Rules = append(l.cat.Rules, r)
		l.ruleLayer[r.ID] = l.layer
	}
}

func (l *loader) suggestRule(id string) yamlfile.Phrase {
	if s := Suggest(id, l.cat.RuleIDs()); s != "" {
		return yamlfile.Phrase{EN: fmt.Sprintf(" (did you mean %q?)", s), FR: " (vouliez-vous dire « " + s + " » ?)"}
	}
	return yamlfile.Phrase{}
}

// scopes reads a list of scope names (project.Readable); none when absent.
func (l *loader) scopes(n *yaml.Node, rule, key string) project.Set {
	if n == nil {
		return 0
	}
	names := strings.Join(project.Readable(), ", ")
	if n.Kind != yaml.SequenceNode || len(n.Content) == 0 {
		l.errorf(n, "rule %q: %s: expected a list of scopes among %s, got %s", rule, key, names, yamlfile.Describe(n))
		return 0
	}
	var set project.Set
	for _, c := range n.Content {
		v, ok := l.d.String(c, key)
		if !ok {
			continue
		}
		sc, ok := project.Parse(v)
		switch {
		case !ok:
			hint := yamlfile.Phrase{}
			if s := Suggest(v, project.Readable()); s != "" {
				hint = yamlfile.Phrase{EN: fmt.Sprintf(" (did you mean %q?)", s), FR: " (vouliez-vous dire « " + s + " » ?)"}
			}
			l.errorf(c, "rule %q: %s: unknown scope %q: expected one of %s%s", rule, key, v, names, hint)
			continue
		case sc == project.Bundled:
			l.errorf(c, "rule %q: %s: bundled copies of other projects are never read: expected one of %s", rule, key, names)
			continue
		}
		set |= project.SetOf(sc)
	}
	return set
}

// boolean reads an optional true/false.
// starter reads a rule's starter document: its template and its path in
// both languages.
func (l *loader) starter(n *yaml.Node, rule string) *Starter {
	if n.Kind != yaml.MappingNode {
		l.errorf(n, "rule %q: starter: expected a mapping with template and path, got %s", rule, yamlfile.Describe(n))
		return nil
	}
	keys := l.d.Mapping(n, yamlfile.Key("starter"), "template", "path")
	s := &Starter{Pos: l.d.At(n)}
	if keys["template"] == nil {
		l.errorf(n, "rule %q: starter: missing template (a file of internal/starter/templates/<lang>/)", rule)
	} else {
		s.Template, _ = l.d.String(keys["template"], "starter.template")
	}
	l.text(keys["path"], &s.Path, "starter.path", n)
	return s
}

func (l *loader) boolean(n *yaml.Node, what string) bool {
	if n == nil {
		return false
	}
	var b bool
	if n.Kind != yaml.ScalarNode || n.Decode(&b) != nil {
		l.errorf(n, "%s: expected true or false, got %s", what, yamlfile.Describe(n))
		return false
	}
	return b
}

// ParseEvidence reads a list of any-of evidence items, as rule files and
// the repository configuration write them: each a mapping with exactly one
// kind key (whose value is a string or a list of strings), and optional
// "in" and "min-words". Problems are recorded in d.
func ParseEvidence(d *yamlfile.Doc, items []*yaml.Node, rule string) []Evidence {
	var out []Evidence
	for _, n := range items {
		if e, ok := parseEvidence(d, n, rule); ok {
			out = append(out, e)
		}
	}
	return out
}

func parseEvidence(d *yamlfile.Doc, n *yaml.Node, rule string) (Evidence, bool) {
	e := Evidence{Pos: d.At(n)}
	if n.Kind != yaml.MappingNode {
		d.Errorf(n, "rule %q: evidence item: expected a mapping such as {files: [\"INSTALL*\"]}, got %s", rule, yamlfile.Describe(n))
		return e, false
	}
	ok := true
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if seen[k.Value] {
			d.Errorf(k, "rule %q: key %q is repeated in this evidence item", rule, k.Value)
			ok = false
			continue
		}
		seen[k.Value] = true
		if k.Value == "not-setup" {
			if err := v.Decode(&e.NotSetup); err != nil || v.Kind != yaml.ScalarNode {
				d.Errorf(v, "rule %q: not-setup: expected true or false, got %s", rule, yamlfile.Describe(v))
				ok = false
			}
			continue
		}
		if k.Value == "with" {
			if !parseWith(d, v, rule, &e) {
				ok = false
			}
			continue
		}
		if k.Value == "min-words" {
			if err := v.Decode(&e.MinWords); err != nil || v.Kind != yaml.ScalarNode || e.MinWords < 0 {
				d.Errorf(v, "rule %q: min-words: expected a whole number, got %s", rule, yamlfile.Describe(v))
				ok = false
			}
			continue
		}
		vals, nodes, good := d.Strings(v, fmt.Sprintf("rule %q: evidence %q", rule, k.Value))
		if !good {
			ok = false
			continue
		}
		pos := make([]Pos, len(nodes))
		for j, vn := range nodes {
			pos[j] = d.At(vn)
		}
		switch {
		case k.Value == "in":
			e.In, e.InPos = vals, pos
		case e.Kind != "":
			d.Errorf(k, "rule %q: evidence item has two kinds, %q and %q: write one item per kind", rule, e.Kind, k.Value)
			ok = false
		default:
			e.Kind, e.Values, e.ValuePos = k.Value, vals, pos
			if len(vals) == 0 {
				d.Errorf(v, "rule %q: evidence %q: expected at least one value", rule, k.Value)
				ok = false
			}
		}
	}
	if e.Kind == "" && ok {
		d.Errorf(n, "rule %q: evidence item names no kind: expected one such as files or section", rule)
		ok = false
	}
	return e, ok
}

// parseWith reads an evidence item's parameters: a mapping of names to a
// string or a list of strings, which the evidence kind validates.
func parseWith(d *yamlfile.Doc, n *yaml.Node, rule string, e *Evidence) bool {
	if n.Kind != yaml.MappingNode {
		d.Errorf(n, "rule %q: with: expected a mapping of parameters such as {max-age: 6 months}, got %s", rule, yamlfile.Describe(n))
		return false
	}
	e.With = map[string][]string{}
	ok := true
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if _, dup := e.With[k.Value]; dup {
			d.Errorf(k, "rule %q: with %q is repeated", rule, k.Value)
			ok = false
			continue
		}
		vals, _, good := d.Strings(v, fmt.Sprintf("rule %q: with %q", rule, k.Value))
		if !good {
			ok = false
			continue
		}
		e.With[k.Value] = vals
	}
	return ok
}

func (l *loader) text(n *yaml.Node, dst *Text, what string, parent *yaml.Node) {
	if n == nil {
		l.errorf(parent, "missing %s (with en and fr)", what)
		return
	}
	if n.Kind != yaml.MappingNode {
		l.errorf(n, "%s: expected a mapping with en and fr, got %s", what, yamlfile.Describe(n))
		return
	}
	keys := l.d.Mapping(n, yamlfile.Key(what), "en", "fr")
	dst.EN, _ = l.d.String(keys["en"], what+".en")
	dst.FR, _ = l.d.String(keys["fr"], what+".fr")
	if keys["en"] == nil || keys["fr"] == nil {
		l.errorf(n, "%s: expected both en and fr", what)
	}
}

// finish checks what spans files — profile rule ids, extensions, the
// default profile — and sorts groups and rules into checklist order.
func (l *loader) finish() {
	groupOrder := map[string]int{}
	for _, g := range l.cat.Groups {
		groupOrder[g.ID] = g.Order
	}
	sort.SliceStable(l.cat.Groups, func(i, j int) bool { return l.cat.Groups[i].Order < l.cat.Groups[j].Order })
	sort.SliceStable(l.cat.Rules, func(i, j int) bool {
		return groupOrder[l.cat.Rules[i].Group] < groupOrder[l.cat.Rules[j].Group]
	})
	l.resolveProfiles()
	if len(l.cat.Profiles) == 0 {
		l.errs = append(l.errs, loadWords.Errorf("no-profile"))
	} else if _, ok := l.cat.Profiles[l.cat.DefaultProfile]; !ok {
		e := Errorf(l.defaultPos, "default profile %q is not defined", l.cat.DefaultProfile)
		if s := Suggest(l.cat.DefaultProfile, l.cat.ProfileIDs()); s != "" {
			e = Errorf(l.defaultPos, "default profile %q is not defined: did you mean %q?", l.cat.DefaultProfile, s)
		}
		e.Source = yamlfile.Line(l.cat.sources[l.defaultPos.File], l.defaultPos.Line)
		l.errs = append(l.errs, e)
	}
}
