// Command passation tells whether a repository is ready to be handed over:
// the end-of-challenge checklist, judged on what is committed.
package main

import (
	"os"
	"runtime/debug"

	"github.com/passation/passation/internal/buildinfo"
	"github.com/passation/passation/internal/cli"
	"golang.org/x/term"
)

// softMemoryLimit keeps the heap near what a run needs: go-git holds each
// pack index in memory (about 110 bytes per object), and with the default
// GC pacing a 240,000-object repository would peak at twice its live heap.
// GOMEMLIMIT, when set, takes precedence.
const softMemoryLimit = 64 << 20

// A release stamps these with -ldflags -X (GoReleaser's names); a build
// without them reports what the Go toolchain recorded.
var version, commit, date string

func main() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(softMemoryLimit)
	}
	os.Exit(cli.Main(os.Args[1:], &cli.Env{
		Stdout:           os.Stdout,
		Stderr:           os.Stderr,
		Stdin:            os.Stdin,
		Getenv:           os.Getenv,
		StdoutIsTerminal: term.IsTerminal(int(os.Stdout.Fd())),
		StderrIsTerminal: term.IsTerminal(int(os.Stderr.Fd())),
		Build:            buildinfo.Read(buildinfo.Info{Version: version, Commit: commit, Date: date}),
	}))
}
