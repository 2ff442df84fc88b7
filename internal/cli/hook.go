package cli

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/passation/passation/internal/catalog"
	"github.com/passation/passation/internal/finding"
	"github.com/passation/passation/internal/hook"
	"github.com/passation/passation/internal/i18n"
	"github.com/passation/passation/internal/source"
	"github.com/passation/passation/rules"
)

// runHook installs or removes the git pre-commit hook that runs
// `passation check --staged`, for teams without the pre-commit framework.
func runHook(env *Env, args []string) int {
	fs := newFlags(env, "hook")
	failOn := fs.String("fail-on", "", "install: refuse the commit when an item at or above this level is missing (default: the check's)")
	profile := fs.String("profile", "", "install: rule profile the hook checks")
	lng := fs.String("lang", "", "install: language of the hook's messages, en or fr (default from LC_ALL, LC_MESSAGES or LANG)")
	pos, err := parse(fs, args)
	if err != nil {
		return parseFailed(err)
	}
	if len(pos) == 0 || len(pos) > 2 || (pos[0] != "install" && pos[0] != "uninstall") {
		return usageErr(env, usageWords.Errorf("hook-args"))
	}
	command, err := hookCommand(*failOn, *profile, *lng)
	if err != nil {
		return usageErr(env, err)
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
		sayErr(env, err)
		return ExitUnreadable
	}
	var act hook.Action
	var file string
	if pos[0] == "install" {
		act, file, err = hook.Install(h.Dir, command)
	} else {
		act, file, err = hook.Uninstall(h.Dir, command)
	}
	if err != nil {
		sayErr(env, about(pos[0], err))
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
	key := map[hook.Action]string{
		hook.Created: "created", hook.Chained: "chained", hook.Wrapped: "wrapped", hook.AlreadyInstalled: "already",
		hook.Removed: "removed", hook.Unchained: "unchained", hook.Unwrapped: "unwrapped", hook.NotInstalled: "not-installed",
	}[act]
	l := env.messageLang()
	fmt.Fprintln(env.Stdout, fmt.Sprintf(hookWords.In(l, key), shown, where, command))
	if pos[0] == "install" && !onPath(env.Getenv("PATH"), "passation") {
		fmt.Fprintln(env.Stderr, hookWords.In(l, "not-on-path"))
	}
	return ExitOK
}

// hookCommand is the check the hook runs. Its options are written into a
// shell script, so only known values are accepted.
func hookCommand(failOn, profile, lng string) (string, error) {
	cmd := hook.DefaultCommand
	if failOn != "" {
		sev, err := finding.ParseSeverity(failOn, true)
		if err != nil {
			return "", about("--fail-on", err)
		}
		cmd += " --fail-on " + sev.String()
	}
	if profile != "" {
		cat, err := catalog.Load(rules.FS)
		if err != nil {
			return "", err
		}
		if _, err := cat.Select(profile); err != nil {
			return "", err
		}
		if !safeWord.MatchString(profile) {
			return "", usageWords.Errorf("hook-profile", profile)
		}
		cmd += " --profile " + profile
	}
	if lng != "" {
		l, err := lang(lng, func(string) string { return "" })
		if err != nil {
			return "", err
		}
		cmd += " --lang " + l
	}
	return cmd, nil
}

var safeWord = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_-]*$`)

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

// hookWords say what passation hook did, with the hook file, where hooks
// are (core.hooksPath) and the command the hook runs.
var hookWords = i18n.Text{
	"created":       {"passation: wrote %[1]s%[2]s: each commit now runs %[3]s first", "passation : fichier %[1]s%[2]s écrit : chaque commit lance d'abord %[3]s"},
	"chained":       {"passation: added %[3]s at the top of the existing hook %[1]s%[2]s", "passation : %[3]s ajouté en tête du hook existant %[1]s%[2]s"},
	"wrapped":       {"passation: moved the existing hook aside; %[1]s%[2]s now runs %[3]s, then it", "passation : hook existant mis de côté ; %[1]s%[2]s lance maintenant %[3]s, puis lui"},
	"already":       {"passation: %[1]s%[2]s already runs passation: nothing to do (to change its options: passation hook uninstall, then install)%.0[3]s", "passation : %[1]s%[2]s lance déjà passation : rien à faire (pour changer ses options : passation hook uninstall, puis install)%.0[3]s"},
	"removed":       {"passation: removed %[1]s%[2]s, which passation had written%.0[3]s", "passation : %[1]s%[2]s supprimé (passation l'avait écrit)%.0[3]s"},
	"unchained":     {"passation: took passation's lines out of %[1]s%[2]s; the rest is as it was%.0[3]s", "passation : lignes de passation retirées de %[1]s%[2]s ; le reste est inchangé%.0[3]s"},
	"unwrapped":     {"passation: put the previous hook back in %[1]s%[2]s%.0[3]s", "passation : hook précédent remis en place dans %[1]s%[2]s%.0[3]s"},
	"not-installed": {"passation: %[1]s%[2]s has no passation hook: nothing to remove%.0[3]s", "passation : %[1]s%[2]s n'a pas de hook passation : rien à retirer%.0[3]s"},
	"not-on-path": {"passation: note: passation is not on the PATH, so the hook skips the check (with a warning) until it is: run go install . in a clone of passation (or go install github.com/passation/passation@latest)",
		"passation : remarque : passation n'est pas dans le PATH, le hook saute donc la vérification (avec un avertissement) jusqu'à ce qu'il y soit : lancez go install . dans un clone de passation (ou go install github.com/passation/passation@latest)"},
}
