package cli

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/passation/passation/internal/testrepo"
)

// The repository of the figure: 100,000 files in 2,000 folders.
const (
	benchFolders = 2000
	benchPerDir  = 50
)

var (
	benchOnce sync.Once
	benchDir  string // removed by TestMain once every benchmark has run
	benchRepo string
	benchBin  string
	benchErr  error
)

// benchSetup builds the passation binary and a generated repository once per
// process. The repository is made with git fast-import: a real pack, as a
// clone would have, in a few seconds.
func benchSetup(b *testing.B) (repo, bin string) {
	b.Helper()
	benchOnce.Do(func() {
		dir, err := os.MkdirTemp("", "passation-bench-")
		if err != nil {
			benchErr = err
			return
		}
		benchDir = dir
		benchBin = filepath.Join(dir, "passation")
		build := exec.Command("go", "build", "-o", benchBin, ".")
		build.Dir = "../.."
		if out, err := build.CombinedOutput(); err != nil {
			benchErr = fmt.Errorf("go build: %v\n%s", err, out)
			return
		}
		benchRepo = filepath.Join(dir, "repo")
		benchErr = generateRepo(benchRepo, benchFolders, benchPerDir)
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return benchRepo, benchBin
}

// generateRepo writes a fast-import stream of folders × perDir small files,
// with a few documents at the root so that rules have something to read.
func generateRepo(dir string, folders, perDir int) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	run := func(stdin []byte, args ...string) error {
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		cmd.Env = testrepo.Env()
		cmd.Stdin = bytes.NewReader(stdin)
		if out, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("git %v: %v\n%s", args, err, out)
		}
		return nil
	}
	if err := run(nil, "init", "-q", "-b", "main"); err != nil {
		return err
	}
	var s bytes.Buffer
	mark := 0
	blob := func(content string) int {
		mark++
		fmt.Fprintf(&s, "blob\nmark :%d\ndata %d\n%s\n", mark, len(content), content)
		return mark
	}
	type file struct {
		path string
		mark int
	}
	var files []file
	docs := map[string]string{
		"README.md":            "# Bench\n\nA generated repository used to measure passation on a large tree, with enough words in its introduction to count as a description of what it does for its users.\n\n## Installation\n\nRun make install then make start.\n",
		"LICENSE":              mitLicence,
		"docs/architecture.md": "# Architecture\n\n```mermaid\ngraph TD; a-->b\n```\n",
	}
	for p, c := range docs {
		files = append(files, file{p, blob(c)})
	}
	for d := 0; d < folders; d++ {
		for f := 0; f < perDir; f++ {
			p := fmt.Sprintf("src/module%03d/pkg%04d/file%03d.go", d/40, d, f)
			files = append(files, file{p, blob(fmt.Sprintf("package pkg%d // %d\n", d, f))})
		}
	}
	fmt.Fprintf(&s, "commit refs/heads/main\nmark :%d\ncommitter Bench <bench@example.org> 1767323045 +0000\ndata 5\nbench\n", mark+1)
	for _, f := range files {
		fmt.Fprintf(&s, "M 100644 :%d %s\n", f.mark, f.path)
	}
	s.WriteString("\n")
	if err := run(s.Bytes(), "fast-import", "--quiet"); err != nil {
		return err
	}
	return run(nil, "reset", "-q", "--soft", "main")
}

// timed runs a command with its output discarded and returns its wall
// time, its processor time (user and system: what the machine's load does
// not inflate) and its peak resident memory in bytes.
func timed(b *testing.B, dir string, name string, args ...string) (wall, cpu time.Duration, rss int64) {
	b.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	took := measured(b, cmd)
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); ok && ee.ExitCode() <= 1 {
		err = nil // exit 1 means gaps were found: a normal run
	}
	if err != nil {
		b.Fatalf("%s %v: %v", name, args, err)
	}
	u := took()
	return u.wall, u.cpu, u.rss
}

func median(d []time.Duration) time.Duration {
	s := append([]time.Duration(nil), d...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[len(s)/2]
}

// BenchmarkCheckVsLsTree compares, whole process against whole process,
// `passation check` with the default profile and `git ls-tree -r HEAD` on a
// repository of 100,000 files in 2,000 folders, side by side in one run.
// Run it with: go test -run='^$' -bench=CheckVsLsTree -benchtime=15x ./internal/cli/
func BenchmarkCheckVsLsTree(b *testing.B) {
	repo, bin := benchSetup(b)
	var lsTimes, checkTimes, lsCPU, checkCPU []time.Duration
	var peak int64
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		d, c, _ := timed(b, repo, "git", "ls-tree", "-r", "HEAD")
		lsTimes, lsCPU = append(lsTimes, d), append(lsCPU, c)
		d, c, rss := timed(b, repo, bin, "check", "--format", "json")
		checkTimes, checkCPU = append(checkTimes, d), append(checkCPU, c)
		peak = max(peak, rss)
	}
	b.StopTimer()
	ls, ck := median(lsTimes), median(checkTimes)
	ratio := float64(ck) / float64(ls)
	lc, cc := median(lsCPU), median(checkCPU)
	b.ReportMetric(float64(ls.Microseconds())/1000, "ls-tree-ms")
	b.ReportMetric(float64(ck.Microseconds())/1000, "check-ms")
	b.ReportMetric(ratio, "ratio")
	b.ReportMetric(float64(lc.Microseconds())/1000, "ls-tree-cpu-ms")
	b.ReportMetric(float64(cc.Microseconds())/1000, "check-cpu-ms")
	b.ReportMetric(float64(peak)/(1<<20), "peak-MB")
	b.ReportMetric(0, "ns/op")
	b.Logf("%d files: git ls-tree -r HEAD median %v (cpu %v), passation check median %v (cpu %v), ratio %.2f, peak memory %.1f MB (%d runs each)",
		benchFolders*benchPerDir+3, ls, lc, ck, cc, ratio, float64(peak)/(1<<20), b.N)
}

// TestMain removes the benchmark's generated repository and binary (35 MB
// in the temporary folder) once every test and benchmark has run.
func TestMain(m *testing.M) {
	code := m.Run()
	if benchDir != "" {
		os.RemoveAll(benchDir)
	}
	os.Exit(code)
}
