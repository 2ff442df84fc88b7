package clidoc

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/cpuguy83/go-md2man/v2/md2man"
)

// Man writes p's manual page (section 1) in roff, for man -l or to be
// installed under man1/. The page is written in Markdown first and turned
// into roff by go-md2man, which escapes what roff would take for requests.
func Man(w io.Writer, p Program) error {
	if err := p.validate(); err != nil {
		return err
	}
	page := minus(md2man.Render([]byte(manMarkdown(p))))
	// go-md2man turns hyphenation off before .TH, which turns it on again
	// in groff's man macros: off after it, so that no --flag is split.
	if i := bytes.Index(page, []byte("\n.TH ")); i >= 0 {
		if j := bytes.IndexByte(page[i+1:], '\n'); j >= 0 {
			at := i + 1 + j + 1
			page = append(page[:at:at], append([]byte(".nh\n"), page[at:]...)...)
		}
	}
	_, err := w.Write(page)
	return err
}

// minus writes each - of the page as roff's \-, the ASCII minus: a bare -
// is a hyphen, which groff may print as U+2010, and a --flag copied from
// the page would then not be the flag.
func minus(roff []byte) []byte {
	out := make([]byte, 0, len(roff)+len(roff)/16)
	for i := 0; i < len(roff); i++ {
		switch c := roff[i]; {
		case c == '\\' && i+1 < len(roff):
			// An escape (\\, \fB, \&, \-): kept whole.
			out = append(out, c, roff[i+1])
			i++
		case c == '-':
			out = append(out, '\\', '-')
		default:
			out = append(out, c)
		}
	}
	return out
}

// manMarkdown is the page in the Markdown dialect go-md2man reads: a
// title block, # for sections, definition lists for options.
func manMarkdown(p Program) string {
	var b strings.Builder
	source := p.Name
	if p.Version != "" {
		source += " " + p.Version
	}
	fmt.Fprintf(&b, "%% %q %q %q %q %q\n\n", strings.ToUpper(p.Name), "1", month(p.Date), source, "User Commands")

	b.WriteString("# NAME\n\n")
	fmt.Fprintf(&b, "%s - %s\n\n", p.Name, md(p.Summary))

	b.WriteString("# SYNOPSIS\n\n")
	for _, c := range p.Commands {
		fmt.Fprintf(&b, "**%s %s** %s  \n", p.Name, c.Name, md(c.Synopsis))
	}
	b.WriteString("\n# DESCRIPTION\n\n")
	for _, para := range p.Description {
		fmt.Fprintf(&b, "%s\n\n", md(para))
	}

	b.WriteString("# COMMANDS\n\n")
	for _, c := range p.Commands {
		fmt.Fprintf(&b, "## %s %s\n\n", p.Name, c.Name)
		fmt.Fprintf(&b, "**%s %s** %s\n\n", p.Name, c.Name, md(c.Synopsis))
		if c.Summary != "" {
			fmt.Fprintf(&b, "%s\n\n", md(c.Summary))
		}
		for _, f := range c.Flags {
			term := "**--" + f.Name + "**"
			if f.Arg != "" {
				term += " *" + md(f.Arg) + "*"
			}
			usage := f.Usage
			if f.Default != "" && !strings.Contains(usage, "(default") {
				usage += " (default " + f.Default + ")"
			}
			fmt.Fprintf(&b, "%s\n:   %s\n\n", term, md(oneLine(usage)))
		}
	}

	if len(p.ExitCodes) > 0 {
		b.WriteString("# EXIT STATUS\n\n")
		for _, e := range p.ExitCodes {
			fmt.Fprintf(&b, "**%d**\n:   %s\n\n", e.Code, md(e.Meaning))
		}
	}
	for _, sec := range []struct {
		title string
		vars  []Variable
	}{{"ENVIRONMENT", p.Environment}, {"FILES", p.Files}} {
		if len(sec.vars) == 0 {
			continue
		}
		fmt.Fprintf(&b, "# %s\n\n", sec.title)
		for _, v := range sec.vars {
			fmt.Fprintf(&b, "**%s**\n:   %s\n\n", md(v.Name), md(v.Meaning))
		}
	}
	return b.String()
}

// month is the month of date ("December 2026"), or "" when date is empty or
// unreadable: the page then carries no date, rather than the day it was
// generated, so that a release's page does not change from one build to
// the next.
func month(date string) string {
	for _, layout := range []string{time.RFC3339, "2006-01-02"} {
		if t, err := time.Parse(layout, date); err == nil {
			return t.Format("January 2006")
		}
	}
	return ""
}

// md escapes what Markdown would read as markup in plain text (usage lines
// hold [brackets], *, _ and |).
func md(s string) string {
	return strings.NewReplacer(
		`\`, `\\`, "`", "\\`", `*`, `\*`, `_`, `\_`, `[`, `\[`, `]`, `\]`,
		`<`, `\<`, `>`, `\>`, `#`, `\#`, `|`, `\|`, `~`, `\~`,
	).Replace(s)
}
