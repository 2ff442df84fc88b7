package check

import (
	"fmt"
	"strings"

	"github.com/passation/passation/internal/catalog"
	"github.com/passation/passation/internal/finding"
	"github.com/passation/passation/internal/licence"
	"github.com/passation/passation/internal/manifest"
	"github.com/passation/passation/internal/source"
)

// manifestGlob finds the manifests of the project and of its sub-projects.
var manifestGlob = "**/{" + strings.Join(manifest.Names, ",") + "}"

// manifestFacts are the facts a manifest evidence can ask for.
var manifestFacts = map[string]func(*manifest.Facts) []manifest.Fact{
	"people":        func(f *manifest.Facts) []manifest.Fact { return f.People },
	"licence":       func(f *manifest.Facts) []manifest.Fact { return f.Licences },
	"documentation": func(f *manifest.Facts) []manifest.Fact { return f.Documentation },
	"roadmap":       func(f *manifest.Facts) []manifest.Fact { return f.Roadmap },
}

// manifestEvidence: a fact declared in a package manifest or publiccode.yml
// (authors, licence, a link to documentation kept elsewhere).
type manifestEvidence struct {
	facts []string
	id    int
}

func compileManifest(ev catalog.Evidence, g *globSet) (evidence, error) {
	m := &manifestEvidence{facts: ev.Values}
	for _, v := range ev.Values {
		if manifestFacts[v] == nil {
			return nil, fmt.Errorf("unknown manifest fact %q: expected people, licence, documentation or roadmap", v)
		}
	}
	id, err := g.add(manifestGlob)
	if err != nil {
		return nil, err
	}
	m.id = id
	return m, nil
}

func (m *manifestEvidence) describe(lang string) string {
	return fmt.Sprintf(say(lang, "desc-manifest"), strings.Join(m.facts, ", "))
}

func (m *manifestEvidence) evaluate(r *run) outcome {
	var o outcome
	for _, e := range r.matched[m.id] {
		if e.Kind != source.File {
			continue
		}
		facts, err := r.manifest(e)
		if err != nil {
			// A malformed manifest says nothing; the other evidence decides.
			// The project's own (at the root) is worth a word, not the
			// templates and examples deeper down.
			if !strings.Contains(e.Path, "/") {
				o.rejected = append(o.rejected, finding.Evidence{Path: e.Path, Detail: err.Error()})
			}
			continue
		}
		for _, want := range m.facts {
			for _, f := range manifestFacts[want](facts) {
				if _, ph := substance(f.Value); ph != "" {
					// A draft's "{{ name }}" declares nobody yet.
					o.rejected = append(o.rejected, finding.Evidence{Path: e.Path, Line: f.Line,
						Detail: fmt.Sprintf(say(r.opt.Lang, "stub-tmpl"), ph)})
					continue
				}
				if want == "licence" && (!manifest.OfProject(e.Path) || len(licence.Declare(manifest.SPDX(e.Path, f)).Operands) == 0) {
					continue // a helper's manifest, or no licence one can name
				}
				key := "detail-manifest"
				if want == "documentation" || want == "roadmap" {
					key = "detail-elsewhere"
				}
				o.found = append(o.found, finding.Evidence{Path: e.Path, Line: f.Line,
					Detail: fmt.Sprintf(say(r.opt.Lang, key), f.Key, shorten(f.Value, 80))})
			}
		}
	}
	return o
}

// manifest parses a manifest once per run.
func (r *run) manifest(e source.Entry) (*manifest.Facts, error) {
	if f, ok := r.manifests[e.Path]; ok {
		return f.facts, f.err
	}
	data, _, err := r.tree.Read(e, r.opt.MaxRead)
	var facts *manifest.Facts
	if err == nil {
		facts, err = manifest.Parse(e.Path, data)
	}
	r.manifests[e.Path] = manifestResult{facts, err}
	return facts, err
}

type manifestResult struct {
	facts *manifest.Facts
	err   error
}

func shorten(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if len([]rune(s)) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}
