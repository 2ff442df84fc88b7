package document

import (
	"errors"
	"time"

	"github.com/passation/passation/internal/source"
)

// Cache reads and parses the documents of one tree, each once, whoever
// asks: every evidence kind of a check, then the locator that places the
// gaps on the README. It is not safe for concurrent use.
type Cache struct {
	tree    source.Tree
	maxRead int64
	docs    map[string]result
	// pdfs and pdfTime are what reading PDFs has cost the run so far.
	pdfs    int
	pdfTime time.Duration
}

// A run reads at most pdfPerRun PDFs, and stops reading them once they
// have taken pdfTimePerRun: a tree of a thousand manuals stays a check.
const (
	pdfPerRun     = 40
	pdfTimePerRun = 10 * time.Second
)

type result struct {
	doc *Doc
	err error
}

// DefaultMaxRead is how much of one file is read unless told otherwise.
const DefaultMaxRead = 1 << 20

// NewCache reads documents of t, at most maxRead bytes of each (0 means
// DefaultMaxRead).
func NewCache(t source.Tree, maxRead int64) *Cache {
	if maxRead <= 0 {
		maxRead = DefaultMaxRead
	}
	return &Cache{tree: t, maxRead: maxRead, docs: map[string]result{}}
}

// Get is the file parsed as a document: nil (and no error) for content
// that is not text.
func (c *Cache) Get(e source.Entry) (*Doc, error) {
	if r, ok := c.docs[e.Path]; ok {
		return r.doc, r.err
	}
	var r result
	if IsPDF(e.Path) {
		r.doc, r.err = c.pdf(e)
		c.docs[e.Path] = r
		return r.doc, r.err
	}
	data, _, err := c.tree.Read(e, c.maxRead)
	switch {
	case err != nil:
		r.err = err
	default:
		if txt, ok := Decode(data); ok {
			r.doc = Parse(e.Path, []byte(txt))
		}
	}
	c.docs[e.Path] = r
	return r.doc, r.err
}

// pdf reads a PDF within the run's bounds: a file larger than the read cap
// is not read at all (cut, it would be damaged anyway).
func (c *Cache) pdf(e source.Entry) (*Doc, error) {
	if c.pdfs >= pdfPerRun || c.pdfTime >= pdfTimePerRun {
		return &Doc{Path: e.Path, Unreadable: PDFTooMany}, nil
	}
	data, more, err := c.tree.Read(e, c.maxRead)
	switch {
	case errors.Is(err, source.ErrMissingObject):
		// A partial clone leaves large files out: not reading a PDF
		// then is no reason to give up on the rule.
		return &Doc{Path: e.Path, Unreadable: PDFMissing}, nil
	case err != nil:
		return nil, err
	case more:
		return &Doc{Path: e.Path, Unreadable: PDFTooLarge}, nil
	}
	c.pdfs++
	start := time.Now()
	d := ParsePDF(e.Path, data)
	c.pdfTime += time.Since(start)
	return d, nil
}
