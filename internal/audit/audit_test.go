package audit_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/passation/passation/internal/audit"
	"github.com/passation/passation/internal/catalog"
	"github.com/passation/passation/internal/finding"
	"github.com/passation/passation/internal/gitserver"
	"github.com/passation/passation/internal/testrepo"
	"github.com/passation/passation/rules"
)

const prose = "Cette page décrit en détail ce que l'équipe a fait, pourquoi, et comment reprendre le travail après la fin du défi."

// complete satisfies the five core items; partial only two of them.
var (
	complete = map[string]string{
		"README.md":                  "# Outil\n\n## Installation\n\n" + prose + "\n\n## Utilisation\n\n" + prose + "\n\n## Mainteneurs\n\n" + prose + "\n",
		"docs/architecture.svg":      "<svg/>",
		"LICENSE":                    "MIT License. Permission is hereby granted, free of charge, to any person.",
		"docs/manuel-utilisateur.md": prose,
	}
	partial = map[string]string{
		"README.md": "# Outil\n\n## Installation\n\n" + prose + "\n",
		"LICENSE":   "MIT License. Permission is hereby granted, free of charge, to any person.",
	}
)

func loadCatalog(t testing.TB) *catalog.Catalog {
	t.Helper()
	cat, err := catalog.Load(rules.FS)
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

func runAudit(t testing.TB, ts []audit.Target, opt audit.Options) *audit.Result {
	t.Helper()
	if err := audit.Validate(ts); err != nil {
		t.Fatal(err)
	}
	if opt.Profile == "" {
		opt.Profile = "core"
	}
	opt.Tool = finding.Tool{Name: "passation", Version: "test"}
	a, err := audit.New(loadCatalog(t), ts, opt)
	if err != nil {
		t.Fatal(err)
	}
	res, err := a.Run(context.Background(), ts, audit.Shard{})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func status(t testing.TB, r *audit.Repository, rule string) finding.Status {
	t.Helper()
	if r.Error != nil {
		t.Fatalf("%s: unexpected error %s: %s", r.Name, r.Error.Kind, r.Error.Message)
	}
	res, ok := r.Result(rule)
	if !ok {
		t.Fatalf("%s: no result for %s", r.Name, rule)
	}
	return res.Status
}

func TestAuditDaemonHTTPAndLocal(t *testing.T) {
	root := gitserver.NewRoot(t)
	root.Add("complete", complete)
	w := root.Add("partial", partial)
	// A tag at the end of the cohort, and a later commit that must not count.
	w.Git("tag", "-a", "-m", "fin du défi", "fin-cohorte")
	first := w.Git("rev-parse", "HEAD")
	w.CommitFiles(map[string]string{"docs/manuel-utilisateur.md": prose})
	root.Publish(w)
	daemon := gitserver.StartDaemon(t, root)
	web := gitserver.StartHTTP(t, root, gitserver.HTTPOptions{})
	local := testrepo.New(t).CommitFiles(complete)

	ts := []audit.Target{
		{URL: daemon.URL + "complete.git", Team: "A"},
		{URL: web + "partial.git", Team: "B", Ref: "fin-cohorte"},
		{URL: web + "partial.git", Name: "partial-head", Team: "B"},
		{URL: local.Dir, Name: "local"},
		{URL: daemon.URL + "partial.git", Name: "partial-commit", Ref: first},
	}
	tmp := t.TempDir()
	res := runAudit(t, ts, audit.Options{Jobs: 3, TempDir: tmp})
	if len(res.Repositories) != 5 || res.Failed() != 0 {
		t.Fatalf("got %d repositories, %d failed: %+v", len(res.Repositories), res.Failed(), res.Repositories)
	}
	for _, r := range res.Repositories[:3] {
		if r.Report.Repository.Commit == "" || strings.Contains(r.Report.Repository.Path, os.TempDir()) {
			t.Errorf("%s: repository described as %+v", r.Name, r.Report.Repository)
		}
	}
	if s := status(t, &res.Repositories[0], "user-manual"); s != finding.Pass {
		t.Errorf("complete user-manual = %s", s)
	}
	if s := status(t, &res.Repositories[1], "user-manual"); s != finding.Fail {
		t.Errorf("partial at the tag: user-manual = %s, want fail (added after the tag)", s)
	}
	if s := status(t, &res.Repositories[2], "user-manual"); s != finding.Pass {
		t.Errorf("partial at HEAD: user-manual = %s", s)
	}
	if got := res.Repositories[2].Report.Repository.Ref; got != "main" {
		t.Errorf("HEAD resolved to %q, want main", got)
	}
	if s := status(t, &res.Repositories[3], "architecture-diagram"); s != finding.Pass {
		t.Errorf("local architecture-diagram = %s", s)
	}
	if r := res.Repositories[4]; status(t, &r, "user-manual") != finding.Fail || r.Report.Repository.Commit != first {
		t.Errorf("partial at commit %s: %+v", first, r.Report.Repository)
	}
	// Totals: user-manual passes on 3 of 5.
	for i, it := range res.Items {
		if it.Rule == "user-manual" && (res.Totals[i].Pass != 3 || res.Totals[i].Fail != 2 || res.Totals[i].Percent != 60) {
			t.Errorf("user-manual totals = %+v", res.Totals[i])
		}
	}
	// No temporary clone is left behind.
	if left, _ := os.ReadDir(tmp); len(left) != 0 {
		t.Errorf("temporary clones left: %v", left)
	}
}

func TestAuditFailuresAreIsolated(t *testing.T) {
	root := gitserver.NewRoot(t)
	root.Add("good", complete)
	root.Add("corrupt", partial)
	corruptLooseObjects(t, root.Path("corrupt"))
	big := root.Add("big", complete)
	gitserver.WriteBig(t, big, "data.bin", 200_000)
	big.Commit("data")
	root.Publish(big)
	daemon := gitserver.StartDaemon(t, root)
	// The pack arrives with one byte flipped in the middle.
	flip := gitserver.StartRelay(t, strings.TrimPrefix(strings.TrimSuffix(daemon.URL, "/"), "git://"), &gitserver.Relay{Corrupt: 100_000})
	localCorrupt := testrepo.New(t).CommitFiles(partial)
	corruptLooseObjects(t, filepath.Join(localCorrupt.Dir, ".git"), localCorrupt.Git("rev-parse", "HEAD"))
	web := gitserver.StartHTTP(t, root, gitserver.HTTPOptions{})
	closed := gitserver.FreePort(t)

	// A server that accepts and never answers.
	silent, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer silent.Close()
	go func() {
		for {
			c, err := silent.Accept()
			if err != nil {
				return
			}
			defer c.Close()
		}
	}()
	notRepo := t.TempDir()

	ts := []audit.Target{
		{URL: daemon.URL + "good.git", Name: "good"},
		{URL: "git://127.0.0.1:" + itoa(closed) + "/x.git", Name: "unreachable"},
		{URL: web + "missing.git", Name: "http-missing"},
		{URL: daemon.URL + "missing.git", Name: "daemon-missing"},
		{URL: daemon.URL + "corrupt.git", Name: "server-corrupt"},
		{URL: web + "corrupt.git", Name: "http-server-corrupt"},
		{URL: "git://" + flip.Addr + "/big.git", Name: "corrupt-pack"},
		{URL: localCorrupt.Dir, Name: "local-corrupt"},
		{URL: daemon.URL + "good.git", Name: "bad-ref", Ref: "v9"},
		{URL: notRepo, Name: "not-a-repo"},
	}
	// The silent server gets a short timeout of its own, so that a slow
	// machine cannot make the others time out.
	start := time.Now()
	tmp := t.TempDir()
	silentRes := runAudit(t, []audit.Target{{URL: "git://" + silent.Addr().String() + "/slow.git", Name: "silent"}},
		audit.Options{Timeout: 2 * time.Second, TempDir: tmp})
	if time.Since(start) > 15*time.Second {
		t.Errorf("audit took %s: the timeout did not hold", time.Since(start))
	}
	res := runAudit(t, ts, audit.Options{Jobs: 4, Timeout: time.Minute, TempDir: tmp})
	res.Repositories = append(res.Repositories, silentRes.Repositories...)
	if left, _ := os.ReadDir(tmp); len(left) != 0 {
		t.Errorf("temporary clones left after failures: %v", left)
	}
	want := map[string]string{
		"good": "", "unreachable": audit.FailUnreachable, "http-missing": audit.FailNotFound,
		"daemon-missing": audit.FailNotFound, "silent": audit.FailTimeout, "corrupt-pack": audit.FailCorrupt, "local-corrupt": audit.FailCorrupt,
		// git daemon cuts the connection when its repository is damaged:
		// from outside, that is a transfer that broke.
		// git http-backend sends an empty pack instead.
		"server-corrupt": audit.FailConnection, "http-server-corrupt": audit.FailCorrupt,
		"bad-ref": audit.FailRef, "not-a-repo": audit.FailLocal,
	}
	for _, r := range res.Repositories {
		got := ""
		if r.Error != nil {
			got = r.Error.Kind
			if r.Error.Message == "" {
				t.Errorf("%s: failure without a reason", r.Name)
			}
		}
		if got != want[r.Name] {
			msg := ""
			if r.Error != nil {
				msg = r.Error.Message
			}
			t.Errorf("%s: failure kind %q, want %q (%s)", r.Name, got, want[r.Name], msg)
		}
	}
	if res.Failed() != 10 { // silent included
		t.Errorf("Failed() = %d, want 10", res.Failed())
	}
}

// corruptLooseObjects overwrites the middle of every loose object of a bare
// repository but those kept: the server can no longer build a pack.
func corruptLooseObjects(t *testing.T, bare string, keep ...string) {
	t.Helper()
	err := filepath.Walk(filepath.Join(bare, "objects"), func(p string, fi os.FileInfo, err error) error {
		if err != nil || fi.IsDir() || len(filepath.Base(filepath.Dir(p))) != 2 {
			return err
		}
		for _, k := range keep {
			if filepath.Base(filepath.Dir(p))+filepath.Base(p) == k {
				return nil
			}
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for i := len(data) / 2; i < len(data); i++ {
			data[i] ^= 0x5a
		}
		os.Chmod(p, 0o644)
		return os.WriteFile(p, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }

func TestTokenNeverPrinted(t *testing.T) {
	const token = "s3cr3t-T0KEN-4f9a"
	root := gitserver.NewRoot(t)
	root.Add("private", complete)
	var auths []string
	web := gitserver.StartHTTP(t, root, gitserver.HTTPOptions{Token: token, Seen: func(a string) { auths = append(auths, a) }})
	host := strings.TrimSuffix(strings.TrimPrefix(web, "http://"), "/")
	env := map[string]string{audit.TokenVariable(host): token}

	ts := []audit.Target{
		{URL: web + "private.git", Name: "with-token"},
		{URL: strings.Replace(web, "http://", "http://x:"+token+"-wrong@", 1) + "private.git", Name: "wrong-in-url"},
	}
	res := runAudit(t, ts, audit.Options{Jobs: 2, Getenv: func(k string) string { return env[k] }})
	if r := res.Repositories[0]; r.Error != nil {
		t.Fatalf("with the token: %s", r.Error.Message)
	}
	if r := res.Repositories[1]; r.Error == nil || r.Error.Kind != audit.FailAuth {
		t.Fatalf("wrong token in the URL: %+v", r.Error)
	}
	var buf bytes.Buffer
	if err := res.WriteJSON(&buf); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(buf.String(), token) {
		t.Fatalf("the token is in the report:\n%s", buf.String())
	}
	if len(auths) == 0 {
		t.Fatal("the server saw no request")
	}

	// Without the token: refused, and said so.
	res = runAudit(t, ts[:1], audit.Options{})
	if r := res.Repositories[0]; r.Error == nil || r.Error.Kind != audit.FailAuth {
		t.Fatalf("without the token: %+v", r.Error)
	}
}

func TestRedact(t *testing.T) {
	got := audit.Redact(`Get "https://bob:hunter2@git.example.org/a.git/info/refs": EOF with hunter2`, []string{"hunter2"})
	if strings.Contains(got, "hunter2") || !strings.Contains(got, "https://***@git.example.org/a.git") {
		t.Errorf("Redact = %q", got)
	}
}

// TestServerKilledMidClone: the git daemon serving a big repository is
// killed while the pack is on its way; that repository is reported, and a
// repository of another server still finishes.
func TestServerKilledMidClone(t *testing.T) {
	root := gitserver.NewRoot(t)
	big := root.Add("big", partial)
	gitserver.WriteBig(t, big, "data.bin", 2<<20)
	big.Commit("data")
	root.Publish(big)
	doomed := gitserver.StartDaemon(t, root)
	relay := gitserver.StartRelay(t, strings.TrimSuffix(strings.TrimPrefix(doomed.URL, "git://"), "/"),
		&gitserver.Relay{CutAfter: 300_000, OnCut: doomed.Kill})

	other := gitserver.NewRoot(t)
	other.Add("fine", complete)
	alive := gitserver.StartDaemon(t, other)

	res := runAudit(t, []audit.Target{
		{URL: "git://" + relay.Addr + "/big.git", Name: "big"},
		{URL: alive.URL + "fine.git", Name: "fine"},
	}, audit.Options{Jobs: 2, Timeout: 30 * time.Second})
	if relay.Cuts() != 1 {
		t.Fatalf("the transfer was cut %d times, want once", relay.Cuts())
	}
	if r := res.Repositories[0]; r.Error == nil || r.Error.Kind != audit.FailConnection {
		t.Errorf("big: %+v", r.Error)
	}
	if r := res.Repositories[1]; r.Error != nil {
		t.Errorf("fine: %s", r.Error.Message)
	}
	// The server is really gone: a new audit cannot reach it.
	res = runAudit(t, []audit.Target{{URL: doomed.URL + "big.git"}}, audit.Options{})
	if r := res.Repositories[0]; r.Error == nil || r.Error.Kind != audit.FailUnreachable {
		t.Errorf("after the kill: %+v", r.Error)
	}
}

// TestSSHWithoutAgent: an SSH URL with no agent to ask is an auth failure
// that says so, not a crash.
func TestSSHWithoutAgent(t *testing.T) {
	t.Setenv("SSH_AUTH_SOCK", "")
	port := gitserver.FreePort(t)
	l, err := net.Listen("tcp", "127.0.0.1:"+itoa(port))
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	res := runAudit(t, []audit.Target{{URL: "ssh://git@127.0.0.1:" + itoa(port) + "/org/repo.git"}}, audit.Options{Timeout: 5 * time.Second})
	if r := res.Repositories[0]; r.Error == nil || r.Error.Kind != audit.FailAuth {
		t.Errorf("%+v", r.Error)
	}
}

// TestHistoryRules: with a profile that reads the history, the clone brings
// the commits, the tags and the release branches, and the history rules
// decide as `passation check` does on a full clone.
func TestHistoryRules(t *testing.T) {
	root := gitserver.NewRoot(t)
	tagged := root.Add("tagged", complete)
	for i := 0; i < 3; i++ {
		tagged.CommitFiles(map[string]string{"src/app.py": "print(" + itoa(i) + ")\n"})
	}
	tagged.Git("tag", "-a", "-m", "passation", "v1.0.0")
	tagged.CommitFiles(map[string]string{"src/app.py": "print('after')\n"})
	root.Publish(tagged)
	branch := root.Add("branch", complete)
	branch.Git("branch", "release/2026-01")
	branch.CommitFiles(map[string]string{"src/app.py": "print('x')\n"})
	branch.Git("push", "-q", "origin", "main", "release/2026-01")
	root.Add("none", complete)
	daemon := gitserver.StartDaemon(t, root)

	ts := []audit.Target{
		{URL: daemon.URL + "tagged.git", Name: "tagged"},
		{URL: daemon.URL + "branch.git", Name: "branch"},
		{URL: daemon.URL + "none.git", Name: "none"},
	}
	now := time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)
	res := runAudit(t, ts, audit.Options{Profile: "eig", Now: now})
	want := map[string]finding.Status{"tagged": finding.Pass, "branch": finding.Pass, "none": finding.Fail}
	for i := range res.Repositories {
		r := &res.Repositories[i]
		if got := status(t, r, "release"); got != want[r.Name] {
			res, _ := r.Result("release")
			t.Errorf("%s: release = %s (%s)", r.Name, got, res.Message)
		}
		if got := status(t, r, "activity"); got != finding.Pass {
			res, _ := r.Result("activity")
			t.Errorf("%s: activity = %s (%s)", r.Name, got, res.Message)
		}
	}
	// Without a clock, the date rules cannot decide, and say so.
	res = runAudit(t, ts[:1], audit.Options{Profile: "eig"})
	if got := status(t, &res.Repositories[0], "activity"); got != finding.Skip {
		t.Errorf("without a clock: activity = %s", got)
	}
}

// A team's .passation.yml counts in the cohort's report for its waivers and
// documents declared elsewhere, never for the profile: the programme's
// checklist stays the same for every repository.
func TestAuditHonoursTheTeamsWaiversAndExternalDocuments(t *testing.T) {
	files := map[string]string{}
	for p, c := range partial {
		files[p] = c
	}
	files[".passation.yml"] = `profile: core
external:
  user-manual:
    url: https://docs.example.gouv.fr/outil
    note: Le manuel est publié sur le site de documentation.
waivers:
  architecture-diagram:
    reason: Un seul script, pas d'architecture à dessiner.
    owner: equipe@example.gouv.fr
`
	local := testrepo.New(t).CommitFiles(files)
	broken := testrepo.New(t).CommitFiles(map[string]string{".passation.yml": "waivers: [", "README.md": "# Outil\n"})
	res := runAudit(t, []audit.Target{{URL: local.Dir, Name: "team"}, {URL: broken.Dir, Name: "broken"}}, audit.Options{Jobs: 1, Profile: "eig", TempDir: t.TempDir()})
	team := &res.Repositories[0]
	if s := status(t, team, "user-manual"); s != finding.Pass {
		t.Errorf("user-manual declared elsewhere: %s", s)
	}
	if s := status(t, team, "architecture-diagram"); s != finding.Waived {
		t.Errorf("architecture-diagram waived by the team: %s", s)
	}
	if team.Report.Profile != "eig" || len(team.Report.Results) < 30 {
		t.Errorf("the team's profile replaced the cohort's: %s, %d results", team.Report.Profile, len(team.Report.Results))
	}
	if team.Report.Config == nil || team.Report.Config.Path != ".passation.yml" {
		t.Errorf("the report does not record the configuration: %+v", team.Report.Config)
	}
	b := &res.Repositories[1]
	if b.Error != nil {
		t.Fatalf("a broken .passation.yml failed the repository: %+v", b.Error)
	}
	if s := status(t, b, "licence"); s != finding.Fail {
		t.Errorf("broken configuration: licence = %s", s)
	}
}
