package evidence_test

import (
	"strings"
	"testing"

	"github.com/passation/passation/internal/catalog"
	"github.com/passation/passation/internal/check"
	"github.com/passation/passation/internal/checktest"
	"github.com/passation/passation/internal/evidence"
	"github.com/passation/passation/internal/finding"
)

// prose is enough real text for any document to count.
const prose = "Cette page décrit en détail ce que l'équipe a fait, pourquoi, et comment reprendre le travail après la fin du défi. It explains every step for the next team."

const fixturesDir = "../../testdata/detection"

// runOne judges one rule on a repository of files committed once.
func runOne(t *testing.T, r catalog.Rule, files map[string]string) finding.Result {
	t.Helper()
	c, err := check.Compile([]catalog.Rule{r}, evidence.Default())
	if err != nil {
		t.Fatal(err)
	}
	return checktest.Status(t, c, files, r.ID)
}

// render writes one evidence as expect.txt lines of the detection fixtures
// quote it: "README.md:12 (section "Installation")", "(a fact)".
func render(e finding.Evidence) string {
	if e.Path == "" {
		return "(" + e.Detail + ")"
	}
	return e.String()
}

// compileErr compiles one rule and returns its error as text ("" if none).
func compileErr(t *testing.T, r catalog.Rule) string {
	t.Helper()
	if _, err := check.Compile([]catalog.Rule{r}, evidence.Default()); err != nil {
		return err.Error()
	}
	return ""
}

func contains(s, sub string) bool { return strings.Contains(s, sub) }
