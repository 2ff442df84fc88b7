package cli

import (
	"errors"
	"flag"
	"io"
	"strings"

	"github.com/passation/passation/internal/clidoc"
	"github.com/passation/passation/internal/i18n"
	"github.com/passation/passation/internal/syserr"
)

// program describes passation's command line for the completion scripts
// and the man page: the commands of the table, each with the flags its own
// flag set declares, read by running it with --help (see flagsOf). Nothing
// here lists a flag.
func (env *Env) program() clidoc.Program {
	b := env.build()
	p := clidoc.Program{
		Name:    "passation",
		Version: b.Version,
		Date:    b.Date,
		Summary: "tell whether a repository is ready to be handed over",
		Description: []string{
			"passation checks a git repository against the handover checklist of the Entrepreneurs d'intérêt général programme " +
				"(licence, maintainers, installation guide, user manual, architecture, deployment, knowledge transfer...), " +
				"judged on what is committed: for each item it says found (which file, which heading, which line) or missing (and what to add, where).",
			"It runs in CI (passation action, the GitHub Action), before each commit (check --staged, hook install, the pre-commit framework) " +
				"and over a whole cohort of repositories (audit). Messages exist in English and French (--lang, else LC_ALL, LC_MESSAGES or LANG).",
			"passation help COMMAND, or passation COMMAND --help, shows a command's flags with their defaults.",
		},
		ExitCodes: []clidoc.ExitCode{
			{Code: ExitOK, Meaning: "nothing is missing at or above --fail-on (audit: every repository was audited)."},
			{Code: ExitGaps, Meaning: "items are missing at or above --fail-on."},
			{Code: ExitUsage, Meaning: "usage or configuration error: bad flag, unknown ref, profile, format or rule, a mistake in .passation.yml or a rule file; nothing is checked then."},
			{Code: ExitUnreadable, Meaning: "the repository could not be read (audit, report merge: the reports could not be written)."},
			{Code: ExitPartial, Meaning: "audit: some repositories could not be audited; the reports name their errors."},
			{Code: ExitNotListed, Meaning: "audit --from github:ORG or gitlab:GROUP: the cohort could not be listed from its forge; nothing was audited."},
			{Code: ExitInterrupted, Meaning: "audit: interrupted (Ctrl-C, SIGTERM); nothing was written."},
		},
		Environment: []clidoc.Variable{
			{Name: "LC_ALL, LC_MESSAGES, LANG", Meaning: "the first one set chooses the language of the messages when --lang is not given: French when it starts with fr, English otherwise."},
			{Name: "NO_COLOR, FORCE_COLOR, CLICOLOR_FORCE", Meaning: "turn the colour of check's text output off or on when --color is auto."},
			{Name: "PASSATION_NOW", Meaning: "the date of a run (2026-01-31 or 2026-01-31T12:00:00Z) for the rules that read dates, instead of the system clock."},
			{Name: "GIT_INDEX_FILE", Meaning: "check --staged judges this index, as git sets it while it runs a hook."},
			{Name: "PASSATION_TOKEN_HOST, GITHUB_TOKEN, GITLAB_TOKEN", Meaning: "audit: HTTPS tokens for the clones and the forge listings (never printed)."},
			{Name: "GOMEMLIMIT", Meaning: "the soft memory limit, instead of passation's own 64 MiB."},
		},
		Files: []clidoc.Variable{
			{Name: ".passation.yml", Meaning: "the repository's configuration (profile, overrides, waivers), read from the checked tree; passation init writes a commented one."},
		},
	}
	for _, c := range commands() {
		p.Commands = append(p.Commands, clidoc.Command{
			Name: c.name, Synopsis: strings.TrimSpace(strings.TrimPrefix(c.usage, c.name)), Summary: c.summary,
			Words: c.words, Files: c.files, Flags: flagsOf(c),
		})
	}
	// passation help COMMAND, handled by Main itself.
	p.Commands = append(p.Commands, clidoc.Command{
		Name: "help", Synopsis: "[COMMAND]", Summary: "Show the commands, or the usage and flags of one.",
		Words: commandList(),
	})
	return p
}

// flagsOf runs c with --help in an environment that writes nowhere and
// keeps the flag sets newFlags makes: every command declares its flags
// before it parses them, and --help stops it there. A command that builds
// no flag set (action, whose inputs are INPUT_* variables) has no flags.
func flagsOf(c command) []clidoc.Flag {
	var sets []*flag.FlagSet
	env := &Env{Stdout: io.Discard, Stderr: io.Discard, Getenv: func(string) string { return "" }, flagSets: &sets}
	c.run(env, []string{"--help"})
	var out []clidoc.Flag
	seen := map[string]bool{}
	for _, fs := range sets {
		fs.VisitAll(func(f *flag.Flag) {
			if seen[f.Name] {
				return
			}
			seen[f.Name] = true
			arg, usage := flagArg(f)
			d := ""
			if arg != "" && f.DefValue != "0" {
				d = f.DefValue
			}
			out = append(out, clidoc.Flag{Name: f.Name, Arg: arg, Usage: usage, Default: d})
		})
	}
	return out
}

// flagArg is the placeholder of f's value as help prints it ("" for a
// boolean flag) and its usage, from the flag package's own reading.
func flagArg(f *flag.Flag) (arg, usage string) {
	name, usage := flag.UnquoteUsage(f)
	switch name {
	case "":
		return "", usage
	case "string", "value":
		return "VALUE", usage
	case "int", "uint", "int64", "uint64":
		return "N", usage
	}
	return strings.ToUpper(name), usage
}

func commandList() []string {
	var names []string
	for _, c := range commands() {
		names = append(names, c.name)
	}
	return names
}

// runCompletion is `passation completion SHELL`: the script on standard
// output, for source <(passation completion bash) or a completions folder.
func runCompletion(env *Env, args []string) int {
	fs := newFlags(env, "completion")
	pos, err := parse(fs, args)
	if err != nil {
		return parseFailed(err)
	}
	l := envLanguage(env.getenv).Value
	if len(pos) != 1 {
		return usageErr(env, localized(l, describeWords.Errorf("shell", strings.Join(clidoc.Shells(), ", "))))
	}
	known := false
	for _, s := range clidoc.Shells() {
		known = known || s == pos[0]
	}
	if !known {
		return usageErr(env, localized(l, describeWords.Errorf("unknown shell", pos[0], strings.Join(clidoc.Shells(), ", "))))
	}
	if err := clidoc.Completion(env.Stdout, pos[0], env.program()); err != nil {
		return writeFailed(env, err)
	}
	return ExitOK
}

// runMan is `passation man`: the manual page, in roff, on standard output
// (passation man | man -l -, or passation man > passation.1).
func runMan(env *Env, args []string) int {
	fs := newFlags(env, "man")
	pos, err := parse(fs, args)
	if err != nil {
		return parseFailed(err)
	}
	if len(pos) > 0 {
		return usageErr(env, localized(envLanguage(env.getenv).Value, describeWords.Errorf("man args", strings.Join(pos, " "))))
	}
	if err := clidoc.Man(env.Stdout, env.program()); err != nil {
		return writeFailed(env, err)
	}
	return ExitOK
}

// writeFailed reports an output that could not be written (a closed pipe,
// a full disk).
func writeFailed(env *Env, err error) int {
	sayErr(env, cliWords.Wrap(err, "stdout", syserr.Of(err)))
	return ExitUnreadable
}

// localized is e in lang, as an error.
func localized(lang string, e *i18n.Error) error { return errors.New(e.In(lang)) }

var describeWords = i18n.Text{
	"shell": {"completion: expected one shell: passation completion SHELL, with SHELL one of %s",
		"completion : un shell attendu : passation completion SHELL, où SHELL est l'un de %s"},
	"unknown shell": {"completion: unknown shell %q: expected one of %s",
		"completion : shell inconnu « %s » : attendu l'un de %s"},
	"man args": {"man: takes no arguments (got %s): passation man > passation.1, or passation man | man -l -",
		"man : ne prend pas d'argument (reçu %s) : passation man > passation.1, ou passation man | man -l -"},
}
