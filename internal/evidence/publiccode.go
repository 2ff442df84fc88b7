package evidence

import (
	"fmt"
	"strings"
	"time"

	"github.com/passation/passation/internal/catalog"
	"github.com/passation/passation/internal/finding"
	"github.com/passation/passation/internal/globset"
	"github.com/passation/passation/internal/i18n"
	"github.com/passation/passation/internal/source"
	"go.yaml.in/yaml/v3"
)

var _ = register(Kind{
	Name:    "publiccode-maintenance",
	Values:  "true",
	Example: "`publiccode-maintenance: \"true\"`",
	Passes: [2]string{
		"`publiccode.yml` at the root declares maintenance that is still running (see `declared-maintenance`).",
		"le `publiccode.yml` de la racine déclare une maintenance toujours en cours (voir `declared-maintenance`).",
	},
	Compile: compilePubliccodeMaintenance,
})

var publiccodeWords = i18n.Text{
	"desc-pcm":       {"publiccode.yml declaring maintenance (type internal, community, or a contract still running)", "un publiccode.yml qui déclare une maintenance (type internal, community, ou un contrat en cours)"},
	"pcm-nofile":     {"no publiccode.yml at the root, so no maintenance is declared", "pas de publiccode.yml à la racine, donc aucune maintenance déclarée"},
	"pcm-yaml":       {"invalid YAML: %s", "YAML invalide : `%s`"},
	"pcm-missing":    {"no maintenance section", "pas de rubrique maintenance"},
	"pcm-notype":     {"maintenance has no type (internal, contract, community or none)", "maintenance sans type (internal, contract, community ou none)"},
	"pcm-badtype":    {"maintenance.type %q: expected internal, contract, community or none", "maintenance.type « %s » invalide (valeurs possibles : internal, contract, community ou none)"},
	"pcm-none":       {"maintenance.type: none, no one maintains the software", "maintenance.type: none, personne ne maintient le logiciel"},
	"pcm-type":       {"maintenance.type: %s", "maintenance.type: %s"},
	"pcm-nocontract": {"maintenance.type: contract, but no contractor is listed", "maintenance.type: contract, mais aucun prestataire n'est indiqué"},
	"pcm-until":      {"contract with %s until %s", "contrat avec %s jusqu'au %s"},
	"pcm-ended":      {"contract with %s ended on %s", "contrat avec %s terminé le %s"},
	"pcm-nountil":    {"contractor %s has no until date", "le prestataire %s n'a pas de date de fin (until)"},
	"pcm-baddate":    {"contractor %s: until %q is not a date (YYYY-MM-DD)", "prestataire %s : until « %s » n'est pas une date (AAAA-MM-JJ)"},
}

// publiccodeMaintenanceEvidence: publiccode.yml says someone maintains the
// software (maintenance.type internal, community, or a contract still running).
type publiccodeMaintenanceEvidence struct {
	ids []int
}

func compilePubliccodeMaintenance(ev catalog.Evidence, g *globset.Set) (Evidence, error) {
	if len(ev.Values) != 1 || ev.Values[0] != "true" {
		return nil, compileWords.Errorf("publiccode")
	}
	if err := newParams(ev).err(); err != nil {
		return nil, err
	}
	p := &publiccodeMaintenanceEvidence{}
	for _, pat := range []string{"/publiccode.yml", "/publiccode.yaml"} {
		id, err := g.Add(pat)
		if err != nil {
			return nil, err
		}
		p.ids = append(p.ids, id)
	}
	return p, nil
}

func (p *publiccodeMaintenanceEvidence) Describe(lang string) string {
	return publiccodeWords.In(lang, "desc-pcm")
}

func (p *publiccodeMaintenanceEvidence) file(r Run) (source.Entry, bool) {
	for _, id := range p.ids {
		for _, e := range r.Matched(id) {
			if isFile(e) {
				return e, true
			}
		}
	}
	return source.Entry{}, false
}

func (p *publiccodeMaintenanceEvidence) Evaluate(r Run) Outcome {
	lang := r.Lang()
	e, ok := p.file(r)
	if !ok {
		return Outcome{Err: publiccodeWords.Errorf("pcm-nofile")}
	}
	if r.Now().IsZero() {
		return Outcome{Err: NoClock()}
	}
	data, _, err := r.Read(e, r.MaxRead())
	if err != nil {
		return Outcome{Err: err}
	}
	at := func(line int, key string, args ...any) finding.Evidence {
		return finding.Evidence{Path: e.Path, Line: line, Detail: fmt.Sprintf(publiccodeWords.In(lang, key), args...)}
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return Outcome{Rejected: []finding.Evidence{at(0, "pcm-yaml", strings.TrimPrefix(err.Error(), "yaml: "))}}
	}
	var root *yaml.Node
	if len(doc.Content) > 0 {
		root = doc.Content[0]
	}
	m := lookup(root, "maintenance")
	if m == nil {
		return Outcome{Rejected: []finding.Evidence{at(0, "pcm-missing")}}
	}
	typ := lookup(m, "type")
	if typ == nil || typ.Kind != yaml.ScalarNode {
		return Outcome{Rejected: []finding.Evidence{at(m.Line, "pcm-notype")}}
	}
	today := r.Now().UTC().Truncate(24 * time.Hour)
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
		return Outcome{Rejected: append([]finding.Evidence{at(typ.Line, "pcm-none")}, ended...)}
	case "contract":
		if len(running) == 0 {
			if len(ended)+len(bad) == 0 {
				return Outcome{Rejected: []finding.Evidence{at(typ.Line, "pcm-nocontract")}}
			}
			return Outcome{Rejected: append(ended, bad...)}
		}
		// The contracts that ended are reported beside the running one.
		return Outcome{Found: append(append(running, ended...), bad...)}
	case "internal", "community":
		found := []finding.Evidence{at(typ.Line, "pcm-type", v)}
		return Outcome{Found: append(append(append(found, running...), ended...), bad...)}
	default:
		return Outcome{Rejected: []finding.Evidence{at(typ.Line, "pcm-badtype", typ.Value)}}
	}
}

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
