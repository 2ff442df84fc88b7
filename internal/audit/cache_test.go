package audit_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/passation/passation/internal/audit"
	"github.com/passation/passation/internal/gitserver"
)

// TestCacheHoldsNoCredential: a URL's own credential
// (http://user:TOKEN@host/…) reaches the server but is never written in the
// cache, neither for a clone that worked nor for one that failed; the cache
// is readable by its owner only; a name past 255 bytes still gets a folder.
func TestCacheHoldsNoCredential(t *testing.T) {
	root := gitserver.NewRoot(t)
	root.Add("team", partial)
	token := "glpat-" + strings.Repeat("Qw7", 10)
	web := gitserver.StartHTTP(t, root, gitserver.HTTPOptions{Token: token})
	withToken := strings.Replace(web, "http://", "http://deploy:"+token+"@", 1)
	cache := filepath.Join(t.TempDir(), "cache")
	ts := []audit.Target{
		{URL: withToken + "team.git", Name: strings.Repeat("très-long-nom-", 30)},
		{URL: withToken + "absent.git", Index: 1},
	}
	res := runAudit(t, ts, audit.Options{CacheDir: cache})
	if r := res.Repositories[0]; r.Error != nil {
		t.Fatalf("the repository behind the URL's token: %s: %s", r.Error.Kind, r.Error.Message)
	}
	if r := res.Repositories[1]; r.Error == nil || r.Error.Kind != audit.FailNotFound {
		t.Errorf("absent.git: %+v", r.Error)
	}
	// A second audit updates the cache; still nothing written.
	runAudit(t, ts[:1], audit.Options{CacheDir: cache})
	files := 0
	filepath.WalkDir(cache, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			t.Fatal(err)
		}
		if d.IsDir() {
			if fi, _ := d.Info(); filepath.Dir(p) == filepath.Dir(cache) || filepath.Dir(p) == cache {
				if fi.Mode().Perm() != 0o700 {
					t.Errorf("%s: mode %v, want drwx------", p, fi.Mode().Perm())
				}
			}
			return nil
		}
		files++
		data, _ := os.ReadFile(p)
		if strings.Contains(string(data), token) {
			t.Errorf("%s holds the token:\n%s", p, data)
		}
		return nil
	})
	if files == 0 {
		t.Fatal("nothing in the cache")
	}
}
