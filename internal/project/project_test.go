package project

import "testing"

func TestScopeOf(t *testing.T) {
	m := New(map[string]bool{"": true, "back": true, "front/apps/portail": true, "cms": true}, []string{"cms"})
	cases := map[string]Scope{
		"README.md":                             Root,
		"docs/architecture.png":                 Root,
		"back/README.md":                        Component,
		"back/docs/api.md":                      Component,
		"front/README.md":                       Root, // no manifest of its own
		"front/apps/portail/src/App.tsx":        Component,
		"cms/README.md":                         Bundled,
		"static/img/archive-drawer-fill.svg":    Assets,
		"public/favicon.png":                    Assets,
		"back/static/js/app.js":                 Component, // code, not media
		"src/assets/logo-archi.png":             Assets,
		"src/app.py":                            Root,
		"public/documents/guide-utilisateur.md": Root, // a guide the site publishes
		"openscraper/templates/tuto.html":       Root, // an in-app tutorial page
		"static/doc/casts/demo.webm":            Root, // the help's own screencast
		"docs/assets/archi.png":                 Root,
		"docs-sources/assets/flux/schema.png":   Root,
		"app/user-docs/img/ecran.png":           Root,
		".vscode/settings.json":                 Tool,
		"AGENTS.md":                             Tool,
		".github/ISSUE_TEMPLATE/bug.md":         Tool,
		".github/CONTRIBUTING.md":               Root,
		"test/mocks/presentation.pptx":          Tests,
		"back/tests/README.md":                  Tests,
		"docs/tests-utilisateurs/rapport.md":    Root, // reports of user tests
		"src/__mocks__/logo.png":                Tests,
		"e2e-tests/docs/guide.md":               Tests,
		"docs/specs/format.md":                  Root, // written specifications
		"docs/testing.md":                       Root, // a page about testing
	}
	for p, want := range cases {
		if got := m.Of(p); got != want {
			t.Errorf("Of(%q) = %s, want %s", p, got, want)
		}
	}
	if got := m.Component("front/apps/portail/src/App.tsx"); got != "front/apps/portail" {
		t.Errorf("Component = %q, want the nearest component folder", got)
	}
}

func TestParseAndSet(t *testing.T) {
	for _, n := range append(Readable(), "bundled") {
		sc, ok := Parse(n)
		if !ok || sc.String() != n {
			t.Errorf("Parse(%q) = %v, %v", n, sc, ok)
		}
	}
	if _, ok := Parse("everything"); ok {
		t.Error(`Parse("everything") succeeded`)
	}
	s := SetOf(Root, Assets)
	if !s.Has(Root) || !s.Has(Assets) || s.Has(Component) || s.Has(Tool) {
		t.Errorf("SetOf(Root, Assets) = %08b", s)
	}
	if Default.Has(Tool) || Default.Has(Assets) || Default.Has(Tests) || Default.Has(Bundled) || !Default.Has(Component) || !Default.Has(Root) {
		t.Errorf("Default = %08b: the project and its components only", Default)
	}
}
