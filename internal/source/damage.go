package source

import (
	"compress/zlib"
	"errors"
	"io"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"
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
	if BadPack(err) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, zlib.ErrChecksum) || errors.Is(err, zlib.ErrHeader) {
		return true
	}
	s := strings.ToLower(err.Error())
	return strings.Contains(s, "zlib") || strings.Contains(s, "checksum") || strings.Contains(s, "corrupt")
}

// BadPack says whether err is go-git's word for a pack it could not
// decode. A fetch that ends in io.ErrUnexpectedEOF is not one: the
// connection broke.
func BadPack(err error) bool {
	for _, e := range []error{packfile.ErrMalformedPackFile, packfile.ErrZLib, packfile.ErrInvalidObject,
		packfile.ErrInvalidDelta, packfile.ErrReferenceDeltaNotFound, packfile.ErrBadSignature,
		packfile.ErrInflatedSizeMismatch, packfile.ErrUnsupportedVersion} {
		if errors.Is(err, e) {
			return true
		}
	}
	return false
}

// ObjectMissing says whether err is an object the repository does not
// have: expected in a shallow or partial clone, a damage in a full one.
func ObjectMissing(err error) bool {
	return errors.Is(err, ErrMissingObject) || errors.Is(err, plumbing.ErrObjectNotFound)
}
