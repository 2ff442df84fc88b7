package cli

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/passation/passation/internal/testrepo"
)

// hostileName holds what a file name can carry to a terminal or a CI log: an
// OSC 52 clipboard write, a window title, a clear-screen, a right-to-left
// override, and a newline followed by a workflow command.
const hostileName = "\x1b]52;c;cHduZWQ=\x07\x1b]0;title\x07\x1b[2J\u202e\n::error::injected"

// controlFree fails when out holds a control or bidi character other than
// the newlines between its lines, or a line that is a workflow command.
func controlFree(t *testing.T, what, out string) {
	t.Helper()
	for _, r := range out {
		if (r < 0x20 && r != '\n') || r == 0x7f || (r >= 0x80 && r < 0xa0) || (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) {
			t.Errorf("%s prints %U:\n%q", what, r, out)
			return
		}
	}
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(strings.TrimSpace(l), "::") {
			t.Errorf("%s prints a workflow command line: %q", what, l)
		}
	}
}

// TestCheckOutputEscapesFileNames: file names reach the text and compact
// outputs with their control and bidi characters escaped.
func TestCheckOutputEscapesFileNames(t *testing.T) {
	r := testrepo.New(t).CommitFiles(map[string]string{
		"README.md": "# Outil\n",
		// An empty install guide: a gap whose evidence names the file.
		"INSTALL" + hostileName + ".md":                 "",
		"docs/manuel-utilisateur" + hostileName + ".md": "# Manuel\n\n" + enough + "\n",
	})
	code, out, errOut := run(t, nil, "check", "--profile", "core", r.Dir)
	if code != ExitGaps {
		t.Fatalf("check: exit %d\n%s%s", code, out, errOut)
	}
	if !strings.Contains(out, `\x1b]52;c;cHduZWQ=\x07`) || !strings.Contains(out, `\u202e`) {
		t.Errorf("the hostile names are not shown, escaped:\n%s", out)
	}
	controlFree(t, "check (text)", out)
	r.Write(map[string]string{"MAINTAINERS" + hostileName + ".md": ""})
	r.Git("add", "-A")
	code, out, errOut = run(t, nil, "check", "--staged", "--profile", "core", "--fail-on", "never", r.Dir)
	if code != ExitOK || !strings.Contains(out, "MAINTAINERS") {
		t.Fatalf("check --staged: exit %d\n%s%s", code, out, errOut)
	}
	controlFree(t, "check --staged (compact)", out)
}

// TestCheckOnADamagedRepositoryExits3: blobs that cannot be decoded are
// damage, not "could not decide": the check fails with exit 3, so a CI gate
// does not pass on a damaged repository.
func TestCheckOnADamagedRepositoryExits3(t *testing.T) {
	r := testrepo.New(t).CommitFiles(coreFiles)
	for _, blob := range strings.Fields(r.Git("ls-tree", "-r", "--format=%(objectname)", "HEAD")) {
		p := filepath.Join(r.Dir, ".git", "objects", blob[:2], blob[2:])
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		for i := len(data) / 2; i < len(data); i++ {
			data[i] ^= 0x5a
		}
		os.Chmod(p, 0o644)
		os.WriteFile(p, data, 0o644)
	}
	code, out, errOut := run(t, nil, "check", "--profile", "core", r.Dir)
	if code != ExitUnreadable || !strings.Contains(errOut, "corrupt repository") {
		t.Errorf("check of a damaged repository: exit %d, want %d\n%s%s", code, ExitUnreadable, out, errOut)
	}
}

// TestCheckMemoryDoesNotGrowWithTheLargestFile: two 64 MiB text files,
// packed or loose, are read only up to --max-read: the check allocates
// about what it does on a small repository (it used to decode every blob
// whole, about 4× the file).
func TestCheckMemoryDoesNotGrowWithTheLargestFile(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 128 MiB repository")
	}
	alloc := func(dir string) uint64 {
		t.Helper()
		runtime.GC()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		code, out, errOut := run(t, nil, "check", "--profile", "core", "--max-read", "1048576", dir)
		runtime.ReadMemStats(&after)
		if code != ExitGaps {
			t.Fatalf("exit %d\n%s%s", code, out, errOut)
		}
		return after.TotalAlloc - before.TotalAlloc
	}
	small := testrepo.New(t).CommitFiles(map[string]string{"README.md": "# Outil\n", "data/big.txt": "x\n", "docs/notes.md": "x\n"})
	base := alloc(small.Dir)
	line := "lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor\n"
	big := strings.Repeat(line, (64<<20)/len(line))
	r := testrepo.New(t).CommitFiles(map[string]string{"README.md": "# Outil\n", "data/big.txt": big, "docs/notes.md": big})
	for _, how := range []string{"loose", "packed"} {
		if how == "packed" {
			r.Git("gc", "-q")
		}
		if got := alloc(r.Dir); got > base+48<<20 {
			t.Errorf("%s: the check allocated %d MiB, %d MiB on a small repository, for two files of 64 MiB read up to 1 MiB", how, got>>20, base>>20)
		}
	}
}
