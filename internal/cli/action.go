package cli

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"github.com/passation/passation/internal/action"
	"github.com/passation/passation/internal/document"
	"github.com/passation/passation/internal/finding"
	"github.com/passation/passation/internal/i18n"
	"github.com/passation/passation/internal/locate"
	"github.com/passation/passation/internal/source"
	"github.com/sethvargo/go-githubactions"
)

// runAction is `passation action`, what action.yml runs: the inputs come
// from INPUT_* variables, the check is `passation check` with those
// options, and internal/action publishes it on GitHub.
func runAction(env *Env, args []string) int {
	gh := githubactions.New(githubactions.WithWriter(env.Stdout), githubactions.WithGetenv(env.Getenv))
	if len(args) == 1 && (args[0] == "--help" || args[0] == "-h") {
		// passation help action: its synopsis, as every command's.
		for _, c := range commands() {
			if c.name == "action" {
				fmt.Fprintf(env.Stdout, helpWords.In(env.messageLang(), "usage-cmd")+"\n", usageLine(c, env.messageLang()))
			}
		}
		return ExitOK
	}
	if len(args) > 0 {
		action.Fail(gh, env.messageLang(), actionWords.Errorf("args", strings.Join(args, " ")), action.Options{})
		return ExitUsage
	}
	in, err := action.ReadInputs(gh)
	if err != nil {
		action.Fail(gh, in.Lang, err, action.Options{})
		return ExitUsage
	}
	in = in.Resolve(env.Getenv("GITHUB_WORKSPACE"))
	if err := in.CheckPaths(); err != nil {
		action.Fail(gh, in.Lang, err, action.Options{})
		return ExitUsage
	}

	// What the check has to say may hold repository text: it is printed
	// by the action, where the runner cannot take it for commands.
	f := checkFlags{ref: in.Ref, profile: in.Profile, config: in.Config,
		failOn: in.FailOn, lang: in.Lang, format: in.Format, maxRead: document.DefaultMaxRead}
	var notes bytes.Buffer
	cenv := *env
	cenv.Stderr, cenv.StdoutIsTerminal = &notes, false
	ev, code := evaluate(&cenv, f, in.Path)
	if ev == nil {
		action.Fail(gh, in.Lang, errors.New(strings.TrimSpace(notes.String())), action.Options{})
		return code
	}
	log := bytes.NewBuffer(notes.Bytes())
	if err := render(log, &cenv, f, ev); err != nil {
		action.Fail(gh, ev.Lang, err, action.Options{})
		return ExitUnreadable
	}
	loc := locate.New(ev.Tree, ev.Rules, ev.Documents)
	_, err = action.Publish(gh, in, action.Check{
		Report: ev.Report, Groups: groupsOf(ev.Catalog, ev.Lang), FailOn: ev.FailOn,
		Place: loc.For, Root: repoRoot(in.Path, ev.Report), Log: log.Bytes(),
		SARIF: sarifOptions(ev, loc),
	}, action.Options{})
	if err != nil {
		action.Fail(gh, ev.Lang, err, action.Options{})
		return ExitUsage
	}
	if ev.Failing() {
		return ExitGaps
	}
	return ExitOK
}

// repoRoot is the folder that evidence paths are relative to: the work
// tree of the git repository, or the folder checked outside git.
func repoRoot(path string, rep *finding.Report) string {
	if rep.Repository.Mode == "directory" {
		return rep.Repository.Path
	}
	root, err := source.WorkTree(path)
	if err != nil {
		return "" // a bare repository: no files on disk to point at
	}
	return root
}

var actionWords = i18n.Text{
	"args": {"passation action takes no arguments (got %q): its inputs are INPUT_* variables, set by action.yml",
		"passation action ne prend pas d'argument (reçu « %s ») : ses entrées sont les variables INPUT_*, que fixe action.yml"},
}
