package history_test

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// benchEnd is the committer date of the last commit of the generated
// repository; benchmarks run with a clock one day later.
var benchEnd = time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)

// benchRepo returns a bare repository of n commits, made with git
// fast-import and kept in the temporary folder between runs (its name holds
// the generator's version, so a change here builds a new one).
//
// Its shape is the worst case for the history rules: docs/INSTALL.md and
// docs/architecture.md last changed near the first commit, so finding their
// last change walks (and diffs) nearly the whole history; 600 code files in
// 60 folders; a merged feature branch every 20 commits; a tag every 1,000
// commits; commits 45 minutes apart (about four years), by 8 people of whom
// 3 committed in the last year.
func benchRepo(tb testing.TB, n int) string {
	tb.Helper()
	dir := filepath.Join(os.TempDir(), fmt.Sprintf("passation-history-bench-v1-%d.git", n))
	if _, err := os.Stat(filepath.Join(dir, "done")); err == nil {
		return dir
	}
	tmp, err := os.MkdirTemp(os.TempDir(), "passation-history-bench-*")
	if err != nil {
		tb.Fatal(err)
	}
	defer os.RemoveAll(tmp)
	git := func(stdin func(*bufio.Writer) error, args ...string) {
		tb.Helper()
		cmd := exec.Command("git", args...)
		cmd.Dir = tmp
		cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_SYSTEM=/dev/null")
		var errc chan error
		if stdin != nil {
			w, err := cmd.StdinPipe()
			if err != nil {
				tb.Fatal(err)
			}
			errc = make(chan error, 1)
			go func() {
				bw := bufio.NewWriterSize(w, 1<<20)
				err := stdin(bw)
				if err == nil {
					err = bw.Flush()
				}
				w.Close()
				errc <- err
			}()
		}
		out, err := cmd.CombinedOutput()
		if err != nil {
			tb.Fatalf("git %v: %v\n%s", args, err, out)
		}
		if errc != nil {
			if err := <-errc; err != nil {
				tb.Fatal(err)
			}
		}
	}
	git(nil, "init", "-q", "--bare", "-b", "main")
	git(func(w *bufio.Writer) error { return fastImport(w, n) }, "fast-import", "--quiet")
	if err := os.WriteFile(filepath.Join(tmp, "done"), nil, 0o644); err != nil {
		tb.Fatal(err)
	}
	// Another run may have built it meanwhile: keep whichever came first.
	if err := os.Rename(tmp, dir); err != nil {
		if _, serr := os.Stat(filepath.Join(dir, "done")); serr != nil {
			tb.Fatal(err)
		}
	}
	return dir
}

var benchPeople = []string{"Alice Martin", "Bruno Petit", "Chloé Durand", "David Leroy", "Emma Moreau", "Farid Haddad", "Gaëlle Roux", "Hugo Fournier"}

// fastImport writes the fast-import stream of the benchmark repository.
func fastImport(w *bufio.Writer, n int) error {
	const step = 45 * time.Minute
	start := benchEnd.Add(-time.Duration(n-1) * step)
	yearAgo := benchEnd.AddDate(-1, 0, 0)
	pad := make([]byte, 0, 2048)
	for len(pad) < 1800 {
		pad = append(pad, "// Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod.\n"...)
	}
	data := func(s string) {
		fmt.Fprintf(w, "data %d\n%s\n", len(s), s)
	}
	file := func(p, content string) {
		fmt.Fprintf(w, "M 100644 inline %s\n", p)
		data(content)
	}
	code := func(f, rev int) string {
		return fmt.Sprintf("package pkg%02d\n\n// revision %d\n%s", f/10, rev, pad)
	}
	doc := func(title string, rev int) string {
		return fmt.Sprintf("# %s\n\nRevision %d. Run make install, then make run; the service listens on port 8080.\n", title, rev)
	}
	for i := 1; i <= n; i++ {
		when := start.Add(time.Duration(i-1) * step)
		p := i % len(benchPeople)
		if !when.Before(yearAgo) {
			p = i % 3
		}
		who, email := benchPeople[p], fmt.Sprintf("p%d@example.org", p)
		fmt.Fprintf(w, "commit refs/heads/main\nmark :%d\n", i)
		fmt.Fprintf(w, "author %s <%s> %d +0000\n", who, email, when.Unix())
		fmt.Fprintf(w, "committer %s <%s> %d +0000\n", who, email, when.Unix())
		data(fmt.Sprintf("change %d", i))
		switch {
		case i == 1:
		case i%20 == 0 && i > 2:
			// A feature commit branched off two commits back...
			fmt.Fprintf(w, "from :%d\n", i-2)
		case i%20 == 1 && i > 20:
			// ...merged by the next one.
			fmt.Fprintf(w, "from :%d\nmerge :%d\n", i-2, i-1)
		default:
			fmt.Fprintf(w, "from :%d\n", i-1)
		}
		switch {
		case i == 1:
			for f := 0; f < 600; f++ {
				file(fmt.Sprintf("src/pkg%02d/file%d.go", f/10, f%10), code(f, 0))
			}
			file("README.md", doc("Bench", 0))
			file("docs/INSTALL.md", doc("Installation", 0))
			file("docs/architecture.md", doc("Architecture", 0))
			file("LICENSE", "MIT License\n\nPermission is hereby granted, free of charge, to any person.\n")
		case i == 100:
			file("docs/architecture.md", doc("Architecture", i))
		case i == 2000:
			file("docs/INSTALL.md", doc("Installation", i))
		case i%5000 == 0:
			file("README.md", doc("Bench", i))
		case i%20 == 1 && i > 20:
			// merge: no change of its own
		default:
			f := (i * 7919) % 600
			file(fmt.Sprintf("src/pkg%02d/file%d.go", f/10, f%10), code(f, i))
		}
		if i%1000 == 0 {
			fmt.Fprintf(w, "tag v0.%d.0\nfrom :%d\ntagger %s <%s> %d +0000\n", i/1000, i, who, email, when.Unix())
			data(fmt.Sprintf("release 0.%d", i/1000))
		}
	}
	_, err := w.WriteString("done\n")
	return err
}
