package document

import (
	"bytes"
	"strings"
)

// reStructuredText titles are a line of text underlined (and optionally
// overlined) by a punctuation character, "Quickstart\n##########"; their
// level is the order in which each style first appears. Markdown only knows
// "=" and "-" underlines, so a .rst document is rewritten into Markdown
// headings before parsing, line for line, with image directives as images
// and other directives and comments left out.

func isRST(path string) bool { return strings.HasSuffix(strings.ToLower(path), ".rst") }

// adornment reports a line made of one punctuation character repeated, the
// mark of an rST title, and that character.
func adornment(line string) (byte, bool) {
	line = strings.TrimRight(line, " \t")
	if len(line) < 3 || !strings.ContainsRune("=-`:'\"~^_*+#<>.", rune(line[0])) {
		return 0, false
	}
	for i := 1; i < len(line); i++ {
		if line[i] != line[0] {
			return 0, false
		}
	}
	return line[0], true
}

// fromRST returns the Markdown reading of an rST document.
func fromRST(src []byte) []byte {
	lines := strings.Split(strings.ReplaceAll(string(src), "\r\n", "\n"), "\n")
	levels := map[string]int{} // style ("=" or "over=") → level
	level := func(style string) int {
		if l, ok := levels[style]; ok {
			return l
		}
		levels[style] = min(len(levels)+1, 6)
		return levels[style]
	}
	inDirective := false
	for i := 0; i < len(lines); i++ {
		text := lines[i]
		trimmed := strings.TrimSpace(text)
		if inDirective {
			if trimmed == "" || strings.HasPrefix(text, " ") || strings.HasPrefix(text, "\t") {
				if strings.HasPrefix(trimmed, ":") {
					lines[i] = "" // :target: and other options of a directive
					continue
				}
				if trimmed != "" {
					continue // the directive's content (a note's text): kept
				}
			}
			inDirective = false
		}
		if c, ok := adornment(text); ok && i+2 < len(lines) && strings.TrimSpace(lines[i+1]) != "" {
			// An overline, the title, its underline.
			if u, ok := adornment(lines[i+2]); ok && u == c {
				lines[i+1] = strings.Repeat("#", level("over"+string(c))) + " " + strings.TrimSpace(lines[i+1])
				lines[i], lines[i+2] = "", ""
				i += 2
				continue
			}
		}
		if trimmed != "" && !strings.HasPrefix(text, " ") && i+1 < len(lines) {
			if c, ok := adornment(lines[i+1]); ok && len(strings.TrimSpace(lines[i+1])) >= min(len(trimmed), 3) {
				if _, isMark := adornment(text); !isMark {
					lines[i] = strings.Repeat("#", level(string(c))) + " " + trimmed
					lines[i+1] = ""
					i++
					continue
				}
			}
		}
		if rest, ok := strings.CutPrefix(trimmed, ".. "); ok {
			if target, ok := strings.CutPrefix(rest, "image::"); ok {
				lines[i] = "![](" + strings.TrimSpace(target) + ")"
			} else if target, ok := strings.CutPrefix(rest, "figure::"); ok {
				lines[i] = "![](" + strings.TrimSpace(target) + ")"
			} else {
				lines[i] = "" // a comment, a link target or another directive's name
			}
			inDirective = true
		}
	}
	var out bytes.Buffer
	out.Grow(len(src))
	for i, l := range lines {
		if i > 0 {
			out.WriteByte('\n')
		}
		out.WriteString(l)
	}
	return out.Bytes()
}
