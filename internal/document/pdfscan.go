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
	pdfArrays = regexp.MustCompile(`/(W|Index)(?:\s|%[^\r\n]*)*\[([^\]]*)\]`)
)

func plausiblePDF(data []byte) bool {
	if bytes.IndexByte(data, '#') >= 0 {
		// "/Si#7Ae" is the name /Size.
		data = pdfNameEscape.ReplaceAllFunc(data, func(m []byte) []byte {
			v, _ := strconv.ParseUint(string(m[1:]), 16, 8)
			return []byte{byte(v)}
		})
	}
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
		// (an appearance's /N is a reference too, but far from /ObjStm).
		if m[6] >= 0 && (key == "Columns" || key == "N" && nearObjStm(data, m[0])) {
			return false
		}
	}
	for _, m := range pdfArrays.FindAllSubmatch(data, -1) {
		fields := bytes.Fields(m[2])
		if string(m[1]) == "W" {
			for _, f := range fields {
				if n, err := strconv.Atoi(string(f)); err != nil || n < 0 || n > 8 {
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

// nearObjStm: the dictionary around at names an object stream.
func nearObjStm(data []byte, at int) bool {
	lo, hi := max(at-512, 0), min(at+512, len(data))
	return bytes.Contains(data[lo:hi], []byte("/ObjStm"))
}

// plausibleXrefTables reads the subsections of every cross-reference
// table ("xref", then "first count" and count entries): together they
// may not reach past pdfMaxObjects.
func plausibleXrefTables(data []byte) bool {
	budget := 4 * pdfMaxObjects // tokens read in all, so that a file of "xref" stays linear
	for i := 0; ; {
		j := bytes.Index(data[i:], []byte("xref"))
		if j < 0 {
			return true
		}
		// Every "xref", even the one of "startxref": startxref may point
		// into its own keyword.
		i += j + 4
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
