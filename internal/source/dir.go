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
		return nil, openWords.Errorf("not-folder", dir)
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	// The folder the user named is followed if it is a symlink: the walk
	// below does not follow any, and would see an empty folder.
	if abs, err = filepath.EvalSymlinks(abs); err != nil {
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
// the time of reading, so a symlink swapped in after the walk is not
// followed: the file is opened through an os.Root, which refuses any path
// that leaves the folder, and must be the very file that was checked.
func (d *DirTree) Read(e Entry, max int64) ([]byte, bool, error) {
	root, err := os.OpenRoot(d.root)
	if err != nil {
		return nil, false, err
	}
	defer root.Close()
	name := filepath.FromSlash(e.Path)
	fi, err := root.Lstat(name)
	if err != nil {
		return nil, false, err
	}
	if !fi.Mode().IsRegular() {
		return nil, false, fmt.Errorf("%s: %w", e.Path, ErrNotReadable)
	}
	f, err := root.Open(name)
	if err != nil {
		return nil, false, err
	}
	defer f.Close()
	if opened, err := f.Stat(); err != nil || !os.SameFile(fi, opened) {
		return nil, false, fmt.Errorf("%s: changed while being read: %w", e.Path, ErrNotReadable)
	}
	data, err := io.ReadAll(io.LimitReader(f, max))
	return data, fi.Size() > max, err
}
