package clidoc

import (
	"fmt"
	"io"
	"strings"
)

// bash writes a completion function for bash 4 or later, registered with
// -o default: where it offers nothing (a flag's value, a path), bash
// completes file names.
func bash(w io.Writer, p Program) error {
	fn := "_" + strings.ReplaceAll(p.Name, "-", "_")
	var b strings.Builder
	fmt.Fprintf(&b, `# bash completion for %[1]s, written by "%[1]s completion bash".
# This shell only:  source <(%[1]s completion bash)
# Every new shell:  %[1]s completion bash > ~/.local/share/bash-completion/completions/%[1]s

%[2]s() {
    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
    local cmd="" at=0 i
    for ((i = 1; i < COMP_CWORD; i++)); do
        if [[ ${COMP_WORDS[i]} != -* ]]; then
            cmd=${COMP_WORDS[i]} at=$i
            break
        fi
    done
    if [[ -z $cmd ]]; then
        if [[ $cur == -* ]]; then
            mapfile -t COMPREPLY < <(compgen -W "--help --version" -- "$cur")
        else
            mapfile -t COMPREPLY < <(compgen -W "%[3]s" -- "$cur")
        fi
        compopt +o default 2>/dev/null
        return 0
    fi
    # flags: the command's flags; valued: those that take a value; words:
    # what its first argument may be; files: its arguments are paths.
    local flags="" valued="" words="" files=0
    case $cmd in
`, p.Name, fn, strings.Join(p.names(), " "))
	for _, c := range p.Commands {
		var flags, valued []string
		for _, f := range c.sortedFlags() {
			flags = append(flags, "--"+f.Name)
			if f.Arg != "" {
				valued = append(valued, "--"+f.Name)
			}
		}
		files := 0
		if c.Files {
			files = 1
		}
		fmt.Fprintf(&b, "    %s)\n        flags=%q valued=%q words=%q files=%d\n        ;;\n",
			c.Name, strings.Join(flags, " "), strings.Join(valued, " "), strings.Join(c.Words, " "), files)
	}
	b.WriteString(`    *)
        return 0
        ;;
    esac
    flags="$flags --help"
    # A flag's value (--ref v1, -ref v1, or --ref=v1, which bash splits
    # at the =): file names, from -o default.
    if [[ $prev == = || $cur == = || " $valued " == *" $prev "* || " $valued " == *" -$prev "* ]]; then
        return 0
    fi
    if [[ $cur == -* ]]; then
        mapfile -t COMPREPLY < <(compgen -W "$flags" -- "$cur")
        compopt +o default 2>/dev/null
        return 0
    fi
    # How many arguments stand before this one, leaving out flags and
    # their values.
    local n=0 skip=0 word
    for ((i = at + 1; i < COMP_CWORD; i++)); do
        word=${COMP_WORDS[i]}
        if ((skip)); then
            skip=0
            continue
        fi
        case $word in
        =) skip=1 ;;
        -*=*) ;;
        -*) [[ " $valued " == *" $word "* || " $valued " == *" -$word "* ]] && skip=1 ;;
        *) ((n++)) ;;
        esac
    done
    if [[ -n $words ]] && ((n == 0)); then
        mapfile -t COMPREPLY < <(compgen -W "$words" -- "$cur")
        compopt +o default 2>/dev/null
        return 0
    fi
    ((files)) || compopt +o default 2>/dev/null
    return 0
}
`)
	fmt.Fprintf(&b, "\ncomplete -o default -F %s %s\n", fn, p.Name)
	_, err := io.WriteString(w, b.String())
	return err
}
