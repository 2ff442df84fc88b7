package audit

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/passation/passation/internal/catalog"
	"github.com/passation/passation/internal/check"
	"github.com/passation/passation/internal/document"
	"github.com/passation/passation/internal/evidence"
	"github.com/passation/passation/internal/finding"
	"github.com/passation/passation/internal/i18n"
	"github.com/passation/passation/internal/pipeline"
	"github.com/passation/passation/internal/source"
	"github.com/passation/passation/internal/syserr"
)

// Options tune an audit. The zero value is the default.
type Options struct {
	// Jobs is how many repositories are fetched and checked at once;
	// 0 means the number of CPUs.
	Jobs int
	// Timeout bounds the fetch and check of one repository; 0 means 10
	// minutes.
	Timeout time.Duration
	// CacheDir keeps the bare clones between audits, updated by the next
	// audit instead of cloned again; "" clones into temporary folders that
	// are removed afterwards.
	CacheDir string
	// TempDir is where temporary clones go; "" is the system's.
	TempDir string
	// MaxRead caps how much of one file is read; 0 means 1 MiB.
	MaxRead int64
	// MaxFiles stops the walk of a tree after that many files, so a
	// repository of a million files is reported, not fatal; 0 means 200,000.
	MaxFiles int
	// Lang is the report language, "en" or "fr" ("" is English).
	Lang string
	// Profile is the rule profile of targets that name none; "" is the
	// catalogue's default.
	Profile string
	// Tool names the program, for the reports.
	Tool finding.Tool
	// Now is the time of the audit, for the rules that compare dates
	// (history, publiccode.yml); zero: those rules skip.
	Now time.Time
	// HistoryDepth is how many commits are fetched when the profile has
	// history rules; 0 means the whole history. Without history rules, only
	// the checked commit is fetched.
	HistoryDepth int
	// LicenceCache keeps the identification of licence texts between runs;
	// "" means none.
	LicenceCache string
	// Getenv reads credentials (GITHUB_TOKEN, GITLAB_TOKEN,
	// PASSATION_TOKEN_<HOST>); nil means no credentials.
	Getenv func(string) string
	// OrgDefaults is the organisation's .github repository, for a cohort
	// listed from a GitHub organisation; nil for none.
	OrgDefaults *Target
	// Deadline is the day the cohort works towards; nil for none.
	Deadline *Deadline
	// Baseline is an earlier audit of the cohort (ReadBaseline), named
	// BaselineName in the report: the result then says what changed since.
	Baseline     *Result
	BaselineName string
	// HostTokens are offered to the remotes of their hosts after
	// PASSATION_TOKEN_<HOST>: the token a cohort was listed with from its
	// forge, for that forge's clones.
	HostTokens []HostToken
	// Progress, when set, is called after each repository, from one
	// goroutine at a time.
	Progress func(Event)
}

// Event reports one finished repository.
type Event struct {
	Done, Total int
	Repository  *Repository
	// How is "cloned", "updated" (from the cache) or "local".
	How     string
	Elapsed time.Duration
}

// Auditor runs audits of one catalogue with fixed options.
type Auditor struct {
	cat      *catalog.Catalog
	opt      Options
	checkers map[string]*check.Checker
	// history tells, per profile, whether a rule reads the git history.
	history map[string]bool
	creds   credentials
	// earlier finds the baseline's repositories.
	earlier baselineIndex
}

// New validates the options and compiles the profiles the targets use; an
// unknown profile names the line of the cohort list that asked for it.
func New(cat *catalog.Catalog, targets []Target, opt Options) (*Auditor, error) {
	if opt.Jobs <= 0 {
		opt.Jobs = runtime.NumCPU()
	}
	if opt.Timeout <= 0 {
		opt.Timeout = 10 * time.Minute
	}
	if opt.MaxRead <= 0 {
		opt.MaxRead = document.DefaultMaxRead
	}
	if opt.MaxFiles <= 0 {
		opt.MaxFiles = 200_000
	}
	if opt.Lang != "fr" {
		opt.Lang = "en"
	}
	if opt.Profile == "" {
		opt.Profile = cat.DefaultProfile
	}
	a := &Auditor{cat: cat, opt: opt, checkers: map[string]*check.Checker{}, history: map[string]bool{}, creds: credentials{opt.Getenv, opt.HostTokens}, earlier: indexBaseline(opt.Baseline)}
	if _, err := a.checker(opt.Profile); err != nil {
		return nil, err
	}
	var errs []error
	for _, t := range targets {
		if t.Profile == "" {
			continue
		}
		if _, err := a.checker(t.Profile); err != nil {
			errs = append(errs, sentences.Wrap(err, "at", t.Pos, syserr.Of(err)))
		}
	}
	return a, errors.Join(errs...)
}

func (a *Auditor) checker(profile string) (*check.Checker, error) {
	if c, ok := a.checkers[profile]; ok {
		return c, nil
	}
	rules, err := a.cat.Select(profile)
	if err != nil {
		return nil, err
	}
	c, err := check.Compile(rules, evidence.Default())
	if err != nil {
		return nil, err
	}
	a.checkers[profile] = c
	for _, r := range rules {
		for _, ev := range r.Evidence {
			a.history[profile] = a.history[profile] || ev.Kind == "history"
		}
	}
	return c, nil
}

// items are the matrix columns: every rule of the profiles in use, in
// catalogue order.
func (a *Auditor) items(ts []Target) []Item {
	used := map[string]bool{}
	for _, t := range ts {
		p := t.Profile
		if p == "" {
			p = a.opt.Profile
		}
		rules, _ := a.cat.Select(p)
		for _, r := range rules {
			used[r.ID] = true
		}
	}
	rules, _ := a.cat.Select(a.opt.Profile)
	for _, r := range rules {
		used[r.ID] = true
	}
	var out []Item
	for _, r := range a.cat.Rules {
		if used[r.ID] {
			out = append(out, Item{Rule: r.ID, Group: r.Group, Severity: r.Severity, Title: r.Title.In(a.opt.Lang)})
		}
	}
	return out
}

// Run audits the targets of one shard of the cohort (the zero Shard for
// all) and returns the result, in cohort order. A repository that cannot be
// fetched or read is recorded with its Failure and the others go on. Run
// returns an error only when ctx is cancelled (Ctrl-C): the caller must then
// not write a partial report.
func (a *Auditor) Run(ctx context.Context, cohort []Target, shard Shard) (*Result, error) {
	targets := shard.Select(cohort)
	secrets := a.creds.secrets(cohort)
	res := &Result{
		Schema: Schema, Tool: a.opt.Tool, Lang: a.opt.Lang, Cohort: len(cohort),
		Items: a.items(cohort), Repositories: make([]Repository, len(targets)),
	}
	if !a.opt.Now.IsZero() {
		res.Date = a.opt.Now.Format(time.DateOnly)
	}
	res.Deadline = a.opt.Deadline
	if a.opt.OrgDefaults != nil {
		res.OrgDefaults = a.checkDefaults(ctx, *a.opt.OrgDefaults, secrets)
	}
	if !shard.Whole() {
		s := shard
		res.Shard = &s
	}
	var (
		mu         sync.Mutex
		done       int
		stragglers sync.WaitGroup
	)
	jobs := make(chan int)
	var workers sync.WaitGroup
	for w := 0; w < min(a.opt.Jobs, max(len(targets), 1)); w++ {
		workers.Add(1)
		go func() {
			defer workers.Done()
			for i := range jobs {
				start := time.Now()
				repo, how := a.one(ctx, targets[i], secrets, &stragglers)
				res.Repositories[i] = repo // each worker writes only its own slot
				if a.opt.Progress != nil {
					mu.Lock()
					done++
					a.opt.Progress(Event{Done: done, Total: len(targets), Repository: &res.Repositories[i], How: how, Elapsed: time.Since(start)})
					mu.Unlock()
				}
			}
		}()
	}
feed:
	for i := range targets {
		select {
		case jobs <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(jobs)
	workers.Wait()
	// Repositories abandoned at their deadline are given a little time to
	// stop and remove their folders.
	waitAtMost(&stragglers, 5*time.Second)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	res.finish()
	markDefaults(res)
	if a.opt.Baseline != nil {
		commits := map[int]int{}
		for _, r := range res.Repositories {
			if r.commitsSince != nil {
				commits[r.Index] = *r.commitsSince
			}
		}
		res.Changes = compare(a.opt.Baseline, a.opt.BaselineName, res, commits)
	}
	return res, nil
}

func waitAtMost(wg *sync.WaitGroup, d time.Duration) {
	c := make(chan struct{})
	go func() { wg.Wait(); close(c) }()
	select {
	case <-c:
	case <-time.After(d):
	}
}

// one audits one target within its deadline. The work runs in its own
// goroutine, which owns its temporary folder: a transfer that ignores the
// deadline (a dial that hangs) is abandoned, and cleans up when it ends.
func (a *Auditor) one(ctx context.Context, t Target, secrets []string, stragglers *sync.WaitGroup) (Repository, string) {
	profile := t.Profile
	if profile == "" {
		profile = a.opt.Profile
	}
	repo := Repository{
		Index: t.Index, Name: t.Name, Team: t.Team, Challenge: t.Challenge,
		URL: Redact(t.URL, secrets), Ref: t.Ref, Profile: profile, Lang: t.Lang,
	}
	ctx, cancel := context.WithTimeout(ctx, a.opt.Timeout)
	defer cancel()
	type outcome struct {
		rep     *finding.Report
		notes   []string
		how     string
		commits *int
		err     error
	}
	c := make(chan outcome, 1)
	stragglers.Add(1)
	go func() {
		defer stragglers.Done()
		var o outcome
		o.rep, o.notes, o.how, o.commits, o.err = a.fetchAndCheck(ctx, t, profile, secrets)
		c <- o
	}()
	select {
	case o := <-c:
		if o.err != nil {
			if ctx.Err() != nil && errors.Is(ctx.Err(), context.DeadlineExceeded) {
				o.err = fmt.Errorf("%w: %v", errTimeout, o.err)
			}
			repo.Error = classify(o.err, secrets)
			return repo, o.how
		}
		repo.Report, repo.Notes, repo.commitsSince = o.rep, o.notes, o.commits
		for i := range repo.Notes {
			repo.Notes[i] = Redact(repo.Notes[i], secrets)
		}
		return repo, o.how
	case <-ctx.Done():
		repo.Error = classify(errTimeout, secrets)
		return repo, ""
	}
}

func (a *Auditor) fetchAndCheck(ctx context.Context, t Target, profile string, secrets []string) (*finding.Report, []string, string, *int, error) {
	checker, err := a.checker(profile)
	if err != nil {
		return nil, nil, "", nil, err
	}
	var tree *source.CommitTree
	how := "local"
	desc := finding.Repository{Path: Redact(t.URL, secrets), Mode: "commit"}
	withHistory := a.history[profile]
	// The commits since the baseline are counted in the fetched history.
	since := a.earlier.commit(t)
	fetchHistory := withHistory || since != ""
	if t.Remote() {
		dir, cleanup, err := a.cloneDir(t, fetchHistory)
		if err != nil {
			return nil, nil, "", nil, err
		}
		defer cleanup()
		user, token, _ := a.creds.auth(t.URL)
		c, err := source.Fetch(ctx, dir, desc.Path, t.URL, t.Ref, source.FetchOptions{User: user, Token: token,
			LargeObject: a.opt.MaxRead, History: fetchHistory, Depth: a.opt.HistoryDepth})
		if err != nil {
			return nil, nil, "", nil, err
		}
		defer c.Close()
		how = c.How
		ct, err := c.Repo.Commit(c.Commit)
		if err != nil {
			return nil, nil, how, nil, err
		}
		tree = ct
		desc.Ref = shortRef(c.Ref, t.Ref)
		desc.Commit = c.Commit
	} else {
		r, err := source.OpenRepo(t.URL)
		if err != nil {
			return nil, nil, how, nil, err
		}
		defer r.Close()
		ct, err := r.Commit(t.Ref)
		if err != nil {
			return nil, nil, how, nil, err
		}
		tree = ct
		d := ct.Describe()
		desc.Ref, desc.Commit = d.Ref, d.Commit
	}
	var commits *int
	if n, known, err := tree.CommitsSince(since); err == nil && known {
		commits = &n
	}
	g := &guardedTree{Tree: tree, desc: desc, maxFiles: a.opt.MaxFiles, maxRead: a.opt.MaxRead}
	var commit *source.CommitTree
	if withHistory {
		commit = tree
	}
	// The team's own .passation.yml: its waivers and documents declared
	// elsewhere count in the cohort's report; a broken one is said, not fatal.
	rep, cfgErr, err := pipeline.JudgeMember(pipeline.Member{
		Tree: g, Commit: commit, Checker: checker, Profile: profile,
		Lang: a.opt.Lang, MaxRead: a.opt.MaxRead, Now: a.opt.Now, CacheDir: a.opt.LicenceCache, Tool: a.opt.Tool,
	})
	if err != nil {
		return nil, nil, how, nil, err
	}
	notes := g.notes(a.opt.Lang)
	if cfgErr != nil {
		notes = append(notes, sentences.Errorf("config-ignored", syserr.Of(cfgErr)).In(a.opt.Lang))
	}
	return rep, notes, how, commits, nil
}

// shortRef is the ref as reports show it: what the user asked for, or the
// branch the remote's HEAD pointed to.
func shortRef(full, asked string) string {
	if asked != "" {
		return asked
	}
	return strings.TrimPrefix(full, "refs/heads/")
}

var unsafeName = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

// cloneDir is where a target's bare clone lives: a fresh temporary folder,
// removed by cleanup, or its folder in the cache, kept.
func (a *Auditor) cloneDir(t Target, withHistory bool) (string, func(), error) {
	if a.opt.CacheDir == "" {
		dir, err := os.MkdirTemp(a.opt.TempDir, "passation-audit-*")
		if err != nil {
			return "", nil, sentences.Wrap(err, "temp", syserr.Of(err))
		}
		return dir, func() { os.RemoveAll(dir) }, nil
	}
	// The cache holds clones of private repositories: owner only.
	if err := os.MkdirAll(a.opt.CacheDir, 0o700); err != nil {
		return "", nil, sentences.Wrap(err, "cache", syserr.Of(err))
	}
	if err := os.Chmod(a.opt.CacheDir, 0o700); err != nil {
		return "", nil, sentences.Wrap(err, "cache", syserr.Of(err))
	}
	// One folder per URL and ref: readable, and unique by a hash of both;
	// the readable part is cut so that any name fits a file system's 255
	// bytes.
	sum := sha256.Sum256([]byte(t.URL + "\x00" + t.Ref))
	name := strings.Trim(unsafeName.ReplaceAllString(Redact(t.Name, nil), "-"), "-.")
	if len(name) > 64 {
		name = strings.TrimRight(name[:64], "-.")
	}
	if name == "" {
		name = "repo"
	}
	// A clone with history is kept apart from a shallow one: go-git does
	// not deepen a shallow clone.
	kind := ".git"
	if withHistory {
		kind = "-history.git"
	}
	dir := filepath.Join(a.opt.CacheDir, name+"-"+hex.EncodeToString(sum[:6])+kind)
	return dir, func() {}, nil
}

// guardedTree bounds what a repository can make the check do: the walk stops
// after maxFiles files, and files read only in part are remembered, so that
// both are reported instead of failing the audit.
type guardedTree struct {
	source.Tree
	desc     finding.Repository
	maxFiles int
	maxRead  int64

	mu        sync.Mutex
	files     int
	stopped   bool
	truncated []string
}

// Describe implements source.Tree: the URL and ref, not the clone's folder.
func (g *guardedTree) Describe() finding.Repository { return g.desc }

// Walk implements source.Tree.
func (g *guardedTree) Walk(v source.Visitor) error {
	return g.Tree.Walk(&guardedVisitor{g: g, v: v})
}

// Read implements source.Tree.
func (g *guardedTree) Read(e source.Entry, max int64) ([]byte, bool, error) {
	data, more, err := g.Tree.Read(e, max)
	if more && max >= g.maxRead {
		g.mu.Lock()
		g.truncated = append(g.truncated, e.Path)
		g.mu.Unlock()
	}
	return data, more, err
}

func (g *guardedTree) notes(lang string) []string {
	var out []string
	if g.stopped {
		out = append(out, sentences.Count(lang, "note-files", g.maxFiles))
	}
	for _, p := range g.truncated {
		out = append(out, fmt.Sprintf(sentences.For(lang, "note-big", int(g.maxRead)), p, g.maxRead))
	}
	return out
}

type guardedVisitor struct {
	g *guardedTree
	v source.Visitor
}

func (gv *guardedVisitor) Dir(p string) bool {
	return !gv.g.stopped && gv.v.Dir(p)
}

func (gv *guardedVisitor) File(e source.Entry) {
	if gv.g.stopped {
		return
	}
	gv.g.files++
	if gv.g.files > gv.g.maxFiles {
		gv.g.stopped = true
		return
	}
	gv.v.File(e)
}

var sentences = i18n.Text{
	"at":             {"%s: %s", "%s : %s"},
	"temp":           {"temporary folder: %s", "dossier temporaire : %s"},
	"cache":          {"--cache: %s", "--cache : %s"},
	"config-ignored": {"configuration ignored: %s", "configuration ignorée : %s"},
	"shard":          {"invalid shard %q: expected K/N with 1 ≤ K ≤ N, e.g. 2/4", "tranche « %s » non valide : attendu K/N avec 1 ≤ K ≤ N, par exemple 2/4"},
	"deadline":       {"--deadline %q: expected a date such as 2026-06-30", "--deadline « %s » : attendu une date telle que 2026-06-30"},
	"deadline-key":   {"%s:%d: unknown key %q under deadline: expected date or name", "%s:%d : clé inconnue « %s » sous deadline : attendu date ou name"},
	"deadline-value": {"%s:%d: deadline: expected a date (2026-06-30) or {date: 2026-06-30, name: demo day}", "%s:%d : deadline : attendu une date (2026-06-30) ou {date: 2026-06-30, name: démo}"},
	"deadline-date":  {"%s:%d: deadline %q: expected a date such as 2026-06-30", "%s:%d : deadline « %s » : attendu une date telle que 2026-06-30"},
	"baseline-open": {"--baseline: %s: expected the report.json of an earlier passation audit, or the folder it was written into",
		"--baseline : %s : attendu le report.json d'un audit passation antérieur, ou le dossier où il a été écrit"},
	"baseline": {"--baseline: %s", "--baseline : %s"},
	"baseline-shard": {"--baseline: %s is shard %d/%d: expected a whole audit (passation report merge joins the shards)",
		"--baseline : %s est la tranche %d/%d : attendu un audit complet (passation report merge réunit les tranches)"},
	"note-files.one": {"more than %d file: the rest of the tree was not checked (--max-files)",
		"plus de %d fichier : la suite de l'arborescence n'a pas été vérifiée (--max-files)"},
	"note-files.many": {"more than %d files: the rest of the tree was not checked (--max-files)",
		"plus de %d fichiers : la suite de l'arborescence n'a pas été vérifiée (--max-files)"},
	"note-big.one": {"%s is larger than %d byte: only its beginning was read (--max-read)",
		"%s dépasse %d octet : seul son début a été lu (--max-read)"},
	"note-big.many": {"%s is larger than %d bytes: only its beginning was read (--max-read)",
		"%s dépasse %d octets : seul son début a été lu (--max-read)"},
}

func say(lang, key string) string { return sentences.In(lang, key) }
