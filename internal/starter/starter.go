// Package starter writes starter documents for the items of the checklist a
// repository lacks: an installation guide, an architecture page with a
// mermaid skeleton, the programme's sustainability note, a publiccode.yml
// draft... in French or English, from templates embedded in the binary.
//
// Every sentence of a template that the team has to write stands inside a
// placeholder ("[À compléter : …]", "[To be completed: …]" or "{{ … }}"),
// the marks passation check recognises: a document created from a template
// and not filled in is reported as present but empty, never as found.
package starter

import (
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"text/template"

	"github.com/passation/passation/internal/catalog"
	"github.com/passation/passation/internal/i18n"
	"github.com/passation/passation/internal/typo"
	"github.com/passation/passation/internal/yamlfile"
)

//go:embed templates
var files embed.FS

// Starter is the document proposed for one rule of the catalogue.
type Starter struct {
	Rule string
	// Path is where the document goes in the repository, by language; the
	// path matches the rule's evidence, so that the filled document passes.
	Path map[string]string
	file string // template name under templates/<lang>/
}

// For returns the starter document of a rule, as its rule file names it
// (starter:), if it has one.
func For(r catalog.Rule) (Starter, bool) {
	if r.Starter == nil {
		return Starter{}, false
	}
	return Starter{Rule: r.ID, Path: map[string]string{"en": r.Starter.Path.EN, "fr": r.Starter.Path.FR}, file: r.Starter.Template}, true
}

// problems are the starter's problems in a rule file, keyed by their
// English format (yamlfile.Translate).
var problems = yamlfile.Translate(i18n.Text{
	"rule %q: starter: no template %q in %s (expected one of %s)": {"rule %q: starter: no template %q in %s (expected one of %s)", "règle « %s » : starter : pas de modèle « %s » en %s (attendu l'un de %s)"},
})

// Check verifies that every starter a rule names has its template in both
// languages, and says where the rule file names one that does not.
func Check(rules []catalog.Rule) error {
	var errs []error
	for _, r := range rules {
		if r.Starter == nil {
			continue
		}
		for _, lang := range []string{"en", "fr"} {
			if _, err := fs.Stat(files, "templates/"+lang+"/"+r.Starter.Template); err != nil {
				errs = append(errs, catalog.Errorf(r.Starter.Pos, "rule %q: starter: no template %q in %s (expected one of %s)", r.ID, r.Starter.Template, lang, strings.Join(templates(lang), ", ")))
			}
		}
	}
	return errors.Join(errs...)
}

// templates lists the templates of a language.
func templates(lang string) []string {
	entries, _ := fs.ReadDir(files, "templates/"+lang)
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	return out
}

// Rules lists the rules that have a starter document, in checklist order.
func Rules(rules []catalog.Rule) []string {
	var out []string
	for _, r := range rules {
		if r.Starter != nil {
			out = append(out, r.ID)
		}
	}
	return out
}

// PathIn is where the document goes for lang ("fr" or "en").
func (s Starter) PathIn(lang string) string { return s.Path[langOf(lang)] }

// Person is a maintainer found in the repository.
type Person struct {
	Name, Email string
}

// Facts are what was detected in the repository, to fill what can be
// filled: the project's name everywhere, and in publiccode.yml its
// address, licence, maintainers and documentation.
type Facts struct {
	Project       string
	URL           string // https address of the repository, "" when unknown
	Licence       string // SPDX identifier, "" when unknown
	Maintainers   []Person
	Documentation string // address of the user documentation, "" when unknown
}

// Render returns the document for lang, filled with facts.
func (s Starter) Render(lang string, f Facts) ([]byte, error) {
	lang = langOf(lang)
	f.Project = safeName(f.Project)
	t, err := template.New(s.file).Delims("[%", "%]").Funcs(template.FuncMap{"q": quote}).
		ParseFS(files, "templates/"+lang+"/"+s.file)
	if err != nil {
		return nil, fmt.Errorf("template %s/%s: %w", lang, s.file, err)
	}
	var b bytes.Buffer
	if err := t.Execute(&b, f); err != nil {
		return nil, fmt.Errorf("template %s/%s: %w", lang, s.file, err)
	}
	if lang == "fr" && strings.HasSuffix(s.file, ".md") {
		// The templates are written with plain spaces, as the tables are;
		// French typography is applied here, once (fenced code is kept).
		return []byte(typo.French(b.String())), nil
	}
	return b.Bytes(), nil
}

func langOf(lang string) string {
	if lang == "fr" {
		return "fr"
	}
	return "en"
}

// safeName keeps a project name from closing a placeholder it stands in,
// or from starting a new one.
func safeName(s string) string {
	s = strings.Map(func(r rune) rune {
		switch r {
		case '[', ']', '{', '}', '<', '>', '\n', '\r':
			return -1
		}
		return r
	}, s)
	if strings.TrimSpace(s) == "" {
		return "projet"
	}
	return s
}

// quote writes a YAML double-quoted scalar (JSON strings are valid YAML).
func quote(s string) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)
	return strings.TrimSpace(b.String())
}
