package evidence

import (
	"fmt"
	"maps"
	"strings"

	"github.com/passation/passation/internal/catalog"
	"github.com/passation/passation/internal/document"
	"github.com/passation/passation/internal/finding"
	"github.com/passation/passation/internal/globset"
	"github.com/passation/passation/internal/i18n"
)

var _ = register(Kind{
	Name:    "diagram",
	Values:  "strings",
	Options: []string{"in", "min-words", "with"},
	Example: "`diagram: [\"architecture\", \"schéma\"]`",
	Passes: [2]string{
		"a section whose heading contains the phrase holds a diagram: a ` ```mermaid ` (PlantUML, Graphviz, D2…) block whose text is not a template skeleton, boxes and arrows drawn in a plain block (a folder tree is none), or an image. `in:` restricts the files, as for `section`. `with: {flows: true}` takes only a text diagram that draws a flow between parts (mermaid `flowchart`, `graph`, `sequenceDiagram`, C4), never an image nor a data model (`erDiagram`, `classDiagram`): under a heading such as `## Fonctionnement`, an image is as often a screenshot.",
		"une section dont le titre contient l'expression porte un schéma : un bloc ` ```mermaid ` (PlantUML, Graphviz, D2…) dont le texte n'est pas un squelette de modèle, des boîtes et des flèches dessinées dans un bloc de texte brut (une arborescence de dossiers n'en est pas), ou une image. `in:` restreint les fichiers, comme pour `section`. `with: {flows: true}` ne prend qu'un schéma en texte qui dessine un flux entre des parties (`flowchart`, `graph`, `sequenceDiagram` de mermaid, C4), jamais une image ni un modèle de données (`erDiagram`, `classDiagram`) : sous un titre comme `## Fonctionnement`, une image est aussi souvent une capture d'écran.",
	},
	Compile: compileDiagram,
})

var diagramWords = i18n.Text{
	"diagram":       {"%s diagram in section %q", "schéma %s dans la section « %s »"},
	"diagram-tmpl":  {"%s diagram in section %q present but empty: template left unfilled (%q)", "schéma %s de la section « %s » présent mais vide : modèle non rempli (« %s »)"},
	"diagram-empty": {"%s diagram in section %q present but empty", "schéma %s de la section « %s » présent mais vide"},
	"diagram-image": {"image %s in section %q", "image %s dans la section « %s »"},
	"desc-diagram":  {"a diagram (a mermaid, PlantUML or Graphviz block, or an image) in a section titled %s in %s", "un schéma (bloc mermaid, PlantUML ou Graphviz, ou image) dans une section intitulée %s dans %s"},
}

// diagramEvidence: a section whose heading contains one of the phrases and
// that holds a diagram — drawn as text in a fenced block (```mermaid), or an
// image. A diagram block still holding a template's placeholders does not
// count: a skeleton is not a diagram.
type diagramEvidence struct {
	*sectionEvidence
	// flows (with: {flows: true}) takes only a text diagram of a flow
	// (mermaid flowchart, graph, sequenceDiagram), no image: under a
	// heading such as "Fonctionnement", an image is as often a screenshot.
	flows bool
}

func compileDiagram(ev catalog.Evidence, g *globset.Set) (Evidence, error) {
	flows := false
	if v, ok := ev.With["flows"]; ok {
		if len(v) != 1 || (v[0] != "true" && v[0] != "false") {
			return nil, compileWords.Errorf("boolean", "flows", strings.Join(v, ", "))
		}
		flows = v[0] == "true"
		// The rest of with: is the section's.
		ev.With = maps.Clone(ev.With)
		delete(ev.With, "flows")
	}
	s, err := compileSection(ev, g)
	if err != nil {
		return nil, err
	}
	return &diagramEvidence{sectionEvidence: s, flows: flows}, nil
}

// flowDrawings are the kinds of text diagram that draw the parts of a
// system and what passes between them; a data model (erDiagram,
// classDiagram) or a timeline draws something else.
var flowDrawings = map[string]bool{"flowchart": true, "graph": true, "sequencediagram": true,
	"c4context": true, "c4container": true, "c4component": true, "architecture-beta": true, "block-beta": true,
	"ascii": true} // boxes and arrows drawn in a plain block

func (d *diagramEvidence) Describe(lang string) string {
	return fmt.Sprintf(diagramWords.In(lang, "desc-diagram"), quoteAll(d.written, lang), documents(d.in, lang))
}

func (d *diagramEvidence) Evaluate(r Run) Outcome {
	var o Outcome
	lang := r.Lang()
	d.eachSection(r, &o, false, func(path string, sec *document.Section, _ headingMatch) {
		for _, f := range sec.Fences {
			kind, ok := document.DiagramKind(f.Lang)
			if !ok || d.flows && !flowDrawings[f.Type] {
				continue
			}
			ev := finding.Evidence{Path: path, Line: f.Line}
			switch {
			case f.Placeholder != "":
				ev.Detail = fmt.Sprintf(diagramWords.In(lang, "diagram-tmpl"), kind, sec.Heading, f.Placeholder)
				o.Rejected = append(o.Rejected, ev)
			case f.Words < d.minWords:
				ev.Detail = fmt.Sprintf(diagramWords.In(lang, "diagram-empty"), kind, sec.Heading)
				o.Rejected = append(o.Rejected, ev)
			default:
				ev.Detail = fmt.Sprintf(diagramWords.In(lang, "diagram"), kind, sec.Heading)
				o.Found = append(o.Found, ev)
			}
		}
		for _, img := range sec.Images {
			if img == "" || d.flows {
				continue
			}
			o.Found = append(o.Found, finding.Evidence{Path: path, Line: sec.Line,
				Detail: fmt.Sprintf(diagramWords.In(lang, "diagram-image"), img, sec.Heading)})
		}
	})
	return o
}
