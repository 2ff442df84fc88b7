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

// Folders that share a matcher share what a file name matched, but a
// whole-path pattern is still tried on each path, and a folder pattern's
// brace alternatives each admit their own folders.
func TestSharedMatchersKeepEachPath(t *testing.T) {
	s := New()
	name, _ := s.Add("**/*manuel*")
	full, _ := s.Add("**/changelog*.{md,txt}")
	docs, _ := s.Add("**/{docs,guides}/*.md")
	s.Freeze()
	m := s.NewMatcher()
	cases := []struct {
		path, dir, base string
		want            []int
	}{
		{"a/manuel.md", "a", "manuel.md", []int{name}},
		{"b/manuel.md", "b", "manuel.md", []int{name}},
		{"b/changelog.md", "b", "changelog.md", []int{full}},
		{"c/notes.md", "c", "notes.md", nil},
		{"c/guides/notes.md", "c/guides", "notes.md", []int{docs}},
		{"x/docs/manuel.md", "x/docs", "manuel.md", []int{name, docs}},
		{"x/doc/notes.md", "x/doc", "notes.md", nil},
	}
	for _, c := range cases {
		var got []int
		m.Match(c.path, c.dir, c.base, func(i int) { got = append(got, i) })
		if len(got) != len(c.want) {
			t.Errorf("%s: matched %v, want %v", c.path, got, c.want)
			continue
		}
		for _, w := range c.want {
			found := false
			for _, g := range got {
				found = found || g == w
			}
			if !found {
				t.Errorf("%s: matched %v, want %v", c.path, got, c.want)
			}
		}
	}
}
