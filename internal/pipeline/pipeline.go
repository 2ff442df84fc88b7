// Package pipeline checks one tree from a request to an evaluation: it
// opens the repository (a commit, the index or a folder), reads and applies
// the configuration, compiles the profile's rules once and runs them. It
// prints nothing: what it has to say comes back as notes and typed errors,
// and each caller — check, the GitHub Action, the pre-commit hook, init
// --templates, the cohort audit — shows them its own way.
package pipeline

import (
	"errors"
	"os"
	"strings"
	"time"

	"github.com/passation/passation/internal/catalog"
	"github.com/passation/passation/internal/check"
	"github.com/passation/passation/internal/config"
	"github.com/passation/passation/internal/document"
	"github.com/passation/passation/internal/evidence"
	"github.com/passation/passation/internal/finding"
	"github.com/passation/passation/internal/history"
	"github.com/passation/passation/internal/i18n"
	"github.com/passation/passation/internal/source"
	"github.com/passation/passation/internal/syserr"
	"github.com/passation/passation/rules"
)

// Request is what to check and how.
type Request struct {
	// Path is a folder: a git repository, a folder inside one, or a folder
	// outside git.
	Path string
	// Ref is the commit to check ("" for HEAD); Staged checks the index
	// instead, IndexFile naming another index (GIT_INDEX_FILE) when set.
	Ref       string
	Staged    bool
	IndexFile string
	// Profile, ConfigFile and RuleDirs are --profile, --config and --rules.
	Profile    string
	ConfigFile string
	RuleDirs   []string
	// Lang and FailOn are the values asked for ("" leaves them to the
	// configuration file, then to EnvLang and "error").
	Lang, FailOn string
	// EnvLang is the language of the environment and where it comes from.
	EnvLang config.Choice
	// MaxRead caps what is read of one file; 0 means 1 MiB.
	MaxRead int64
	// Explain keeps, on each result, what every evidence considered.
	Explain bool
	// Now is the clock of the date rules; CacheDir keeps licence
	// identifications from one run to the next ("" for none).
	Now      time.Time
	CacheDir string
	// LeaveOutHistory drops the rules judged on the history alone: a
	// pre-commit check judges the next commit, not the repository's past.
	LeaveOutHistory bool
	// Tool names passation in the report.
	Tool finding.Tool
	// Registry is the evidence kinds; nil means evidence.Default().
	Registry *evidence.Registry
}

// UsageError is a mistake of the request or of a configuration or rule
// file: exit code 2. A configuration's problems come joined, each a
// yamlfile error with its file, line and column.
type UsageError struct{ Err error }

func (e *UsageError) Error() string { return e.Err.Error() }
func (e *UsageError) Unwrap() error { return e.Err }

// UnreadableError is a repository that could not be read: exit code 3.
type UnreadableError struct{ Err error }

func (e *UnreadableError) Error() string { return e.Err.Error() }
func (e *UnreadableError) Unwrap() error { return e.Err }

func usage(err error) error      { return &UsageError{err} }
func unreadable(err error) error { return &UnreadableError{err} }

// Prepared is a tree opened and its configuration applied, ready to run.
type Prepared struct {
	Request Request
	Tree    source.Tree
	Applied *config.Applied
	// Settings are the language and fail-on level chosen, with where each
	// comes from (for --print-config).
	Settings config.Settings
	// Notes are what the caller should tell the user, in order (a folder
	// checked outside git), in both languages.
	Notes []*i18n.Error
}

// Evaluation is one check of one tree, with what every output needs.
type Evaluation struct {
	*Prepared
	Catalog *catalog.Catalog
	// Rules are the profile's rules, severities applied.
	Rules   []catalog.Rule
	Checker *check.Checker
	// Documents are the documents the check parsed, for the locator.
	Documents *document.Cache
	Report    *finding.Report
	Lang      string
	FailOn    finding.Severity
}

// Failing reports whether a gap at or above the fail-on level remains.
func (ev *Evaluation) Failing() bool { return len(finding.Failing(ev.Report.Results, ev.FailOn)) > 0 }

// Prepare opens the tree and applies its configuration. When the tree
// opened, the Prepared it returns holds the notes to show, even with an
// error.
func Prepare(req Request) (*Prepared, error) {
	if req.Lang != "" {
		if _, err := ParseLang(req.Lang); err != nil {
			return nil, usage(err)
		}
	}
	if req.FailOn != "" {
		if _, err := finding.ParseSeverity(req.FailOn, true); err != nil {
			return nil, usage(words.Wrap(err, "flag", "--fail-on", syserr.Of(err)))
		}
	}
	if req.Staged && req.Ref != "" {
		return nil, usage(words.Errorf("staged-ref"))
	}
	p := &Prepared{Request: req}
	var err error
	if req.Staged {
		p.Tree, err = openIndex(req.Path, req.IndexFile)
	} else {
		p.Tree, p.Notes, err = openTree(req.Path, req.Ref)
	}
	if err != nil {
		return nil, err
	}
	var file *config.File
	if req.ConfigFile != "" {
		file, err = config.ReadFile(req.ConfigFile)
	} else {
		file, err = config.Discover(p.Tree)
	}
	if err == nil {
		p.Applied, err = config.Apply(file, rules.FS, p.Tree, config.Options{Profile: req.Profile, RuleDirs: req.RuleDirs, Now: req.Now})
	}
	if err != nil {
		return p, usage(err)
	}
	var fileLang, fileFailOn config.Setting
	if file != nil {
		fileLang, fileFailOn = file.Lang, file.FailOn
	}
	p.Settings = config.Settings{
		Lang:   config.Choose(strings.ToLower(req.Lang), "--lang", fileLang, req.EnvLang),
		FailOn: config.Choose(strings.ToLower(req.FailOn), "--fail-on", fileFailOn, config.Choice{Value: "error", From: "default"}),
	}
	return p, nil
}

// Run compiles the profile's rules and checks the tree.
func (p *Prepared) Run() (*Evaluation, error) {
	req := p.Request
	failOn, err := finding.ParseSeverity(p.Settings.FailOn.Value, true)
	if err != nil {
		return nil, usage(err)
	}
	applied := p.Applied
	reg := req.Registry
	if reg == nil {
		reg = evidence.Default()
	}
	if req.LeaveOutHistory {
		var kept []catalog.Rule
		for _, r := range applied.Rules {
			if !reg.JudgedOnHistory(r) {
				kept = append(kept, r)
			}
		}
		applied.Rules = kept
	}
	checker, err := check.Compile(applied.Rules, reg)
	if err != nil {
		return nil, usage(err)
	}
	lang := p.Settings.Lang.Value
	tree := applied.Filter(p.Tree)
	docs := document.NewCache(tree, req.MaxRead)
	opt := check.Options{Lang: lang, MaxRead: req.MaxRead, CacheDir: req.CacheDir, Now: req.Now, Documents: docs, Explain: req.Explain}
	if ct, ok := p.Tree.(*source.CommitTree); ok {
		// A commit has a history; a folder or the index has none.
		opt.History = history.New(ct.Store(), ct.Hash())
	}
	rep, err := checker.Report(tree, opt, check.Meta{Profile: applied.Profile.Value, Tool: req.Tool})
	if err != nil {
		return nil, unreadable(words.Wrap(err, "flag", req.Path, syserr.Of(err)))
	}
	applied.Finish(rep)
	return &Evaluation{
		Prepared: p, Catalog: applied.Catalog, Rules: applied.Rules, Checker: checker,
		Documents: docs, Report: rep, Lang: lang, FailOn: failOn,
	}, nil
}

// Evaluate prepares and runs a request.
func Evaluate(req Request) (*Evaluation, []string, error) {
	p, err := Prepare(req)
	var notes []string
	if p != nil {
		for _, n := range p.Notes {
			notes = append(notes, n.In(req.Lang))
		}
	}
	if err != nil {
		return nil, notes, err
	}
	ev, err := p.Run()
	return ev, notes, err
}

// ParseLang reads a language asked for: en or fr, in any case.
func ParseLang(v string) (string, error) {
	switch l := strings.ToLower(v); l {
	case "en", "fr":
		return l, nil
	}
	return "", words.Errorf("lang", v)
}

// openTree opens what the user pointed at: the git repository around path,
// at ref; or, outside git and without a ref, the folder itself.
func openTree(path, ref string) (source.Tree, []*i18n.Error, error) {
	if err := isFolder(path); err != nil {
		return nil, nil, usage(err)
	}
	repo, err := source.OpenRepo(path)
	if errors.Is(err, source.ErrNotRepository) {
		if ref != "" {
			return nil, nil, usage(words.Errorf("ref-no-git", path))
		}
		dir, derr := source.OpenDir(path)
		if derr != nil {
			return nil, nil, usage(words.Errorf("not-folder", path, syserr.Of(derr)))
		}
		return dir, []*i18n.Error{words.Errorf("folder-note", path)}, nil
	}
	if err != nil {
		return nil, nil, unreadable(err)
	}
	t, err := repo.Commit(ref)
	var ue *source.UsageError
	switch {
	case errors.As(err, &ue):
		return nil, nil, usage(err)
	case err != nil:
		return nil, nil, unreadable(err)
	}
	return t, nil, nil
}

// openIndex opens what the next commit of the repository around path would
// contain. While git runs a pre-commit hook for "git commit -a" or "git
// commit PATH", GIT_INDEX_FILE names the index about to be committed.
func openIndex(path, indexFile string) (source.Tree, error) {
	if err := isFolder(path); err != nil {
		return nil, usage(err)
	}
	repo, err := source.OpenRepo(path)
	if errors.Is(err, source.ErrNotRepository) {
		return nil, usage(words.Errorf("staged-no-git", path))
	}
	if err != nil {
		return nil, unreadable(err)
	}
	t, err := repo.Index(indexFile)
	if err != nil {
		return nil, unreadable(err)
	}
	return t, nil
}

// isFolder rejects a path to a file: go-git would quietly check the
// repository around it, and the report would name the file.
func isFolder(path string) error {
	fi, err := os.Stat(path)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return words.Errorf("missing", path)
	case err != nil:
		return words.Errorf("unreadable", path, syserr.Of(err))
	case !fi.IsDir():
		return words.Errorf("file", path)
	}
	return nil
}

// Member is one repository of a cohort, already fetched. An audit compiles
// the cohort's profile once and judges every repository with it: the
// programme's profile and severities apply, and of the repository's own
// configuration only its waivers and documents declared elsewhere count.
type Member struct {
	// Tree is what is walked (the audit's bounded view of the commit).
	Tree source.Tree
	// Commit is the commit for the history rules; nil leaves them undecided.
	Commit   *source.CommitTree
	Checker  *check.Checker
	Profile  string
	Lang     string
	MaxRead  int64
	Now      time.Time
	CacheDir string
	Tool     finding.Tool
}

// JudgeMember checks one repository of a cohort. It returns the report and,
// apart, the problem of the repository's own configuration file when one
// made it ignored (a cohort report says so and goes on).
func JudgeMember(m Member) (rep *finding.Report, configProblem error, err error) {
	opt := check.Options{Lang: m.Lang, MaxRead: m.MaxRead, Now: m.Now, CacheDir: m.CacheDir}
	if m.Commit != nil {
		opt.History = history.New(m.Commit.Store(), m.Commit.Hash())
	}
	file, cfgErr := config.Discover(m.Tree)
	rep, err = m.Checker.Report(m.Tree, opt, check.Meta{Profile: m.Profile, Tool: m.Tool})
	if err != nil {
		return nil, nil, unreadable(err)
	}
	if cfgErr != nil {
		file = nil
	}
	config.ForAudit(file, m.Now).Finish(rep)
	return rep, cfgErr, nil
}

// words are the pipeline's usage errors in both languages.
var words = i18n.Text{
	"flag":          {"%s: %s", "%s : %s"},
	"folder-note":   {"%s is not a git repository: checking the files of the folder instead", "%s n'est pas un dépôt git : ce sont les fichiers du dossier qui sont vérifiés"},
	"staged-ref":    {"--staged checks the index, --ref a commit: use one or the other", "--staged vérifie l'index, --ref un commit : choisissez l'un ou l'autre"},
	"lang":          {"unknown language %q: expected en or fr", "langue inconnue « %s » : attendu en ou fr"},
	"ref-no-git":    {"%s is not inside a git repository: --ref needs one", "%s n'est pas dans un dépôt git : --ref en demande un"},
	"not-folder":    {"%s: expected a folder or a git repository: %v", "%s : attendu un dossier ou un dépôt git : %v"},
	"staged-no-git": {"%s is not inside a git repository: --staged needs one", "%s n'est pas dans un dépôt git : --staged en demande un"},
	"missing":       {"%s does not exist: expected a folder (a git repository or a folder inside one)", "%s n'existe pas : attendu un dossier (un dépôt git ou un dossier qu'il contient)"},
	"unreadable":    {"%s: expected a folder (a git repository or a folder inside one): %v", "%s : attendu un dossier (un dépôt git ou un dossier qu'il contient) : %v"},
	"file":          {"%s is a file: expected a folder (a git repository or a folder inside one)", "%s est un fichier : attendu un dossier (un dépôt git ou un dossier qu'il contient)"},
}
