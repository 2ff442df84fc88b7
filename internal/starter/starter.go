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
	"fmt"
	"strings"
	"text/template"
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

// starters are the documents passation can start, in checklist order.
var starters = []Starter{
	{"user-manual", paths("docs/manuel-utilisateur.md", "docs/user-manual.md"), "user-manual.md"},
	{"technical-docs", paths("docs/documentation-technique.md", "docs/technical.md"), "technical.md"},
	{"install-guide", paths("INSTALL.md", "INSTALL.md"), "install.md"},
	{"architecture-diagram", paths("docs/architecture.md", "docs/architecture.md"), "architecture.md"},
	{"roadmap", paths("ROADMAP.md", "ROADMAP.md"), "roadmap.md"},
	{"maintainer", paths("MAINTAINERS.md", "MAINTAINERS.md"), "maintainers.md"},
	{"deployment-guide", paths("docs/deploiement.md", "docs/deployment.md"), "deployment.md"},
	{"incident-response", paths("docs/incidents.md", "docs/incidents.md"), "incidents.md"},
	{"sustainability-plan", paths("docs/note-de-perennisation.md", "docs/note-de-perennisation.md"), "sustainability-note.md"},
	{"contributing", paths("CONTRIBUTING.md", "CONTRIBUTING.md"), "contributing.md"},
	{"changelog", paths("CHANGELOG.md", "CHANGELOG.md"), "changelog.md"},
	{"publiccode", paths("publiccode.yml", "publiccode.yml"), "publiccode.yml"},
}

func paths(fr, en string) map[string]string { return map[string]string{"fr": fr, "en": en} }

// For returns the starter document of a rule, if passation has one.
func For(rule string) (Starter, bool) {
	for _, s := range starters {
		if s.Rule == rule {
			return s, true
		}
	}
	return Starter{}, false
}

// Rules lists the rules that have a starter document.
func Rules() []string {
	var out []string
	for _, s := range starters {
		out = append(out, s.Rule)
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
