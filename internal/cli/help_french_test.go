package cli

import (
	"flag"
	"io"
	"strings"
	"testing"

	"github.com/passation/passation/internal/frenchcheck"
)

// TestFlagsHaveFrench: every flag of every command says what it does in
// French too, so that --help --lang fr has no English line.
func TestFlagsHaveFrench(t *testing.T) {
	for _, c := range commands() {
		var sets []*flag.FlagSet
		env := &Env{Stdout: io.Discard, Stderr: io.Discard, Getenv: func(string) string { return "" }, flagSets: &sets}
		c.run(env, []string{"--help"})
		for _, fs := range sets {
			fs.VisitAll(func(f *flag.Flag) {
				if _, usage := flagArg(f); !flagWords.Has(usage) {
					t.Errorf("%s --%s: no French for %q (flagWords)", fs.Name(), f.Name, usage)
				}
			})
		}
		if c.usage != "" && !helpWords.Has("usage."+c.name) {
			t.Errorf("%s: no French synopsis (helpWords usage.%s)", c.name, c.name)
		}
	}
}

// TestHelpInFrench: passation --help and each command's --help, asked in
// French by --lang (after --help, as users type it) or by LANG, are French
// throughout: every line passes the checker of French, and no flag keeps
// its English description.
func TestHelpInFrench(t *testing.T) {
	var english []string
	for u := range flagWords {
		english = append(english, u)
	}
	runs := [][]string{{"--help"}, {"help"}}
	for _, c := range commands() {
		runs = append(runs, []string{c.name, "--help"}, []string{"help", c.name})
	}
	runs = append(runs, []string{"check", "--help", "--lang", "fr"}, []string{"help", "audit", "--lang=fr"}, []string{"report", "merge", "--help"})
	for _, args := range runs {
		env := map[string]string{"LANG": "fr_FR.UTF-8"}
		if strings.Contains(strings.Join(args, " "), "--lang") {
			env = map[string]string{"LANG": "C"} // --lang alone must do it
		}
		code, stdout, _ := runAt(t, env, args...)
		if code != ExitOK || !strings.Contains(stdout, "Utilisation\u00a0:") {
			t.Errorf("%v: exit %d, no French usage line:\n%s", args, code, stdout)
			continue
		}
		for _, line := range strings.Split(stdout, "\n") {
			for _, f := range frenchcheck.Faults(line) {
				t.Errorf("%v: %s", args, f)
			}
			for _, en := range english {
				if strings.TrimSpace(line) == en {
					t.Errorf("%v: English line %q", args, line)
				}
			}
		}
	}
	// English stays English.
	if _, stdout, _ := runAt(t, map[string]string{"LANG": "C"}, "check", "--help"); !strings.Contains(stdout, "Usage: passation check [PATH]") ||
		!strings.Contains(stdout, "branch, tag or commit to check (default HEAD)") {
		t.Errorf("check --help in English:\n%s", stdout)
	}
}

// TestFlagErrorsSpeakLangAfterThem: a flag's error is said in the language
// of --lang even when --lang comes after the faulty flag.
func TestFlagErrorsSpeakLangAfterThem(t *testing.T) {
	_, _, stderr := runAt(t, map[string]string{"LANG": "C"}, "check", "--max-read", "abc", "--lang", "fr")
	want := "passation check\u00a0: --max-read \"abc\"\u00a0: attendu un nombre entier (lire au plus ce nombre d'octets d'un fichier (0\u00a0: la valeur par défaut))"
	if !strings.Contains(stderr, want) {
		t.Errorf("stderr %q, want %q", stderr, want)
	}
}
