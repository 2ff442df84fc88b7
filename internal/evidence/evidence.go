// Package evidence holds the kinds of evidence that rule files use (files,
// section, readme-intro, diagram, manifest, licence, content, elsewhere,
// publiccode-maintenance, history), one file each, and the registry that
// names them. A kind compiles its rule-file item once, registering the file
// patterns it reads; during a check it only reads what the engine (package
// check) hands it through Run.
package evidence

import (
	"errors"
	"fmt"
	"path"
	"regexp"
	"strings"
	"time"

	"github.com/passation/passation/internal/catalog"
	"github.com/passation/passation/internal/document"
	"github.com/passation/passation/internal/finding"
	"github.com/passation/passation/internal/globset"
	"github.com/passation/passation/internal/history"
	"github.com/passation/passation/internal/i18n"
	"github.com/passation/passation/internal/licence"
	"github.com/passation/passation/internal/manifest"
	"github.com/passation/passation/internal/project"
	"github.com/passation/passation/internal/source"
	"github.com/passation/passation/internal/textfold"
)

// Evidence is one compiled evidence item of one rule.
type Evidence interface {
	// Evaluate reports what was found, what was seen but does not count,
	// and what could not be read.
	Evaluate(r Run) Outcome
	// Describe says in a few words what is looked for, in lang.
	Describe(lang string) string
}

// Outcome is what one evidence item made of one tree.
type Outcome struct {
	Found    []finding.Evidence
	Rejected []finding.Evidence
	Err      error
}

// HistoryReader is evidence that reads the history: it adds what it needs
// to the run's single request.
type HistoryReader interface {
	Request(r Run, req *history.Request)
}

// Annotator is evidence that completes its rule's verdict once it is known:
// messages with the rule's thresholds in the report language, hints drawn
// from the history.
type Annotator interface {
	Annotate(r Run, rule catalog.Rule, res *finding.Result)
}

// Advisory is evidence that is shown and never counts: a link to a
// document kept elsewhere, a hint from the history. explain lists it apart
// from what passes a rule.
type Advisory interface {
	Advisory()
}

// Parameterised is evidence whose parameters a rule's message may quote as
// {name}.
type Parameterised interface {
	Params(lang string) map[string]string
}

// Run is what evidence reads of one check of one tree. Everything it
// returns is read once per run and shared by every rule.
type Run interface {
	Lang() string
	// Now is the time of the run; zero when none was given.
	Now() time.Time
	MaxRead() int64
	// Matched lists the files of the tree that match a pattern, by the id
	// the pattern got at compile time, in walk order.
	Matched(id int) []source.Entry
	// Entry finds a matched file by path.
	Entry(path string) (source.Entry, bool)
	Read(e source.Entry, max int64) ([]byte, bool, error)
	// Doc is a file parsed as a document; nil (no error) for binary content.
	Doc(e source.Entry) (*document.Doc, error)
	Manifest(e source.Entry) (*manifest.Facts, error)
	// Licences identifies the licences of a licence file.
	Licences(e source.Entry) (licence.Identified, error)
	// History reads the history once for the run.
	History() (*history.Facts, error)
	// Found is what the tree evidence of another selected rule found, with
	// that rule; false when the rule is not selected.
	Found(ruleID string) (catalog.Rule, []finding.Evidence, bool)
	// SkipDir reports the folders the walk does not enter (bundled and
	// generated code), which the history leaves aside too.
	SkipDir(path string) bool
	// SitePages are the pages that a documentation site's table of
	// contents (GitBook's SUMMARY.md, docsify's _sidebar.md) lists,
	// wherever they are: documents a reader opens from the site's menu.
	SitePages() []source.Entry
	// ScopeOf tells what a path is to the project (root, a component…),
	// for a kind that weighs places against each other before the rule's
	// scopes filter what it found.
	ScopeOf(path string) project.Scope
	// Component is the folded folder of the component holding a path, ""
	// when the root project holds it.
	Component(path string) string
}

// words are the sentences that several kinds share.
var words = i18n.Text{
	"file":             {"file", "fichier"},
	"pdf-no-text":      {"not a written document: a PDF without text (images only)", "pas un document écrit : un PDF sans texte (seulement des images)"},
	"not-written":      {"not a written document (an image, a video or an archive)", "pas un document écrit (une image, une vidéo ou une archive)"},
	"stub-empty":       {"present but empty", "présent mais vide"},
	"stub-short.one":   {"present but empty: only %d word", "présent mais vide : %d mot seulement"},
	"stub-short.many":  {"present but empty: only %d words", "présent mais vide : %d mots seulement"},
	"stub-tmpl":        {"present but empty: template left unfilled (%q)", "présent mais vide : modèle non rempli (« %s »)"},
	"desc-files":       {"a file matching %s", "un fichier correspondant à %s"},
	"desc-places":      {" (at the root, in docs/, doc/, documentation/ or .github/)", " (à la racine, dans docs/, doc/, documentation/ ou .github/)"},
	"desc-not-pointer": {", that says more than where a tracker kept elsewhere is", ", qui dit plus que l'adresse d'un outil de suivi extérieur"},
	"desc-readme":      {"the README files and docs", "les README et la documentation"},
	"or":               {" or ", " ou "},
	"pointer":          {"only points to a tracker kept elsewhere (%s) — not committed: a successor without access reads nothing; write the plan down, or declare it with external: in .passation.yml", "ne fait que renvoyer à un outil de suivi extérieur (%s) — pas dans le dépôt : un repreneur sans accès n'y lit rien ; écrivez le plan, ou déclarez-le dans external: de .passation.yml"},
	"quote":            {"%q", "« %s »"},
}

// defaultDocs are the files a reader opens to find a section: every README
// (translations and sub-projects' too), the documents at the root, and the
// documentation folders.
var defaultDocs = []string{
	"**/readme*",
	"*.{md,markdown,mdx,rst,txt,adoc,org,rmd,qmd}",
	"{docs,doc,documentation,wiki,.github,vignettes}/**/*.{md,markdown,mdx,rst,txt,adoc,org,rmd,qmd}",
}

// pdfDocs are the PDFs of the same places (a manual exported as
// Notice.pdf), which the rules about documentation read too when their
// name says they are documentation (guideName): a PDF's headings are those
// of reports and deliverables as often as a guide's, so the rules about
// plans and the team's practice leave them aside.
var pdfDocs = []string{
	"*.pdf",
	"{docs,doc,documentation,wiki,.github}/**/*.pdf",
}

// manifestGlob finds the manifests of the project and of its sub-projects.
var manifestGlob = "**/{" + strings.Join(manifest.Names, ",") + "}"

// addDocs registers the documents a kind reads: the patterns of in:, else
// def.
func addDocs(g *globset.Set, in, def []string) ([]int, error) {
	if len(in) == 0 {
		in = def
	}
	return g.AddAll(in)
}

// eachDoc calls fn with every file among those that the patterns of ids
// matched (and keep accepts by its path, when given) that parses as a
// document; the last read error is kept in o.
func eachDoc(r Run, ids []int, o *Outcome, keep func(string) bool, fn func(e source.Entry, d *document.Doc)) {
	for _, id := range ids {
		eachDocOf(r, r.Matched(id), o, keep, fn)
	}
}

// eachDocOf is eachDoc over a list of entries (a site's pages).
func eachDocOf(r Run, entries []source.Entry, o *Outcome, keep func(string) bool, fn func(e source.Entry, d *document.Doc)) {
	for _, e := range entries {
		if !isFile(e) || keep != nil && !keep(e.Path) {
			continue
		}
		d, err := r.Doc(e)
		if err != nil {
			o.Err = err
			continue
		}
		if d != nil {
			fn(e, d)
		}
	}
}

// isFile reports a file with content of its own (not a link, a submodule).
func isFile(e source.Entry) bool { return e.Kind == source.File || e.Kind == source.Executable }

// maxStubReads bounds the files read to reject stubs for one evidence, so a
// tree of ten thousand empty __init__.py files costs no more than a few.
const maxStubReads = 50

// maxEvidence keeps reports readable on repositories with hundreds of docs.
const maxEvidence = 20

// stub says why a file does not count although it exists ("" when it
// counts): empty, an unfilled template, or far too short.
func stub(r Run, e source.Entry, minWords int) (string, error) {
	lang := r.Lang()
	if !document.IsText(e.Path) {
		data, more, err := r.Read(e, 1)
		if errors.Is(err, source.ErrMissingObject) && path.Ext(e.Path) != "" {
			// A partial clone leaves large media out (a training video):
			// the file is committed, only its content was not fetched. A
			// LICENSE or INSTALL without an extension is a text to read.
			return "", nil
		}
		if err != nil {
			return "", err
		}
		if len(data) > 0 || more {
			if document.IsYAML(e.Path) {
				return yamlStub(r, e)
			}
			return "", nil
		}
		return words.In(lang, "stub-empty"), nil
	}
	d, err := r.Doc(e)
	switch {
	case err != nil:
		return "", err
	case d == nil:
		return "", nil
	}
	n := d.Words
	if n == 0 {
		// A document made only of headings has nothing to say.
		if d.Placeholder != "" {
			return fmt.Sprintf(words.In(lang, "stub-tmpl"), d.Placeholder), nil
		}
		return words.In(lang, "stub-empty"), nil
	}
	if n < minWords {
		if d.Placeholder != "" {
			return fmt.Sprintf(words.In(lang, "stub-tmpl"), d.Placeholder), nil
		}
		return words.Count(lang, "stub-short", n), nil
	}
	return "", nil
}

// yamlPlaceholder finds what a draft such as publiccode.yml leaves to fill
// in: "{{ … }}" values and "[À compléter]" marks. Template expressions of
// CI files and Helm charts ("${{ secrets.X }}", "{{ .Values.x }}") are not
// placeholders.
var yamlPlaceholder = regexp.MustCompile(`(?:^|[^$])(\{\{\s*[^\s.$}][^}]*\}\})|(\[[^\]\n]*(?:a completer|to be completed)[^\]\n]*\])`)

// yamlStub reports a YAML file left as a template.
func yamlStub(r Run, e source.Entry) (string, error) {
	data, _, err := r.Read(e, r.MaxRead())
	if err != nil {
		return "", err
	}
	m := yamlPlaceholder.FindStringSubmatch(textfold.Fold(string(data)))
	if m == nil {
		return "", nil
	}
	ph := m[1]
	if ph == "" {
		ph = m[2]
	}
	return fmt.Sprintf(words.In(r.Lang(), "stub-tmpl"), ph), nil
}

// quoteAll quotes values as each language does, joined by "or".
func quoteAll(vals []string, lang string) string {
	q := make([]string, len(vals))
	for i, v := range vals {
		q[i] = fmt.Sprintf(words.In(lang, "quote"), v)
	}
	return strings.Join(q, words.In(lang, "or"))
}

// documents names the files a kind reads: those of in:, else the READMEs
// and docs.
func documents(in []string, lang string) string {
	if len(in) > 0 {
		return quoteAll(in, lang)
	}
	return words.In(lang, "desc-readme")
}

// Shorten writes s on one line of at most n characters, "…" ending a cut.
func Shorten(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if len([]rune(s)) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}
