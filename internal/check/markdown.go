package check

import (
	"bytes"
	"strings"

	"github.com/passation/passation/internal/textfold"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"
)

// doc is a parsed document: its sections, with enough of their content to
// judge whether they are real. It is built once per file and shared by every
// rule that looks into that file.
type doc struct {
	path     string
	title    string
	sections []section
	// words and placeholder measure the whole text outside headings, for
	// stub detection of the file itself.
	words       int
	placeholder string
	// introWords counts the words before the first section (after the
	// title): what a reader sees first.
	introWords int
	introLine  int
}

// section is a heading and everything under it up to the next heading of the
// same or a higher level.
type section struct {
	heading string
	words   []string // folded heading words
	level   int
	line    int
	// bodyWords counts the words of the content once placeholders are gone;
	// placeholder is the first template leftover seen in it.
	bodyWords   int
	placeholder string
	fences      []string // info strings of fenced code blocks (mermaid, dot...)
	images      []string // destinations of images in the section
}

var markdown = goldmark.New(goldmark.WithExtensions(extension.GFM))

// parseDoc reads Markdown (and tolerates reStructuredText and plain text:
// their underlined titles read as setext headings).
func parseDoc(path string, src []byte) *doc {
	root := markdown.Parser().Parse(text.NewReader(src))
	d := &doc{path: path}
	lines := newLineIndex(src)

	type block struct {
		node    ast.Node
		heading *ast.Heading
	}
	var blocks []block
	for n := root.FirstChild(); n != nil; n = n.NextSibling() {
		b := block{node: n}
		if h, ok := n.(*ast.Heading); ok {
			b.heading = h
		}
		blocks = append(blocks, b)
	}
	var all, intro strings.Builder
	seenSection := false
	for i, b := range blocks {
		if b.heading != nil && i == 0 && b.heading.Level == 1 && isReadme(path) {
			// A README's title names the project, not a section of it.
			d.title = strings.TrimSpace(nodeText(b.heading, src))
			continue
		}
		if b.heading == nil {
			if !seenSection {
				if d.introLine == 0 {
					d.introLine = lines.line(blockStart(b.node))
				}
				intro.WriteString(nodeText(b.node, src))
				intro.WriteByte('\n')
			}
			all.WriteString(nodeText(b.node, src))
			all.WriteByte('\n')
			continue
		}
		seenSection = true
		s := section{
			heading: strings.TrimSpace(nodeText(b.heading, src)),
			level:   b.heading.Level,
			line:    lines.lineOf(b.heading, src),
		}
		s.words = textfold.Words(s.heading)
		var body strings.Builder
		for _, nb := range blocks[i+1:] {
			if nb.heading != nil && nb.heading.Level <= s.level {
				break
			}
			if nb.heading == nil {
				body.WriteString(nodeText(nb.node, src))
				body.WriteByte('\n')
			}
			collectFencesAndImages(nb.node, src, &s)
		}
		s.bodyWords, s.placeholder = substance(body.String())
		d.sections = append(d.sections, s)
	}
	d.words, d.placeholder = substance(all.String())
	d.introWords, _ = substance(intro.String())
	return d
}

func isReadme(p string) bool {
	return strings.HasPrefix(textfold.Fold(p[strings.LastIndexByte(p, '/')+1:]), "readme")
}

// nodeText returns the source text of a block and its descendants: inline
// text, code lines, link labels. Markup itself is left out.
func nodeText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch t := c.(type) {
		case *ast.Text:
			b.Write(t.Segment.Value(src))
			if t.SoftLineBreak() || t.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(t.Value)
		case *ast.CodeSpan:
			// children are Text nodes: walked below
		case *ast.FencedCodeBlock, *ast.CodeBlock, *ast.HTMLBlock:
			ls := c.Lines()
			for i := 0; i < ls.Len(); i++ {
				seg := ls.At(i)
				b.Write(seg.Value(src))
			}
			return ast.WalkSkipChildren, nil
		case *ast.AutoLink:
			b.Write(t.URL(src))
		}
		if c.Type() == ast.TypeBlock {
			b.WriteByte(' ')
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

func collectFencesAndImages(n ast.Node, src []byte, s *section) {
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch t := c.(type) {
		case *ast.FencedCodeBlock:
			if lang := t.Language(src); lang != nil {
				s.fences = append(s.fences, textfold.Fold(string(lang)))
			}
		case *ast.Image:
			s.images = append(s.images, string(t.Destination))
		}
		return ast.WalkContinue, nil
	})
}

// blockStart is a block's first byte offset, or 0 when it has no lines of
// its own (a list, whose lines belong to its items).
func blockStart(n ast.Node) int {
	for c := n; c != nil; c = c.FirstChild() {
		if c.Type() == ast.TypeBlock && c.Lines().Len() > 0 {
			return c.Lines().At(0).Start
		}
	}
	return 0
}

// lineIndex maps byte offsets to 1-based line numbers.
type lineIndex []int

func newLineIndex(src []byte) lineIndex {
	idx := lineIndex{0}
	for i, c := range src {
		if c == '\n' {
			idx = append(idx, i+1)
		}
	}
	return idx
}

func (l lineIndex) line(offset int) int {
	lo, hi := 0, len(l)
	for lo+1 < hi {
		mid := (lo + hi) / 2
		if l[mid] <= offset {
			lo = mid
		} else {
			hi = mid
		}
	}
	return lo + 1
}

// lineOf finds where a heading starts. ATX headings carry their text lines;
// for setext headings the text line is the heading's first line too.
func (l lineIndex) lineOf(h *ast.Heading, src []byte) int {
	if ls := h.Lines(); ls.Len() > 0 {
		return l.line(ls.At(0).Start)
	}
	// An empty heading ("#") has no lines: find it by its text position.
	if t := h.FirstChild(); t != nil {
		if tx, ok := t.(*ast.Text); ok {
			return l.line(tx.Segment.Start)
		}
	}
	return l.line(bytes.Index(src, []byte("#")))
}
