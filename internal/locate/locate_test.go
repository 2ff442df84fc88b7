package locate

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/passation/passation/internal/catalog"
	"github.com/passation/passation/internal/checktest"
	"github.com/passation/passation/internal/finding"
	"github.com/passation/passation/internal/source"
	"github.com/passation/passation/internal/testrepo"
	"github.com/passation/passation/rules"
)

func tree(t *testing.T, files map[string]string) source.Tree {
	t.Helper()
	r := testrepo.New(t).CommitFiles(files)
	tr := checktest.Commit(t, r.Dir, "")
	return tr
}

func catalogue(t *testing.T) []catalog.Rule {
	t.Helper()
	cat, err := catalog.Load(rules.FS)
	if err != nil {
		t.Fatal(err)
	}
	return cat.Rules
}

func TestFor(t *testing.T) {
	t.Parallel()
	readme := "# Outil X\n\nUn outil.\n\n## Déploiements prévus\n\nPlus tard.\n\n" +
		"Contribuer\n----------\n\nOuvrez une issue.\n"
	tr := tree(t, map[string]string{
		"README.md":        readme,
		"README.fr.md":     "# Autre\n",
		"docs/README.md":   "# Docs\n\n## Deployment\n",
		"docs/x/README.md": "# deeper\n",
	})
	l := New(tr, catalogue(t), nil)
	if l.README() != "README.md" {
		t.Fatalf("README() = %q, want README.md", l.README())
	}
	cases := []struct {
		name string
		res  finding.Result
		want Place
	}{
		{"evidence first", finding.Result{Rule: "install-guide", Evidence: []finding.Evidence{{Path: "INSTALL.md", Line: 3, Detail: "present but empty"}}}, Place{"INSTALL.md", 3}},
		{"evidence without path is skipped", finding.Result{Rule: "licence", Evidence: []finding.Evidence{{Detail: "declared elsewhere"}}}, Place{"README.md", 1}},
		{"inflected heading", finding.Result{Rule: "deployment-guide"}, Place{"README.md", 5}},
		{"setext heading", finding.Result{Rule: "contributing"}, Place{"README.md", 9}},
		{"no related heading: the title", finding.Result{Rule: "pitch"}, Place{"README.md", 1}},
		{"unknown rule: the title", finding.Result{Rule: "no-such-rule"}, Place{"README.md", 1}},
	}
	for _, c := range cases {
		if got := l.For(c.res); got != c.want {
			t.Errorf("%s: For(%s) = %+v, want %+v", c.name, c.res.Rule, got, c.want)
		}
	}
}

func TestNoReadme(t *testing.T) {
	t.Parallel()
	tr := tree(t, map[string]string{"docs/README.md": "# Docs\n", "main.go": "package main\n"})
	l := New(tr, catalogue(t), nil)
	if got := l.For(finding.Result{Rule: "install-guide"}); got != (Place{}) {
		t.Errorf("For without README = %+v, want the repository root", got)
	}
}

func TestReadmeChoice(t *testing.T) {
	t.Parallel()
	for name, files := range map[string]map[string]string{
		"README":       {"README": "Title\n=====\n", "readme.rst": "x\n"},
		"readme.rst":   {"readme.rst": "Title\n=====\n", "README.fr.md": "# T\n"},
		"README.fr.md": {"README.fr.md": "intro\n\n# T\n"},
	} {
		l := New(tree(t, files), nil, nil)
		if l.README() != name {
			t.Errorf("README() = %q, want %q", l.README(), name)
		}
		if name == "README.fr.md" && l.titleAt != 3 {
			t.Errorf("title line = %d, want 3 (first heading)", l.titleAt)
		}
	}
}

func TestSymlinkReadme(t *testing.T) {
	t.Parallel()
	r := testrepo.New(t).Write(map[string]string{"docs/guide.md": "# Guide\n\n## Installation\n"})
	if err := os.Symlink("docs/guide.md", filepath.Join(r.Dir, "README.md")); err != nil {
		t.Skip("no symlinks here:", err)
	}
	r.Commit("symlinked README")
	tr := checktest.Commit(t, r.Dir, "")
	// The link is never followed: the README is pointed at as a whole file.
	l := New(tr, catalogue(t), nil)
	if got := l.For(finding.Result{Rule: "install-guide"}); got != (Place{Path: "README.md"}) {
		t.Errorf("For with a symlinked README = %+v, want README.md as a whole", got)
	}
}
