package manifest

import (
	"reflect"
	"testing"
)

// R's DESCRIPTION conventions (Writing R Extensions, "Licensing"), read as
// the SPDX a person would write.
func TestSPDXDescription(t *testing.T) {
	cases := map[string]string{
		"GPL-3": "GPL-3.0-only", "GPL-2": "GPL-2.0-only", "GPL (>= 2)": "GPL-2.0-or-later",
		"GPL (>= 3)": "GPL-3.0-or-later", "GPL(>=3)": "GPL-3.0-or-later", "LGPL-3": "LGPL-3.0-only",
		"LGPL (>= 2.1)": "LGPL-2.1-or-later", "AGPL-3": "AGPL-3.0-only", "AGPL (>= 3)": "AGPL-3.0-or-later",
		"MIT + file LICENSE": "MIT", "MIT + file LICENCE": "MIT", "BSD_3_clause + file LICENSE": "BSD-3-Clause",
		"BSD_2_clause + file LICENSE": "BSD-2-Clause", "Apache License 2.0": "Apache-2.0",
		"Apache License (== 2.0)": "Apache-2.0", "CeCILL (>= 2.1)": "CECILL-2.1", "CeCILL": "CECILL-2.1",
		"CeCILL-2": "CECILL-2.0", "CeCILL (>= 2)": "CECILL-2.0 OR CECILL-2.1", "EUPL-1.2": "EUPL-1.2",
		"EUPL (>= 1.2)": "EUPL-1.2", "MPL-2.0": "MPL-2.0", "CC0": "CC0-1.0", "CC BY 4.0": "CC-BY-4.0",
		"CC BY-SA 4.0": "CC-BY-SA-4.0",
		// Alternatives are an OR; a "file LICENSE" alternative points at the file.
		"GPL-2 | GPL-3": "GPL-2.0-only OR GPL-3.0-only", "GPL (>= 2) | file LICENSE": "GPL-2.0-or-later",
		"file LICENSE": "",
		// What R does not define stays as written.
		"Unlimited": "Unlimited",
	}
	for in, want := range cases {
		if got := SPDX("DESCRIPTION", Fact{Key: "License", Value: in}); got != want {
			t.Errorf("SPDX(DESCRIPTION %q) = %q, want %q", in, got, want)
		}
	}
	// Elsewhere, the value is left to the licence package.
	if got := SPDX("package.json", Fact{Key: "license", Value: "GPL-3"}); got != "GPL-3" {
		t.Errorf("package.json: %q", got)
	}
}

func TestSPDXClassifiers(t *testing.T) {
	cases := map[string]string{
		"License :: OSI Approved :: MIT License":                                                     "MIT",
		"License :: OSI Approved :: Apache Software License":                                         "Apache-2.0",
		"License :: OSI Approved :: GNU Affero General Public License v3 or later (AGPLv3+)":         "AGPL-3.0-or-later",
		"License :: OSI Approved :: GNU Affero General Public License v3":                            "AGPL-3.0-only",
		"License :: OSI Approved :: GNU General Public License v3 (GPLv3)":                           "GPL-3.0-only",
		"License :: OSI Approved :: GNU General Public License v3 or later (GPLv3+)":                 "GPL-3.0-or-later",
		"License :: OSI Approved :: GNU Lesser General Public License v3 or later (LGPLv3+)":         "LGPL-3.0-or-later",
		"License :: OSI Approved :: GNU General Public License v2 (GPLv2)":                           "GPL-2.0-only",
		"License :: OSI Approved :: Mozilla Public License 2.0 (MPL 2.0)":                            "MPL-2.0",
		"License :: OSI Approved :: European Union Public Licence 1.2 (EUPL 1.2)":                    "EUPL-1.2",
		"License :: OSI Approved :: Eclipse Public License 2.0 (EPL-2.0)":                            "EPL-2.0",
		"License :: OSI Approved :: CEA CNRS Inria Logiciel Libre License, version 2.1 (CeCILL-2.1)": "CECILL-2.1",
		"License :: CeCILL-B Free Software License Agreement (CECILL-B)":                             "CECILL-B",
		"License :: CeCILL-C Free Software License Agreement (CECILL-C)":                             "CECILL-C",
		"License :: OSI Approved :: ISC License (ISCL)":                                              "ISC",
		// Classifiers that name no one licence: the licence file decides.
		"License :: OSI Approved :: BSD License":                      "",
		"License :: OSI Approved :: GNU General Public License (GPL)": "",
		"License :: Other/Proprietary License":                        "",
	}
	for in, want := range cases {
		if got := SPDX("pyproject.toml", Fact{Key: "classifiers", Value: in}); got != want {
			t.Errorf("SPDX(%q) = %q, want %q", in, got, want)
		}
	}
}

// Licence classifiers are read from pyproject.toml, setup.cfg and setup.py,
// at their line; other classifiers, and licence classifiers that name no
// one licence, are not licences.
func TestParseClassifiers(t *testing.T) {
	files := map[string]string{
		"pyproject.toml": `[project]
name = "anonymiseur"
classifiers = [
    "Programming Language :: Python :: 3",
    "License :: OSI Approved :: GNU Affero General Public License v3 or later (AGPLv3+)",
    "License :: OSI Approved :: BSD License",
]
`,
		"setup.cfg": `[metadata]
name = anonymiseur
classifiers =
    Programming Language :: Python :: 3
    License :: OSI Approved :: GNU Affero General Public License v3 or later (AGPLv3+)
`,
		"setup.py": `from setuptools import setup

setup(
    name="anonymiseur",
    classifiers=[
        "Programming Language :: Python :: 3",
        "License :: OSI Approved :: GNU Affero General Public License v3 or later (AGPLv3+)",
    ],
)
`,
	}
	want := map[string][]Fact{
		"pyproject.toml": {{"classifiers", "License :: OSI Approved :: GNU Affero General Public License v3 or later (AGPLv3+)", 5}},
		"setup.cfg":      {{"classifiers", "License :: OSI Approved :: GNU Affero General Public License v3 or later (AGPLv3+)", 5}},
		"setup.py":       {{"classifiers", "License :: OSI Approved :: GNU Affero General Public License v3 or later (AGPLv3+)", 7}},
	}
	for name, text := range files {
		f, err := Parse(name, []byte(text))
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(f.Licences, want[name]) {
			t.Errorf("%s: licences %+v, want %+v", name, f.Licences, want[name])
		}
	}
}

func TestOfProject(t *testing.T) {
	cases := map[string]bool{
		"package.json": true, "backend/pyproject.toml": true, "packages/api/package.json": true,
		"ci/package.json": false, ".github/actions/lint/package.json": false, "scripts/package.json": false,
		"docs/package.json": false, "examples/demo/Cargo.toml": false, "tools/gen/go.mod": false,
	}
	for p, want := range cases {
		if got := OfProject(p); got != want {
			t.Errorf("OfProject(%q) = %v, want %v", p, got, want)
		}
	}
}
