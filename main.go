// Command passation tells whether a repository is ready to be handed over:
// the end-of-challenge checklist, judged on what is committed.
package main

import (
	"os"

	"github.com/passation/passation/internal/cli"
	"golang.org/x/term"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], &cli.Env{
		Stdout:           os.Stdout,
		Stderr:           os.Stderr,
		Stdin:            os.Stdin,
		Getenv:           os.Getenv,
		StdoutIsTerminal: term.IsTerminal(int(os.Stdout.Fd())),
		StderrIsTerminal: term.IsTerminal(int(os.Stderr.Fd())),
	}))
}
