package evidence

import (
	"fmt"
	neturl "net/url"
	"regexp"
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
		"never passes: a README link about documentation, or a documentation URL in publiccode.yml, is *shown* on the rule as kept outside the repository. A forge's view of a file the tree holds (`https://github.com/org/app/blob/main/front/README.md`) is that committed file, not kept elsewhere.",
		"ne passe jamais : un lien du README vers une documentation, ou une URL de documentation dans publiccode.yml, est *signalé* sur la règle comme conservé hors du dépôt. La page d'une forge qui montre un fichier de l'arbre (`https://github.com/org/app/blob/main/front/README.md`) est ce fichier versé, pas un document conservé ailleurs.",
	},
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
			if committedView(r, l.URL) {
				continue // the forge's view of a file of this very tree
			}
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

// forgeView is a forge's page showing a file of a repository at a ref:
// GitHub's /blob/main/docs/guide.md, GitLab's /-/blob/…, Gitea's
// /src/branch/….
var forgeView = regexp.MustCompile(`^https?://[^/]+/(?:[^/]+/)+?(?:-/)?(?:blob|tree|raw|src/branch|src/commit)/(.+?)(?:[?#].*)?$`)

// committedView reports whether a link is a forge's view of a file that this
// tree holds ("[Documentation](https://github.com/org/app/blob/master/front/README.md)"):
// the document is committed, not kept elsewhere. The ref may hold slashes
// (a branch feature/x), so a few splits are tried, keeping a folder in the
// path once the ref has one.
func committedView(r Run, url string) bool {
	m := forgeView.FindStringSubmatch(url)
	if m == nil {
		return false
	}
	p := m[1]
	if u, err := neturl.PathUnescape(p); err == nil {
		p = u
	}
	parts := strings.Split(p, "/")
	for i := 1; i < len(parts) && i <= 3; i++ {
		if i > 1 && i == len(parts)-1 {
			break // a root file after a slashed ref would take any link to a README
		}
		if _, ok := r.Entry(strings.Join(parts[i:], "/")); ok {
			return true
		}
	}
	return false
}

// Advisory: shown, never counted.
func (*elsewhereEvidence) Advisory() {}
