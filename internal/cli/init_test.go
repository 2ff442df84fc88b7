package cli

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/passation/passation/internal/testrepo"
)

func TestInitTemplatesDryRunThenWrite(t *testing.T) {
	r := testrepo.New(t).CommitFiles(map[string]string{"README.md": "# Outil\n"})
	r.Git("remote", "add", "origin", "https://deploy:s3cr3t-token@gitlab.com/dinum/outil-demo.git")
	// A maintainers file the team wrote but has not staged yet: kept.
	r.Write(map[string]string{"MAINTAINERS.md": "# Mainteneurs\n\nCamille Martin <camille.martin@numerique.gouv.fr>\n"})

	code, out, errOut := run(t, nil, "init", "--templates", "--profile", "core", "--lang", "fr", r.Dir)
	if code != ExitOK {
		t.Fatalf("dry run: exit %d %s", code, errOut)
	}
	for _, want := range []string{"simulation", "INSTALL.md", "docs/manuel-utilisateur.md", "docs/architecture.md", "MAINTAINERS.md", "laissé tel quel", "licence"} {
		if !strings.Contains(out, want) {
			t.Errorf("dry run output lacks %q:\n%s", want, out)
		}
	}
	if _, err := os.Stat(filepath.Join(r.Dir, "INSTALL.md")); err == nil {
		t.Fatal("the dry run wrote INSTALL.md")
	}

	code, out, errOut = run(t, nil, "init", "--templates", "--profile", "core", "--lang", "fr", "--write", r.Dir)
	if code != ExitOK || !strings.Contains(out, "git add docs/manuel-utilisateur.md INSTALL.md docs/architecture.md") {
		t.Fatalf("--write: exit %d\n%s%s", code, out, errOut)
	}
	data, err := os.ReadFile(filepath.Join(r.Dir, "docs", "architecture.md"))
	if err != nil || !strings.Contains(string(data), "```mermaid") || !strings.Contains(string(data), "outil-demo") {
		t.Fatalf("docs/architecture.md: %v\n%s", err, data)
	}
	if m, _ := os.ReadFile(filepath.Join(r.Dir, "MAINTAINERS.md")); !strings.HasPrefix(string(m), "# Mainteneurs\n\nCamille") {
		t.Fatalf("MAINTAINERS.md was overwritten:\n%s", m)
	}

	// Staged as they are, the templates still leave the items missing.
	r.Git("add", "-A")
	code, out, _ = run(t, nil, "check", "--staged", "--profile", "core", r.Dir)
	if code != ExitGaps || !strings.Contains(out, "INSTALL.md (staged): present but empty") || !strings.Contains(out, "architecture-diagram") {
		t.Fatalf("check after init: exit %d\n%s", code, out)
	}

	// A second run writes nothing: every file is there.
	code, out, _ = run(t, nil, "init", "--templates", "--profile", "core", "--write", r.Dir)
	if code != ExitOK || strings.Contains(out, "created") || !strings.Contains(out, "exists") {
		t.Fatalf("second --write: exit %d\n%s", code, out)
	}
}

func TestInitTemplatesPubliccodeDraft(t *testing.T) {
	mit := "MIT License\n\nCopyright (c) 2026 DINUM\n\nPermission is hereby granted, free of charge, to any person obtaining a copy\nof this software and associated documentation files (the \"Software\"), to deal\nin the Software without restriction, including without limitation the rights\nto use, copy, modify, merge, publish, distribute, sublicense, and/or sell\ncopies of the Software, and to permit persons to whom the Software is\nfurnished to do so, subject to the following conditions:\n\nThe above copyright notice and this permission notice shall be included in all\ncopies or substantial portions of the Software.\n\nTHE SOFTWARE IS PROVIDED \"AS IS\", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR\nIMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,\nFITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE\nAUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER\nLIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,\nOUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE\nSOFTWARE.\n"
	r := testrepo.New(t).CommitFiles(map[string]string{
		"README.md":                  "# Outil\n",
		"LICENSE":                    mit,
		"MAINTAINERS.md":             "# Maintainers\n\n- Camille Martin (DINUM) <camille.martin@numerique.gouv.fr>\n",
		"docs/manuel-utilisateur.md": "# Manuel\n\n" + enough + " " + enough + " " + enough + "\n",
	})
	r.Git("remote", "add", "origin", "git@github.com:etalab/outil.git")
	code, out, errOut := run(t, nil, "init", "--templates", "--only", "publiccode", "--write", r.Dir)
	if code != ExitOK {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	data, err := os.ReadFile(filepath.Join(r.Dir, "publiccode.yml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`url: "https://github.com/etalab/outil"`, `license: "MIT"`, `name: "Camille Martin"`,
		`email: "camille.martin@numerique.gouv.fr"`, `documentation: "https://github.com/etalab/outil/blob/HEAD/docs/manuel-utilisateur.md"`} {
		if !strings.Contains(string(data), want) {
			t.Errorf("publiccode.yml lacks %s:\n%s", want, data)
		}
	}
	r.Git("add", "publiccode.yml")
	code, out, _ = run(t, nil, "check", "--staged", "--fail-on", "never", r.Dir)
	if !strings.Contains(out, "publiccode.yml (staged): present but empty: template left unfilled") {
		t.Fatalf("the draft is not reported as unfilled (exit %d):\n%s", code, out)
	}
}

func TestInitTemplatesSafety(t *testing.T) {
	// Outside git, the folder is judged and written.
	dir := t.TempDir()
	if code, out, errOut := run(t, nil, "init", "--templates", "--only", "install-guide", "--write", dir); code != ExitOK || !strings.Contains(out, "INSTALL.md") {
		t.Fatalf("folder: exit %d\n%s%s", code, out, errOut)
	}
	if _, err := os.Stat(filepath.Join(dir, "INSTALL.md")); err != nil {
		t.Fatal(err)
	}
	// A docs folder that is a symlink out of the repository is not written through.
	r := testrepo.New(t).CommitFiles(map[string]string{"README.md": "# Outil\n"})
	outside := t.TempDir()
	if err := os.Symlink(outside, filepath.Join(r.Dir, "docs")); err != nil {
		t.Skip("no symlinks:", err)
	}
	code, _, errOut := run(t, nil, "init", "--templates", "--only", "architecture-diagram", "--write", r.Dir)
	if code == ExitOK || !strings.Contains(errOut, "symlink") {
		t.Fatalf("symlinked docs/: exit %d %q", code, errOut)
	}
	if entries, _ := os.ReadDir(outside); len(entries) != 0 {
		t.Fatalf("wrote through the symlink: %v", entries)
	}
	if code, _, errOut := run(t, nil, "init", "--templates", "--only", "nope", r.Dir); code != ExitUsage || !strings.Contains(errOut, "install-guide") {
		t.Fatalf("--only nope: exit %d %q", code, errOut)
	}
	// Without a mode, init writes the configuration (see config_test.go).
	if code, _, _ := run(t, nil, "init", r.Dir); code != ExitOK {
		t.Fatalf("init without a mode: exit %d", code)
	}
	if _, err := os.Stat(filepath.Join(r.Dir, ".passation.yml")); err != nil {
		t.Fatalf("init without a mode wrote no configuration: %v", err)
	}
}

// TestInitWritesWholeFilesOrNone: under a file-size limit (bash's ulimit
// -f, as a full disk would), init and init --templates --write leave no
// truncated file: each file is whole or absent.
func TestInitWritesWholeFilesOrNone(t *testing.T) {
	bin := filepath.Join(strings.Split(passationOnPath(t), string(os.PathListSeparator))[0], "passation")
	// limited runs passation with files capped at kib KiB (bash counts
	// ulimit -f in blocks of 1,024 bytes).
	limited := func(kib int, args ...string) {
		t.Helper()
		cmd := exec.Command("bash", append([]string{"-c", fmt.Sprintf(`ulimit -f %d && exec "$0" "$@"`, kib), bin}, args...)...)
		cmd.Env = append(testrepo.Env(), "LANG=C")
		if out, err := cmd.CombinedOutput(); err == nil {
			t.Fatalf("%v: succeeded under a %d KiB file-size limit:\n%s", args, kib, out)
		}
	}
	r := testrepo.New(t).CommitFiles(map[string]string{"README.md": "# Outil\n"})
	// The commented configuration is about 3 KiB.
	limited(2, "init", "--profile", "core", r.Dir)
	if data, err := os.ReadFile(filepath.Join(r.Dir, ".passation.yml")); err == nil {
		t.Errorf(".passation.yml left behind (%d bytes) by a failed write", len(data))
	}
	limited(0, "init", "--templates", "--write", "--profile", "core", "--lang", "fr", r.Dir)
	for _, name := range []string{"INSTALL.md", "docs/manuel-utilisateur.md", "docs/architecture.md", "MAINTAINERS.md"} {
		if data, err := os.ReadFile(filepath.Join(r.Dir, filepath.FromSlash(name))); err == nil {
			t.Errorf("%s left behind (%d bytes) by a failed write", name, len(data))
		}
	}
	var left []string
	filepath.WalkDir(r.Dir, func(p string, d os.DirEntry, err error) error {
		if d != nil && d.Name() == ".git" {
			return filepath.SkipDir
		}
		if d != nil && !d.IsDir() && d.Name() != "README.md" {
			left = append(left, p)
		}
		return nil
	})
	if len(left) > 0 {
		t.Errorf("files left behind: %v", left)
	}
	// Without the limit, the same runs write the whole files.
	if code, _, errOut := run(t, nil, "init", "--profile", "core", r.Dir); code != ExitOK {
		t.Fatalf("init: %s", errOut)
	}
	if data, _ := os.ReadFile(filepath.Join(r.Dir, ".passation.yml")); len(data) <= 2048 {
		t.Errorf(".passation.yml is %d bytes: the limit of 2 KiB did not cut it", len(data))
	}
}
