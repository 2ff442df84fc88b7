package cli

import (
	"errors"
	"fmt"
	"strings"

	"github.com/passation/passation/internal/config"
	"github.com/passation/passation/internal/i18n"
	"github.com/passation/passation/internal/syserr"
	"github.com/passation/passation/internal/yamlfile"
)

// cliWords are sentences shared by the commands.
var cliWords = i18n.Text{
	"sep":     {": ", " : "},
	"about":   {"%s: %s", "%s : %s"},
	"stdout":  {"writing to standard output: %s", "écriture sur la sortie standard impossible : %s"},
	"expired": {"passation: %s: the waiver of %q expired on %s (owner %s): it no longer waives", "passation : %s : la dérogation de « %s » a expiré le %s (responsable %s) : elle ne couvre plus rien"},
}

// about is err about what (a flag, a command), in both languages when err
// has both, the system's reason in French otherwise (syserr).
func about(what string, err error) error { return cliWords.Wrap(err, "about", what, syserr.Of(err)) }

// stringsFlag is a flag that may be given several times.
type stringsFlag []string

func (s *stringsFlag) String() string { return strings.Join(*s, ", ") }
func (s *stringsFlag) Set(v string) error {
	*s = append(*s, v)
	return nil
}

// configErr shows every problem of a configuration or rule file at its
// file, line and column, with the offending line, and returns ExitUsage.
func configErr(env *Env, err error) int {
	var ye *yamlfile.Error
	lng := env.messageLang()
	for _, e := range yamlfile.Flatten(err) {
		if errors.As(e, &ye) {
			fmt.Fprint(env.Stderr, yamlfile.FormatIn(e, lng))
		} else {
			fmt.Fprintf(env.Stderr, "passation%s%s\n", cliWords.In(lng, "sep"), inLang(e, lng))
		}
	}
	return ExitUsage
}

// warnExpired says on stderr which waivers no longer waive, so that CI logs
// show it even when the report goes to a file.
func warnExpired(env *Env, applied *config.Applied) {
	for _, w := range applied.Expired() {
		fmt.Fprintf(env.Stderr, cliWords.In(env.messageLang(), "expired")+"\n", w.Pos, w.Rule, w.Until.Format(config.Date), w.Owner)
	}
}
