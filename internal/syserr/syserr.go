// Package syserr says why the system refused a file operation, in both
// languages: the common reasons (permission, full disk, read-only file
// system…) have French words; any other is quoted, as code, as the system
// said it. English keeps the system's own sentence.
package syserr

import (
	"errors"
	"io/fs"
	"strings"
	"syscall"

	"github.com/passation/passation/internal/i18n"
)

var words = i18n.Text{
	"permission": {"permission denied", "permission refusée"},
	"space":      {"no space left on device", "plus de place sur le disque"},
	"quota":      {"disk quota exceeded", "quota de disque dépassé"},
	"read-only":  {"read-only file system", "système de fichiers en lecture seule"},
	"too-large":  {"file too large", "fichier trop grand"},
	"not-dir":    {"not a directory", "ce n'est pas un dossier"},
	"is-dir":     {"is a directory", "c'est un dossier"},
	"not-exist":  {"no such file or directory", "fichier ou dossier introuvable"},
	"exists":     {"file exists", "le fichier existe déjà"},
	"path":       {"%s: %s", "%s : %s"},
	"as-said":    {"%s", "`%s`"},
}

// known are the reasons said in French, most specific first.
var known = []struct {
	err error
	key string
}{
	{syscall.ENOSPC, "space"}, {syscall.EDQUOT, "quota"}, {syscall.EROFS, "read-only"},
	{syscall.EFBIG, "too-large"}, {syscall.ENOTDIR, "not-dir"}, {syscall.EISDIR, "is-dir"},
	{fs.ErrPermission, "permission"}, {fs.ErrNotExist, "not-exist"}, {fs.ErrExist, "exists"},
}

// Reason is the system's reason for a failed operation, said in either
// language (i18n.Lingual): an argument of a sentence of both languages.
type Reason struct{ err error }

// Of is err's reason.
func Of(err error) Reason { return Reason{err} }

func (r Reason) String() string { return r.In("en") }

// In says the reason in lang: in English, the system's sentence; in
// French, the file and the reason in French when it is a common one, else
// the system's words quoted.
func (r Reason) In(lang string) string {
	if r.err == nil {
		return ""
	}
	if j, ok := r.err.(interface{ Unwrap() []error }); ok {
		var lines []string
		for _, e := range j.Unwrap() {
			lines = append(lines, Of(e).In(lang))
		}
		return strings.Join(lines, "\n")
	}
	var l interface {
		error
		i18n.Lingual
	}
	if errors.As(r.err, &l) {
		// passation's own words, maybe wrapped: the wrapper's stay.
		return strings.Replace(r.err.Error(), l.Error(), l.In(lang), 1)
	}
	if lang != "fr" {
		return r.err.Error()
	}
	err := r.err
	var pe *fs.PathError
	path := ""
	if errors.As(err, &pe) {
		path, err = pe.Path, pe.Err
	}
	why := ""
	for _, k := range known {
		if errors.Is(err, k.err) {
			why = words.In(lang, k.key)
			break
		}
	}
	if why == "" {
		why = words.Errorf("as-said", err.Error()).In(lang)
	}
	if path == "" {
		return why
	}
	return words.Errorf("path", path, why).In(lang)
}
