package manifest

import (
	"reflect"
	"strings"
	"testing"
	"time"
)

// samples are one manifest of each type, as projects write them.
var samples = map[string]string{
	"package.json": `{
  "name": "signal-eau",
  "license": "MIT",
  "homepage": "https://signal-eau.example.gouv.fr/docs",
  "author": {"name": "Équipe Signal'Eau", "email": "signal-eau@example.gouv.fr"},
  "maintainers": ["Léa Martin <lea.martin@example.fr>"],
  "contributors": [{"email": "karim@example.fr"}, "Inès Roussel"]
}
`,
	"composer.json": `{
    "name": "prefecture/rendez-vous",
    "license": ["EUPL-1.2", "MIT"],
    "authors": [{"name": "Nadia Benali", "role": "Développeuse"}]
}
`,
	"pyproject.toml": `[project]
name = "anonymiseur"
license = {text = "MIT"}
authors = [{ name = "Open-data team", email = "open-data@example.gouv.fr" }]
maintainers = [{ email = "thomas.girard@example.gouv.fr" }]

[project.urls]
Homepage = "https://anonymiseur.example.gouv.fr"
Documentation = "https://anonymiseur.example.gouv.fr/docs"
`,
	"setup.py": `from setuptools import setup

setup(
    name="budget-vert",
    author="Budget directorate data lab",
    maintainer_email='datalab@example.gouv.fr',
    license="BSD-3-Clause",
)
`,
	"setup.cfg": `[metadata]
name = detecteur-piscines
author = Mission data
maintainer = Claire Fontaine
license = CECILL-2.1
`,
	"Cargo.toml": `[package]
name = "geocodeur"
authors = ["Address base team <adresse@example.gouv.fr>"]
license = "Apache-2.0"
documentation = "https://docs.example.gouv.fr/geocodeur"
`,
	"pom.xml": `<?xml version="1.0" encoding="UTF-8"?>
<project>
  <licenses>
    <license><name>Apache License, Version 2.0</name></license>
  </licenses>
  <developers>
    <developer><name>Antoine Leroy</name><email>antoine.leroy@example.gouv.fr</email></developer>
  </developers>
</project>
`,
	"DESCRIPTION": `Package: indicateursQPV
Authors@R: c(
    person("Marion", "Dubois", role = c("aut", "cre")))
Maintainer: Marion Dubois <marion.dubois@example.gouv.fr>
License: GPL (>= 3)
`,
	"CITATION.cff": `cff-version: 1.2.0
title: Pollen forecast
authors:
  - family-names: Durand
    given-names: Élise
  - name: National pollen network
license: MIT
`,
	"publiccode.yml": `publiccodeYmlVersion: "0.4"
name: Guichet Jeunes
roadmap: "https://guichet-jeunes.example.gouv.fr/feuille-de-route"
description:
  fr:
    documentation: "https://doc.guichet-jeunes.example.gouv.fr"
    apiDocumentation: "https://api.guichet-jeunes.example.gouv.fr/docs"
legal:
  license: EUPL-1.2
maintenance:
  type: "contract"
  contractors:
    - name: "Coopérative Numérique Ouverte"
      until: "2025-12-31"
  contacts:
    - name: Aurélie Caron
      email: aurelie.caron@example.gouv.fr
`,
}

func TestParse(t *testing.T) {
	want := map[string]Facts{
		"package.json": {
			People: []Fact{{"author", "Équipe Signal'Eau <signal-eau@example.gouv.fr>", 5}, {"maintainers", "Léa Martin <lea.martin@example.fr>", 6},
				{"contributors", "karim@example.fr", 7}, {"contributors", "Inès Roussel", 7}},
			Licences:      []Fact{{"license", "MIT", 3}},
			Documentation: []Fact{{"homepage", "https://signal-eau.example.gouv.fr/docs", 4}},
		},
		"composer.json": {
			People:   []Fact{{"authors", "Nadia Benali", 4}},
			Licences: []Fact{{"license", "EUPL-1.2", 3}, {"license", "MIT", 3}},
		},
		"pyproject.toml": {
			People:        []Fact{{"authors", "Open-data team <open-data@example.gouv.fr>", 4}, {"maintainers", "thomas.girard@example.gouv.fr", 5}},
			Licences:      []Fact{{"license", "MIT", 3}},
			Documentation: []Fact{{"urls.Documentation", "https://anonymiseur.example.gouv.fr/docs", 9}},
		},
		"setup.py": {
			People:   []Fact{{"author", "Budget directorate data lab", 5}, {"maintainer_email", "datalab@example.gouv.fr", 6}},
			Licences: []Fact{{"license", "BSD-3-Clause", 7}},
		},
		"setup.cfg": {
			People:   []Fact{{"author", "Mission data", 3}, {"maintainer", "Claire Fontaine", 4}},
			Licences: []Fact{{"license", "CECILL-2.1", 5}},
		},
		"Cargo.toml": {
			People:        []Fact{{"authors", "Address base team <adresse@example.gouv.fr>", 3}},
			Licences:      []Fact{{"license", "Apache-2.0", 4}},
			Documentation: []Fact{{"documentation", "https://docs.example.gouv.fr/geocodeur", 5}},
		},
		"pom.xml": {
			People:   []Fact{{"developers", "Antoine Leroy antoine.leroy@example.gouv.fr", 6}},
			Licences: []Fact{{"licenses", "Apache License, Version 2.0", 3}},
		},
		"DESCRIPTION": {
			People: []Fact{{"Authors@R", `c( person("Marion", "Dubois", role = c("aut", "cre")))`, 2},
				{"Maintainer", "Marion Dubois <marion.dubois@example.gouv.fr>", 4}},
			Licences: []Fact{{"License", "GPL (>= 3)", 5}},
		},
		"CITATION.cff": {
			People:   []Fact{{"authors", "Élise Durand", 3}, {"authors", "National pollen network", 3}},
			Licences: []Fact{{"license", "MIT", 7}},
		},
		"publiccode.yml": {
			People: []Fact{{"maintenance.contacts", "Aurélie Caron aurelie.caron@example.gouv.fr", 15},
				{"maintenance.contractors", "Coopérative Numérique Ouverte", 12}},
			Licences: []Fact{{"legal.license", "EUPL-1.2", 9}},
			Documentation: []Fact{{"description.fr.documentation", "https://doc.guichet-jeunes.example.gouv.fr", 6},
				{"description.fr.apiDocumentation", "https://api.guichet-jeunes.example.gouv.fr/docs", 7}},
			Roadmap:     []Fact{{"roadmap", "https://guichet-jeunes.example.gouv.fr/feuille-de-route", 3}},
			Maintenance: []Fact{{"maintenance.type", "contract", 11}},
			Contractors: []Fact{{"maintenance.contractors", "Coopérative Numérique Ouverte\t2025-12-31", 12}},
		},
	}
	for name, text := range samples {
		t.Run(name, func(t *testing.T) {
			got, err := Parse("sub/"+name, []byte(text))
			if err != nil {
				t.Fatal(err)
			}
			if w := want[name]; !reflect.DeepEqual(*got, w) {
				t.Errorf("got  %+v\nwant %+v", *got, w)
			}
		})
	}
	if len(want) != len(Names)-1 { // publiccode.yml and .yaml share a sample
		t.Errorf("%d manifest types tested, %d read", len(want), len(Names)-1)
	}
}

func TestNamesAnyCase(t *testing.T) {
	for _, p := range []string{"package.json", "front/Package.JSON", "Cargo.toml", "cargo.toml", "DESCRIPTION", "publiccode.yaml", "CITATION.cff"} {
		if !Known(p) {
			t.Errorf("Known(%q) = false", p)
		}
	}
	for _, p := range []string{"package-lock.json", "README.md", "description.md", "pyproject.toml.bak"} {
		if Known(p) {
			t.Errorf("Known(%q) = true", p)
		}
	}
	f, err := Parse("README.md", []byte("# not a manifest"))
	if err != nil || !reflect.DeepEqual(*f, Facts{}) {
		t.Errorf("an unknown file gave %+v, %v; want no facts and no error", f, err)
	}
	f, err = Parse("x/PublicCode.YAML", []byte(samples["publiccode.yml"]))
	if err != nil || len(f.Licences) != 1 {
		t.Errorf("publiccode.yaml in capitals: %+v, %v", f, err)
	}
}

// A malformed manifest gives an error that names its file and, where the
// decoder knows it, the line.
func TestParseMalformed(t *testing.T) {
	cases := []struct{ name, text, want string }{
		{"package.json", "{\n  \"name\": \"x\",\n  \"license\": \"MIT\",\n}\n", "front/package.json:4: invalid JSON"},
		{"composer.json", "{\"name\": \"x\"", "front/composer.json:1: invalid JSON"},
		{"package.json", "", "front/package.json:1: invalid JSON"},
		{"pyproject.toml", "[project]\nname = \"x\"\nauthors = [\"a\"\nlicense = \"MIT\"\n", "front/pyproject.toml:4: invalid TOML"},
		{"Cargo.toml", "[package\nname = \"x\"\n", "front/Cargo.toml:1: invalid TOML"},
		{"pom.xml", "<project>\n<licenses>\n</project>\n", "front/pom.xml: invalid XML: XML syntax error on line 3"},
		{"CITATION.cff", "authors:\n  - name: [unclosed\n", "front/CITATION.cff:2:11: invalid YAML"},
		{"CITATION.cff", "title: x\nauthors: 3\n", "front/CITATION.cff: invalid YAML: yaml: unmarshal errors:\n  line 2"},
		{"publiccode.yml", "legal:\n  license: EUPL-1.2\n\tmaintenance: {}\n", "front/publiccode.yml:3:1: invalid YAML"},
	}
	for _, tc := range cases {
		_, err := Parse("front/"+tc.name, []byte(tc.text))
		if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("%s %q: error %v, want it to start with %q", tc.name, tc.text, err, tc.want)
		}
	}
	// Read as text, never run or parsed: these cannot be malformed.
	for _, name := range []string{"setup.py", "setup.cfg", "DESCRIPTION"} {
		if _, err := Parse(name, []byte("\x00\xff{{{ (((\n")); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// Generated manifests nobody filled in name nobody and no licence; a
// licence field that only points at the licence file names no licence
// either: the file says which one it is.
func TestPlaceholdersIgnored(t *testing.T) {
	cases := map[string]string{
		"package.json":   `{"author": "", "license": "UNLICENSED", "contributors": ["TODO"], "maintainers": [{"name": "<your name>"}]}`,
		"composer.json":  `{"license": "proprietary", "authors": [{"name": "{{ author }}"}]}`,
		"pyproject.toml": "[project]\nlicense = {file = \"LICENSE\"}\nauthors = [{name = \"Author\"}, {name = \"Your Name\", email = \"you@example.com\"}]\n",
		"setup.cfg":      "[metadata]\nauthor = TODO\nlicense = {{ license }}\n",
		"setup.py":       "setup(author='xxx', license='UNKNOWN')\n",
		"DESCRIPTION":    "Package: x\nAuthor: TBD\nLicense: file LICENSE\n",
		"publiccode.yml": "legal:\n  license: \"TODO\"\nroadmap: \"à venir\"\ndescription:\n  fr:\n    documentation: \"TODO\"\nmaintenance:\n  contacts:\n    - name: \"<your name>\"\n",
	}
	for name, text := range cases {
		f, err := Parse(name, []byte(text))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(f.People)+len(f.Licences)+len(f.Documentation)+len(f.Roadmap) > 0 {
			t.Errorf("%s: placeholders kept: %+v", name, *f)
		}
	}
	f, err := Parse("package.json", []byte(`{"license": "SEE LICENSE IN LICENSE.md"}`))
	if err != nil || len(f.Licences) != 0 {
		t.Errorf("npm's pointer to the licence file kept as a licence: %+v, %v", f, err)
	}
	// "MIT + file LICENSE" names MIT: it is kept.
	f, err = Parse("DESCRIPTION", []byte("License: MIT + file LICENSE\n"))
	if err != nil || len(f.Licences) != 1 || f.Licences[0].Value != "MIT + file LICENSE" {
		t.Errorf("R's MIT + file LICENSE: %+v, %v", f, err)
	}
}

// A DESCRIPTION of one field continued over a megabyte of lines (what a
// capped read hands over) is read in linear time: it took a minute when
// each continuation line was added to a growing string.
func TestLongContinuedFieldIsLinear(t *testing.T) {
	data := []byte("Author: Équipe\n" + strings.Repeat(" et une autre personne encore\n", 1<<20/30))
	start := time.Now()
	f, err := Parse("DESCRIPTION", data)
	if err != nil || len(f.People) != 1 || !strings.HasSuffix(f.People[0].Value, "personne encore") {
		t.Fatalf("got %d people, %v", len(f.People), err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Fatalf("a 1 MiB DESCRIPTION took %v", d)
	}
}

// A manifest listing tens of thousands of people is read in linear time:
// each name looked its key's line up in the whole file before.
func TestManyPeopleIsLinear(t *testing.T) {
	n := (1 << 20) / 14
	data := []byte("{\n  \"contributors\": [" + strings.Repeat(`"Jean Dupont",`, n) + "\"Léa Martin\"]\n}\n")
	start := time.Now()
	f, err := Parse("package.json", data)
	if err != nil || len(f.People) != n+1 || f.People[n].Line != 2 {
		t.Fatalf("got %d people, %v", len(f.People), err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Fatalf("a 1 MiB package.json took %v", d)
	}
}
