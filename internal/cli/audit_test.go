package cli

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/passation/passation/internal/audit"
	"github.com/passation/passation/internal/gitserver"
)

// cohortServers serves four repositories: two by git daemon, one by smart
// HTTP, one by smart HTTP behind a token; plus a host that refuses
// connections.
type cohortServers struct {
	daemon, web, private string
	closed               string
	token                string
}

func startCohort(t *testing.T) *cohortServers {
	t.Helper()
	root := gitserver.NewRoot(t)
	full := map[string]string{}
	for k, v := range coreFiles {
		full[k] = v
	}
	full["INSTALL.md"] = install
	root.Add("alpha", full)
	root.Add("beta", coreFiles)
	root.Add("gamma", map[string]string{"README.md": "# Gamma\n\n" + enough + "\n"})
	root.Add("delta", coreFiles)
	s := &cohortServers{token: "ghp_" + strings.Repeat("Zx9", 12)}
	s.daemon = gitserver.StartDaemon(t, root).URL
	s.web = gitserver.StartHTTP(t, root, gitserver.HTTPOptions{})
	s.private = gitserver.StartHTTP(t, root, gitserver.HTTPOptions{Token: s.token})
	s.closed = fmt.Sprintf("git://127.0.0.1:%d/nothing.git", gitserver.FreePort(t))
	return s
}

func (s *cohortServers) csv() string {
	return "url,name,team,challenge,lang\n" +
		s.daemon + "alpha.git,alpha,Équipe Alpha,Défi A,fr\n" +
		s.web + "beta.git,beta,Team Beta,Challenge B,en\n" +
		s.daemon + "gamma.git,gamma,Équipe Alpha,Défi A,fr\n" +
		s.private + "delta.git,delta,Team Delta,Challenge D,\n" +
		s.closed + ",lost,Team Lost,,\n"
}

func (s *cohortServers) env() map[string]string {
	host := strings.TrimSuffix(strings.TrimPrefix(s.private, "http://"), "/")
	return map[string]string{audit.TokenVariable(host): s.token, "CI": "true"}
}

// auditClock is the fixed time of the audits of these tests: the date rules
// then say the same on every run, so that outputs can be compared.
var auditClock = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

// runAt is run with the fixed clock.
func runAt(t *testing.T, env map[string]string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Main(args, &Env{
		Stdout: &out, Stderr: &errb, Stdin: strings.NewReader(""),
		Getenv: func(k string) string { return env[k] },
		Now:    func() time.Time { return auditClock },
	})
	return code, out.String(), errb.String()
}

// readTree returns every file below dir, by relative path.
func readTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.Walk(dir, func(p string, fi os.FileInfo, err error) error {
		if err != nil || fi.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[rel] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestAuditCommand(t *testing.T) {
	s := startCohort(t)
	dir := t.TempDir()
	list := filepath.Join(dir, "cohort.csv")
	if err := os.WriteFile(list, []byte(s.csv()), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "report")
	code, stdout, stderr := runAt(t, s.env(), "audit", "--from", list, "--jobs", "3", "--out", out, "--profile", "core")
	if code != ExitPartial {
		t.Fatalf("exit %d, want %d (one repository unreachable)\nstdout:\n%s\nstderr:\n%s", code, ExitPartial, stdout, stderr)
	}
	files := readTree(t, out)
	for _, name := range []string{"index.html", "report.json", "report.csv", "report.md",
		filepath.Join("letters", "equipe-alpha.md"), filepath.Join("letters", "team-beta.md"), filepath.Join("letters", "team-lost.md")} {
		if files[name] == "" {
			t.Errorf("%s missing or empty; written: %v", name, keys(files))
		}
	}
	// The token is nowhere: not in a file, not on the terminal.
	for name, content := range files {
		if strings.Contains(content, s.token) {
			t.Errorf("%s contains the token", name)
		}
	}
	if strings.Contains(stdout+stderr, s.token) {
		t.Error("the token was printed")
	}
	// CI logs get one plain line per repository.
	if n := strings.Count(stderr, "passation audit: ["); n != 5 {
		t.Errorf("%d progress lines, want 5:\n%s", n, stderr)
	}

	var res audit.Result
	if err := json.Unmarshal([]byte(files["report.json"]), &res); err != nil {
		t.Fatal(err)
	}
	if res.Schema != audit.Schema || len(res.Repositories) != 5 || res.Failed() != 1 {
		t.Fatalf("report.json: %d repositories, %d failed", len(res.Repositories), res.Failed())
	}
	lost := res.Repositories[4]
	if lost.Error == nil || lost.Error.Kind != audit.FailUnreachable {
		t.Errorf("lost: %+v", lost.Error)
	}
	if d := res.Repositories[3]; d.Error != nil || d.Report.Summary.Fail != 1 {
		t.Errorf("delta (behind a token): %+v", d.Error)
	}
	// Every output says which repository failed, and why.
	for _, name := range []string{"index.html", "report.csv", "report.md", filepath.Join("letters", "team-lost.md")} {
		if !strings.Contains(files[name], "unreachable") {
			t.Errorf("%s does not report the unreachable repository", name)
		}
	}
	rows, err := csv.NewReader(strings.NewReader(files["report.csv"])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 6 || rows[0][0] != "name" || rows[1][0] != "alpha" || rows[1][7] != "ok" || rows[5][7] != "error" {
		t.Errorf("report.csv rows: %v", rows)
	}
	col := -1
	for i, h := range rows[0] {
		if h == "install-guide" {
			col = i
		}
	}
	if col < 0 || rows[1][col] != "pass" || rows[2][col] != "fail" {
		t.Errorf("install-guide column: %d in %v", col, rows[0])
	}
	if !strings.Contains(files[filepath.Join("letters", "equipe-alpha.md")], "Bonjour Équipe Alpha") ||
		!strings.Contains(files[filepath.Join("letters", "team-beta.md")], "Installation guide") {
		t.Error("letters: wrong language or content")
	}
	if !strings.Contains(stdout, "4 repositories audited, 1 could not be audited") {
		t.Errorf("stdout: %s", stdout)
	}

	// Without the token, delta is refused, and the token's absence is said.
	env := s.env()
	for k := range env {
		if strings.HasPrefix(k, "PASSATION_TOKEN_") {
			delete(env, k)
		}
	}
	code, _, stderr = runAt(t, env, "audit", s.private+"delta.git", "--out", filepath.Join(dir, "noauth"))
	if code != ExitPartial || !strings.Contains(stderr, "FAILED (auth)") {
		t.Errorf("without the token: exit %d\n%s", code, stderr)
	}
}

func keys(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// TestAuditShardMerge: the shards of an audit, merged, give the very same
// files as the whole audit.
func TestAuditShardMerge(t *testing.T) {
	s := startCohort(t)
	dir := t.TempDir()
	list := filepath.Join(dir, "cohort.csv")
	if err := os.WriteFile(list, []byte(s.csv()), 0o644); err != nil {
		t.Fatal(err)
	}
	whole := filepath.Join(dir, "whole")
	if code, _, stderr := runAt(t, s.env(), "audit", "--from", list, "--out", whole); code != ExitPartial {
		t.Fatalf("whole audit: exit %d\n%s", code, stderr)
	}
	var shards []string
	for _, k := range []string{"1", "2", "3"} {
		out := filepath.Join(dir, "shard-"+k)
		code, _, stderr := runAt(t, s.env(), "audit", "--from", list, "--shard", k+"/3", "--out", out)
		if code != ExitOK && code != ExitPartial {
			t.Fatalf("shard %s: exit %d\n%s", k, code, stderr)
		}
		shards = append(shards, filepath.Join(out, "report.json"))
	}
	merged := filepath.Join(dir, "merged")
	code, _, stderr := runAt(t, nil, append([]string{"report", "merge", "--out", merged}, shards...)...)
	if code != ExitPartial {
		t.Fatalf("merge: exit %d\n%s", code, stderr)
	}
	w, m := readTree(t, whole), readTree(t, merged)
	if strings.Join(keys(w), " ") != strings.Join(keys(m), " ") {
		t.Fatalf("files differ: %v vs %v", keys(w), keys(m))
	}
	for name := range w {
		if w[name] != m[name] {
			t.Errorf("%s differs between the whole audit and the merged shards", name)
		}
	}
	// A shard missing is an error that says so.
	code, _, stderr = runAt(t, nil, "report", "merge", "--out", filepath.Join(dir, "bad"), shards[0], shards[2])
	if code != ExitUsage || !strings.Contains(stderr, "a shard is missing") {
		t.Errorf("merge without shard 2: exit %d\n%s", code, stderr)
	}
}

func TestAuditUsageErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, []byte("url,teem\nx,y\n"), 0o644)
	prof := filepath.Join(dir, "prof.csv")
	os.WriteFile(prof, []byte("url,profile\nhttps://h/a,corr\n"), 0o644)
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"audit"}, "nothing to audit: expected a cohort list"},
		{[]string{"audit", "--from", bad}, `bad.csv:1: unknown column "teem": did you mean "team"?`},
		{[]string{"audit", "--from", prof}, `prof.csv:2: unknown profile "corr"`},
		{[]string{"audit", "--from", filepath.Join(dir, "none.csv")}, "no such file"},
		{[]string{"audit", "x", "--shard", "4/3"}, "invalid shard"},
		{[]string{"report"}, "expected a subcommand"},
		{[]string{"report", "merge"}, "expected the shard files"},
		{[]string{"report", "merge", bad}, "not an audit document"},
	}
	for _, c := range cases {
		code, _, stderr := runAt(t, nil, c.args...)
		if code != ExitUsage || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: exit %d, stderr %q, want %q", c.args, code, stderr, c.want)
		}
	}
}

// TestAuditInterrupted: SIGTERM during an audit leaves the previous report
// exactly as it was.
func TestAuditInterrupted(t *testing.T) {
	bin := filepath.Join(strings.Split(passationOnPath(t), string(os.PathListSeparator))[0], "passation")
	s := startCohort(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "report")
	if code, _, stderr := runAt(t, s.env(), "audit", s.daemon+"alpha.git", "--out", out); code != ExitOK {
		t.Fatalf("first audit: exit %d\n%s", code, stderr)
	}
	before := readTree(t, out)

	// A server that accepts and never answers keeps the audit busy.
	silent, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer silent.Close()
	accepted := make(chan net.Conn, 1)
	go func() {
		c, err := silent.Accept()
		if err == nil {
			accepted <- c
		}
	}()
	cmd := exec.Command(bin, "audit", s.daemon+"beta.git", "git://"+silent.Addr().String()+"/x.git", "--out", out, "--timeout", "1m")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	select {
	case c := <-accepted:
		defer c.Close()
	case <-time.After(30 * time.Second):
		cmd.Process.Kill()
		t.Fatal("the audit never connected")
	}
	time.Sleep(200 * time.Millisecond) // beta is done by now: a partial report could be written
	cmd.Process.Signal(syscall.SIGTERM)
	err = cmd.Wait()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != ExitInterrupted {
		t.Fatalf("exit: %v, want %d\n%s", err, ExitInterrupted, stderr.String())
	}
	if !strings.Contains(stderr.String(), "interrupted: nothing written") {
		t.Errorf("stderr: %s", stderr.String())
	}
	after := readTree(t, out)
	if strings.Join(keys(before), " ") != strings.Join(keys(after), " ") {
		t.Fatalf("files changed: %v → %v", keys(before), keys(after))
	}
	for name := range before {
		if before[name] != after[name] {
			t.Errorf("%s changed", name)
		}
	}
}
