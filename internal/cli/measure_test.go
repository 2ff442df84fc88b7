package cli

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"syscall"
	"testing"
	"time"
)

// A child's peak resident memory, as wait4 reports it, is not the child's
// alone: Go starts a program with vfork, the child shares the parent's
// memory until it execs, and Linux keeps the larger of the two peaks. A
// test binary that has grown to 200 MB would make every program it starts
// look that big. So a command is measured from a small helper process
// (this test binary, started afresh, running only TestMeasureHelper),
// which writes the command's own peak to a file.

const measureFileEnv = "PASSATION_TEST_MEASURE_FILE"

// TestMeasureHelper is not a test: started by measured, it runs the
// command after "--" and writes its peak resident memory in bytes, its
// wall time and its processor time in nanoseconds to the file the
// environment names. It exits with the command's exit code.
func TestMeasureHelper(t *testing.T) {
	out := os.Getenv(measureFileEnv)
	if out == "" {
		t.Skip("the helper of measured, run by it only")
	}
	args := flag.Args()
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	cmd.Env = os.Environ()
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	var ee *exec.ExitError
	if err != nil && !errors.As(err, &ee) {
		os.Stderr.WriteString(err.Error() + "\n")
		os.Exit(127)
	}
	ps := cmd.ProcessState
	rss := ps.SysUsage().(*syscall.Rusage).Maxrss * 1024
	line := fmt.Sprintf("%d %d %d", rss, wall, ps.UserTime()+ps.SystemTime())
	if err := os.WriteFile(out, []byte(line), 0o644); err != nil {
		os.Stderr.WriteString(err.Error() + "\n")
		os.Exit(127)
	}
	os.Exit(cmd.ProcessState.ExitCode())
}

// runUsage is what one run of a command took, the command's own.
type runUsage struct {
	rss       int64 // peak resident memory, bytes
	wall, cpu time.Duration
}

// measured makes cmd (not yet started) run under the helper, and returns
// a function that, once cmd has run, gives what the command alone took.
func measured(t testing.TB, cmd *exec.Cmd) func() runUsage {
	t.Helper()
	file := t.TempDir() + "/peak-rss"
	args := append([]string{"-test.run=^TestMeasureHelper$", "--", cmd.Path}, cmd.Args[1:]...)
	cmd.Path = os.Args[0]
	cmd.Args = append([]string{os.Args[0]}, args...)
	if cmd.Env == nil {
		cmd.Env = os.Environ()
	}
	cmd.Env = append(cmd.Env, measureFileEnv+"="+file)
	return func() runUsage {
		t.Helper()
		b, err := os.ReadFile(file)
		if err != nil {
			t.Fatalf("the measuring helper wrote nothing: %v", err)
		}
		var u runUsage
		if _, err := fmt.Sscanf(string(b), "%d %d %d", &u.rss, &u.wall, &u.cpu); err != nil {
			t.Fatalf("the measuring helper wrote %q: %v", b, err)
		}
		return u
	}
}
