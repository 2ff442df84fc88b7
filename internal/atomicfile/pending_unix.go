//go:build !windows

package atomicfile

import (
	"io/fs"
	"os"
	"path/filepath"

	"github.com/google/renameio/v2"
)

func newPending(root *os.Root, name string, perm fs.FileMode, keepMode bool) (Pending, error) {
	opts := []renameio.Option{renameio.WithPermissions(perm)}
	if root != nil {
		opts = append(opts, renameio.WithRoot(root))
	} else {
		opts = append(opts, renameio.WithTempDir(filepath.Dir(name)))
	}
	if keepMode {
		opts = append(opts, renameio.WithExistingPermissions())
	}
	return renameio.NewPendingFile(name, opts...)
}
