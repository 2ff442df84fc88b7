package config

import (
	"bytes"
	"io"
	"io/fs"
	"path"
	"sort"
	"strings"
	"time"

	"github.com/passation/passation/internal/source"
	"github.com/passation/passation/internal/yamlfile"
)

// Bounds on a repository's rule folder: a checked repository may be
// hostile (an audit reads hundreds of them), and a real ruleset is a few
// files of a few kilobytes.
const (
	maxRuleFiles = 200
	maxRuleBytes = 8 << 20
)

// ruleFolder reads the rule files (*.yml directly inside dir) of the
// checked tree, so that a repository's own rules are the committed ones.
// found is false when the tree has no such folder. Only the folders on
// the way to dir are entered.
func ruleFolder(t source.Tree, dir string) (fsys fs.FS, found bool, err error) {
	v := &folderWalk{dir: dir}
	if err := t.Walk(v); err != nil {
		return nil, false, err
	}
	if len(v.files) > maxRuleFiles {
		return nil, true, fileWords.Errorf("too-many.many", len(v.files), dir, maxRuleFiles)
	}
	m := memFS{}
	total := 0
	for _, e := range v.files {
		if e.Kind != source.File && e.Kind != source.Executable {
			continue // a link could point anywhere: never followed
		}
		data, truncated, err := t.Read(e, yamlfile.MaxSize)
		if err != nil {
			return nil, true, err
		}
		if truncated {
			data = append(data, 0) // let the loader say it is too large
		}
		if total += len(data); total > maxRuleBytes {
			return nil, true, fileWords.Errorf("too-big.many", dir, maxRuleBytes)
		}
		m[path.Base(e.Path)] = data
	}
	return m, v.found, nil
}

type folderWalk struct {
	dir   string
	found bool
	files []source.Entry
}

func (w *folderWalk) Dir(p string) bool {
	if p == w.dir {
		w.found = true
		return true
	}
	return strings.HasPrefix(w.dir, p+"/")
}

func (w *folderWalk) File(e source.Entry) {
	if path.Dir(e.Path) == w.dir && strings.HasSuffix(e.Path, ".yml") {
		w.files = append(w.files, e)
	}
}

// memFS is a flat folder of files held in memory: what the catalogue loader
// needs (fs.Glob and fs.ReadFile) and nothing more.
type memFS map[string][]byte

func (m memFS) Open(name string) (fs.File, error) {
	if name == "." {
		return &memDir{m: m}, nil
	}
	data, ok := m[name]
	if !ok {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return &memFile{name: name, r: bytes.NewReader(data), size: int64(len(data))}, nil
}

func (m memFS) ReadDir(name string) ([]fs.DirEntry, error) {
	if name != "." {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrNotExist}
	}
	names := make([]string, 0, len(m))
	for n := range m {
		names = append(names, n)
	}
	sort.Strings(names)
	out := make([]fs.DirEntry, len(names))
	for i, n := range names {
		out[i] = fs.FileInfoToDirEntry(memInfo{name: n, size: int64(len(m[n]))})
	}
	return out, nil
}

type memFile struct {
	name string
	r    *bytes.Reader
	size int64
}

func (f *memFile) Stat() (fs.FileInfo, error) { return memInfo{name: f.name, size: f.size}, nil }
func (f *memFile) Read(p []byte) (int, error) { return f.r.Read(p) }
func (f *memFile) Close() error               { return nil }

type memDir struct{ m memFS }

func (d *memDir) Stat() (fs.FileInfo, error) { return memInfo{name: ".", dir: true}, nil }
func (d *memDir) Read([]byte) (int, error)   { return 0, io.EOF }
func (d *memDir) Close() error               { return nil }
func (d *memDir) ReadDir(n int) ([]fs.DirEntry, error) {
	return d.m.ReadDir(".")
}

type memInfo struct {
	name string
	size int64
	dir  bool
}

func (i memInfo) Name() string { return i.name }
func (i memInfo) Size() int64  { return i.size }
func (i memInfo) Mode() fs.FileMode {
	if i.dir {
		return fs.ModeDir | 0o555
	}
	return 0o444
}
func (i memInfo) ModTime() time.Time { return time.Time{} }
func (i memInfo) IsDir() bool        { return i.dir }
func (i memInfo) Sys() any           { return nil }
