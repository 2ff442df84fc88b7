package check

import (
	"fmt"

	"github.com/passation/passation/internal/catalog"
	"github.com/passation/passation/internal/finding"
	"github.com/passation/passation/internal/source"
)

// diagramLangs are the fenced code block languages that draw a diagram from
// text, which forges render in place (mermaid) or tools turn into images.
var diagramLangs = map[string]string{
	"mermaid": "mermaid", "plantuml": "PlantUML", "puml": "PlantUML", "dot": "Graphviz",
	"graphviz": "Graphviz", "d2": "D2", "structurizr": "Structurizr", "nomnoml": "nomnoml",
}

// diagramEvidence: a section whose heading contains one of the phrases and
// that holds a diagram — drawn as text in a fenced block (```mermaid), or an
// image. A diagram block still holding a template's placeholders does not
// count: a skeleton is not a diagram.
type diagramEvidence struct {
	sectionEvidence
}

func compileDiagram(ev catalog.Evidence, g *globSet) (evidence, error) {
	s, err := compileSection(ev, g)
	if err != nil {
		return nil, err
	}
	return &diagramEvidence{*s.(*sectionEvidence)}, nil
}

func (d *diagramEvidence) describe(lang string) string {
	where := say(lang, "desc-readme")
	if len(d.in) > 0 {
		where = quoteAll(d.in, lang)
	}
	return fmt.Sprintf(say(lang, "desc-diagram"), quoteAll(d.written, lang), where)
}

func (d *diagramEvidence) evaluate(r *run) outcome {
	var o outcome
	lang := r.opt.Lang
	for _, id := range d.ids {
		for _, e := range r.matched[id] {
			if e.Kind != source.File && e.Kind != source.Executable {
				continue
			}
			doc := r.doc(e)
			if doc.err != nil {
				o.err = doc.err
				continue
			}
			if doc.doc == nil {
				continue
			}
			for _, sec := range doc.doc.sections {
				if !d.matches(sec.words) {
					continue
				}
				for _, f := range sec.fences {
					kind, ok := diagramLangs[f.lang]
					if !ok {
						continue
					}
					ev := finding.Evidence{Path: e.Path, Line: f.line}
					switch {
					case f.placeholder != "":
						ev.Detail = fmt.Sprintf(say(lang, "diagram-tmpl"), kind, sec.heading, f.placeholder)
						o.rejected = append(o.rejected, ev)
					case f.words < d.minWords:
						ev.Detail = fmt.Sprintf(say(lang, "diagram-empty"), kind, sec.heading)
						o.rejected = append(o.rejected, ev)
					default:
						ev.Detail = fmt.Sprintf(say(lang, "diagram"), kind, sec.heading)
						o.found = append(o.found, ev)
					}
				}
				for _, img := range sec.images {
					if img == "" {
						continue
					}
					o.found = append(o.found, finding.Evidence{Path: e.Path, Line: sec.line,
						Detail: fmt.Sprintf(say(lang, "diagram-image"), img, sec.heading)})
				}
			}
		}
	}
	return o
}
