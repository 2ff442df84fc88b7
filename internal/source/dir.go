package source

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/passation/passation/internal/finding"
)

// DirTree is a plain folder, read when there is no git repository. Symlinks
// are listed but never followed, and .git folders are skipped.
type DirTree struct {
	root string
}

// OpenDir returns the folder as a tree.
func OpenDir(dir string) (*DirTree, error) {
	fi, err := os.Stat(dir)
	if err != nil {
		return nil, err
	}
	if !fi.IsDir() {
		return nil, fmt.Errorf("%s: not a folder", dir)
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	return &DirTree{root: abs}, nil
}

// Describe implements Tree.
func (d *DirTree) Describe() finding.Repository {
	return finding.Repository{Path: d.root, Mode: "directory"}
}

// Walk implements Tree.
func (d *DirTree) Walk(v Visitor) error {
	return filepath.WalkDir(d.root, func(p string, de fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, rerr := filepath.Rel(d.root, p)
		if rerr != nil || rel == "." {
			return rerr
		}
		rel = filepath.ToSlash(rel)
		switch {
		case de.IsDir():
			if de.Name() == ".git" || !v.Dir(rel) {
				return filepath.SkipDir
			}
		case de.Type()&fs.ModeSymlink != 0:
			v.File(Entry{Path: rel, Kind: Symlink})
		case de.Type().IsRegular():
			v.File(Entry{Path: rel, Kind: File})
		}
		return nil
	})
}

// Read implements Tree. It refuses anything that is not a regular file at
// the time of reading, so a symlink swapped in is not followed.
func (d *DirTree) Read(e Entry, max int64) ([]byte, bool, error) {
	p := filepath.Join(d.root, filepath.FromSlash(e.Path))
	fi, err := os.Lstat(p)
	if err != nil {
		return nil, false, err
	}
	if !fi.Mode().IsRegular() {
		return nil, false, fmt.Errorf("%s: %w", e.Path, ErrNotReadable)
	}
	f, err := os.Open(p)
	if err != nil {
		return nil, false, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, max))
	return data, fi.Size() > max, err
}
