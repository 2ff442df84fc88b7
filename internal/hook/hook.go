// Package hook installs passation into a git pre-commit hook and takes it
// out again, for teams that do not use the pre-commit framework. It never
// clobbers a hook that is already there, and removes only what it wrote:
// after Install then Uninstall, the previous hook is byte for byte what it
// was, with the same mode.
package hook

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/passation/passation/internal/atomicfile"
	"github.com/passation/passation/internal/i18n"
)

// Name is the hook git runs before each commit.
const Name = "pre-commit"

// chainedSuffix names the hook that was there before, when it could not be
// edited in place (not a shell script, or a symlink) and was moved aside.
const chainedSuffix = ".passation-chained"

const (
	beginMark = "# >>> passation hook: added by `passation hook install`, removed by `passation hook uninstall`"
	endMark   = "# <<< passation hook"
	wholeMark = "# passation hook: this file was written by `passation hook install`; `passation hook uninstall` removes it"
)

// Block is what passation adds to a hook: the check of the staged content,
// which refuses the commit when a required item is missing. The team's own
// hook (the rest of the script, or the one moved aside) runs either way, as
// the pre-commit framework runs a legacy hook: when the check refuses, the
// hook runs itself again without the block, so that the team's checks say
// what they have to say, and the commit is refused whatever they answer;
// when the check passes, the team's hook decides. A machine without
// passation on its PATH commits as before, with a warning, so that the hook
// never locks a team member out.
func Block(command string) string {
	return beginMark + "\n" +
		"if [ -z \"${" + restVar + ":-}\" ]; then\n" +
		"\tif command -v passation >/dev/null 2>&1; then\n" +
		"\t\tpassation_status=0\n" +
		"\t\t" + command + " || passation_status=$?\n" +
		"\t\tif [ \"$passation_status\" -ne 0 ]; then\n" +
		"\t\t\t" + restVar + "=1 \"$0\" \"$@\"\n" +
		"\t\t\texit \"$passation_status\"\n" +
		"\t\tfi\n" +
		"\telse\n" +
		"\t\techo \"passation hook: passation is not on PATH, the handover check was skipped (install it: go install . in a clone of passation)\" >&2\n" +
		"\tfi\n" +
		"fi\n" +
		endMark + "\n"
}

// restVar, set, tells the hook it runs again for the team's part only.
const restVar = "PASSATION_HOOK_REST"

// DefaultCommand is the check the hook runs.
const DefaultCommand = "passation check --staged"

// Action says what Install or Uninstall did.
type Action int

// Actions, in the words the command line prints.
const (
	Created          Action = iota + 1 // no hook was there: a new one was written
	Chained                            // the block was added at the top of the existing shell hook
	Wrapped                            // the existing hook was moved aside and is called after the check
	AlreadyInstalled                   // nothing to do
	Removed                            // the hook passation had written was deleted
	Unchained                          // the block was taken out of the existing hook
	Unwrapped                          // the hook moved aside was put back
	NotInstalled                       // nothing of passation's was found
)

func (a Action) String() string {
	return [...]string{"", "created", "chained", "wrapped", "already installed", "removed", "unchained", "unwrapped", "not installed"}[a]
}

// Install adds the check to the pre-commit hook in dir (created if needed):
// a new hook when there is none; the block inserted right after the first
// line of an existing shell script, so that it runs whatever the script does
// at its end; otherwise (another language, a binary, a symlink) the existing
// hook is renamed to pre-commit.passation-chained and a small shell hook runs
// the check, then it.
func Install(dir, command string) (Action, string, error) {
	path := filepath.Join(dir, Name)
	block := Block(command)
	fi, err := os.Lstat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return 0, path, err
		}
		if err := checkNoChained(path); err != nil {
			return 0, path, err
		}
		return Created, path, writeNew(path, whole(block, ""))
	case err != nil:
		return 0, path, err
	}
	if fi.Mode()&fs.ModeSymlink == 0 {
		if !fi.Mode().IsRegular() {
			return 0, path, hookErrors.Errorf("not-file", path)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return 0, path, err
		}
		if bytes.Contains(data, []byte(beginMark)) {
			return AlreadyInstalled, path, nil
		}
		if isShellScript(data) {
			nl := bytes.IndexByte(data, '\n')
			var out []byte
			if nl < 0 {
				// A lone first line without its newline: the block's
				// last newline is dropped, so the file gets back its
				// exact bytes when the block is removed.
				out = append(append(append([]byte{}, data...), '\n'), strings.TrimSuffix(block, "\n")...)
			} else {
				out = append(append(append([]byte{}, data[:nl+1]...), block...), data[nl+1:]...)
			}
			return Chained, path, replace(path, out, fi.Mode().Perm())
		}
	}
	if err := checkNoChained(path); err != nil {
		return 0, path, err
	}
	chained := path + chainedSuffix
	if err := os.Rename(path, chained); err != nil {
		return 0, path, err
	}
	exec := fmt.Sprintf("exec \"$(dirname \"$0\")/%s\" \"$@\"\n", Name+chainedSuffix)
	if err := writeNew(path, whole(block, exec)); err != nil {
		// Put the original back: the repository is left as it was found.
		_ = os.Rename(chained, path)
		return 0, path, err
	}
	return Wrapped, path, nil
}

// Uninstall takes out what Install added to the pre-commit hook in dir.
func Uninstall(dir, command string) (Action, string, error) {
	path := filepath.Join(dir, Name)
	chained := path + chainedSuffix
	fi, err := os.Lstat(path)
	if errors.Is(err, fs.ErrNotExist) || err == nil && !fi.Mode().IsRegular() {
		return NotInstalled, path, nil
	}
	if err != nil {
		return 0, path, err
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return 0, path, err
	}
	block := Block(command)
	_, chainedErr := os.Lstat(chained)
	hasChained := chainedErr == nil
	exec := ""
	if hasChained {
		exec = fmt.Sprintf("exec \"$(dirname \"$0\")/%s\" \"$@\"\n", Name+chainedSuffix)
	}
	if string(data) == whole(block, exec) || isWholeUnchanged(data, exec) {
		if err := os.Remove(path); err != nil {
			return 0, path, err
		}
		if hasChained {
			return Unwrapped, path, os.Rename(chained, path)
		}
		return Removed, path, nil
	}
	out, ok := cut(data)
	if !ok {
		return NotInstalled, path, nil
	}
	return Unchained, path, replace(path, out, fi.Mode().Perm())
}

// whole is the hook passation writes when there was none (exec empty), or
// to run the check before the hook it moved aside.
func whole(block, exec string) string {
	return "#!/bin/sh\n" + wholeMark + "\n" + block + exec
}

// isWholeUnchanged accepts a hook passation wrote whose block was written
// for another command (an older version, another --lang): it is still all
// passation's. A hook with lines of someone else's is not.
func isWholeUnchanged(data []byte, exec string) bool {
	rest, ok := bytes.CutPrefix(data, []byte("#!/bin/sh\n"+wholeMark+"\n"))
	if !ok {
		return false
	}
	i, j := bytes.Index(rest, []byte(beginMark)), bytes.Index(rest, []byte(endMark+"\n"))
	return i == 0 && j > 0 && string(rest[j+len(endMark)+1:]) == exec
}

// cut removes the block from a hook, with the newline Install added when
// the block followed a first line that had none.
func cut(data []byte) ([]byte, bool) {
	i := bytes.Index(data, []byte(beginMark))
	if i < 0 || (i > 0 && data[i-1] != '\n') {
		return nil, false
	}
	j := bytes.Index(data[i:], []byte(endMark))
	if j < 0 {
		return nil, false
	}
	end := i + j + len(endMark)
	start := i
	if end < len(data) && data[end] == '\n' {
		end++
	} else if end == len(data) && start > 0 {
		start-- // the newline Install put after a lone first line
	}
	return append(append([]byte{}, data[:start]...), data[end:]...), true
}

// isShellScript reports whether a hook is a script for a POSIX-like shell,
// into which shell lines can be inserted.
func isShellScript(data []byte) bool {
	line, _, _ := bytes.Cut(data, []byte("\n"))
	interp, ok := strings.CutPrefix(strings.TrimSpace(string(line)), "#!")
	if !ok {
		return false
	}
	fields := strings.Fields(interp)
	if len(fields) == 0 {
		return false
	}
	prog := filepath.Base(fields[0])
	if prog == "env" {
		prog = ""
		for _, f := range fields[1:] {
			if !strings.HasPrefix(f, "-") && !strings.Contains(f, "=") {
				prog = filepath.Base(f)
				break
			}
		}
	}
	switch prog {
	case "sh", "bash", "dash", "zsh", "ksh", "ash", "mksh":
		return true
	}
	return false
}

// hookErrors are what refuses an install, in both languages.
var hookErrors = i18n.Text{
	"not-file": {"%s is not a file: expected a hook script", "%s n'est pas un fichier : attendu un script de hook"},
	"chained": {"%s exists, left by an earlier install: put it back as %s or delete it, then install again",
		"%s existe, laissé par une installation précédente : remettez-le à la place de %s ou supprimez-le, puis installez de nouveau"},
}

func checkNoChained(path string) error {
	if _, err := os.Lstat(path + chainedSuffix); err == nil {
		return hookErrors.Errorf("chained", path+chainedSuffix, path)
	}
	return nil
}

// writeNew creates an executable hook, never over an existing file, whole
// or not at all.
func writeNew(path, content string) error {
	return atomicfile.Create(path, []byte(content), 0o755)
}

// replace rewrites a hook whole (a temporary file renamed over it), with
// the mode it had.
func replace(path string, data []byte, perm fs.FileMode) error {
	if err := atomicfile.Write(path, data); err != nil {
		return err
	}
	return os.Chmod(path, perm)
}
