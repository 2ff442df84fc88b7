// Package source turns every input passation reads — a git tree at a ref,
// the index, a plain folder, a clone fetched from a server — into one small
// view: a walk over file entries and a capped read of one file. With the
// history rules' object store, it is the only package that knows about
// go-git: the audit fetches through Fetch and names a server's refusals
// through Refusal, Damaged and ObjectMissing.
package source

import (
	"errors"
	"fmt"

	"github.com/passation/passation/internal/finding"
	"github.com/passation/passation/internal/i18n"
)

// Kind says what a tree entry is; only regular files carry content that
// passation reads.
type Kind uint8

// Entry kinds.
const (
	File Kind = iota
	Executable
	Symlink   // never followed: it could point out of the repository
	Submodule // another repository's commit, not this project's content
)

// Entry is one file of a tree. Path uses "/" and is relative to the
// repository root.
type Entry struct {
	Path string
	Kind Kind
	// id lets the tree find the content again without a path lookup:
	// the blob hash for git trees.
	id [20]byte
}

// Visitor receives the walk. Dir is called before a folder's entries (never
// for the root); returning false skips the folder and all below it.
type Visitor interface {
	Dir(path string) bool
	File(e Entry)
}

// Tree is what a check reads: one walk, and capped reads of chosen files.
type Tree interface {
	// Walk visits every entry once, folders before their content.
	Walk(v Visitor) error
	// Read returns at most max bytes of a regular file, and whether the file
	// was longer. Symlinks and submodules cannot be read.
	Read(e Entry, max int64) (data []byte, truncated bool, err error)
	// Describe says what this tree is, for reports.
	Describe() finding.Repository
}

// Errors a caller can tell apart with errors.Is.
var (
	// ErrNotRepository: the path is not inside a git repository.
	ErrNotRepository = errors.New("not a git repository")
	// ErrNoCommits: the repository exists but HEAD points to no commit yet.
	ErrNoCommits = errors.New("the repository has no commits yet")
	// ErrUnknownRef: the ref names no commit.
	ErrUnknownRef = errors.New("unknown ref")
	// ErrMissingObject: the object is not in the repository (a partial,
	// shallow or damaged clone).
	ErrMissingObject error = openWords.Errorf("missing-object")
	// ErrNotReadable: the entry is a symlink or submodule.
	ErrNotReadable = errors.New("not a regular file")
)

// UsageError marks errors caused by what the user asked for (a bad ref), as
// opposed to a repository that cannot be read.
type UsageError struct {
	Err error
	// Msg, when set, is the whole message: Err is then only for errors.Is.
	Msg string
	// format and args say Msg again in another language (In).
	format string
	args   []any
}

// In is the message in lang: French from usageWords, keyed by the English
// format.
func (e *UsageError) In(lang string) string {
	if e.format == "" || !usageWords.Has(e.format) {
		return e.Error()
	}
	return fmt.Sprintf(usageWords.In(lang, e.format), e.args...)
}

// openWords are the errors of opening a repository or a folder, in both
// languages; each wraps its sentinel (ErrNotRepository…) for errors.Is.
var openWords = i18n.Text{
	"not-repo":       {"%s: not a git repository", "%s : ce n'est pas un dépôt git"},
	"broken":         {"%s is not a readable git repository (a broken worktree link or a damaged .git): expected a repository git can open", "%s n'est pas un dépôt git lisible (un lien de worktree cassé ou un .git endommagé) : attendu un dépôt que git puisse ouvrir"},
	"open":           {"open %s: %s", "ouverture de %s impossible : %s"},
	"bad-hash":       {"%s: %q holds no valid commit hash: the repository is damaged", "%s : « %s » ne contient pas d'empreinte de commit valide : le dépôt est endommagé"},
	"missing-commit": {"%s: %q points to commit %s: object missing from the repository (a partial or damaged clone)", "%s : « %s » désigne le commit %s, absent du dépôt (un clone partiel ou endommagé)"},
	"missing-object": {"object missing from the repository (a partial or damaged clone)", "objet absent du dépôt (un clone partiel ou endommagé)"},
	"no-commits":     {"%s: the repository has no commits yet: commit something first", "%s : le dépôt n'a pas encore de commit : faites d'abord un commit"},
	"bare-hook":      {"%s: bare repository: no commit is made in it, so it runs no pre-commit hook", "%s : dépôt nu : on n'y fait pas de commit, il ne lance donc aucun hook pre-commit"},
	"bare":           {"%s: bare repository: it has no work tree", "%s : dépôt nu : il n'a pas d'arbre de travail"},
	"read-config":    {"%s: read configuration: %s", "%s : lecture de la configuration impossible : %s"},
	"index-format": {"%s: %s uses a format passation cannot read yet (a sparse or split index): " +
		"run git config index.sparse false and git config core.splitIndex false, then git sparse-checkout reapply or git update-index --no-split-index: %s",
		"%s : %s est dans un format que passation ne sait pas encore lire (un index sparse ou split) : " +
			"lancez git config index.sparse false et git config core.splitIndex false, puis git sparse-checkout reapply ou git update-index --no-split-index : %s"},
	"index-read": {"%s: read %s: %s", "%s : lecture de %s impossible : %s"},
	"not-folder": {"%s: not a folder", "%s : ce n'est pas un dossier"},
}

// usageWords are the usage errors of this package in both languages.
var usageWords = i18n.Text{
	"%s: %q names no commit of this shallow clone (expected a branch, tag or commit hash within the fetched history; git fetch --unshallow fetches the rest)": {
		"%s: %q names no commit of this shallow clone (expected a branch, tag or commit hash within the fetched history; git fetch --unshallow fetches the rest)",
		"%s : « %s » ne désigne aucun commit de ce clone superficiel (attendu une branche, une étiquette ou l'empreinte d'un commit de l'historique récupéré ; git fetch --unshallow récupère le reste)"},
	"%s: %q names no commit (expected a branch, tag or commit hash)": {
		"%s: %q names no commit (expected a branch, tag or commit hash)",
		"%s : « %s » ne désigne aucun commit (attendu une branche, une étiquette ou l'empreinte d'un commit)"},
}

func (e *UsageError) Error() string {
	if e.Msg != "" {
		return e.Msg
	}
	return e.Err.Error()
}

func (e *UsageError) Unwrap() error { return e.Err }

// usagef is a usage error whose message already says what went wrong in
// the user's terms, without the sentinel's words tacked on.
func usagef(wrapped error, format string, args ...any) error {
	return &UsageError{Err: wrapped, Msg: fmt.Sprintf(format, args...), format: format, args: args}
}
