package clidoc

import (
	"fmt"
	"io"
	"strings"
)

// fish writes completions for fish: one complete line per command, flag
// and fixed word, conditioned on the command being completed.
func fish(w io.Writer, p Program) error {
	fn := "__" + strings.ReplaceAll(p.Name, "-", "_")
	var b strings.Builder
	fmt.Fprintf(&b, `# fish completion for %[1]s, written by "%[1]s completion fish".
# This shell only:  %[1]s completion fish | source
# Every new shell:  %[1]s completion fish > ~/.config/fish/completions/%[1]s.fish

# %[2]s_command prints the command being completed (the first word that
# is no flag), and fails while there is none.
function %[2]s_command
    set -l tokens (commandline -opc)
    for t in $tokens[2..-1]
        switch $t
            case '-*'
            case '*'
                echo $t
                return 0
        end
    end
    return 1
end

# %[2]s_using NAME: NAME is the command being completed.
function %[2]s_using -a name
    set -l cmd (%[2]s_command)
    and test "$cmd" = "$name"
end

complete -c %[1]s -f
complete -c %[1]s -n 'not %[2]s_command' -l help -d 'show the commands'
complete -c %[1]s -n 'not %[2]s_command' -l version -d 'show the version'
`, p.Name, fn)
	for _, c := range p.Commands {
		fmt.Fprintf(&b, "complete -c %s -n 'not %s_command' -a %s -d %s\n", p.Name, fn, c.Name, fishQuote(oneLine(c.Summary)))
	}
	for _, c := range p.Commands {
		using := fmt.Sprintf("'%s_using %s'", fn, c.Name)
		fmt.Fprintf(&b, "\n# %s\n", c.Name)
		fmt.Fprintf(&b, "complete -c %s -n %s -l help -d %s\n", p.Name, using, fishQuote("show the usage of "+c.Name))
		for _, f := range c.sortedFlags() {
			takes := ""
			if f.Arg != "" {
				takes = " -r -F"
			}
			fmt.Fprintf(&b, "complete -c %s -n %s -l %s%s -d %s\n", p.Name, using, f.Name, takes, fishQuote(oneLine(f.Usage)))
		}
		if len(c.Words) > 0 {
			// Offered while no word has been given yet.
			fmt.Fprintf(&b, "complete -c %s -n '%s_using %s; and not __fish_seen_subcommand_from %s' -a %s\n",
				p.Name, fn, c.Name, strings.Join(c.Words, " "), fishQuote(strings.Join(c.Words, " ")))
		}
		if c.Files {
			cond := using
			if len(c.Words) > 0 {
				cond = fmt.Sprintf("'%s_using %s; and __fish_seen_subcommand_from %s'", fn, c.Name, strings.Join(c.Words, " "))
			}
			fmt.Fprintf(&b, "complete -c %s -n %s -F\n", p.Name, cond)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// fishQuote quotes s for fish: in single quotes only \ and ' are special.
func fishQuote(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(s) + "'"
}
