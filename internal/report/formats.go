package report

import (
	"io"
	"strings"

	"github.com/passation/passation/internal/finding"
)

// Input is what a format may show of one check: the report, the level
// that fails it, and each format's options.
type Input struct {
	Report  *finding.Report
	FailOn  finding.Severity
	Text    TextOptions
	Compact CompactOptions
	SARIF   SARIFOptions
	// Locate says where a gap is shown (a path and a 1-based line, or 0),
	// for the formats that point at files; nil: its first evidence.
	Locate func(finding.Result) (string, int)
}

// Format is one way to write a report.
type Format struct {
	Name string
	// Help says in a few words what it is for.
	Help string
	// Action is set for the formats the GitHub Action's log can take.
	Action bool
	Write  func(w io.Writer, in Input) error
}

// Formats is the one table of report formats: the check's --format flag,
// its help, its validation and the Action's format input all read it.
var Formats = []Format{
	{Name: "text", Help: "the checklist, grouped, for a terminal", Action: true,
		Write: func(w io.Writer, in Input) error { return Text(w, in.Report, in.FailOn, in.Text) }},
	{Name: "compact", Help: "only the gaps, one line each (the pre-commit hook's)",
		Write: func(w io.Writer, in Input) error { return Compact(w, in.Report, in.FailOn, in.Compact) }},
	{Name: "json", Help: "the passation/v1 report", Action: true,
		Write: func(w io.Writer, in Input) error { return JSON(w, in.Report) }},
	{Name: "sarif", Help: "SARIF 2.1.0, for code scanning", Action: true,
		Write: func(w io.Writer, in Input) error { return SARIF(w, in.Report, in.SARIF) }},
	{Name: "codequality", Help: "GitLab's Code Quality report, for the merge request widget",
		Write: func(w io.Writer, in Input) error { return CodeQuality(w, in.Report, in.Locate) }},
	{Name: "junit", Help: "JUnit XML, one test case per item, for GitLab and Jenkins test reports",
		Write: func(w io.Writer, in Input) error { return JUnit(w, in.Report, in.Text.Groups) }},
	{Name: "badge", Help: "a shields.io endpoint badge with the score",
		Write: func(w io.Writer, in Input) error { return Badge(w, in.Report, in.FailOn) }},
}

// Lookup finds a format by name.
func Lookup(name string) (Format, bool) {
	for _, f := range Formats {
		if f.Name == name {
			return f, true
		}
	}
	return Format{}, false
}

// Names lists the formats, those of the Action only when action is set,
// as a sentence does: "text, compact, json or sarif".
func Names(action bool) string {
	var names []string
	for _, f := range Formats {
		if f.Action || !action {
			names = append(names, f.Name)
		}
	}
	return Choices(names).String()
}

// NameList is Names as an argument of a sentence of both languages:
// "text, json or sarif", « text, json ou sarif ».
func NameList(action bool) Choices {
	var names []string
	for _, f := range Formats {
		if f.Action || !action {
			names = append(names, f.Name)
		}
	}
	return Choices(names)
}

// Choices are ids listed as alternatives, with "or" in each language.
type Choices []string

func (c Choices) String() string { return c.In("en") }

// In lists the choices in lang.
func (c Choices) In(lang string) string {
	if len(c) < 2 {
		return strings.Join(c, "")
	}
	or := " or "
	if lang == "fr" {
		or = " ou "
	}
	return strings.Join(c[:len(c)-1], ", ") + or + c[len(c)-1]
}
