package cohortreport

import (
	"encoding/json"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/passation/passation/internal/atomicfile"
	"github.com/passation/passation/internal/i18n"
	"github.com/passation/passation/internal/syserr"
)

// writeWords are the errors of writing the audit's folder, in both
// languages; the system's reason too (syserr).
var writeWords = i18n.Text{
	"out-empty":           {"--out is empty: expected the folder to write the reports into (use --out . for the current folder)", "--out est vide : attendu le dossier où écrire les rapports (--out . pour le dossier courant)"},
	"out-file":            {"--out %s: is a file, expected a folder (the reports are several files)", "--out %s : c'est un fichier, attendu un dossier (les rapports sont plusieurs fichiers)"},
	"out-mkdir":           {"--out %s: cannot create the folder: %s", "--out %s : impossible de créer le dossier : %s"},
	"out-write":           {"--out %s: cannot write there: %s", "--out %s : impossible d'y écrire : %s"},
	"out":                 {"--out: %s", "--out : %s"},
	"write":               {"write %s: %s", "écriture de %s impossible : %s"},
	"write-none":          {"write %s: %s: nothing was replaced", "écriture de %s impossible : %s ; rien n'a été remplacé"},
	"not-file":            {"write %s: expected a file, found %s: nothing was replaced", "écriture de %s impossible : attendu un fichier, trouvé %s ; rien n'a été remplacé"},
	"folder":              {"a folder", "un dossier"},
	"symlink":             {"a symbolic link", "un lien symbolique"},
	"special":             {"a special file", "un fichier spécial"},
	"progress":            {"%s: %s", "%s : %s"},
	"progress-big":        {"%s: larger than %d MiB: not the history passation audit writes", "%s : plus de %d Mio : ce n'est pas l'historique qu'écrit passation audit"},
	"progress-json":       {"%s: %s: expected the history passation audit writes (remove the file to start a new one)", "%s : %s : attendu l'historique qu'écrit passation audit (supprimez le fichier pour en commencer un nouveau)"},
	"progress-schema":     {"%s: schema %q: expected %q (remove the file to start a new history)", "%s : schéma « %s » : attendu « %s » (supprimez le fichier pour commencer un nouvel historique)"},
	"progress-count.many": {"%s: %d audits: expected at most %d", "%s : %d audits : attendu %d au plus"},
	"progress-point":      {"%s: audit %d has no date or counts: expected the history passation audit writes", "%s : l'audit %d n'a pas de date ou de décomptes : attendu l'historique qu'écrit passation audit"},
}

// ManifestName is the file, in the output folder, that lists what the last
// audit wrote there: the next audit removes only the letters it lists, never
// a file someone else put in letters/.
const ManifestName = ".passation-written.json"

type manifest struct {
	Note  string   `json:"note"`
	Files []string `json:"files"`
}

// PrepareOut checks the output folder before anything is fetched, so a
// mistyped --out fails at once rather than after an hour of cloning: it
// must be named, be (or become) a folder, and be writable.
func PrepareOut(out string) error {
	if strings.TrimSpace(out) == "" {
		return writeWords.Errorf("out-empty")
	}
	if fi, err := os.Stat(out); err == nil && !fi.IsDir() {
		return writeWords.Errorf("out-file", out)
	}
	if err := os.MkdirAll(filepath.Join(out, "letters"), 0o755); err != nil {
		return writeWords.Wrap(err, "out-mkdir", out, syserr.Of(err))
	}
	probe, err := os.CreateTemp(out, ".passation-probe-*")
	if err != nil {
		return writeWords.Wrap(err, "out-write", out, syserr.Of(err))
	}
	probe.Close()
	return os.Remove(probe.Name())
}

// Write puts the files of one audit (by slash-separated path relative to
// out) into the output folder, all of them or none: each is first written
// whole to a temporary file, and only when every one is ready are they
// renamed over the previous ones, report.json last. Nothing outside out is
// touched (an os.Root refuses paths and links that leave it). Temporary files
// left by an earlier run that was killed are removed, and so are the letters
// the previous audit wrote that this one no longer has.
func Write(out string, files map[string][]byte) error {
	if err := PrepareOut(out); err != nil {
		return err
	}
	root, err := os.OpenRoot(out)
	if err != nil {
		return writeWords.Wrap(err, "out", syserr.Of(err))
	}
	defer root.Close()

	previous := readManifest(root)
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	// report.json last: when it is there and new, everything else is too.
	sort.SliceStable(names, func(i, j int) bool { return names[j] == "report.json" && names[i] != "report.json" })
	removeStaleTemps(root, append(append([]string{ManifestName}, names...), previous...))

	mf, err := json.MarshalIndent(manifest{
		Note:  "written by passation audit: the next audit replaces these files and removes the letters it no longer writes; other files are left alone",
		Files: names,
	}, "", "  ")
	if err != nil {
		return err
	}
	type item struct {
		name string
		data []byte
	}
	all := make([]item, 0, len(names)+1)
	for _, n := range names {
		all = append(all, item{n, files[n]})
	}
	all = append(all, item{ManifestName, append(mf, '\n')})

	// First every file is written aside; a failure leaves every previous
	// report as it was.
	pending := make([]atomicfile.Pending, 0, len(all))
	abandon := func() {
		for _, p := range pending {
			p.Cleanup()
		}
	}
	for _, it := range all {
		p, err := prepare(root, out, it.name, it.data)
		if err != nil {
			abandon()
			return err
		}
		pending = append(pending, p)
	}
	for i, p := range pending {
		if err := p.CloseAtomicallyReplace(); err != nil {
			abandon()
			return writeWords.Wrap(err, "write", filepath.Join(out, filepath.FromSlash(all[i].name)), syserr.Of(err))
		}
	}
	for _, old := range previous {
		if _, keep := files[old]; !keep && strings.HasPrefix(old, "letters/") {
			root.Remove(old)
		}
	}
	return nil
}

func prepare(root *os.Root, out, name string, data []byte) (atomicfile.Pending, error) {
	full := filepath.Join(out, filepath.FromSlash(name))
	if fi, err := root.Lstat(name); err == nil && !fi.Mode().IsRegular() {
		return nil, writeWords.Errorf("not-file", full, writeWords.Errorf(kind(fi.Mode())))
	}
	if dir := path.Dir(name); dir != "." {
		if err := root.MkdirAll(dir, 0o755); err != nil {
			return nil, writeWords.Wrap(err, "write", full, syserr.Of(err))
		}
	}
	p, err := atomicfile.NewPending(root, name, 0o666, true)
	if err != nil {
		return nil, writeWords.Wrap(err, "write-none", full, syserr.Of(err))
	}
	if _, err := p.Write(data); err != nil {
		p.Cleanup()
		return nil, writeWords.Wrap(err, "write-none", full, syserr.Of(err))
	}
	return p, nil
}

func kind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "folder"
	case m&fs.ModeSymlink != 0:
		return "symlink"
	}
	return "special"
}

// readManifest lists the files the previous audit wrote; only names that
// stay inside letters/ or the folder itself are kept.
func readManifest(root *os.Root) []string {
	data, err := root.ReadFile(ManifestName)
	if err != nil {
		return nil
	}
	var m manifest
	if json.Unmarshal(data, &m) != nil {
		return nil
	}
	var out []string
	for _, f := range m.Files {
		if fs.ValidPath(f) && !strings.Contains(f, "\\") {
			out = append(out, f)
		}
	}
	return out
}

// staleTemp matches the temporary files of this writer (".NAME" and digits,
// from renameio) and of the versions before it (".NAME.PID.RANDOM.tmp").
var staleTemp = regexp.MustCompile(`^\.(.+?)(?:[0-9]+|\.[0-9]+\.[0-9]+\.tmp)$`)

// removeStaleTemps removes the temporary files that a run killed before its
// renames left behind, for the names passation writes or wrote there.
func removeStaleTemps(root *os.Root, names []string) {
	ours := map[string]bool{}
	for _, n := range names {
		ours[path.Base(n)] = true
	}
	for _, dir := range []string{".", "letters"} {
		f, err := root.Open(dir)
		if err != nil {
			continue
		}
		entries, _ := f.ReadDir(-1)
		f.Close()
		for _, e := range entries {
			m := staleTemp.FindStringSubmatch(e.Name())
			if m != nil && ours[m[1]] && e.Type().IsRegular() {
				root.Remove(path.Join(dir, e.Name()))
			}
		}
	}
}
