package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/passation/passation/internal/atomicfile"
	"github.com/passation/passation/internal/catalog"
	"github.com/passation/passation/internal/check"
	"github.com/passation/passation/internal/config"
	"github.com/passation/passation/internal/finding"
	"github.com/passation/passation/internal/history"
	"github.com/passation/passation/internal/report"
	"github.com/passation/passation/internal/safetext"
	"github.com/passation/passation/internal/source"
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
		fmt.Fprintf(env.Stderr, "passation: %v\n", err)
		return ExitUnreadable
	}
	if err := emit(env, f.output, buf.Bytes()); err != nil {
		fmt.Fprintf(env.Stderr, "passation: %v\n", err)
		return ExitUsage
	}
	if len(finding.Failing(ev.rep.Results, ev.failOn)) > 0 {
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
	fs.StringVar(&f.format, "format", "", "output format: text, compact, json or sarif (default text; compact with --staged)")
	fs.StringVar(&f.lang, "lang", "", "message language: en or fr (default from LANG)")
	fs.StringVar(&f.failOn, "fail-on", "", "exit 1 when an item at or above this level is missing: error, warning, notice or never (default error)")
	fs.StringVar(&f.config, "config", "", "configuration file to use instead of the repository's .passation.yml")
	fs.Var(&f.rules, "rules", "folder of extra rule files, loaded after the embedded catalogue (repeatable)")
	fs.BoolVar(&f.printConfig, "print-config", false, "show the effective configuration (profile, overrides, waivers) and exit")
	fs.StringVar(&f.output, "output", "", "write the report to this file instead of standard output")
	fs.Int64Var(&f.maxRead, "max-read", 1<<20, "read at most this many bytes of one file (0: the default)")
	fs.BoolVar(&f.staged, "staged", false, "check what the next commit would contain (the git index); print only the gaps, nothing when all is well")
	pos, err := parse(fs, args)
	if err != nil {
		return f, "", parseFailed(err)
	}
	if len(pos) > 1 {
		fmt.Fprintf(env.Stderr, "passation check: expected at most one path, got %d (%s)\n", len(pos), strings.Join(pos, " "))
		return f, "", ExitUsage
	}
	path := "."
	if len(pos) == 1 {
		path = pos[0]
	}
	switch f.format {
	case "", "text", "json", "compact", "sarif":
	default:
		return f, "", usageErr(env, fmt.Errorf("unknown format %q: expected text, compact, json or sarif", f.format))
	}
	if err := checkMaxRead(f.maxRead); err != nil {
		return f, "", usageErr(env, err)
	}
	if f.staged && f.ref != "" {
		return f, "", usageErr(env, fmt.Errorf("--staged checks the index, --ref a commit: use one or the other"))
	}
	switch {
	case f.format == "" && f.staged:
		f.format = "compact"
	case f.format == "":
		f.format = "text"
	}
	return f, path, ExitOK
}

// evaluation is one check of one tree, with what every output needs.
type evaluation struct {
	cat    *catalog.Catalog
	rules  []catalog.Rule // the profile's rules, severities applied
	tree   source.Tree
	rep    *finding.Report
	lang   string
	failOn finding.Severity
}

// evaluate loads the catalogue, opens the tree and runs the checklist. On
// failure it has said why on stderr and returns the exit code.
func evaluate(env *Env, f checkFlags, path string) (*evaluation, int) {
	if _, err := lang(f.lang, env.Getenv); err != nil {
		return nil, usageErr(env, err)
	}
	if f.failOn != "" {
		if _, err := finding.ParseSeverity(f.failOn, true); err != nil {
			return nil, usageErr(env, fmt.Errorf("--fail-on: %w", err))
		}
	}
	var (
		tree source.Tree
		code int
		err  error
	)
	if f.staged {
		tree, code, err = openIndex(env, path)
	} else {
		tree, code, err = openTree(env, path, f.ref)
	}
	if err != nil {
		fmt.Fprintf(env.Stderr, "passation: %v\n", err)
		return nil, code
	}
	cfg, code := configure(env, f, tree)
	if cfg == nil {
		return nil, code
	}
	applied := cfg.applied
	if f.printConfig {
		if err := applied.Print(env.Stdout, config.Settings{FailOn: cfg.failOn, Lang: cfg.lang}); err != nil {
			fmt.Fprintf(env.Stderr, "passation: %v\n", err)
			return nil, ExitUnreadable
		}
		return nil, ExitOK
	}
	lng := cfg.lang.Value
	failOn, err := finding.ParseSeverity(cfg.failOn.Value, true)
	if err != nil {
		return nil, usageErr(env, err)
	}
	if f.staged {
		// The history judges the repository's past, not the next commit:
		// a hook that warned of it on every commit would be ignored.
		var rules []catalog.Rule
		for _, r := range applied.Rules {
			if !check.ReadsHistory(r) {
				rules = append(rules, r)
			}
		}
		applied.Rules = rules
	}
	checker, err := check.Compile(applied.Rules)
	if err != nil {
		return nil, usageErr(env, err)
	}
	opt := check.Options{Lang: lng, MaxRead: f.maxRead, CacheDir: cacheDir(env.Getenv, "licences"), Now: env.now()}
	if ct, ok := tree.(*source.CommitTree); ok {
		// A commit has a history; a folder or the index has none.
		opt.History = history.New(ct.Git(), ct.Hash())
	}
	rep, err := checker.Report(applied.Filter(tree), opt,
		check.Meta{Profile: applied.Profile.Value, Tool: finding.Tool{Name: "passation", Version: version()}})
	if err != nil {
		fmt.Fprintf(env.Stderr, "passation: %s: %v\n", path, err)
		return nil, ExitUnreadable
	}
	applied.Finish(rep)
	warnExpired(env, applied)
	return &evaluation{cat: applied.Catalog, rules: applied.Rules, tree: tree, rep: rep, lang: lng, failOn: failOn}, ExitOK
}

// render writes the report in f.format.
func render(w io.Writer, env *Env, f checkFlags, ev *evaluation) error {
	color := env.StdoutIsTerminal && f.output == "" && env.Getenv("NO_COLOR") == ""
	switch f.format {
	case "json":
		return report.JSON(w, ev.rep)
	case "sarif":
		return report.SARIF(w, ev.rep, sarifOptions(ev, f.maxRead))
	case "compact":
		return compact(w, ev.tree, ev.rep, ev.failOn, report.CompactOptions{Lang: ev.lang, Color: color})
	default:
		return report.Text(w, ev.rep, ev.failOn, report.TextOptions{Lang: ev.lang, Color: color, Groups: groupsOf(ev.cat, ev.lang)})
	}
}

// openTree opens what the user pointed at: the git repository around path,
// at ref; or, outside git and without --ref, the folder itself.
func openTree(env *Env, path, ref string) (source.Tree, int, error) {
	if err := isFolder(path); err != nil {
		return nil, ExitUsage, err
	}
	repo, err := source.OpenRepo(path)
	if errors.Is(err, source.ErrNotRepository) {
		if ref != "" {
			return nil, ExitUsage, fmt.Errorf("%s is not inside a git repository: --ref needs one", path)
		}
		dir, derr := source.OpenDir(path)
		if derr != nil {
			return nil, ExitUsage, fmt.Errorf("%s: expected a folder or a git repository: %v", path, derr)
		}
		fmt.Fprintf(env.Stderr, "passation: %s is not a git repository: checking the files of the folder instead\n", path)
		return dir, 0, nil
	}
	if err != nil {
		return nil, ExitUnreadable, err
	}
	t, err := repo.Commit(ref)
	var ue *source.UsageError
	switch {
	case errors.As(err, &ue):
		return nil, ExitUsage, err
	case err != nil:
		return nil, ExitUnreadable, err
	}
	return t, 0, nil
}

// isFolder rejects a path to a file: go-git would quietly check the
// repository around it, and the report would name the file.
func isFolder(path string) error {
	fi, err := os.Stat(path)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return fmt.Errorf("%s does not exist: expected a folder (a git repository or a folder inside one)", path)
	case err != nil:
		return fmt.Errorf("%s: expected a folder (a git repository or a folder inside one): %v", path, err)
	case !fi.IsDir():
		return fmt.Errorf("%s is a file: expected a folder (a git repository or a folder inside one)", path)
	}
	return nil
}

// openIndex opens what the next commit of the repository around path would
// contain. While git runs a pre-commit hook for "git commit -a" or "git
// commit PATH", GIT_INDEX_FILE names the index about to be committed.
func openIndex(env *Env, path string) (source.Tree, int, error) {
	if err := isFolder(path); err != nil {
		return nil, ExitUsage, err
	}
	repo, err := source.OpenRepo(path)
	if errors.Is(err, source.ErrNotRepository) {
		return nil, ExitUsage, fmt.Errorf("%s is not inside a git repository: --staged needs one", path)
	}
	if err != nil {
		return nil, ExitUnreadable, err
	}
	t, err := repo.Index(env.Getenv("GIT_INDEX_FILE"))
	if err != nil {
		return nil, ExitUnreadable, err
	}
	return t, 0, nil
}

// compact writes the short report, telling apart what the commit being
// prepared stages: only then is the index compared with HEAD.
func compact(w io.Writer, tree source.Tree, rep *finding.Report, failOn finding.Severity, o report.CompactOptions) error {
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
	return report.Compact(w, rep, failOn, o)
}

// emit writes the report to stdout, or whole to a file: written beside it
// and renamed, so a reader never sees half a report.
func emit(env *Env, output string, data []byte) error {
	if output == "" || output == "-" {
		_, err := env.Stdout.Write(data)
		return err
	}
	return WriteFileAtomic(output, data)
}

// WriteFileAtomic writes data to a temporary file in the same folder and
// renames it over name: the file is either the old one or the new one whole.
// A new file gets the usual permissions (0666 less the umask), a replaced
// one keeps its own.
func WriteFileAtomic(name string, data []byte) error {
	return atomicfile.Write(name, data)
}

func groupsOf(cat *catalog.Catalog, lang string) []report.Group {
	out := make([]report.Group, len(cat.Groups))
	for i, g := range cat.Groups {
		out[i] = report.Group{ID: g.ID, Title: g.Title.In(lang)}
	}
	return out
}

func usageErr(env *Env, err error) int {
	// Messages quote names from the repository: no escape code of theirs.
	lines := strings.Split(err.Error(), "\n")
	for i, l := range lines {
		lines[i] = safetext.Line(l)
	}
	fmt.Fprintf(env.Stderr, "passation: %s\n", strings.Join(lines, "\n"))
	return ExitUsage
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
