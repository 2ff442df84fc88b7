package cli

import (
	"errors"
	"fmt"
	"os"
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
	if pos[0] == "install" && !onPath(env.Getenv("PATH"), "passation") {
		fmt.Fprintln(env.Stderr, "passation: note: passation is not on the PATH, so the hook skips the check (with a warning) until it is: go install github.com/passation/passation@latest")
	}
	return ExitOK
}

// onPath reports whether an executable named name is in one of the
// folders of path, as the hook's shell will look for it.
func onPath(path, name string) bool {
	for _, dir := range filepath.SplitList(path) {
		if dir == "" {
			dir = "."
		}
		if fi, err := os.Stat(filepath.Join(dir, name)); err == nil && fi.Mode().IsRegular() && fi.Mode().Perm()&0o111 != 0 {
			return true
		}
	}
	return false
}
