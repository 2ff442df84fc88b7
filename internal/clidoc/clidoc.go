// Package clidoc writes what a shell and man need to know of a command
// line: completion scripts for bash, zsh and fish, and a man page. All of
// them come from one Program, which the CLI derives from its own table of
// commands and the flag sets they build, so that none can drift from the
// flags the commands really accept.
package clidoc

import (
	"fmt"
	"io"
	"regexp"
	"sort"
	"strings"
)

// Program is a command line as its users see it.
type Program struct {
	Name        string
	Version     string // shown in the man page's footer; may be empty
	Date        string // RFC 3339 or YYYY-MM-DD; the man page shows its month, may be empty
	Summary     string // one line: the man page's NAME
	Description []string
	Commands    []Command
	ExitCodes   []ExitCode
	Environment []Variable
	Files       []Variable // files the program reads, with what they hold
}

// Command is one subcommand.
type Command struct {
	Name string
	// Synopsis is the usage line after the program's name, as the
	// program's own help prints it.
	Synopsis string
	Summary  string
	// Words: the first positional argument is one of these (hook
	// install|uninstall), completed as such.
	Words []string
	// Files: the other positional arguments are paths, completed as file
	// names.
	Files bool
	Flags []Flag
}

// Flag is one --flag of a command.
type Flag struct {
	Name string
	// Arg is the value's placeholder (FORMAT, N); empty for a flag that
	// takes none (a boolean).
	Arg     string
	Usage   string
	Default string
}

// ExitCode is one exit status and what it means.
type ExitCode struct {
	Code    int
	Meaning string
}

// Variable is a name (environment variable, file) and what it does.
type Variable struct{ Name, Meaning string }

// Shells are the shells Completion writes for.
func Shells() []string { return []string{"bash", "zsh", "fish"} }

// Completion writes the completion script of shell.
func Completion(w io.Writer, shell string, p Program) error {
	if err := p.validate(); err != nil {
		return err
	}
	switch shell {
	case "bash":
		return bash(w, p)
	case "zsh":
		return zsh(w, p)
	case "fish":
		return fish(w, p)
	}
	return fmt.Errorf("unknown shell %q: expected %s", shell, strings.Join(Shells(), ", "))
}

// A name goes into scripts unquoted (case patterns, function names): only
// these characters are let through, so that no name can be shell syntax.
var name = regexp.MustCompile(`^[a-z][a-z0-9-]*$`)

func (p Program) validate() error {
	if !name.MatchString(p.Name) {
		return fmt.Errorf("program name %q: expected lower-case letters, digits and dashes", p.Name)
	}
	seen := map[string]bool{}
	for _, c := range p.Commands {
		if !name.MatchString(c.Name) {
			return fmt.Errorf("command %q: expected lower-case letters, digits and dashes", c.Name)
		}
		if seen[c.Name] {
			return fmt.Errorf("command %q is described twice", c.Name)
		}
		seen[c.Name] = true
		for _, wd := range c.Words {
			if !name.MatchString(wd) {
				return fmt.Errorf("command %s: word %q: expected lower-case letters, digits and dashes", c.Name, wd)
			}
		}
		flags := map[string]bool{}
		for _, f := range c.Flags {
			if !name.MatchString(f.Name) {
				return fmt.Errorf("command %s: flag %q: expected lower-case letters, digits and dashes", c.Name, f.Name)
			}
			if flags[f.Name] {
				return fmt.Errorf("command %s: flag --%s is described twice", c.Name, f.Name)
			}
			flags[f.Name] = true
		}
	}
	return nil
}

// names lists the commands' names.
func (p Program) names() []string {
	var out []string
	for _, c := range p.Commands {
		out = append(out, c.Name)
	}
	return out
}

// sortedFlags is c's flags by name, as shells list them.
func (c Command) sortedFlags() []Flag {
	fs := append([]Flag(nil), c.Flags...)
	sort.Slice(fs, func(i, j int) bool { return fs[i].Name < fs[j].Name })
	return fs
}

// oneLine is s on one line, for a description a shell shows beside a
// completion.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
