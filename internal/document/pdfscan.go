package document

import (
	"bytes"
	"regexp"
	"strconv"
)

// The library sizes its tables by what the file claims — the number of
// objects, the columns of a predictor, the widths of a cross-reference
// stream — and a claim of a billion is an allocation of gigabytes that no
// recover() catches. plausiblePDF reads those claims in the file itself
// (they are never compressed) and refuses the PDF when one is out of
// proportion, before the library sees it.
var (
	pdfNameEscape = regexp.MustCompile(`#[0-9A-Fa-f]{2}`)
	// Between a key and its value the library skips white space and
	// comments; so do these (a string before the key changes nothing: the
	// match starts at the key, wherever it stands).
	pdfCounts = regexp.MustCompile(`/(Size|N|Columns)(?:\s|%[^\r\n]*)*([-+]?\d+)((?:\s|%[^\r\n]*)+\d+(?:\s|%[^\r\n]*)+R)?`)
	pdfPrev   = regexp.MustCompile(`/Prev(?:\s|%[^\r\n]*)*(\d+)`)
	// appearance ends where an appearance dictionary's /N may stand (white
	// space only: no comment, no string can open that dictionary).
	appearance = regexp.MustCompile(`/AP\s*<<(?:\s*/[DR]\s+\d+\s+\d+\s+R)*\s*$`)
	pdfArrays  = regexp.MustCompile(`/(W|Index)(?:\s|%[^\r\n]*)*\[([^\]]*)\]`)
)

func plausiblePDF(data []byte) bool {
	if bytes.IndexByte(data, '#') >= 0 {
		// "/Si#7Ae" is the name /Size.
		data = pdfNameEscape.ReplaceAllFunc(data, func(m []byte) []byte {
			v, _ := strconv.ParseUint(string(m[1:]), 16, 8)
			return []byte{byte(v)}
		})
	}
	// The first object stream's type is in the file as written, whatever
	// the others do.
	objStm := bytes.Contains(data, []byte("/ObjStm"))
	for _, m := range pdfCounts.FindAllSubmatchIndex(data, -1) {
		key, value := string(data[m[2]:m[3]]), string(data[m[4]:m[5]])
		n, err := strconv.ParseInt(value, 10, 64)
		limit := int64(pdfMaxCount)
		if key == "Size" {
			limit = pdfMaxObjects
		}
		if err != nil || n > limit {
			return false
		}
		// A count given by reference could be anything: refused for the
		// columns of a predictor, and for the objects of an object stream
		// in a file that has object streams — unless it is the /N of an
		// appearance dictionary, which it then opens: "/AP << /N 12 0 R".
		if m[6] >= 0 && (key == "Columns" || key == "N" && objStm && !appearance.Match(data[max(m[0]-256, 0):m[0]]) && !endsUnstreamed(data[m[1]:])) {
			return false
		}
	}
	for _, m := range pdfArrays.FindAllSubmatch(data, -1) {
		fields := bytes.Fields(m[2])
		if string(m[1]) == "W" {
			// A cross-reference stream's widths size one row: refused when
			// the row would be huge. A font's /W (widths by glyph, with
			// nested arrays) is no such claim.
			if bytes.IndexByte(m[2], '[') >= 0 {
				continue
			}
			sum := int64(0)
			for _, f := range fields {
				n, err := strconv.ParseInt(string(f), 10, 64)
				if err != nil {
					break // not numbers: the library refuses it itself
				}
				if sum += n; n < 0 || n > 1<<20 || sum > 1<<20 {
					return false
				}
			}
			continue
		}
		for i := 0; i+1 < len(fields); i += 2 {
			start, err1 := strconv.ParseInt(string(fields[i]), 10, 64)
			n, err2 := strconv.ParseInt(string(fields[i+1]), 10, 64)
			if err1 != nil || err2 != nil || start < 0 || n < 0 || start > pdfMaxObjects || n > pdfMaxObjects-start {
				return false
			}
		}
	}
	return plausibleXrefTables(data)
}

// endsUnstreamed: the object goes on to its "endobj" with no stream, and
// nothing between that a comment or a string could hide one in: an
// appearance dictionary of its own ("130 0 obj <</N 131 0 R>> endobj"),
// never an object stream.
func endsUnstreamed(rest []byte) bool {
	rest = rest[:min(len(rest), 4096)]
	i := bytes.Index(rest, []byte("endobj"))
	if i <= 0 {
		return false
	}
	between := rest[:i]
	if bytes.ContainsAny(between, "%(/") || bytes.Contains(between, []byte("stream")) {
		return false
	}
	return isPDFSpace(rest[i-1]) || rest[i-1] == '>'
}

// plausibleXrefTables reads the subsections of every cross-reference
// table ("xref", then "first count" and count entries): together they
// may not reach past pdfMaxObjects.
func plausibleXrefTables(data []byte) bool {
	budget := 4 * pdfMaxObjects // tokens read in all, so that a file of "xref" stays linear
	// The offsets the library may start a table at: startxref's, and each
	// /Prev's. The "xref" of a "startxref" is read only when one points
	// into it.
	starts := map[int64]bool{}
	for _, m := range pdfPrev.FindAllSubmatch(data, -1) {
		if n, err := strconv.ParseInt(string(m[1]), 10, 64); err == nil {
			starts[n] = true
		}
	}
	for i := 0; ; {
		j := bytes.Index(data[i:], []byte("startxref"))
		if j < 0 {
			break
		}
		i += j + len("startxref")
		pos := i
		if n, ok := pdfInt(data, &pos); ok {
			starts[n] = true
		}
	}
	for i := 0; ; {
		j := bytes.Index(data[i:], []byte("xref"))
		if j < 0 {
			return true
		}
		at := i + j
		i = at + 4
		if at >= 5 && string(data[at-5:at]) == "start" && !starts[int64(at)] {
			continue
		}
		pos := i
		for {
			first, ok1 := pdfInt(data, &pos)
			count, ok2 := pdfInt(data, &pos)
			if budget -= 2; budget < 0 {
				return false
			}
			if !ok1 || !ok2 {
				break // "trailer", or not a table at all
			}
			if first < 0 || count < 0 || first > pdfMaxObjects || count > pdfMaxObjects-first {
				return false
			}
			if budget -= 3 * int(count); budget < 0 {
				return false
			}
			for k := int64(0); k < 3*count && pdfToken(data, &pos) != nil; k++ {
			}
		}
	}
}

// pdfToken reads the next token as the library's lexer does: white space
// and comments skipped, a delimiter a token of its own, anything else up to
// the next white space or delimiter.
func pdfToken(data []byte, pos *int) []byte {
	p := *pos
	for p < len(data) {
		if isPDFSpace(data[p]) {
			p++
		} else if data[p] == '%' {
			for p < len(data) && data[p] != '\r' && data[p] != '\n' {
				p++
			}
		} else {
			break
		}
	}
	start := p
	switch {
	case p >= len(data):
	case isPDFDelim(data[p]):
		p++
	default:
		for p < len(data) && !isPDFSpace(data[p]) && !isPDFDelim(data[p]) {
			p++
		}
	}
	*pos = p
	if start == p {
		return nil
	}
	return data[start:p]
}

func isPDFDelim(c byte) bool { return bytes.IndexByte([]byte("<>()[]{}/%"), c) >= 0 }

func pdfInt(data []byte, pos *int) (int64, bool) {
	t := pdfToken(data, pos)
	if t == nil {
		return 0, false
	}
	n, err := strconv.ParseInt(string(t), 10, 64)
	return n, err == nil
}

func isPDFSpace(c byte) bool {
	switch c {
	case 0, '\t', '\n', '\f', '\r', ' ':
		return true
	}
	return false
}
