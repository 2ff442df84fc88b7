package document

import (
	"fmt"
	"math/rand"
	"strings"
	"testing"
	"time"

	"github.com/passation/passation/internal/pdftest"
)

const notice = `# Notice d'utilisation
Cette notice explique comment utiliser le portail des démarches, pas à pas, pour les agents du service.
## Se connecter
Ouvrez la page d'accueil et cliquez sur le bouton « Se connecter » en haut de l'écran. Saisissez votre adresse électronique et votre mot de passe, puis validez.
## Créer un dossier
Dans le menu, choisissez « Nouveau dossier ». Remplissez le formulaire : nom du demandeur, date de la demande et pièces jointes. Cliquez sur Enregistrer pour créer le dossier.
### Joindre une pièce
Cliquez sur « Ajouter un fichier » et choisissez le document sur votre poste.
`

func sectionsOf(d *Doc) string {
	var b strings.Builder
	for _, s := range d.Sections {
		fmt.Fprintf(&b, "%d %s (%d)\n", s.Level, s.Heading, s.BodyWords)
	}
	return b.String()
}

func TestParsePDFOutline(t *testing.T) {
	d := ParsePDF("docs/Notice.pdf", pdftest.FromText(notice, pdftest.Options{Outline: true}))
	if d.Unreadable != "" {
		t.Fatalf("unreadable: %s", d.Unreadable)
	}
	// The same sections, counted the same, as the Markdown it was made of.
	want := sectionsOf(Parse("docs/notice.md", []byte(notice)))
	if got := sectionsOf(d); got != want || want == "" {
		t.Errorf("sections:\n%s\nwant:\n%s", got, want)
	}
	if !strings.Contains(d.Text, "Saisissez votre adresse") || !strings.Contains(d.Text, "Créer un dossier") {
		t.Errorf("text lost its words or accents:\n%s", d.Text)
	}
}

// Without bookmarks, the titles are the lines set larger than the text.
func TestParsePDFTypographicHeadings(t *testing.T) {
	d := ParsePDF("docs/Notice.pdf", pdftest.FromText(notice, pdftest.Options{}))
	want := sectionsOf(Parse("docs/notice.md", []byte(notice)))
	if got := sectionsOf(d); got != want {
		t.Errorf("sections:\n%s\nwant:\n%s", got, want)
	}
	// One size throughout: paragraphs, no heading guessed.
	flat := strings.NewReplacer("# ", "", "#", "").Replace(notice)
	d = ParsePDF("docs/Notice.pdf", pdftest.FromText(flat, pdftest.Options{}))
	if len(d.Sections) != 0 || d.Words < 80 {
		t.Errorf("flat text: %d sections, %d words", len(d.Sections), d.Words)
	}
}

func TestParsePDFLogoOnly(t *testing.T) {
	d := ParsePDF("docs/Notice.pdf", pdftest.LogoOnly())
	if d.Unreadable != "" || len(d.Sections) != 0 || d.Words != 0 {
		t.Errorf("logo only: unreadable %q, %d sections, %d words", d.Unreadable, len(d.Sections), d.Words)
	}
}

// A long guide is read up to pdfMaxPages pages.
func TestParsePDFPageBound(t *testing.T) {
	d := ParsePDF("docs/guide.pdf", pdftest.Pages(pdfMaxPages+10, pdftest.Options{Outline: true}))
	if d.Unreadable != "" {
		t.Fatalf("unreadable: %s", d.Unreadable)
	}
	if len(d.Sections) != pdfMaxPages {
		t.Errorf("%d sections, want %d (one per page read)", len(d.Sections), pdfMaxPages)
	}
}

// hostilePDFs are files made to hurt a reader: each must be refused or
// read, quickly, never panic.
func hostilePDFs() map[string][]byte {
	good := pdftest.FromText(notice, pdftest.Options{Outline: true})
	rnd := rand.New(rand.NewSource(1))
	random := make([]byte, 64<<10)
	rnd.Read(random)
	copy(random, "%PDF-1.4\n")
	nested := "[" + strings.Repeat("[", 200000)
	out := map[string][]byte{
		"empty":     []byte("%PDF-1.4\n"),
		"truncated": good[:len(good)/2],
		"random":    random,
		"nested":    pdfOf("<< /Type /Catalog /Pages " + nested + " >>"),
		// The trailer says a billion objects, the page tree a billion pages.
		"huge size": []byte(strings.Replace(string(good), "/Size ", "/Size 1000000000 /Old ", 1)),
		"huge count": pdfOf("<< /Type /Catalog /Pages 2 0 R >>",
			"<< /Type /Pages /Count 999999999 /Kids [2 0 R 2 0 R] >>"),
		// A page tree whose kid is itself, an outline whose next is itself.
		"loops": pdfOf("<< /Type /Catalog /Pages 2 0 R /Outlines 3 0 R >>",
			"<< /Type /Pages /Count 5 /Kids [2 0 R] >>",
			"<< /First 4 0 R >>",
			"<< /First 4 0 R /Next 4 0 R /Title (Boucle) >>"),
		// A /Prev that points into an earlier "startxref", whose number
		// then reads as a subsection of a billion objects.
		"prev into startxref": prevIntoStartxref(),
		// A subsection that starts at object one billion.
		"xref start": []byte("%PDF-1.4\nxref\n1000000000 1\n0000000000 65535 f \ntrailer\n<< /Size 1 >>\nstartxref\n9\n%%EOF\n"),
		"escaped":    []byte(strings.Replace(string(good), "/Size ", "/Si#7Ae 1000000000 /Old ", 1)),
		// Comments where the lexer skips them: after "xref", between a key
		// and its value (found by fuzzing).
		"xref comment": []byte("%PDF-1.4\nxref%Z\n1000000000 1\n0000000000 65535 f \ntrailer\n<< /Size 1 >>\nstartxref\n9\n%%EOF\n"),
		"size comment": []byte(strings.Replace(string(good), "/Size ", "/Size %(\n 1000000000 /Old ", 1)),
		// A font whose character map asks for a billion entries, and
		// repeats its end a thousand times.
		"cmap bomb": onePage("<< /Type /Font /Subtype /Type0 /ToUnicode 6 0 R >>",
			"1000000000 beginbfchar\n"+strings.Repeat("endbfchar\n", 1000)),
		// An object stream whose count is a reference, however far its
		// type stands.
		"objstm count": pdfOf("<< /Type /Catalog /Pages 2 0 R >>",
			"<< /Type /Pages /Count 0 /Kids [] >>",
			"<< /Type /ObjStm %"+strings.Repeat(" ", 2000)+"\n /N 4 0 R /First 10 /Length 0 >>\nstream\n\nendstream",
			"1000000000000"),
		"objstm count, endobj in a comment": pdfOf("<< /Type /Catalog /Pages 2 0 R >>",
			"<< /Type /Pages /Count 0 /Kids [] >>",
			"<< /N 4 0 R %endobj\n /Type /ObjStm /First 10 /Length 0 >>\nstream\n\nendstream",
			"1000000000000"),
		// A table of differences the library walks for every character.
		"differences": onePage("<< /Type /Font /Subtype /Type1 /Encoding << /Differences [0 "+strings.Repeat("/a ", 5000)+"] >> >>", "rien"),
		"cmap repeat": onePage("<< /Type /Font /Subtype /Type0 /ToUnicode 6 0 R >>",
			"100 beginbfchar\n"+strings.Repeat("endbfchar\n", 1000)),
	}
	return out
}

func prevIntoStartxref() []byte {
	head := "%PDF-1.4\nstartxref\n1000000000 1\n0000000000 65535 n \n"
	at := strings.Index(head, "xref")
	return []byte(head + fmt.Sprintf("xref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size 1 /Prev %d >>\nstartxref\n%d\n%%%%EOF\n", at, len(head)))
}

// pdfOf writes objects 1, 2… as a PDF with its cross-reference table.
func pdfOf(objs ...string) []byte {
	var b strings.Builder
	b.WriteString("%PDF-1.4\n")
	var offsets []int
	for i, o := range objs {
		offsets = append(offsets, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	start := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(offsets)+1)
	for _, o := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(offsets)+1, start)
	return []byte(b.String())
}

// onePage is a page that says "Bonjour le monde" in font, whose object 6
// is a stream holding stream6.
func onePage(font, stream6 string) []byte {
	content := "BT /F1 12 Tf 10 10 Td (Bonjour le monde) Tj ET"
	return pdfOf("<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Count 1 /Kids [3 0 R] >>",
		"<< /Type /Page /Parent 2 0 R /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content), content),
		font,
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(stream6), stream6))
}

// The hand-made page is a PDF the reader reads: what refuses the bombs
// above is their character maps.
func TestParsePDFHandMade(t *testing.T) {
	d := ParsePDF("x.pdf", onePage("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>", "rien"))
	if d.Unreadable != "" || !strings.Contains(d.Text, "Bonjour le monde") {
		t.Errorf("unreadable %q, text %q", d.Unreadable, d.Text)
	}
}

func TestParsePDFHostile(t *testing.T) {
	for name, data := range hostilePDFs() {
		start := time.Now()
		d := ParsePDF("docs/x.pdf", data)
		if took := time.Since(start); took > pdfTimeout+pdfTimeout/2 {
			t.Errorf("%s: took %v", name, took)
		}
		if d == nil || len(d.Sections) > 0 && d.Unreadable != "" {
			t.Errorf("%s: %+v", name, d)
		}
		waitAbandonedOver(t) // a reading given up on under load must not spill into the next
		if name != "truncated" && d.Unreadable == "" && d.Words > 0 {
			t.Errorf("%s: read %d words from a hostile file", name, d.Words)
		}
	}
	for _, name := range []string{"huge size", "xref start", "escaped", "random", "empty", "xref comment", "size comment", "objstm count", "objstm count, endobj in a comment", "prev into startxref"} {
		if d := ParsePDF("x.pdf", hostilePDFs()[name]); d.Unreadable != PDFDamaged {
			t.Errorf("%s: unreadable %q, want %q", name, d.Unreadable, PDFDamaged)
		}
	}
}

// FuzzParsePDF: whatever the bytes, reading a PDF returns within its time
// bound, never panics, and every section has a level.
func FuzzParsePDF(f *testing.F) {
	f.Add(pdftest.FromText(notice, pdftest.Options{Outline: true}))
	f.Add(pdftest.FromText(notice, pdftest.Options{}))
	f.Add(pdftest.LogoOnly())
	for _, data := range hostilePDFs() {
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		start := time.Now()
		d := ParsePDF("docs/guide.pdf", data)
		if took := time.Since(start); took > 2*pdfTimeout {
			t.Fatalf("took %v", took)
		}
		for _, s := range d.Sections {
			if s.Level < 1 || s.Level > 6 {
				t.Fatalf("section %q: level %d", s.Heading, s.Level)
			}
		}
		if d.Unreadable != "" && (len(d.Sections) > 0 || d.Words > 0) {
			t.Fatalf("unreadable %q with content", d.Unreadable)
		}
	})
}

func BenchmarkParsePDF50Pages(b *testing.B) {
	data := pdftest.Pages(50, pdftest.Options{Outline: true})
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if d := ParsePDF("docs/guide.pdf", data); len(d.Sections) != 50 {
			b.Fatalf("%d sections", len(d.Sections))
		}
	}
}

// A reading that outlasts its time is abandoned: the document is
// "too slow", and the reading stops at its next read of the file.
func TestParsePDFTimeout(t *testing.T) {
	defer func(d time.Duration) { pdfTimeout = d }(pdfTimeout)
	pdfTimeout = time.Millisecond
	start := time.Now()
	d := ParsePDF("docs/guide.pdf", pdftest.Pages(pdfMaxPages, pdftest.Options{Outline: true}))
	if d.Unreadable != PDFTooSlow || len(d.Sections) > 0 {
		t.Errorf("unreadable %q, %d sections; want %q and none", d.Unreadable, len(d.Sections), PDFTooSlow)
	}
	if took := time.Since(start); took > 500*time.Millisecond {
		t.Errorf("took %v for a 1ms bound", took)
	}
	// The abandoned reading stops at its next read; until it has, every
	// PDF is "too slow", so the tests after this one wait for it.
	waitAbandonedOver(t)
}

// waitAbandonedOver waits until no abandoned reading is still running.
func waitAbandonedOver(t *testing.T) {
	t.Helper()
	for deadline := time.Now().Add(30 * time.Second); abandonedPDFs.Load() > 0; time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("an abandoned reading is still running after 30s")
		}
	}
}

// A page drawn as a form (what some exports do with every page) is read
// through the form, in the form's own fonts.
func TestParsePDFForms(t *testing.T) {
	form := "BT /F1 12 Tf 10 10 Td (Bonjour depuis le formulaire) Tj ET"
	page := "q /X0 Do Q"
	data := pdfOf("<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Count 1 /Kids [3 0 R] >>",
		"<< /Type /Page /Parent 2 0 R /Contents 4 0 R /Resources << /XObject << /X0 5 0 R >> >> >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(page), page),
		fmt.Sprintf("<< /Type /XObject /Subtype /Form /Resources << /Font << /F1 6 0 R >> >> /Length %d >>\nstream\n%s\nendstream", len(form), form),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
	if d := ParsePDF("x.pdf", data); d.Unreadable != "" || !strings.Contains(d.Text, "Bonjour depuis le formulaire") {
		t.Errorf("form: unreadable %q, text %q", d.Unreadable, d.Text)
	}
	// A form that draws itself stops at pdfMaxDepth.
	self := "q /X0 Do Q BT /F1 12 Tf 10 10 Td (Encore) Tj ET"
	data = pdfOf("<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Count 1 /Kids [3 0 R] >>",
		"<< /Type /Page /Parent 2 0 R /Contents 4 0 R /Resources 5 0 R >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(page), page),
		"<< /XObject << /X0 6 0 R >> /Font << /F1 7 0 R >> >>",
		fmt.Sprintf("<< /Type /XObject /Subtype /Form /Resources 5 0 R /Length %d >>\nstream\n%s\nendstream", len(self), self),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
	if d := ParsePDF("x.pdf", data); d.Unreadable != "" || strings.Count(d.Text, "Encore") != pdfMaxDepth {
		t.Errorf("self-drawing form: unreadable %q, text %q", d.Unreadable, d.Text)
	}
}

// Text whose font maps its codes to no letter cannot be judged: the PDF
// says so rather than pass for one without text.
func TestParsePDFUndecodable(t *testing.T) {
	cmap := "1 begincodespacerange <00> <FF> endcodespacerange"
	d := ParsePDF("x.pdf", onePage("<< /Type /Font /Subtype /Type0 /ToUnicode 6 0 R >>", cmap))
	if d.Unreadable != PDFUndecodable {
		t.Errorf("unreadable %q, want %q (text %q)", d.Unreadable, PDFUndecodable, d.Text)
	}
}

// A reading that never ends (a crafted PDF can loop in the library without
// reading the file) holds at most maxAbandonedPDFs processors: past that,
// PDFs are "too slow" at once, and read again once it ends.
func TestParsePDFAbandonedReadingsBounded(t *testing.T) {
	defer func(d time.Duration, f func(*pdfGuard) pdfText) { pdfTimeout, parsePDFText = d, f }(pdfTimeout, parsePDFText)
	pdfTimeout = 10 * time.Millisecond
	release := make(chan struct{})
	parsePDFText = func(g *pdfGuard) pdfText { <-release; return pdfText{} }
	data := pdftest.Pages(2, pdftest.Options{Outline: true})
	if d := ParsePDF("docs/guide.pdf", data); d.Unreadable != PDFTooSlow {
		t.Fatalf("a reading that never ends: %q", d.Unreadable)
	}
	start := time.Now()
	if d := ParsePDF("docs/guide.pdf", data); d.Unreadable != PDFTooSlow || time.Since(start) > pdfTimeout {
		t.Fatalf("with a reading still running: %q after %v, want too-slow at once", d.Unreadable, time.Since(start))
	}
	close(release)
	parsePDFText = readPDF
	waitAbandonedOver(t)
	pdfTimeout = 2 * time.Second
	if d := ParsePDF("docs/guide.pdf", data); d.Unreadable != "" || len(d.Sections) == 0 {
		t.Errorf("once it ended: unreadable %q, %d sections", d.Unreadable, len(d.Sections))
	}
}
