package config

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/passation/passation/internal/i18n"
	"github.com/passation/passation/internal/source"
	"github.com/passation/passation/internal/syserr"
	"github.com/passation/passation/internal/yamlfile"
)

// fileWords are the errors of finding and reading configuration and rule
// files, in both languages (the system's reason too, syserr).
var fileWords = i18n.Text{
	"pattern":       {"invalid pattern %q: expected a glob such as archive/** or *.pdf", "motif « %s » non valide : attendu un motif tel que archive/** ou *.pdf"},
	"looking":       {"looking for the configuration: %s", "recherche de la configuration : %s"},
	"at":            {"%s: %s", "%s : %s"},
	"config-none":   {"--config %s: no such file", "--config %s : fichier introuvable"},
	"config":        {"--config: %s", "--config : %s"},
	"config-file":   {"--config %s: %s", "--config %s : %s"},
	"rules-in":      {"%s: rules: %q: %s", "%s : rules : « %s » : %s"},
	"rules-flag":    {"--rules %s: %s", "--rules %s : %s"},
	"no-folder":     {"no such folder", "dossier introuvable"},
	"not-folder":    {"not a folder: expected a folder of rule files (*.yml)", "ce n'est pas un dossier : attendu un dossier de fichiers de règles (*.yml)"},
	"too-many.many": {"folder %[2]q holds %[1]d rule files: expected at most %[3]d", "le dossier « %[2]s » contient %[1]d fichiers de règles : attendu %[3]d au plus"},
	"too-big.many":  {"folder %q holds more than %d bytes of rule files: a ruleset is a few files of a few kilobytes", "le dossier « %s » contient plus de %d octets de fichiers de règles : un jeu de règles tient en quelques fichiers de quelques kilo-octets"},
}

// Discover finds the repository's configuration in the checked tree — so
// that the committed file is the one that applies — and parses it. It
// returns nil, nil when the repository has none. The walk enters .github
// only, whatever the size of the tree.
func Discover(t source.Tree) (*File, error) {
	v := &finder{want: map[string]bool{}}
	for _, n := range Names {
		v.want[n] = true
	}
	if err := t.Walk(v); err != nil {
		return nil, fileWords.Wrap(err, "looking", syserr.Of(err))
	}
	switch len(v.found) {
	case 0:
		return nil, nil
	case 1:
	default:
		sort.Slice(v.found, func(i, j int) bool { return v.found[i].Path < v.found[j].Path })
		names := make([]string, len(v.found))
		for i, e := range v.found {
			names[i] = e.Path
		}
		return nil, yamlfile.Errorf(Pos{File: names[1]}, "the repository has %d configuration files, %s: keep only one", len(names), strings.Join(names, " and "))
	}
	e := v.found[0]
	if e.Kind != source.File && e.Kind != source.Executable {
		return nil, yamlfile.Errorf(Pos{File: e.Path}, "is a symbolic link or a submodule: passation does not follow links out of the tree; commit the configuration file itself")
	}
	data, truncated, err := t.Read(e, yamlfile.MaxSize)
	if err != nil {
		return nil, fileWords.Wrap(err, "at", e.Path, syserr.Of(err))
	}
	if truncated {
		return nil, yamlfile.Errorf(Pos{File: e.Path}, "file is larger than %d bytes: a configuration is a few lines", yamlfile.MaxSize)
	}
	return Parse(e.Path, FromRepository, data)
}

// finder is a walk that only looks at the root and .github.
type finder struct {
	want  map[string]bool
	found []source.Entry
}

func (f *finder) Dir(p string) bool { return p == ".github" }

func (f *finder) File(e source.Entry) {
	if f.want[e.Path] {
		f.found = append(f.found, e)
	}
}

// ReadFile reads a configuration given with --config. Its relative rules:
// folders are read from disk, relative to the file's folder.
func ReadFile(name string) (*File, error) {
	fh, err := os.Open(name)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, fileWords.Wrap(err, "config-none", name)
		}
		return nil, fileWords.Wrap(err, "config", syserr.Of(err))
	}
	defer fh.Close()
	data, err := io.ReadAll(io.LimitReader(fh, yamlfile.MaxSize+1))
	if err != nil {
		return nil, fileWords.Wrap(err, "config-file", name, syserr.Of(err))
	}
	if len(data) > yamlfile.MaxSize {
		return nil, yamlfile.Errorf(Pos{File: name}, "file is larger than %d bytes: a configuration is a few lines", yamlfile.MaxSize)
	}
	f, err := Parse(name, FromFlag, data)
	if err != nil {
		return nil, err
	}
	f.Dir = filepath.Dir(name)
	return f, nil
}
