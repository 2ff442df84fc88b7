// Package project tells what each folder of a tree is to the project it
// holds: the project itself, one of its own components, what the
// application serves, the configuration of a tool, or a bundled copy of
// another project. The model is built once per check, from what the walk
// saw, and the rules say as data which scopes they read (scopes: in the
// rule files): a successor reads the licence and the maintainers of the
// project at its root, and no user manual in the icons a web page serves.
package project

import (
	"path"
	"sort"
	"strings"

	"github.com/passation/passation/internal/document"
	"github.com/passation/passation/internal/textfold"
)

// Scope is what a path is to the project.
type Scope int

const (
	// Root: the project itself, its documentation and every folder that is
	// no component of its own.
	Root Scope = iota
	// Component: inside a folder with a manifest of its own (a workspace
	// member, the back end of a monorepo), not a bundled copy.
	Component
	// Assets: the images, videos and fonts the application serves, outside
	// the documentation: under static/, public/, assets/, img/, src/…
	// A document or a page there (a guide the site publishes, an in-app
	// help page) stays the project's.
	Assets
	// Tool: the configuration of an editor or a coding agent, and the
	// forms of a forge (.vscode/, .cursor/, AGENTS.md, issue templates).
	Tool
	// Tests: a test suite and its mocks (tests/, __tests__/, e2e/,
	// cypress/, mocks/): a deck or a README there is what a test uploads or
	// the suite's notes, never the project's documentation. (The walk
	// skips fixtures/ and testdata/ altogether, as it does vendor/.)
	Tests
	// Bundled: a copy of another project, its own licence naming another
	// holder. The walk does not enter it; it is named here for messages.
	Bundled
)

var scopeNames = [...]string{"root", "component", "assets", "tool", "tests", "bundled"}

// Readable lists the scopes a rule may read: every one but the bundled
// copies, which the walk never enters.
func Readable() []string { return append([]string(nil), scopeNames[:Bundled]...) }

func (s Scope) String() string {
	if s < 0 || int(s) >= len(scopeNames) {
		return "unknown"
	}
	return scopeNames[s]
}

// Parse reads a scope's name as rule files write it.
func Parse(name string) (Scope, bool) {
	for i, n := range scopeNames {
		if n == name {
			return Scope(i), true
		}
	}
	return 0, false
}

// Set is a set of scopes.
type Set uint8

// SetOf returns the set holding scopes.
func SetOf(scopes ...Scope) Set {
	var s Set
	for _, sc := range scopes {
		s |= 1 << sc
	}
	return s
}

// Has reports whether the set holds sc.
func (s Set) Has(sc Scope) bool { return s&(1<<sc) != 0 }

// Default is what a rule reads when it names no scopes: the project and its
// components; the media it serves and the tools' configuration only when a
// rule names them.
var Default = SetOf(Root, Component)

// docRoots are the names of documentation folders, at any depth: what lies
// below one is documentation, its images included.
var docRoots = map[string]bool{
	"docs": true, "doc": true, "documentation": true, "wiki": true, "guide": true,
	"guides": true, "vignettes": true, ".gitbook": true, "man": true,
}

// DocRoot reports whether a folder's (folded) name is that of a
// documentation folder: one of docRoots, or one of them joined to another
// word ("docs-sources", "user-docs", "documentation_technique").
func DocRoot(name string) bool {
	if docRoots[name] {
		return true
	}
	for _, sep := range []string{"-", "_"} {
		for _, d := range []string{"docs", "doc", "documentation"} {
			if strings.HasPrefix(name, d+sep) || strings.HasSuffix(name, sep+d) {
				return true
			}
		}
	}
	return false
}

// servedFolders hold what a web application serves, renders or is built
// from: the images there are the product's pictures.
var servedFolders = map[string]bool{
	"static": true, "public": true, "assets": true, "img": true, "images": true,
	"icons": true, "templates": true, "www": true, "wwwroot": true, "src": true,
}

// media are the extensions of images, sound, video and fonts: what an
// application serves as it is. A document or a page (a guide the site
// publishes, an in-app help page) stays the project's writing.
var media = map[string]bool{
	".png": true, ".jpg": true, ".jpeg": true, ".gif": true, ".svg": true, ".webp": true,
	".avif": true, ".ico": true, ".bmp": true, ".tif": true, ".tiff": true,
	".mp4": true, ".webm": true, ".mov": true, ".ogv": true, ".mp3": true, ".ogg": true, ".wav": true,
	".woff": true, ".woff2": true, ".ttf": true, ".otf": true, ".eot": true,
}

// Model is what the folders of one tree are to its project.
type Model struct {
	// components are the folded folders, other than the root, with a
	// manifest of their own, deepest first.
	components []string
	bundled    []string
}

// New builds the model of a tree from the folded folders holding a
// manifest ("" for the root) and those found to be bundled copies.
func New(manifestDirs map[string]bool, bundled []string) *Model {
	m := &Model{bundled: bundled}
	for d := range manifestDirs {
		if d == "" {
			continue // the root is the project itself
		}
		m.components = append(m.components, d)
	}
	// Deepest first, so that a path takes the component nearest to it.
	sort.Slice(m.components, func(i, j int) bool {
		ci, cj := strings.Count(m.components[i], "/"), strings.Count(m.components[j], "/")
		if ci != cj {
			return ci > cj
		}
		return m.components[i] < m.components[j]
	})
	return m
}

// Of tells the scope of the file or folder at p ("" or a root file: Root).
func (m *Model) Of(p string) Scope {
	if p == "" {
		return Root
	}
	fp := textfold.Fold(p)
	for _, b := range m.bundled {
		if strings.HasPrefix(fp, b+"/") {
			return Bundled
		}
	}
	switch document.GenreOf(fp) {
	case document.AgentInstructions, document.Template:
		return Tool
	}
	if InTests(fp) {
		return Tests
	}
	if served(fp) {
		return Assets
	}
	if m.Component(fp) != "" {
		return Component
	}
	return Root
}

// Component returns the folded folder of the component that holds p, ""
// when p is the root project's.
func (m *Model) Component(p string) string {
	fp := textfold.Fold(p)
	for _, c := range m.components {
		if strings.HasPrefix(fp, c+"/") {
			return c
		}
	}
	return ""
}

// served: a media file lies in a served folder, and no documentation
// folder holds it ("docs/assets/archi.png" and "static/doc/casts/demo.webm"
// are the documentation's own).
func served(fp string) bool {
	if !media[path.Ext(fp)] {
		return false
	}
	inServed := false
	for _, d := range strings.Split(path.Dir(fp), "/") {
		if DocRoot(d) {
			return false
		}
		inServed = inServed || servedFolders[d]
	}
	return inServed
}

// testFolders hold a test suite or its mocks.
var testFolders = map[string]bool{
	"test": true, "tests": true, "__tests__": true, "e2e": true, "cypress": true, "integration-tests": true,
	"mocks": true, "__mocks__": true, "test-data": true, "test_data": true,
}

// InTests reports whether the folded path lies in a test suite's folder:
// one of testFolders, or one named for its tool ("tests_e2e", "e2e-tests");
// inside a documentation folder, it is documentation ("docs/tests-utilisateurs/"
// holds the reports of user tests).
func InTests(fp string) bool {
	for _, d := range strings.Split(path.Dir(fp), "/") {
		if DocRoot(d) {
			return false
		}
		if testFolders[d] {
			return true
		}
		for _, sep := range []string{"_", "-"} {
			for _, t := range []string{"tests", "e2e"} {
				if strings.HasPrefix(d, t+sep) || strings.HasSuffix(d, sep+t) {
					return true
				}
			}
		}
	}
	return false
}
