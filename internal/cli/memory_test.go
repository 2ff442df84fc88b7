package cli

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/passation/passation/internal/testrepo"
)

// The shape of a long-lived public-sector site: 5,000 files in 100
// folders, 25,000 commits of three changed files each, documents written
// near the first commit (so the history rules walk nearly all of it).
const (
	longFiles   = 5000
	longFolders = 100
	longCommits = 25000
	// longMaxRSS is the bound for check on such a repository.
	longMaxRSS = 100 << 20
)

// generateLongHistory writes the repository with git fast-import.
func generateLongHistory(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	git := func(args ...string) *exec.Cmd {
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		cmd.Env = testrepo.Env()
		return cmd
	}
	if out, err := git("init", "-q", "-b", "main").CombinedOutput(); err != nil {
		return fmt.Errorf("git init: %v\n%s", err, out)
	}
	imp := git("fast-import", "--quiet")
	in, err := imp.StdinPipe()
	if err != nil {
		return err
	}
	var stderr bytes.Buffer
	imp.Stderr = &stderr
	if err := imp.Start(); err != nil {
		return err
	}
	w := bufio.NewWriterSize(in, 1<<20)
	data := func(s string) { fmt.Fprintf(w, "data %d\n%s\n", len(s), s) }
	para := "The service reads the regional files every night, checks each record against the schema and loads the valid ones into the database of the dashboard.\n"
	path := func(f int) string {
		d := f % longFolders
		switch f % 10 {
		case 0:
			return fmt.Sprintf("content/section%02d/page%04d.md", d, f)
		default:
			return fmt.Sprintf("app/module%02d/file%04d.js", d, f)
		}
	}
	for i := 1; i <= longCommits; i++ {
		when := 1500000000 + int64(i)*3600
		who := fmt.Sprintf("Person %d <p%d@example.org>", i%12, i%12)
		fmt.Fprintf(w, "commit refs/heads/main\nmark :%d\nauthor %s %d +0000\ncommitter %s %d +0000\n", i, who, when, who, when)
		data(fmt.Sprintf("change %d", i))
		if i > 1 {
			fmt.Fprintf(w, "from :%d\n", i-1)
		}
		if i == 1 {
			for f := 0; f < longFiles; f++ {
				fmt.Fprintf(w, "M 100644 inline %s\n", path(f))
				data(fmt.Sprintf("# Page %d\n\n%s", f, para))
			}
			fmt.Fprintf(w, "M 100644 inline README.md\n")
			data("# Site\n\nThis site presents the programme's teams and what each of them builds, for the public and for the administrations that host them.\n\n## Installation\n\nInstall Node.js 20, then run npm ci and npm start.\n")
			fmt.Fprintf(w, "M 100644 inline LICENSE\n")
			data(mitLicence)
			continue
		}
		for k := 0; k < 3; k++ {
			f := (i*7919 + k*104729) % longFiles
			fmt.Fprintf(w, "M 100644 inline %s\n", path(f))
			data(fmt.Sprintf("# Page %d\n\nRevision %d.\n%s", f, i, para))
		}
	}
	w.WriteString("done\n")
	if err := w.Flush(); err != nil {
		return err
	}
	in.Close()
	if err := imp.Wait(); err != nil {
		return fmt.Errorf("git fast-import: %v\n%s", err, stderr.String())
	}
	if out, err := git("reset", "-q", "--hard", "main").CombinedOutput(); err != nil {
		return fmt.Errorf("git reset: %v\n%s", err, out)
	}
	return nil
}

// TestCheckMemoryOnLongHistory runs the binary on a repository of 5,000
// files and 25,000 commits, as a four-core laptop would (four pack
// readers were once opened whatever the tree's size, each holding its own
// copy of the pack index), and fails past 100 MB of peak resident memory.
func TestCheckMemoryOnLongHistory(t *testing.T) {
	testrepo.EndToEnd(t, "a 25,000-commit repository built with git fast-import")
	dir := t.TempDir()
	repo := filepath.Join(dir, "repo")
	if err := generateLongHistory(repo); err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(dir, "passation")
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Dir = "../.."
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	cmd := exec.Command(bin, "check", "--format", "json")
	cmd.Dir = repo
	cmd.Env = append(os.Environ(), "GOMAXPROCS=4", "GOMEMLIMIT=")
	took := measured(t, cmd)
	// Ballast: this test binary's own peak must not be counted as the
	// command's (see measured); with it, the test fails if it were.
	ballast := make([]byte, 2*longMaxRSS)
	for i := range ballast {
		ballast[i] = 1
	}
	out, err := cmd.Output()
	if ee, ok := err.(*exec.ExitError); err != nil && (!ok || ee.ExitCode() > 1) {
		t.Fatalf("check: %v\n%s", err, ee.Stderr)
	}
	if len(out) == 0 {
		t.Fatal("check printed no report")
	}
	rss := took().rss
	runtime.KeepAlive(ballast)
	t.Logf("peak resident memory: %.1f MB", float64(rss)/(1<<20))
	if rss > longMaxRSS {
		t.Errorf("check peaked at %.1f MB on %d files and %d commits, want at most %d MB", float64(rss)/(1<<20), longFiles, longCommits, longMaxRSS>>20)
	}
}
