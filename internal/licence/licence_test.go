package licence

import (
	"reflect"
	"strings"
	"testing"

	"github.com/passation/passation/internal/testrepo"
)

func TestCanonical(t *testing.T) {
	cases := map[string]string{
		// SPDX ids, and their -only / -or-later / + forms.
		"MIT": "MIT", "mit": "MIT", "Apache-2.0": "Apache-2.0", "BSD-2-Clause": "BSD-2-Clause",
		"BSD-3-Clause": "BSD-3-Clause", "GPL-3.0-only": "GPL-3.0", "GPL-3.0-or-later": "GPL-3.0",
		"GPL-3.0+": "GPL-3.0", "LGPL-3.0-or-later": "LGPL-3.0", "AGPL-3.0-only": "AGPL-3.0",
		"MPL-2.0": "MPL-2.0", "EPL-2.0": "EPL-2.0", "EUPL-1.2": "EUPL-1.2", "CECILL-2.1": "CECILL-2.1",
		"CECILL-B": "CECILL-B", "CECILL-C": "CECILL-C", "etalab-2.0": "etalab-2.0",
		// How package.json, setup.py and friends spell them.
		"MIT License": "MIT", "MIT Licence": "MIT", "Licence MIT": "MIT", "Expat": "MIT",
		"Apache 2": "Apache-2.0", "Apache 2.0": "Apache-2.0", "ASL 2.0": "Apache-2.0",
		"BSD": "BSD-3-Clause", "New BSD": "BSD-3-Clause", "Simplified BSD": "BSD-2-Clause", "BSD-2": "BSD-2-Clause",
		"GPLv3": "GPL-3.0", "GPL-3": "GPL-3.0", "GNU GPL v3": "GPL-3.0", "AGPLv3": "AGPL-3.0", "LGPLv3": "LGPL-3.0",
		"EUPL v1.2": "EUPL-1.2", "EUPL 1.2": "EUPL-1.2", "CeCILL": "CECILL-2.1", "CeCILL v2.1": "CECILL-2.1",
		"CeCILL-B": "CECILL-B", "cecill_c": "CECILL-C",
		// R's DESCRIPTION.
		"GPL (>= 3)": "GPL-3.0", "MIT + file LICENSE": "MIT", "MIT + file LICENCE": "MIT",
		// Maven's <license><name>, with the licence's full name.
		"Apache License, Version 2.0": "Apache-2.0", "The Apache Software License, Version 2.0": "Apache-2.0",
		"GNU General Public License v3.0": "GPL-3.0", "GNU General Public License, version 3": "GPL-3.0",
		"GNU Affero General Public License v3.0": "AGPL-3.0", "GNU Lesser General Public License v3.0": "LGPL-3.0",
		"Mozilla Public License 2.0": "MPL-2.0", "Eclipse Public License 2.0": "EPL-2.0",
		"European Union Public Licence 1.2": "EUPL-1.2", "European Union Public License v. 1.2": "EUPL-1.2",
		// The French open licence, by its French name (its "V" is no version).
		"Licence Ouverte": "etalab-2.0", "Licence Ouverte 2.0": "etalab-2.0", "Licence Ouverte / Open Licence": "etalab-2.0",
		"Licence Ouverte 1.0": "LicenseRef-etalab-1.0", "ODbL": "ODbL-1.0", "Open Database License 1.0": "ODbL-1.0",
		// Licences off the list keep their SPDX id, so that they can be named.
		"ISC": "ISC", "LGPL-2.1": "LGPL-2.1", "GPL-2.0-only": "GPL-2.0", "WTFPL": "WTFPL",
		// What cannot be read.
		"": "", "see LICENSE file": "", "file LICENSE": "", "Tous droits réservés": "",
	}
	for in, want := range cases {
		if got := Canonical(in); got != want {
			t.Errorf("Canonical(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCheck(t *testing.T) {
	cases := map[string]Status{
		"MIT": Authorised, "Apache-2.0": Authorised, "BSD-2-Clause": Authorised, "BSD-3-Clause": Authorised,
		"CECILL-B": Authorised, "CECILL-2.1": Reciprocal, "CECILL-C": Reciprocal, "GPL-3.0": Reciprocal,
		"LGPL-3.0": Reciprocal, "AGPL-3.0": Reciprocal, "MPL-2.0": Reciprocal, "EPL-2.0": Reciprocal,
		"EUPL-1.2": Reciprocal, "ISC": NotOnTheList, "GPL-2.0": NotOnTheList, "etalab-2.0": ForData,
		"ODbL-1.0": ForData, "CC-BY-4.0": NotOnTheList, "LicenseRef-etalab-1.0": NotOnTheList,
		"Unlicense": NotOnTheList, "": Unknown,
	}
	for id, want := range cases {
		if got := Check(id); got != want {
			t.Errorf("Check(%q) = %v, want %v", id, got, want)
		}
	}
	// The list of article D.323-2-1, by its canonical ids: nothing more.
	software, data := 0, 0
	for _, s := range family {
		switch s {
		case Authorised, Reciprocal:
			software++
		case ForData:
			data++
		}
	}
	if software != 13 || data != 2 {
		t.Errorf("%d software and %d data licences on the list, want the 13 and 2 of article D.323-2-1", software, data)
	}
}

// The full texts, as the licences are published (the copyright lines are
// this project's own).
const (
	iscText = `ISC License

Copyright (c) 2023, Agence nationale des fréquences

Permission to use, copy, modify, and/or distribute this software for any
purpose with or without fee is hereby granted, provided that the above
copyright notice and this permission notice appear in all copies.

THE SOFTWARE IS PROVIDED "AS IS" AND THE AUTHOR DISCLAIMS ALL WARRANTIES
WITH REGARD TO THIS SOFTWARE INCLUDING ALL IMPLIED WARRANTIES OF
MERCHANTABILITY AND FITNESS. IN NO EVENT SHALL THE AUTHOR BE LIABLE FOR
ANY SPECIAL, DIRECT, INDIRECT, OR CONSEQUENTIAL DAMAGES OR ANY DAMAGES
WHATSOEVER RESULTING FROM LOSS OF USE, DATA OR PROFITS, WHETHER IN AN
ACTION OF CONTRACT, NEGLIGENCE OR OTHER TORTIOUS ACTION, ARISING OUT OF
OR IN CONNECTION WITH THE USE OR PERFORMANCE OF THIS SOFTWARE.
`
	bsdIntro = `BSD %s License

Copyright (c) 2022, Institut national de l'information géographique et forestière
All rights reserved.

Redistribution and use in source and binary forms, with or without
modification, are permitted provided that the following conditions are met:

1. Redistributions of source code must retain the above copyright notice, this
   list of conditions and the following disclaimer.

2. Redistributions in binary form must reproduce the above copyright notice,
   this list of conditions and the following disclaimer in the documentation
   and/or other materials provided with the distribution.
`
	bsdThird = `
3. Neither the name of the copyright holder nor the names of its
   contributors may be used to endorse or promote products derived from
   this software without specific prior written permission.
`
	bsdWarranty = `
THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS"
AND ANY EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE
IMPLIED WARRANTIES OF MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE ARE
DISCLAIMED. IN NO EVENT SHALL THE COPYRIGHT HOLDER OR CONTRIBUTORS BE LIABLE
FOR ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR CONSEQUENTIAL
DAMAGES (INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF SUBSTITUTE GOODS OR
SERVICES; LOSS OF USE, DATA, OR PROFITS; OR BUSINESS INTERRUPTION) HOWEVER
CAUSED AND ON ANY THEORY OF LIABILITY, WHETHER IN CONTRACT, STRICT LIABILITY,
OR TORT (INCLUDING NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY OUT OF THE USE
OF THIS SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.
`
)

// mitText is the whole MIT licence, as published.
var mitText = testrepo.MITLicence("2024 Direction interministérielle du numérique")

func TestIdentify(t *testing.T) {
	bsd2 := strings.Replace(bsdIntro, "%s", "2-Clause", 1) + bsdWarranty
	bsd3 := strings.Replace(bsdIntro, "%s", "3-Clause", 1) + bsdThird + bsdWarranty
	cases := []struct {
		name string
		text string
		want []string
	}{
		{"MIT", mitText, []string{"MIT"}},
		{"ISC", iscText, []string{"ISC"}},
		{"BSD-2-Clause", bsd2, []string{"BSD-2-Clause"}},
		{"BSD-3-Clause", bsd3, []string{"BSD-3-Clause"}},
		// Windows line endings and a README-style heading change nothing.
		{"MIT with CRLF", "# Licence\r\n\r\n" + strings.ReplaceAll(mitText, "\n", "\r\n"), []string{"MIT"}},
		// Two licences in one file: both named, sorted.
		{"MIT and ISC", mitText + "\n---\n\n" + iscText, []string{"ISC", "MIT"}},
		// The title of the French open licence without its clauses is a
		// mention, not the licence (testdata has the whole text).
		{"Licence Ouverte title only", "LICENCE OUVERTE / OPEN LICENCE\n\nVersion 2.0 — Avril 2017\n\nEtalab\n", nil},
		// Prose that names a licence is no licence text.
		{"mention only", "Ce projet est distribué sous licence MIT, voir le site de l'Open Source Initiative.\n", nil},
		{"all rights reserved", "Copyright (c) 2024 Ministère de l'Intérieur. Tous droits réservés.\n", nil},
		{"empty", "", nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := Identify([]byte(tc.text))
			if !reflect.DeepEqual(got.IDs, tc.want) {
				t.Fatalf("Identify: IDs %q, want %q (coverage %.1f%%)", got.IDs, tc.want, got.Coverage)
			}
			if tc.want != nil && got.Coverage < 75 {
				t.Errorf("coverage %.1f%% of a licence text, want most of it", got.Coverage)
			}
		})
	}
}
