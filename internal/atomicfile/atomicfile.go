// Package atomicfile writes files whole or not at all: the data goes to a
// temporary file beside the target (github.com/google/renameio; on
// Windows, where renameio does not build, a plain rename), flushed, then
// put in place in one step. A full disk, a file-size limit or a kill
// leaves the previous file, or none, never half of one.
package atomicfile

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/passation/passation/internal/i18n"
	"github.com/passation/passation/internal/syserr"
)

// words are the errors of a write, in both languages; the system's reason
// is said in the language asked for too (syserr).
var words = i18n.Text{
	"write":       {"write %s: %s", "écriture de %s impossible : %s"},
	"not-regular": {"write %s: not a regular file", "écriture de %s impossible : ce n'est pas un fichier ordinaire"},
	"exists":      {"%s: file already exists", "%s : le fichier existe déjà"},
	"no-folder":   {"expected an existing folder, %s is not one", "attendu un dossier existant, %s n'en est pas un"},
}

// failed is the error of a write of name that err stopped.
func failed(name string, err error) error { return words.Wrap(err, "write", name, syserr.Of(err)) }

func exists(name string) error { return words.Wrap(fs.ErrExist, "exists", name) }

// Write replaces name with data. A new file gets the usual permissions
// (0666 less the umask), a replaced one keeps its own; a name that is a
// folder, a link or a device is refused.
func Write(name string, data []byte) error {
	if fi, err := os.Lstat(name); err == nil && !fi.Mode().IsRegular() {
		return words.Errorf("not-regular", name)
	}
	p, err := pending(name, 0o666, true)
	if err != nil {
		return failed(name, err)
	}
	defer p.Cleanup()
	if _, err := p.Write(data); err != nil {
		return failed(name, err)
	}
	if err := p.CloseAtomicallyReplace(); err != nil {
		return failed(name, err)
	}
	return nil
}

// Create writes a file that must not exist yet, with perm (less the
// umask): the whole file appears at once, and one created meanwhile by
// someone else is never overwritten (a hard link, unlike a rename, fails
// on an existing name).
func Create(name string, data []byte, perm fs.FileMode) error {
	if _, err := os.Lstat(name); err == nil {
		return exists(name)
	}
	p, err := pending(name, perm, false)
	if err != nil {
		return failed(name, err)
	}
	defer p.Cleanup()
	if _, err := p.Write(data); err != nil {
		return failed(name, err)
	}
	if err := p.Sync(); err != nil {
		return failed(name, err)
	}
	if err := os.Link(p.Name(), name); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return exists(name)
		}
		return failed(name, err)
	}
	return nil // Cleanup removes the temporary name; the link stays
}

// pending is name's content written aside in its own folder.
func pending(name string, perm fs.FileMode, keepMode bool) (Pending, error) {
	dir := filepath.Dir(name)
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		return nil, words.Errorf("no-folder", dir)
	}
	return NewPending(nil, name, perm, keepMode)
}

// Pending is a file written aside, under a temporary name beside its
// target: CloseAtomicallyReplace puts it in place in one step, Cleanup
// removes it if it was not.
type Pending interface {
	Write(p []byte) (int, error)
	Sync() error
	// Name is the temporary file's path.
	Name() string
	CloseAtomicallyReplace() error
	Cleanup() error
}

// NewPending starts writing name aside. With a root, name is relative to
// it (and the file cannot land outside it); without, name is a path. perm
// is a new file's mode (less the umask); keepMode keeps a replaced file's.
// The temporary name is "." + the file's name + digits.
func NewPending(root *os.Root, name string, perm fs.FileMode, keepMode bool) (Pending, error) {
	return newPending(root, name, perm, keepMode)
}
