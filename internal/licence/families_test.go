package licence

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// The scanner of the families a text names reads every licence text of the
// fixtures as the whole catalogue does: same matches, same coverage.
func TestFamilyScannerAgreesWithCatalogue(t *testing.T) {
	full, err := scanner()
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob("../../testdata/detection/*/*")
	read := 0
	for _, f := range files {
		base := strings.ToLower(filepath.Base(f))
		if !strings.HasPrefix(base, "licen") && !strings.HasPrefix(base, "copying") {
			continue
		}
		text, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		read++
		got, err := scan(text)
		if err != nil {
			t.Fatal(err)
		}
		if want := full.Scan(text); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: families %v read %+v, the catalogue %+v", f, familiesOf(text), got, want)
		}
	}
	if read < 10 {
		t.Fatalf("read %d licence texts among the fixtures, want at least 10", read)
	}
}

// A text that names no family, or that its families cover badly, is read
// by the whole catalogue.
func TestFamiliesOf(t *testing.T) {
	for text, want := range map[string]string{
		"GNU AFFERO GENERAL PUBLIC LICENSE Version 3":          "GNU",
		"Licence CeCILL version 2.1, see also the MIT License": "CECILL,MIT",
		"All rights reserved.":                                 "",
	} {
		if got := strings.Join(familiesOf([]byte(text)), ","); got != want {
			t.Errorf("%q: families %q, want %q", text, got, want)
		}
	}
}
