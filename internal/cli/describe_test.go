package cli

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/passation/passation/internal/typo"
)

// generated runs passation with args and returns what it printed.
func generated(t *testing.T, args ...string) string {
	t.Helper()
	var out, errOut bytes.Buffer
	env := &Env{Stdout: &out, Stderr: &errOut, Getenv: func(string) string { return "" }}
	if code := Main(args, env); code != ExitOK {
		t.Fatalf("passation %s: exit %d\n%s", strings.Join(args, " "), code, errOut.String())
	}
	return out.String()
}

// helpFlags are the flags `passation CMD --help` lists: what the
// command's flag set really holds.
func helpFlags(t *testing.T, cmd string) []string {
	t.Helper()
	var names []string
	for _, m := range regexp.MustCompile(`(?m)^  --([a-z0-9-]+)`).FindAllStringSubmatch(generated(t, cmd, "--help"), -1) {
		names = append(names, m[1])
	}
	sort.Strings(names)
	return names
}

// TestDescriptionIsTheFlagSets: the completions and the man page know
// exactly the flags each command's --help lists, no more, no fewer.
func TestDescriptionIsTheFlagSets(t *testing.T) {
	t.Parallel()
	p := (&Env{}).program()
	if len(p.Commands) != len(commands())+1 {
		t.Fatalf("%d commands described, want the %d of the table and help", len(p.Commands), len(commands()))
	}
	for _, c := range p.Commands {
		if c.Name == "help" {
			continue
		}
		if c.Name == "action" {
			// Its inputs are INPUT_* variables: no flag set, no flags.
			if len(c.Flags) != 0 {
				t.Errorf("action: described flags %v, it has none", c.Flags)
			}
			continue
		}
		var got []string
		for _, f := range c.Flags {
			got = append(got, f.Name)
		}
		sort.Strings(got)
		if want := helpFlags(t, c.Name); strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("%s: described flags %v, --help lists %v", c.Name, got, want)
		}
		if c.Summary == "" {
			t.Errorf("%s has no summary in the command table", c.Name)
		}
	}
	// A few that must be there, so that an empty description cannot pass.
	for cmd, flag := range map[string]string{"check": "staged", "audit": "from", "hook": "fail-on", "report": "out"} {
		if !strings.Contains(" "+strings.Join(helpFlags(t, cmd), " ")+" ", " "+flag+" ") {
			t.Errorf("%s --help does not list --%s", cmd, flag)
		}
	}
}

func writeScript(t *testing.T, name, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func shell(t *testing.T, name string) string {
	t.Helper()
	bin, err := exec.LookPath(name)
	if err != nil {
		t.Skipf("%s is not installed (apt-get install %s): its completion script is not tried", name, name)
	}
	return bin
}

// TestBashCompletion loads the script in a real bash and completes as
// bash would at a Tab: the function registered for passation is called
// with COMP_WORDS and COMP_CWORD, and COMPREPLY is what bash offers.
func TestBashCompletion(t *testing.T) {
	t.Parallel()
	bash := shell(t, "bash")
	script := writeScript(t, "passation.bash", generated(t, "completion", "bash"))
	driver := `source "$1" || exit 1
complete -p passation
t() { COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); COMPREPLY=(); _passation; echo "[$*] ${COMPREPLY[*]}"; }
t passation ch
t passation check --st
t passation check ../repo --fail-
t passation hook in
t passation hook install --
t passation completion ""
t passation help exp
t passation report m
t passation check --format ""
t passation audit --out =
t passation version --
`
	cmd := exec.Command(bash, "--norc", "--noprofile", "-c", driver, "bash", script)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("bash: %v\n%s", err, out)
	}
	want := []string{
		"complete -o default -F _passation passation",
		"[passation ch] check",
		"[passation check --st] --staged",
		"[passation check ../repo --fail-] --fail-on",
		"[passation hook in] install",
		"[passation hook install --] --fail-on --lang --profile --help",
		"[passation completion ] bash zsh fish",
		"[passation help exp] explain",
		"[passation report m] merge",
		"[passation check --format ] ", // a value: bash's file names (-o default)
		"[passation audit --out =] ",
		"[passation version --] --help",
	}
	if got := strings.Split(strings.TrimRight(string(out), "\n"), "\n"); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("bash completions:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestZshCompletion: the script parses, compinit's compdef registers its
// function for passation, and an interactive zsh completes with it.
func TestZshCompletion(t *testing.T) {
	t.Parallel()
	zsh := shell(t, "zsh")
	script := writeScript(t, "_passation", generated(t, "completion", "zsh"))
	if out, err := exec.Command(zsh, "-n", script).CombinedOutput(); err != nil {
		t.Fatalf("zsh -n: %v\n%s", err, out)
	}
	cmd := exec.Command(zsh, "-f", "-c", `autoload -U compinit && compinit -D -u && source "$1" && print -r -- "$_comps[passation]"`, "zsh", script)
	cmd.Env = append(os.Environ(), "HOME="+t.TempDir())
	out, err := cmd.CombinedOutput()
	if err != nil || strings.TrimSpace(string(out)) != "_passation" {
		t.Fatalf("zsh: compdef did not register _passation for passation: %v\n%s", err, out)
	}

	// Tab in an interactive zsh on a pseudo-terminal (zsh/zpty): each read
	// waits for what the completion must print.
	driver := `zmodload zsh/zpty || exit 9
zpty z 'zsh -f -i'
zpty -w z 'PS1="> "; autoload -U compinit; compinit -u -D; source "$SCRIPT"; print RE""ADY'
zpty -r z out '*READY*' || exit 2
zpty -w -n z $'passation check --st\t'
zpty -r z out '*--staged*' || exit 3
print staged
zpty -w -n z $'\C-u'
zpty -w -n z $'passation hook \t'
zpty -r z out '*uninstall*' || exit 4
print hook words
zpty -w -n z $'\C-u'
zpty -w -n z $'passation comp\t'
zpty -r z out '*completion*' || exit 5
print command
zpty -d z
`
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd = exec.CommandContext(ctx, zsh, "-f", "-c", driver, "zsh", script)
	cmd.Env = append(os.Environ(), "HOME="+t.TempDir(), "TERM=xterm", "SCRIPT="+script)
	out, err = cmd.CombinedOutput()
	if err != nil || string(out) != "staged\nhook words\ncommand\n" {
		t.Fatalf("zsh did not complete passation check --st, hook and comp at a Tab (%v; the last line printed is the last that worked):\n%s", err, out)
	}
}

// TestFishCompletion: fish's own `complete -C` completes command lines
// with the script loaded.
func TestFishCompletion(t *testing.T) {
	t.Parallel()
	fish := shell(t, "fish")
	script := writeScript(t, "passation.fish", generated(t, "completion", "fish"))
	if out, err := exec.Command(fish, "--no-execute", script).CombinedOutput(); err != nil {
		t.Fatalf("fish --no-execute: %v\n%s", err, out)
	}
	cmd := exec.Command(fish, "--no-config", "-c", `source $argv[1]; and complete -C "passation ch"; and complete -C "passation check --st"; and complete -C "passation hook "`, script)
	cmd.Env = append(os.Environ(), "HOME="+t.TempDir(), "XDG_CONFIG_HOME="+t.TempDir())
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("fish: %v\n%s", err, out)
	}
	for _, want := range []string{"check\tCheck a repository", "--staged\tcheck what the next commit", "install\n", "uninstall\n"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("fish completions lack %q:\n%s", want, out)
		}
	}
}

// TestCompletionRefusesUnknownShell: a shell it does not know is a usage
// error that lists those it knows, in the user's language.
func TestCompletionRefusesUnknownShell(t *testing.T) {
	t.Parallel()
	var out, errOut bytes.Buffer
	fr := func(k string) string {
		if k == "LANG" {
			return "fr_FR.UTF-8"
		}
		return ""
	}
	if code := Main([]string{"completion", "tcsh"}, &Env{Stdout: &out, Stderr: &errOut, Getenv: fr}); code != ExitUsage || out.Len() != 0 ||
		!strings.Contains(errOut.String(), typo.French(`shell inconnu « tcsh » : attendu l'un de bash, zsh, fish`)) {
		t.Errorf("completion tcsh: exit %d, stdout %q, stderr %q", code, out.String(), errOut.String())
	}
	errOut.Reset()
	if code := Main([]string{"completion"}, &Env{Stdout: &out, Stderr: &errOut, Getenv: func(string) string { return "" }}); code != ExitUsage ||
		!strings.Contains(errOut.String(), "expected one shell") {
		t.Errorf("completion without a shell: exit %d, stderr %q", code, errOut.String())
	}
}

// TestManPage renders the page with man (or groff) and finds every
// command, with its flags, in what a reader sees.
func TestManPage(t *testing.T) {
	t.Parallel()
	page := writeScript(t, "passation.1", generated(t, "man"))
	var cmd *exec.Cmd
	if man, err := exec.LookPath("man"); err == nil {
		cmd = exec.Command(man, "-l", page)
	} else if groff, err := exec.LookPath("groff"); err == nil {
		cmd = exec.Command(groff, "-man", "-Tutf8", page)
	} else if mandoc, err := exec.LookPath("mandoc"); err == nil {
		cmd = exec.Command(mandoc, page)
	} else {
		t.Skip("neither man, groff nor mandoc is installed (apt-get install man-db groff-base): the man page is not rendered")
	}
	cmd.Env = append(os.Environ(), "MANPAGER=cat", "PAGER=cat", "MANWIDTH=100", "LANG=C.UTF-8")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil || stderr.Len() > 0 {
		t.Fatalf("%s: %v\n%s", cmd, err, stderr.String())
	}
	text := string(out)
	for _, s := range []string{"PASSATION(1)", "NAME", "passation - tell whether a repository", "SYNOPSIS", "EXIT STATUS", "ENVIRONMENT", "PASSATION_NOW"} {
		if !strings.Contains(text, s) {
			t.Errorf("the rendered page lacks %q", s)
		}
	}
	for _, c := range (&Env{}).program().Commands {
		if !strings.Contains(text, "passation "+c.Name) {
			t.Errorf("the rendered page does not name passation %s", c.Name)
		}
		for _, f := range c.Flags {
			// An ASCII --flag, as it is typed: not hyphens U+2010.
			if !strings.Contains(text, "--"+f.Name) {
				t.Errorf("the rendered page does not list %s --%s", c.Name, f.Name)
			}
		}
	}
	if strings.ContainsRune(text, '\u2010') {
		t.Errorf("the rendered page holds a typographic hyphen (U+2010): a --flag copied from it would not be typed right")
	}
}
