package cli

import (
	"errors"
	"fmt"
	"strings"

	"github.com/passation/passation/internal/config"
	"github.com/passation/passation/internal/yamlfile"
)

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
	for _, e := range yamlfile.Flatten(err) {
		if errors.As(e, &ye) {
			fmt.Fprint(env.Stderr, yamlfile.Format(e))
		} else {
			fmt.Fprintf(env.Stderr, "passation: %v\n", e)
		}
	}
	return ExitUsage
}

// warnExpired says on stderr which waivers no longer waive, so that CI logs
// show it even when the report goes to a file.
func warnExpired(env *Env, applied *config.Applied) {
	for _, w := range applied.Expired() {
		fmt.Fprintf(env.Stderr, "passation: %s: the waiver of %q expired on %s (owner %s): it no longer waives\n",
			w.Pos, w.Rule, w.Until.Format(config.Date), w.Owner)
	}
}
