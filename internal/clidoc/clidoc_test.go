package clidoc

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// hostile is a description with every character the scripts quote.
const hostile = `it's [x] "$(touch PWNED)" ` + "`touch PWNED`" + ` \ end: *_<a>|~#`

func sample() Program {
	return Program{
		Name: "prog", Summary: "does *things*",
		Commands: []Command{
			{Name: "sub", Synopsis: "[PATH] [--opt V]", Summary: hostile, Files: true,
				Flags: []Flag{{Name: "opt", Arg: "V", Usage: hostile}, {Name: "yes", Usage: "a switch"}}},
			{Name: "other", Summary: "another", Words: []string{"on", "off"}},
		},
	}
}

func TestValidateRefusesShellSyntax(t *testing.T) {
	for _, p := range []Program{
		{Name: "prog; rm -rf /"},
		{Name: "prog", Commands: []Command{{Name: "$(x)"}}},
		{Name: "prog", Commands: []Command{{Name: "a", Words: []string{"b c"}}}},
		{Name: "prog", Commands: []Command{{Name: "a", Flags: []Flag{{Name: "x"}, {Name: "x"}}}}},
		{Name: "prog", Commands: []Command{{Name: "a"}, {Name: "a"}}},
	} {
		for _, sh := range Shells() {
			if err := Completion(&bytes.Buffer{}, sh, p); err == nil {
				t.Errorf("%s completion of %+v: accepted", sh, p)
			}
		}
		if err := Man(&bytes.Buffer{}, p); err == nil {
			t.Errorf("man page of %+v: accepted", p)
		}
	}
	if err := Completion(&bytes.Buffer{}, "tcsh", sample()); err == nil || !strings.Contains(err.Error(), "bash, zsh, fish") {
		t.Errorf("tcsh: %v", err)
	}
}

// TestFishQuotesDescriptions: fish shows a description with quotes,
// brackets and command substitutions as written, and runs none of them.
func TestFishQuotesDescriptions(t *testing.T) {
	fish, err := exec.LookPath("fish")
	if err != nil {
		t.Skip("fish is not installed (apt-get install fish)")
	}
	dir := t.TempDir()
	var b bytes.Buffer
	if err := Completion(&b, "fish", sample()); err != nil {
		t.Fatal(err)
	}
	script := filepath.Join(dir, "prog.fish")
	if err := os.WriteFile(script, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(fish, "--no-config", "-c", `source $argv[1]; and complete -C "prog sub --o"; and complete -C "prog other "`, script)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "HOME="+dir, "XDG_CONFIG_HOME="+dir)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("fish: %v\n%s", err, out)
	}
	if want := "--opt\t" + hostile + "\noff\non\n"; string(out) != want {
		t.Errorf("fish completed %q, want %q", out, want)
	}
	if _, err := os.Stat(filepath.Join(dir, "PWNED")); err == nil {
		t.Error("a description was run as a command")
	}
}

// TestZshQuotesDescriptions: the script with the same description parses
// and, sourced, runs nothing of it.
func TestZshQuotesDescriptions(t *testing.T) {
	zsh, err := exec.LookPath("zsh")
	if err != nil {
		t.Skip("zsh is not installed (apt-get install zsh)")
	}
	dir := t.TempDir()
	var b bytes.Buffer
	if err := Completion(&b, "zsh", sample()); err != nil {
		t.Fatal(err)
	}
	script := filepath.Join(dir, "_prog")
	if err := os.WriteFile(script, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(zsh, "-f", "-c", `autoload -U compinit && compinit -D -u && source "$1" && print -r -- "$_comps[prog]"`, "zsh", script)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "HOME="+dir)
	if out, err := cmd.CombinedOutput(); err != nil || strings.TrimSpace(string(out)) != "_prog" {
		t.Fatalf("zsh: %v\n%s", err, out)
	}
	if _, err := os.Stat(filepath.Join(dir, "PWNED")); err == nil {
		t.Error("a description was run as a command")
	}
}

// TestManEscapes: Markdown and roff syntax in the texts reaches the page
// as text, and every - is roff's minus.
func TestManEscapes(t *testing.T) {
	p := sample()
	p.Date = "2026-12-06T10:00:00Z"
	p.Version = "v1.2.3"
	var b bytes.Buffer
	if err := Man(&b, p); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	for _, want := range []string{
		`.TH "PROG" "1" "December 2026" "prog v1.2.3" "User Commands"`,
		`\fB\\-\\-opt\fP \fIV\fP`, // --opt V, in bold and italics, ASCII minus
		`does *things*`,           // asterisks as text, not emphasis
		`[x]`,
	} {
		want = strings.ReplaceAll(want, `\\-`, `\-`)
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %q:\n%s", want, page)
		}
	}
	if strings.Contains(page, "\\fIthings\\fP") {
		t.Errorf("*things* became emphasis:\n%s", page)
	}
	if got := string(minus([]byte(`a-b \-c \\-d \fB-e`))); got != `a\-b \-c \\\-d \fB\-e` {
		t.Errorf("minus: %q", got)
	}
}
