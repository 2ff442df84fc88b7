package yamlfile

import (
	"errors"
	"fmt"
	"strings"

	"github.com/passation/passation/internal/typo"
	"go.yaml.in/yaml/v3"
)

// Doc is one file being read: it knows its text, so that every problem
// recorded carries the offending line.
type Doc struct {
	File string
	Src  []byte
	errs []error
}

// At returns the position of n in the file.
func (d *Doc) At(n *yaml.Node) Pos {
	if n == nil {
		return Pos{File: d.File}
	}
	return Pos{File: d.File, Line: n.Line, Col: n.Column}
}

// Errorf records a problem at n.
func (d *Doc) Errorf(n *yaml.Node, format string, args ...any) {
	d.ErrorAt(d.At(n), format, args...)
}

// ErrorAt records a problem at p.
func (d *Doc) ErrorAt(p Pos, format string, args ...any) {
	d.Add(Errorf(p, format, args...))
}

// Add records a problem found by someone else, filling its offending line
// when it is in this file.
func (d *Doc) Add(err error) {
	var ye *Error
	if errors.As(err, &ye) && ye.Pos.File == d.File {
		withSource(ye, d.Src)
	}
	d.errs = append(d.errs, err)
}

// Err returns every problem recorded, joined, or nil.
func (d *Doc) Err() error { return errors.Join(d.errs...) }

// Failed reports whether a problem was recorded.
func (d *Doc) Failed() bool { return len(d.errs) > 0 }

// Mapping returns the values of mapping n by key. Unknown keys are reported
// with the closest known one ("did you mean"), repeated keys as such; what
// names the mapping in messages ("" at the top of the file).
func (d *Doc) Mapping(n *yaml.Node, what fmt.Stringer, allowed ...string) map[string]*yaml.Node {
	out := map[string]*yaml.Node{}
	if n == nil || n.Kind != yaml.MappingNode {
		return out
	}
	// Each sentence with the mapping named, and without (suffix "-top").
	top := ""
	if what == nil || what.String() == "" {
		top = "-top"
	}
	say := func(n *yaml.Node, key string, args ...any) {
		if top == "" {
			args = append(args[:1:1], append([]any{what}, args[1:]...)...)
		}
		d.Errorf(n, mappingFormats[key+top], args...)
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		known := false
		for _, a := range allowed {
			known = known || a == k.Value
		}
		switch {
		case k.Kind != yaml.ScalarNode:
			say(k, "not-key", allowed[0], Describe(k))
		case !known:
			if s := Suggest(k.Value, allowed); s != "" {
				say(k, "did-you-mean", k.Value, s)
			} else {
				say(k, "unknown-key", k.Value, strings.Join(allowed, ", "))
			}
		case out[k.Value] != nil:
			say(k, "repeated", k.Value)
		default:
			out[k.Value] = n.Content[i+1]
		}
	}
	return out
}

// Misspelled reports whether mapping n has an unknown key that Mapping
// already reported as a likely typo of one of keys, so that a misspelt key
// is not also reported as missing. Without keys, it reports whether the
// mapping has any key at all (for a mapping none of whose keys was known).
func (d *Doc) Misspelled(n *yaml.Node, keys ...string) bool {
	if n == nil || n.Kind != yaml.MappingNode {
		return false
	}
	if len(keys) == 0 {
		// Called when none of the mapping's keys was known: each of them
		// has been reported already.
		return len(n.Content) > 0
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i].Value
		for _, want := range keys {
			if k != want && Suggest(k, []string{want}) == want {
				return true
			}
		}
	}
	return false
}

// String reads a scalar; what names it in messages. A missing node returns
// "" and false without a problem: callers decide whether it is required.
func (d *Doc) String(n *yaml.Node, what string) (string, bool) {
	if n == nil {
		return "", false
	}
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		d.Errorf(n, "%s: expected a string, got %s", what, Describe(n))
		return "", false
	}
	if strings.TrimSpace(n.Value) == "" {
		d.Errorf(n, "%s: expected a non-empty string", what)
		return "", false
	}
	return n.Value, true
}

// Strings reads a string or a list of strings, with the node of each.
func (d *Doc) Strings(n *yaml.Node, what string) ([]string, []*yaml.Node, bool) {
	if n == nil {
		return nil, nil, false
	}
	switch n.Kind {
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			break
		}
		return []string{n.Value}, []*yaml.Node{n}, true
	case yaml.SequenceNode:
		vals := make([]string, 0, len(n.Content))
		for _, c := range n.Content {
			if c.Kind != yaml.ScalarNode || c.Tag == "!!null" {
				d.Errorf(c, "%s: expected a string, got %s", what, Describe(c))
				return nil, nil, false
			}
			vals = append(vals, c.Value)
		}
		return vals, n.Content, true
	}
	d.Errorf(n, "%s: expected a string or a list of strings, got %s", what, Describe(n))
	return nil, nil, false
}

// Key names a mapping by its key, the same in both languages.
type Key string

func (k Key) String() string { return string(k) }

// Phrase is a piece of a message in both languages, given to Errorf as an
// argument: it prints in English, and Error.In says it in the message's
// language.
type Phrase struct{ EN, FR string }

func (p Phrase) String() string { return p.EN }

// In is the phrase in lang.
func (p Phrase) In(lang string) string {
	if lang == "fr" {
		return typo.French(p.FR)
	}
	return p.EN
}

// KindName names a node's kind as a user would.
func KindName(n *yaml.Node) Phrase {
	switch n.Kind {
	case yaml.MappingNode:
		return Phrase{"mapping", "dictionnaire"}
	case yaml.SequenceNode:
		return Phrase{"list", "liste"}
	case yaml.AliasNode:
		return Phrase{"alias", "alias"}
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return Phrase{"nothing", "rien"}
		}
		return Phrase{"string", "chaîne"}
	}
	return Phrase{"document", "document"}
}

// Describe names a node and, for a scalar, quotes it: `a list`, `"yes"`.
func Describe(n *yaml.Node) Phrase {
	switch {
	case n.Kind == yaml.ScalarNode && n.Tag == "!!null":
		return Phrase{"nothing", "rien"}
	case n.Kind == yaml.ScalarNode:
		return Phrase{fmt.Sprintf("%q", n.Value), "« " + n.Value + " »"}
	case n.Kind == yaml.AliasNode:
		return Phrase{"an alias (*" + n.Value + "): aliases are not supported here", "un alias (*" + n.Value + ") : les alias ne sont pas acceptés ici"}
	case n.Kind == yaml.MappingNode:
		return Phrase{"a mapping", "un dictionnaire"}
	case n.Kind == yaml.SequenceNode:
		return Phrase{"a list", "une liste"}
	}
	return Phrase{"a " + KindName(n).EN, "un " + KindName(n).FR}
}

// Suggest returns the candidate closest to s by edit distance, when close
// enough to be a likely typo, else "".
func Suggest(s string, candidates []string) string {
	best, bestD := "", 3
	if len(s) <= 3 {
		bestD = 2
	}
	for _, c := range candidates {
		if d := distance(strings.ToLower(s), strings.ToLower(c)); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

func distance(a, b string) int {
	if len(a) > 64 || len(b) > 64 {
		if a == b {
			return 0
		}
		return 64
	}
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
