package document

import "testing"

// The introduction is measured on the prose a reader reads: badges, image
// captions, HTML tags and menus of links say nothing of the project, a list
// of features written out does.
func TestLeadWords(t *testing.T) {
	cases := []struct {
		name, src string
		want      int
	}{
		{"badges and links", "# Tool\n\n[![Build status](https://ci/badge.svg)](https://ci)\n\nA sample tool.\n\n- [Documentation](https://doc)\n- [Demo server](https://demo)\n", 3},
		{"html logo", "# Tool\n\n<p align=\"center\"><img src=\"logo.png\" alt=\"The tool logo\"></p>\n\nA sample tool.\n", 3},
		{"features", "# Tool\n\nThe tool lets agents:\n\n- file a request for a parcel survey\n- follow its progress in [the dashboard](https://x)\n", 17},
	}
	for _, c := range cases {
		if got := Parse("README.md", []byte(c.src)).IntroWords; got != c.want {
			t.Errorf("%s: %d words, want %d", c.name, got, c.want)
		}
	}
}
