package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/passation/passation/internal/audit"
	"github.com/passation/passation/internal/catalog"
	"github.com/passation/passation/internal/cohortreport"
	"github.com/passation/passation/internal/document"
	"github.com/passation/passation/internal/finding"
	"github.com/passation/passation/internal/forge"
	"github.com/passation/passation/internal/i18n"
	"github.com/passation/passation/internal/safetext"
	"github.com/passation/passation/rules"
	"github.com/schollz/progressbar/v3"
)

// Exit codes of audit and report merge, besides ExitOK, ExitGaps and
// ExitUsage; documented in the README.
const (
	ExitNotWritten  = 3   // the reports could not be written
	ExitPartial     = 4   // some repositories could not be audited: see the reports
	ExitInterrupted = 130 // Ctrl-C or SIGTERM: the previous reports are left as they were
)

type auditFlags struct {
	from, out, cache, shard, profile, lang, failOn string
	baseline, deadline, deadlineName               string
	jobs, maxFiles, historyDepth                   int
	timeout                                        time.Duration
	maxRead                                        int64
	forge                                          forgeFlags
}

func runAudit(env *Env, args []string) int {
	var f auditFlags
	fs := newFlags(env, "audit")
	fs.StringVar(&f.from, "from", "", "cohort list: a .csv (header url,name,team,challenge,ref,profile,lang) or .yml file; or github:ORGANISATION or gitlab:GROUP, whose repositories (and subgroups') are listed from the forge (token from GITHUB_TOKEN or GITLAB_TOKEN)")
	fs.StringVar(&f.out, "out", "passation-report", "folder to write index.html, report.json, report.csv, report.md and letters/ into")
	fs.IntVar(&f.jobs, "jobs", 0, "repositories audited at once (default: the number of CPUs)")
	f.timeout = 10 * time.Minute
	fs.Var(timeoutFlag{&f.timeout}, "timeout", "time allowed to fetch and check one repository (default 10m0s)")
	fs.StringVar(&f.cache, "cache", "", "keep clones in this folder and update them on the next audit instead of cloning again")
	fs.StringVar(&f.shard, "shard", "", "audit only slice K of N of the list (K/N), to spread a cohort over machines")
	fs.StringVar(&f.profile, "profile", "", "rule profile of repositories that name none: eig (default) or core")
	fs.StringVar(&f.lang, "lang", "", "report language: en or fr (default from LC_ALL, LC_MESSAGES or LANG); letters follow the list's lang column")
	fs.StringVar(&f.failOn, "fail-on", "never", "also exit 1 when a repository misses an item at or above this level: error, warning, notice or never")
	fs.Int64Var(&f.maxRead, "max-read", document.DefaultMaxRead, "read at most this many bytes of one file")
	fs.IntVar(&f.maxFiles, "max-files", 200_000, "stop walking a repository after this many files (reported)")
	fs.StringVar(&f.baseline, "baseline", "", "an earlier audit (its report.json, or the folder it was written into): say what changed since")
	fs.StringVar(&f.deadline, "deadline", "", "the day the cohort works towards (YYYY-MM-DD): the letters count the days left (a .yml list can say deadline: too)")
	fs.StringVar(&f.deadlineName, "deadline-name", "", `what happens that day, as the letters name it ("demo day"; default: the end of the challenge)`)
	fs.IntVar(&f.historyDepth, "history-depth", 0, "commits fetched for the history rules (0: the whole history)")
	f.forge.register(fs)
	pos, err := parse(fs, args)
	if err != nil {
		return parseFailed(err)
	}
	switch {
	case f.from == "" && len(pos) == 0:
		return usageErr(env, errors.New(auditWords.In(envLanguage(env.Getenv).Value, "nothing")))
	}
	lng, err := lang(f.lang, env.Getenv)
	if err != nil {
		return usageErr(env, err)
	}
	env.lang = lng
	if f.from != "" && len(pos) > 0 {
		return usageErr(env, errors.New(auditWords.Count(lng, "both", len(pos), f.from)))
	}
	if err := checkMaxRead(f.maxRead); err != nil {
		return usageErr(env, err)
	}
	failOn, err := finding.ParseSeverity(f.failOn, true)
	if err != nil {
		return usageErr(env, about("--fail-on", err))
	}
	var shard audit.Shard
	if f.shard != "" {
		if shard, err = audit.ParseShard(f.shard); err != nil {
			return usageErr(env, about("--shard", err))
		}
	}
	var prev *audit.Result
	var prevName string
	if f.baseline != "" {
		if !shard.Whole() {
			return usageErr(env, errors.New(auditWords.In(lng, "baseline-shard")))
		}
		if prev, prevName, err = audit.ReadBaseline(f.baseline); err != nil {
			return usageErr(env, err)
		}
	}
	var deadline *audit.Deadline
	spec, fromForge, err := forge.ParseSpec(f.from)
	if err == nil {
		err = f.forge.validate(f.from, spec, fromForge)
	}
	if err != nil {
		return usageErr(env, errors.New(inLang(err, lng)))
	}
	// Ctrl-C and SIGTERM stop the listing or the audit before anything is
	// written, so the previous report stays whole.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	var (
		targets    []audit.Target
		hostTokens []audit.HostToken
		// orgDefaults is the organisation's .github repository.
		orgDefaults *audit.Target
	)
	cat, err := catalog.Load(rules.FS)
	if err != nil {
		return usageErr(env, err)
	}
	switch {
	case fromForge:
		var code int
		if targets, hostTokens, code = listForAudit(ctx, env, &f, spec, cat, lng); targets == nil {
			return code // listed only, or not listed
		}
		if spec.Kind == "github" {
			targets, orgDefaults = splitDefaults(targets, cat.DefaultProfile)
		}
	case f.from != "":
		data, err := os.ReadFile(f.from)
		if err != nil {
			return usageErr(env, about("--from", err))
		}
		targets, err = audit.ParseCohort(f.from, data)
		if err != nil {
			return usageErr(env, err)
		}
		if deadline, err = audit.ParseDeadline(f.from, data); err != nil {
			return usageErr(env, err)
		}
	default:
		if targets, err = audit.FromArgs(pos); err != nil {
			return usageErr(env, err)
		}
	}
	if f.deadline != "" {
		if deadline, err = audit.NewDeadline(f.deadline, f.deadlineName); err != nil {
			return usageErr(env, err)
		}
	} else if f.deadlineName != "" && deadline != nil {
		deadline.Name = f.deadlineName
	}
	auditor, err := audit.New(cat, targets, audit.Options{
		Jobs: f.jobs, Timeout: f.timeout, CacheDir: f.cache, MaxRead: f.maxRead, MaxFiles: f.maxFiles,
		Lang: lng, Profile: f.profile, Tool: finding.Tool{Name: "passation", Version: env.version()},
		Getenv: env.Getenv, HostTokens: hostTokens, Progress: newProgress(env, len(shard.Select(targets)), lng),
		Now: env.now(), HistoryDepth: f.historyDepth, LicenceCache: cacheDir(env.Getenv, "licences"),
		Baseline: prev, BaselineName: prevName, Deadline: deadline, OrgDefaults: orgDefaults,
	})
	if err != nil {
		return usageErr(env, err)
	}
	if err := cohortreport.PrepareOut(f.out); err != nil {
		return usageErr(env, err)
	}
	// The history of earlier audits of this folder is read now: a damaged
	// one stops the audit before anything is fetched.
	progress, err := cohortreport.ReadProgress(f.out)
	if err != nil {
		return usageErr(env, err)
	}
	if f.cache != "" {
		if err := os.MkdirAll(f.cache, 0o700); err != nil {
			return usageErr(env, about("--cache", err))
		}
	}

	res, err := auditor.Run(ctx, targets, shard)
	if err != nil {
		fmt.Fprintln(env.Stderr, fmt.Sprintf(auditWords.In(lng, "interrupted"), f.out))
		return ExitInterrupted
	}
	return finishAudit(env, res, cat, f.out, progress, failOn, lng)
}

// finishAudit writes every output and says how the audit went.
func finishAudit(env *Env, res *audit.Result, cat *catalog.Catalog, out string, progress *cohortreport.Progress, failOn finding.Severity, lng string) int {
	if err := writeReports(out, res, cat, progress); err != nil {
		sayErr(env, err)
		return ExitNotWritten
	}
	failed := res.Failed()
	gaps := 0
	for _, r := range res.Repositories {
		if r.Report != nil && len(finding.Failing(r.Report.Results, failOn)) > 0 {
			gaps++
		}
	}
	fmt.Fprintf(env.Stdout, auditWords.In(lng, "done")+"\n", auditWords.Count(lng, "audited", len(res.Repositories)-failed),
		auditWords.Count(lng, "failed", failed), filepath.Join(out, "index.html"))
	for _, r := range res.Repositories {
		if r.Error != nil {
			fmt.Fprintf(env.Stdout, "  ✘ %s (%s)%s\n", safetext.Line(r.Name), safetext.Line(r.URL), failureText(r.Error, lng))
		}
	}
	switch {
	case failed > 0:
		return ExitPartial
	case gaps > 0:
		return ExitGaps
	}
	return ExitOK
}

// writeReports renders every output and writes them all or none (see
// cohortreport.Write).
func writeReports(out string, res *audit.Result, cat *catalog.Catalog, progress *cohortreport.Progress) error {
	files, err := cohortreport.Files(res, cat, progress)
	if err != nil {
		return err
	}
	return cohortreport.Write(out, files)
}

// newProgress shows a progress bar on a terminal, and one plain line per
// repository elsewhere (CI logs).
func newProgress(env *Env, total int, lng string) func(audit.Event) {
	if env.StderrIsTerminal && env.Getenv("CI") == "" && total > 0 {
		bar := progressbar.NewOptions(total,
			progressbar.OptionSetWriter(env.Stderr),
			progressbar.OptionSetDescription(auditWords.In(lng, "auditing")),
			progressbar.OptionShowCount(),
			progressbar.OptionSetWidth(30),
			progressbar.OptionClearOnFinish(),
			progressbar.OptionThrottle(100*time.Millisecond),
		)
		return func(e audit.Event) {
			if e.Repository.Error != nil {
				_ = bar.Clear()
				fmt.Fprintln(env.Stderr, progressLine(e, lng))
			}
			bar.Describe(truncate(safetext.Line(e.Repository.Name), 24))
			_ = bar.Add(1)
		}
	}
	return func(e audit.Event) { fmt.Fprintln(env.Stderr, progressLine(e, lng)) }
}

func progressLine(e audit.Event, lng string) string {
	r := e.Repository
	head := fmt.Sprintf(auditWords.In(lng, "head"), e.Done, e.Total, safetext.Line(r.Name))
	if r.Error != nil {
		return head + fmt.Sprintf(auditWords.In(lng, "line-failed"), r.Error.Kind) + failureText(r.Error, lng)
	}
	s := r.Report.Summary
	how := e.How
	if auditWords.Has("how-" + how) {
		how = auditWords.In(lng, "how-"+how)
	}
	return head + fmt.Sprintf(auditWords.In(lng, "line-ok"), how, s.Score, auditWords.Count(lng, "missing", s.Fail), e.Elapsed.Round(10*time.Millisecond))
}

// failureText says why a repository could not be audited, after a
// separator: in English the report's message; in French the kind in
// French, then the server's own words (go-git's, in English) quoted.
func failureText(f *audit.Failure, lng string) string {
	if lng != "fr" {
		return ": " + safetext.Line(f.Message)
	}
	s := auditWords.In(lng, "sep") + f.What(lng)
	if d := f.Detail(); d != "" {
		s += auditWords.In(lng, "sep") + "`" + safetext.Line(d) + "`"
	}
	return s
}

// auditWords are the sentences of passation audit and report merge.
var auditWords = i18n.Text{
	"nothing": {"audit: nothing to audit: expected a cohort list (--from cohort.csv) or repository URLs and paths (passation audit https://host/org/repo.git ../local/repo)",
		"audit : rien à auditer : attendu une liste de dépôts (--from cohorte.csv) ou des adresses et chemins de dépôts (passation audit https://hote/org/depot.git ../local/depot)"},
	"both.one":       {"audit: --from %[2]s and %[1]d URL or path given: expected one or the other", "audit : --from %[2]s et %[1]d adresse ou chemin donnés : attendu l'un ou l'autre"},
	"both.many":      {"audit: --from %[2]s and %[1]d URLs or paths given: expected one or the other", "audit : --from %[2]s et %[1]d adresses ou chemins donnés : attendu l'un ou l'autre"},
	"baseline-shard": {"audit: --baseline with --shard: expected one or the other; give the baseline to passation report merge instead", "audit : --baseline avec --shard : attendu l'un ou l'autre ; donnez plutôt la référence à passation report merge"},
	"interrupted":    {"passation audit: interrupted: nothing written, %s is unchanged", "passation audit : interrompu : rien n'a été écrit, %s est inchangé"},
	"done":           {"%s, %s: %s", "%s, %s : %s"},
	"audited.one":    {"%d repository audited", "%d dépôt audité"},
	"audited.many":   {"%d repositories audited", "%d dépôts audités"},
	"failed.one":     {"%d could not be audited", "%d n'a pas pu être audité"},
	"failed.many":    {"%d could not be audited", "%d n'ont pas pu être audités"},
	"auditing":       {"auditing", "audit"},
	"head":           {"passation audit: [%d/%d] %s", "passation audit : [%d/%d] %s"},
	// French shows the kind as an id, then says it in words (failureText).
	"line-failed":  {": FAILED (%s)", " : ÉCHEC (`%s`)"},
	"line-ok":      {": %s, score %d/100, %s (%s)", " : %s, score %d/100, %s (%s)"},
	"missing.one":  {"%d missing", "%d élément manquant"},
	"missing.many": {"%d missing", "%d éléments manquants"},
	"how-cloned":   {"cloned", "cloné"},
	"how-updated":  {"updated", "mis à jour"},
	"how-local":    {"local", "local"},
	"sep":          {": ", " : "},
	"merged.one":   {"passation report merge: %d file, %s", "passation report merge : %d fichier, %s"},
	"merged.many":  {"passation report merge: %d files, %s", "passation report merge : %d fichiers, %s"},
	"repos.one":    {"%d repository", "%d dépôt"},
	"repos.many":   {"%d repositories", "%d dépôts"},
}

func truncate(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

// runReport dispatches the report subcommands: merge.
func runReport(env *Env, args []string) int {
	if len(args) == 1 && (args[0] == "--help" || args[0] == "-h") {
		args = []string{"merge", "--help"}
	}
	if len(args) == 0 || args[0] != "merge" {
		return usageErr(env, usageWords.Errorf("report-sub"))
	}
	fs := newFlags(env, "report merge")
	out := fs.String("out", "passation-report", "folder to write the merged outputs into")
	failOn := fs.String("fail-on", "never", "also exit 1 when a repository misses an item at or above this level")
	baseline := fs.String("baseline", "", "an earlier audit (its report.json, or the folder it was written into): say what changed since")
	pos, err := parse(fs, args[1:])
	if err != nil {
		return parseFailed(err)
	}
	if len(pos) == 0 {
		return usageErr(env, usageWords.Errorf("merge-files"))
	}
	sev, err := finding.ParseSeverity(*failOn, true)
	if err != nil {
		return usageErr(env, about("--fail-on", err))
	}
	if err := cohortreport.PrepareOut(*out); err != nil {
		return usageErr(env, err)
	}
	progress, err := cohortreport.ReadProgress(*out)
	if err != nil {
		return usageErr(env, err)
	}
	parts := make([]*audit.Result, len(pos))
	for i, name := range pos {
		fh, err := os.Open(name)
		if err != nil {
			return usageErr(env, err)
		}
		parts[i], err = audit.ReadJSON(name, io.Reader(fh))
		fh.Close()
		if err != nil {
			return usageErr(env, err)
		}
	}
	res, err := audit.Merge(pos, parts)
	if err != nil {
		return usageErr(env, about("report merge", err))
	}
	if *baseline != "" {
		prev, name, err := audit.ReadBaseline(*baseline)
		if err != nil {
			return usageErr(env, err)
		}
		res.Compare(prev, name)
	}
	cat, err := catalog.Load(rules.FS)
	if err != nil {
		return usageErr(env, err)
	}
	lng := envLanguage(env.Getenv).Value
	fmt.Fprintln(env.Stderr, auditWords.Count(lng, "merged", len(pos), auditWords.Count(lng, "repos", len(res.Repositories))))
	return finishAudit(env, res, cat, *out, progress, sev, lng)
}
