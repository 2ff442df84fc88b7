//go:build windows

package atomicfile

import (
	"errors"
	"io/fs"
	"math/rand/v2"
	"os"
	"path"
	"path/filepath"
	"strconv"
)

// renameio does not build on Windows; there a rename onto an existing
// file replaces it in one step too (MoveFileEx, MOVEFILE_REPLACE_EXISTING,
// which os.Rename uses), and that is all this needs.
type windowsPending struct {
	*os.File
	root      *os.Root
	ownedRoot bool
	tmp, name string // relative to root
	full      string // the temporary file's path
	done      bool
}

func newPending(root *os.Root, name string, perm fs.FileMode, _ bool) (Pending, error) {
	p := &windowsPending{root: root, name: name}
	prefix := ""
	if root == nil {
		dir := filepath.Dir(name)
		r, err := os.OpenRoot(dir)
		if err != nil {
			return nil, err
		}
		p.root, p.ownedRoot, p.name, prefix = r, true, filepath.Base(name), dir
	}
	dir, base := path.Split(filepath.ToSlash(p.name))
	for range 100 {
		p.tmp = dir + "." + base + strconv.FormatUint(uint64(rand.Uint32()), 10)
		f, err := p.root.OpenFile(p.tmp, os.O_RDWR|os.O_CREATE|os.O_EXCL, perm)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			p.closeRoot()
			return nil, err
		}
		p.File = f
		p.full = filepath.Join(prefix, filepath.FromSlash(p.tmp))
		if prefix == "" {
			p.full = f.Name()
		}
		return p, nil
	}
	p.closeRoot()
	return nil, errors.New("no free temporary name beside " + name)
}

func (p *windowsPending) Name() string { return p.full }

func (p *windowsPending) CloseAtomicallyReplace() error {
	if err := p.File.Sync(); err != nil {
		return err
	}
	if err := p.File.Close(); err != nil {
		return err
	}
	if err := p.root.Rename(p.tmp, p.name); err != nil {
		return err
	}
	p.done = true
	p.closeRoot()
	return nil
}

func (p *windowsPending) Cleanup() error {
	if p.done {
		return nil
	}
	p.done = true
	p.File.Close()
	err := p.root.Remove(p.tmp)
	p.closeRoot()
	return err
}

func (p *windowsPending) closeRoot() {
	if p.ownedRoot {
		p.root.Close()
		p.ownedRoot = false
	}
}
