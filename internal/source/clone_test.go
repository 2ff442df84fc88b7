package source_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/passation/passation/internal/gitserver"
	"github.com/passation/passation/internal/source"
)

// A clone over smart HTTP with a token: the commit and ref fetched, the
// tree readable under the name given, the token sent but never written to
// the clone's folder, and an update of the same folder said so.
func TestFetchOverHTTP(t *testing.T) {
	root := gitserver.NewRoot(t)
	work := root.Add("team", map[string]string{"README.md": "# Team\n"})
	var seen []string
	url := gitserver.StartHTTP(t, root, gitserver.HTTPOptions{Token: "s3cret-token", Seen: func(a string) { seen = append(seen, a) }}) + "team.git"
	dir := filepath.Join(t.TempDir(), "clone")
	ctx := context.Background()

	c, err := source.Fetch(ctx, dir, "https://forge.example/team", url, "", source.FetchOptions{User: "git", Token: "s3cret-token"})
	if err != nil {
		t.Fatal(err)
	}
	if want := strings.TrimSpace(work.Git("rev-parse", "HEAD")); c.Commit != want || c.Ref != "refs/heads/main" || c.How != "cloned" {
		t.Errorf("fetched %s %s (%s), want %s refs/heads/main (cloned)", c.Commit, c.Ref, c.How, want)
	}
	ct, err := c.Repo.Commit(c.Commit)
	if err != nil {
		t.Fatal(err)
	}
	if got := ct.Describe().Path; got != "https://forge.example/team" {
		t.Errorf("reports call the clone %q, want the name given", got)
	}
	walk := &collector{}
	if err := ct.Walk(walk); err != nil {
		t.Fatal(err)
	}
	if paths := walk.paths(); len(paths) != 1 || paths[0] != "README.md" {
		t.Errorf("walk = %v, want [README.md]", paths)
	}
	c.Close()
	if len(seen) == 0 || seen[0] == "" {
		t.Errorf("no Authorization header sent: %q", seen)
	}
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if b, _ := os.ReadFile(p); strings.Contains(string(b), "s3cret-token") {
				t.Errorf("%s holds the token", p)
			}
		}
		return nil
	})

	work.CommitFiles(map[string]string{"INSTALL.md": "# Install\n"})
	root.Publish(work)
	c, err = source.Fetch(ctx, dir, "team", url, "main", source.FetchOptions{User: "git", Token: "s3cret-token"})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if want := strings.TrimSpace(work.Git("rev-parse", "HEAD")); c.Commit != want || c.How != "updated" {
		t.Errorf("second fetch: %s (%s), want %s (updated)", c.Commit, c.How, want)
	}
}

// A ref the remote lacks is an ErrUnknownRef that names what the remote has.
func TestFetchUnknownRef(t *testing.T) {
	root := gitserver.NewRoot(t)
	root.Add("team", map[string]string{"README.md": "# Team\n"})
	url := gitserver.StartHTTP(t, root, gitserver.HTTPOptions{}) + "team.git"
	_, err := source.Fetch(context.Background(), filepath.Join(t.TempDir(), "c"), "team", url, "release", source.FetchOptions{})
	if !errors.Is(err, source.ErrUnknownRef) || !strings.Contains(err.Error(), `no branch or tag "release" on the remote (branches: main; tags: none)`) {
		t.Errorf("err = %v, want ErrUnknownRef listing main", err)
	}
	_, err = source.Fetch(context.Background(), filepath.Join(t.TempDir(), "c"), "team", url+"-missing", "", source.FetchOptions{})
	if source.Refusal(err) != "not-found" {
		t.Errorf("a missing repository: Refusal(%v) = %q, want not-found", err, source.Refusal(err))
	}
}
