package history_test

import (
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/passation/passation/internal/history"
	"github.com/passation/passation/internal/source"
	"github.com/passation/passation/internal/testrepo"
)

const (
	alice = "Alice Martin <alice@example.org>"
	bob   = "Bob Petit <bob@example.org>"
)

// at is noon UTC on a day written 2006-01-02.
func at(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t.Add(12 * time.Hour)
}

// collect reads the history of rev in the repository at dir, opened as the
// CLI opens it.
func collect(t *testing.T, dir, rev string, req history.Request) *history.Facts {
	t.Helper()
	repo, err := source.OpenRepo(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { repo.Close() })
	h, err := repo.Git().ResolveRevision(plumbing.Revision(rev))
	if err != nil {
		t.Fatal(err)
	}
	f, err := history.Collect(repo.Git().Storer, *h, req)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func isCode(p string) bool { return strings.HasSuffix(p, ".py") || strings.HasSuffix(p, ".js") }

func dates(ds ...string) []time.Time {
	out := make([]time.Time, len(ds))
	for i, d := range ds {
		out[i] = at(d)
	}
	return out
}

// people writes people as comparable strings (commit times carry their own
// time zone, which reflect.DeepEqual would compare).
func people(ps []history.Person) []string {
	var out []string
	for _, p := range ps {
		var ds []string
		for _, d := range p.Dates {
			ds = append(ds, d.UTC().Format(time.RFC3339))
		}
		out = append(out, p.Identity.String()+" bot="+strconv.FormatBool(p.Bot)+" "+strings.Join(ds, ","))
	}
	return out
}

func TestOneAuthorWindowStopsTheWalk(t *testing.T) {
	r := testrepo.New(t)
	r.CommitAt(at("2024-06-01"), alice, map[string]string{"a.py": "1"})
	r.CommitAt(at("2025-03-01"), alice, map[string]string{"a.py": "2"})
	r.CommitAt(at("2025-12-01"), alice, map[string]string{"a.py": "3"})
	f := collect(t, r.Dir, "HEAD", history.Request{Since: at("2025-01-15")})
	want := []history.Person{{Identity: history.Identity{Name: "Alice Martin", Email: "alice@example.org"}, Dates: dates("2025-12-01", "2025-03-01")}}
	if got, want := people(f.People), people(want); !reflect.DeepEqual(got, want) {
		t.Errorf("people = %q, want %q", got, want)
	}
	if !f.WindowComplete || f.Truncated || f.Shallow {
		t.Errorf("complete %v truncated %v shallow %v, want true false false", f.WindowComplete, f.Truncated, f.Shallow)
	}
	// The 2024 commit is older than the window: the walk stopped there.
	if f.Walked != 2 {
		t.Errorf("walked %d commits, want 2", f.Walked)
	}
	if !f.Head.When.Equal(at("2025-12-01")) || f.Head.Author.Name != "Alice Martin" || len(f.Head.Hash) != 40 {
		t.Errorf("head = %+v", f.Head)
	}
}

func TestMailmapMergesPeopleAndBotsAreMarked(t *testing.T) {
	r := testrepo.New(t)
	r.CommitAt(at("2025-02-01"), "alice <alice@OLD.example>", map[string]string{
		".mailmap": "# people\nAlice Martin <alice@example.org> <alice@old.example>\nBob Petit <bob@example.org> Bobby <bob@home.example>\n",
	})
	r.CommitAt(at("2025-03-01"), "Bobby <bob@home.example>", map[string]string{"a.py": "1"})
	r.CommitAt(at("2025-04-01"), "Other Name <bob@home.example>", map[string]string{"a.py": "2"})
	r.CommitAt(at("2025-05-01"), "dependabot[bot] <49699333+dependabot[bot]@users.noreply.github.com>", map[string]string{"a.py": "3"})
	r.CommitAt(at("2025-06-01"), alice, map[string]string{"a.py": "4"})
	f := collect(t, r.Dir, "HEAD", history.Request{Since: at("2025-01-01")})
	want := []history.Person{
		{Identity: history.Identity{Name: "Alice Martin", Email: "alice@example.org"}, Dates: dates("2025-06-01", "2025-02-01")},
		{Identity: history.Identity{Name: "dependabot[bot]", Email: "49699333+dependabot[bot]@users.noreply.github.com"}, Bot: true, Dates: dates("2025-05-01")},
		{Identity: history.Identity{Name: "Bob Petit", Email: "bob@example.org"}, Dates: dates("2025-03-01")},
		// The mailmap line names "Bobby": another name at that address is
		// left as it is, as git does.
		{Identity: history.Identity{Name: "Other Name", Email: "bob@home.example"}, Dates: dates("2025-04-01")},
	}
	if got, want := people(f.People), people(want); !reflect.DeepEqual(got, want) {
		t.Errorf("people:\n got %q\nwant %q", got, want)
	}
	if f.MailmapErr != nil {
		t.Errorf("mailmap error: %v", f.MailmapErr)
	}
}

// A name links its addresses, however far: a short login and a full name
// on one address, that full name on another, are one person, shown as the
// newest commit names them.
func TestNamesLinkAddresses(t *testing.T) {
	r := testrepo.New(t)
	r.CommitAt(at("2025-02-01"), "gschittek <gabin.schittek@ign.example>", map[string]string{"a.py": "1"})
	r.CommitAt(at("2025-03-01"), "Gabin Schittek <gabin.schittek@ign.example>", map[string]string{"a.py": "2"})
	r.CommitAt(at("2025-04-01"), "Gabin Schittek <GSchittek@ign.example>", map[string]string{"a.py": "3"})
	r.CommitAt(at("2025-05-01"), "Mélanie Mortier <melanie@ign.example>", map[string]string{"a.py": "4"})
	f := collect(t, r.Dir, "HEAD", history.Request{Since: at("2025-01-01")})
	want := []history.Person{
		{Identity: history.Identity{Name: "Gabin Schittek", Email: "GSchittek@ign.example"}, Dates: dates("2025-04-01", "2025-03-01", "2025-02-01")},
		{Identity: history.Identity{Name: "Mélanie Mortier", Email: "melanie@ign.example"}, Dates: dates("2025-05-01")},
	}
	if got, want := people(f.People), people(want); !reflect.DeepEqual(got, want) {
		t.Errorf("people:\n got %q\nwant %q", got, want)
	}
}

func TestLastChangesOfDocumentsAndCode(t *testing.T) {
	r := testrepo.New(t)
	r.CommitAt(at("2025-01-10"), alice, map[string]string{"docs/INSTALL.md": "v1", "src/app.py": "1", "README.md": "r1"})
	r.CommitAt(at("2025-03-10"), bob, map[string]string{"src/app.py": "2"})
	r.CommitAt(at("2025-05-10"), alice, map[string]string{"README.md": "r2"})
	r.CommitAt(at("2025-06-10"), bob, map[string]string{"src/lib/util.py": "1", "node_modules/x/index.js": "1"})
	r.CommitAt(at("2025-07-10"), alice, map[string]string{"node_modules/x/index.js": "2"})
	f := collect(t, r.Dir, "HEAD", history.Request{
		Paths:   []string{"docs/INSTALL.md", "README.md"},
		IsCode:  isCode,
		SkipDir: func(p string) bool { return strings.HasSuffix(p, "node_modules") },
	})
	got := map[string]string{}
	for p, c := range f.Changes {
		got[p] = c.Commit.When.Format("2006-01-02") + " after:" + itoa(c.Commits) + " before:" + itoa(b2i(c.Before))
	}
	want := map[string]string{
		"docs/INSTALL.md": "2025-01-10 after:4 before:0",
		"README.md":       "2025-05-10 after:2 before:0",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("changes = %v, want %v", got, want)
	}
	// The last commit only touched a bundled copy: not the project's code.
	if f.Code == nil || !f.Code.Commit.When.Equal(at("2025-06-10")) || f.Code.Commits != 1 || !f.CodeKnown {
		t.Errorf("code = %+v (known %v), want the 2025-06-10 commit with 1 after it", f.Code, f.CodeKnown)
	}
	if f.Walked != 5 {
		t.Errorf("walked %d, want 5", f.Walked)
	}
}

var itoa = strconv.Itoa

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// A path that is not in the checked commit is not looked for: the walk
// stops at the window instead of reading the whole history.
func TestUnknownPathsAreNotLookedFor(t *testing.T) {
	r := testrepo.New(t)
	r.CommitAt(at("2024-01-01"), alice, map[string]string{"INSTALL.md": "v1", "app.py": "1"})
	r.CommitAt(at("2025-06-01"), alice, map[string]string{"app.py": "2"})
	r.CommitAt(at("2025-12-01"), alice, map[string]string{"app.py": "3"})
	f := collect(t, r.Dir, "HEAD", history.Request{Since: at("2025-03-01"), Paths: []string{"https://wiki.example.org/install", "gone.md"}, IsCode: isCode})
	if f.Walked != 2 || len(f.Changes) != 0 {
		t.Errorf("walked %d commits, changes %v; want 2 and none", f.Walked, f.Changes)
	}
}

func TestMergeLandsTheChange(t *testing.T) {
	r := testrepo.New(t)
	r.CommitAt(at("2025-01-01"), alice, map[string]string{"INSTALL.md": "v1", "app.py": "1"})
	r.Git("checkout", "-q", "-b", "feature")
	r.CommitAt(at("2025-02-01"), bob, map[string]string{"INSTALL.md": "v2"})
	r.Git("checkout", "-q", "main")
	r.CommitAt(at("2025-03-01"), alice, map[string]string{"app.py": "2"})
	merge := testrepo.Command(r.Dir, "merge", "-q", "--no-ff", "-m", "merge feature", "feature")
	merge.Env = append(merge.Env, "GIT_AUTHOR_DATE=2025-04-01T12:00:00Z", "GIT_COMMITTER_DATE=2025-04-01T12:00:00Z")
	if out, err := merge.CombinedOutput(); err != nil {
		t.Fatalf("merge: %v\n%s", err, out)
	}
	f := collect(t, r.Dir, "HEAD", history.Request{Paths: []string{"INSTALL.md"}, IsCode: isCode})
	// The guide reached main with the merge; the merge itself is not
	// counted as a commit of its own.
	if c := f.Changes["INSTALL.md"]; !c.Commit.When.Equal(at("2025-04-01")) || c.Commits != 0 {
		t.Errorf("INSTALL.md changed %+v, want the merge of 2025-04-01 with 0 commits after", c)
	}
	if f.Code == nil || !f.Code.Commit.When.Equal(at("2025-03-01")) || f.Code.Commits != 0 {
		t.Errorf("code = %+v, want 2025-03-01", f.Code)
	}
}

func TestStaleDocumentStopsTheWalk(t *testing.T) {
	defer history.SetGiveUpAfter(15)()
	r := testrepo.New(t)
	start := at("2023-01-01")
	r.CommitAt(start, alice, map[string]string{"INSTALL.md": "v1", "app.py": "0"})
	for i := 1; i <= 30; i++ {
		r.CommitAt(start.AddDate(0, i, 0), alice, map[string]string{"app.py": itoa(i)})
	}
	f := collect(t, r.Dir, "HEAD", history.Request{
		Paths: []string{"INSTALL.md"}, IsCode: isCode,
		StaleLag: history.Period{Months: 6}, StaleCommits: 20,
	})
	c, ok := f.Changes["INSTALL.md"]
	// 20 commits after the last code change (2025-07-01) lies 2023-11-01,
	// more than 6 months older, and 15 commits were read: the guide is
	// stale whatever its date.
	if !ok || !c.Before || c.Commits != 20 || !c.Commit.When.Equal(start.AddDate(0, 10, 0)) {
		t.Errorf("INSTALL.md = %+v (found %v), want Before at 2023-11-01 after 20 commits", c, ok)
	}
	if f.Walked != 20 {
		t.Errorf("walked %d commits of 31, want 20", f.Walked)
	}
}

// shallowClone clones origin with git clone --depth n and returns its folder.
func shallowClone(t *testing.T, origin string, depth int) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "clone")
	cmd := testrepo.Command(t.TempDir(), "clone", "-q", "--depth", itoa(depth), "file://"+origin, dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("clone: %v\n%s", err, out)
	}
	return dir
}

func fiveMonths(t *testing.T) *testrepo.Repo {
	r := testrepo.New(t)
	r.CommitAt(at("2025-08-01"), alice, map[string]string{"INSTALL.md": "v1", "app.py": "1"})
	r.CommitAt(at("2025-09-01"), bob, map[string]string{"app.py": "2"})
	r.CommitAt(at("2025-10-01"), alice, map[string]string{"app.py": "3"})
	r.CommitAt(at("2025-11-01"), bob, map[string]string{"app.py": "4"})
	r.CommitAt(at("2025-12-01"), alice, map[string]string{"app.py": "5"})
	return r
}

// Below GiveUpAfter commits, a stale document is dated exactly.
func TestStaleDocumentDatedInAShortHistory(t *testing.T) {
	r := testrepo.New(t)
	start := at("2023-01-01")
	r.CommitAt(start, alice, map[string]string{"INSTALL.md": "v1", "app.py": "0"})
	for i := 1; i <= 30; i++ {
		r.CommitAt(start.AddDate(0, i, 0), alice, map[string]string{"app.py": itoa(i)})
	}
	f := collect(t, r.Dir, "HEAD", history.Request{
		Paths: []string{"INSTALL.md"}, IsCode: isCode,
		StaleLag: history.Period{Months: 6}, StaleCommits: 20,
	})
	if c := f.Changes["INSTALL.md"]; c.Before || c.Commits != 30 || !c.Commit.When.Equal(start) {
		t.Errorf("INSTALL.md = %+v, want the first commit, 30 commits old", c)
	}
}

func TestShallowCloneIsTruncatedNotWrong(t *testing.T) {
	clone := shallowClone(t, fiveMonths(t).Dir, 2)
	f := collect(t, clone, "HEAD", history.Request{Since: at("2025-01-15"), Paths: []string{"INSTALL.md"}, IsCode: isCode})
	if !f.Shallow || !f.Truncated || f.Depth != 2 || f.WindowComplete {
		t.Errorf("shallow %v truncated %v depth %d complete %v, want true true 2 false", f.Shallow, f.Truncated, f.Depth, f.WindowComplete)
	}
	if _, ok := f.Changes["INSTALL.md"]; ok {
		t.Errorf("INSTALL.md dated from a truncated history: %+v", f.Changes["INSTALL.md"])
	}
	if f.Code == nil || !f.CodeKnown || !f.Code.Commit.When.Equal(at("2025-12-01")) {
		t.Errorf("code = %+v known %v: the last code change is within the clone", f.Code, f.CodeKnown)
	}
	if len(f.People) != 2 {
		t.Errorf("people = %+v, want the 2 authors of the 2 commits", f.People)
	}
}

func TestShallowCloneDeepEnoughForTheWindow(t *testing.T) {
	clone := shallowClone(t, fiveMonths(t).Dir, 2)
	f := collect(t, clone, "HEAD", history.Request{Since: at("2025-11-15")})
	if !f.Shallow || f.Truncated || !f.WindowComplete || f.Depth != 2 {
		t.Errorf("shallow %v truncated %v complete %v depth %d, want true false true 2", f.Shallow, f.Truncated, f.WindowComplete, f.Depth)
	}
}

func TestMissingParentsWithoutShallowFile(t *testing.T) {
	clone := shallowClone(t, fiveMonths(t).Dir, 2)
	if err := os.Remove(filepath.Join(clone, ".git", "shallow")); err != nil {
		t.Fatal(err)
	}
	f := collect(t, clone, "HEAD", history.Request{Since: at("2025-01-15")})
	if f.Shallow || !f.Truncated || f.Depth != 2 || f.WindowComplete {
		t.Errorf("shallow %v truncated %v depth %d complete %v, want false true 2 false", f.Shallow, f.Truncated, f.Depth, f.WindowComplete)
	}
}

func TestTagsAndReleaseBranches(t *testing.T) {
	r := testrepo.New(t)
	r.CommitAt(at("2025-01-01"), alice, map[string]string{"app.py": "1"})
	r.Git("tag", "v0.1")
	r.CommitAt(at("2025-03-01"), alice, map[string]string{"app.py": "2"})
	tag := testrepo.Command(r.Dir, "tag", "-a", "v1.0", "-m", "first release")
	tag.Env = append(tag.Env, "GIT_COMMITTER_DATE=2025-03-05T12:00:00Z")
	if out, err := tag.CombinedOutput(); err != nil {
		t.Fatalf("tag: %v\n%s", err, out)
	}
	r.Git("branch", "release/2025")
	r.Git("branch", "feature/releases-page") // not a release branch
	second := r.Git("rev-parse", "HEAD")
	r.CommitAt(at("2025-06-01"), alice, map[string]string{"app.py": "3"})
	r.Git("tag", "v2.0")

	names := func(tags []history.Tag) []string {
		var out []string
		for _, t := range tags {
			out = append(out, t.Name+" "+t.When.UTC().Format("2006-01-02")+" branch="+itoa(b2i(t.Branch)))
		}
		return out
	}
	got := names(collect(t, r.Dir, "HEAD", history.Request{Tags: true}).Tags)
	want := []string{"v2.0 2025-06-01 branch=0", "v1.0 2025-03-05 branch=0", "release/2025 2025-03-01 branch=1", "v0.1 2025-01-01 branch=0"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("tags at HEAD = %q, want %q", got, want)
	}
	// Checking an older commit (--ref), later releases do not count.
	got = names(collect(t, r.Dir, second, history.Request{Tags: true}).Tags)
	if !reflect.DeepEqual(got, want[1:]) {
		t.Errorf("tags at the second commit = %q, want %q", got, want[1:])
	}
	if f := collect(t, r.Dir, "HEAD", history.Request{}); f.Tags != nil {
		t.Errorf("tags listed although not asked for: %v", f.Tags)
	}
}

func TestPeriods(t *testing.T) {
	for in, want := range map[string]history.Period{
		"6 months": {Months: 6}, "1 year": {Years: 1}, "2 weeks": {Days: 14}, " 30 Days ": {Days: 30}, "12months": {Months: 12},
	} {
		got, err := history.ParsePeriod(in)
		if err != nil || got != want {
			t.Errorf("ParsePeriod(%q) = %+v, %v; want %+v", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "six months", "6", "-1 month", "6 fortnights", "100000 years"} {
		if _, err := history.ParsePeriod(bad); err == nil {
			t.Errorf("ParsePeriod(%q) accepted", bad)
		}
	}
	if got := (history.Period{Months: 1}).AddTo(at("2025-01-31")); !got.Equal(at("2025-03-03")) {
		t.Errorf("1 month after 2025-01-31 = %v, want 2025-03-03 as time.AddDate says", got)
	}
}
