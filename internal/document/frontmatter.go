package document

import (
	"bytes"
	"regexp"
	"strings"

	"go.yaml.in/yaml/v3"
)

// maxFrontMatter bounds the search for the end of a front matter block: a
// page's metadata is a few lines, never a whole document.
const maxFrontMatter = 16 << 10

// atxTitle is a level-1 heading written with a hash.
var atxTitle = regexp.MustCompile(`(?m)^ {0,3}#[ \t]+\S`)

// frontMatter rewrites the YAML block that a site generator (Jekyll, Hugo,
// Docusaurus, GitBook, R Markdown) reads at the top of a page, between
// "---" lines, into what the site shows of it: its title as the page's
// heading (when the page writes none of its own), its description as a
// line of text, its authors as "Author: …". The other keys are settings,
// no text of the page; CommonMark would read the block's last line,
// underlined by the closing "---", as a heading. Lines keep their numbers.
// A block that is no YAML mapping (a thematic break, then a sentence
// underlined as a setext heading) is left as it is.
func frontMatter(src []byte) []byte {
	first, rest, ok := bytes.Cut(src, []byte("\n"))
	if !ok || string(bytes.TrimRight(first, "\r")) != "---" {
		return src
	}
	end, off := -1, 0
	for off < len(rest) && off < maxFrontMatter {
		line, _, _ := bytes.Cut(rest[off:], []byte("\n"))
		if t := string(bytes.TrimRight(line, "\r \t")); t == "---" || t == "..." {
			end = off
			break
		}
		off += len(line) + 1
	}
	if end < 0 {
		return src
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(rest[:end], &doc); err != nil || len(doc.Content) != 1 || doc.Content[0].Kind != yaml.MappingNode {
		return src
	}
	// The block ends with its closing line; what follows starts with the
	// newline that ends it.
	blockEnd := len(first) + 1 + end
	if nl := bytes.IndexByte(src[blockEnd:], '\n'); nl >= 0 {
		blockEnd += nl
	} else {
		blockEnd = len(src)
	}
	page := src[blockEnd:]
	lines := make([]string, bytes.Count(src[:blockEnd], []byte("\n"))+1)
	m := doc.Content[0]
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		at := k.Line // the key's line in the file: the block opens on line 1
		if at < 1 || at >= len(lines) {
			continue
		}
		switch strings.ToLower(k.Value) {
		case "title":
			if t := scalarText(v); t != "" && !atxTitle.Match(page) {
				lines[0] = "# " + t
			}
		case "description", "summary", "subtitle":
			lines[at] = scalarText(v)
		case "author", "authors":
			if names := scalarTexts(v); len(names) > 0 {
				lines[at] = "Author: " + strings.Join(names, ", ")
			}
		}
	}
	return append([]byte(strings.Join(lines, "\n")), page...)
}

// scalarText is a YAML value's text on one line, "" for a list or a mapping.
func scalarText(n *yaml.Node) string {
	if n.Kind != yaml.ScalarNode {
		return ""
	}
	return strings.Join(strings.Fields(n.Value), " ")
}

// scalarTexts are the texts of a value or of a list of values.
func scalarTexts(n *yaml.Node) []string {
	if t := scalarText(n); t != "" {
		return []string{t}
	}
	var out []string
	if n.Kind == yaml.SequenceNode {
		for _, c := range n.Content {
			if t := scalarText(c); t != "" {
				out = append(out, t)
			}
		}
	}
	return out
}
