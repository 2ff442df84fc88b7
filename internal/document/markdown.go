package document

import (
	"bytes"
	"net/url"
	pathpkg "path"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/passation/passation/internal/textfold"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
)

// Doc is a parsed document: its sections, with enough of their content to
// judge whether they are real. It is built once per file and shared by every
// rule that looks into that file.
type Doc struct {
	Path     string
	Title    string
	Sections []Section
	// words and placeholder measure the whole text outside headings, for
	// stub detection of the file itself.
	Words       int
	Placeholder string
	// introWords counts the words before the first section (after the
	// title): what a reader sees first.
	IntroWords int
	IntroLine  int
	// IntroElsewhere is the repository that the introduction says holds
	// the project, this one being only its back end, its front end or an
	// old copy ("Ce projet est le backend de [RadarTech](https://github.com/…)").
	IntroElsewhere string
	// Banner: the introduction is a warning above the title ("⚠️ Not
	// maintained anymore", "Ce dépôt est archivé"), not the project's lead.
	Banner bool
	// Generator is the opening of a README that a project generator wrote
	// and nobody edited ("plugin builder results"), "" otherwise.
	Generator string
	// links are the document's hyperlinks to other sites.
	Links []Link
	// Items counts the list items of the whole document.
	Items int
	// Pages are, in a site's table of contents (Navigation), the pages it
	// links to: paths in the tree, cleaned, without their #anchor.
	Pages []string
	// Headings are every top-level heading, the title too, in order: where
	// a reader would add what is missing.
	Headings []Heading
	// Text is the text of a document read from another format (a PDF),
	// line by line, for the kinds that match lines.
	Text string
	// Unreadable says why a PDF was not read (PDFTooLarge…); its document
	// then has no section.
	Unreadable string
	// Genre is what kind of writing it is, by its path (GenreOf).
	Genre Genre
}

// Heading is a heading of the document: its line and its folded words.
type Heading struct {
	Line  int
	Words []string
}

// Link is a hyperlink: its text, folded into words, and where it points.
type Link struct {
	Words []string
	URL   string
	Line  int
}

// Section is a heading and everything under it up to the next heading of the
// same or a higher level.
type Section struct {
	Heading string
	Words   []string // folded heading words
	Level   int
	Line    int
	// bodyWords counts the words of the content once placeholders are gone;
	// placeholder is the first template leftover seen in it.
	BodyWords int
	OwnWords  int // the words before its first subsection, placeholders gone
	// ChangeEntry: in a changelog, a version or what a version lists (see
	// classify), never a section of the project's own documents.
	ChangeEntry bool
	Placeholder string
	Fences      []Fence  // fenced code blocks (mermaid, dot...)
	Code        []string // lines of code blocks
	// Commands are the inline code spans of the section ("- `pnpm install`")
	// and the first lines of its list items ("- go run *.go"): the commands
	// written in the prose.
	Commands []string
	Prose    string   // the section's text outside code blocks
	Images   []string // destinations of images in the section
	Links    []string // the http(s) links of the section, its subsections' too
	Items    int      // list items of the section, its subsections' too
	// Entries counts the table rows and list items that name something and
	// say what it is ("| PORT | the port the API listens on |",
	// "- `DB_URL`: the database's address"): a reference, of settings say,
	// where a bare list of names explains nothing.
	Entries int
}

// Fence is a fenced code block: its folded language and how much it says
// once template placeholders are taken away.
type Fence struct {
	Lang string
	// Type is the first word of the block, folded: mermaid's kind of
	// drawing (flowchart, graph, sequencediagram, erdiagram…).
	Type        string
	Line        int
	Words       int
	Placeholder string
}

// isPlainText: a .txt file. Many are Markdown under another name
// (README.txt); one that holds settings ("name=Checks", "[general]") is a
// configuration, whose lines that open with "#" are comments (a QGIS
// plugin's metadata.txt), never headings.
func isPlainText(path string) bool { return strings.HasSuffix(strings.ToLower(path), ".txt") }

var configLines = regexp.MustCompile(`(?m)^(\[[\w .-]+\]|[\w.-]+ ?=)`)

var hashComments = regexp.MustCompile(`(?m)^([ \t]*)#`)

var markdown = goldmark.New(goldmark.WithExtensions(extension.GFM))

// Parse reads Markdown, Org-mode and reStructuredText (and tolerates plain
// text: its underlined titles read as setext headings).
func Parse(path string, src []byte) *Doc {
	switch {
	case isOrg(path):
		src = fromOrg(src)
	case isRST(path):
		src = fromRST(src)
	case isPlainText(path) && configLines.Match(src):
		src = hashComments.ReplaceAll(src, []byte("$1\\#"))
	default:
		src = frontMatter(src)
	}
	src = nbspHeadings.ReplaceAll(src, []byte("$1 "))
	src = tame(src)
	embeds := embedOffsets(src)
	src = blankTags(src)
	root := markdown.Parser().Parse(text.NewReader(src))
	d := &Doc{Path: path}
	lines := newLineIndex(src)

	var blocks []block
	for n := root.FirstChild(); n != nil; n = n.NextSibling() {
		b := block{node: n}
		if h, ok := n.(*ast.Heading); ok {
			b.heading = h
		}
		blocks = append(blocks, b)
	}
	var all, intro strings.Builder
	var introLinks []string
	seenSection := false
	title := readmeTitle(path, blocks, src)
	for i, b := range blocks {
		if i < title {
			continue // badges above the title
		}
		if i == title {
			// A README's title names the project, not a section of it.
			d.Title = strings.TrimSpace(nodeText(b.heading, src))
			continue
		}
		if b.heading == nil {
			if ls, ok := labelSection(b.node, src, lines); ok {
				d.Sections = append(d.Sections, ls)
			}
			if !seenSection {
				if d.IntroLine == 0 {
					d.IntroLine = lines.line(blockStart(b.node))
				}
				intro.WriteString(leadText(b.node, src))
				intro.WriteByte('\n')
				introLinks = append(introLinks, forgeLinks(b.node, src)...)
			}
			if !isDiagramSkeleton(b.node, src) {
				all.WriteString(contentText(b.node, src))
				all.WriteByte('\n')
			}
			continue
		}
		seenSection = true
		s := Section{
			Heading: strings.TrimSpace(nodeText(b.heading, src)),
			Level:   b.heading.Level,
			Line:    lines.lineOf(b.heading, src),
		}
		s.Words = textfold.Words(s.Heading)
		var body, prose, own, ownProse strings.Builder
		inOwn := true // before the first subsection
		for _, nb := range blocks[i+1:] {
			if nb.heading != nil && nb.heading.Level <= s.Level {
				break
			}
			if nb.heading != nil {
				inOwn = false
			}
			if nb.heading == nil && !isDiagramSkeleton(nb.node, src) {
				if inOwn {
					own.WriteString(contentText(nb.node, src))
					own.WriteByte('\n')
				}
				body.WriteString(contentText(nb.node, src))
				body.WriteByte('\n')
				switch nb.node.(type) {
				case *ast.FencedCodeBlock, *ast.CodeBlock:
				default:
					prose.WriteString(contentText(nb.node, src))
					prose.WriteByte('\n')
					if inOwn {
						ownProse.WriteString(contentText(nb.node, src))
						ownProse.WriteByte('\n')
					}
				}
			}
			collectFencesAndImages(nb.node, src, lines, &s)
		}
		s.Prose = prose.String()
		s.BodyWords, s.Placeholder = Substance(body.String())
		s.OwnWords, _ = Substance(own.String())
		// A section that opens with a template's text left as it is
		// ("These instructions will get you a copy of the project…") was
		// never written, whatever its subsections say about other things.
		// Its prose alone is weighed: the template's example commands
		// ("npm run dev") come with it.
		if boilerplateOnly(ownProse.String()) {
			s.BodyWords, s.Placeholder = 0, shownBoilerplate(ownProse.String())
		}
		// A screenshot or a diagram says as much as a short paragraph.
		s.BodyWords += imageWords * len(s.Images)
		// A command to run (`yarn`, `make`) is a complete instruction, however short.
		if s.BodyWords < commandWords && s.Placeholder == "" {
			if words, placeholder := Substance(strings.Join(s.Code, "\n")); words > 0 && placeholder == "" {
				s.BodyWords = commandWords
			}
		}
		d.Sections = append(d.Sections, s)
	}
	d.Links, d.Items = linksAndItems(root, src, lines)
	if len(embeds) > 0 {
		embedded := embedLinks(embeds, lines)
		d.Links = append(d.Links, embedded...)
		embedInSections(d.Sections, embedded)
	}
	d.Headings = headings(blocks, src, lines)
	d.Words, d.Placeholder = Substance(all.String())
	d.IntroWords, _ = Substance(intro.String())
	d.IntroElsewhere = partOfAnother(d.Title+"\n"+intro.String(), introLinks)
	d.Banner = IsWarning(intro.String())
	if g := generatorText(src); g != "" {
		// A generator's README, left as it is: nothing in it was written
		// about this project.
		d.Placeholder, d.IntroWords, d.Generator = g, 0, g
		for i := range d.Sections {
			d.Sections[i].BodyWords, d.Sections[i].OwnWords, d.Sections[i].Placeholder = 0, 0, g
		}
	}
	classify(d)
	if d.Genre == Navigation {
		d.Pages = localPages(root, src, path)
	}
	return d
}

// maxPages bounds what one table of contents lists.
const maxPages = 2000

// localPages lists the Markdown pages that the links of a document point
// to inside the tree, relative to the document's folder.
func localPages(root ast.Node, src []byte, docPath string) []string {
	dir := pathpkg.Dir(docPath)
	var out []string
	_ = ast.Walk(root, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		l, ok := c.(*ast.Link)
		if !ok || !entering || len(out) >= maxPages {
			return ast.WalkContinue, nil
		}
		dest, _, _ := strings.Cut(string(l.Destination), "#")
		if u, err := url.PathUnescape(dest); err == nil {
			dest = u // "Guide%20utilisateur.md"
		}
		if strings.Contains(dest, "://") || strings.HasPrefix(dest, "/") || strings.HasPrefix(dest, "mailto:") {
			return ast.WalkContinue, nil
		}
		if e := strings.ToLower(pathpkg.Ext(dest)); e != ".md" && e != ".mdx" {
			return ast.WalkContinue, nil
		}
		if p := pathpkg.Clean(pathpkg.Join(dir, dest)); !strings.HasPrefix(p, "../") && p != ".." {
			out = append(out, p)
		}
		return ast.WalkContinue, nil
	})
	return out
}

// goldmark takes time quadratic in the nesting of block quotes and in the
// length of a run of unclosed links: a crafted README of 64 KiB would hold a
// check for seconds. No document a person reads nests quotes 16 deep, writes
// 4,096 characters on one line or opens 2,048 links, so all three are
// clamped before parsing.
const (
	maxQuoteDepth = 16
	maxLineLength = 4096
	maxBrackets   = 2048
)

var deepQuotes = regexp.MustCompile(`(?m)^(?:[ \t]*>){17,}`)

// tame clamps what makes the Markdown parser slow; it changes nothing a
// reader would see as a heading or a section.
func tame(src []byte) []byte {
	if bytes.Count(src, []byte(">")) > maxQuoteDepth {
		src = deepQuotes.ReplaceAllLiteral(src, bytes.Repeat([]byte(">"), maxQuoteDepth))
	}
	if bytes.Count(src, []byte("[")) > maxBrackets {
		// Past a few thousand, brackets are not links a reader follows.
		src = bytes.Clone(src)
		seen := 0
		for i, c := range src {
			if c == '[' {
				if seen++; seen > maxBrackets {
					src[i] = ' '
				}
			}
		}
	}
	long := false
	for line := range bytes.Lines(src) {
		if len(line) > maxLineLength {
			long = true
			break
		}
	}
	if !long {
		return src
	}
	var out bytes.Buffer
	out.Grow(len(src))
	for line := range bytes.Lines(src) {
		if len(line) > maxLineLength {
			cut := maxLineLength
			for cut > 0 && !utf8.RuneStart(line[cut]) {
				cut--
			}
			out.Write(line[:cut])
			if line[len(line)-1] == '\n' {
				out.WriteByte('\n')
			}
			continue
		}
		out.Write(line)
	}
	return out.Bytes()
}

// nbspHeadings are ATX headings written with a non-breaking space after
// the hashes: not headings for CommonMark, but headings to every reader.
var nbspHeadings = regexp.MustCompile(`(?m)^(#{1,6})\x{00a0}`)

// block is a top-level node of a document; heading is set for headings.
type block struct {
	node    ast.Node
	heading *ast.Heading
}

// readmeTitle returns the index of a README's title — its first heading,
// when that is of level 1, names no part of a README ("# Installation")
// and only badges, images or HTML stand above it — or -1.
func readmeTitle(path string, blocks []block, src []byte) int {
	if !IsReadme(path) {
		return -1
	}
	for i, b := range blocks {
		if b.heading != nil {
			if b.heading.Level == 1 && !ReadmePart(textfold.Words(nodeText(b.heading, src))) {
				return i
			}
			return -1
		}
		if _, ok := b.node.(*ast.HTMLBlock); ok {
			continue
		}
		if substanceWords(b.node, src) > 3 {
			return -1
		}
	}
	return -1
}

// readmePartWords name a part of a README, not the project.
var readmePartWords = map[string]bool{
	"readme": true, "installation": true, "install": true, "usage": true, "utilisation": true, "sommaire": true,
	"contents": true, "documentation": true, "introduction": true, "presentation": true, "licence": true, "license": true,
	"contributing": true, "contribuer": true, "developpement": true, "development": true, "setup": true, "demarrage": true,
	"deploiement": true, "deployment": true, "configuration": true, "tests": true, "prerequis": true, "prerequisites": true,
	"table": true, "matieres": true, "toc": true, "faq": true, "getting": true, "started": true,
}

// ReadmePart reports whether heading words (folded) name a part of a
// README rather than the project: they open on one ("Installation", "Table
// des matières"); "Kit de développement Web" is a project's name.
func ReadmePart(words []string) bool {
	return len(words) > 0 && readmePartWords[words[0]]
}

// substanceWords counts the words of a block's text, links and images
// aside: a line of badges has none.
func substanceWords(n ast.Node, src []byte) int {
	words := 0
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch t := c.(type) {
		case *ast.Image, *ast.Link:
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			words += len(strings.Fields(string(t.Segment.Value(src))))
		}
		return ast.WalkContinue, nil
	})
	return words
}

// labelLine is a paragraph that opens with a short label and a colon:
// "Contact : equipe@example.org", "**Licence** : MIT".
var labelLine = regexp.MustCompile(`^\s*([\p{L}][\p{L}' ’-]{1,40}?)\s*:\s*(\S.*)$`)

// labelSection reads such a paragraph as a small section, as a reader does.
func labelSection(n ast.Node, src []byte, lines lineIndex) (Section, bool) {
	if _, ok := n.(*ast.Paragraph); !ok {
		return Section{}, false
	}
	text := nodeText(n, src)
	first, _, _ := strings.Cut(text, "\n")
	m := labelLine.FindStringSubmatch(first)
	if m == nil || len(strings.Fields(m[1])) > 4 {
		return Section{}, false
	}
	s := Section{Heading: m[1], Level: 7, Line: lines.line(blockStart(n))}
	s.Words = textfold.Words(m[1])
	s.BodyWords, s.Placeholder = Substance(m[2] + " " + text[len(first):])
	return s, true
}

func foldedBase(p string) string { return textfold.Fold(p[strings.LastIndexByte(p, '/')+1:]) }

// nodeText returns the source text of a block and its descendants: inline
// text, code lines, link labels. Markup itself is left out.
func nodeText(n ast.Node, src []byte) string { return blockText(n, src, false) }

// contentText is nodeText for judging what a document says: a paragraph
// that is a note to self ("TODO: write the steps.") is reduced to its marker.
func contentText(n ast.Node, src []byte) string { return blockText(n, src, true) }

func blockText(n ast.Node, src []byte, notes bool) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if p, ok := c.(*ast.Paragraph); ok && notes {
			// A list item that opens with TODO is an item of a to-do list,
			// which says something; a paragraph that does is a note.
			if _, inList := p.Parent().(*ast.ListItem); !inList {
				b.WriteByte(' ')
				b.WriteString(noteToSelf(blockText(p, src, false)))
				return ast.WalkSkipChildren, nil
			}
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

// partCues say that a repository is a part or an old copy of a project
// whose description is elsewhere.
var partCues = regexp.MustCompile(`\b(ce projet est|ce depot est|this project is|this repository is|this repo is|depot de code) (le |la |l'|the |du |de la )?(back|backend|back-end|front|frontend|front-end)\b|\b(has been|have been|a ete|ont ete) (migrated|moved|migre|deplace)`)

// partOfAnother returns the forge repository an introduction defers to
// when it says this one is only a part or an old copy of that project.
func partOfAnother(intro string, links []string) string {
	if len(links) == 0 || !partCues.MatchString(textfold.Fold(intro)) {
		return ""
	}
	return links[0]
}

// forgeRepo is a link to a repository on a code forge.
var forgeRepo = regexp.MustCompile(`https?://(www\.)?(github\.com|gitlab\.com|gitlab\.[a-z0-9.-]+)/[^/\s)\]]+/[^/\s)\]#?]+`)

// forgeLinks lists the links to forge repositories in a block: its link
// targets and the addresses written out in its text.
func forgeLinks(n ast.Node, src []byte) []string {
	var out []string
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		var u string
		switch t := c.(type) {
		case *ast.Link:
			u = string(t.Destination)
		case *ast.AutoLink:
			u = string(t.URL(src))
		case *ast.Text:
			u = string(t.Segment.Value(src))
		}
		if m := forgeRepo.FindString(u); m != "" {
			out = append(out, m)
		}
		return ast.WalkContinue, nil
	})
	return out
}

// leadText is the part of a README's opening a reader takes for its
// introduction: prose, without badges and image captions, HTML tags, or
// lists of links (a "Documentation · Demo · Contact" menu describes nothing).
func leadText(n ast.Node, src []byte) string {
	switch n.(type) {
	case *ast.HTMLBlock:
		var raw strings.Builder
		ls := n.Lines()
		for i := 0; i < ls.Len(); i++ {
			seg := ls.At(i)
			raw.Write(seg.Value(src))
		}
		return htmlTags.ReplaceAllString(raw.String(), " ")
	case *ast.List:
		var b strings.Builder
		for item := n.FirstChild(); item != nil; item = item.NextSibling() {
			if !mostlyLinks(item, src) {
				b.WriteString(leadText(item, src))
				b.WriteByte(' ')
			}
		}
		return b.String()
	}
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch t := c.(type) {
		case *ast.Image, *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		case *ast.List:
			b.WriteString(leadText(t, src))
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			b.Write(t.Segment.Value(src))
			if t.SoftLineBreak() || t.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(t.Value)
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			return ast.WalkSkipChildren, nil
		}
		if c.Type() == ast.TypeBlock {
			b.WriteByte(' ')
		}
		return ast.WalkContinue, nil
	})
	return noteToSelf(b.String())
}

var htmlTags = regexp.MustCompile(`<[^>]*>`)

// mostlyLinks: at least half of a list item's words are the text of its
// links.
func mostlyLinks(item ast.Node, src []byte) bool {
	var inLinks int
	_ = ast.Walk(item, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			switch c.(type) {
			case *ast.Link, *ast.AutoLink:
				inLinks += len(textfold.Words(blockText(c, src, false)))
				return ast.WalkSkipChildren, nil
			}
		}
		return ast.WalkContinue, nil
	})
	all := len(textfold.Words(blockText(item, src, false)))
	return inLinks > 0 && 2*inLinks >= all
}

func collectFencesAndImages(n ast.Node, src []byte, lines lineIndex, s *Section) {
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch t := c.(type) {
		case *ast.FencedCodeBlock:
			if lang := t.Language(src); plainFence(lang) && asciiDrawing(codeLines(t, src)) {
				// A box-and-arrow drawing in a plain block: a diagram
				// drawn as text, which the forge shows as written.
				f := Fence{Lang: asciiArt, Type: asciiArt, Line: lines.line(blockStart(t)) - 1}
				f.Words, f.Placeholder = Substance(nodeText(t, src))
				s.Fences = append(s.Fences, f)
			} else if lang != nil {
				// MyST and Sphinx write a directive as {mermaid}: the
				// language is the same.
				f := Fence{Lang: strings.Trim(textfold.Fold(string(lang)), "{}"), Line: lines.line(blockStart(t))}
				if t.Lines().Len() == 0 && t.Info != nil {
					f.Line = lines.line(t.Info.Segment.Start)
				} else if t.Lines().Len() > 0 {
					f.Line-- // the opening fence is the line before the content
				}
				body := nodeText(t, src)
				f.Words, f.Placeholder = Substance(body)
				if w := strings.Fields(body); len(w) > 0 {
					f.Type = textfold.Fold(w[0])
				}
				s.Fences = append(s.Fences, f)
			}
			code := codeLines(t, src)
			s.Code = append(s.Code, code...)
			s.Entries += commentedSettings(code)
		case *ast.CodeBlock:
			code := codeLines(t, src)
			s.Code = append(s.Code, code...)
			s.Entries += commentedSettings(code)
		case *ast.CodeSpan:
			s.Commands = append(s.Commands, nodeText(t, src))
		case *ast.Image:
			s.Images = append(s.Images, string(t.Destination))
		case *east.TableRow:
			if explainsRow(t, src) {
				s.Entries++
			}
		case *ast.ListItem:
			s.Items++
			if explainsItem(t, src) {
				s.Entries++
			}
			// "- go run *.go": a command written as a list item's text. Only
			// its first block is read: a nested list is an item of its own.
			if first := t.FirstChild(); first != nil {
				if line, _, _ := strings.Cut(strings.TrimSpace(nodeText(first, src)), "\n"); line != "" {
					s.Commands = append(s.Commands, line)
				}
			}
		case *ast.Link:
			if u := string(t.Destination); strings.HasPrefix(u, "http://") || strings.HasPrefix(u, "https://") {
				s.Links = append(s.Links, u)
			}
		case *ast.AutoLink:
			if u := string(t.URL(src)); strings.HasPrefix(u, "http://") || strings.HasPrefix(u, "https://") {
				s.Links = append(s.Links, u)
			}
		}
		return ast.WalkContinue, nil
	})
}

// entryWords is how many words a row or an item must say about the name
// it opens with: "the port the API listens on", not "string".
const entryWords = 3

// explainsRow: a table row whose cells after the first say something in a
// few words.
func explainsRow(row *east.TableRow, src []byte) bool {
	first := row.FirstChild()
	if first == nil {
		return false
	}
	for c := first.NextSibling(); c != nil; c = c.NextSibling() {
		if len(strings.Fields(nodeText(c, src))) >= entryWords {
			return true
		}
	}
	return false
}

// namedItem is a list item that opens with a name and a separator:
// "DB_URL: ...", "`port` — ...", "**timeout** = ...".
var namedItem = regexp.MustCompile(`^[\p{L}_][\p{L}\p{N}_.-]*\s*(:|=|—|–| - )\s*`)

// explainsItem: a list item whose first line opens with a name (as inline
// code, or an identifier before a colon or a dash) and goes on to say what
// it is.
func explainsItem(item *ast.ListItem, src []byte) bool {
	first := item.FirstChild()
	if first == nil {
		return false
	}
	line, _, _ := strings.Cut(strings.TrimSpace(nodeText(first, src)), "\n")
	var rest string
	if c := first.FirstChild(); c != nil {
		if _, ok := c.(*ast.CodeSpan); ok {
			rest = strings.TrimLeft(strings.TrimPrefix(line, nodeText(c, src)), " :=—–-")
		}
	}
	if rest == "" {
		if m := namedItem.FindString(line); m != "" {
			rest = line[len(m):]
		}
	}
	return len(strings.Fields(rest)) >= entryWords
}

// asciiArt is the language given to a plain block that draws a diagram.
const asciiArt = "ascii"

// plainFence: a fenced block with no language, or one that says it is
// plain text.
func plainFence(lang []byte) bool {
	switch textfold.Fold(string(lang)) {
	case "", "text", "txt", "plain", "plaintext", "ascii", "asciiart":
		return true
	}
	return false
}

// drawingGlyphs draw boxes and arrows; asciiArrows are their plain-ASCII
// spellings.
const drawingGlyphs = "─│┌┐└┘├┤┬┴┼═║╔╗╚╝▼▲►◄→←↑↓⇒"

var asciiArrows = []string{"-->", "->", "<-", "==>", "=>", "+--", "--+", "-|", "|-"}

// folderTree is a line of a folder tree ("│   ├── main.go  # entry point",
// "|-- src/"), as tree(1) prints it.
var folderTree = regexp.MustCompile(`^[│|\s]*([├└]──|[|+\x60]--)\s*[^─>│┌┐└┘]*$`)

// asciiDrawing: at least three lines of a block, and two in five, draw
// boxes or arrows. A shell session or a code sample has an arrow here and
// there, never that many.
func asciiDrawing(code []string) bool {
	drawn := 0
	for _, l := range code {
		if folderTree.MatchString(l) {
			continue // "├── src/": a folder tree lists files, it draws no parts
		}
		if strings.ContainsAny(l, drawingGlyphs) {
			drawn++
			continue
		}
		for _, a := range asciiArrows {
			if strings.Contains(l, a) {
				drawn++
				break
			}
		}
	}
	return drawn >= 3 && 5*drawn >= 2*len(code)
}

// settingLine assigns a setting ("API_URL=http://…", "port: 8080"), with
// perhaps a comment after it.
var settingLine = regexp.MustCompile(`^(export )?[A-Za-z_][A-Za-z0-9_.]*\s*[=:]\s*[^#]*?(\s#\s*(.*))?$`)

// commentedSettings counts the settings of a code block that a comment
// explains, on the line above or after the value: an .env sample written
// for a reader.
func commentedSettings(code []string) int {
	n := 0
	for i, l := range code {
		m := settingLine.FindStringSubmatch(l)
		if m == nil {
			continue
		}
		if len(strings.Fields(m[3])) >= 2 {
			n++
		} else if i > 0 && strings.HasPrefix(code[i-1], "#") && len(strings.Fields(strings.TrimLeft(code[i-1], "# "))) >= 2 {
			n++
		}
	}
	return n
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

// linksAndItems lists the http(s) links of a document with their text, and
// counts its list items, in one walk.
func linksAndItems(root ast.Node, src []byte, lines lineIndex) ([]Link, int) {
	var out []Link
	items := 0
	_ = ast.Walk(root, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		var url, text string
		switch t := c.(type) {
		case *ast.ListItem:
			items++
			return ast.WalkContinue, nil
		case *ast.Link:
			url, text = string(t.Destination), nodeText(t, src)
		case *ast.AutoLink:
			url = string(t.URL(src))
			text = url
		default:
			return ast.WalkContinue, nil
		}
		if !strings.HasPrefix(url, "http://") && !strings.HasPrefix(url, "https://") {
			return ast.WalkSkipChildren, nil
		}
		line := 0
		for p := c.Parent(); p != nil && line == 0; p = p.Parent() {
			if p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
				line = lines.line(p.Lines().At(0).Start)
			}
		}
		out = append(out, Link{Words: textfold.Words(text + " " + url), URL: url, Line: line})
		return ast.WalkSkipChildren, nil
	})
	return out, items
}

// gitbookEmbed is GitBook's embedded link, {% embed url="…" %}: a card
// with the page it points to, which Markdown sees as plain text.
var gitbookEmbed = regexp.MustCompile(`\{%\s*embed\s+url="(https?://[^"\s]+)"`)

// templateTag is a Liquid tag of GitBook and Jekyll pages ({% hint %},
// {% include … %}): markup for the site, no words of the page.
var templateTag = regexp.MustCompile(`\{%[^\n]*?%\}`)

// blankTags turns template tags into spaces, so that offsets and lines stay.
func blankTags(src []byte) []byte {
	if !bytes.Contains(src, []byte("{%")) {
		return src
	}
	out := bytes.Clone(src)
	for _, m := range templateTag.FindAllIndex(out, -1) {
		for i := m[0]; i < m[1]; i++ {
			out[i] = ' '
		}
	}
	return out
}

// embedInSections adds each embedded link to the sections that hold its
// line: the section itself and those above it. A section ends at the next
// heading of its level or above (0: at the end of the document).
func embedInSections(sections []Section, embeds []Link) {
	ends := make([]int, len(sections))
	var open []int // sections not ended yet, outermost first
	for i, s := range sections {
		for len(open) > 0 && sections[open[len(open)-1]].Level >= s.Level {
			ends[open[len(open)-1]] = s.Line
			open = open[:len(open)-1]
		}
		open = append(open, i)
	}
	for _, l := range embeds {
		for i := range sections {
			s := &sections[i]
			if s.Line > l.Line {
				break
			}
			if ends[i] == 0 || l.Line < ends[i] {
				s.Links = append(s.Links, l.URL)
			}
		}
	}
}

// embed is a link embedded in GitBook's syntax, at a byte offset.
type embed struct {
	url string
	off int
}

// embedOffsets finds the links a page embeds in GitBook's syntax, before
// blankTags turns the tags into spaces (offsets stay).
func embedOffsets(src []byte) []embed {
	if !bytes.Contains(src, []byte("{%")) {
		return nil
	}
	var out []embed
	for _, m := range gitbookEmbed.FindAllSubmatchIndex(src, -1) {
		out = append(out, embed{url: string(src[m[2]:m[3]]), off: m[0]})
	}
	return out
}

// embedLinks turns embeds into the page's links, at their lines.
func embedLinks(embeds []embed, lines lineIndex) []Link {
	out := make([]Link, 0, len(embeds))
	for _, e := range embeds {
		out = append(out, Link{Words: textfold.Words(e.url), URL: e.url, Line: lines.line(e.off)})
	}
	return out
}

func codeLines(n ast.Node, src []byte) []string {
	var out []string
	ls := n.Lines()
	for i := 0; i < ls.Len(); i++ {
		seg := ls.At(i)
		if l := strings.TrimSpace(string(seg.Value(src))); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// setupCommands open the lines of a block that sets a project up rather
// than uses it.
var setupCommands = regexp.MustCompile(`^(\$ )?(#|cd |\. |source |pip3? |python3? -m (pip|venv)|virtualenv|mkvirtualenv|conda |poetry install|pipenv |npm (i|install|ci)\b|yarn( install)?$|pnpm (i|install)|git clone|docker(-compose| compose)? (build|pull|compose|up)|make( install| setup| build)?$|cp |mv |mkdir |apt(-get)? |brew |bundle install|composer install|go (mod|get|install)|pytest|tox|export |touch )`)

// devCommands run the project as its developers do, whole commands with
// no argument of their own: start it in development, run its tests, build
// or lint it ("npm run start:docker", "yarn dev:api", "mix phx.server"). A
// section of nothing else is the team's routine, not a user's; "go run
// ./cmd/csvcheck --schema s.json f.csv" is how a user runs a tool.
var devCommands = regexp.MustCompile(`^(\$ )?((npm|yarn|pnpm)( run)? (start|dev|test|build|lint|serve|watch|storybook|cypress|e2e)(:\S+)?|npm (t|test)|mix (phx\.server|deps\.get|test)|python3? manage\.py (runserver|migrate|test|collectstatic)|(bin/)?rails (s|server)|go (test|build)( \./\.\.\.)?|cargo (test|build)|docker(-compose| compose) (up|down|logs|build)( -d| --build)*|flask run)$`)

// devWords speak of running the project on a developer's machine.
var devWords = regexp.MustCompile(`\b(lancer|lancez|demarrer|demarrez|start|run|running|launch|executer|executez|developpement|development|dev|tests?|docker|localhost|mode watch|serveur de developpement|development server)\b`)

// installCommands install or start the project itself: what turns a
// "## Usage" that lists them into an installation guide.
var installCommands = regexp.MustCompile(`^(\$ )?(sudo )?(pip3? install|python3? -m pip install|poetry install|pipenv (install|sync)|uv (sync|pip install)|npm (i|install|ci)\b|yarn( install)?$|pnpm (i|install)\b|git clone|docker(-compose| compose) (build|up)|docker (build|run)|make( install| setup)?$|bundle install|composer install|go (mod download|get|install|build|run)|conda (create|install|env create)|mvn (install|package)|gradle(w)? build|\./gradlew build|R CMD INSTALL|cargo (build|install|run))`)

// command is a line of code without its trailing shell comment
// ("make # installe les dépendances"), as the shell runs it.
func command(l string) string {
	if i := strings.Index(l, " #"); i > 0 {
		l = l[:i]
	}
	return strings.TrimSpace(l)
}

// Installs reports whether the section's code installs or starts the
// project (pip install, docker compose up, go run…).
func (s *Section) Installs() bool {
	for _, l := range slices.Concat(s.Code, s.Commands) {
		if installCommands.MatchString(command(l)) {
			return true
		}
	}
	return false
}

// setupWords say, in prose, that the section is about installing.
var setupWords = regexp.MustCompile(`\b(install|installer|installez|installation|setup|virtualenv|virtual environment|requirements|dependencies|dependances|environnement virtuel|download the repository|telecharger le depot)`)

// SetupOnly reports whether a section only explains how to set the project
// up: all its code is set-up commands and its prose speaks of installing.
func (s *Section) SetupOnly() bool {
	if !setupWords.MatchString(textfold.Fold(s.Prose)) {
		return false
	}
	if len(s.Code) == 0 {
		// A short list of steps whose inline commands install the project
		// ("Installer les dépendances avec `npm install`").
		return s.BodyWords < setupListWords && slices.ContainsFunc(s.Commands, func(c string) bool {
			return installCommands.MatchString(command(c))
		})
	}
	for _, l := range s.Code {
		if !setupCommands.MatchString(command(l)) {
			return false
		}
	}
	return true
}

// DevOnly reports whether a section's code blocks only set the project
// up and run it as a developer does (start it in development, test, build)
// while its prose speaks of that: "## Utilisation de l'application" whose
// blocks are `npm run start:docker` and `npm run test`.
func (s *Section) DevOnly() bool {
	if len(s.Code) == 0 || !devWords.MatchString(textfold.Fold(s.Prose)) {
		return false
	}
	dev := false
	for _, l := range s.Code {
		switch {
		case devCommands.MatchString(command(l)):
			dev = true
		case !setupCommands.MatchString(command(l)):
			return false
		}
	}
	return dev
}

// warningWords open or fill a banner: an archived, deprecated or moved
// repository, a notice that it is no longer maintained (folded text: no
// accents, since \b is an ASCII boundary).
var warningWords = regexp.MustCompile(`⚠|\b(warning|attention|avertissement|archived?|deprecated|deprecation|deprecie|obsolete|abandonne|abandoned|not maintained|no longer maintained|unmaintained|plus maintenu|n'est plus|moved to|a demenage|deplace)\b`)

// IsWarning reports whether a short text is a banner's warning.
func IsWarning(text string) bool {
	return len(strings.Fields(text)) <= maxBannerWords && warningWords.MatchString(textfold.Fold(text))
}

// maxBannerWords: a banner is a line or two, not a paragraph.
const maxBannerWords = 80

// setupListWords is the length under which a section of prose whose
// inline commands install the project is set-up only.
const setupListWords = 120

// imageWords is what one image in a section counts for.
const imageWords = 10

// commandWords is what a section holding only a code block counts for.
const commandWords = 3

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

// isDiagramSkeleton reports a diagram block still holding a template's
// placeholders: its syntax ("flowchart LR", node names) is no content, and
// a document made of it and of placeholders is a stub.
func isDiagramSkeleton(n ast.Node, src []byte) bool {
	f, ok := n.(*ast.FencedCodeBlock)
	if !ok || f.Language(src) == nil {
		return false
	}
	if _, ok := diagramLangs[textfold.Fold(string(f.Language(src)))]; !ok {
		return false
	}
	_, ph := Substance(nodeText(f, src))
	return ph != ""
}

// headings lists the top-level headings that have text, with the words of
// their lines as written.
func headings(blocks []block, src []byte, lines lineIndex) []Heading {
	var out []Heading
	for _, b := range blocks {
		h := b.heading
		if h == nil || h.Lines().Len() == 0 {
			continue
		}
		var t strings.Builder
		for i := 0; i < h.Lines().Len(); i++ {
			seg := h.Lines().At(i)
			t.Write(seg.Value(src))
			t.WriteByte(' ')
		}
		out = append(out, Heading{Line: lines.line(h.Lines().At(0).Start), Words: textfold.Words(t.String())})
	}
	return out
}
