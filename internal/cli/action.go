package cli

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"github.com/passation/passation/internal/action"
	"github.com/passation/passation/internal/finding"
	"github.com/passation/passation/internal/locate"
	"github.com/passation/passation/internal/source"
	"github.com/sethvargo/go-githubactions"
)

// runAction is `passation action`, what action.yml runs: the inputs come
// from INPUT_* variables, the check is `passation check` with those
// options, and internal/action publishes it on GitHub.
func runAction(env *Env, args []string) int {
	gh := githubactions.New(githubactions.WithWriter(env.Stdout), githubactions.WithGetenv(env.Getenv))
	if len(args) > 0 {
		action.Fail(gh, "en", fmt.Errorf("passation action takes no arguments (got %q): its inputs are INPUT_* variables, set by action.yml", strings.Join(args, " ")), action.Options{})
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

	// What check says on stderr may hold repository text: it is printed by
	// the action, where the runner cannot take it for commands.
	var notes bytes.Buffer
	cenv := *env
	cenv.Stderr, cenv.StdoutIsTerminal = &notes, false
	f, path, code := parseCheck(&cenv, in.CheckArgs())
	if code != ExitOK {
		action.Fail(gh, in.Lang, errors.New(strings.TrimSpace(notes.String())), action.Options{})
		return code
	}
	ev, code := evaluate(&cenv, f, path)
	if ev == nil {
		action.Fail(gh, in.Lang, errors.New(strings.TrimSpace(notes.String())), action.Options{})
		return code
	}
	log := bytes.NewBuffer(notes.Bytes())
	if err := render(log, &cenv, f, ev); err != nil {
		action.Fail(gh, ev.lang, err, action.Options{})
		return ExitUnreadable
	}
	loc := locate.New(ev.tree, ev.rules, f.maxRead)
	_, err = action.Publish(gh, in, action.Check{
		Report: ev.rep, Groups: groupsOf(ev.cat, ev.lang), FailOn: ev.failOn,
		Place: loc.For, Root: repoRoot(path, ev.rep), Log: log.Bytes(),
		SARIF: sarifOptionsWith(ev, loc),
	}, action.Options{})
	if err != nil {
		action.Fail(gh, ev.lang, err, action.Options{})
		return ExitUsage
	}
	if len(finding.Failing(ev.rep.Results, ev.failOn)) > 0 {
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
