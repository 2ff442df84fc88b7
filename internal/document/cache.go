package document

import "github.com/passation/passation/internal/source"

// Cache reads and parses the documents of one tree, each once, whoever
// asks: every evidence kind of a check, then the locator that places the
// gaps on the README. It is not safe for concurrent use.
type Cache struct {
	tree    source.Tree
	maxRead int64
	docs    map[string]result
}

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
