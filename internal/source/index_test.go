package source_test

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/passation/passation/internal/source"
	"github.com/passation/passation/internal/testrepo"
)

// collector records a walk: folders entered and files seen, in order.
type collector struct {
	skip  map[string]bool
	dirs  []string
	files []source.Entry
}

func (c *collector) Dir(p string) bool {
	c.dirs = append(c.dirs, p)
	return !c.skip[p]
}

func (c *collector) File(e source.Entry) { c.files = append(c.files, e) }

func (c *collector) paths() []string {
	var out []string
	for _, e := range c.files {
		out = append(out, e.Path)
	}
	return out
}

func openIndex(t *testing.T, dir, indexFile string) *source.IndexTree {
	t.Helper()
	repo, err := source.OpenRepo(dir)
	if err != nil {
		t.Fatal(err)
	}
	tree, err := repo.Index(indexFile)
	if err != nil {
		t.Fatal(err)
	}
	return tree
}

func walk(t *testing.T, tree source.Tree, skip ...string) *collector {
	t.Helper()
	c := &collector{skip: map[string]bool{}}
	for _, s := range skip {
		c.skip[s] = true
	}
	if err := tree.Walk(c); err != nil {
		t.Fatal(err)
	}
	return c
}

func read(t *testing.T, tree source.Tree, c *collector, path string) string {
	t.Helper()
	for _, e := range c.files {
		if e.Path == path {
			data, _, err := tree.Read(e, 1<<20)
			if err != nil {
				t.Fatalf("read %s: %v", path, err)
			}
			return string(data)
		}
	}
	t.Fatalf("%s not in the walk (%v)", path, c.paths())
	return ""
}

func TestIndexStagedUnstagedCommitted(t *testing.T) {
	r := testrepo.New(t).CommitFiles(map[string]string{"README.md": "committed\n", "docs/a.md": "a\n"})
	r.Write(map[string]string{"INSTALL.md": "staged\n"}).Git("add", "INSTALL.md")
	r.Write(map[string]string{"README.md": "edited, not staged\n", "NOTES.md": "untracked\n"})

	tree := openIndex(t, r.Dir, "")
	c := walk(t, tree)
	if got, want := c.paths(), []string{"INSTALL.md", "README.md", "docs/a.md"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("walk = %v, want %v (untracked files are not in the next commit)", got, want)
	}
	if got := read(t, tree, c, "INSTALL.md"); got != "staged\n" {
		t.Errorf("INSTALL.md = %q, want the staged content", got)
	}
	if got := read(t, tree, c, "README.md"); got != "committed\n" {
		t.Errorf("README.md = %q, want the committed content (the edit is not staged)", got)
	}
	d := tree.Describe()
	if d.Mode != "index" || d.Commit != r.Git("rev-parse", "HEAD") {
		t.Errorf("Describe = %+v, want mode index on top of HEAD", d)
	}
	changes, err := tree.Changed([]string{"INSTALL.md", "README.md", "docs/a.md", "NOTES.md"})
	if err != nil {
		t.Fatal(err)
	}
	if want := map[string]source.ChangeKind{"INSTALL.md": source.Added}; !reflect.DeepEqual(changes, want) {
		t.Errorf("Changed = %v, want %v (unstaged edits and untracked files are not changes)", changes, want)
	}
}

func TestIndexChangesModifiedDeletedAndMode(t *testing.T) {
	r := testrepo.New(t).CommitFiles(map[string]string{"a.md": "a\n", "b.md": "b\n", "run.sh": "echo\n", "z/c.md": "c\n"})
	r.Write(map[string]string{"a.md": "a2\n"}).Git("add", "a.md")
	r.Git("rm", "-q", "--cached", "z/c.md")
	r.Git("update-index", "--chmod=+x", "run.sh")
	changes, err := openIndex(t, r.Dir, "").Changed([]string{"a.md", "b.md", "run.sh", "z/c.md", "z/none.md", "none/x.md"})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]source.ChangeKind{"a.md": source.Modified, "run.sh": source.Modified, "z/c.md": source.Deleted}
	if !reflect.DeepEqual(changes, want) {
		t.Fatalf("Changed = %v, want %v", changes, want)
	}
}

func TestIndexBeforeFirstCommit(t *testing.T) {
	r := testrepo.New(t)
	r.Write(map[string]string{"INSTALL.md": "first\n", "src/main.go": "package main\n"}).Git("add", "-A")
	tree := openIndex(t, r.Dir, "")
	c := walk(t, tree)
	if got, want := c.paths(), []string{"INSTALL.md", "src/main.go"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("walk = %v, want %v", got, want)
	}
	if d := tree.Describe(); d.Commit != "" || d.Mode != "index" {
		t.Errorf("Describe = %+v, want no commit", d)
	}
	changes, err := tree.Changed([]string{"INSTALL.md", "src/main.go"})
	if err != nil || len(changes) != 2 || changes["INSTALL.md"] != source.Added {
		t.Fatalf("Changed = %v, %v; want two added files", changes, err)
	}
	// A repository with nothing staged at all is an empty tree, not an error.
	empty := walk(t, openIndex(t, testrepo.New(t).Dir, ""))
	if len(empty.files) != 0 {
		t.Fatalf("empty repository walk = %v", empty.paths())
	}
}

func TestIndexPartialStaging(t *testing.T) {
	// "git add -p": one version staged, the file edited again afterwards.
	r := testrepo.New(t).CommitFiles(map[string]string{"README.md": "v1\n"})
	r.Write(map[string]string{"INSTALL.md": "version staged\n"}).Git("add", "INSTALL.md")
	r.Write(map[string]string{"INSTALL.md": "version edited after staging\n"})
	tree := openIndex(t, r.Dir, "")
	if got := read(t, tree, walk(t, tree), "INSTALL.md"); got != "version staged\n" {
		t.Fatalf("INSTALL.md = %q, want the staged version", got)
	}
}

func TestIndexIntentToAddIsLeftOut(t *testing.T) {
	r := testrepo.New(t).CommitFiles(map[string]string{"README.md": "x\n"})
	r.Write(map[string]string{"INSTALL.md": "not yet added\n"}).Git("add", "-N", "INSTALL.md")
	if got := walk(t, openIndex(t, r.Dir, "")).paths(); !reflect.DeepEqual(got, []string{"README.md"}) {
		t.Fatalf("walk = %v: a git add -N file is not in the next commit", got)
	}
}

func TestIndexMergeConflict(t *testing.T) {
	r := testrepo.New(t).CommitFiles(map[string]string{"INSTALL.md": "base\n", "README.md": "r\n"})
	r.Git("checkout", "-q", "-b", "theirs")
	r.CommitFiles(map[string]string{"INSTALL.md": "theirs\n"})
	r.Git("checkout", "-q", "main")
	r.CommitFiles(map[string]string{"INSTALL.md": "ours\n"})
	cmd := testrepo.Command(r.Dir, "merge", "-q", "theirs")
	if out, err := cmd.CombinedOutput(); err == nil {
		t.Fatalf("merge succeeded, want a conflict: %s", out)
	}
	if out := r.Git("ls-files", "-u"); strings.Count(out, "INSTALL.md") != 3 {
		t.Fatalf("index does not hold three stages:\n%s", out)
	}
	tree := openIndex(t, r.Dir, "")
	if got := tree.Conflicts(); !reflect.DeepEqual(got, []string{"INSTALL.md"}) {
		t.Errorf("Conflicts = %v", got)
	}
	c := walk(t, tree)
	if got, want := c.paths(), []string{"INSTALL.md", "README.md"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("walk = %v, want %v (one entry per conflicted path)", got, want)
	}
	if got := read(t, tree, c, "INSTALL.md"); got != "ours\n" {
		t.Errorf("conflicted INSTALL.md = %q, want stage 2 (ours)", got)
	}
}

func TestIndexFileFromEnvironment(t *testing.T) {
	// git commit -a runs the hook with GIT_INDEX_FILE naming the index
	// about to be committed; simulate it with a second index file.
	r := testrepo.New(t).CommitFiles(map[string]string{"README.md": "x\n"})
	other := filepath.Join(t.TempDir(), "next-index")
	cmd := testrepo.Command(r.Dir, "add", "README.md")
	r.Write(map[string]string{"README.md": "in the other index\n"})
	cmd.Env = append(cmd.Env, "GIT_INDEX_FILE="+other)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	tree := openIndex(t, r.Dir, other)
	if got := read(t, tree, walk(t, tree), "README.md"); got != "in the other index\n" {
		t.Fatalf("README.md = %q, want the content of GIT_INDEX_FILE's index", got)
	}
	repo, _ := source.OpenRepo(r.Dir)
	if _, err := repo.Index(filepath.Join(t.TempDir(), "missing")); err == nil || !strings.Contains(err.Error(), "missing") {
		t.Fatalf("missing index file: err = %v, want an error naming it", err)
	}
}

func TestIndexWalkFoldersAndSkips(t *testing.T) {
	r := testrepo.New(t).CommitFiles(map[string]string{
		"a-b/x.md": "1", "a/b/c/d.md": "2", "a/b/e.md": "3", "a/f.md": "4", "a.md": "5",
		"node_modules/x/README.md": "6", "z/y.md": "7",
	})
	c := walk(t, openIndex(t, r.Dir, ""), "node_modules")
	wantFiles := []string{"a-b/x.md", "a.md", "a/b/c/d.md", "a/b/e.md", "a/f.md", "z/y.md"}
	if got := c.paths(); !reflect.DeepEqual(got, wantFiles) {
		t.Errorf("files = %v, want %v", got, wantFiles)
	}
	wantDirs := []string{"a-b", "a", "a/b", "a/b/c", "node_modules", "z"}
	if !reflect.DeepEqual(c.dirs, wantDirs) {
		t.Errorf("dirs = %v, want %v (each folder once, before its files)", c.dirs, wantDirs)
	}
	// Every file is announced after all the folders it is in.
	seen := map[string]bool{}
	for _, d := range c.dirs {
		seen[d] = true
	}
	for _, f := range c.files {
		for d := filepath.Dir(f.Path); d != "."; d = filepath.Dir(d) {
			if !seen[d] {
				t.Errorf("%s visited without its folder %s", f.Path, d)
			}
		}
	}
}

func TestIndexSymlinkAndSubmoduleKinds(t *testing.T) {
	r := testrepo.New(t).CommitFiles(map[string]string{"README.md": "x\n"})
	if err := os.Symlink("/etc/passwd", filepath.Join(r.Dir, "INSTALL.md")); err != nil {
		t.Skip("no symlinks here:", err)
	}
	r.Git("add", "INSTALL.md")
	r.Git("update-index", "--add", "--cacheinfo", "160000,"+r.Git("rev-parse", "HEAD")+",lib")
	tree := openIndex(t, r.Dir, "")
	c := walk(t, tree)
	kinds := map[string]source.Kind{}
	for _, e := range c.files {
		kinds[e.Path] = e.Kind
	}
	if kinds["INSTALL.md"] != source.Symlink || kinds["lib"] != source.Submodule {
		t.Fatalf("kinds = %v", kinds)
	}
	for _, e := range c.files {
		if e.Path == "INSTALL.md" {
			if _, _, err := tree.Read(e, 100); err == nil {
				t.Fatal("a staged symlink was read")
			}
		}
	}
}
