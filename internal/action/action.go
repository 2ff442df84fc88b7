package action

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/passation/passation/internal/finding"
	"github.com/passation/passation/internal/locate"
	"github.com/passation/passation/internal/report"
	"github.com/passation/passation/internal/syserr"
	"github.com/sethvargo/go-githubactions"
)

// Check is one finished check, as the action publishes it.
type Check struct {
	Report *finding.Report
	Groups []report.Group // checklist order, titles in the report language
	FailOn finding.Severity
	// Place says where a result is shown, relative to the repository root.
	Place func(finding.Result) locate.Place
	// Root is the checked repository's root folder on disk: evidence paths
	// are relative to it.
	Root string
	// Log is the report in the format the log shows (the format input).
	Log []byte
	// SARIF carries the rule descriptions and places for the SARIF file.
	SARIF report.SARIFOptions
}

// Options are what tests inject. The zero value is what a runner gets.
type Options struct {
	// StopToken returns the token that pauses the runner's command
	// processing while text from the repository is printed. Nil draws a
	// random one each time: a file cannot guess it to resume processing.
	StopToken func() string
}

// Outputs are the step outputs as written.
type Outputs struct {
	Score, Passed, Failed int
	Missing               []string // ids of the failing rules
	Report                string   // path of the JSON report, "" if none
}

// Publish shows a check on GitHub: the report in the log (in a group),
// the JSON and SARIF files, annotations, step outputs and the job summary.
// It does all it can and returns every problem met; nothing it prints can
// be read by the runner as a command it did not mean.
func Publish(gh *githubactions.Action, in Inputs, c Check, o Options) (Outputs, error) {
	p := &publisher{gh: gh, in: in, c: c, token: o.StopToken}
	if p.token == nil {
		p.token = randomToken
	}
	p.locateRoot()
	var errs []error
	keep := func(err error) {
		if err != nil {
			errs = append(errs, err)
		}
	}

	keep(safely("log", func() {
		gh.Group(fmt.Sprintf(say(p.lang(), "group"), p.name()))
		p.verbatim(string(c.Log))
		gh.EndGroup()
	}))

	out := Outputs{Score: c.Report.Summary.Score, Passed: c.Report.Summary.Pass, Failed: c.Report.Summary.Fail}
	for _, r := range c.Report.Results {
		if r.Status == finding.Fail {
			out.Missing = append(out.Missing, r.Rule)
		}
	}
	jsonPath := in.JSON
	if jsonPath == "" {
		if tmp := gh.Getenv("RUNNER_TEMP"); tmp != "" {
			jsonPath = filepath.Join(tmp, "passation-report.json")
		}
	}
	if jsonPath != "" {
		if err := p.writeFile(jsonPath, func(b *bytes.Buffer) error { return report.JSON(b, c.Report) }); err != nil {
			keep(err)
		} else {
			out.Report = jsonPath
		}
	}
	if in.SARIF != "" {
		opts := c.SARIF
		if p.sameRepo {
			opts.RepositoryURI = strings.TrimRight(gh.Getenv("GITHUB_SERVER_URL"), "/") + "/" + gh.Getenv("GITHUB_REPOSITORY")
		}
		keep(p.writeFile(in.SARIF, func(b *bytes.Buffer) error { return report.SARIF(b, c.Report, opts) }))
	}
	if in.Badge != "" {
		keep(p.writeFile(in.Badge, func(b *bytes.Buffer) error { return report.Badge(b, c.Report, c.FailOn) }))
	}
	// File names come from the inputs: printed like repository text.
	keep(safely("log", func() { p.verbatim(strings.Join(p.wrote, "\n")) }))

	keep(safely("annotations", p.annotate))
	keep(p.outputs(out))
	keep(p.summary())
	return out, errors.Join(errs...)
}

// Fail reports an error that stopped the check: in the log, and as an
// error annotation so that it shows on the run's page.
func Fail(gh *githubactions.Action, lang string, err error, o Options) {
	p := &publisher{gh: gh, token: o.StopToken}
	if p.token == nil {
		p.token = randomToken
	}
	msg := err.Error()
	var le interface {
		error
		In(string) string
	}
	if errors.As(err, &le) {
		// An error of both languages says itself in the report's.
		msg = strings.Replace(msg, le.Error(), le.In(lang), 1)
	}
	_ = safely("error", func() {
		p.verbatim(msg)
		Annotate(gh, Gap{Level: finding.Error, Title: say(lang, "errorTitle"), Message: msg})
	})
}

type publisher struct {
	gh    *githubactions.Action
	in    Inputs
	c     Check
	token func() string
	// prefix turns a repository path into a workspace path ("" at the
	// workspace root); mapped is false when the repository lies outside
	// the workspace, where annotations cannot point at files.
	prefix   string
	mapped   bool
	sameRepo bool // the checked repository is the workflow's own checkout
	wrote    []string
}

func (p *publisher) lang() string { return p.c.Report.Lang }

// locateRoot places the checked repository within the workspace.
func (p *publisher) locateRoot() {
	ws := p.gh.Getenv("GITHUB_WORKSPACE")
	if ws == "" || p.c.Root == "" {
		p.mapped = ws == ""
		return
	}
	rel, err := filepath.Rel(canonical(ws), canonical(p.c.Root))
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return
	}
	p.mapped = true
	if rel != "." {
		p.prefix = filepath.ToSlash(rel) + "/"
	}
	p.sameRepo = rel == "." && p.gh.Getenv("GITHUB_REPOSITORY") != "" && p.gh.Getenv("GITHUB_SERVER_URL") != ""
}

func canonical(p string) string {
	if a, err := filepath.Abs(p); err == nil {
		p = a
	}
	if r, err := filepath.EvalSymlinks(p); err == nil {
		p = r
	}
	return p
}

// name says what was checked: owner/repo for the workflow's own checkout,
// else the folder.
func (p *publisher) name() string {
	if p.sameRepo {
		return p.gh.Getenv("GITHUB_REPOSITORY")
	}
	if p.mapped && p.prefix != "" {
		return strings.TrimSuffix(p.prefix, "/")
	}
	return p.c.Report.Repository.Path
}

// verbatim prints text that may come from the repository between
// ::stop-commands:: and its token, so that no line of it (a file named
// "::error::x", a heading "##[warning]") is taken for a command.
func (p *publisher) verbatim(text string) {
	text = strings.TrimRight(text, "\n")
	if text == "" {
		return
	}
	token := p.token()
	p.gh.IssueCommand(&githubactions.Command{Name: "stop-commands", Message: token})
	p.gh.Infof("%s", text)
	p.gh.IssueCommand(&githubactions.Command{Name: token})
}

// gaps are the failing results, ready to annotate, most severe first.
func (p *publisher) gaps() []Gap {
	var out []Gap
	for _, r := range p.c.Report.Results {
		if r.Status != finding.Fail {
			continue
		}
		g := Gap{Level: r.Severity, Rule: r.Rule, Title: fmt.Sprintf("%s (%s)", r.Title, r.Rule), Message: r.Message}
		if r.Hint != "" {
			g.Message += " " + r.Hint
		}
		var place locate.Place
		if p.c.Place != nil {
			place = p.c.Place(r)
		}
		switch {
		case place.Path == "":
		case p.mapped:
			g.File, g.Line = p.prefix+place.Path, place.Line
		default:
			// Outside the workspace a file property would point nowhere:
			// the place is said in the message instead.
			at := place.Path
			if place.Line > 0 {
				at += ":" + strconv.Itoa(place.Line)
			}
			g.Message += " (" + at + ")"
		}
		out = append(out, g)
	}
	// Stable by severity: within a level, the checklist's order.
	ranked := make([]Gap, 0, len(out))
	for _, level := range []finding.Severity{finding.Error, finding.Warning, finding.Notice} {
		for _, g := range out {
			if g.Level == level {
				ranked = append(ranked, g)
			}
		}
	}
	return ranked
}

func (p *publisher) annotate() {
	annotations, logged := plan(p.gaps(), p.in.Annotations, p.lang())
	for _, g := range annotations {
		Annotate(p.gh, g)
	}
	if len(logged) == 0 {
		return
	}
	lines := []string{fmt.Sprintf(say(p.lang(), "logMore"), len(logged), min(p.in.Annotations, maxAnnotations))}
	for _, g := range logged {
		lines = append(lines, "  "+logLine(g))
	}
	p.verbatim(strings.Join(lines, "\n"))
}

// outputs writes the step outputs, when the runner gave an outputs file.
func (p *publisher) outputs(o Outputs) error {
	if p.gh.Getenv("GITHUB_OUTPUT") == "" {
		return safely("log", func() { p.gh.Infof("%s", say(p.lang(), "noOutput")) })
	}
	values := [][2]string{
		{"score", strconv.Itoa(o.Score)},
		{"passed", strconv.Itoa(o.Passed)},
		{"failed", strconv.Itoa(o.Failed)},
		{"missing", strings.Join(o.Missing, ",")},
		{"report", o.Report},
	}
	var errs []error
	for _, kv := range values {
		if strings.ContainsAny(kv[1], "\r\n") {
			errs = append(errs, words.Errorf("output-line", kv[0], kv[1]))
			continue
		}
		if err := safely("output "+kv[0], func() { p.gh.SetOutput(kv[0], kv[1]) }); err != nil {
			// The file cannot be written: the other outputs would fail alike.
			return errors.Join(append(errs, err)...)
		}
	}
	return errors.Join(errs...)
}

// summary appends the checklist to the job summary, when the runner gave
// a summary file.
func (p *publisher) summary() error {
	if p.gh.Getenv("GITHUB_STEP_SUMMARY") == "" {
		return safely("log", func() { p.gh.Infof("%s", say(p.lang(), "noSummary")) })
	}
	s := summary{
		rep: p.c.Report, groups: p.c.Groups, failOn: p.c.FailOn, lang: p.lang(), name: p.name(),
		link: func(path string, line int) string { return "" },
	}
	// Links go to the checked commit; a checkout without .git (actions/checkout
	// without git installed downloads the files) holds GITHUB_SHA's files.
	sha := ""
	switch p.c.Report.Repository.Mode {
	case "commit":
		sha = p.c.Report.Repository.Commit
	case "directory":
		sha = p.gh.Getenv("GITHUB_SHA")
	}
	if p.sameRepo && sha != "" {
		server, repo := p.gh.Getenv("GITHUB_SERVER_URL"), p.gh.Getenv("GITHUB_REPOSITORY")
		s.link = func(path string, line int) string { return blobURL(server, repo, sha, path, line) }
	}
	md := s.Markdown(SummaryLimit)
	return safely("job summary", func() { p.gh.AddStepSummary(md) })
}

// writeFile renders a report and writes it whole: beside the target, then
// renamed over it. Missing folders are created, as CI users expect.
func (p *publisher) writeFile(name string, render func(*bytes.Buffer) error) error {
	var buf bytes.Buffer
	if err := render(&buf); err != nil {
		return words.Wrap(err, "render", name, syserr.Of(err))
	}
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return words.Wrap(err, "write", name, syserr.Of(err))
	}
	tmp, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".*.tmp")
	if err != nil {
		return words.Wrap(err, "write", name, syserr.Of(err))
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(buf.Bytes()); err != nil {
		tmp.Close()
		return words.Wrap(err, "write", name, syserr.Of(err))
	}
	if err := tmp.Close(); err != nil {
		return words.Wrap(err, "write", name, syserr.Of(err))
	}
	if err := os.Rename(tmp.Name(), name); err != nil {
		return words.Wrap(err, "write", name, syserr.Of(err))
	}
	p.wrote = append(p.wrote, oneLine(fmt.Sprintf(say(p.lang(), "wrote"), name)))
	return nil
}

// safely turns the panics of go-githubactions (an unwritable outputs or
// summary file, a closed log) into errors: the action reports them and
// goes on with the rest.
func safely(what string, f func()) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%s: %v", what, r)
		}
	}()
	f()
	return nil
}

func randomToken() string {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		// crypto/rand does not fail on supported systems; a fixed token
		// would still stop commands, only guessable.
		return "passation-stop-commands"
	}
	return "passation-" + hex.EncodeToString(b)
}
