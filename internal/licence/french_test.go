package licence

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// testdata holds licence texts as French public bodies commit them: the
// CeCILL 2.1 and CeCILL-C French texts, the Licence Ouverte 2.0 (French,
// in Markdown), the Creative Commons BY-NC-SA 4.0 legal code.
func readTestdata(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestIdentifyFrenchTexts(t *testing.T) {
	cecill21 := string(readTestdata(t, "CECILL-2.1-fr.txt"))
	cecillC := string(readTestdata(t, "CECILL-C-fr.md"))
	lo2 := string(readTestdata(t, "etalab-2.0-fr.md"))
	cases := []struct {
		name  string
		text  string
		id    string
		title Title
	}{
		{"CeCILL 2.1", cecill21, "CECILL-2.1", Title{"CeCILL 2.1", "fr"}},
		{"CeCILL-C", cecillC, "CECILL-C", Title{"CeCILL-C 1.0", "fr"}},
		// CeCILL-B has the same articles as CeCILL-C; its title decides.
		{"CeCILL-B", strings.Replace(cecillC, "LOGICIEL LIBRE CeCILL-C", "LOGICIEL LIBRE CeCILL-B", 1), "CECILL-B", Title{"CeCILL-B 1.0", "fr"}},
		// The 2.0 text differs from 2.1 by its version line (and wording
		// the clauses do not depend on): named, and not on the list.
		{"CeCILL 2.0", strings.Replace(cecill21, "Version 2.1 du 2013-06-21", "Version 2.0 du 2006-09-05", 1), "CECILL-2.0", Title{"CeCILL 2.0", "fr"}},
		{"CeCILL 2.1 with CRLF", strings.ReplaceAll(cecill21, "\n", "\r\n"), "CECILL-2.1", Title{"CeCILL 2.1", "fr"}},
		{"Licence Ouverte 2.0", lo2, "etalab-2.0", Title{"Licence Ouverte 2.0", "fr"}},
		{"Licence Ouverte 1.0", strings.Replace(lo2, "une version 2.0 de la Licence", "une version 1.0 de la Licence", 1), "LicenseRef-etalab-1.0", Title{"Licence Ouverte 1.0", "fr"}},
		// The English translation, by its defined terms (an excerpt
		// written for this test, not the published translation).
		{"Open Licence 2.0", `OPEN LICENCE 2.0 / LICENCE OUVERTE 2.0

"REUSE" OF THE "INFORMATION" UNDER THIS LICENCE
The "Grantor" grants the "Reuser" the free, non-exclusive right to "Reuse" the "Information".
LIABILITY
APPLICABLE LEGISLATION
DEFINITIONS: "Derivative information" is any new information created from the "Information".
`, "etalab-2.0", Title{"Open Licence 2.0", "en"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := Identify([]byte(tc.text))
			if !reflect.DeepEqual(got.IDs, []string{tc.id}) || got.Titles[tc.id] != tc.title {
				t.Fatalf("Identify: %+v, want %s %+v", got, tc.id, tc.title)
			}
			if got.Coverage < 75 {
				t.Errorf("coverage %.0f%%, want most clauses found", got.Coverage)
			}
		})
	}
}

// What names a French licence without being one.
func TestIdentifyFrenchMentions(t *testing.T) {
	cecill21 := string(readTestdata(t, "CECILL-2.1-fr.txt"))
	for name, text := range map[string]string{
		"README line":        "## Licence\n\nCONTRAT DE LICENCE DE LOGICIEL LIBRE CeCILL, voir LICENSE.\n",
		"title and preamble": cecill21[:4000],
		"no version":         strings.Replace(cecill21, "Version 2.1 du 2013-06-21", "", 1),
		"open licence named": "Les données sont publiées sous Licence Ouverte / Open Licence 2.0 d'Etalab.\n",
	} {
		if got := Identify([]byte(text)); len(got.IDs) != 0 {
			t.Errorf("%s: identified as %v", name, got.IDs)
		}
	}
}

// The Creative Commons licences are named, so that a website under one is
// told what it is rather than "not recognised".
func TestIdentifyCreativeCommons(t *testing.T) {
	got := Identify(readTestdata(t, "CC-BY-NC-SA-4.0.txt"))
	if !reflect.DeepEqual(got.IDs, []string{"CC-BY-NC-SA-4.0"}) || got.Titles != nil {
		t.Fatalf("Identify: %+v", got)
	}
}

func TestFirstLine(t *testing.T) {
	for in, want := range map[string]string{
		"\n\n  # Licence  \nMIT\n": "Licence",
		"":                         "",
		strings.Repeat("é", 100):   strings.Repeat("é", 79) + "…",
	} {
		if got := firstLine([]byte(in)); got != want {
			t.Errorf("firstLine(%q) = %q, want %q", in, got, want)
		}
	}
}
