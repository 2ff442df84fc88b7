package cli

import (
	"errors"
	"fmt"
	"strings"

	"github.com/passation/passation/internal/config"
	"github.com/passation/passation/internal/source"
	"github.com/passation/passation/internal/yamlfile"
	"github.com/passation/passation/rules"
)

// stringsFlag is a flag that may be given several times.
type stringsFlag []string

func (s *stringsFlag) String() string { return strings.Join(*s, ", ") }
func (s *stringsFlag) Set(v string) error {
	*s = append(*s, v)
	return nil
}

// configured is the configuration of one check, every setting resolved:
// flag > configuration file > profile > embedded default.
type configured struct {
	applied *config.Applied
	lang    config.Choice
	failOn  config.Choice
}

// configure reads the configuration — --config FILE, else the one
// committed in the checked tree — applies it to the catalogue and resolves
// the settings. On a mistake it has shown every problem, at its file, line
// and column, and returns ExitUsage: nothing else runs.
func configure(env *Env, f checkFlags, tree source.Tree) (*configured, int) {
	var (
		file *config.File
		err  error
	)
	if f.config != "" {
		file, err = config.ReadFile(f.config)
	} else {
		file, err = config.Discover(tree)
	}
	if err == nil {
		var applied *config.Applied
		applied, err = config.Apply(file, rules.FS, tree, config.Options{Profile: f.profile, RuleDirs: f.rules, Now: env.now()})
		if err == nil {
			return resolveSettings(env, f, file, applied)
		}
	}
	return nil, configErr(env, err)
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

func resolveSettings(env *Env, f checkFlags, file *config.File, applied *config.Applied) (*configured, int) {
	var fileLang, fileFailOn config.Setting
	if file != nil {
		fileLang, fileFailOn = file.Lang, file.FailOn
	}
	envLang, _ := lang("", env.Getenv)
	from := "default"
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if env.Getenv(v) != "" {
			from = "environment (" + v + ")"
			break
		}
	}
	c := &configured{
		applied: applied,
		lang:    config.Choose(strings.ToLower(f.lang), "--lang", fileLang, config.Choice{Value: envLang, From: from}),
		failOn:  config.Choose(strings.ToLower(f.failOn), "--fail-on", fileFailOn, config.Choice{Value: "error", From: "default"}),
	}
	return c, ExitOK
}

// warnExpired says on stderr which waivers no longer waive, so that CI logs
// show it even when the report goes to a file.
func warnExpired(env *Env, applied *config.Applied) {
	for _, w := range applied.Expired() {
		fmt.Fprintf(env.Stderr, "passation: %s: the waiver of %q expired on %s (owner %s): it no longer waives\n",
			w.Pos, w.Rule, w.Until.Format(config.Date), w.Owner)
	}
}
