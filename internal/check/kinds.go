package check

import (
	"fmt"
	"path"
	"regexp"
	"strings"

	"github.com/passation/passation/internal/catalog"
	"github.com/passation/passation/internal/finding"
	"github.com/passation/passation/internal/source"
	"github.com/passation/passation/internal/textfold"
)

// textExts are the file types whose words can be counted; other documents
// (PDF, slides, images) only need to be non-empty.
var textExts = map[string]bool{
	"": true, ".md": true, ".markdown": true, ".mdx": true, ".txt": true, ".rst": true,
	".adoc": true, ".asciidoc": true, ".org": true, ".text": true,
}

// codeExts are programs and scripts: never a document, whatever their name.
var codeExts = map[string]bool{
	".sh": true, ".bash": true, ".py": true, ".js": true, ".ts": true, ".go": true, ".rb": true,
	".php": true, ".java": true, ".ps1": true, ".bat": true, ".cmd": true, ".pl": true, ".r": true,
	".jsx": true, ".tsx": true, ".vue": true, ".mjs": true, ".cjs": true, ".rs": true, ".c": true,
	".h": true, ".cpp": true, ".cs": true, ".kt": true, ".scala": true, ".swift": true, ".lua": true,
	".css": true, ".scss": true, ".json": true, ".yml": true, ".yaml": true, ".toml": true,
	".lock": true, ".xml": true, ".sql": true, ".ipynb": true, ".svelte": true, ".snap": true,
}

func isCode(p string) bool { return codeExts[strings.ToLower(path.Ext(p))] }

func isText(p string) bool {
	ext := strings.ToLower(path.Ext(p))
	if len(ext) > 9 || strings.ContainsAny(ext, " -") {
		ext = "" // "LICENSE.Apache-2.0" or "README.fr" have no real extension
	}
	return textExts[ext] || ext == ".fr" || ext == ".en"
}

// filesEvidence: a file whose path matches one of the patterns, and which
// is not a stub.
type filesEvidence struct {
	patterns []string
	ids      []int
	// docOnly is set, per pattern, when the pattern names no extension: it
	// then describes a document, and a script of that name does not count.
	docOnly  []bool
	minWords int
}

func compileFiles(ev catalog.Evidence, g *globSet) (evidence, error) {
	f := &filesEvidence{patterns: ev.Values, minWords: ev.MinWords}
	if f.minWords == 0 {
		f.minWords = 3
	}
	for _, p := range ev.Values {
		id, err := g.add(p)
		if err != nil {
			return nil, err
		}
		f.ids = append(f.ids, id)
		f.docOnly = append(f.docOnly, !strings.Contains(path.Base(p), "."))
	}
	return f, nil
}

func (f *filesEvidence) describe(lang string) string {
	anchored := false
	for _, p := range f.patterns {
		anchored = anchored || strings.Contains(p, "/")
	}
	s := fmt.Sprintf(say(lang, "desc-files"), quoteAll(f.patterns, lang))
	if !anchored {
		s += say(lang, "desc-places")
	}
	return s
}

// maxStubReads bounds the files read to reject stubs for one evidence, so a
// tree of ten thousand empty __init__.py files costs no more than a few.
const maxStubReads = 50

func (f *filesEvidence) evaluate(r *run) outcome {
	var o outcome
	for i, id := range f.ids {
		for _, e := range r.matched[id] {
			if len(o.found) >= maxEvidence || len(o.rejected) >= maxStubReads {
				return o
			}
			if e.Kind == source.Symlink || e.Kind == source.Submodule {
				continue
			}
			if f.docOnly[i] && isCode(e.Path) {
				continue
			}
			reason, err := r.stub(e, f.minWords)
			if err != nil {
				o.err = err
				continue
			}
			if reason != "" {
				o.rejected = append(o.rejected, finding.Evidence{Path: e.Path, Detail: reason})
				continue
			}
			o.found = append(o.found, finding.Evidence{Path: e.Path, Detail: say(r.opt.Lang, "file")})
		}
	}
	return o
}

// stub says why a file does not count although it exists ("" when it
// counts): empty, an unfilled template, or far too short.
func (r *run) stub(e source.Entry, minWords int) (string, error) {
	lang := r.opt.Lang
	if !isText(e.Path) {
		empty, err := r.isEmpty(e)
		if err != nil || !empty {
			if err == nil && isYAML(e.Path) {
				return r.yamlStub(e)
			}
			return "", err
		}
		return say(lang, "stub-empty"), nil
	}
	d := r.doc(e)
	switch {
	case d.err != nil:
		return "", d.err
	case d.binary:
		return "", nil
	}
	words := d.doc.words
	if words == 0 {
		// A document made only of headings has nothing to say.
		if d.doc.placeholder != "" {
			return fmt.Sprintf(say(lang, "stub-tmpl"), d.doc.placeholder), nil
		}
		return say(lang, "stub-empty"), nil
	}
	if words < minWords {
		if d.doc.placeholder != "" {
			return fmt.Sprintf(say(lang, "stub-tmpl"), d.doc.placeholder), nil
		}
		return fmt.Sprintf(say(lang, "stub-short"), words), nil
	}
	return "", nil
}

// defaultDocs are the files a reader opens to find a section: every README
// (translations and sub-projects' too), the documents at the root, and the
// documentation folders.
var defaultDocs = []string{
	"**/readme*",
	"*.{md,markdown,mdx,rst,txt,adoc}",
	"{docs,doc,documentation,wiki,.github}/**/*.{md,markdown,mdx,rst,txt,adoc}",
}

// sectionEvidence: a heading that contains one of the phrases, followed by
// real content, in one of the documents.
type sectionEvidence struct {
	phrases  [][]string
	anchored []bool // the phrase must open the heading ("^usage")
	written  []string
	in       []string
	ids      []int
	minWords int
	notSetup bool
}

func compileSection(ev catalog.Evidence, g *globSet) (evidence, error) {
	s := &sectionEvidence{written: ev.Values, in: ev.In, minWords: ev.MinWords, notSetup: ev.NotSetup}
	if s.minWords == 0 {
		s.minWords = 3
	}
	for _, v := range ev.Values {
		anchored := strings.HasPrefix(strings.TrimSpace(v), "^")
		words := textfold.Words(v)
		if strings.HasSuffix(strings.TrimSpace(v), "*") && len(words) > 0 {
			words[len(words)-1] += "*"
		}
		if len(words) == 0 {
			return nil, fmt.Errorf("heading %q has no words", v)
		}
		s.phrases = append(s.phrases, words)
		s.anchored = append(s.anchored, anchored)
	}
	in := ev.In
	if len(in) == 0 {
		in = defaultDocs
	}
	ids, err := g.addAll(in)
	if err != nil {
		return nil, err
	}
	s.ids = ids
	return s, nil
}

func (s *sectionEvidence) describe(lang string) string {
	where := say(lang, "desc-readme")
	if len(s.in) > 0 {
		where = quoteAll(s.in, lang)
	}
	return fmt.Sprintf(say(lang, "desc-section"), quoteAll(s.written, lang), where)
}

func (s *sectionEvidence) evaluate(r *run) outcome {
	var o outcome
	lang := r.opt.Lang
	for _, id := range s.ids {
		for _, e := range r.matched[id] {
			if e.Kind != source.File && e.Kind != source.Executable {
				continue
			}
			d := r.doc(e)
			if d.err != nil {
				o.err = d.err
				continue
			}
			if d.doc == nil {
				continue
			}
			for _, sec := range d.doc.sections {
				if !s.matches(sec.words) {
					continue
				}
				ev := finding.Evidence{Path: e.Path, Line: sec.line}
				switch {
				case s.notSetup && sec.setupOnly():
					ev.Detail = fmt.Sprintf(say(lang, "sec-setup"), sec.heading)
					o.rejected = append(o.rejected, ev)
				case sec.bodyWords >= s.minWords:
					ev.Detail = fmt.Sprintf(say(lang, "section"), sec.heading)
					o.found = append(o.found, ev)
				case sec.placeholder != "":
					ev.Detail = fmt.Sprintf(say(lang, "sec-tmpl"), sec.heading, sec.placeholder)
					o.rejected = append(o.rejected, ev)
				default:
					ev.Detail = fmt.Sprintf(say(lang, "sec-empty"), sec.heading)
					o.rejected = append(o.rejected, ev)
				}
			}
		}
	}
	return o
}

func (s *sectionEvidence) matches(words []string) bool {
	opening := withoutNumbering(words)
	for i, p := range s.phrases {
		if s.anchored[i] {
			if len(opening) >= len(p) && textfold.ContainsPhrase(opening[:len(p)], p) {
				return true
			}
			continue
		}
		if textfold.ContainsPhrase(words, p) {
			return true
		}
	}
	return false
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

func quoteAll(vals []string, lang string) string {
	q := make([]string, len(vals))
	for i, v := range vals {
		if lang == "fr" {
			q[i] = "« " + v + " »"
		} else {
			q[i] = fmt.Sprintf("%q", v)
		}
	}
	return strings.Join(q, say(lang, "or"))
}

// introEvidence: the opening paragraphs of a README, before its first
// section, say what the project is when they are long enough.
type introEvidence struct {
	ids      []int
	minWords int
}

func compileIntro(ev catalog.Evidence, g *globSet) (evidence, error) {
	in := ev.In
	if len(in) == 0 {
		in = []string{"/readme*"}
	}
	if len(ev.Values) != 1 || ev.Values[0] != "true" {
		return nil, fmt.Errorf("expected readme-intro: true")
	}
	i := &introEvidence{minWords: ev.MinWords}
	if i.minWords == 0 {
		i.minWords = 25
	}
	ids, err := g.addAll(in)
	if err != nil {
		return nil, err
	}
	i.ids = ids
	return i, nil
}

func (i *introEvidence) describe(lang string) string {
	return fmt.Sprintf(say(lang, "desc-intro"), i.minWords)
}

func (i *introEvidence) evaluate(r *run) outcome {
	var o outcome
	for _, id := range i.ids {
		for _, e := range r.matched[id] {
			if e.Kind != source.File && e.Kind != source.Executable {
				continue
			}
			d := r.doc(e)
			if d.err != nil {
				o.err = d.err
				continue
			}
			if d.doc == nil || d.doc.introWords == 0 {
				continue
			}
			ev := finding.Evidence{Path: e.Path, Line: d.doc.introLine}
			if d.doc.introWords >= i.minWords {
				ev.Detail = fmt.Sprintf(say(r.opt.Lang, "intro"), d.doc.introWords)
				o.found = append(o.found, ev)
			} else {
				ev.Detail = fmt.Sprintf(say(r.opt.Lang, "intro-short"), d.doc.introWords)
				o.rejected = append(o.rejected, ev)
			}
		}
	}
	return o
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

func compileElsewhere(ev catalog.Evidence, g *globSet) (evidence, error) {
	e := &elsewhereEvidence{}
	for _, v := range ev.Values {
		w := textfold.Words(v)
		if len(w) == 0 {
			return nil, fmt.Errorf("link phrase %q has no words", v)
		}
		e.phrases = append(e.phrases, w)
	}
	var err error
	if e.readmes, err = g.add("/readme*"); err != nil {
		return nil, err
	}
	if e.manifestID, err = g.add(manifestGlob); err != nil {
		return nil, err
	}
	return e, nil
}

func (e *elsewhereEvidence) describe(lang string) string {
	phrases := make([]string, len(e.phrases))
	for i, p := range e.phrases {
		phrases[i] = strings.Join(p, " ")
	}
	return fmt.Sprintf(say(lang, "desc-elsewhere"), quoteAll(phrases, lang))
}

func (e *elsewhereEvidence) evaluate(r *run) outcome {
	var o outcome
	lang := r.opt.Lang
	for _, en := range r.matched[e.readmes] {
		d := r.doc(en)
		if d.err != nil || d.doc == nil {
			continue
		}
		for _, l := range d.doc.links {
			for _, p := range e.phrases {
				if textfold.ContainsPhrase(l.words, p) {
					o.rejected = append(o.rejected, finding.Evidence{Path: en.Path, Line: l.line,
						Detail: fmt.Sprintf(say(lang, "elsewhere-link"), shorten(l.url, 100))})
					break
				}
			}
		}
	}
	for _, en := range r.matched[e.manifestID] {
		facts, err := r.manifest(en)
		if err != nil || facts == nil {
			continue
		}
		for _, f := range facts.Documentation {
			o.rejected = append(o.rejected, finding.Evidence{Path: en.Path, Line: f.Line,
				Detail: fmt.Sprintf(say(lang, "elsewhere-link"), shorten(f.Value, 100))})
		}
	}
	return o
}

func isYAML(p string) bool {
	ext := strings.ToLower(path.Ext(p))
	return ext == ".yml" || ext == ".yaml"
}

// yamlPlaceholder finds what a draft such as publiccode.yml leaves to fill
// in: "{{ … }}" values and "[À compléter]" marks. Template expressions of
// CI files and Helm charts ("${{ secrets.X }}", "{{ .Values.x }}") are not
// placeholders.
var yamlPlaceholder = regexp.MustCompile(`(?:^|[^$])(\{\{\s*[^\s.$}][^}]*\}\})|(\[[^\]\n]*(?:a completer|to be completed)[^\]\n]*\])`)

// yamlStub reports a YAML file left as a template.
func (r *run) yamlStub(e source.Entry) (string, error) {
	data, _, err := r.tree.Read(e, r.opt.MaxRead)
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
	return fmt.Sprintf(say(r.opt.Lang, "stub-tmpl"), ph), nil
}
