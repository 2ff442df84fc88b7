package document

import (
	"bytes"
	"regexp"
	"strings"
)

// Org-mode documents (README.org is common in French public-sector
// repositories) mark headings with stars and code with #+BEGIN_SRC. They
// are rewritten line by line into the Markdown the parser reads, so that an
// Org README has sections like any other; lines keep their numbers.
var (
	orgHeading = regexp.MustCompile(`^(\*{1,6})[ \t]+(.*)$`)
	orgTitle   = regexp.MustCompile(`(?i)^#\+title:[ \t]*(.*)$`)
	orgBegin   = regexp.MustCompile(`(?i)^[ \t]*#\+begin_(src|example)\b[ \t]*([A-Za-z0-9_+-]*)`)
	orgEnd     = regexp.MustCompile(`(?i)^[ \t]*#\+end_(src|example)\b`)
	orgKeyword = regexp.MustCompile(`^[ \t]*#\+[A-Za-z_]+:`)
)

func isOrg(path string) bool { return strings.HasSuffix(strings.ToLower(path), ".org") }

// fromOrg returns the Markdown reading of an Org document.
func fromOrg(src []byte) []byte {
	var out bytes.Buffer
	out.Grow(len(src) + len(src)/16)
	inCode := false
	for line := range bytes.Lines(src) {
		text := strings.TrimRight(string(line), "\r\n")
		switch {
		case inCode:
			if orgEnd.MatchString(text) {
				inCode = false
				text = "```"
			}
		case orgBegin.MatchString(text):
			inCode = true
			text = "```" + orgBegin.FindStringSubmatch(text)[2]
		case orgTitle.MatchString(text):
			text = "# " + orgTitle.FindStringSubmatch(text)[1]
		case orgHeading.MatchString(text):
			m := orgHeading.FindStringSubmatch(text)
			// One level down: "* Usage" is a section under the #+TITLE.
			text = strings.Repeat("#", min(len(m[1])+1, 6)) + " " + m[2]
		case orgKeyword.MatchString(text):
			text = "" // #+OPTIONS:, #+AUTHOR: — settings, not text
		}
		out.WriteString(text)
		out.WriteByte('\n')
	}
	return out.Bytes()
}
