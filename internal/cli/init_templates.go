package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/passation/passation/internal/atomicfile"
	"github.com/passation/passation/internal/finding"
	"github.com/passation/passation/internal/source"
	"github.com/passation/passation/internal/starter"
)

// planned is one starter document init --templates proposes.
type planned struct {
	rule, title, path string
	exists            bool
	starter           starter.Starter
}

// initTemplates proposes, and with --write creates, a starter document for
// each item the check finds missing. It judges what the next commit would
// contain (the index, as check --staged), or the folder outside git, and
// never overwrites a file: one already there, even unstaged, is left as is.
func initTemplates(env *Env, f initFlags, path string) int {
	lng, err := lang(f.lang, env.Getenv)
	if err != nil {
		return usageErr(env, err)
	}
	only := map[string]bool{}
	for _, id := range strings.Split(f.only, ",") {
		if id = strings.TrimSpace(id); id != "" {
			only[id] = true
		}
	}
	for id := range only {
		if _, ok := starter.For(id); !ok {
			return usageErr(env, fmt.Errorf("--only: no starter document for %q: expected some of %s", id, strings.Join(starter.Rules(), ", ")))
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
		return usageErr(env, fmt.Errorf("init --templates: %w", err))
	case err != nil:
		fmt.Fprintf(env.Stderr, "passation: %v\n", err)
		return ExitUnreadable
	}
	ev, code := evaluate(env, checkFlags{profile: f.profile, lang: lng, failOn: "never", staged: inGit}, path)
	if ev == nil {
		return code
	}

	var plan []planned
	var none []string
	for _, r := range ev.rep.Results {
		if r.Status != finding.Fail || len(only) > 0 && !only[r.Rule] {
			continue
		}
		s, ok := starter.For(r.Rule)
		if !ok {
			none = append(none, r.Rule)
			continue
		}
		p := planned{rule: r.Rule, title: r.Title, path: s.PathIn(lng), starter: s}
		// The document may exist in the other language (started earlier
		// with the other --lang): that one is the one to fill.
		for _, l := range []string{lng, otherLang(lng)} {
			if _, err := os.Lstat(filepath.Join(root, filepath.FromSlash(s.PathIn(l)))); err == nil {
				p.path, p.exists = s.PathIn(l), true
				break
			}
		}
		plan = append(plan, p)
	}

	facts := detectFacts(env, ev, root, path)
	w := env.Stdout
	say := func(en, fr string) string {
		if lng == "fr" {
			return fr
		}
		return en
	}
	toCreate := 0
	for _, p := range plan {
		if !p.exists {
			toCreate++
		}
	}
	if len(plan) == 0 {
		fmt.Fprintln(w, say("passation init --templates: nothing to start: no missing item has a starter document.",
			"passation init --templates : rien à amorcer : aucun élément manquant n'a de modèle de document."))
		printNone(w, none, say)
		return ExitOK
	}
	if !f.write {
		fmt.Fprintf(w, say("passation init --templates: %d starter documents for the missing items (dry run: nothing written; add --write to create them)\n",
			"passation init --templates : %d documents à amorcer pour les éléments manquants (simulation : rien n'est écrit ; ajoutez --write pour les créer)\n"), toCreate)
	}
	var created []string
	for _, p := range plan {
		switch {
		case p.exists:
			fmt.Fprintf(w, "  %-7s %-34s %-22s %s\n", say("exists", "existe"), p.path, p.rule, say("left as it is: fill it in", "laissé tel quel : complétez-le"))
			continue
		case !f.write:
			fmt.Fprintf(w, "  %-7s %-34s %-22s %s\n", say("create", "créer"), p.path, p.rule, p.title)
			continue
		}
		data, err := p.starter.Render(lng, facts)
		if err == nil {
			err = createFile(root, p.path, data)
		}
		if err != nil {
			fmt.Fprintf(env.Stderr, "passation: init --templates: %s: %v\n", p.path, err)
			return ExitUnreadable
		}
		created = append(created, p.path)
		fmt.Fprintf(w, "  %-7s %-34s %-22s %s\n", say("created", "créé"), p.path, p.rule, p.title)
	}
	printNone(w, none, say)
	if len(created) > 0 {
		fmt.Fprint(w, say("Replace their placeholders ([To be completed: …], {{ … }}): until then passation check reports them as present but empty.\n",
			"Remplacez leurs zones à compléter ([À compléter : …], {{ … }}) : d'ici là, passation check les signale comme présents mais vides.\n"))
		if inGit {
			fmt.Fprintf(w, say("Then stage them: git add %s\n", "Puis indexez-les : git add %s\n"), strings.Join(created, " "))
		}
	}
	return ExitOK
}

func otherLang(l string) string {
	if l == "fr" {
		return "en"
	}
	return "fr"
}

func printNone(w interface{ Write([]byte) (int, error) }, none []string, say func(en, fr string) string) {
	if len(none) == 0 {
		return
	}
	fmt.Fprintf(w, say("No starter document for: %s (passation explain RULE says what to add).\n",
		"Pas de modèle de document pour : %s (passation explain RÈGLE dit quoi ajouter).\n"), strings.Join(none, ", "))
}

// detectFacts gathers what the documents can be filled with: the project's
// name, and for publiccode.yml the repository's address, its licence, its
// maintainers and its user documentation, read from what the check found.
func detectFacts(env *Env, ev *evaluation, root, path string) starter.Facts {
	f := starter.Facts{Project: filepath.Base(root)}
	if repo, err := source.OpenRepo(path); err == nil {
		f.URL = starter.RepositoryURL(repo.RemoteURL())
		repo.Close()
	}
	if f.URL != "" {
		f.Project = f.URL[strings.LastIndexByte(f.URL, '/')+1:]
	}
	found := map[string]finding.Result{}
	for _, r := range ev.rep.Results {
		if r.Status == finding.Pass {
			found[r.Rule] = r
		}
	}
	var want []string
	for _, rule := range []string{"licence", "maintainer"} {
		for _, e := range found[rule].Evidence {
			if e.Path != "" {
				want = append(want, e.Path)
			}
		}
	}
	texts := readPaths(ev.tree, want, 256<<10)
	for _, e := range found["licence"].Evidence {
		if id := starter.DetectLicence(texts[e.Path], cacheDir(env.Getenv, "licences")); id != "" && e.Line == 0 {
			f.Licence = id
			break
		}
	}
	seen := map[string]bool{}
	for _, e := range found["maintainer"].Evidence {
		text := texts[e.Path]
		if e.Line > 0 {
			text = sectionAt(text, e.Line)
		}
		for _, p := range starter.DetectMaintainers(text) {
			if !seen[p.Email] {
				seen[p.Email] = true
				f.Maintainers = append(f.Maintainers, p)
			}
		}
	}
	if r, ok := found["user-manual"]; ok && len(r.Evidence) > 0 {
		f.Documentation = starter.FileURL(f.URL, r.Evidence[0].Path)
	}
	return f
}

// sectionAt returns the lines of a Markdown section: from its heading at
// line (1-based) to the next heading.
func sectionAt(text []byte, line int) []byte {
	lines := strings.Split(string(text), "\n")
	if line < 1 || line > len(lines) {
		return nil
	}
	end := len(lines)
	for i := line; i < len(lines); i++ {
		if strings.HasPrefix(strings.TrimSpace(lines[i]), "#") {
			end = i
			break
		}
	}
	return []byte(strings.Join(lines[line-1:end], "\n"))
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
			return fmt.Errorf("%s is a symlink: not writing through it", dir)
		case !fi.IsDir():
			return fmt.Errorf("%s is not a folder", dir)
		}
	}
	// Whole or absent: a full disk leaves no half document behind.
	return atomicfile.Create(filepath.Join(root, filepath.FromSlash(rel)), data, 0o644)
}
