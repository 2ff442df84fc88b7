package report

import (
	"crypto/sha1"
	"encoding/json"
	"fmt"
	"github.com/passation/passation/internal/buildinfo"
	"io"
	"strings"

	"github.com/owenrumney/go-sarif/v2/sarif"
	"github.com/passation/passation/internal/finding"
)

// InformationURI is where people learn about passation, for SARIF viewers.
const InformationURI = "https://github.com/passation/passation"

// SARIFRule is what the catalogue knows of a rule beyond a result: the
// longer description and the page that documents it.
type SARIFRule struct {
	Description string
	HelpURI     string
}

// SARIFOptions tune the SARIF log. The zero value gives a valid log whose
// results point at their first evidence, else at README.md.
type SARIFOptions struct {
	// Rules adds descriptions and help pages, by rule id.
	Rules map[string]SARIFRule
	// Locate says where a failing result is shown (a path relative to the
	// repository root, and a 1-based line or 0). Nil: the first evidence.
	Locate func(finding.Result) (path string, line int)
	// RepositoryURI, when known, records where the commit lives.
	RepositoryURI string
}

// levels maps severities to SARIF levels.
var levels = map[finding.Severity]string{finding.Error: "error", finding.Warning: "warning", finding.Notice: "note"}

// problemSeverity is how GitHub code scanning ranks non-security alerts.
var problemSeverity = map[finding.Severity]string{finding.Error: "error", finding.Warning: "warning", finding.Notice: "recommendation"}

// SARIF writes a SARIF 2.1.0 log: every rule of the report as a
// reportingDescriptor (title, description, hint as help, help page), each
// missing item as a result at the place Locate gives, and each rule that
// could not decide as a tool notification.
func SARIF(w io.Writer, r *finding.Report, o SARIFOptions) error {
	log, err := sarif.New(sarif.Version210)
	if err != nil {
		return err
	}
	driver := &sarif.ToolComponent{
		Name:           r.Tool.Name,
		InformationURI: ptr(InformationURI),
		Rules:          []*sarif.ReportingDescriptor{},
	}
	if r.Tool.Version != "" {
		driver.Version = ptr(r.Tool.Version)
		if sv := (buildinfo.Info{Version: r.Tool.Version}).Semantic(); sv != "" {
			driver.SemanticVersion = ptr(sv)
		}
	}
	run := sarif.NewRun(sarif.Tool{Driver: driver})
	run.Language = ptr(r.Lang)
	run.Results = []*sarif.Result{}
	if o.RepositoryURI != "" && r.Repository.Commit != "" {
		run.VersionControlProvenance = []*sarif.VersionControlDetails{{
			RepositoryURI: ptr(o.RepositoryURI), RevisionID: ptr(r.Repository.Commit),
		}}
	}

	index := map[string]uint{}
	for _, res := range r.Results {
		if _, ok := index[res.Rule]; ok {
			continue
		}
		index[res.Rule] = uint(len(driver.Rules))
		driver.Rules = append(driver.Rules, descriptor(res, o.Rules[res.Rule]))
	}

	var skipped []*sarif.Notification
	for _, res := range r.Results {
		i := index[res.Rule]
		switch res.Status {
		case finding.Fail:
			run.Results = append(run.Results, result(res, i, o.Locate))
		case finding.Waived:
			// A waived gap stays a result, marked as suppressed with the
			// waiver's reason: code scanning shows it closed, not gone.
			rs := result(res, i, o.Locate)
			rs.Suppressions = []*sarif.Suppression{{
				Kind: "external", Status: ptr("accepted"), Justification: ptr(res.Message),
				Location: rs.Locations[0], Guid: ptr(guid(res.Rule)),
			}}
			run.Results = append(run.Results, rs)
		case finding.Skip:
			skipped = append(skipped, &sarif.Notification{
				Level:      "note",
				Message:    &sarif.Message{Text: ptr(fmt.Sprintf("%s: %s", res.Rule, res.Message))},
				Descriptor: &sarif.ReportingDescriptorReference{Id: ptr(res.Rule), Index: ptr(i)},
			})
		}
	}
	run.Invocations = []*sarif.Invocation{{ExecutionSuccessful: ptr(true), ToolExecutionNotifications: skipped}}
	log.AddRun(run)

	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(log)
}

func descriptor(res finding.Result, extra SARIFRule) *sarif.ReportingDescriptor {
	d := &sarif.ReportingDescriptor{
		ID: res.Rule,
		// The name must differ from the id, even for one-word ids.
		Name:             ptr(camel(res.Rule) + "Missing"),
		ShortDescription: &sarif.MultiformatMessageString{Text: ptr(res.Title)},
		DefaultConfiguration: &sarif.ReportingConfiguration{
			Level: levels[res.Severity],
		},
		Properties: sarif.Properties{
			"tags":             []string{"handover", res.Group},
			"problem.severity": problemSeverity[res.Severity],
		},
	}
	// GitHub code scanning needs both a description and a help text.
	desc := extra.Description
	if desc == "" {
		desc = res.Title
	}
	d.FullDescription = &sarif.MultiformatMessageString{Text: ptr(desc)}
	help := res.Hint
	if help == "" {
		help = desc
	}
	d.Help = &sarif.MultiformatMessageString{Text: ptr(help), Markdown: ptr(help)}
	if extra.HelpURI != "" {
		d.Help.Markdown = ptr(fmt.Sprintf("%s\n\n[%s](%s)", help, res.Rule, extra.HelpURI))
	}
	if extra.HelpURI != "" {
		d.HelpURI = ptr(extra.HelpURI)
	}
	return d
}

func result(res finding.Result, index uint, locate func(finding.Result) (string, int)) *sarif.Result {
	path, line := located(res, locate)
	loc := &sarif.PhysicalLocation{}
	var note *sarif.Message
	if path == "" {
		// GitHub code scanning needs a file for every result: with no file to
		// point at, the README is where the missing text belongs.
		path = "README.md"
		note = &sarif.Message{Text: ptr("README.md does not exist yet")}
	}
	loc.ArtifactLocation = &sarif.ArtifactLocation{URI: ptr(uriPath(path)), URIBaseId: ptr("%SRCROOT%")}
	// A line only for a place of the item's own, such as a stub: a gap shown
	// on a README heading is a result on the whole file. Code scanning hashes
	// the line's text into the alert's fingerprint, so editing the very
	// heading the hint points to would close the alert and open another.
	if line > 0 && ownPlace(res, path, line) {
		loc.Region = &sarif.Region{StartLine: ptr(line)}
	}
	text := res.Message
	if res.Hint != "" {
		text += " " + res.Hint
	}
	return &sarif.Result{
		RuleID:    ptr(res.Rule),
		RuleIndex: ptr(index),
		Kind:      ptr("fail"),
		Level:     ptr(levels[res.Severity]),
		Message:   sarif.Message{Text: ptr(text)},
		Locations: []*sarif.Location{{PhysicalLocation: loc, Message: note}},
		// One alert per missing item, wherever it is shown: the rule id is
		// what identifies it from one run to the next.
		PartialFingerprints: map[string]interface{}{"passationRule/v1": res.Rule},
	}
}

// ownPlace reports whether a place is one of the result's own evidence.
func ownPlace(res finding.Result, path string, line int) bool {
	for _, e := range res.Evidence {
		if e.Path == path && e.Line == line {
			return true
		}
	}
	return false
}

// guid is a stable name-based UUID (version 5 layout) for a rule's
// suppression, so that the same waiver reads the same from run to run.
func guid(rule string) string {
	h := sha1.Sum([]byte("passation-waiver:" + rule))
	h[6] = h[6]&0x0f | 0x50
	h[8] = h[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", h[0:4], h[4:6], h[6:8], h[8:10], h[10:16])
}

// uriPath escapes a repository path as a relative URI reference: "%", "#",
// "?", spaces and control characters would otherwise change its meaning.
func uriPath(p string) string {
	var b strings.Builder
	for i := 0; i < len(p); i++ {
		c := p[i]
		switch {
		case c == '/' || c == '-' || c == '.' || c == '_' || c == '~' ||
			'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9':
			b.WriteByte(c)
		default:
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	// ":" is escaped too, so "a:b" never reads as a scheme.
	return b.String()
}

// camel turns a rule id into the PascalCase name SARIF viewers expect:
// "install-guide" → "InstallGuide".
func camel(id string) string {
	var b strings.Builder
	for _, part := range strings.FieldsFunc(id, func(r rune) bool { return r == '-' || r == '_' || r == '.' }) {
		r := []rune(part)
		b.WriteString(strings.ToUpper(string(r[0])) + string(r[1:]))
	}
	return b.String()
}

func ptr[T any](v T) *T { return &v }
