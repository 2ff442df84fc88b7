package check

import (
	"fmt"
	"strings"
	"time"

	"github.com/passation/passation/internal/catalog"
	"github.com/passation/passation/internal/finding"
	"github.com/passation/passation/internal/source"
	"go.yaml.in/yaml/v3"
)

// publiccodeMaintenance: publiccode.yml says someone maintains the software
// (maintenance.type internal, community, or a contract still running).
type publiccodeMaintenance struct {
	ids []int
}

func compilePubliccodeMaintenance(ev catalog.Evidence, g *globSet) (evidence, error) {
	if len(ev.Values) != 1 || ev.Values[0] != "true" {
		return nil, fmt.Errorf("expected publiccode-maintenance: true")
	}
	if err := newParams(ev).err(); err != nil {
		return nil, err
	}
	p := &publiccodeMaintenance{}
	for _, pat := range []string{"/publiccode.yml", "/publiccode.yaml"} {
		id, err := g.add(pat)
		if err != nil {
			return nil, err
		}
		p.ids = append(p.ids, id)
	}
	return p, nil
}

func (p *publiccodeMaintenance) describe(lang string) string { return say(lang, "desc-pcm") }

func (p *publiccodeMaintenance) file(r *run) (source.Entry, bool) {
	for _, id := range p.ids {
		for _, e := range r.matched[id] {
			if e.Kind == source.File || e.Kind == source.Executable {
				return e, true
			}
		}
	}
	return source.Entry{}, false
}

func (p *publiccodeMaintenance) evaluate(r *run) outcome {
	lang := r.opt.Lang
	e, ok := p.file(r)
	if !ok {
		return outcome{err: histErr("pcm-nofile")}
	}
	if r.opt.Now.IsZero() {
		return outcome{err: histErr("hist-noclock")}
	}
	data, _, err := r.tree.Read(e, r.opt.MaxRead)
	if err != nil {
		return outcome{err: err}
	}
	at := func(line int, key string, args ...any) finding.Evidence {
		return finding.Evidence{Path: e.Path, Line: line, Detail: fmt.Sprintf(say(lang, key), args...)}
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return outcome{rejected: []finding.Evidence{at(0, "pcm-yaml", strings.TrimPrefix(err.Error(), "yaml: "))}}
	}
	var root *yaml.Node
	if len(doc.Content) > 0 {
		root = doc.Content[0]
	}
	m := lookup(root, "maintenance")
	if m == nil {
		return outcome{rejected: []finding.Evidence{at(0, "pcm-missing")}}
	}
	typ := lookup(m, "type")
	if typ == nil || typ.Kind != yaml.ScalarNode {
		return outcome{rejected: []finding.Evidence{at(m.Line, "pcm-notype")}}
	}
	today := r.opt.Now.UTC().Truncate(24 * time.Hour)
	var running, ended, bad []finding.Evidence
	if cs := lookup(m, "contractors"); cs != nil && cs.Kind == yaml.SequenceNode {
		for _, c := range cs.Content {
			name, until := scalar(lookup(c, "name")), lookup(c, "until")
			if until == nil {
				bad = append(bad, at(c.Line, "pcm-nountil", name))
				continue
			}
			t, err := time.Parse("2006-01-02", strings.TrimSpace(until.Value))
			switch {
			case err != nil:
				bad = append(bad, at(until.Line, "pcm-baddate", name, until.Value))
			case t.Before(today):
				ended = append(ended, at(until.Line, "pcm-ended", name, until.Value))
			default:
				running = append(running, at(until.Line, "pcm-until", name, until.Value))
			}
		}
	}
	switch v := strings.ToLower(strings.TrimSpace(typ.Value)); v {
	case "none":
		return outcome{rejected: append([]finding.Evidence{at(typ.Line, "pcm-none")}, ended...)}
	case "contract":
		if len(running) == 0 {
			if len(ended)+len(bad) == 0 {
				return outcome{rejected: []finding.Evidence{at(typ.Line, "pcm-nocontract")}}
			}
			return outcome{rejected: append(ended, bad...)}
		}
		// The contracts that ended are reported beside the running one.
		return outcome{found: append(append(running, ended...), bad...)}
	case "internal", "community":
		found := []finding.Evidence{at(typ.Line, "pcm-type", v)}
		return outcome{found: append(append(append(found, running...), ended...), bad...)}
	default:
		return outcome{rejected: []finding.Evidence{at(typ.Line, "pcm-badtype", typ.Value)}}
	}
}

// annotate has nothing to add: its skip reasons are translated like the
// history rules'.
func (p *publiccodeMaintenance) annotate(*run, compiledRule, *finding.Result) {}

// lookup returns the value of key in a YAML mapping, or nil.
func lookup(n *yaml.Node, key string) *yaml.Node {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

func scalar(n *yaml.Node) string {
	if n == nil || n.Kind != yaml.ScalarNode {
		return "?"
	}
	return n.Value
}
