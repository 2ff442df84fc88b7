package evidence

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/passation/passation/internal/catalog"
	"github.com/passation/passation/internal/globset"
	"github.com/passation/passation/internal/syserr"
)

// Needs says what a kind reads beyond the tree's files, so that a run
// prepares only what its rules use.
type Needs struct {
	// History: the kind is judged on the git history alone.
	History bool
}

// Kind is one evidence kind of rule files: how it is written, what it
// means, and how it compiles.
type Kind struct {
	// Name is the key of the kind in a rule file's evidence item.
	Name string
	// Values describes the kind's values for the schema: "strings" (a string
	// or a list) or "true" (the string "true").
	Values string
	// Options are the other keys of the item that the kind reads (in,
	// min-words, not-setup, with).
	Options []string
	// Example is an item as a rule file writes it, in Markdown.
	Example string
	// Passes says, in English and French, when the kind is found.
	Passes [2]string
	Needs  Needs
	// Compile validates and compiles one item, adding the patterns it
	// reads to the run's set.
	Compile func(ev catalog.Evidence, g *globset.Set) (Evidence, error)
}

// Registry is the set of kinds a catalogue may use. The engine is given
// one and knows no kind of its own.
type Registry struct {
	kinds map[string]*Kind
	names []string
}

// NewRegistry makes a registry of kinds; a name given twice is a mistake.
func NewRegistry(kinds ...Kind) (*Registry, error) {
	r := &Registry{kinds: map[string]*Kind{}}
	for i := range kinds {
		k := &kinds[i]
		if _, dup := r.kinds[k.Name]; dup {
			return nil, fmt.Errorf("evidence kind %q registered twice", k.Name)
		}
		r.kinds[k.Name] = k
		r.names = append(r.names, k.Name)
	}
	slices.Sort(r.names)
	return r, nil
}

// builtin gathers the kinds of this package: each kind's file registers it,
// so that adding a kind is writing its file (and its fixture).
var builtin = &Registry{kinds: map[string]*Kind{}}

// register adds a kind of this package to the default registry. A name
// given twice stops the program at start: it is a mistake of the code.
func register(k Kind) *Kind {
	if _, dup := builtin.kinds[k.Name]; dup {
		panic(fmt.Sprintf("evidence kind %q registered twice", k.Name))
	}
	builtin.kinds[k.Name] = &k
	builtin.names = append(builtin.names, k.Name)
	slices.Sort(builtin.names)
	return &k
}

// Default is the registry of every kind this package defines.
func Default() *Registry { return builtin }

// Kinds lists the kinds by name.
func (r *Registry) Kinds() []*Kind {
	out := make([]*Kind, len(r.names))
	for i, n := range r.names {
		out[i] = r.kinds[n]
	}
	return out
}

// Names lists the kinds' names, sorted.
func (r *Registry) Names() []string { return slices.Sorted(slices.Values(r.names)) }

// Kind returns the kind of a name.
func (r *Registry) Kind(name string) (*Kind, bool) {
	k, ok := r.kinds[name]
	return k, ok
}

// Compile compiles one evidence item of a rule. Its error names the rule
// file and line of the value at fault.
func (r *Registry) Compile(rule string, ev catalog.Evidence, g *globset.Set) (Evidence, error) {
	k, ok := r.kinds[ev.Kind]
	if !ok {
		names := r.Names()
		msg := compileWords.Errorf("one-of", strings.Join(names, ", "))
		if s := catalog.Suggest(ev.Kind, names); s != "" {
			msg = compileWords.Errorf("typo", s)
		}
		return nil, catalog.Errorf(ev.Pos, "rule %q: unknown evidence kind %q: %s", rule, ev.Kind, msg)
	}
	e, err := k.Compile(ev, g)
	if err != nil {
		return nil, catalog.Errorf(culprit(ev, k.Compile), "rule %q: %s: %v", rule, ev.Kind, syserr.Of(err))
	}
	return e, nil
}

// Validate compiles every evidence item of the rules on their own, for a
// configuration that adds items to a rule.
func (r *Registry) Validate(rules []catalog.Rule) error {
	var errs []error
	for _, rule := range rules {
		for _, ev := range rule.Evidence {
			if _, err := r.Compile(rule.ID, ev, globset.New()); err != nil {
				errs = append(errs, err)
			}
		}
	}
	return errors.Join(errs...)
}

// JudgedOnHistory reports whether a rule is judged on the history alone
// (activity, bus-factor, doc-freshness, release): it says nothing of what
// the next commit contains, so a pre-commit check leaves it out.
func (r *Registry) JudgedOnHistory(rule catalog.Rule) bool {
	for _, ev := range rule.Evidence {
		if k, ok := r.kinds[ev.Kind]; !ok || !k.Needs.History {
			return false
		}
	}
	return len(rule.Evidence) > 0
}

// culprit finds which value of a failed evidence is at fault, by compiling
// each alone, so that the message points at the pattern as written; the
// evidence item itself when none fails alone.
func culprit(ev catalog.Evidence, compile func(catalog.Evidence, *globset.Set) (Evidence, error)) catalog.Pos {
	for i, v := range ev.Values {
		one := ev
		one.Values, one.In = []string{v}, nil
		if _, err := compile(one, globset.New()); err != nil && i < len(ev.ValuePos) {
			return ev.ValuePos[i]
		}
	}
	for i, in := range ev.In {
		one := ev
		one.In = []string{in}
		if _, err := compile(one, globset.New()); err != nil && i < len(ev.InPos) {
			return ev.InPos[i]
		}
	}
	return ev.Pos
}
