package evidence

import (
	"fmt"
	"strings"

	"github.com/passation/passation/internal/catalog"
	"github.com/passation/passation/internal/finding"
	"github.com/passation/passation/internal/globset"
	"github.com/passation/passation/internal/i18n"
	"github.com/passation/passation/internal/textfold"
)

var _ = register(Kind{
	Name:    "elsewhere",
	Values:  "strings",
	Example: "`elsewhere: [\"documentation\", \"manuel\"]`",
	Passes: [2]string{
		"never passes: a README link about documentation, or a documentation URL in publiccode.yml, is *shown* on the rule as kept outside the repository.",
		"ne passe jamais : un lien du README vers une documentation, ou une URL de documentation dans publiccode.yml, est *signalé* sur la règle comme conservé hors du dépôt.",
	},
	Needs:   Needs{Manifests: true},
	Compile: compileElsewhere,
})

var elsewhereWords = i18n.Text{
	"desc-elsewhere": {"shown, not counted: a README link about %s, or a documentation URL in publiccode.yml", "signalé sans être compté : un lien du README vers %s, ou une URL de documentation dans publiccode.yml"},
	"elsewhere-link": {"declared elsewhere: %s — not committed; declare it with external: in .passation.yml to count it", "signalé ailleurs : %s — pas dans le dépôt ; déclarez-le dans external: de .passation.yml pour qu'il compte"},
}

// elsewhereEvidence: documentation kept outside the repository — a README
// link whose text or address names it, or a documentation URL declared in
// publiccode.yml or a manifest. It is shown, never counted: only what is
// committed hands over, and a team confirms an outside document with an
// external: declaration in its configuration.
type elsewhereEvidence struct {
	phrases    [][]string
	readmes    int
	manifestID int
}

func compileElsewhere(ev catalog.Evidence, g *globset.Set) (Evidence, error) {
	e := &elsewhereEvidence{}
	for _, v := range ev.Values {
		w := textfold.Words(v)
		if len(w) == 0 {
			return nil, compileWords.Errorf("link-phrase", v)
		}
		e.phrases = append(e.phrases, w)
	}
	var err error
	if e.readmes, err = g.Add("/readme*"); err != nil {
		return nil, err
	}
	if e.manifestID, err = g.Add(manifestGlob); err != nil {
		return nil, err
	}
	return e, nil
}

func (e *elsewhereEvidence) Describe(lang string) string {
	phrases := make([]string, len(e.phrases))
	for i, p := range e.phrases {
		phrases[i] = strings.Join(p, " ")
	}
	return fmt.Sprintf(elsewhereWords.In(lang, "desc-elsewhere"), quoteAll(phrases, lang))
}

func (e *elsewhereEvidence) Evaluate(r Run) Outcome {
	var o Outcome
	lang := r.Lang()
	for _, en := range r.Matched(e.readmes) {
		d, err := r.Doc(en)
		if err != nil || d == nil {
			continue
		}
		for _, l := range d.Links {
			for _, p := range e.phrases {
				if textfold.ContainsPhrase(l.Words, p) {
					o.Rejected = append(o.Rejected, finding.Evidence{Path: en.Path, Line: l.Line,
						Detail: fmt.Sprintf(elsewhereWords.In(lang, "elsewhere-link"), Shorten(l.URL, 100))})
					break
				}
			}
		}
	}
	for _, en := range r.Matched(e.manifestID) {
		facts, err := r.Manifest(en)
		if err != nil || facts == nil {
			continue
		}
		for _, f := range facts.Documentation {
			o.Rejected = append(o.Rejected, finding.Evidence{Path: en.Path, Line: f.Line,
				Detail: fmt.Sprintf(elsewhereWords.In(lang, "elsewhere-link"), Shorten(f.Value, 100))})
		}
	}
	return o
}
