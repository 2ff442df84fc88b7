package source

import (
	"compress/zlib"
	"errors"
	"io"
	"strings"

	"github.com/go-git/go-git/v5/plumbing/format/packfile"
)

// Damaged says whether a read error means the repository is damaged: an
// object that is there but cannot be decoded (truncated, a bad zlib stream
// or checksum, a corrupt pack). An object missing from a partial or shallow
// clone is not, nor a file that could not be read from a folder. It lives
// here so that go-git's errors stay behind this package.
func Damaged(err error) bool {
	if err == nil || errors.Is(err, ErrMissingObject) || errors.Is(err, ErrNotReadable) {
		return false
	}
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, zlib.ErrChecksum) || errors.Is(err, zlib.ErrHeader) ||
		errors.Is(err, packfile.ErrMalformedPackFile) || errors.Is(err, packfile.ErrZLib) || errors.Is(err, packfile.ErrInvalidObject) {
		return true
	}
	s := strings.ToLower(err.Error())
	return strings.Contains(s, "zlib") || strings.Contains(s, "checksum") || strings.Contains(s, "corrupt")
}
