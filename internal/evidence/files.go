package evidence

import (
	"bytes"
	"fmt"
	"path"
	"strings"

	"github.com/passation/passation/internal/catalog"
	"github.com/passation/passation/internal/document"
	"github.com/passation/passation/internal/finding"
	"github.com/passation/passation/internal/globset"
	"github.com/passation/passation/internal/source"
)

var _ = register(Kind{
	Name:    "files",
	Values:  "strings",
	Options: []string{"min-words", "with"},
	Example: "`files: [\"install*\", \"**/formation/**\"]`",
	Passes: [2]string{
		"a committed file matches and is not a stub. Case and accents do not matter (`Schéma.PNG` matches `*schema*.png`). A pattern without `/` is looked for at the root and in `docs/`, `doc/`, `documentation/`, `.github/`; a leading `/` anchors it at the root; `X/**` is any file below a folder matching `X`. A pattern that names no extension describes a document: a script (`install.sh`, or a `deploy` that opens with `#!`) does not match it. `with: {written: true}` takes, for such a pattern, only a document made of sentences (text, PDF, office document, web page): an image named `manuel-utilisateur.png` explains nothing, nor a PDF that holds no text (a logo, a scan). `with: {documentation: true}` leaves out the documents of another genre that a folder pattern holds (release notes under `docs/releases/`, a licence text, a template); `with: {not-pointer: true}` refuses a document of under 80 words, and no list of steps, that links to a board or tracker kept elsewhere (`ROADMAP.md`: \"see our GitHub milestones\").",
		"un fichier du commit correspond et n'est pas vide. La casse et les accents ne comptent pas (`Schéma.PNG` correspond à `*schema*.png`). Un motif sans `/` est cherché à la racine et dans `docs/`, `doc/`, `documentation/`, `.github/` ; un `/` initial l'ancre à la racine ; `X/**` est tout fichier sous un dossier qui correspond à `X`. Un motif sans extension décrit un document : un script (`install.sh`, ou un `deploy` qui commence par `#!`) n'y correspond pas. `with: {written: true}` ne prend alors qu'un document fait de phrases (texte, PDF, document bureautique, page web) : une image nommée `manuel-utilisateur.png` n'explique rien, ni un PDF sans texte (un logo, un document numérisé). `with: {documentation: true}` écarte les documents d'un autre genre que contient un motif de dossier (notes de version sous `docs/releases/`, texte de licence, modèle) ; `with: {not-pointer: true}` refuse un document de moins de 80 mots, sans liste d'étapes, qui renvoie à un tableau ou un outil de suivi extérieur (`ROADMAP.md` : « voir nos jalons GitHub »).",
	},
	Compile: compileFiles,
})

// filesEvidence: a file whose path matches one of the patterns, and which
// is not a stub.
type filesEvidence struct {
	patterns []string
	ids      []int
	// docOnly is set, per pattern, when the pattern names no extension: it
	// then describes a document, and a script of that name does not count.
	docOnly  []bool
	minWords int
	written  bool // with: {written: true}: images, videos and archives do not count
	// notPointer (with: {not-pointer: true}) refuses a short document that
	// only points to a tracker kept elsewhere (ROADMAP.md: "see our board").
	notPointer bool
	// documentsOnly (with: {documentation: true}) takes only the project's
	// documentation, no changelog, licence text, template or legal page
	// that a folder pattern such as docs/** also holds.
	documentsOnly bool
}

func compileFiles(ev catalog.Evidence, g *globset.Set) (Evidence, error) {
	f := &filesEvidence{patterns: ev.Values, minWords: ev.MinWords}
	if f.minWords == 0 {
		f.minWords = 3
	}
	p := newParams(ev)
	f.written = p.boolean("written")
	f.notPointer = p.boolean("not-pointer")
	f.documentsOnly = p.boolean("documentation")
	if err := p.err(); err != nil {
		return nil, err
	}
	for _, p := range ev.Values {
		id, err := g.Add(p)
		if err != nil {
			return nil, err
		}
		f.ids = append(f.ids, id)
		f.docOnly = append(f.docOnly, !strings.Contains(path.Base(p), "."))
	}
	return f, nil
}

func (f *filesEvidence) Describe(lang string) string {
	anchored := false
	for _, p := range f.patterns {
		anchored = anchored || strings.Contains(p, "/")
	}
	s := fmt.Sprintf(words.In(lang, "desc-files"), quoteAll(f.patterns, lang))
	if !anchored {
		s += words.In(lang, "desc-places")
	}
	if f.notPointer {
		s += words.In(lang, "desc-not-pointer")
	}
	return s
}

// maxShownImages is how many images, refused as no written document, a
// verdict shows.
const maxShownImages = 3

func (f *filesEvidence) Evaluate(r Run) Outcome {
	var o Outcome
	images := 0
	for i, id := range f.ids {
		for _, e := range r.Matched(id) {
			if len(o.Found) >= maxEvidence || len(o.Rejected)-images >= maxStubReads {
				return o
			}
			if e.Kind == source.Symlink || e.Kind == source.Submodule {
				continue
			}
			if f.docOnly[i] && (document.IsCode(e.Path) || script(r, e)) {
				continue
			}
			if f.documentsOnly && document.GenreOf(e.Path) != document.Documentation {
				continue
			}
			if f.written && f.docOnly[i] && !document.IsWritten(e.Path) {
				// Shown, a few of them, and never counted against the stubs
				// read: a user guide's folder of screenshots must not hide
				// its pages.
				if images < maxShownImages {
					o.Rejected = append(o.Rejected, finding.Evidence{Path: e.Path, Detail: words.In(r.Lang(), "not-written")})
					images++
				}
				continue
			}
			if f.written && f.docOnly[i] && document.IsPDF(e.Path) {
				// A PDF read whole that holds no text is a picture: a
				// logo, a scan. One not read keeps the benefit of its name.
				d, err := r.Doc(e)
				if err == nil && d != nil && d.Unreadable == "" && d.Words == 0 && len(d.Sections) == 0 {
					o.Rejected = append(o.Rejected, finding.Evidence{Path: e.Path, Detail: words.In(r.Lang(), "pdf-no-text")})
					continue
				}
			}
			reason, err := stub(r, e, f.minWords)
			if err != nil {
				o.Err = err
				continue
			}
			if reason != "" {
				o.Rejected = append(o.Rejected, finding.Evidence{Path: e.Path, Detail: reason})
				continue
			}
			if f.notPointer {
				if u := docPointer(r, e); u != "" {
					o.Rejected = append(o.Rejected, finding.Evidence{Path: e.Path, Detail: fmt.Sprintf(words.In(r.Lang(), "pointer"), u)})
					continue
				}
			}
			o.Found = append(o.Found, finding.Evidence{Path: e.Path, Detail: words.In(r.Lang(), "file")})
		}
	}
	return o
}

// docPointer returns the tracker that a short document only points to.
func docPointer(r Run, e source.Entry) string {
	d, err := r.Doc(e)
	if err != nil || d == nil {
		return ""
	}
	urls := make([]string, 0, len(d.Links))
	for _, l := range d.Links {
		urls = append(urls, l.URL)
	}
	return pointer(d.Words, d.Items, urls)
}

// script reports a file without an extension that opens with "#!": a
// program named deploy or install, not a document of that name.
func script(r Run, e source.Entry) bool {
	if path.Ext(e.Path) != "" || !isFile(e) {
		return false
	}
	data, _, err := r.Read(e, 256)
	return err == nil && bytes.HasPrefix(bytes.TrimLeft(data, " \t\r\n"), []byte("#!"))
}
