package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/passation/passation/internal/atomicfile"
	"github.com/passation/passation/internal/i18n"
	"github.com/passation/passation/internal/pipeline"
	"github.com/passation/passation/internal/source"
	"github.com/passation/passation/internal/starter"
)

// initTemplates proposes, and with --write creates, a starter document for
// each item the check finds missing. It judges what the next commit would
// contain (the index, as check --staged), or the folder outside git, and
// never overwrites a file: one already there, even unstaged, is left as is.
func initTemplates(env *Env, f initFlags, path string) int {
	lng, err := lang(f.lang, env.Getenv)
	if err != nil {
		return usageErr(env, err)
	}
	env.lang = lng
	only := map[string]bool{}
	for _, id := range strings.Split(f.only, ",") {
		if id = strings.TrimSpace(id); id != "" {
			only[id] = true
		}
	}

	root, err := source.WorkTree(path)
	inGit := err == nil
	switch {
	case errors.Is(err, source.ErrNotRepository):
		if root, err = filepath.Abs(path); err != nil {
			return usageErr(env, err)
		}
	case errors.Is(err, source.ErrBare):
		return usageErr(env, about("init --templates", err))
	case err != nil:
		sayErr(env, err)
		return ExitUnreadable
	}
	ev, code := evaluate(env, checkFlags{profile: f.profile, lang: lng, failOn: "never", staged: inGit}, path)
	if ev == nil {
		return code
	}

	if err := starter.Check(ev.Rules); err != nil {
		return configErr(env, err)
	}
	for id := range only {
		if !slices.Contains(starter.Rules(ev.Rules), id) {
			return usageErr(env, usageWords.Errorf("only-unknown", id, strings.Join(starter.Rules(ev.Rules), ", ")))
		}
	}
	plan, none := starter.Plan(ev.Report.Results, ev.Rules, lng, only, func(p string) bool {
		_, err := os.Lstat(filepath.Join(root, filepath.FromSlash(p)))
		return err == nil
	})

	facts := detectFacts(env, ev, root, path)
	w := env.Stdout
	say := func(key string) string { return initWords.In(lng, key) }
	toCreate := 0
	for _, p := range plan {
		if !p.Exists {
			toCreate++
		}
	}
	if len(plan) == 0 {
		fmt.Fprintln(w, say("nothing"))
		printNone(w, none, lng)
		return ExitOK
	}
	if !f.write {
		fmt.Fprintln(w, initWords.Count(lng, "dry-run", toCreate))
	}
	var created []string
	for _, p := range plan {
		switch {
		case p.Exists:
			fmt.Fprintf(w, "  %-7s %-34s %-22s %s\n", say("exists"), p.Path, p.Rule, say("left"))
			continue
		case !f.write:
			fmt.Fprintf(w, "  %-7s %-34s %-22s %s\n", say("create"), p.Path, p.Rule, p.Title)
			continue
		}
		data, err := p.Starter.Render(lng, facts)
		if err == nil {
			err = createFile(root, p.Path, data)
		}
		if err != nil {
			fmt.Fprintf(env.Stderr, "passation: init --templates: %s: %v\n", p.Path, err)
			return ExitUnreadable
		}
		created = append(created, p.Path)
		fmt.Fprintf(w, "  %-7s %-34s %-22s %s\n", say("created"), p.Path, p.Rule, p.Title)
	}
	printNone(w, none, lng)
	if len(created) > 0 {
		fmt.Fprintln(w, say("replace"))
		if inGit {
			fmt.Fprintf(w, say("stage")+"\n", strings.Join(created, " "))
		}
	}
	return ExitOK
}

func printNone(w interface{ Write([]byte) (int, error) }, none []string, lng string) {
	if len(none) == 0 {
		return
	}
	fmt.Fprintf(w, initWords.In(lng, "none")+"\n", strings.Join(none, ", "))
}

// initWords are the sentences of passation init.
var initWords = i18n.Text{
	"nothing": {"passation init --templates: nothing to start: no missing item has a starter document.",
		"passation init --templates : rien à amorcer : aucun élément manquant n'a de modèle de document."},
	"dry-run.one": {"passation init --templates: %d starter document for the missing items (dry run: nothing written; add --write to create it)",
		"passation init --templates : %d document à amorcer pour les éléments manquants (simulation : rien n'est écrit ; ajoutez --write pour le créer)"},
	"dry-run.many": {"passation init --templates: %d starter documents for the missing items (dry run: nothing written; add --write to create them)",
		"passation init --templates : %d documents à amorcer pour les éléments manquants (simulation : rien n'est écrit ; ajoutez --write pour les créer)"},
	"exists":  {"exists", "existe"},
	"left":    {"left as it is: fill it in", "laissé tel quel : complétez-le"},
	"create":  {"create", "créer"},
	"created": {"created", "créé"},
	"replace": {"Replace their placeholders ([To be completed: …], {{ … }}): until then passation check reports them as present but empty.",
		"Remplacez leurs zones à compléter ([À compléter : …], {{ … }}) : d'ici là, passation check les signale comme présents mais vides."},
	"stage": {"Then stage them: git add %s", "Puis indexez-les : git add %s"},
	"none":  {"No starter document for: %s (passation explain RULE says what to add).", "Pas de modèle de document pour : %s (`passation explain RÈGLE` indique ce qu'il faut ajouter)."},
	"wrote": {"passation: wrote %s (profile %s). Edit it, commit it: only the committed file applies. passation check --print-config shows its effect.",
		"passation : fichier %s écrit (profil %s). Modifiez-le, puis faites-en un commit : seul le fichier commité s'applique. passation check --print-config montre son effet."},
}

// detectFacts gathers what the documents can be filled with: the project's
// name and address, and what the check found of the licence, the
// maintainers and the user documentation.
func detectFacts(env *Env, ev *pipeline.Evaluation, root, path string) starter.Facts {
	f := starter.Facts{Project: filepath.Base(root)}
	if repo, err := source.OpenRepo(path); err == nil {
		f.URL = starter.RepositoryURL(repo.RemoteURL())
		repo.Close()
	}
	if f.URL != "" {
		f.Project = f.URL[strings.LastIndexByte(f.URL, '/')+1:]
	}
	read := func(paths []string) map[string][]byte { return readPaths(ev.Tree, paths, 256<<10) }
	return starter.Detect(f, ev.Report.Results, ev.Rules, read, cacheDir(env.Getenv, "licences"))
}

// readPaths reads the named files of a tree, up to max bytes each.
func readPaths(t source.Tree, paths []string, max int64) map[string][]byte {
	want := map[string]bool{}
	for _, p := range paths {
		want[p] = true
	}
	out := map[string][]byte{}
	if len(want) == 0 {
		return out
	}
	c := &entryCollector{want: want}
	if err := t.Walk(c); err != nil {
		return out
	}
	for _, e := range c.entries {
		if data, _, err := t.Read(e, max); err == nil {
			out[e.Path] = data
		}
	}
	return out
}

type entryCollector struct {
	want    map[string]bool
	entries []source.Entry
}

func (c *entryCollector) Dir(p string) bool {
	for w := range c.want {
		if strings.HasPrefix(w, p+"/") {
			return true
		}
	}
	return false
}

func (c *entryCollector) File(e source.Entry) {
	if c.want[e.Path] {
		c.entries = append(c.entries, e)
	}
}

// createFile writes a new file below root, creating its folders. It never
// replaces a file (O_EXCL) and never writes through a symlinked folder,
// which could lead out of the repository.
func createFile(root, rel string, data []byte) error {
	parts := strings.Split(rel, "/")
	dir := root
	for _, part := range parts[:len(parts)-1] {
		dir = filepath.Join(dir, part)
		fi, err := os.Lstat(dir)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			if err := os.Mkdir(dir, 0o755); err != nil {
				return err
			}
		case err != nil:
			return err
		case fi.Mode()&fs.ModeSymlink != 0:
			return usageWords.Errorf("init-symlink", dir)
		case !fi.IsDir():
			return usageWords.Errorf("init-notdir", dir)
		}
	}
	// Whole or absent: a full disk leaves no half document behind.
	return atomicfile.Create(filepath.Join(root, filepath.FromSlash(rel)), data, 0o644)
}
