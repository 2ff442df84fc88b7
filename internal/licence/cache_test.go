package licence

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/passation/passation/internal/testrepo"
)

var mit = testrepo.MITLicence("2026 DINUM")

func TestIdentifyCached(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "cache")
	want := Identify([]byte(mit))
	if !reflect.DeepEqual(want.IDs, []string{"MIT"}) {
		t.Fatalf("Identify(MIT) = %+v", want)
	}
	if got := IdentifyCached([]byte(mit), dir); !reflect.DeepEqual(got, want) {
		t.Fatalf("first IdentifyCached = %+v, want %+v", got, want)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Fatalf("cache holds %d entries, want 1", len(entries))
	}
	// The answer comes from the cache: change it on disk and see it read.
	name := filepath.Join(dir, entries[0].Name())
	os.WriteFile(name, []byte("42\nApache License\nApache-2.0"), 0o644)
	if got := IdentifyCached([]byte(mit), dir); !reflect.DeepEqual(got, Identified{IDs: []string{"Apache-2.0"}, Coverage: 42, FirstLine: "Apache License"}) {
		t.Fatalf("cached answer not used: %+v", got)
	}
	// Another text has another key; a damaged entry is scanned again.
	os.WriteFile(name, []byte("not a number"), 0o644)
	if got := IdentifyCached([]byte(mit), dir); !reflect.DeepEqual(got, want) {
		t.Fatalf("damaged cache entry: %+v, want a fresh scan %+v", got, want)
	}
	if got := IdentifyCached([]byte("nothing to see"), dir); len(got.IDs) != 0 {
		t.Fatalf("plain text identified as %v", got.IDs)
	}
	// A cache that cannot be written is no error.
	ro := filepath.Join(t.TempDir(), "file")
	os.WriteFile(ro, nil, 0o644)
	if got := IdentifyCached([]byte(mit), filepath.Join(ro, "sub")); !reflect.DeepEqual(got, want) {
		t.Fatalf("unwritable cache: %+v", got)
	}
}

// A French text recognised by its clauses keeps its title and language
// through the cache.
func TestIdentifyCachedTitles(t *testing.T) {
	dir := t.TempDir()
	text := readTestdata(t, "CECILL-2.1-fr.txt")
	want := Identify(text)
	if want.Titles["CECILL-2.1"] != (Title{"CeCILL 2.1", "fr"}) {
		t.Fatalf("Identify: %+v", want)
	}
	IdentifyCached(text, dir)
	if got := IdentifyCached(text, dir); !reflect.DeepEqual(got, want) {
		t.Fatalf("from the cache %+v, want %+v", got, want)
	}
}
