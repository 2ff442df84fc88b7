package globset

import "testing"

// A "**" folder part matches no folder as well as several: a pattern for
// the files below a named folder takes that folder's own files.
func TestFolderWildcardMatchesNoFolder(t *testing.T) {
	s := New()
	id, err := s.Add("**/{formation*,training}/**/*.{md,pdf}")
	if err != nil {
		t.Fatal(err)
	}
	s.Freeze()
	m := s.NewMatcher()
	cases := []struct {
		path, dir, base string
		want            bool
	}{
		{"formation/support.pdf", "formation", "support.pdf", true},
		{"docs/formations-2024/support.pdf", "docs/formations-2024", "support.pdf", true},
		{"training/day1/slides.md", "training/day1", "slides.md", true},
		{"training/logo.png", "training", "logo.png", false},
		{"information/support.pdf", "information", "support.pdf", false},
	}
	for _, c := range cases {
		got := false
		m.Match(c.path, c.dir, c.base, func(i int) { got = got || i == id })
		if got != c.want {
			t.Errorf("%s: matched %v, want %v", c.path, got, c.want)
		}
	}
}
