package cli

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/passation/passation/internal/atomicfile"
	"github.com/passation/passation/internal/catalog"
	"github.com/passation/passation/internal/config"
	"github.com/passation/passation/internal/source"
	"github.com/passation/passation/rules"
)

// initFlags are the options of `passation init`. Each mode of init is one
// function below; the flags they share are parsed once, here.
type initFlags struct {
	// templates proposes a starter document for each missing item.
	templates bool
	// write creates the files; without it, init --templates only says what
	// it would do. The configuration is always written.
	write   bool
	lang    string
	profile string
	only    string // comma-separated rule ids, to start only some documents
}

// runInit prepares a repository for passation: without a mode flag it
// writes a commented .passation.yml; --templates proposes starter documents.
func runInit(env *Env, args []string) int {
	var f initFlags
	fs := newFlags(env, "init")
	fs.BoolVar(&f.templates, "templates", false, "propose a starter document (from a template) for each missing item of the checklist")
	fs.BoolVar(&f.write, "write", false, "with --templates, create the files; without it, only list what would be created")
	fs.StringVar(&f.lang, "lang", "", "language of the documents and comments: fr or en (default from LC_ALL, LC_MESSAGES or LANG)")
	fs.StringVar(&f.profile, "profile", "", "rule profile: eig (default) or core")
	fs.StringVar(&f.only, "only", "", "comma-separated rule ids: start only these documents (with --templates)")
	pos, err := parse(fs, args)
	if err != nil {
		return parseFailed(err)
	}
	if len(pos) > 1 {
		return usageErr(env, usageWords.Errorf("init-paths", len(pos), strings.Join(pos, " ")))
	}
	path := "."
	if len(pos) == 1 {
		path = pos[0]
	}
	switch {
	case f.templates:
		return initTemplates(env, f, path)
	case f.only != "":
		return usageErr(env, usageWords.Errorf("init-only"))
	default:
		return initConfig(env, f, path)
	}
}

// initConfig writes a commented .passation.yml at the top of the work
// tree (or in the folder, outside git), unless the repository already has a
// configuration file: it never overwrites one.
func initConfig(env *Env, f initFlags, path string) int {
	lng, err := lang(f.lang, env.Getenv)
	if err != nil {
		return usageErr(env, err)
	}
	env.lang = lng
	root, err := source.WorkTree(path)
	switch {
	case errors.Is(err, source.ErrNotRepository):
		fi, serr := os.Stat(path)
		if serr != nil || !fi.IsDir() {
			return usageErr(env, usageWords.Errorf("init-folder", path))
		}
		root = path
	case err != nil:
		return usageErr(env, about("init", err))
	}
	for _, name := range config.Names {
		p := filepath.Join(root, filepath.FromSlash(name))
		if _, err := os.Lstat(p); err == nil {
			return usageErr(env, usageWords.Errorf("init-exists", p))
		}
	}
	cat, err := catalog.Load(rules.FS)
	if err != nil {
		return usageErr(env, err)
	}
	profile := f.profile
	if profile == "" {
		profile = cat.DefaultProfile
	}
	if _, err := cat.Select(profile); err != nil {
		return usageErr(env, about("--profile", err))
	}
	p := filepath.Join(root, ".passation.yml")
	if err := writeNew(p, config.Template(cat, profile, lng)); err != nil {
		return usageErr(env, err)
	}
	fmt.Fprintf(env.Stderr, initWords.In(lng, "wrote")+"\n", p, profile)
	return ExitOK
}

// writeNew creates a file that must not exist yet: even a file created
// between the check and the write is never overwritten, and a failed write
// (a full disk) leaves no file rather than half of one.
func writeNew(name string, data []byte) error {
	err := atomicfile.Create(name, data, 0o644)
	if errors.Is(err, os.ErrExist) {
		return usageWords.Wrap(err, "init-never", name)
	}
	return err
}
