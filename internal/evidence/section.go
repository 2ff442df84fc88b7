package evidence

import (
	"fmt"
	"path"
	"strings"

	"github.com/bmatcuk/doublestar/v4"
	"github.com/passation/passation/internal/catalog"
	"github.com/passation/passation/internal/document"
	"github.com/passation/passation/internal/finding"
	"github.com/passation/passation/internal/globset"
	"github.com/passation/passation/internal/i18n"
	"github.com/passation/passation/internal/project"
	"github.com/passation/passation/internal/source"
	"github.com/passation/passation/internal/textfold"
)

var _ = register(Kind{
	Name:    "section",
	Values:  "strings",
	Options: []string{"in", "min-words", "not-setup", "with"},
	Example: "`section: [\"installation\", \"lancer le projet\", \"install*\", \"^usage\"]`",
	Passes: [2]string{
		"a Markdown heading contains the phrase (whole words, `*` ends a prefix, `^` anchors it at the start: `^usage` takes `## Usage` but not `## Cas d'usage`, and `^le projet$` only the whole heading `## Le projet`, not `## Lancer le projet`) and the section has real content, in any README (`README.fr.md`, a sub-project's `backend/README.md`), document at the root or under `docs/` or an R package's `vignettes/` (R Markdown and Quarto pages too), or page of a documentation site, wherever it sits: listed by its table of contents (GitBook's `SUMMARY.md`, docsify's `_sidebar.md`) or below the folder its configuration names (MkDocs' `docs_dir`, the `docs/` beside `docusaurus.config.js`). `in:` restricts the files; `with: {pdf: true}` reads the PDFs at the root and in the documentation folders too, when their name says they are documentation (guide, notice, manuel, tutoriel, installation, technique…: `docs/Notice.pdf`, not a report or a flyer): a PDF's headings are its bookmarks (without them, its short lines set in a larger type), read in its first 50 pages when the file is within the read cap; `not-setup: true` refuses a section that only installs the project; `with: {not-about: [contribu*, test*]}` refuses a heading holding one of those words (`## How to contribute` is no user guide), `with: {code: true}` takes only a section holding a command or a code block (`## Prerequisites` that names a runtime installs nothing), `with: {installs: true}` only one whose code installs or starts the project (`pip install`, `docker compose up`, `go run`: a `## Usage` that does is an installation guide), `with: {settings: true}` only one that says what at least two of its settings do, in a table row, a list item (`` `DB_URL`: the database's address ``) or a comment beside a value in a code block (a list of variable names documents nothing), `with: {max-level: 1}` reads only the headings of that level or above (a page's title), `with: {not-under: [helm*, elk]}` skips the documents below a folder of one of those names (an operations tool's README), `with: {readme-depth: 1}` skips the READMEs more than that many folders below the root of the project or of its component, outside the documentation folders (`app/utils/tiles/README.md` is a script's notes; `frontend/README.md` and `packages/client/README.md`, a component with its own manifest, are read), `with: {not-pointer: true}` refuses a section of under 80 words, and no list of steps, that links to a board or tracker kept elsewhere (GitHub Projects or milestones, GitLab boards, Trello, Notion, Jira): it says where the plan is, not what it is. A test suite's README (`e2e/`, `tests/`) and architecture decision records (`docs/adr/`) are not read, nor, unless `in:` names them, documents of another genre: changelogs (their headings are versions and commit titles; only a section beside the versions, such as a `## TODO` list, is read), issue and pull-request templates, licence texts, legal pages (CGU, mentions légales, privacy policy) instructions to coding agents or editors (`AGENTS.md`, `.cursor/`, `.vscode/`) and the tables of contents themselves, whose headings group links.",
		"un titre Markdown contient l'expression (mots entiers, `*` termine un préfixe, `^` l'ancre au début : `^usage` prend `## Usage` mais pas `## Cas d'usage`, et `^le projet$` seulement le titre entier `## Le projet`, pas `## Lancer le projet`) et la section a un vrai contenu, dans tout README (`README.fr.md`, le `backend/README.md` d'un sous-projet), document à la racine ou sous `docs/` ou les `vignettes/` d'un paquet R (pages R Markdown et Quarto comprises), ou page d'un site de documentation, où qu'il soit : listée par sa table des matières (`SUMMARY.md` de GitBook, `_sidebar.md` de docsify) ou rangée sous le dossier que nomme sa configuration (`docs_dir` de MkDocs, le `docs/` voisin de `docusaurus.config.js`). `in:` restreint les fichiers ; `with: {pdf: true}` lit aussi les PDF de la racine et des dossiers de documentation, quand leur nom dit qu'ils sont de la documentation (guide, notice, manuel, tutoriel, installation, technique… : `docs/Notice.pdf`, pas un rapport ni un dépliant) : les titres d'un PDF sont ses signets (à défaut, ses lignes courtes composées plus grand), lus dans ses 50 premières pages quand le fichier tient dans la limite de lecture ; `not-setup: true` refuse une section qui ne fait qu'installer le projet ; `with: {not-about: [contribu*, test*]}` refuse un titre qui contient l'un de ces mots (`## Comment contribuer` n'est pas un guide d'utilisation), `with: {code: true}` ne prend qu'une section qui contient une commande ou un bloc de code (`## Prérequis` qui nomme un environnement n'installe rien), `with: {installs: true}` seulement une section dont le code installe ou démarre le projet (`pip install`, `docker compose up`, `go run` : une `## Utilisation` qui le fait est un guide d'installation), `with: {settings: true}` seulement une section qui dit à quoi servent au moins deux de ses paramètres, dans une ligne de tableau, un élément de liste (`` `DB_URL` : l'adresse de la base ``) ou un commentaire à côté d'une valeur dans un bloc de code (une liste de noms de variables ne documente rien), `with: {max-level: 1}` ne lit que les titres de ce niveau ou au-dessus (le titre d'une page), `with: {not-under: [helm*, elk]}` écarte les documents rangés sous un dossier de l'un de ces noms (le README d'un outil d'exploitation), `with: {readme-depth: 1}` écarte les README rangés plus bas que ce nombre de dossiers sous la racine du projet ou de son composant, hors des dossiers de documentation (`app/utils/tuiles/README.md` est la note d'un script ; `frontend/README.md` et `packages/client/README.md`, composant qui a son propre manifeste, sont lus), `with: {not-pointer: true}` refuse une section de moins de 80 mots, sans liste d'étapes, qui renvoie à un tableau ou un outil de suivi extérieur (GitHub Projects ou jalons, tableaux GitLab, Trello, Notion, Jira) : elle dit où est le plan, pas ce qu'il est. Le README d'une suite de tests (`e2e/`, `tests/`) et les décisions d'architecture (`docs/adr/`) ne sont pas lus, ni, sauf si `in:` les nomme, les documents d'un autre genre : journaux des modifications (leurs titres sont des versions et des titres de commits ; seule une section à côté des versions, comme une liste `## TODO`, est lue), modèles de tickets et de demandes de fusion, textes de licence, pages juridiques (CGU, mentions légales, politique de confidentialité) instructions aux agents de code ou aux éditeurs (`AGENTS.md`, `.cursor/`, `.vscode/`) et les tables des matières elles-mêmes, dont les titres regroupent des liens.",
	},
	Compile: func(ev catalog.Evidence, g *globset.Set) (Evidence, error) { return compileSection(ev, g) },
})

var sectionWords = i18n.Text{
	"section":        {"section %q", "section « %s »"},
	"sec-empty":      {"section %q present but empty", "section « %s » présente mais vide"},
	"sec-short.one":  {"section %q too short: %d word, at least %d needed", "section « %s » trop courte : %d mot, il en faut au moins %d"},
	"sec-short.many": {"section %q too short: %d words, at least %d needed", "section « %s » trop courte : %d mots, il en faut au moins %d"},
	"sec-dev":        {"section %q only starts, tests or builds the project as its developers do (npm run dev, docker compose up)", "la section « %s » ne fait que démarrer, tester ou construire le projet comme le font ses développeurs (npm run dev, docker compose up)"},
	"sec-setup":      {"section %q only explains how to set the project up", "la section « %s » n'explique que la mise en place du projet"},
	"sec-pointer":    {"section %q only points to a tracker kept elsewhere (%s) — not committed: a successor without access reads nothing; write the plan down, or declare it with external: in .passation.yml", "la section « %s » ne fait que renvoyer à un outil de suivi extérieur (%s) — pas dans le dépôt : un repreneur sans accès n'y lit rien ; écrivez le plan, ou déclarez-le dans external: de .passation.yml"},
	"sec-nocode":     {"section %q names what is needed but gives no command to run", "la section « %s » dit ce qu'il faut mais ne donne aucune commande à lancer"},
	"sec-noinstall":  {"section %q runs no command that installs or starts the project", "la section « %s » ne lance aucune commande qui installe ou démarre le projet"},
	"sec-nosettings": {"section %q names settings without saying what each one does", "la section « %s » nomme des paramètres sans dire à quoi sert chacun"},
	"desc-settings":  {", that says what each setting does, in a table or a list (`| PORT | the port the API listens on |`)", ", qui dit à quoi sert chaque paramètre, dans un tableau ou une liste (`| PORT | le port où écoute l'API |`)"},
	"sec-tmpl":       {"section %q present but empty: template left unfilled (%q)", "section « %s » présente mais vide : modèle non rempli (« %s »)"},
	"desc-section":   {"a section titled %s in %s", "une section intitulée %s dans %s"},
	"desc-code":      {", holding a command to run", ", qui donne une commande à lancer"},
	"desc-installs":  {", whose commands install or start the project (pip install, docker compose up, go run…)", ", dont les commandes installent ou démarrent le projet (pip install, docker compose up, go run…)"},
	"desc-pointer":   {", more than a pointer to a tracker kept elsewhere", ", qui ne se borne pas à renvoyer à un outil de suivi extérieur"},
	"desc-pdf":       {", and the PDFs there whose name says they are documentation", ", et les PDF de la documentation dont le nom dit qu'ils en sont"},
	"pdf-unread":     {"PDF not read: %s", "PDF non lu : %s"},
	// Why, by document.PDFTooLarge and the others.
	"too-large":   {"larger than the read cap (--max-read)", "plus grand que la limite de lecture (--max-read)"},
	"damaged":     {"damaged, encrypted, or made to slow a reader down", "endommagé, chiffré ou fait pour ralentir la lecture"},
	"too-slow":    {"reading it took too long", "sa lecture a pris trop de temps"},
	"too-many":    {"the check has read as many PDFs as it may", "la vérification a lu autant de PDF qu'elle le peut"},
	"undecodable": {"its fonts map their characters to no letter (no Unicode table)", "ses polices ne disent pas quelles lettres elles dessinent (pas de table Unicode)"},
	"missing":     {"its content is not in this clone (a partial clone)", "son contenu n'est pas dans ce clone (clone partiel)"},
}

// sectionEvidence: a heading that contains one of the phrases, followed by
// real content, in one of the documents.
type sectionEvidence struct {
	phrases  [][]string
	anchored []bool // the phrase must open the heading ("^usage")
	whole    []bool // the phrase must be the whole heading ("^le projet$")
	written  []string
	in       []string
	ids      []int
	minWords int
	notSetup bool
	notAbout []string // heading words that take the section out ("contribu*")
	maxLevel int      // deepest heading level read; 0 reads all
	notUnder []string // folder names (folded globs) whose documents are not read
	notNamed []string // document names (folded globs, without extension) not read
	// readmeDepth (with: {readme-depth: 1}), when set, leaves out the
	// READMEs of folders deeper than that outside the documentation: a
	// library's or a script's notes inside the code, not the project's guide.
	readmeDepth int
	pdfIDs      []int // the PDFs of the documentation places (with pdf: true)
	withCode    bool  // with: {code: true}: the section must hold a command or code block
	installs    bool  // with: {installs: true}: its code must install or start the project
	// settings (with: {settings: true}): the section must say what each of
	// its settings does, in a table or a list, not only name them.
	settings bool
	// notPointer (with: {not-pointer: true}) refuses a short section that
	// only points to a tracker kept elsewhere (a GitHub Projects board).
	notPointer bool
}

func compileSection(ev catalog.Evidence, g *globset.Set) (*sectionEvidence, error) {
	s := &sectionEvidence{written: ev.Values, in: ev.In, minWords: ev.MinWords, notSetup: ev.NotSetup}
	if s.minWords == 0 {
		s.minWords = 3
	}
	for _, v := range ev.Values {
		anchored := strings.HasPrefix(strings.TrimSpace(v), "^")
		whole := strings.HasSuffix(strings.TrimSpace(v), "$")
		if whole && !anchored {
			return nil, compileWords.Errorf("heading-end", v)
		}
		words := textfold.Words(v)
		if strings.HasSuffix(strings.TrimSpace(v), "*") && len(words) > 0 {
			words[len(words)-1] += "*"
		}
		if len(words) == 0 {
			return nil, compileWords.Errorf("heading", v)
		}
		s.phrases = append(s.phrases, words)
		s.anchored = append(s.anchored, anchored)
		s.whole = append(s.whole, whole)
	}
	p := newParams(ev)
	for _, v := range p.strings("not-about") {
		w := textfold.Words(v)
		if len(w) != 1 {
			return nil, compileWords.Errorf("not-about", v)
		}
		if strings.HasSuffix(v, "*") {
			w[0] += "*"
		}
		s.notAbout = append(s.notAbout, w[0])
	}
	for _, v := range p.strings("not-under") {
		f := textfold.Fold(strings.TrimSpace(v))
		if f == "" || strings.Contains(f, "/") || !doublestar.ValidatePattern(f) {
			return nil, compileWords.Errorf("not-under", v)
		}
		s.notUnder = append(s.notUnder, f)
	}
	for _, v := range p.strings("not-named") {
		f := textfold.Fold(strings.TrimSpace(v))
		if f == "" || strings.Contains(f, "/") || !doublestar.ValidatePattern(f) {
			return nil, compileWords.Errorf("not-named", v)
		}
		s.notNamed = append(s.notNamed, f)
	}
	s.maxLevel = p.number("max-level", 0)
	s.readmeDepth = p.number("readme-depth", 0)
	readPDF := p.boolean("pdf")
	s.withCode = p.boolean("code")
	s.installs = p.boolean("installs")
	s.settings = p.boolean("settings")
	s.notPointer = p.boolean("not-pointer")
	if err := p.err(); err != nil {
		return nil, err
	}
	ids, err := addDocs(g, ev.In, defaultDocs)
	if err != nil {
		return nil, err
	}
	s.ids = ids
	if readPDF {
		if s.pdfIDs, err = g.AddAll(pdfDocs); err != nil {
			return nil, err
		}
	}
	return s, nil
}

func (s *sectionEvidence) Describe(lang string) string {
	d := fmt.Sprintf(sectionWords.In(lang, "desc-section"), quoteAll(s.written, lang), documents(s.in, lang))
	if len(s.pdfIDs) > 0 {
		d += sectionWords.In(lang, "desc-pdf")
	}
	if s.notPointer {
		d += sectionWords.In(lang, "desc-pointer")
	}
	if s.withCode {
		d += sectionWords.In(lang, "desc-code")
	}
	if s.installs {
		d += sectionWords.In(lang, "desc-installs")
	}
	if s.settings {
		d += sectionWords.In(lang, "desc-settings")
	}
	return d
}

// eachSection calls fn with every section of the documents that the
// evidence reads whose heading matches its phrases. With unread, a PDF that
// could not be read is refused, saying why.
func (s *sectionEvidence) eachSection(r Run, o *Outcome, unread bool, fn func(path string, sec *document.Section, m headingMatch)) {
	seen := map[string]bool{}
	visit := func(e source.Entry, d *document.Doc) {
		if seen[e.Path] {
			return // named by in: and among the PDFs of the documentation places
		}
		seen[e.Path] = true
		if inTestFolder(e.Path) || inDecisionRecords(e.Path) || s.leftOut(r, e.Path) {
			return // a test suite's README or a design decision: not the project's own guide
		}
		if d.Unreadable != "" {
			if unread {
				lang := r.Lang()
				o.Rejected = append(o.Rejected, finding.Evidence{Path: e.Path,
					Detail: fmt.Sprintf(sectionWords.In(lang, "pdf-unread"), sectionWords.In(lang, d.Unreadable))})
			}
			return
		}
		if len(s.in) == 0 && d.Genre != document.Documentation && d.Genre != document.Changelog {
			return // a form's fields, a licence's clauses: evidence of nothing else
		}
		for i := range d.Sections {
			if len(s.in) == 0 && d.Sections[i].ChangeEntry {
				continue // a version or a commit title, never a "TODO List" beside them
			}
			if s.maxLevel > 0 && d.Sections[i].Level > s.maxLevel {
				continue
			}
			if m := s.match(d.Sections[i].Words); m != noMatch {
				fn(e.Path, &d.Sections[i], m)
			}
		}
	}
	eachDoc(r, s.ids, o, nil, visit)
	if len(s.in) == 0 {
		// The pages of the documentation sites, wherever they are (visit
		// skips those already read).
		eachDocOf(r, r.SitePages(), o, nil, visit)
	}
	if len(s.pdfIDs) > 0 {
		eachDoc(r, s.pdfIDs, o, guideName, visit)
	}
}

// guideWords, in a PDF's name, say it is documentation: a PDF in docs/ is
// as often a report, a call for applications, a flyer or a deliverable,
// whose headings ("Article 7 – Démarrage des défis", "Développement d'un
// suivi") are not the project's guides.
var guideWords = []string{"guide*", "notice*", "manuel*", "manual*", "documentation*", "doc", "docs",
	"tuto*", "tutorial*", "emploi", "aide", "help", "utilisat*", "user*", "usage", "install*",
	"deploi*", "deploy*", "exploitation", "admin*", "administrat*", "formation*", "training",
	"techni*", "develop*", "developp*", "architecture", "handbook", "howto", "faq", "readme",
	"fonctionnel*", "functional", "specification*", "description"}

// guideName: a PDF whose name holds one of guideWords, or "pas à pas",
// "prise en main".
func guideName(p string) bool {
	base := path.Base(p)
	words := textfold.Words(strings.TrimSuffix(base, path.Ext(base)))
	for _, w := range guideWords {
		if textfold.ContainsPhrase(words, []string{w}) {
			return true
		}
	}
	return textfold.ContainsPhrase(words, []string{"pas", "a", "pas"}) || textfold.ContainsPhrase(words, []string{"prise", "en", "main"})
}

func (s *sectionEvidence) Evaluate(r Run) Outcome {
	var o Outcome
	lang := r.Lang()
	s.eachSection(r, &o, true, func(path string, sec *document.Section, m headingMatch) {
		ev := finding.Evidence{Path: path, Line: sec.Line}
		switch {
		case s.notSetup && sec.SetupOnly():
			ev.Detail = fmt.Sprintf(sectionWords.In(lang, "sec-setup"), sec.Heading)
			o.Rejected = append(o.Rejected, ev)
		case s.notSetup && sec.DevOnly():
			ev.Detail = fmt.Sprintf(sectionWords.In(lang, "sec-dev"), sec.Heading)
			o.Rejected = append(o.Rejected, ev)
		case s.withCode && len(sec.Code) == 0 && sec.BodyWords >= s.minWords:
			ev.Detail = fmt.Sprintf(sectionWords.In(lang, "sec-nocode"), sec.Heading)
			o.Rejected = append(o.Rejected, ev)
		case s.installs && sec.BodyWords >= s.minWords && !sec.Installs():
			ev.Detail = fmt.Sprintf(sectionWords.In(lang, "sec-noinstall"), sec.Heading)
			o.Rejected = append(o.Rejected, ev)
		case s.settings && sec.BodyWords >= s.minWords && sec.Entries < minEntries:
			ev.Detail = fmt.Sprintf(sectionWords.In(lang, "sec-nosettings"), sec.Heading)
			o.Rejected = append(o.Rejected, ev)
		case s.notPointer && sec.BodyWords >= s.minWords && pointer(sec.BodyWords, sec.Items, sec.Links) != "":
			ev.Detail = fmt.Sprintf(sectionWords.In(lang, "sec-pointer"), sec.Heading, pointer(sec.BodyWords, sec.Items, sec.Links))
			o.Rejected = append(o.Rejected, ev)
		case sec.BodyWords >= s.minWords:
			ev.Detail = fmt.Sprintf(sectionWords.In(lang, "section"), sec.Heading)
			ev.Score, ev.Why = scoreSection(path, sec, m, lang)
			o.Found = append(o.Found, ev)
		case sec.Placeholder != "":
			ev.Detail = fmt.Sprintf(sectionWords.In(lang, "sec-tmpl"), sec.Heading, sec.Placeholder)
			o.Rejected = append(o.Rejected, ev)
		case sec.BodyWords == 0:
			ev.Detail = fmt.Sprintf(sectionWords.In(lang, "sec-empty"), sec.Heading)
			o.Rejected = append(o.Rejected, ev)
		default:
			// A line or two: said as such, not as empty, with what counts.
			ev.Detail = fmt.Sprintf(sectionWords.For(lang, "sec-short", sec.BodyWords), sec.Heading, sec.BodyWords, s.minWords)
			o.Rejected = append(o.Rejected, ev)
		}
	})
	return o
}

// minEntries is how many explained settings make a reference: one is a
// note in passing.
const minEntries = 2

// prohibitions turn a heading into a warning: "Utilisation interdite en
// dehors des sites de l'État" forbids a use and explains none.
var prohibitions = map[string]bool{
	"interdit": true, "interdite": true, "interdits": true, "interdites": true,
	"forbidden": true, "prohibited": true,
}

// match says how the heading holds one of the phrases, the strongest way
// it does; noMatch when it holds none or is taken out.
func (s *sectionEvidence) match(words []string) headingMatch {
	for _, w := range words {
		if prohibitions[w] {
			return noMatch
		}
	}
	for _, n := range s.notAbout {
		if textfold.ContainsPhrase(words, []string{n}) {
			return noMatch // "How to contribute": a task of the team
		}
	}
	opening := withoutNumbering(words)
	best := noMatch
	for i, p := range s.phrases {
		if s.whole[i] && len(opening) != len(p) {
			continue // "## Lancer le projet" is no "## Le projet"
		}
		m := noMatch
		switch {
		case len(opening) >= len(p) && textfold.ContainsPhrase(opening[:len(p)], p):
			m = opensWithPhrase
			if len(opening) == len(p) {
				m = isPhrase
			}
		case !s.anchored[i] && textfold.ContainsPhrase(words, p):
			m = containsPhrase
		}
		best = max(best, m)
	}
	return best
}

// leftOut: the document lies below a folder the evidence does not read, or
// its name is one the evidence does not read.
func (s *sectionEvidence) leftOut(r Run, p string) bool {
	if s.readmeDepth > 0 && deepReadme(p, r.Component(p), s.readmeDepth) {
		return true
	}
	if len(s.notNamed) > 0 {
		stem := textfold.Fold(path.Base(p))
		stem = strings.TrimSuffix(stem, path.Ext(stem))
		for _, n := range s.notNamed {
			if ok, _ := doublestar.Match(n, stem); ok {
				return true
			}
		}
	}
	if len(s.notUnder) == 0 {
		return false
	}
	for _, d := range strings.Split(path.Dir(textfold.Fold(p)), "/") {
		for _, n := range s.notUnder {
			if ok, _ := doublestar.Match(n, d); ok {
				return true
			}
		}
	}
	return false
}

// deepReadme: a README more than depth folders below the root of the
// project or component (folded) holding it, none of which is a
// documentation folder.
func deepReadme(p, component string, depth int) bool {
	fp := textfold.Fold(p)
	if !strings.HasPrefix(path.Base(fp), "readme") {
		return false
	}
	dir := path.Dir(fp)
	if component != "" {
		dir = strings.TrimPrefix(strings.TrimPrefix(dir, component), "/")
		if dir == "" {
			dir = "."
		}
	}
	dirs := strings.Split(dir, "/")
	if dirs[0] == "." || len(dirs) <= depth {
		return false
	}
	for _, d := range dirs {
		if project.DocRoot(strings.ToLower(d)) {
			return false
		}
	}
	return true
}

var romanNumerals = map[string]bool{"i": true, "ii": true, "iii": true, "iv": true, "v": true, "vi": true, "vii": true, "viii": true, "ix": true, "x": true}

// withoutNumbering drops the "3." or "IV." that opens a numbered heading.
func withoutNumbering(words []string) []string {
	for len(words) > 1 {
		w := words[0]
		if strings.Trim(w, "0123456789") != "" && !romanNumerals[w] {
			break
		}
		words = words[1:]
	}
	return words
}

// inTestFolder: a test suite's documents describe the tests (how to run
// them, what they cover), never the project's use or installation. An
// RSpec suite's spec/ counts here, not in the tests scope, where a
// specs/ folder of written specifications would be lost to the technical
// documentation.
func inTestFolder(p string) bool {
	fp := textfold.Fold(p)
	if project.InTests(fp) {
		return true
	}
	for _, d := range strings.Split(path.Dir(fp), "/") {
		if d == "spec" || d == "specs" {
			return true
		}
	}
	return false
}

// inDecisionRecords: architecture decision records (docs/adr/) tell why a
// choice was made ("Utilisation de Elm pour le frontend"); their headings
// name no guide. The technical-docs rule counts them as files.
func inDecisionRecords(p string) bool {
	for _, d := range strings.Split(path.Dir(p), "/") {
		if d := strings.ToLower(d); d == "adr" || d == "adrs" || d == "architecture-decision-records" {
			return true
		}
	}
	return false
}
