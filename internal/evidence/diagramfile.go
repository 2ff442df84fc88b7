package evidence

import (
	"fmt"
	"path"
	"slices"
	"strings"
	"unicode"

	"github.com/passation/passation/internal/catalog"
	"github.com/passation/passation/internal/finding"
	"github.com/passation/passation/internal/globset"
	"github.com/passation/passation/internal/i18n"
	"github.com/passation/passation/internal/source"
	"github.com/passation/passation/internal/textfold"
)

var _ = register(Kind{
	Name:    "diagram-file",
	Values:  "strings",
	Example: "`diagram-file: [architecture, archi, schema]`",
	Passes: [2]string{
		"an image or diagram file (`png`, `svg`, `pdf`, `drawio`…) whose name or folder has one of the words as a whole word: `docs/archi/vue-globale.png` and `Archi technique.svg` count, `icons/archive.svg` and `img/startups/archifiltre.png` do not. Icons, logos, pictograms, screenshots and test snapshots never count, whatever their name; nor do the images the application serves (`public/`, `static/`, `src/`, `img/`, `images/`, `assets/` outside a documentation folder), which are the *assets* scope that a rule reads only when its `scopes:` name it.",
		"un fichier d'image ou de schéma (`png`, `svg`, `pdf`, `drawio`…) dont le nom ou le dossier porte l'un des mots comme mot entier : `docs/archi/vue-globale.png` et `Archi technique.svg` comptent, `icons/archive.svg` et `img/startups/archifiltre.png` non. Icônes, logos, pictogrammes, captures d'écran et instantanés de tests ne comptent jamais, quel que soit leur nom ; ni les images que sert l'application (`public/`, `static/`, `src/`, `img/`, `images/`, `assets/` hors d'un dossier de documentation), qui forment la portée *assets* qu'une règle ne lit que si ses `scopes:` la nomment.",
	},
	Compile: compileDiagramFile,
})

var diagramFileWords = i18n.Text{
	"desc": {"an image or diagram file named with the word %s", "un fichier d'image ou de schéma nommé avec le mot %s"},
}

// diagramExts are the files a diagram is drawn or exported to.
const diagramExts = "png,svg,jpg,jpeg,gif,webp,pdf,drawio,puml,plantuml,mmd,dot,gv,excalidraw,vsdx"

// notDiagrams are words of a path that make an image something else: the
// application's icons and logos, a screenshot, a test's snapshot.
var notDiagrams = map[string]bool{
	"icon": true, "icons": true, "icone": true, "icones": true, "logo": true, "logos": true,
	"pictogram": true, "pictograms": true, "pictogramme": true, "pictogrammes": true, "picto": true, "pictos": true,
	"favicon": true, "emoji": true, "emojis": true, "avatar": true, "avatars": true, "sprite": true, "sprites": true,
	"screenshot": true, "screenshots": true, "capture": true, "captures": true, "screen": true, "screens": true,
	"snapshot": true, "snapshots": true, "snap": true, "cypress": true, "e2e": true, "test": true, "tests": true,
}

// nameOnly are the words that count in a file's name only: a folder
// named so holds the infrastructure's code (an error page's 503.svg).
var nameOnly = map[string]bool{"infra": true, "infrastructure": true}

// diagramFileEvidence: a file whose path has one of the words as a token.
// The patterns find candidates cheaply (the word anywhere in the path);
// the tokens decide.
type diagramFileEvidence struct {
	words []string
	ids   []int
}

func compileDiagramFile(ev catalog.Evidence, g *globset.Set) (Evidence, error) {
	d := &diagramFileEvidence{}
	for _, v := range ev.Values {
		w := textfold.Fold(strings.TrimSpace(v))
		if w == "" || strings.IndexFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) >= 0 {
			return nil, compileWords.Errorf("word", v)
		}
		d.words = append(d.words, w)
		ids, err := g.AddAll([]string{"**/*" + w + "*.{" + diagramExts + "}", "**/*" + w + "*/**"})
		if err != nil {
			return nil, err
		}
		d.ids = append(d.ids, ids...)
	}
	return d, nil
}

func (d *diagramFileEvidence) Describe(lang string) string {
	return fmt.Sprintf(diagramFileWords.In(lang, "desc"), quoteAll(d.words, lang))
}

func (d *diagramFileEvidence) Evaluate(r Run) Outcome {
	var o Outcome
	seen := map[string]bool{}
	for _, id := range d.ids {
		for _, e := range r.Matched(id) {
			if seen[e.Path] || e.Kind == source.Symlink || e.Kind == source.Submodule {
				continue
			}
			seen[e.Path] = true
			if len(o.Found) >= maxEvidence || len(o.Rejected) >= maxStubReads {
				return o
			}
			if !d.named(e.Path) {
				continue
			}
			reason, err := stub(r, e, 1)
			if err != nil {
				o.Err = err
				continue
			}
			if reason != "" {
				o.Rejected = append(o.Rejected, finding.Evidence{Path: e.Path, Detail: reason})
				continue
			}
			o.Found = append(o.Found, finding.Evidence{Path: e.Path, Detail: words.In(r.Lang(), "file")})
		}
	}
	return o
}

// named reports whether a path is an image or diagram file with one of the
// words as a token, and none of the words of icons, logos, screenshots and
// tests.
func (d *diagramFileEvidence) named(p string) bool {
	ext := strings.ToLower(path.Ext(p))
	if ext == "" || !slices.Contains(strings.Split(diagramExts, ","), ext[1:]) {
		return false
	}
	found := false
	base := path.Base(p)
	for _, t := range Tokens(p) {
		if notDiagrams[t] {
			return false
		}
		if nameOnly[t] && !slices.Contains(Tokens(base), t) {
			// The folder of the deployment code (.infra/, infra/): its
			// images are served pages and configuration, not drawings.
			continue
		}
		// A numbered drawing ("architecture2.svg") is still the word.
		bare := strings.TrimRightFunc(t, unicode.IsDigit)
		for _, w := range d.words {
			found = found || t == w || t == w+"s" || (bare != t && len(bare) > 2 && (bare == w || bare == w+"s"))
		}
	}
	return found
}

// Tokens splits a path into its folded words: at every character that is
// not a letter or a digit, and where a lower-case letter meets an upper-case
// one ("ArchiTechnique" is archi, technique). The extension is left out.
func Tokens(p string) []string {
	if i := strings.LastIndexByte(p, '.'); i > strings.LastIndexByte(p, '/') {
		p = p[:i]
	}
	var out []string
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			out = append(out, textfold.Fold(string(cur)))
			cur = cur[:0]
		}
	}
	var prev rune
	for _, c := range p {
		switch {
		case !unicode.IsLetter(c) && !unicode.IsDigit(c):
			flush()
		case unicode.IsUpper(c) && unicode.IsLower(prev):
			flush()
			cur = append(cur, c)
		default:
			cur = append(cur, c)
		}
		prev = c
	}
	flush()
	return out
}
