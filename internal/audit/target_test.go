package audit_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/passation/passation/internal/audit"
	"github.com/passation/passation/internal/finding"
	"github.com/passation/passation/internal/gitserver"
)

func TestParseCohortCSV(t *testing.T) {
	data := "\xef\xbb\xbfURL,Nom,Équipe,défi,tag,profile,lang\n" +
		"# a comment line\n" +
		"https://github.com/org/a.git,,Alpha,Défi A,fin-cohorte,core,fr\n" +
		"\n" +
		"git@gitlab.com:org/b.git,b-name,Beta,,,,\n" +
		"../c,,,,,,EN\n"
	ts, err := audit.ParseCohort(filepath.Join("cohorts", "c.csv"), []byte(data))
	if err != nil {
		t.Fatal(err)
	}
	if len(ts) != 3 {
		t.Fatalf("got %d targets: %+v", len(ts), ts)
	}
	a, b, c := ts[0], ts[1], ts[2]
	if a.Name != "a" || a.Team != "Alpha" || a.Challenge != "Défi A" || a.Ref != "fin-cohorte" || a.Profile != "core" || a.Lang != "fr" || !a.Remote() || a.Pos != "cohorts/c.csv:3" {
		t.Errorf("first target = %+v", a)
	}
	if b.Name != "b-name" || !b.Remote() || b.Index != 1 || b.Pos != "cohorts/c.csv:5" {
		t.Errorf("second target = %+v", b)
	}
	if c.Remote() || c.URL != "c" || c.Lang != "en" {
		t.Errorf("a local path is taken from the list's folder: %+v", c)
	}
}

func TestParseCohortSemicolons(t *testing.T) {
	ts, err := audit.ParseCohort("c.csv", []byte("url;team\nhttps://h/x;Équipe X\n"))
	if err != nil || len(ts) != 1 || ts[0].Team != "Équipe X" {
		t.Fatalf("%+v, %v", ts, err)
	}
}

func TestParseCohortYAML(t *testing.T) {
	data := `repositories:
  - https://github.com/org/a
  - url: https://gitlab.com/org/b.git
    team: Beta
    ref: v1.0
`
	ts, err := audit.ParseCohort("c.yml", []byte(data))
	if err != nil {
		t.Fatal(err)
	}
	if len(ts) != 2 || ts[0].Name != "a" || ts[1].Ref != "v1.0" || ts[1].Pos != "c.yml:3" {
		t.Errorf("%+v", ts)
	}
}

func TestParseCohortErrors(t *testing.T) {
	cases := []struct{ name, data, want string }{
		{"c.csv", "", "c.csv: empty cohort list"},
		{"c.csv", "name,team\nx,y\n", "c.csv:1: no url column"},
		{"c.csv", "url,teem\nx,y\n", `c.csv:1: unknown column "teem": did you mean "team"?`},
		{"c.csv", "url,url\nx,y\n", `column "url" is given twice`},
		{"c.csv", "url\n", "no repository listed"},
		{"c.csv", "url,team\nhttps://h/a,x\n,y\n", "c.csv:3: missing url"},
		{"c.csv", "url,lang\nhttps://h/a,de\n", `c.csv:2: unknown language "de"`},
		{"c.csv", "url\nhttps://h/a\nhttps://h/a\n", "c.csv:3: https://h/a is already listed at c.csv:2"},
		{"c.csv", "url\n\"https://h/a\n", "c.csv:2: invalid CSV"},
		{"c.csv", "url\nhttps://h/a,extra\n", "c.csv:2: 2 fields but the header names 1 columns"},
		{"c.yml", "repositories:\n  - url: x\n    tema: y\n", `c.yml:3: unknown key "tema": did you mean "team"?`},
		{"c.yml", "repos: []\n", `c.yml:1: unknown key "repos"`},
		{"c.yml", "repositories: [\n", "c.yml:"},
		{"c.yml", "repositories:\n  - [a]\n", "c.yml:2: expected a URL or a mapping"},
		// Malformed URLs, refused when the list is read rather than failing
		// later as a lost connection; never an option for a transport.
		{"c.csv", "url\nhttps://\n", "c.csv:2: https://: no host: expected https://host/org/repo.git"},
		{"c.csv", "url\nhttp://[::1\n", `c.csv:2: http://[::1: not a valid URL (missing ']' in host)`},
		{"c.csv", "url\nssh://-oProxyCommand=touch/r\n", `c.csv:2: ssh://-oProxyCommand=touch/r: a user, host or path starts with "-"`},
		{"c.csv", "url\n-oProxy@host:r\n", `c.csv:2: -oProxy@host:r: a user, host or path starts with "-"`},
		{"c.csv", "url\nhttps://h/a.git#main\n", "c.csv:2: https://h/a.git#main: a #fragment is not part of a repository address"},
		{"c.csv", "url\nhttps://h\n", "c.csv:2: https://h: no repository path after the host"},
		{"c.csv", "url\nftp://h/a.git\n", `c.csv:2: ftp://h/a.git: unknown scheme "ftp"`},
		{"c.yml", "- https://user:s3cr3t@/a\n", "c.yml:1: https://***@/a: no host"},
	}
	for _, c := range cases {
		_, err := audit.ParseCohort(c.name, []byte(c.data))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: got %v, want an error containing %q", c.data, err, c.want)
		}
	}
}

func FuzzParseCohort(f *testing.F) {
	f.Add("c.csv", "url,name,team\nhttps://h/a,a,A\n")
	f.Add("c.csv", "url;team\n\"x;y\";z\n")
	f.Add("c.yml", "repositories:\n  - url: x\n    team: y\n")
	f.Add("c.yml", "- a\n- b\n")
	f.Fuzz(func(t *testing.T, name, data string) {
		ts, err := audit.ParseCohort(name, []byte(data))
		if err == nil && len(ts) == 0 {
			t.Fatal("no error and no target")
		}
		for i, tg := range ts {
			if tg.Index != i || tg.URL == "" || tg.Name == "" {
				t.Fatalf("target %d: %+v", i, tg)
			}
		}
	})
}

func TestShard(t *testing.T) {
	var ts []audit.Target
	for i := 0; i < 10; i++ {
		ts = append(ts, audit.Target{URL: "https://h/r" + itoa(i)})
	}
	if err := audit.Validate(ts); err != nil {
		t.Fatal(err)
	}
	seen := map[int]int{}
	for k := 1; k <= 3; k++ {
		s, err := audit.ParseShard(itoa(k) + "/3")
		if err != nil {
			t.Fatal(err)
		}
		for _, tg := range s.Select(ts) {
			seen[tg.Index]++
		}
	}
	if len(seen) != 10 {
		t.Errorf("shards cover %d of 10 targets", len(seen))
	}
	for i, n := range seen {
		if n != 1 {
			t.Errorf("target %d in %d shards", i, n)
		}
	}
	for _, bad := range []string{"0/3", "4/3", "1", "a/b", "1/0"} {
		if _, err := audit.ParseShard(bad); err == nil {
			t.Errorf("ParseShard(%q) accepted", bad)
		}
	}
}

// TestCacheIsUpdated: a second audit with --cache fetches the new commit
// into the same folder instead of cloning again.
func TestCacheIsUpdated(t *testing.T) {
	root := gitserver.NewRoot(t)
	w := root.Add("team", partial)
	daemon := gitserver.StartDaemon(t, root)
	cache := t.TempDir()
	ts := []audit.Target{{URL: daemon.URL + "team.git"}}
	var hows []string
	opt := audit.Options{CacheDir: cache, Profile: "core", Progress: func(e audit.Event) { hows = append(hows, e.How) }}

	first := runAudit(t, ts, opt)
	if s := status(t, &first.Repositories[0], "user-manual"); s != finding.Fail {
		t.Fatalf("first audit: user-manual = %s", s)
	}
	dirs, _ := filepath.Glob(filepath.Join(cache, "*.git"))
	if len(dirs) != 1 {
		t.Fatalf("cache holds %v", dirs)
	}
	marker := filepath.Join(dirs[0], "passation-test-marker")
	if err := os.WriteFile(marker, nil, 0o644); err != nil {
		t.Fatal(err)
	}

	w.CommitFiles(map[string]string{"docs/manuel-utilisateur.md": prose})
	root.Publish(w)
	second := runAudit(t, ts, opt)
	if s := status(t, &second.Repositories[0], "user-manual"); s != finding.Pass {
		t.Fatalf("second audit did not see the new commit: user-manual = %s", s)
	}
	if _, err := os.Stat(marker); err != nil {
		t.Errorf("the cache folder was replaced, not updated: %v", err)
	}
	if strings.Join(hows, ",") != "cloned,updated" {
		t.Errorf("fetches were %v, want cloned then updated", hows)
	}
	if first.Repositories[0].Report.Repository.Commit == second.Repositories[0].Report.Repository.Commit {
		t.Error("same commit twice")
	}
	// A third audit with nothing new is still correct.
	third := runAudit(t, ts, opt)
	if third.Repositories[0].Report.Repository.Commit != second.Repositories[0].Report.Repository.Commit {
		t.Error("third audit moved")
	}
}

// TestLimitsAreReported: a repository with too many files or a blob larger
// than the read cap is audited, with notes saying what was not read.
func TestLimitsAreReported(t *testing.T) {
	root := gitserver.NewRoot(t)
	files := map[string]string{}
	for i := 0; i < 300; i++ {
		files["src/f"+itoa(i)+".txt"] = "x"
	}
	files["README.md"] = "# Outil\n\n## Installation\n\n" + prose + "\n\n" + strings.Repeat("Une ligne de plus dans un très long document. ", 3000)
	root.Add("huge", files)
	daemon := gitserver.StartDaemon(t, root)
	res := runAudit(t, []audit.Target{{URL: daemon.URL + "huge.git"}}, audit.Options{MaxFiles: 100, MaxRead: 64 << 10})
	r := res.Repositories[0]
	if r.Error != nil {
		t.Fatalf("failed: %s", r.Error.Message)
	}
	notes := strings.Join(r.Notes, "\n")
	if !strings.Contains(notes, "more than 100 files") || !strings.Contains(notes, "README.md is larger than 65536 bytes") {
		t.Errorf("notes = %q", notes)
	}
}

func TestMerge(t *testing.T) {
	root := gitserver.NewRoot(t)
	for _, n := range []string{"a", "b", "c", "d", "e"} {
		root.Add(n, partial)
	}
	daemon := gitserver.StartDaemon(t, root)
	var ts []audit.Target
	for _, n := range []string{"a", "b", "c", "d", "e"} {
		ts = append(ts, audit.Target{URL: daemon.URL + n + ".git"})
	}
	whole := runAudit(t, ts, audit.Options{})
	a, err := audit.New(loadCatalog(t), ts, audit.Options{Profile: "core", Tool: whole.Tool})
	if err != nil {
		t.Fatal(err)
	}
	var parts []*audit.Result
	for _, s := range []audit.Shard{{K: 2, N: 2}, {K: 1, N: 2}} {
		p, err := a.Run(context.Background(), ts, s)
		if err != nil {
			t.Fatal(err)
		}
		parts = append(parts, p)
	}
	merged, err := audit.Merge([]string{"s2", "s1"}, parts)
	if err != nil {
		t.Fatal(err)
	}
	var w, m strings.Builder
	whole.WriteJSON(&w)
	merged.WriteJSON(&m)
	if w.String() != m.String() {
		t.Errorf("merged differs from whole:\n%s\n---\n%s", m.String(), w.String())
	}
	if _, err := audit.Merge([]string{"s1"}, parts[1:]); err == nil || !strings.Contains(err.Error(), "repositories 2, 4 of the cohort of 5 are in none") {
		t.Errorf("missing shard: %v", err)
	}
	if _, err := audit.Merge([]string{"s1", "s1 again"}, []*audit.Result{parts[1], parts[1]}); err == nil || !strings.Contains(err.Error(), "also in s1") {
		t.Errorf("shard twice: %v", err)
	}
}

// A cohort written by CohortCSV reads back as the same targets, whatever
// its names hold: commas, quotes, semicolons enough to pass for the
// separator, accents, a line break.
func TestCohortCSVReadsBack(t *testing.T) {
	want := []audit.Target{
		{URL: "https://gitlab.example.gouv.fr/eig/c7/agora.git", Name: "equipe-agora/agora", Team: "equipe-agora", Challenge: "LabAgora, « démocratie »", Lang: "fr"},
		{URL: "https://github.com/eig/hopkins.git", Name: "hopkins", Challenge: `dit "Hopkins"`, Ref: "fin-cohorte-7", Profile: "core", Lang: "en"},
		{URL: "git://127.0.0.1:9418/x.git", Name: "x", Team: strings.Repeat("a;", 30), Challenge: "deux\nlignes"},
	}
	for _, n := range []int{1, 3} {
		data, err := audit.CohortCSV(want[:n])
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(string(data), "url,name,team,challenge,ref,profile,lang\n") && !strings.HasPrefix(string(data), "url;name;team;challenge;ref;profile;lang\n") {
			t.Errorf("header: %q", data)
		}
		if n == 3 && !strings.HasPrefix(string(data), "url;") {
			t.Errorf("a team of 30 semicolons: the reader would take them for the separator; written with commas:\n%s", data)
		}
		got, err := audit.ParseCohort("cohort.csv", data)
		if err != nil {
			t.Fatalf("%v\n%s", err, data)
		}
		if len(got) != n {
			t.Fatalf("%d targets read back, want %d\n%s", len(got), n, data)
		}
		for i := range got {
			got[i].Pos, got[i].Index = "", 0
			if got[i] != want[i] {
				t.Errorf("target %d read back as %+v, want %+v\n%s", i, got[i], want[i], data)
			}
		}
	}
}
