package source_test

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/passation/passation/internal/source"
	"github.com/passation/passation/internal/testrepo"
)

// These tests build real repositories with the git command line and read
// them back through go-git: every shape a user's clone can take.

func openCommit(t *testing.T, dir, ref string) *source.CommitTree {
	t.Helper()
	repo, err := source.OpenRepo(dir)
	if err != nil {
		t.Fatalf("open %s: %v", dir, err)
	}
	t.Cleanup(func() { repo.Close() })
	tree, err := repo.Commit(ref)
	if err != nil {
		t.Fatalf("commit %q of %s: %v", ref, dir, err)
	}
	return tree
}

// commitErr opens dir and returns the error of resolving ref.
func commitErr(t *testing.T, dir, ref string) error {
	t.Helper()
	repo, err := source.OpenRepo(dir)
	if err != nil {
		return err
	}
	defer repo.Close()
	_, err = repo.Commit(ref)
	if err == nil {
		t.Fatalf("ref %q of %s resolved, want an error", ref, dir)
	}
	return err
}

func git(t *testing.T, dir string, args ...string) string {
	t.Helper()
	out, err := testrepo.Command(dir, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return strings.TrimSpace(string(out))
}

func sameFile(t *testing.T, a, b string) bool {
	t.Helper()
	ra, err := filepath.EvalSymlinks(a)
	if err != nil {
		t.Fatal(err)
	}
	rb, err := filepath.EvalSymlinks(b)
	if err != nil {
		t.Fatal(err)
	}
	return ra == rb
}

func TestOnlyCommittedFilesCount(t *testing.T) {
	t.Parallel()
	r := testrepo.New(t).CommitFiles(map[string]string{
		"README.md": "committed\n", "docs/guide.md": "committed\n", ".gitignore": "*.log\nbuild/\n",
	})
	r.Write(map[string]string{"INSTALL.md": "staged only\n"}).Git("add", "INSTALL.md")
	r.Write(map[string]string{
		"NOTES.md": "untracked\n", "debug.log": "ignored\n", "build/CHANGELOG.md": "ignored folder\n",
		"README.md": "edited in the work tree\n",
	})
	tree := openCommit(t, r.Dir, "")
	c := walk(t, tree)
	if want := []string{".gitignore", "README.md", "docs/guide.md"}; !reflect.DeepEqual(c.paths(), want) {
		t.Fatalf("walk = %v, want only the committed files %v", c.paths(), want)
	}
	if got := read(t, tree, c, "README.md"); got != "committed\n" {
		t.Fatalf("README.md read as %q, want the committed content, not the work tree's", got)
	}
	if d := tree.Describe(); d.Mode != "commit" || d.Ref != "HEAD" || d.Commit != r.Git("rev-parse", "HEAD") {
		t.Fatalf("Describe() = %+v", d)
	}
}

func TestOpenFromNestedFolder(t *testing.T) {
	t.Parallel()
	r := testrepo.New(t).CommitFiles(map[string]string{"README.md": "root\n", "docs/deep/er/x.md": "x\n"})
	tree := openCommit(t, filepath.Join(r.Dir, "docs", "deep", "er"), "")
	c := walk(t, tree)
	if want := []string{"README.md", "docs/deep/er/x.md"}; !reflect.DeepEqual(c.paths(), want) {
		t.Fatalf("walk from a subfolder = %v, want the whole repository %v", c.paths(), want)
	}
	// The report names the repository, not the folder the user stood in.
	if p := tree.Describe().Path; !sameFile(t, p, r.Dir) {
		t.Fatalf("Describe().Path = %q, want the repository root %q", p, r.Dir)
	}
}

func TestLinkedWorktree(t *testing.T) {
	t.Parallel()
	r := testrepo.New(t).CommitFiles(map[string]string{"README.md": "main\n"})
	wt := filepath.Join(t.TempDir(), "wt")
	r.Git("worktree", "add", "-q", "-b", "feature", wt)
	git(t, wt, "rm", "-q", "README.md")
	if err := os.MkdirAll(filepath.Join(wt, "docs"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(wt, "docs", "INSTALL.md"), []byte("feature\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	git(t, wt, "add", "docs/INSTALL.md")
	git(t, wt, "commit", "-q", "-m", "feature")

	// From the linked worktree and from a folder inside it: its own HEAD.
	for _, dir := range []string{wt, filepath.Join(wt, "docs")} {
		tree := openCommit(t, dir, "")
		if got := walk(t, tree).paths(); !reflect.DeepEqual(got, []string{"docs/INSTALL.md"}) {
			t.Fatalf("linked worktree %s: walk = %v, want its branch's docs/INSTALL.md only", dir, got)
		}
		if tree.Describe().Commit != git(t, wt, "rev-parse", "HEAD") {
			t.Fatalf("linked worktree: commit %s, want the worktree's HEAD", tree.Describe().Commit)
		}
		if !sameFile(t, tree.Describe().Path, wt) {
			t.Fatalf("linked worktree: path %q, want %q", tree.Describe().Path, wt)
		}
	}
	// The main work tree still sees main.
	if got := walk(t, openCommit(t, r.Dir, "")).paths(); !reflect.DeepEqual(got, []string{"README.md"}) {
		t.Fatalf("main work tree: walk = %v", got)
	}
	// And branches are shared: the main work tree can check the feature branch.
	if got := walk(t, openCommit(t, r.Dir, "feature")).paths(); !reflect.DeepEqual(got, []string{"docs/INSTALL.md"}) {
		t.Fatalf("main work tree at feature: walk = %v", got)
	}
}

func TestBareRepository(t *testing.T) {
	t.Parallel()
	r := testrepo.New(t).CommitFiles(map[string]string{"README.md": "bare\n", "docs/a.md": "a\n"})
	bare := filepath.Join(t.TempDir(), "bare.git")
	r.Git("clone", "-q", "--bare", r.Dir, bare)
	tree := openCommit(t, bare, "")
	c := walk(t, tree)
	if want := []string{"README.md", "docs/a.md"}; !reflect.DeepEqual(c.paths(), want) {
		t.Fatalf("bare: walk = %v, want %v", c.paths(), want)
	}
	if got := read(t, tree, c, "README.md"); got != "bare\n" {
		t.Fatalf("bare: README.md = %q", got)
	}
	if !sameFile(t, tree.Describe().Path, bare) {
		t.Fatalf("bare: path %q, want %q", tree.Describe().Path, bare)
	}
}

func TestRefs(t *testing.T) {
	t.Parallel()
	r := testrepo.New(t).CommitFiles(map[string]string{"README.md": "v1\n"})
	first := r.Git("rev-parse", "HEAD")
	r.Git("tag", "light")
	r.Git("tag", "-a", "annotated", "-m", "release 1")
	r.CommitFiles(map[string]string{"README.md": "v2\n", "CHANGELOG.md": "v2\n"})
	second := r.Git("rev-parse", "HEAD")

	cases := []struct {
		name, ref, commit string
		files             []string
	}{
		{"HEAD by default", "", second, []string{"CHANGELOG.md", "README.md"}},
		{"branch", "main", second, []string{"CHANGELOG.md", "README.md"}},
		{"lightweight tag", "light", first, []string{"README.md"}},
		{"annotated tag, peeled to its commit", "annotated", first, []string{"README.md"}},
		{"full tag ref", "refs/tags/annotated", first, []string{"README.md"}},
		{"commit hash prefix", first[:7], first, []string{"README.md"}},
		{"full commit hash", first, first, []string{"README.md"}},
		{"parent", "HEAD~1", first, []string{"README.md"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tree := openCommit(t, r.Dir, tc.ref)
			d := tree.Describe()
			if d.Commit != tc.commit {
				t.Fatalf("--ref %q: commit %s, want %s", tc.ref, d.Commit, tc.commit)
			}
			if want := tc.ref; want != "" && d.Ref != want {
				t.Fatalf("--ref %q: Describe().Ref = %q", tc.ref, d.Ref)
			}
			if got := walk(t, tree).paths(); !reflect.DeepEqual(got, tc.files) {
				t.Fatalf("--ref %q: walk = %v, want %v", tc.ref, got, tc.files)
			}
		})
	}
}

func TestDetachedHead(t *testing.T) {
	t.Parallel()
	r := testrepo.New(t).CommitFiles(map[string]string{"README.md": "old\n"})
	old := r.Git("rev-parse", "HEAD")
	r.CommitFiles(map[string]string{"README.md": "new\n"})
	r.Git("checkout", "-q", "--detach", old)
	tree := openCommit(t, r.Dir, "")
	if tree.Describe().Commit != old {
		t.Fatalf("detached HEAD: commit %s, want %s", tree.Describe().Commit, old)
	}
	c := walk(t, tree)
	if got := read(t, tree, c, "README.md"); got != "old\n" {
		t.Fatalf("detached HEAD: README.md = %q, want the checked-out commit's", got)
	}
}

func TestUnknownRefIsAUsageError(t *testing.T) {
	t.Parallel()
	r := testrepo.New(t).CommitFiles(map[string]string{"README.md": "x\n"})
	for _, ref := range []string{"nope", "v9.9.9", "0123456789abcdef0123456789abcdef01234567", "main~5"} {
		err := commitErr(t, r.Dir, ref)
		var ue *source.UsageError
		if !errors.Is(err, source.ErrUnknownRef) || !errors.As(err, &ue) {
			t.Errorf("--ref %q: error %v, want ErrUnknownRef as a UsageError", ref, err)
		}
		if !strings.Contains(err.Error(), ref) {
			t.Errorf("--ref %q: error %q does not name the ref", ref, err)
		}
	}
}

func TestEmptyRepository(t *testing.T) {
	t.Parallel()
	r := testrepo.New(t)
	for _, ref := range []string{"", "main", "HEAD"} {
		if err := commitErr(t, r.Dir, ref); !errors.Is(err, source.ErrNoCommits) {
			t.Errorf("empty repository, ref %q: error %v, want ErrNoCommits", ref, err)
		}
	}
}

func TestNotARepository(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if _, err := source.OpenRepo(dir); !errors.Is(err, source.ErrNotRepository) {
		t.Fatalf("plain folder: %v, want ErrNotRepository", err)
	}
	// A worktree whose .git file points nowhere is a broken repository, not
	// a plain folder whose files on disk would count.
	broken := t.TempDir()
	if err := os.MkdirAll(filepath.Join(broken, "docs"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(broken, ".git"), []byte("gitdir: /nonexistent/worktrees/x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, dir := range []string{broken, filepath.Join(broken, "docs")} {
		_, err := source.OpenRepo(dir)
		if err == nil || errors.Is(err, source.ErrNotRepository) || !strings.Contains(err.Error(), filepath.Join(broken, ".git")) {
			t.Errorf("broken .git link, from %s: %v; want an error naming the .git file, not ErrNotRepository", dir, err)
		}
	}
}

func TestShallowClone(t *testing.T) {
	t.Parallel()
	origin := testrepo.New(t).CommitFiles(map[string]string{"README.md": "v1\n"})
	origin.CommitFiles(map[string]string{"README.md": "v2\n"})
	clone := filepath.Join(t.TempDir(), "shallow")
	git(t, t.TempDir(), "clone", "-q", "--depth", "1", "file://"+origin.Dir, clone)
	tree := openCommit(t, clone, "")
	if got := read(t, tree, walk(t, tree), "README.md"); got != "v2\n" {
		t.Fatalf("shallow clone at HEAD: README.md = %q", got)
	}
	err := commitErr(t, clone, "HEAD~1")
	var ue *source.UsageError
	if !errors.As(err, &ue) || !strings.Contains(err.Error(), "shallow") {
		t.Fatalf("a ref beyond a shallow clone's history: %v; want a usage error that says the clone is shallow", err)
	}
}

// objectPath is where git keeps a loose object.
func objectPath(gitDir, hash string) string {
	return filepath.Join(gitDir, "objects", hash[:2], hash[2:])
}

func TestAlternates(t *testing.T) {
	t.Parallel()
	origin := testrepo.New(t).CommitFiles(map[string]string{"README.md": "borrowed\n", "docs/a.md": "a\n"})
	blob := origin.Git("rev-parse", "HEAD:README.md")
	for _, mode := range []string{"--shared", "--reference"} {
		t.Run(mode, func(t *testing.T) {
			t.Parallel()
			clone := filepath.Join(t.TempDir(), "clone")
			args := []string{"clone", "-q", "--shared", origin.Dir, clone}
			if mode == "--reference" {
				args = []string{"clone", "-q", "--reference", origin.Dir, "file://" + origin.Dir, clone}
			}
			git(t, t.TempDir(), args...)
			alt, err := os.ReadFile(filepath.Join(clone, ".git", "objects", "info", "alternates"))
			if err != nil || len(alt) == 0 {
				t.Fatalf("%s clone has no objects/info/alternates: %v", mode, err)
			}
			if _, err := os.Stat(objectPath(filepath.Join(clone, ".git"), blob)); err == nil {
				t.Fatalf("%s clone has its own copy of the blob: the test would not exercise alternates", mode)
			}
			tree := openCommit(t, clone, "")
			c := walk(t, tree)
			if got := read(t, tree, c, "README.md"); got != "borrowed\n" {
				t.Fatalf("%s: README.md = %q, want the borrowed blob", mode, got)
			}
		})
	}
}

func TestMissingLooseBlob(t *testing.T) {
	t.Parallel()
	r := testrepo.New(t).CommitFiles(map[string]string{"README.md": "gone\n", "LICENSE": "kept\n"})
	blob := r.Git("rev-parse", "HEAD:README.md")
	if err := os.Remove(objectPath(filepath.Join(r.Dir, ".git"), blob)); err != nil {
		t.Fatal(err)
	}
	tree := openCommit(t, r.Dir, "")
	c := walk(t, tree)
	if want := []string{"LICENSE", "README.md"}; !reflect.DeepEqual(c.paths(), want) {
		t.Fatalf("walk = %v, want %v: a missing blob must not hide its entry", c.paths(), want)
	}
	for _, e := range c.files {
		data, _, err := tree.Read(e, 100)
		switch e.Path {
		case "README.md":
			if !errors.Is(err, source.ErrMissingObject) || !strings.Contains(err.Error(), "README.md") {
				t.Fatalf("read of a missing blob: %q, %v; want ErrMissingObject naming README.md", data, err)
			}
		case "LICENSE":
			if err != nil || string(data) != "kept\n" {
				t.Fatalf("LICENSE: %q, %v", data, err)
			}
		}
	}
}

func TestMissingTreeAndCommit(t *testing.T) {
	t.Parallel()
	r := testrepo.New(t).CommitFiles(map[string]string{"docs/a.md": "a\n"})
	sub := r.Git("rev-parse", "HEAD:docs")
	if err := os.Remove(objectPath(filepath.Join(r.Dir, ".git"), sub)); err != nil {
		t.Fatal(err)
	}
	tree := openCommit(t, r.Dir, "")
	err := tree.Walk(&collector{skip: map[string]bool{}})
	if !errors.Is(err, source.ErrMissingObject) || !strings.Contains(err.Error(), "docs") {
		t.Fatalf("walk over a missing folder: %v, want ErrMissingObject naming docs", err)
	}

	// HEAD names a commit the repository does not have: a damaged
	// repository (exit 3), not a mistyped ref (exit 2).
	c := testrepo.New(t).CommitFiles(map[string]string{"a.md": "a\n"})
	head := c.Git("rev-parse", "HEAD")
	if err := os.Remove(objectPath(filepath.Join(c.Dir, ".git"), head)); err != nil {
		t.Fatal(err)
	}
	for _, ref := range []string{"", "main"} {
		err := commitErr(t, c.Dir, ref)
		var ue *source.UsageError
		if !errors.Is(err, source.ErrMissingObject) || errors.As(err, &ue) {
			t.Errorf("ref %q to a missing commit: %v, want ErrMissingObject, not a usage error", ref, err)
		}
	}
}

func TestPartialClone(t *testing.T) {
	t.Parallel()
	origin := testrepo.New(t).CommitFiles(map[string]string{"README.md": "lazy\n", "docs/a.md": "a\n"})
	origin.Git("config", "uploadpack.allowFilter", "true")
	clone := filepath.Join(t.TempDir(), "partial")
	git(t, t.TempDir(), "clone", "-q", "--no-checkout", "--filter=blob:none", "file://"+origin.Dir, clone)
	if got := git(t, clone, "config", "remote.origin.promisor"); got != "true" {
		t.Fatalf("the clone is not partial (promisor = %q)", got)
	}
	tree := openCommit(t, clone, "")
	c := walk(t, tree)
	if want := []string{"README.md", "docs/a.md"}; !reflect.DeepEqual(c.paths(), want) {
		t.Fatalf("partial clone: walk = %v, want %v (trees are there)", c.paths(), want)
	}
	if _, _, err := tree.Read(c.files[0], 100); !errors.Is(err, source.ErrMissingObject) {
		t.Fatalf("partial clone: read of an absent blob: %v, want ErrMissingObject", err)
	}
}

func TestSymlinksAreListedNeverRead(t *testing.T) {
	t.Parallel()
	outside := filepath.Join(t.TempDir(), "licence.txt")
	if err := os.WriteFile(outside, []byte("MIT License, outside the repository\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r := testrepo.New(t).CommitFiles(map[string]string{"README.md": "x\n"})
	for name, target := range map[string]string{"LICENSE": "/etc/passwd", "COPYING": outside, "docs": "/etc", "INSTALL.md": "../../outside.md"} {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(r.Dir, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(target, filepath.Join(r.Dir, name)); err != nil {
			t.Fatal(err)
		}
	}
	r.Commit("symlinks")
	tree := openCommit(t, r.Dir, "")
	c := walk(t, tree)
	if want := []string{"COPYING", "INSTALL.md", "LICENSE", "README.md", "docs"}; !reflect.DeepEqual(c.paths(), want) {
		t.Fatalf("walk = %v, want %v (a symlinked folder is one entry, never entered)", c.paths(), want)
	}
	for _, e := range c.files {
		if e.Path == "README.md" {
			continue
		}
		if e.Kind != source.Symlink {
			t.Errorf("%s: kind %v, want Symlink", e.Path, e.Kind)
		}
		if data, _, err := tree.Read(e, 1<<20); !errors.Is(err, source.ErrNotReadable) || len(data) != 0 {
			t.Errorf("%s: read %q, %v; want nothing and ErrNotReadable", e.Path, data, err)
		}
	}
}

func TestDirTree(t *testing.T) {
	t.Parallel()
	outside := t.TempDir()
	if err := os.WriteFile(filepath.Join(outside, "LICENSE"), []byte("MIT License\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	files := map[string]string{"README.md": "dir\n", "docs/a.md": "a\n", ".git/config": "not a repository's content\n"}
	for p, content := range files {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for name, target := range map[string]string{"LICENSE": filepath.Join(outside, "LICENSE"), "vendored": outside, "passwd": "/etc/passwd"} {
		if err := os.Symlink(target, filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
	}
	check := func(t *testing.T, root string) {
		tree, err := source.OpenDir(root)
		if err != nil {
			t.Fatal(err)
		}
		c := walk(t, tree)
		if want := []string{"LICENSE", "README.md", "docs/a.md", "passwd", "vendored"}; !reflect.DeepEqual(sorted(c.paths()), want) {
			t.Fatalf("walk = %v, want %v (.git skipped, symlinks listed, not entered)", c.paths(), want)
		}
		for _, e := range c.files {
			data, _, err := tree.Read(e, 1<<20)
			switch e.Path {
			case "README.md", "docs/a.md":
				if err != nil || string(data) != files[e.Path] {
					t.Errorf("%s: %q, %v", e.Path, data, err)
				}
			default:
				if e.Kind != source.Symlink || !errors.Is(err, source.ErrNotReadable) || len(data) != 0 {
					t.Errorf("%s: kind %v, read %q, %v; want a symlink that is never read", e.Path, e.Kind, data, err)
				}
			}
		}
		if d := tree.Describe(); d.Mode != "directory" || !sameFile(t, d.Path, dir) {
			t.Errorf("Describe() = %+v", d)
		}
	}
	t.Run("direct", func(t *testing.T) { check(t, dir) })
	// The folder the user names may itself be reached through a symlink:
	// that one is followed, as the user asked for it.
	t.Run("through a symlink", func(t *testing.T) {
		link := filepath.Join(t.TempDir(), "link")
		if err := os.Symlink(dir, link); err != nil {
			t.Fatal(err)
		}
		check(t, link)
	})
}

// A symlink swapped in for a regular file between the walk and the read is
// refused, and so is a file reached through a folder swapped for a symlink.
func TestDirTreeReadRefusesSwappedSymlinks(t *testing.T) {
	t.Parallel()
	outside := t.TempDir()
	if err := os.WriteFile(filepath.Join(outside, "a.md"), []byte("outside\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "docs"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"README.md", "docs/a.md"} {
		if err := os.WriteFile(filepath.Join(dir, p), []byte("inside\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	tree, err := source.OpenDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	c := walk(t, tree)
	// Swap both after the walk.
	if err := os.Remove(filepath.Join(dir, "README.md")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(outside, "a.md"), filepath.Join(dir, "README.md")); err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(filepath.Join(dir, "docs")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(dir, "docs")); err != nil {
		t.Fatal(err)
	}
	for _, e := range c.files {
		if data, _, err := tree.Read(e, 1<<20); err == nil || strings.Contains(string(data), "outside") {
			t.Errorf("%s swapped for a symlink after the walk: read %q, %v; want an error", e.Path, data, err)
		}
	}
}

func sorted(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return s
}
