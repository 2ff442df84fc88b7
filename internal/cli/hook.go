package cli

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/passation/passation/internal/hook"
	"github.com/passation/passation/internal/source"
)

// runHook installs or removes the git pre-commit hook that runs
// `passation check --staged`, for teams without the pre-commit framework.
func runHook(env *Env, args []string) int {
	fs := newFlags(env, "hook")
	pos, err := parse(fs, args)
	if err != nil {
		return ExitUsage
	}
	if len(pos) == 0 || len(pos) > 2 || (pos[0] != "install" && pos[0] != "uninstall") {
		return usageErr(env, fmt.Errorf("expected passation hook install [PATH] or passation hook uninstall [PATH]"))
	}
	path := "."
	if len(pos) == 2 {
		path = pos[1]
	}
	h, err := source.FindHooks(path, env.Getenv)
	switch {
	case errors.Is(err, source.ErrNotRepository), errors.Is(err, source.ErrBare):
		return usageErr(env, err)
	case err != nil:
		fmt.Fprintf(env.Stderr, "passation: %v\n", err)
		return ExitUnreadable
	}
	var act hook.Action
	var file string
	if pos[0] == "install" {
		act, file, err = hook.Install(h.Dir, hook.DefaultCommand)
	} else {
		act, file, err = hook.Uninstall(h.Dir, hook.DefaultCommand)
	}
	if err != nil {
		fmt.Fprintf(env.Stderr, "passation: %s: %v\n", pos[0], err)
		return ExitUnreadable
	}
	shown := file
	if rel, err := filepath.Rel(h.WorkTree, file); err == nil && !strings.HasPrefix(rel, "..") {
		shown = rel
	}
	where := ""
	if h.HooksPath != "" {
		where = fmt.Sprintf(" (core.hooksPath = %s)", h.HooksPath)
	}
	msg := map[hook.Action]string{
		hook.Created:          "wrote %s%s: each commit now runs " + hook.DefaultCommand + " first",
		hook.Chained:          "added " + hook.DefaultCommand + " at the top of the existing hook %s%s",
		hook.Wrapped:          "moved the existing hook aside; %s%s now runs " + hook.DefaultCommand + ", then it",
		hook.AlreadyInstalled: "%s%s already runs passation: nothing to do",
		hook.Removed:          "removed %s%s, which passation had written",
		hook.Unchained:        "took passation's lines out of %s%s; the rest is as it was",
		hook.Unwrapped:        "put the previous hook back in %s%s",
		hook.NotInstalled:     "%s%s has no passation hook: nothing to remove",
	}[act]
	fmt.Fprintf(env.Stdout, "passation: "+msg+"\n", shown, where)
	return ExitOK
}
