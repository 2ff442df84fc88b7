package cli

import (
	"fmt"
	"strings"
)

// initFlags are the options of `passation init`. Each mode of init is one
// function below; the flags they share are parsed once, here.
type initFlags struct {
	// templates proposes a starter document for each missing item.
	templates bool
	// write creates the files; without it, init only says what it would do.
	write   bool
	lang    string
	profile string
	only    string // comma-separated rule ids, to start only some documents
}

// runInit prepares a repository for passation.
func runInit(env *Env, args []string) int {
	var f initFlags
	fs := newFlags(env, "init")
	fs.BoolVar(&f.templates, "templates", false, "propose a starter document (from a template) for each missing item of the checklist")
	fs.BoolVar(&f.write, "write", false, "create the files; without it, only list what would be created")
	fs.StringVar(&f.lang, "lang", "", "language of the documents: fr or en (default from LANG)")
	fs.StringVar(&f.profile, "profile", "", "rule profile whose missing items get a document: eig (default) or core")
	fs.StringVar(&f.only, "only", "", "comma-separated rule ids: start only these documents (with --templates)")
	pos, err := parse(fs, args)
	if err != nil {
		return ExitUsage
	}
	if len(pos) > 1 {
		return usageErr(env, fmt.Errorf("init: expected at most one path, got %d (%s)", len(pos), strings.Join(pos, " ")))
	}
	path := "."
	if len(pos) == 1 {
		path = pos[0]
	}
	switch {
	case f.templates:
		return initTemplates(env, f, path)
	default:
		return usageErr(env, fmt.Errorf("init: expected --templates (passation init --templates proposes starter documents for the missing items; add --write to create them)"))
	}
}
