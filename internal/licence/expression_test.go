package licence

import (
	"reflect"
	"testing"

	"github.com/passation/passation/internal/typo"
)

func TestDeclare(t *testing.T) {
	cases := []struct {
		in       string
		operands []string
		expr     bool
		software bool // allowed on a code repository
		docs     bool // allowed on a repository of documents
	}{
		{"MIT", []string{"MIT"}, false, true, true},
		{"Apache License, Version 2.0", []string{"Apache-2.0"}, false, true, true},
		// Cargo's default: one operand of an OR suffices.
		{"MIT OR Apache-2.0", []string{"Apache-2.0", "MIT"}, true, true, true},
		{"MIT/Apache-2.0", []string{"Apache-2.0", "MIT"}, true, true, true},
		{"mit or apache-2.0", []string{"Apache-2.0", "MIT"}, true, true, true},
		{"ISC OR MIT", []string{"ISC", "MIT"}, true, true, true},
		// An AND needs every operand on the list.
		{"MIT AND ISC", []string{"ISC", "MIT"}, true, false, false},
		{"MIT AND BSD-3-Clause", []string{"BSD-3-Clause", "MIT"}, true, true, true},
		{"(MIT AND ISC) OR EUPL-1.2", []string{"EUPL-1.2", "ISC", "MIT"}, true, true, true},
		// An exception adds permissions: the licence decides.
		{"GPL-3.0-or-later WITH Classpath-exception-2.0", []string{"GPL-3.0"}, true, true, true},
		{"GPL-2.0-only WITH Classpath-exception-2.0", []string{"GPL-2.0"}, true, false, false},
		// The data half of the list: on documents only.
		{"etalab-2.0", []string{"etalab-2.0"}, false, false, true},
		{"ODbL-1.0 OR etalab-2.0", []string{"ODbL-1.0", "etalab-2.0"}, true, false, true},
		{"MIT AND etalab-2.0", []string{"MIT", "etalab-2.0"}, true, false, true},
		// What cannot be read names nothing.
		{"", nil, false, false, false},
		{"Tous droits réservés", nil, false, false, false},
		{"MIT OR", nil, false, false, false},
	}
	for _, tc := range cases {
		d := Declare(tc.in)
		if !reflect.DeepEqual(d.Operands, tc.operands) || d.Expression() != tc.expr {
			t.Errorf("Declare(%q) = operands %q, expression %v; want %q, %v", tc.in, d.Operands, d.Expression(), tc.operands, tc.expr)
			continue
		}
		if got := d.Allowed(Software); got != tc.software {
			t.Errorf("Declare(%q).Allowed(Software) = %v, want %v", tc.in, got, tc.software)
		}
		if got := d.Allowed(Documents); got != tc.docs {
			t.Errorf("Declare(%q).Allowed(Documents) = %v, want %v", tc.in, got, tc.docs)
		}
	}
}

func TestAgree(t *testing.T) {
	cases := []struct {
		name  string
		ds    []Declaration
		ok    bool
		names []string
	}{
		{"same licence", []Declaration{Single("MIT"), Declare("MIT License")}, true, []string{"MIT"}},
		{"two licences", []Declaration{Single("MIT"), Declare("Apache-2.0")}, false, []string{"Apache-2.0", "MIT"}},
		// A Rust crate: LICENSE-MIT, LICENSE-APACHE and Cargo's OR.
		{"dual licence", []Declaration{Single("Apache-2.0"), Single("MIT"), Declare("MIT OR Apache-2.0")}, true, []string{"Apache-2.0", "MIT", "MIT OR Apache-2.0"}},
		{"same choice written twice", []Declaration{Declare("MIT OR Apache-2.0"), Declare("Apache-2.0 OR MIT")}, true, []string{"Apache-2.0 OR MIT", "MIT OR Apache-2.0"}},
		{"licence outside the choice", []Declaration{Single("ISC"), Declare("MIT OR Apache-2.0")}, false, []string{"ISC", "MIT OR Apache-2.0"}},
		{"two choices", []Declaration{Declare("MIT OR Apache-2.0"), Declare("MIT OR ISC")}, false, []string{"MIT OR Apache-2.0", "MIT OR ISC"}},
		{"exception", []Declaration{Single("GPL-3.0"), Declare("GPL-3.0-or-later WITH Classpath-exception-2.0")}, true, []string{"GPL-3.0", "GPL-3.0-or-later WITH Classpath-exception-2.0"}},
		{"unrecognised beside a licence", []Declaration{Single(""), Single("MIT")}, false, []string{"?", "MIT"}},
		{"unrecognised alone", []Declaration{Single("")}, true, []string{"?"}},
	}
	for _, tc := range cases {
		ok, names := Agree(tc.ds)
		if ok != tc.ok || !reflect.DeepEqual(names, tc.names) {
			t.Errorf("%s: Agree = %v %q, want %v %q", tc.name, ok, names, tc.ok, tc.names)
		}
	}
}

func TestClassify(t *testing.T) {
	cases := []struct {
		name  string
		paths []string
		scope Scope
		code  []string
	}{
		// A documentation site: its generator's config is tooling.
		{"docs site", []string{"README.md", "LICENSE.md", "accompagnement.md", "bootcamp.md", "package.json", ".vuepress/config.js", "images/logo.png"}, Documents, nil},
		{"data", []string{"README.md", "LICENSE", "donnees/communes.csv"}, Documents, nil},
		// Scripts in docs/ build the documentation.
		{"docs scripts", []string{"guide.md", "docs/build.py"}, Documents, nil},
		{"website with scripts", []string{"index.md", "_posts/a.md", "tags-generator.py", "_plugins/bundler.rb", "javascripts/app.js", "javascripts/custom.js"}, Software,
			[]string{"tags-generator.py", "_plugins/bundler.rb", "javascripts/app.js"}},
		{"R package", []string{"DESCRIPTION", "R/read.R", "data/x.csv"}, Software, []string{"R/read.R"}},
		{"Dockerfile", []string{"notes.md", "Dockerfile"}, Software, []string{"Dockerfile"}},
		// Nothing but the usual files: nothing says documents.
		{"README and LICENSE", []string{"README.md", "LICENSE", "CHANGELOG.md"}, Software, nil},
		{"empty", nil, Software, nil},
	}
	for _, tc := range cases {
		scope, code := Classify(tc.paths)
		if scope != tc.scope || !reflect.DeepEqual(code, tc.code) {
			t.Errorf("%s: Classify = %v %q, want %v %q", tc.name, scope, code, tc.scope, tc.code)
		}
	}
}

func TestDescribe(t *testing.T) {
	code := []string{"app.py"}
	cases := []struct {
		d     Declaration
		label string
		scope Scope
		lang  string
		want  string
	}{
		{Single("MIT"), "MIT", Software, "en", "MIT, authorised for public administrations' code"},
		{Single("CECILL-2.1"), Label("CECILL-2.1", Title{"CeCILL 2.1", "fr"}, "fr"), Software, "fr",
			"CECILL-2.1 (CeCILL 2.1, texte français), autorisée pour le code des administrations (avec réciprocité)"},
		{Single("etalab-2.0"), "etalab-2.0", Documents, "fr", "etalab-2.0, autorisée pour les documents et données des administrations"},
		{Single("etalab-2.0"), "etalab-2.0", Software, "en", "etalab-2.0 is on the list of article D.323-2-1 for documents and data, not for source code, and this repository holds code (app.py): put the code under a software licence of the list (e.g. MIT, Apache-2.0, EUPL-1.2), keep etalab-2.0 for the documents, and say in the README which applies to what"},
		{Single("CC-BY-NC-SA-4.0"), "CC-BY-NC-SA-4.0", Documents, "en", "CC-BY-NC-SA-4.0, not on the list of licences authorised for public administrations (CRPA art. D.323-2-1): its NonCommercial or NoDerivatives clause makes it no open licence at all"},
		{Single("ISC"), "ISC", Software, "fr", "ISC, absente de la liste des licences autorisées pour les administrations (article D. 323-2-1 du CRPA)"},
		{Declare("MIT OR Apache-2.0"), "MIT OR Apache-2.0", Software, "en", "MIT OR Apache-2.0, authorised for public administrations' code (Apache-2.0 on the list; MIT on the list)"},
		{Declare("MIT AND ISC"), "MIT AND ISC", Software, "fr", typo.French("MIT AND ISC, que les licences de la liste ne satisfont pas (article D. 323-2-1 du CRPA) : un OR en demande une, un AND toutes (ISC absente de la liste ; MIT sur la liste)")},
		{Single(""), "", Software, "en", "licence not recognised"},
	}
	for _, tc := range cases {
		if got := Describe(tc.d, tc.label, tc.scope, code, tc.lang); got != tc.want {
			t.Errorf("Describe(%q, %v, %s)\n got %s\nwant %s", tc.d.Text, tc.scope, tc.lang, got, tc.want)
		}
	}
}

// A manifest's licence value is untrusted input: reading and judging it
// never panics, and an expression's operands are always canonical ids.
func FuzzDeclare(f *testing.F) {
	for _, s := range []string{"MIT OR Apache-2.0", "(MIT AND ISC) OR EUPL-1.2", "GPL-3.0-or-later WITH Classpath-exception-2.0",
		"MIT/Apache-2.0", "((", "MIT OR", "Licence Ouverte", "LicenseRef-x AND DocumentRef-y:LicenseRef-z"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d := Declare(s)
		for _, scope := range []Scope{Software, Documents} {
			d.Allowed(scope)
			Describe(d, d.Name(), scope, nil, "fr")
		}
		for _, id := range d.Operands {
			if id == "" {
				t.Fatalf("Declare(%q): empty operand in %q", s, d.Operands)
			}
		}
		Agree([]Declaration{d, Single("MIT")})
	})
}
