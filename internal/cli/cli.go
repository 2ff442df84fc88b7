// Package cli is passation's command line: flags, subcommands and exit
// codes. It is the only package that knows about the process; everything
// it needs from the outside (streams, environment) is passed in.
package cli

import (
	"flag"
	"fmt"
	"io"
	"runtime/debug"
	"sort"
	"strings"
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
}

type command struct {
	name  string
	usage string
	run   func(env *Env, args []string) int
}

func commands() []command {
	return []command{
		{"check", "check [PATH] [--ref REF | --staged] [--profile P] [--format text|compact|json] [--lang en|fr] [--fail-on LEVEL]", runCheck},
		{"rules", "rules [--format text|json] [--lang en|fr] [--profile P]", runRules},
		{"explain", "explain RULE [--lang en|fr]", runExplain},
		{"hook", "hook install|uninstall [PATH]   (git pre-commit hook running check --staged)", runHook},
		{"audit", "audit (--from cohort.csv|URL|PATH...) [--jobs N] [--out DIR] [--cache DIR] [--shard K/N] [--timeout D]", runAudit},
		{"report", "report merge SHARD.json... [--out DIR]", runReport},
		{"version", "version", runVersion},
	}
}

// Main runs passation with args (without the program name) and returns the
// exit code.
func Main(args []string, env *Env) int {
	if len(args) == 0 {
		usage(env.Stderr)
		return ExitUsage
	}
	name := args[0]
	switch name {
	case "-h", "--help", "help":
		usage(env.Stdout)
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
	fmt.Fprintf(env.Stderr, "passation: unknown command %q: expected one of %s (passation help)\n", name, strings.Join(names, ", "))
	return ExitUsage
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "passation tells whether a repository is ready to be handed over.")
	fmt.Fprintln(w, "\nUsage:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  passation %s\n", c.usage)
	}
	fmt.Fprintln(w, "\nExit codes: 0 nothing missing at or above --fail-on, 1 gaps, 2 usage or configuration error, 3 repository unreadable.")
}

// parse reads flags wherever they stand among positional arguments, as
// users type them ("check ../repo --ref v1"), and returns the positionals.
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
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
	fs.SetOutput(env.Stderr)
	return fs
}

// lang picks the report language: the flag, else LC_ALL, LC_MESSAGES or
// LANG when French, else English.
func lang(flagValue string, getenv func(string) string) (string, error) {
	switch strings.ToLower(flagValue) {
	case "en", "fr":
		return strings.ToLower(flagValue), nil
	case "":
	default:
		return "", fmt.Errorf("unknown language %q: expected en or fr", flagValue)
	}
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if val := getenv(v); val != "" {
			if strings.HasPrefix(strings.ToLower(val), "fr") {
				return "fr", nil
			}
			return "en", nil
		}
	}
	return "en", nil
}

// Version is set at build time with -ldflags "-X ...cli.Version=v1.2.3";
// otherwise the module version recorded by go install is used.
var Version = ""

func version() string {
	if Version != "" {
		return Version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "dev"
}

func runVersion(env *Env, args []string) int {
	fmt.Fprintln(env.Stdout, "passation", version())
	return ExitOK
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
