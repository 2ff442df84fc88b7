package report

import (
	"encoding/xml"
	"io"

	"github.com/passation/passation/internal/finding"
)

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Skipped  int          `xml:"skipped,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Errors   int         `xml:"errors,attr"`
	Skipped  int         `xml:"skipped,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Classname string        `xml:"classname,attr"`
	Name      string        `xml:"name,attr"`
	Failure   *junitFailure `xml:"failure,omitempty"`
	Skipped   *junitSkipped `xml:"skipped,omitempty"`
}

type junitFailure struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",chardata"`
}

type junitSkipped struct {
	Message string `xml:"message,attr"`
}

// JUnit writes the checklist as a JUnit XML report, which GitLab shows in
// a merge request's test summary and Jenkins in its test results: one test
// suite per checklist group, one test case per item (classname the group,
// name the rule id), a failure with the message and the hint for a missing
// item, skipped with the reason for an undecided or waived one.
func JUnit(w io.Writer, r *finding.Report, groups []Group) error {
	out := junitSuites{Name: "passation"}
	index := map[string]int{}
	for _, g := range groups {
		index[g.ID] = len(out.Suites)
		out.Suites = append(out.Suites, junitSuite{Name: g.ID})
	}
	for _, res := range r.Results {
		i, ok := index[res.Group]
		if !ok {
			i = len(out.Suites)
			index[res.Group] = i
			out.Suites = append(out.Suites, junitSuite{Name: res.Group})
		}
		s := &out.Suites[i]
		c := junitCase{Classname: res.Group, Name: res.Rule}
		switch res.Status {
		case finding.Fail:
			text := res.Message
			if res.Hint != "" {
				text += "\n" + res.Hint
			}
			for _, e := range res.Evidence {
				text += "\n" + e.String()
			}
			c.Failure = &junitFailure{Message: res.Message, Type: res.Severity.String(), Text: text}
			s.Failures++
		case finding.Skip, finding.Waived:
			c.Skipped = &junitSkipped{Message: res.Message}
			s.Skipped++
		}
		s.Tests++
		s.Cases = append(s.Cases, c)
	}
	suites := out.Suites[:0]
	for _, s := range out.Suites {
		if s.Tests > 0 {
			suites = append(suites, s)
			out.Tests += s.Tests
			out.Failures += s.Failures
			out.Skipped += s.Skipped
		}
	}
	out.Suites = suites
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(out); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
