// Package document reads the files a reader opens: it decodes their
// encodings, parses Markdown once (with goldmark; reStructuredText and
// AsciiDoc titles read as headings) and PDFs for their outline and text,
// within bounds (pdf.go), and gives one model of a document —
// its title, lead text, sections, links and fenced blocks — that every
// evidence kind and the locator share. It also holds the one table of file
// types (prose, program, data) by name.
package document
