package syserr

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/passation/passation/internal/frenchcheck"
)

// Real failures of the file system, said in French without the system's
// English; English keeps the system's sentence.
func TestReasons(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "f")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	_, notDir := os.Create(filepath.Join(file, "x"))
	_, missing := os.Open(filepath.Join(dir, "absent"))
	exists := os.Mkdir(file, 0o755)
	for _, c := range []struct {
		err  error
		want string
	}{
		{notDir, "ce n'est pas un dossier"},
		{missing, "fichier ou dossier introuvable"},
		{exists, "le fichier existe déjà"},
		{errors.New("strange failure"), "`strange failure`"},
	} {
		fr := Of(c.err).In("fr")
		if !strings.HasSuffix(fr, c.want) {
			t.Errorf("%v: French %q, want it to end with %q", c.err, fr, c.want)
		}
		if f := frenchcheck.Faults(fr); len(f) != 0 {
			t.Errorf("%q: %q", fr, f)
		}
		if en := Of(c.err).In("en"); en != c.err.Error() {
			t.Errorf("English %q, want the system's %q", en, c.err.Error())
		}
	}
}
