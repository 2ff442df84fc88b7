package report

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"

	"github.com/passation/passation/internal/finding"
)

// codeQualityIssue is one entry of GitLab's Code Quality report, a subset
// of the CodeClimate issue format that GitLab reads.
type codeQualityIssue struct {
	Description string              `json:"description"`
	CheckName   string              `json:"check_name"`
	Fingerprint string              `json:"fingerprint"`
	Severity    string              `json:"severity"`
	Location    codeQualityLocation `json:"location"`
}

type codeQualityLocation struct {
	Path  string          `json:"path"`
	Lines codeQualityLine `json:"lines"`
}

type codeQualityLine struct {
	Begin int `json:"begin"`
}

// codeQualitySeverity maps severities to GitLab's.
var codeQualitySeverity = map[finding.Severity]string{finding.Error: "major", finding.Warning: "minor", finding.Notice: "info"}

// CodeQuality writes GitLab's Code Quality report: one issue per missing
// item, shown where locate says (the README when the item has no file of
// its own), with a fingerprint that stays the same for a rule and a file
// from one pipeline to the next, so that the merge request widget tells new
// gaps from fixed ones.
func CodeQuality(w io.Writer, r *finding.Report, locate func(finding.Result) (string, int)) error {
	issues := []codeQualityIssue{}
	for _, res := range r.Results {
		if res.Status != finding.Fail {
			continue
		}
		path, line := place(res, locate)
		sum := sha256.Sum256([]byte(res.Rule + "\x00" + path))
		desc := res.Message
		if res.Hint != "" {
			desc += " " + res.Hint
		}
		issues = append(issues, codeQualityIssue{
			Description: desc, CheckName: res.Rule, Fingerprint: hex.EncodeToString(sum[:16]),
			Severity: codeQualitySeverity[res.Severity],
			Location: codeQualityLocation{Path: path, Lines: codeQualityLine{Begin: max(line, 1)}},
		})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(issues)
}

// place is where a result is shown, the README when nothing else is:
// that is where the missing text belongs.
func place(res finding.Result, locate func(finding.Result) (string, int)) (string, int) {
	path, line := located(res, locate)
	if path == "" {
		path = "README.md"
	}
	return path, line
}

// located is the locator's answer for a result, else its first evidence
// with a file; "" when there is none.
func located(res finding.Result, locate func(finding.Result) (string, int)) (string, int) {
	if locate != nil {
		return locate(res)
	}
	for _, e := range res.Evidence {
		if e.Path != "" {
			return e.Path, e.Line
		}
	}
	return "", 0
}
