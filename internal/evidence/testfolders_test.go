package evidence

import "testing"

// A test suite's folder, however it is named, holds the tests' notes.
func TestTestFolders(t *testing.T) {
	for p, want := range map[string]bool{
		"e2e/README.md": true, "tests_watai/Readme.md": true, "front/e2e-tests/README.md": true,
		"api/tests/README.md": true, "latest/README.md": false, "contest/README.md": false, "docs/README.md": false,
	} {
		if got := inTestFolder(p); got != want {
			t.Errorf("%s: in a test folder %v, want %v", p, got, want)
		}
	}
}
