// Package yamlfile reads the YAML files people write for passation — rule
// files, the repository configuration — so that every problem is reported at
// its file, line and column, with the offending line shown under it.
//
// Documents are decoded into go.yaml.in/yaml/v3 nodes, which keep line and
// column. That library reports syntax errors without a column and often on
// the line where the enclosing block starts; github.com/goccy/go-yaml is
// then asked where the problem really is.
package yamlfile

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	goccy "github.com/goccy/go-yaml"
	goccyparser "github.com/goccy/go-yaml/parser"
	"github.com/passation/passation/internal/i18n"
	"go.yaml.in/yaml/v3"
)

// Pos is a place in a file. Line and Col are 1-based; 0 means unknown.
type Pos struct {
	File string
	Line int
	Col  int
}

// String writes file:line:col, leaving out what is unknown.
func (p Pos) String() string {
	switch {
	case p.Line == 0:
		return p.File
	case p.Col == 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// Error is one problem in a user's file.
type Error struct {
	Pos Pos
	Msg string
	// Source is the text of line Pos.Line, shown under the message with a
	// caret at the column; empty when the file is not at hand.
	Source string

	// format and args make Msg again in another language (In).
	format string
	args   []any
}

func (e *Error) Error() string { return e.In("en") }

// In is the problem in lang, at its place: the sentence of a translation
// table (Translate) whose key is the English format, when there is one.
// A problem of no file (a flag's value) has no place before it.
func (e *Error) In(lang string) string {
	if e.Pos.File == "" && e.Pos.Line == 0 {
		return e.MsgIn(lang)
	}
	return e.Pos.String() + translated(lang, ": ") + e.MsgIn(lang)
}

// MsgIn is the message alone in lang.
func (e *Error) MsgIn(lang string) string {
	if e.format == "" || lang == "en" {
		return e.Msg
	}
	format := translated(lang, e.format)
	args := make([]any, len(e.args))
	for i, a := range e.args {
		if x, ok := a.(interface{ In(string) string }); ok {
			args[i] = x.In(lang) // a Phrase, an error in both languages
		} else {
			args[i] = a
		}
	}
	return fmt.Sprintf(format, args...)
}

// Errorf returns a problem at p.
func Errorf(p Pos, format string, args ...any) *Error {
	return &Error{Pos: p, Msg: fmt.Sprintf(format, args...), format: format, args: args}
}

// tables hold the French of the messages of every package that reports
// problems in YAML files, keyed by their English format.
var tables []i18n.Text

// Translate adds a table of messages keyed by their English format; it
// returns t, for a var. The English of an entry may be left empty: the key
// says it.
func Translate(t i18n.Text) i18n.Text {
	tables = append(tables, t)
	return t
}

func translated(lang, s string) string {
	for _, t := range tables {
		if t.Has(s) {
			return t.In(lang, s)
		}
	}
	return s
}

// MaxSize is the largest YAML file passation reads: configuration and rule
// files are a few kilobytes; anything bigger is a mistake.
const MaxSize = 1 << 20

// Parse reads data as one YAML document and returns its content node, or
// nil for an empty document. A syntax error is returned as an *Error at the
// line and column of the problem.
func Parse(file string, data []byte) (*yaml.Node, error) {
	if len(data) > MaxSize {
		return nil, Errorf(Pos{File: file}, "file of %d bytes is too large: expected at most %d", len(data), MaxSize)
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, nil
		}
		return nil, syntaxError(file, data, err)
	}
	var second yaml.Node
	switch err := dec.Decode(&second); {
	case err == nil:
		return nil, withSource(Errorf(Pos{File: file, Line: second.Line, Col: second.Column},
			"a second YAML document starts here: expected one document (remove the \"---\" line)"), data)
	case !errors.Is(err, io.EOF):
		return nil, syntaxError(file, data, err)
	}
	if len(doc.Content) == 0 {
		return nil, nil
	}
	if c := doc.Content[0]; c.Kind == yaml.ScalarNode && c.Tag == "!!null" && c.Value == "" {
		return nil, nil // "---" alone
	}
	return doc.Content[0], nil
}

var v3Line = regexp.MustCompile(`^yaml: (?:line (\d+): )?`)

// syntaxError turns go.yaml.in/yaml/v3's message into a positioned error,
// asking goccy/go-yaml for the exact place when it agrees that the text is
// not valid YAML.
func syntaxError(file string, data []byte, err error) error {
	msg := err.Error()
	pos := Pos{File: file}
	if m := v3Line.FindStringSubmatch(msg); m != nil {
		msg = msg[len(m[0]):]
		if m[1] != "" {
			pos.Line, _ = strconv.Atoi(m[1])
		}
	}
	if p, gmsg, ok := locate(data); ok {
		pos.Line, pos.Col, msg = p.Line, p.Col, gmsg
	} else if pos.Line == 0 {
		pos.Line = 1
	}
	if pos.Col == 0 {
		pos.Col = 1
	}
	return withSource(Errorf(pos, "invalid YAML: %s", msg), data)
}

// maxLocateDepth keeps the second parser, which recurses, away from
// pathologically nested input: go.yaml.in/yaml/v3's own message is used then.
const maxLocateDepth = 200

// locate asks goccy/go-yaml where a syntax error is.
func locate(data []byte) (p Pos, msg string, ok bool) {
	if nesting(data) > maxLocateDepth {
		return Pos{}, "", false
	}
	defer func() {
		// The locator only improves a message: whatever happens inside it,
		// the error already found is still reported.
		if recover() != nil {
			ok = false
		}
	}()
	_, err := goccyparser.ParseBytes(data, 0)
	var se *goccy.SyntaxError
	if !errors.As(err, &se) || se.Token == nil || se.Token.Position == nil || se.Token.Position.Line <= 0 {
		return Pos{}, "", false
	}
	return Pos{Line: se.Token.Position.Line, Col: max(se.Token.Position.Column, 1)}, se.Message, true
}

// nesting is an upper bound of how deep flow collections and indentation go.
func nesting(data []byte) int {
	depth, most := 0, 0
	for _, c := range data {
		switch c {
		case '[', '{':
			depth++
			most = max(most, depth)
		case ']', '}':
			depth--
		}
	}
	for _, line := range bytes.Split(data, []byte("\n")) {
		most = max(most, (len(line)-len(bytes.TrimLeft(line, " -")))/2)
	}
	return most
}

// withSource fills the offending line of e from data.
func withSource(e *Error, data []byte) *Error {
	if e.Source == "" && e.Pos.Line > 0 {
		e.Source = Line(data, e.Pos.Line)
	}
	return e
}

// Line returns line n (1-based) of data, without its end of line.
func Line(data []byte, n int) string {
	for i := 1; i < n; i++ {
		j := bytes.IndexByte(data, '\n')
		if j < 0 {
			return ""
		}
		data = data[j+1:]
	}
	if j := bytes.IndexByte(data, '\n'); j >= 0 {
		data = data[:j]
	}
	return strings.TrimSuffix(string(data), "\r")
}

// AttachSources fills the offending line of every problem in err whose file
// source knows; source returns nil for files it does not have.
func AttachSources(err error, source func(file string) []byte) {
	for _, e := range Flatten(err) {
		var ye *Error
		if errors.As(e, &ye) && ye.Source == "" && ye.Pos.Line > 0 {
			if data := source(ye.Pos.File); data != nil {
				ye.Source = Line(data, ye.Pos.Line)
			}
		}
	}
}

// Flatten lists the problems joined in err (errors.Join), in order.
func Flatten(err error) []error {
	if err == nil {
		return nil
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []error
		for _, e := range j.Unwrap() {
			out = append(out, Flatten(e)...)
		}
		return out
	}
	return []error{err}
}

// maxShown keeps a file full of mistakes from flooding the terminal: the
// first ones are what a newcomer fixes first anyway.
const maxShown = 20

// Format writes every problem of err on its own line, each *Error followed
// by its offending line and a caret under the column, ready for a terminal.
func Format(err error) string { return FormatIn(err, "en") }

// FormatIn is Format in lang.
func FormatIn(err error, lang string) string {
	var b strings.Builder
	all := Flatten(err)
	for i, e := range all {
		if i == maxShown {
			fmt.Fprintln(&b, words.Count(lang, "more", len(all)-maxShown))
			break
		}
		var le interface{ In(string) string }
		if errors.As(e, &le) {
			b.WriteString(le.In(lang))
		} else {
			b.WriteString(e.Error())
		}
		b.WriteByte('\n')
		var ye *Error
		if errors.As(e, &ye) && ye.Source != "" {
			b.WriteString(excerpt(ye.Pos, ye.Source))
		}
	}
	return b.String()
}

// maxExcerpt is how much of a long line is shown around the column.
const maxExcerpt = 100

// excerpt shows the line and a caret under the column. Tabs stay tabs in
// the caret's padding so that it lines up in any terminal.
func excerpt(p Pos, line string) string {
	if !utf8.ValidString(line) {
		line = strings.ToValidUTF8(line, "\uFFFD")
	}
	runes := []rune(line)
	col := p.Col - 1
	if col < 0 || col > len(runes) {
		col = 0
	}
	prefix := ""
	if col > maxExcerpt/2 {
		cut := col - maxExcerpt/2
		runes, col, prefix = runes[cut:], col-cut, "…"
	}
	suffix := ""
	if len(runes) > maxExcerpt {
		runes, suffix = runes[:maxExcerpt], "…"
	}
	var pad strings.Builder
	pad.WriteString(strings.Repeat(" ", utf8.RuneCountInString(prefix)))
	for i := 0; i < col && i < len(runes); i++ {
		if runes[i] == '\t' {
			pad.WriteByte('\t')
		} else {
			pad.WriteByte(' ')
		}
	}
	num := strconv.Itoa(p.Line)
	gutter := strings.Repeat(" ", len(num))
	return fmt.Sprintf("  %s | %s%s%s\n  %s | %s^\n", num, prefix, string(runes), suffix, gutter, pad.String())
}
