// Package manifest reads the facts a handover cares about — people,
// licences, documentation and roadmap links, maintenance — from the package
// manifests and metadata files projects already keep: package.json,
// composer.json, pyproject.toml, setup.py, setup.cfg, Cargo.toml, pom.xml,
// R's DESCRIPTION, CITATION.cff and publiccode.yml. Nothing is executed:
// setup.py is read as text.
package manifest

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"path"
	"regexp"
	"strings"

	"github.com/passation/passation/internal/i18n"
	"github.com/passation/passation/internal/syserr"
	"github.com/passation/passation/internal/yamlfile"
	"github.com/pelletier/go-toml/v2"
)

// Fact is one value read from a manifest, with where it stands.
type Fact struct {
	Key   string // the manifest key, e.g. "author" or "maintenance.contacts"
	Value string
	Line  int
}

// Facts is what one manifest declares.
type Facts struct {
	People        []Fact // authors, maintainers, contributors, contacts
	Licences      []Fact
	Documentation []Fact // URLs of documentation kept elsewhere
	Roadmap       []Fact // URLs of a roadmap kept elsewhere
	// Maintenance is publiccode.yml's maintenance.type; Contractors carry
	// their "until" date in Value after a tab.
	Maintenance []Fact
	Contractors []Fact

	// lines remembers, while parsing, the line of each key: a list of
	// thousands of contributors must not scan the file once per name.
	lines map[string]int
}

// Names lists the file names this package reads (lower-case).
var Names = []string{"package.json", "composer.json", "pyproject.toml", "setup.py", "setup.cfg",
	"cargo.toml", "pom.xml", "description", "citation.cff", "publiccode.yml", "publiccode.yaml"}

// Known reports whether a file name (any case) is a manifest this package reads.
func Known(p string) bool {
	base := strings.ToLower(path.Base(p))
	for _, n := range Names {
		if base == n {
			return true
		}
	}
	return false
}

// Parse reads one manifest. A malformed manifest gives an error naming the
// file; an unknown file name gives empty facts.
func Parse(p string, data []byte) (*Facts, error) {
	f := &Facts{}
	var err error
	switch strings.ToLower(path.Base(p)) {
	case "package.json":
		err = f.packageJSON(data)
	case "composer.json":
		err = f.composerJSON(data)
	case "pyproject.toml":
		err = f.pyproject(data)
	case "cargo.toml":
		err = f.cargo(data)
	case "setup.py":
		f.setupPy(data)
	case "setup.cfg":
		f.setupCfg(data)
	case "pom.xml":
		err = f.pom(data)
	case "description":
		f.description(data)
	case "citation.cff":
		err = f.citation(p, data)
	case "publiccode.yml", "publiccode.yaml":
		err = f.publiccode(p, data)
	}
	f.lines = nil
	var located *yamlfile.Error
	if errors.As(err, &located) {
		return f, err // already at its file, line and column
	}
	if err != nil {
		if line := errorLine(err, data); line > 0 {
			return f, manifestWords.Wrap(err, "at-line", p, line, syserr.Of(err))
		}
		return f, manifestWords.Wrap(err, "at", p, syserr.Of(err))
	}
	f.clean()
	return f, nil
}

// manifestWords are the errors of a manifest that cannot be read, in both
// languages; the parser's own words are quoted as code in French.
var manifestWords = i18n.Text{
	"invalid": {"invalid %s: %s", "%s non valide : %s"},
	"at-line": {"%s:%d: %s", "%s:%d : %s"},
	"at":      {"%s: %s", "%s : %s"},
}

// decodeYAML decodes a YAML manifest. A syntax error comes back at its
// file, line and column, which yamlfile finds more exactly than the YAML
// decoder says.
func decodeYAML(p string, data []byte, v any) error {
	n, err := yamlfile.Parse(p, data)
	if err != nil || n == nil {
		return err
	}
	if err := n.Decode(v); err != nil {
		return manifestWords.Wrap(err, "invalid", "YAML", syserr.Of(err))
	}
	return nil
}

// errorLine finds the line a JSON or TOML error points at (the XML and
// YAML decoders already name it in their message), or 0.
func errorLine(err error, data []byte) int {
	var syntax *json.SyntaxError
	var decode *toml.DecodeError
	switch {
	case errors.As(err, &syntax) && syntax.Offset <= int64(len(data)):
		return bytes.Count(data[:syntax.Offset], []byte("\n")) + 1
	case errors.As(err, &decode):
		row, _ := decode.Position()
		return row
	}
	return 0
}

// notALicence are values that declare the absence of an open licence.
var notALicence = map[string]bool{"": true, "unlicensed": true, "proprietary": true, "private": true,
	"none": true, "see license": true, "see licence": true, "other": true, "unknown": true}

// clean drops empty values and placeholder licences.
func (f *Facts) clean() {
	keep := func(in []Fact, ok func(string) bool) []Fact {
		var out []Fact
		for _, x := range in {
			x.Value = strings.TrimSpace(x.Value)
			if ok(x.Value) {
				out = append(out, x)
			}
		}
		return out
	}
	nonEmpty := func(s string) bool { return s != "" && !placeholder.MatchString(s) }
	f.People = keep(f.People, func(s string) bool { return nonEmpty(s) && !templatePerson.MatchString(s) })
	f.Licences = keep(f.Licences, func(s string) bool {
		return !notALicence[strings.ToLower(s)] && !licenceFilePointer.MatchString(s) && nonEmpty(s)
	})
	f.Documentation = keep(f.Documentation, isURL)
	f.Roadmap = keep(f.Roadmap, isURL)
	f.Maintenance = keep(f.Maintenance, nonEmpty)
	f.Contractors = keep(f.Contractors, nonEmpty)
}

// licenceFilePointer is a licence field that only points at the licence
// file — npm's "SEE LICENSE IN LICENSE.md", R's "file LICENSE", PEP 621's
// license = {file = "LICENSE"}: the file itself says which licence it is.
var licenceFilePointer = regexp.MustCompile(`(?i)^(see licen[cs]e\b.*|file\s+\S+)$`)

var placeholder = regexp.MustCompile(`(?i)^(todo|tbd|xxx|your name|author|\{\{.*\}\}|<.*>)$`)

// templatePerson is the author a project generator writes for nobody:
// Poetry's "Your Name <you@example.com>".
var templatePerson = regexp.MustCompile(`(?i)(^(your name|author name|first last|john doe|jane doe)\b|\b(you|your[._-]?(name|email)|email|name|me|author)@example\.(com|org|net)\b)`)

func isURL(s string) bool { return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://") }

// lineOf finds the first line where key appears as a key, for evidence.
func lineOf(data []byte, key string) int {
	for i, l := range bytes.Split(data, []byte("\n")) {
		t := bytes.TrimSpace(l)
		k := []byte(key)
		if bytes.HasPrefix(t, append(append([]byte(`"`), k...), '"')) || bytes.HasPrefix(t, append(k, ':')) ||
			bytes.HasPrefix(t, append(k, ' ')) || bytes.HasPrefix(t, append(k, '=')) || bytes.HasPrefix(t, append([]byte("<"), k...)) {
			return i + 1
		}
	}
	return 0
}

// people turns the usual JSON shapes of a person field — a string, an
// object with name/email, or a list of either — into names.
func people(v any) []string {
	switch t := v.(type) {
	case string:
		return []string{t}
	case map[string]any:
		str := func(k string) string { s, _ := t[k].(string); return strings.TrimSpace(s) }
		name := str("name")
		if name == "" && str("given-names") != "" {
			name = strings.TrimSpace(str("given-names") + " " + str("family-names"))
		}
		if name == "" {
			name = str("family-names")
		}
		// The way to reach the person goes with the name: a maintainer is
		// someone a successor can write to.
		switch email, url := str("email"), str("url"); {
		case name != "" && email != "":
			return []string{name + " <" + email + ">"}
		case name != "" && url != "":
			return []string{name + " (" + url + ")"}
		case name != "":
			return []string{name}
		case email != "":
			return []string{email}
		case url != "":
			return []string{url}
		}
	case []any:
		var out []string
		for _, x := range t {
			out = append(out, people(x)...)
		}
		return out
	}
	return nil
}

func (f *Facts) add(dst *[]Fact, data []byte, key, lineKey string, vals []string) {
	if len(vals) == 0 {
		return
	}
	line, ok := f.lines[lineKey]
	if !ok {
		line = lineOf(data, lineKey)
		if f.lines == nil {
			f.lines = map[string]int{}
		}
		f.lines[lineKey] = line
	}
	for _, v := range vals {
		*dst = append(*dst, Fact{Key: key, Value: v, Line: line})
	}
}

func (f *Facts) packageJSON(data []byte) error {
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		return manifestWords.Wrap(err, "invalid", "JSON", syserr.Of(err))
	}
	// "contributor" is no npm key, but it is written, and a reader takes it.
	for _, k := range []string{"author", "maintainers", "contributors", "contributor"} {
		f.add(&f.People, data, k, k, people(m[k]))
	}
	if s, ok := m["license"].(string); ok {
		f.add(&f.Licences, data, "license", "license", []string{s})
	}
	if s, ok := m["homepage"].(string); ok && strings.Contains(s, "doc") {
		f.add(&f.Documentation, data, "homepage", "homepage", []string{s})
	}
	return nil
}

func (f *Facts) composerJSON(data []byte) error {
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		return manifestWords.Wrap(err, "invalid", "JSON", syserr.Of(err))
	}
	f.add(&f.People, data, "authors", "authors", people(m["authors"]))
	switch l := m["license"].(type) {
	case string:
		f.add(&f.Licences, data, "license", "license", []string{l})
	case []any:
		for _, x := range l {
			if s, ok := x.(string); ok {
				f.add(&f.Licences, data, "license", "license", []string{s})
			}
		}
	}
	return nil
}

func (f *Facts) pyproject(data []byte) error {
	var m map[string]any
	if err := toml.Unmarshal(data, &m); err != nil {
		return manifestWords.Wrap(err, "invalid", "TOML", syserr.Of(err))
	}
	tables := []map[string]any{}
	if p, ok := m["project"].(map[string]any); ok {
		tables = append(tables, p)
	}
	if tool, ok := m["tool"].(map[string]any); ok {
		if p, ok := tool["poetry"].(map[string]any); ok {
			tables = append(tables, p)
		}
	}
	for _, t := range tables {
		for _, k := range []string{"authors", "maintainers"} {
			f.add(&f.People, data, k, k, people(t[k]))
		}
		if cs, ok := t["classifiers"].([]any); ok {
			var lic []string
			for _, c := range cs {
				if s, ok := c.(string); ok {
					lic = append(lic, s)
				}
			}
			f.classifiers(data, lic)
		}
		switch l := t["license"].(type) {
		case string:
			f.add(&f.Licences, data, "license", "license", []string{l})
		case map[string]any:
			if s, ok := l["text"].(string); ok {
				f.add(&f.Licences, data, "license", "license", []string{s})
			}
			if s, ok := l["file"].(string); ok {
				f.add(&f.Licences, data, "license", "license", []string{"file " + s})
			}
		}
		if urls, ok := t["urls"].(map[string]any); ok {
			for k, v := range urls {
				if s, ok := v.(string); ok && strings.Contains(strings.ToLower(k), "doc") {
					f.add(&f.Documentation, data, "urls."+k, k, []string{s})
				}
			}
		}
	}
	return nil
}

func (f *Facts) cargo(data []byte) error {
	var m struct {
		Package struct {
			Authors       []string `toml:"authors"`
			License       string   `toml:"license"`
			Documentation string   `toml:"documentation"`
		} `toml:"package"`
	}
	if err := toml.Unmarshal(data, &m); err != nil {
		return manifestWords.Wrap(err, "invalid", "TOML", syserr.Of(err))
	}
	f.add(&f.People, data, "authors", "authors", m.Package.Authors)
	f.add(&f.Licences, data, "license", "license", []string{m.Package.License})
	f.add(&f.Documentation, data, "documentation", "documentation", []string{m.Package.Documentation})
	return nil
}

var pyKeyword = regexp.MustCompile(`(?m)^\s*(author|maintainer|author_email|maintainer_email|license)\s*=\s*(?:"([^"]*)"|'([^']*)')`)

// setupPy reads keyword arguments of setup() as text: the file is never run.
func (f *Facts) setupPy(data []byte) {
	for _, m := range pyKeyword.FindAllSubmatchIndex(data, -1) {
		key := string(data[m[2]:m[3]])
		val := ""
		if m[4] >= 0 {
			val = string(data[m[4]:m[5]])
		} else {
			val = string(data[m[6]:m[7]])
		}
		line := bytes.Count(data[:m[0]], []byte("\n")) + 1
		if data[m[0]] == '\n' {
			line++
		}
		fact := Fact{Key: key, Value: val, Line: line}
		if key == "license" {
			f.Licences = append(f.Licences, fact)
		} else {
			f.People = append(f.People, fact)
		}
	}
	f.classifierLines(data)
}

// classifierLine is a trove licence classifier anywhere on a line: quoted
// in setup.py, indented under "classifiers =" in setup.cfg.
var classifierLine = regexp.MustCompile(`(?m)^[\s"',]*(License\s*::[^"'\n]*)`)

// classifierLines reads the licence classifiers of setup.py or setup.cfg
// as text, each at its line.
func (f *Facts) classifierLines(data []byte) {
	for _, m := range classifierLine.FindAllSubmatchIndex(data, -1) {
		c := strings.TrimSpace(string(data[m[2]:m[3]]))
		if id, ok := classifierID(c); ok && id != "" {
			f.Licences = append(f.Licences, Fact{Key: "classifiers", Value: c, Line: bytes.Count(data[:m[2]], []byte("\n")) + 1})
		}
	}
}

// classifiers adds the licence classifiers of a parsed list, at the line
// of each.
func (f *Facts) classifiers(data []byte, cs []string) {
	for _, c := range cs {
		if id, ok := classifierID(c); !ok || id == "" {
			continue
		}
		line := 0
		if i := bytes.Index(data, []byte(c)); i >= 0 {
			line = bytes.Count(data[:i], []byte("\n")) + 1
		}
		f.Licences = append(f.Licences, Fact{Key: "classifiers", Value: c, Line: line})
	}
}

var cfgKeyword = regexp.MustCompile(`(?m)^\s*(author|maintainer|author_email|maintainer_email|license)\s*=\s*(.+)$`)

func (f *Facts) setupCfg(data []byte) {
	for _, m := range cfgKeyword.FindAllSubmatchIndex(data, -1) {
		key, val := string(data[m[2]:m[3]]), string(data[m[4]:m[5]])
		fact := Fact{Key: key, Value: val, Line: bytes.Count(data[:m[2]], []byte("\n")) + 1}
		if key == "license" {
			f.Licences = append(f.Licences, fact)
		} else {
			f.People = append(f.People, fact)
		}
	}
	f.classifierLines(data)
}

func (f *Facts) pom(data []byte) error {
	var m struct {
		Developers []struct {
			Name  string `xml:"name"`
			Email string `xml:"email"`
		} `xml:"developers>developer"`
		Licenses []struct {
			Name string `xml:"name"`
		} `xml:"licenses>license"`
	}
	if err := xml.Unmarshal(data, &m); err != nil {
		return manifestWords.Wrap(err, "invalid", "XML", syserr.Of(err))
	}
	for _, d := range m.Developers {
		f.add(&f.People, data, "developers", "developers", []string{d.Name + " " + d.Email})
	}
	for _, l := range m.Licenses {
		f.add(&f.Licences, data, "licenses", "licenses", []string{l.Name})
	}
	return nil
}

// description reads R's DESCRIPTION (Debian control format): fields start
// at the beginning of a line, continuation lines are indented.
func (f *Facts) description(data []byte) {
	lines := strings.Split(string(data), "\n")
	for i := 0; i < len(lines); i++ {
		key, val, ok := strings.Cut(lines[i], ":")
		if !ok || strings.HasPrefix(lines[i], " ") || strings.HasPrefix(lines[i], "\t") {
			continue
		}
		start := i
		// Parts are joined once: adding each continuation line to a
		// growing string made a long field cost quadratic time.
		parts := []string{strings.TrimSpace(val)}
		for i+1 < len(lines) && (strings.HasPrefix(lines[i+1], " ") || strings.HasPrefix(lines[i+1], "\t")) {
			i++
			parts = append(parts, strings.TrimSpace(lines[i]))
		}
		fact := Fact{Key: key, Value: strings.TrimSpace(strings.Join(parts, " ")), Line: start + 1}
		switch key {
		case "Authors@R", "Author", "Maintainer":
			f.People = append(f.People, fact)
		case "License":
			f.Licences = append(f.Licences, fact)
		}
	}
}

func (f *Facts) citation(p string, data []byte) error {
	var m struct {
		Authors []map[string]any `yaml:"authors"`
		License any              `yaml:"license"`
	}
	if err := decodeYAML(p, data, &m); err != nil {
		return err
	}
	for _, a := range m.Authors {
		f.add(&f.People, data, "authors", "authors", people(a))
	}
	if s, ok := m.License.(string); ok {
		f.add(&f.Licences, data, "license", "license", []string{s})
	}
	return nil
}

func (f *Facts) publiccode(p string, data []byte) error {
	var m struct {
		Legal struct {
			License string `yaml:"license"`
		} `yaml:"legal"`
		Roadmap     string `yaml:"roadmap"`
		Maintenance struct {
			Type     string `yaml:"type"`
			Contacts []struct {
				Name  string `yaml:"name"`
				Email string `yaml:"email"`
			} `yaml:"contacts"`
			Contractors []struct {
				Name  string `yaml:"name"`
				Until string `yaml:"until"`
			} `yaml:"contractors"`
		} `yaml:"maintenance"`
		Description map[string]struct {
			Documentation    string   `yaml:"documentation"`
			APIDocumentation string   `yaml:"apiDocumentation"`
			Videos           []string `yaml:"videos"`
		} `yaml:"description"`
	}
	if err := decodeYAML(p, data, &m); err != nil {
		return err
	}
	f.add(&f.Licences, data, "legal.license", "license", []string{m.Legal.License})
	f.add(&f.Roadmap, data, "roadmap", "roadmap", []string{m.Roadmap})
	f.add(&f.Maintenance, data, "maintenance.type", "type", []string{m.Maintenance.Type})
	for _, c := range m.Maintenance.Contacts {
		f.add(&f.People, data, "maintenance.contacts", "contacts", []string{strings.TrimSpace(c.Name + " " + c.Email)})
	}
	for _, c := range m.Maintenance.Contractors {
		f.add(&f.People, data, "maintenance.contractors", "contractors", []string{c.Name})
		f.add(&f.Contractors, data, "maintenance.contractors", "contractors", []string{c.Name + "\t" + c.Until})
	}
	for lang, d := range m.Description {
		f.add(&f.Documentation, data, "description."+lang+".documentation", "documentation", []string{d.Documentation})
		f.add(&f.Documentation, data, "description."+lang+".apiDocumentation", "apiDocumentation", []string{d.APIDocumentation})
	}
	return nil
}
