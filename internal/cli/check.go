package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/passation/passation/internal/atomicfile"
	"github.com/passation/passation/internal/catalog"
	"github.com/passation/passation/internal/document"
	"github.com/passation/passation/internal/finding"
	"github.com/passation/passation/internal/i18n"
	"github.com/passation/passation/internal/locate"
	"github.com/passation/passation/internal/pipeline"
	"github.com/passation/passation/internal/report"
	"github.com/passation/passation/internal/safetext"
	"github.com/passation/passation/internal/source"
	"github.com/passation/passation/internal/syserr"
)

// checkFlags are the options of `passation check`.
type checkFlags struct {
	ref, profile, format, lang, failOn, output string
	maxRead                                    int64
	staged                                     bool
	// config is --config FILE; rules the --rules folders; printConfig
	// shows the effective configuration instead of checking.
	config      string
	rules       stringsFlag
	printConfig bool
	// reports are the --report FORMAT=PATH files written beside the output;
	// color is --color auto, always or never.
	reports []reportFile
	color   string
	// explain lists, under each item, what every evidence counted and
	// refused.
	explain bool
}

// reportFile is one --report FORMAT=PATH.
type reportFile struct{ format, path string }

// onceFlag is a string flag that refuses to be given twice: a repeated
// --format would otherwise keep the last one silently.
type onceFlag struct {
	v    *string
	name string
	set  bool
}

func (o *onceFlag) String() string {
	if o.v == nil {
		return ""
	}
	return *o.v
}

func (o *onceFlag) Set(v string) error {
	if o.set {
		return usageWords.Errorf("format-twice", *o.v, v)
	}
	*o.v, o.set = v, true
	return nil
}

// reportsFlag collects --report FORMAT=PATH.
type reportsFlag struct{ list *[]reportFile }

func (r reportsFlag) String() string { return "" }

func (r reportsFlag) Set(v string) error {
	format, path, ok := strings.Cut(v, "=")
	if !ok || path == "" {
		return usageWords.Errorf("report-syntax")
	}
	if _, known := report.Lookup(format); !known {
		return checkWords.Errorf("format", format, report.NameList(false))
	}
	*r.list = append(*r.list, reportFile{format, path})
	return nil
}

func runCheck(env *Env, args []string) int {
	f, path, code := parseCheck(env, args)
	if code != ExitOK || path == "" {
		return code // an error, or --help answered
	}
	ev, code := evaluate(env, f, path)
	if ev == nil {
		return code
	}
	var buf bytes.Buffer
	if err := render(&buf, env, f, ev); err != nil {
		sayErr(env, err)
		return ExitUnreadable
	}
	if err := emit(env, f.output, buf.Bytes()); err != nil {
		sayErr(env, err)
		return ExitUsage
	}
	if err := writeExtraReports(env, f, ev); err != nil {
		sayErr(env, err)
		return ExitUsage
	}
	if ev.Failing() {
		return ExitGaps
	}
	return ExitOK
}

// parseCheck reads the flags of `passation check` (also what the GitHub
// Action mode passes on) and returns them, the format resolved, with the
// path to check. The path is empty when there is nothing more to do: an
// error (the exit code says which) or --help answered (exit 0).
func parseCheck(env *Env, args []string) (checkFlags, string, int) {
	var f checkFlags
	fs := newFlags(env, "check")
	fs.StringVar(&f.ref, "ref", "", "branch, tag or commit to check (default HEAD)")
	fs.StringVar(&f.profile, "profile", "", "rule profile: eig (default) or core")
	fs.Var(&onceFlag{v: &f.format, name: "format"}, "format", "output format: "+report.Names(false)+" (default text; compact with --staged)")
	fs.Var(reportsFlag{&f.reports}, "report", "also write a report to a file, FORMAT=PATH (repeatable, any format; each file whole or not at all)")
	fs.StringVar(&f.color, "color", "auto", "colour the text output: auto (on a terminal, unless NO_COLOR; FORCE_COLOR or CLICOLOR_FORCE turn it on), always or never")
	fs.StringVar(&f.lang, "lang", "", "message language: en or fr (default from LC_ALL, LC_MESSAGES or LANG)")
	fs.StringVar(&f.failOn, "fail-on", "", "exit 1 when an item at or above this level is missing: error, warning, notice or never (default error)")
	fs.StringVar(&f.config, "config", "", "configuration file to use instead of the repository's .passation.yml")
	fs.Var(&f.rules, "rules", "folder of extra rule files, loaded after the embedded catalogue (repeatable)")
	fs.BoolVar(&f.printConfig, "print-config", false, "show the effective configuration (profile, overrides, waivers) and exit")
	fs.StringVar(&f.output, "output", "", "write the report to this file instead of standard output")
	fs.Int64Var(&f.maxRead, "max-read", document.DefaultMaxRead, "read at most this many bytes of one file (0: the default)")
	fs.BoolVar(&f.explain, "explain", false, "show, under each item, every place each kind of evidence considered: what counted, what was refused and why, and which decided")
	fs.BoolVar(&f.staged, "staged", false, "check what the next commit would contain (the git index); print only the gaps, nothing when all is well")
	pos, err := parse(fs, args)
	if err != nil {
		return f, "", parseFailed(err)
	}
	if l, err := pipeline.ParseLang(f.lang); f.lang != "" && err == nil {
		env.lang = l // the messages from here on, before the pipeline reads lang:
	}
	if len(pos) > 1 {
		return f, "", usageErr(env, checkWords.Errorf("paths", len(pos), strings.Join(pos, " ")))
	}
	path := "."
	if len(pos) == 1 {
		path = pos[0]
	}
	if _, ok := report.Lookup(f.format); !ok && f.format != "" {
		return f, "", usageErr(env, checkWords.Errorf("format", f.format, report.NameList(false)))
	}
	switch f.color {
	case "auto", "always", "never":
	default:
		return f, "", usageErr(env, checkWords.Errorf("color", f.color))
	}
	if err := checkMaxRead(f.maxRead); err != nil {
		return f, "", usageErr(env, err)
	}
	if f.staged && f.ref != "" {
		return f, "", usageErr(env, checkWords.Errorf("staged-ref"))
	}
	switch {
	case f.format == "" && f.staged:
		f.format = "compact"
	case f.format == "":
		f.format = "text"
	}
	return f, path, ExitOK
}

// request turns the flags of a check into a pipeline request.
func request(env *Env, f checkFlags, path string) pipeline.Request {
	return pipeline.Request{
		Path: path, Ref: f.ref, Staged: f.staged, IndexFile: env.Getenv("GIT_INDEX_FILE"),
		Profile: f.profile, ConfigFile: f.config, RuleDirs: f.rules,
		Lang: f.lang, FailOn: f.failOn, EnvLang: envLanguage(env.Getenv),
		MaxRead: f.maxRead, Explain: f.explain, Now: env.now(), CacheDir: cacheDir(env.Getenv, "licences"),
		// The history judges the repository's past, not the next commit:
		// a hook that warned of it on every commit would be ignored.
		LeaveOutHistory: f.staged,
		Tool:            finding.Tool{Name: "passation", Version: env.version()},
	}
}

// evaluate runs the pipeline for the flags of a check. On failure it has
// said why on stderr and returns the exit code; with --print-config it
// prints the configuration and returns no evaluation and ExitOK.
func evaluate(env *Env, f checkFlags, path string) (*pipeline.Evaluation, int) {
	p, err := pipeline.Prepare(request(env, f, path))
	if p != nil {
		for _, n := range p.Notes {
			sayErr(env, n)
		}
	}
	if err != nil {
		return nil, pipelineErr(env, err)
	}
	if f.printConfig {
		if err := p.Applied.Print(env.Stdout, p.Settings); err != nil {
			sayErr(env, err)
			return nil, ExitUnreadable
		}
		return nil, ExitOK
	}
	ev, err := p.Run()
	if err != nil {
		return nil, pipelineErr(env, err)
	}
	warnExpired(env, ev.Applied)
	return ev, ExitOK
}

// pipelineErr shows an error of the pipeline and returns its exit code: a
// configuration's problems each at its file, line and column.
func pipelineErr(env *Env, err error) int {
	var ue *pipeline.UsageError
	if errors.As(err, &ue) {
		return configErr(env, ue.Err)
	}
	sayErr(env, err)
	return ExitUnreadable
}

// render writes the report in f.format, through the table of formats.
func render(w io.Writer, env *Env, f checkFlags, ev *pipeline.Evaluation) error {
	format, ok := report.Lookup(f.format)
	if !ok {
		return checkWords.Errorf("format", f.format, report.NameList(false))
	}
	color := useColor(env, f)
	in := report.Input{
		Report: ev.Report, FailOn: ev.FailOn,
		Text:    report.TextOptions{Lang: ev.Lang, Color: color, Groups: groupsOf(ev.Catalog, ev.Lang)},
		Compact: report.CompactOptions{Lang: ev.Lang, Color: color},
	}
	switch format.Name {
	case "compact":
		if err := stagedChanges(ev.Tree, ev.Report, &in.Compact); err != nil {
			return err
		}
	case "sarif", "codequality":
		loc := locate.New(ev.Tree, ev.Rules, ev.Documents)
		in.SARIF = sarifOptions(ev, loc)
		in.Locate = in.SARIF.Locate
	}
	return format.Write(w, in)
}

// useColor decides whether the text output is coloured: --color always or
// never; else never with NO_COLOR, always with FORCE_COLOR or
// CLICOLOR_FORCE (CI logs render colour), and on a terminal otherwise.
func useColor(env *Env, f checkFlags) bool {
	switch f.color {
	case "always":
		return true
	case "never":
		return false
	}
	if env.Getenv("NO_COLOR") != "" {
		return false
	}
	for _, v := range []string{"FORCE_COLOR", "CLICOLOR_FORCE"} {
		if x := env.Getenv(v); x != "" && x != "0" && x != "false" {
			return true
		}
	}
	return env.StdoutIsTerminal && f.output == ""
}

// writeExtraReports writes each --report file, rendered whole first and then
// written atomically: a file is the new report or what was there before.
func writeExtraReports(env *Env, f checkFlags, ev *pipeline.Evaluation) error {
	for _, r := range f.reports {
		var buf bytes.Buffer
		g := f
		g.format, g.color, g.output = r.format, "never", r.path
		if err := render(&buf, env, g, ev); err != nil {
			return checkWords.Wrap(err, "report", r.format, r.path, syserr.Of(err))
		}
		if err := atomicfile.Write(r.path, buf.Bytes()); err != nil {
			return checkWords.Wrap(err, "report", r.format, r.path, syserr.Of(err))
		}
	}
	return nil
}

// stagedChanges tells apart what the commit being prepared stages, for the
// short report: only then is the index compared with HEAD.
func stagedChanges(tree source.Tree, rep *finding.Report, o *report.CompactOptions) error {
	if idx, ok := tree.(*source.IndexTree); ok {
		o.Conflicts = idx.Conflicts()
		var paths []string
		for _, r := range rep.Results {
			if r.Status == finding.Fail && len(r.Evidence) > 0 {
				paths = append(paths, r.Evidence[0].Path)
			}
		}
		changed, err := idx.Changed(paths)
		if err != nil {
			return err
		}
		o.Staged = map[string]bool{}
		for p := range changed {
			o.Staged[p] = true
		}
	}
	return nil
}

// emit writes the report to stdout, or whole to a file: written beside it
// and renamed, so a reader never sees half a report.
func emit(env *Env, output string, data []byte) error {
	if output == "" || output == "-" {
		if _, err := env.Stdout.Write(data); err != nil {
			return cliWords.Wrap(err, "stdout", syserr.Of(err))
		}
		return nil
	}
	return atomicfile.Write(output, data)
}

func groupsOf(cat *catalog.Catalog, lang string) []report.Group {
	out := make([]report.Group, len(cat.Groups))
	for i, g := range cat.Groups {
		out[i] = report.Group{ID: g.ID, Title: g.Title.In(lang)}
	}
	return out
}

// checkWords are the usage errors of passation check.
var checkWords = i18n.Text{
	"paths":      {"check: expected at most one path, got %d (%s)", "check : attendu un chemin au plus, reçu %d (%s)"},
	"format":     {"unknown format %q: expected %s", "format inconnu « %s » : attendu %s"},
	"color":      {"--color %q: expected auto, always or never", "--color « %s » : attendu auto, always ou never"},
	"report":     {"--report %s=%s: %s", "--report %s=%s : %s"},
	"staged-ref": {"--staged checks the index, --ref a commit: use one or the other", "--staged vérifie l'index, --ref un commit : choisissez l'un ou l'autre"},
}

func usageErr(env *Env, err error) int {
	sayErr(env, err)
	return ExitUsage
}

// sayErr shows err on stderr after "passation: ", in the language of the
// run when it has both.
func sayErr(env *Env, err error) {
	// Messages quote names from the repository: no escape code of theirs.
	lines := strings.Split(inLang(err, env.messageLang()), "\n")
	for i, l := range lines {
		lines[i] = safetext.Line(l)
	}
	fmt.Fprintf(env.Stderr, "passation%s%s\n", cliWords.In(env.messageLang(), "sep"), strings.Join(lines, "\n"))
}

// cacheDir is passation's folder in the user's cache (XDG_CACHE_HOME, else
// ~/.cache), "" when neither is known: the check then runs without a cache.
func cacheDir(getenv func(string) string, name string) string {
	base := getenv("XDG_CACHE_HOME")
	if base == "" {
		if home := getenv("HOME"); home != "" {
			base = filepath.Join(home, ".cache")
		}
	}
	if base == "" || !filepath.IsAbs(base) {
		return ""
	}
	return filepath.Join(base, "passation", name)
}
