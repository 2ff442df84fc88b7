package clidoc

import (
	"fmt"
	"io"
	"strings"
)

// zsh writes a completion function for zsh's completion system
// (compinit), with each command's and flag's description.
func zsh(w io.Writer, p Program) error {
	fn := "_" + strings.ReplaceAll(p.Name, "-", "_")
	var b strings.Builder
	fmt.Fprintf(&b, `#compdef %[1]s
# zsh completion for %[1]s, written by "%[1]s completion zsh".
# This shell only (after compinit):  source <(%[1]s completion zsh)
# Every new shell:  %[1]s completion zsh > "${fpath[1]}/_%[1]s"

%[2]s() {
    local -a commands
    commands=(
`, p.Name, fn)
	for _, c := range p.Commands {
		fmt.Fprintf(&b, "        %s\n", zshQuote(c.Name+":"+oneLine(c.Summary)))
	}
	b.WriteString(`    )
    if (( CURRENT == 2 )); then
        if [[ $PREFIX == -* ]]; then
            _arguments '--help[show the commands]' '--version[show the version]'
        else
            _describe -t commands 'command' commands
        fi
        return
    fi
    local cmd=${words[2]}
    shift words
    (( CURRENT-- ))
    curcontext="${curcontext%:*:*}:` + p.Name + `-$cmd:"
    case $cmd in
`)
	for _, c := range p.Commands {
		fmt.Fprintf(&b, "    %s)\n        _arguments -S \\\n", c.Name)
		specs := []string{"--help[show the usage of " + c.Name + "]"}
		for _, f := range c.sortedFlags() {
			desc := zshBracket(oneLine(f.Usage))
			if f.Arg == "" {
				specs = append(specs, fmt.Sprintf("--%s[%s]", f.Name, desc))
			} else {
				specs = append(specs, fmt.Sprintf("--%s=[%s]:%s:_files", f.Name, desc, zshColon(f.Arg)))
			}
		}
		switch {
		case len(c.Words) > 0:
			specs = append(specs, "1:argument:("+strings.Join(c.Words, " ")+")")
			if c.Files {
				specs = append(specs, "*:file:_files")
			}
		case c.Files:
			specs = append(specs, "*:file:_files")
		}
		for i, s := range specs {
			end := " \\"
			if i == len(specs)-1 {
				end = ""
			}
			fmt.Fprintf(&b, "            %s%s\n", zshQuote(s), end)
		}
		b.WriteString("        ;;\n")
	}
	fmt.Fprintf(&b, `    esac
}

if [[ $zsh_eval_context[-1] == loadautofunc ]]; then
    %[1]s "$@"
else
    compdef %[1]s %[2]s
fi
`, fn, p.Name)
	_, err := io.WriteString(w, b.String())
	return err
}

// zshQuote quotes s for zsh: single quotes, each ' written '\”.
func zshQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// zshBracket makes s fit between an _arguments spec's brackets, which end
// at the first unescaped ].
func zshBracket(s string) string {
	return strings.NewReplacer(`\`, `\\`, `[`, `\[`, `]`, `\]`).Replace(s)
}

// zshColon makes s fit in a field of a spec, which ends at a colon.
func zshColon(s string) string {
	return strings.NewReplacer(`\`, `\\`, `:`, `\:`).Replace(s)
}
