// Package cli is passation's command line: flags, subcommands and exit
// codes. It is the only package that knows about the process; everything
// it needs from the outside (streams, environment) is passed in.
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"regexp"
	"strings"
	"time"

	"github.com/passation/passation/internal/buildinfo"
	"github.com/passation/passation/internal/clidoc"
	"github.com/passation/passation/internal/config"
	"github.com/passation/passation/internal/i18n"
	"github.com/passation/passation/internal/pipeline"
)

// Exit codes, documented in the README.
const (
	ExitOK         = 0 // nothing at or above --fail-on is missing
	ExitGaps       = 1 // gaps at or above --fail-on
	ExitUsage      = 2 // bad flags, arguments or configuration
	ExitUnreadable = 3 // the repository could not be read
)

// Env is the outside world as the commands see it.
type Env struct {
	Stdout, Stderr io.Writer
	Stdin          io.Reader
	Getenv         func(string) string
	// StdoutIsTerminal turns on colour (unless NO_COLOR is set).
	StdoutIsTerminal bool
	// StderrIsTerminal shows progress bars instead of log lines.
	StderrIsTerminal bool
	// Now is the clock of date rules (history, maintenance contracts); nil
	// means the system clock. Tests set a fixed time.
	Now func() time.Time
	// Build is the running build as main stamped and read it; empty
	// means read it from the binary (tests).
	Build buildinfo.Info
	// flagSets, when set, receives every flag set newFlags makes: how
	// describe reads a command's flags without running it.
	flagSets *[]*flag.FlagSet
	// lang is the language of messages once a command knows it (--lang);
	// before, the environment's (messageLang).
	lang string
}

// messageLang is the language of the messages of a run: --lang once read,
// else LC_ALL, LC_MESSAGES or LANG.
func (env *Env) messageLang() string {
	if env.lang != "" {
		return env.lang
	}
	return envLanguage(env.Getenv).Value
}

// now is the time of a run: the only place that reads the system clock.
// PASSATION_NOW sets it instead (2026-01-31, or 2026-01-31T12:00:00Z), for
// reports that must not change from one day to the next and for tests of
// the built binary; Main refuses a value it cannot read.
func (env *Env) now() time.Time {
	if env.Now != nil {
		return env.Now()
	}
	if env.Getenv != nil {
		if t, err := parseNow(env.Getenv("PASSATION_NOW")); err == nil && !t.IsZero() {
			return t
		}
	}
	return time.Now()
}

// parseNow reads PASSATION_NOW; "" gives the zero time.
func parseNow(v string) (time.Time, error) {
	if v == "" {
		return time.Time{}, nil
	}
	for _, layout := range []string{time.RFC3339, "2006-01-02"} {
		if t, err := time.Parse(layout, v); err == nil {
			return t, nil
		}
	}
	return time.Time{}, usageWords.Errorf("now", v)
}

// command is one subcommand: the table that dispatch, help, the shell
// completions and the man page all read (its flags come from the flag set
// its run builds, see describe.go).
type command struct {
	name  string
	usage string
	// summary is one sentence: what the command does (completions, man).
	summary string
	// words: the first argument is one of these (completed as such).
	words []string
	// files: the arguments are paths (completed as file names).
	files bool
	run   func(env *Env, args []string) int
}

func commands() []command {
	return []command{
		{name: "check", usage: "check [PATH] [--ref REF | --staged] [--profile P] [--config FILE] [--rules DIR] [--format FORMAT] [--report FORMAT=PATH]... [--lang en|fr] [--fail-on LEVEL] [--color auto|always|never] [--print-config]",
			summary: "Check a repository's handover checklist at a ref, or what the next commit would contain.", files: true, run: runCheck},
		{name: "rules", usage: "rules [--format text|json] [--lang en|fr] [--profile P] [--rules DIR]",
			summary: "List the rules of the checklist.", run: runRules},
		{name: "explain", usage: "explain RULE [--lang en|fr] [--rules DIR]",
			summary: "Explain one rule: what it looks for and how to satisfy it.", run: runExplain},
		{name: "init", usage: "init [PATH] [--lang fr|en] [--profile P]   (writes a commented .passation.yml); init --templates [PATH] [--write] [--only RULES]   (starter documents for the missing items)",
			summary: "Write a commented .passation.yml, or starter documents for the missing items.", files: true, run: runInit},
		{name: "hook", usage: "hook install|uninstall [PATH] [--fail-on LEVEL] [--profile P] [--lang en|fr]   (git pre-commit hook running check --staged)",
			summary: "Install or remove the git pre-commit hook that runs check --staged.", words: []string{"install", "uninstall"}, files: true, run: runHook},
		{name: "audit", usage: "audit (--from cohort.csv|github:ORG|gitlab:GROUP | URL|PATH...) [--jobs N] [--out DIR] [--cache DIR] [--shard K/N] [--timeout D] [--list-only FILE|-] [--topic T] [--match GLOB] [--include-archived] [--include-forks] [--github-url URL] [--gitlab-url URL]",
			summary: "Check every repository of a cohort and write its reports.", files: true, run: runAudit},
		{name: "report", usage: "report merge SHARD.json... [--out DIR]",
			summary: "Merge the shards of an audit into one cohort report.", words: []string{"merge"}, files: true, run: runReport},
		{name: "action", usage: "action   (GitHub Action mode, run by action.yml: inputs from INPUT_* variables)",
			summary: "Run as the GitHub Action (inputs from INPUT_* variables).", run: runAction},
		{name: "completion", usage: "completion " + strings.Join(clidoc.Shells(), "|") + "   (shell completion script)",
			summary: "Print the shell completion script of " + strings.Join(clidoc.Shells(), ", ") + ".", words: clidoc.Shells(), run: runCompletion},
		{name: "man", usage: "man   (the manual page, roff: passation man | man -l -)",
			summary: "Print the manual page.", run: runMan},
		{name: "version", usage: "version",
			summary: "Print the version, commit and commit date of this build.", run: runVersion},
	}
}

// Main runs passation with args (without the program name) and returns the
// exit code.
func Main(args []string, env *Env) int {
	if len(args) == 0 {
		usage(env.Stderr, env.messageLang())
		return ExitUsage
	}
	if env.Getenv != nil && env.Now == nil {
		if _, err := parseNow(env.Getenv("PASSATION_NOW")); err != nil {
			return usageErr(env, err)
		}
	}
	name := args[0]
	switch name {
	case "-h", "--help":
		usage(env.Stdout, env.messageLang())
		return ExitOK
	case "help":
		// passation help CMD is passation CMD --help.
		if len(args) > 1 {
			for _, c := range commands() {
				if c.name == args[1] {
					// passation help check --lang fr: the flags after it count.
					return c.run(env, append([]string{"--help"}, args[2:]...))
				}
			}
			return usageErr(env, usageWords.Errorf("help-unknown", args[1], commandNames()))
		}
		usage(env.Stdout, env.messageLang())
		return ExitOK
	case "--version", "-version":
		name = "version"
	}
	for _, c := range commands() {
		if c.name == name {
			return c.run(env, args[1:])
		}
	}
	names := make([]string, 0)
	for _, c := range commands() {
		names = append(names, c.name)
	}
	return usageErr(env, usageWords.Errorf("unknown-command", name, strings.Join(names, ", ")))
}

func usage(w io.Writer, lang string) {
	fmt.Fprintln(w, helpWords.In(lang, "intro"))
	fmt.Fprintln(w, "\n"+helpWords.In(lang, "usage"))
	for _, c := range commands() {
		fmt.Fprintf(w, "  passation %s\n", usageLine(c, lang))
	}
	fmt.Fprintln(w, "\n"+helpWords.In(lang, "exit"))
}

// parse reads flags wherever they stand among positional arguments, as
// users type them ("check ../repo --ref v1"), and returns the positionals.
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	if o, ok := fs.Output().(*flagOutput); ok && fs.Lookup("lang") != nil {
		o.lang = langOf(args)
		if o.lang != "" {
			o.env.lang = o.lang // the command's usage errors too
		}
	}
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		if args[0] == "--" {
			return append(pos, args[1:]...), nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

func newFlags(env *Env, name string) *flag.FlagSet {
	fs := flag.NewFlagSet("passation "+name, flag.ContinueOnError)
	if env.flagSets != nil {
		*env.flagSets = append(*env.flagSets, fs)
	}
	out := &flagOutput{env: env, fs: fs}
	fs.SetOutput(out)
	// The flag package calls Usage after a parse error too; then the
	// one-line error is enough. Asked for with -h, usage goes to stdout.
	fs.Usage = func() {
		if out.failed {
			return
		}
		lng := out.language()
		for _, c := range commands() {
			if n := "passation " + c.name; fs.Name() == n || strings.HasPrefix(fs.Name(), n+" ") {
				fmt.Fprintf(env.Stdout, helpWords.In(lng, "usage-cmd")+"\n\n", usageLine(c, lng))
			}
		}
		printFlags(env.Stdout, fs, lng)
	}
	return fs
}

// flagOutput receives the flag package's error messages and prints each as
// one line that names the flag and what was expected, instead of the
// message followed by the whole usage.
type flagOutput struct {
	env    *Env
	fs     *flag.FlagSet
	failed bool
	// lang is --lang as found among the arguments before parsing them.
	lang string
}

// language is the language of help and flag errors: --lang wherever it
// stands, else the environment's.
func (o *flagOutput) language() string {
	if o.lang != "" {
		return o.lang
	}
	return o.env.messageLang()
}

var (
	undefinedFlag = regexp.MustCompile(`^flag provided but not defined: -+(.*)$`)
	needsArgument = regexp.MustCompile(`^flag needs an argument: -+(.*)$`)
	invalidValue  = regexp.MustCompile(`^invalid (?:boolean )?value (".*") for (?:flag )?-+([^:]*): (.*)$`)
)

func (o *flagOutput) Write(p []byte) (int, error) {
	o.failed = true
	lng := o.language()
	msg := strings.TrimSpace(string(p))
	if m := undefinedFlag.FindStringSubmatch(msg); m != nil {
		msg = fmt.Sprintf(usageWords.In(lng, "flag-unknown"), m[1], o.names(), o.fs.Name())
	} else if m := needsArgument.FindStringSubmatch(msg); m != nil {
		msg = fmt.Sprintf(usageWords.In(lng, "flag-value"), m[1], o.usageOf(m[1], lng))
	} else if m := invalidValue.FindStringSubmatch(msg); m != nil {
		msg = fmt.Sprintf("--%s %s%s%s", m[2], m[1], cliWords.In(lng, "sep"), o.expected(m[2], m[3], lng))
	}
	fmt.Fprintf(o.env.Stderr, "%s%s%s\n", o.fs.Name(), cliWords.In(lng, "sep"), msg)
	return len(p), nil
}

func (o *flagOutput) names() string {
	var names []string
	o.fs.VisitAll(func(f *flag.Flag) { names = append(names, "--"+f.Name) })
	return strings.Join(names, ", ")
}

func (o *flagOutput) usageOf(name, lng string) string {
	if f := o.fs.Lookup(name); f != nil {
		_, usage := flagArg(f)
		return flagUsage(usage, lng)
	}
	return fmt.Sprintf(usageWords.In(lng, "see-help"), o.fs.Name())
}

// expected says what a flag's value should look like, from its type; a
// flag of passation's own type says it in its error.
func (o *flagOutput) expected(name, reason, lng string) string {
	if usageWords.Has(reason) {
		reason = usageWords.In(lng, reason) // the words of passation's own flag types
	}
	f := o.fs.Lookup(name)
	if f == nil {
		return fmt.Sprintf(usageWords.In(lng, "expected"), reason)
	}
	g, ok := f.Value.(flag.Getter)
	if !ok {
		return reason
	}
	switch g.Get().(type) {
	case bool:
		return usageWords.In(lng, "expected-bool")
	case int, int64, uint, uint64:
		_, usage := flagArg(f)
		return fmt.Sprintf(usageWords.In(lng, "expected-number"), flagUsage(usage, lng))
	}
	return fmt.Sprintf(usageWords.In(lng, "expected"), reason)
}

// parseFailed is the exit code of a command whose flags did not parse:
// asking for help is not an error.
func parseFailed(err error) int {
	if errors.Is(err, flag.ErrHelp) {
		return ExitOK
	}
	return ExitUsage
}

// lang picks the report language: the flag, else LC_ALL, LC_MESSAGES or
// LANG when French, else English.
func lang(flagValue string, getenv func(string) string) (string, error) {
	if flagValue != "" {
		return pipeline.ParseLang(flagValue)
	}
	return envLanguage(getenv).Value, nil
}

// envLanguage is the language of the environment (LC_ALL, LC_MESSAGES,
// LANG, the first set), with where it comes from; English by default.
func envLanguage(getenv func(string) string) config.Choice {
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if val := getenv(v); val != "" {
			l := "en"
			if strings.HasPrefix(strings.ToLower(val), "fr") {
				l = "fr"
			}
			return config.Choice{Value: l, From: "environment (" + v + ")"}
		}
	}
	return config.Choice{Value: "en", From: "default"}
}

// build is the running build: what main stamped (-ldflags -X at release
// time) and the binary recorded, read once.
func (env *Env) build() buildinfo.Info {
	if env.Build.Version != "" {
		return env.Build
	}
	return buildinfo.Read(buildinfo.Info{})
}

// version is the version reports name (JSON tool.version, SARIF's driver).
func (env *Env) version() string { return env.build().Version }

func runVersion(env *Env, args []string) int {
	fs := newFlags(env, "version")
	if _, err := parse(fs, args); err != nil {
		return parseFailed(err)
	}
	b := env.build()
	fmt.Fprintln(env.Stdout, "passation", b.Version)
	l := envLanguage(env.getenv).Value
	if b.Commit != "" {
		commit := b.Commit
		if b.Modified {
			commit += " " + versionWords.In(l, "modified")
		}
		fmt.Fprintf(env.Stdout, versionWords.In(l, "commit")+"\n", commit)
	}
	if b.Date != "" {
		fmt.Fprintf(env.Stdout, versionWords.In(l, "date")+"\n", b.Date)
	}
	return ExitOK
}

var versionWords = i18n.Text{
	"commit":   {"commit %s", "commit %s"},
	"modified": {"(with uncommitted changes)", "(avec des modifications non commitées)"},
	"date":     {"commit date %s", "date du commit %s"},
}

// getenv is env.Getenv, or an empty environment.
func (env *Env) getenv(k string) string {
	if env.Getenv == nil {
		return ""
	}
	return env.Getenv(k)
}

// commandNames lists the commands, for an error.
func commandNames() string {
	var names []string
	for _, c := range commands() {
		names = append(names, c.name)
	}
	return strings.Join(names, ", ")
}
