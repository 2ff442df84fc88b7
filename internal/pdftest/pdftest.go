// Package pdftest makes the PDF documents that tests read: real files
// written by a PDF library (go-pdf/fpdf), from a small Markdown-like text,
// so that what a test commits is reviewable as text. Only tests import it.
package pdftest

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"
)

// Options say how a document is written.
type Options struct {
	// Outline adds a bookmark for every heading, as word processors do
	// when they export a document with titles.
	Outline bool
	// PageBreaks starts a page before every heading of level 1 or 2.
	PageBreaks bool
}

// fixed keeps the output byte for byte the same from one run to the next.
var fixed = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

func newDoc() *fpdf.Fpdf {
	f := fpdf.New("P", "mm", "A4", "")
	f.SetCreationDate(fixed)
	f.SetModificationDate(fixed)
	f.SetCompression(true)
	return f
}

// sizes are the font sizes of headings by level, then of the body.
var sizes = []float64{20, 16, 13, 12, 12, 12}

const bodySize = 10.5

// FromText writes src as a PDF: "# ", "## "… lines are headings (larger,
// bold), other lines are paragraphs (blank lines between them).
func FromText(src string, o Options) []byte {
	f := newDoc()
	tr := f.UnicodeTranslatorFromDescriptor("") // cp1252: French accents
	f.AddPage()
	first := true
	for _, line := range strings.Split(src, "\n") {
		line = strings.TrimRight(line, " \r")
		if line == "" {
			continue
		}
		level := len(line) - len(strings.TrimLeft(line, "#"))
		if level > 0 && level <= 6 && strings.HasPrefix(line[level:], " ") {
			title := strings.TrimSpace(line[level:])
			if o.PageBreaks && level <= 2 && !first {
				f.AddPage()
			}
			f.SetFont("Helvetica", "B", sizes[level-1])
			if o.Outline {
				f.Bookmark(tr(title), level-1, -1)
			}
			f.Ln(2)
			f.CellFormat(0, sizes[level-1]*0.5, tr(title), "", 1, "", false, 0, "")
			f.Ln(1)
			first = false
			continue
		}
		f.SetFont("Helvetica", "", bodySize)
		f.MultiCell(0, 5, tr(line), "", "", false)
		f.Ln(2)
		first = false
	}
	return output(f)
}

// Pages writes a document of n pages, each with a heading and two
// paragraphs: the size of a long guide.
func Pages(n int, o Options) []byte {
	var b strings.Builder
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "## Étape %d : remplir la page %d\n", i, i)
		b.WriteString("Ouvrez le menu, cliquez sur le bouton « Suivant » et remplissez chaque champ du formulaire affiché à l'écran avant de valider votre saisie.\n")
		b.WriteString("Un message de confirmation s'affiche en haut de la page ; vous pouvez alors revenir à la liste des dossiers ou passer à l'étape suivante.\n")
	}
	o.PageBreaks = true
	return FromText(b.String(), o)
}

// LogoOnly is a one-page PDF that shows an image and says nothing.
func LogoOnly() []byte {
	f := newDoc()
	f.AddPage()
	f.RegisterImageOptionsReader("logo", fpdf.ImageOptions{ImageType: "PNG"}, bytes.NewReader(logo()))
	f.ImageOptions("logo", 80, 100, 50, 50, false, fpdf.ImageOptions{ImageType: "PNG"}, 0, "")
	return output(f)
}

func output(f *fpdf.Fpdf) []byte {
	var buf bytes.Buffer
	if err := f.Output(&buf); err != nil {
		panic(fmt.Sprintf("pdftest: %v", err))
	}
	return buf.Bytes()
}

// logo is a 32×32 PNG: a blue disc on white.
func logo() []byte {
	img := image.NewRGBA(image.Rect(0, 0, 32, 32))
	for x := 0; x < 32; x++ {
		for y := 0; y < 32; y++ {
			c := color.RGBA{255, 255, 255, 255}
			if (x-16)*(x-16)+(y-16)*(y-16) < 144 {
				c = color.RGBA{0, 0, 145, 255}
			}
			img.Set(x, y, c)
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		panic(err)
	}
	return b.Bytes()
}
