package document

import (
	"bytes"
	"errors"
	"io"
	"math"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
	"unicode"

	"github.com/ledongthuc/pdf"
	"github.com/passation/passation/internal/textfold"
)

// PDF documents — a user manual exported as Notice.pdf, a step-by-step
// guide — are read with github.com/ledongthuc/pdf, a pure-Go reader, for
// their outline (bookmarks) and the text of their first pages. A PDF is a
// program for a page describer: a hostile one can claim a billion objects,
// nest its page tree in a loop or inflate a kilobyte into a gigabyte. So
// every reading is bounded — in bytes read, pages, text, inflated content
// and time — and whatever goes wrong (a panic of the library included)
// leaves the document "unreadable", never a stopped check.
const (
	pdfMaxPages    = 50        // pages whose text is read
	pdfMaxText     = 256 << 10 // bytes of text kept
	pdfMaxContent  = 4 << 20   // inflated bytes of one page's content, its forms included
	pdfMaxInflated = 16 << 20  // inflated bytes of all pages
	pdfMaxForms    = 64        // forms one page draws
	pdfMaxDepth    = 4         // forms within forms
	pdfMaxObjects  = 1 << 18   // objects a cross-reference table may claim
	pdfMaxCount    = 1 << 16   // objects of an object stream, predictor columns
	pdfMaxOutline  = 512       // outline entries
	pdfMaxFonts    = 32        // fonts of one page
	pdfMaxCmap     = 256 << 10 // inflated bytes of one font's character map
	pdfMaxCmapWork = 1 << 12   // entries the character maps of one page hold
	pdfMaxDiffs    = 1 << 10   // entries of a font's table of differences
	pdfMaxPageText = 64 << 10  // bytes of text of one page
	pdfMaxStreams  = 64        // content streams of one page
)

// pdfTimeout bounds the time one PDF may take; a reading still going on
// then is abandoned (it stops at its next read of the file).
var pdfTimeout = 2 * time.Second

// maxAbandonedPDFs is how many abandoned readings may still run in the
// process. A crafted PDF can keep the library busy on the processor without
// reading the file again, so its reading never stops by itself: past this
// number, no PDF is read any more (each is "too slow") until one ends, and
// an audit of hundreds of repositories keeps its other cores.
const maxAbandonedPDFs = 1

// abandonedPDFs counts the readings given up on that still run.
var abandonedPDFs atomic.Int32

// parsePDFText reads the outline and text; a variable so that a test can
// stand a reading that never ends in its place.
var parsePDFText = readPDF

// Why a PDF was not read (Doc.Unreadable).
const (
	PDFTooLarge = "too-large" // larger than the read cap: never read
	PDFDamaged  = "damaged"   // not a PDF, damaged, encrypted or hostile
	PDFTooSlow  = "too-slow"  // its reading took longer than allowed
	PDFTooMany  = "too-many"  // the run has read as many PDFs as it may
	PDFMissing  = "missing"   // its content is not in the clone (a partial one)
	// PDFUndecodable: its text is there but its fonts say not which
	// letters it is made of (no Unicode map), so it cannot be judged.
	PDFUndecodable = "undecodable"
)

// IsPDF reports a PDF document by its extension.
func IsPDF(p string) bool { return strings.EqualFold(path.Ext(p), ".pdf") }

var errPDFBudget = errors.New("pdf: reading budget spent")

// pdfGuard is the file as the library reads it: every read counts against
// a budget of bytes (the library reads an object again each time it
// resolves it, so a loop in the page tree is a loop of reads) and a
// deadline, and fails once either is spent.
type pdfGuard struct {
	data     []byte
	spent    atomic.Int64
	budget   int64
	deadline time.Time
	stop     atomic.Bool
}

func (g *pdfGuard) ReadAt(p []byte, off int64) (int, error) {
	if g.stop.Load() || g.spent.Add(int64(len(p))) > g.budget || time.Now().After(g.deadline) {
		g.stop.Store(true)
		return 0, errPDFBudget
	}
	if off < 0 || off >= int64(len(g.data)) {
		return 0, io.EOF
	}
	n := copy(p, g.data[off:])
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil
}

// pdfLine is a line of a page's text, with the size of its characters.
type pdfLine struct {
	text string
	size float64
}

// pdfEntry is an entry of the outline.
type pdfEntry struct {
	title string
	level int
}

type pdfText struct {
	lines   []pdfLine
	outline []pdfEntry
	ok      bool
}

// ParsePDF reads a PDF's outline and text into a document: the outline's
// entries are its headings, found in the text; without an outline, the
// lines set in a larger type than the body are. A PDF that cannot be read
// within the bounds gives a document with Unreadable set.
func ParsePDF(path string, data []byte) *Doc {
	d := &Doc{Path: path}
	defer classify(d)
	if !bytes.HasPrefix(data, []byte("%PDF-")) || !plausiblePDF(data) {
		d.Unreadable = PDFDamaged
		return d
	}
	if abandonedPDFs.Load() >= maxAbandonedPDFs {
		d.Unreadable = PDFTooSlow // an earlier reading still holds a processor
		return d
	}
	g := &pdfGuard{data: data, budget: 32<<20 + 32*int64(len(data)), deadline: time.Now().Add(pdfTimeout)}
	done := make(chan pdfText, 1)
	var state atomic.Int32 // 0 reading, 1 finished, 2 abandoned
	read := parsePDFText
	go func() {
		var t pdfText
		defer func() {
			if recover() != nil {
				t = pdfText{}
			}
			if !state.CompareAndSwap(0, 1) {
				abandonedPDFs.Add(-1) // given up on, and now over
			}
			done <- t
		}()
		t = read(g)
	}()
	timer := time.NewTimer(pdfTimeout + pdfTimeout/4)
	defer timer.Stop()
	var t pdfText
	select {
	case t = <-done:
	case <-timer.C:
		g.stop.Store(true)
		if state.CompareAndSwap(0, 2) {
			abandonedPDFs.Add(1)
		}
		d.Unreadable = PDFTooSlow
		return d
	}
	switch {
	case g.stop.Load() && time.Now().After(g.deadline):
		d.Unreadable = PDFTooSlow
	case !t.ok || g.stop.Load():
		d.Unreadable = PDFDamaged
	case undecodable(t.lines):
		d.Unreadable = PDFUndecodable
	default:
		fillPDF(d, t)
	}
	return d
}

// undecodable: most of the characters shown are the replacement character
// or controls — codes of fonts that map them to no letter.
func undecodable(lines []pdfLine) bool {
	bad, all := 0, 0
	for _, l := range lines {
		for _, r := range l.text {
			all++
			if r == unicode.ReplacementChar || unicode.IsControl(r) {
				bad++
			}
		}
	}
	return all > 0 && 2*bad > all
}

// readPDF reads the outline and the text of the first pages.
func readPDF(g *pdfGuard) pdfText {
	r, err := pdf.NewReader(g, int64(len(g.data)))
	if err != nil {
		return pdfText{}
	}
	t := pdfText{ok: true, outline: readOutline(r)}
	pages := min(r.NumPage(), pdfMaxPages)
	inflated, text := 0, 0
	for i := 1; i <= pages && text < pdfMaxText && inflated < pdfMaxInflated; i++ {
		if g.stop.Load() {
			return pdfText{}
		}
		lines, n := readPage(r, i)
		inflated += n
		for _, l := range lines {
			if text += len(l.text) + 1; text > pdfMaxText {
				break
			}
			t.lines = append(t.lines, l)
		}
	}
	return t
}

// readOutline walks the outline depth first, at most pdfMaxOutline
// entries and 6 levels deep, so that a loop of "Next" links ends. A damaged
// outline leaves the text to be read.
func readOutline(r *pdf.Reader) (out []pdfEntry) {
	defer func() {
		if recover() != nil {
			out = nil
		}
	}()
	steps := 0
	var walk func(v pdf.Value, level int)
	walk = func(v pdf.Value, level int) {
		for c := v.Key("First"); c.Kind() == pdf.Dict && steps < pdfMaxOutline; c = c.Key("Next") {
			steps++
			if t := strings.TrimSpace(c.Key("Title").Text()); t != "" {
				out = append(out, pdfEntry{title: t, level: level})
			}
			if level < 6 {
				walk(c, level+1)
			}
		}
	}
	walk(r.Trailer().Key("Root").Key("Outlines"), 1)
	return out
}

// readPage reads one page's lines, and how many inflated bytes its content
// holds. A page whose content or fonts exceed the bounds, or that the
// library cannot read, gives no line.
func readPage(r *pdf.Reader, i int) (lines []pdfLine, inflated int) {
	defer func() {
		if e := recover(); e != nil {
			lines = nil
		}
	}()
	p := r.Page(i)
	if p.V.IsNull() {
		return nil, 0
	}
	strm := p.V.Key("Contents")
	inflated, ok := contentSize(strm, pdfMaxContent)
	if !ok {
		return nil, inflated
	}
	fonts, ok := fontsOf(p.Resources())
	if !ok {
		return nil, inflated
	}
	w := &textWalker{fonts: fonts, res: p.Resources(), left: pdfMaxContent - inflated}
	pdf.Interpret(strm, w.op)
	w.flush()
	return w.lines, pdfMaxContent - w.left
}

// contentSize inflates content streams, at most limit bytes in all,
// before the library interprets them.
func contentSize(strm pdf.Value, limit int) (int, bool) {
	var parts []pdf.Value
	switch strm.Kind() {
	case pdf.Stream:
		parts = []pdf.Value{strm}
	case pdf.Array:
		if strm.Len() > pdfMaxStreams {
			return 0, false
		}
		for i := 0; i < strm.Len(); i++ {
			parts = append(parts, strm.Index(i))
		}
	default:
		return 0, false
	}
	total := 0
	for _, s := range parts {
		if s.Kind() != pdf.Stream || !plausibleStream(s) {
			return total, false
		}
		n, err := io.Copy(io.Discard, io.LimitReader(s.Reader(), int64(limit-total+1)))
		total += int(n)
		if err != nil || total > limit {
			return total, false
		}
	}
	return total, true
}

// pdfFont is what the text walker needs of a font.
type pdfFont struct {
	enc       pdf.TextEncoding
	widths    []float64
	first     int
	composite bool // two-byte codes (Type0)
}

// fontsOf prepares the fonts of a page's (or a form's) resources, refusing
// character maps that would make the library loop or allocate without end.
func fontsOf(resources pdf.Value) (map[string]*pdfFont, bool) {
	res := resources.Key("Font")
	names := res.Keys()
	if len(names) > pdfMaxFonts {
		return nil, false
	}
	out := map[string]*pdfFont{}
	work := 0
	for _, name := range names {
		f := pdf.Font{V: res.Key(name)}
		if tu := f.V.Key("ToUnicode"); tu.Kind() == pdf.Stream {
			n, ok := cmapWork(tu)
			if work += n; !ok || work > pdfMaxCmapWork {
				return nil, false
			}
		}
		// The library looks each character up along the whole table.
		if f.V.Key("Encoding").Key("Differences").Len() > pdfMaxDiffs {
			return nil, false
		}
		pf := &pdfFont{enc: f.Encoder(), composite: f.V.Key("Subtype").Name() == "Type0"}
		if !pf.composite {
			pf.first = f.FirstChar()
			ws := f.V.Key("Widths")
			for i := 0; i < ws.Len() && i < 1024; i++ {
				pf.widths = append(pf.widths, ws.Index(i).Float64())
			}
		}
		out[name] = pf
	}
	return out, true
}

// cmapOps are the operators after which the library's character-map reader
// loops as many times as the number before the matching "begin" says.
var cmapOps = regexp.MustCompile(`(\S+)\s+begin(bfchar|bfrange|codespacerange)\b|\bend(bfchar|bfrange|codespacerange)\b|/(begin|end)(bfchar|bfrange|codespacerange)\b`)

// cmapWork is how many entries reading a character map makes the library
// add, at most: the count before a "begin…" holds for every "end…" that
// follows (a map that ends a range a thousand times repeats it a thousand
// times), and since a redefined operator keeps the count of an earlier
// one, every "end…" is charged the largest count seen so far. A count that
// is not a plain number refuses the map.
func cmapWork(tu pdf.Value) (int, bool) {
	if !plausibleStream(tu) {
		return 0, false
	}
	data, err := io.ReadAll(io.LimitReader(tu.Reader(), pdfMaxCmap+1))
	if err != nil || len(data) > pdfMaxCmap {
		return 0, false
	}
	work, n := 0, 0
	for _, m := range cmapOps.FindAllSubmatch(data, -1) {
		switch {
		case m[2] != nil:
			v, err := strconv.Atoi(string(m[1]))
			if err != nil || v < 0 || v > pdfMaxCmapWork {
				return 0, false
			}
			n = max(n, v)
		case m[3] != nil:
			if work += n; work > pdfMaxCmapWork {
				return work, false
			}
		default:
			return 0, false
		}
	}
	return work, true
}

// plausibleStream refuses a stream whose predictor claims more columns
// than pdfMaxCount before the library allocates a row of that many.
func plausibleStream(s pdf.Value) bool {
	p := s.Key("DecodeParms")
	for i := 0; i < max(p.Len(), 1) && i < 8; i++ {
		d := p
		if p.Kind() == pdf.Array {
			d = p.Index(i)
		}
		if c := d.Key("Columns"); c.Kind() != pdf.Null && (c.Int64() < 0 || c.Int64() > pdfMaxCount) {
			return false
		}
	}
	return p.Len() <= 8
}

// textWalker follows a content stream's text operators: where each piece of
// text goes (to tell lines and word gaps apart) and in what size.
type textWalker struct {
	fonts map[string]*pdfFont
	res   pdf.Value // the resources the content names its fonts and forms in
	left  int       // inflated bytes the page's forms may still take
	forms int       // forms drawn so far
	depth int       // forms being drawn
	font  *pdfFont
	size  float64 // Tf size
	tm    [6]float64
	tlm   [6]float64
	// spacing: character, word, horizontal scale (1 = 100%), leading
	tc, tw, th, tl float64
	lines          []pdfLine
	cur            strings.Builder
	curY, curSize  float64
	endX           float64
	space          bool // a gap was seen since the last text
	n              int  // lines and text kept
}

var identity = [6]float64{1, 0, 0, 1, 0, 0}

func (w *textWalker) op(stk *pdf.Stack, op string) {
	args := make([]pdf.Value, stk.Len())
	for i := len(args) - 1; i >= 0; i-- {
		args[i] = stk.Pop()
	}
	num := func(i int) float64 {
		if i < len(args) {
			return args[i].Float64()
		}
		return 0
	}
	if w.th == 0 {
		w.th = 1
	}
	switch op {
	case "BT":
		w.tm, w.tlm = identity, identity
	case "Tf":
		if len(args) == 2 {
			w.font = w.fonts[args[0].Name()]
			w.size = num(1)
		}
	case "Tc":
		w.tc = num(0)
	case "Tw":
		w.tw = num(0)
	case "Tz":
		w.th = num(0) / 100
	case "TL":
		w.tl = num(0)
	case "Td":
		w.move(num(0), num(1))
	case "TD":
		w.tl = -num(1)
		w.move(num(0), num(1))
	case "Tm":
		if len(args) == 6 {
			for i := range w.tm {
				w.tm[i] = num(i)
			}
			w.tlm = w.tm
		}
	case "T*":
		w.move(0, -w.tl)
	case "Tj":
		if len(args) == 1 {
			w.show(args[0].RawString())
		}
	case "'":
		if len(args) == 1 {
			w.move(0, -w.tl)
			w.show(args[0].RawString())
		}
	case "\"":
		if len(args) == 3 {
			w.tw, w.tc = num(0), num(1)
			w.move(0, -w.tl)
			w.show(args[2].RawString())
		}
	case "Do":
		if len(args) == 1 {
			w.form(args[0].Name())
		}
	case "TJ":
		if len(args) != 1 {
			return
		}
		a := args[0]
		for i := 0; i < a.Len() && i < 1<<16; i++ {
			switch x := a.Index(i); x.Kind() {
			case pdf.String:
				w.show(x.RawString())
			case pdf.Integer, pdf.Real:
				// A move right of a fifth of an em or more is a space
				// between words, as TeX writes them.
				shift := -x.Float64() / 1000 * w.size * w.th
				w.tm[4] += shift * w.tm[0]
				if shift >= 0.2*w.size {
					w.space = true
				}
			}
		}
	}
}

// form reads the text of a form the content draws — a page exported as
// one, a text box — within the page's bounds, in its own resources.
func (w *textWalker) form(name string) {
	xo := w.res.Key("XObject").Key(name)
	if xo.Kind() != pdf.Stream || xo.Key("Subtype").Name() != "Form" || w.depth >= pdfMaxDepth || w.forms >= pdfMaxForms {
		return
	}
	w.forms++
	n, ok := contentSize(xo, w.left)
	w.left -= n
	if !ok {
		return
	}
	res := xo.Key("Resources")
	if res.Kind() != pdf.Dict {
		res = w.res
	}
	fonts, ok := fontsOf(res)
	if !ok {
		return
	}
	savedFonts, savedRes, savedFont, savedSize := w.fonts, w.res, w.font, w.size
	savedTm, savedTlm := w.tm, w.tlm
	w.fonts, w.res = fonts, res
	w.depth++
	pdf.Interpret(xo, w.op)
	w.depth--
	w.fonts, w.res, w.font, w.size = savedFonts, savedRes, savedFont, savedSize
	w.tm, w.tlm = savedTm, savedTlm
}

// move starts a new line of text at an offset from the current one.
func (w *textWalker) move(tx, ty float64) {
	m := w.tlm
	m[4] = tx*w.tlm[0] + ty*w.tlm[2] + w.tlm[4]
	m[5] = tx*w.tlm[1] + ty*w.tlm[3] + w.tlm[5]
	w.tlm, w.tm = m, m
}

// show adds a string to the current line, or starts a line when the text
// has moved up or down.
func (w *textWalker) show(raw string) {
	if w.font == nil || raw == "" || w.n > pdfMaxPageText {
		return
	}
	size := math.Abs(w.size * math.Hypot(w.tm[1], w.tm[3]))
	if size == 0 {
		size = math.Abs(w.size)
	}
	x, y := w.tm[4], w.tm[5]
	switch {
	case w.cur.Len() == 0:
	case math.Abs(y-w.curY) > 0.5*max(size, w.curSize, 1):
		w.flush()
	case w.space || x-w.endX > 0.2*size || x < w.endX-2*size:
		w.cur.WriteByte(' ')
	}
	if w.cur.Len() == 0 {
		w.curY, w.curSize = y, 0
	}
	w.space = false
	text := strings.Map(c1ToWindows1252, w.font.enc.Decode(raw))
	w.cur.WriteString(text)
	w.n += len(text)
	w.curSize = max(w.curSize, size)
	// Advance past the text, by the font's widths when it has them.
	adv := 0.0
	if w.font.composite {
		adv = float64(len(raw)/2) * (0.5*w.size + w.tc)
	} else {
		for i := 0; i < len(raw); i++ {
			wd := 500.0
			if k := int(raw[i]) - w.font.first; k >= 0 && k < len(w.font.widths) && w.font.widths[k] > 0 {
				wd = w.font.widths[k]
			}
			adv += wd/1000*w.size + w.tc
			if raw[i] == ' ' {
				adv += w.tw
			}
		}
	}
	w.tm[4] += adv * w.th * w.tm[0]
	w.endX = w.tm[4]
}

// c1ToWindows1252 reads the control characters U+0080–U+009F, which no
// text holds, as the Windows-1252 characters a font without an encoding
// table meant by those codes (’ for 0x92, œ for 0x9C).
func c1ToWindows1252(r rune) rune {
	if r < 0x80 || r > 0x9f {
		return r
	}
	if m, ok := windows1252C1[r]; ok {
		return m
	}
	return -1
}

var windows1252C1 = map[rune]rune{
	0x80: '€', 0x82: '‚', 0x83: 'ƒ', 0x84: '„', 0x85: '…', 0x86: '†', 0x87: '‡', 0x88: 'ˆ', 0x89: '‰',
	0x8a: 'Š', 0x8b: '‹', 0x8c: 'Œ', 0x8e: 'Ž', 0x91: '‘', 0x92: '’', 0x93: '“', 0x94: '”', 0x95: '•',
	0x96: '–', 0x97: '—', 0x98: '˜', 0x99: '™', 0x9a: 'š', 0x9b: '›', 0x9c: 'œ', 0x9e: 'ž', 0x9f: 'Ÿ',
}

func (w *textWalker) flush() {
	if t := strings.Join(strings.Fields(w.cur.String()), " "); t != "" {
		w.lines = append(w.lines, pdfLine{text: t, size: w.curSize})
	}
	w.cur.Reset()
}

// fillPDF makes the document of a PDF's lines, as Parse does of Markdown:
// a section is a heading and the text up to the next heading of its level
// or above, its own text before its first subsection.
func fillPDF(d *Doc, t pdfText) {
	levels := pdfHeadings(t)
	var all, intro, text strings.Builder
	seen := false
	for i, l := range t.lines {
		text.WriteString(l.text)
		text.WriteByte('\n')
		if levels[i] == 0 {
			all.WriteString(l.text)
			all.WriteByte('\n')
			if !seen {
				intro.WriteString(l.text)
				intro.WriteByte('\n')
			}
			continue
		}
		seen = true
		s := Section{Heading: l.text, Words: textfold.Words(l.text), Level: levels[i]}
		var body, own strings.Builder
		inOwn := true
		for j := i + 1; j < len(t.lines); j++ {
			if levels[j] != 0 {
				if levels[j] <= s.Level {
					break
				}
				inOwn = false
				continue
			}
			body.WriteString(t.lines[j].text)
			body.WriteByte('\n')
			if inOwn {
				own.WriteString(t.lines[j].text)
				own.WriteByte('\n')
			}
		}
		s.Prose = body.String()
		s.BodyWords, s.Placeholder = Substance(s.Prose)
		if boilerplateOnly(own.String()) {
			s.BodyWords, s.Placeholder = 0, shownBoilerplate(own.String())
		}
		d.Sections = append(d.Sections, s)
	}
	d.Words, d.Placeholder = Substance(all.String())
	d.IntroWords, _ = Substance(intro.String())
	d.Text = text.String()
}

// pdfHeadings gives each line its heading level (0 for text). The
// outline's titles are the headings wherever a line says just that title;
// without an outline (or when no line says one of its titles), a short
// line set at least a fifth larger than the body text is, when such lines
// are few: the larger the type, the higher the level.
func pdfHeadings(t pdfText) []int {
	levels := make([]int, len(t.lines))
	if len(t.outline) > 0 {
		titles := map[string]int{}
		for _, e := range t.outline {
			if k := headingKey(e.title); k != "" {
				if old, ok := titles[k]; !ok || e.level < old {
					titles[k] = e.level
				}
			}
		}
		found := false
		for i, l := range t.lines {
			if lv, ok := titles[headingKey(l.text)]; ok {
				levels[i], found = lv, true
			}
		}
		if found {
			return levels
		}
	}
	chars := map[float64]int{}
	total := 0
	for _, l := range t.lines {
		chars[math.Round(l.size*2)/2] += len(l.text)
		total += len(l.text)
	}
	body, most := 0.0, -1
	for size, n := range chars {
		if n > most || n == most && size < body {
			body, most = size, n
		}
	}
	if total < 200 || body <= 0 {
		return levels // too little text to tell a title from the body
	}
	var sizes []float64
	candidates := 0
	for i, l := range t.lines {
		size := math.Round(l.size*2) / 2
		if size < 1.2*body || !headingLike(l.text) {
			continue
		}
		levels[i] = -1
		candidates += len(l.text)
		if !slices.Contains(sizes, size) {
			sizes = append(sizes, size)
		}
	}
	if 3*candidates > total {
		// Much of the text large: slides or a poster, not titles over text.
		return make([]int, len(t.lines))
	}
	for i, l := range t.lines {
		if levels[i] == -1 {
			rank := 1
			for _, s := range sizes {
				if s > math.Round(l.size*2)/2 {
					rank++
				}
			}
			levels[i] = min(rank, 6)
		}
	}
	return levels
}

// headingLike: a line that can be a title — a few words with letters,
// opening with a capital or a number, not a sentence that ends a paragraph
// (a quotation set large, "mais la vision globale…", is no title).
func headingLike(s string) bool {
	w := textfold.Words(s)
	if len(w) == 0 || len(w) > 12 || strings.IndexFunc(s, unicode.IsLetter) < 0 {
		return false
	}
	if first := []rune(s)[0]; !unicode.IsUpper(first) && !unicode.IsDigit(first) {
		return false
	}
	return !strings.HasSuffix(s, ".") && !strings.HasSuffix(s, ",") && !strings.HasSuffix(s, ";")
}

// headingKey is a title without its numbering, folded: "2.1 Se connecter"
// and "Se connecter" are one heading.
func headingKey(s string) string {
	w := textfold.Words(s)
	for len(w) > 1 && strings.Trim(w[0], "0123456789") == "" {
		w = w[1:]
	}
	return strings.Join(w, " ")
}
