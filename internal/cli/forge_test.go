package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/passation/passation/internal/audit"
	"github.com/passation/passation/internal/forge/forgetest"
	"github.com/passation/passation/internal/gitserver"
	"github.com/passation/passation/internal/typo"
)

// forgeCohort is a cohort on a fake forge whose clone URLs are real git
// servers of 127.0.0.1: two public repositories (one by git daemon, one
// by smart HTTP), a private one behind the token on its own HTTP server,
// an archived one and a fork (both left out by default).
type forgeCohort struct {
	token                 string
	daemon, web, private  string
	repos                 []forgetest.Repo
	complete, incomplete  map[string]string
	privateHost, fakeHost string
}

func newForgeCohort(t *testing.T, paths map[string]string) *forgeCohort {
	t.Helper()
	c := &forgeCohort{token: "ghp_" + strings.Repeat("Fo7", 12)}
	root := gitserver.NewRoot(t)
	c.complete = mergeFiles(coreFiles, map[string]string{"INSTALL.md": install})
	c.incomplete = map[string]string{"README.md": "# Outil\n\n" + enough + "\n"}
	root.Add("signaux-faibles", c.complete)
	root.Add("lab-agora", coreFiles)
	root.Add("hopkins", c.complete)
	root.Add("ancien-site", c.incomplete)
	root.Add("go-git-fork", c.incomplete)
	c.daemon = gitserver.StartDaemon(t, root).URL
	c.web = gitserver.StartHTTP(t, root, gitserver.HTTPOptions{})
	c.private = gitserver.StartHTTP(t, root, gitserver.HTTPOptions{Token: c.token})
	c.privateHost = strings.TrimSuffix(strings.TrimPrefix(c.private, "http://"), "/")
	c.repos = []forgetest.Repo{
		{Path: paths["signaux-faibles"], CloneURL: c.web + "signaux-faibles.git", Topics: []string{"eig", "cohorte-7"}},
		{Path: paths["lab-agora"], CloneURL: c.daemon + "lab-agora.git", Topics: []string{"eig"}},
		{Path: paths["hopkins"], CloneURL: c.private + "hopkins.git", Private: true, Topics: []string{"cohorte-7"}},
		{Path: paths["ancien-site"], CloneURL: c.web + "ancien-site.git", Archived: true},
		{Path: paths["go-git-fork"], CloneURL: c.web + "go-git-fork.git", Fork: true},
	}
	return c
}

func githubPaths() map[string]string {
	return map[string]string{
		"signaux-faibles": "eig/signaux-faibles", "lab-agora": "eig/lab-agora", "hopkins": "eig/hopkins",
		"ancien-site": "eig/ancien-site", "go-git-fork": "eig/go-git-fork",
	}
}

// readReport reads an audit's report.json.
func readReport(t *testing.T, out string) *audit.Result {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(out, "report.json"))
	if err != nil {
		t.Fatal(err)
	}
	var res audit.Result
	if err := json.Unmarshal(data, &res); err != nil {
		t.Fatal(err)
	}
	return &res
}

// audited is what an audit says of each repository: name, team, URL,
// and its score or its error.
func audited(res *audit.Result) []string {
	var out []string
	for _, r := range res.Repositories {
		s := r.Name + " | " + r.Team + " | " + r.URL + " | "
		if r.Error != nil {
			s += "error " + string(r.Error.Kind)
		} else {
			s += "missing " + strings.Repeat("x", r.Report.Summary.Fail)
		}
		out = append(out, s)
	}
	return out
}

// noToken fails when the token is in any output or written file.
func noToken(t *testing.T, token string, texts map[string]string) {
	t.Helper()
	for name, s := range texts {
		if strings.Contains(s, token) {
			t.Errorf("%s holds the token", name)
		}
	}
}

// TestAuditFromGitHub lists an organisation from a fake GitHub Enterprise
// on 127.0.0.1 (two pages), then really clones and checks what it lists:
// the private repository with the token, which goes to the forge's API
// (Bearer) and to the clones on its host; the archived repository and the
// fork are left out and said so.
func TestAuditFromGitHub(t *testing.T) {
	c := newForgeCohort(t, githubPaths())
	srv := forgetest.GitHub(t, c.repos, forgetest.Options{Token: c.token})
	dir := t.TempDir()
	out := filepath.Join(dir, "report")
	env := map[string]string{"GITHUB_TOKEN": c.token, "CI": "true"}
	code, stdout, stderr := runAt(t, env, "audit", "--from", "github:eig", "--github-url", srv.URL, "--out", out, "--profile", "core", "--jobs", "2")
	if code != ExitOK {
		t.Fatalf("exit %d, want 0\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	if !strings.Contains(stderr, "passation audit: github:eig: 3 repositories listed (left out: 1 archived, 1 fork)") {
		t.Errorf("the listing's summary is not on stderr:\n%s", stderr)
	}
	res := readReport(t, out)
	want := []string{
		"hopkins |  | " + c.private + "hopkins.git | missing ",
		"lab-agora |  | " + c.daemon + "lab-agora.git | missing x",
		"signaux-faibles |  | " + c.web + "signaux-faibles.git | missing ",
	}
	if got := audited(res); !reflect.DeepEqual(got, want) {
		t.Errorf("audited:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	pages := 0
	for _, r := range srv.Requests() {
		if r.Header.Get("Authorization") != "Bearer "+c.token {
			t.Errorf("%s asked without the token", r.URL)
		}
		pages++
	}
	if pages != 3 { // five repositories, two a page
		t.Errorf("%d requests to the forge, want 3 pages", pages)
	}
	files := readTree(t, out)
	files["stdout"], files["stderr"] = stdout, stderr
	noToken(t, c.token, files)

	// Without a token the private repository is not listed, and the
	// filters keep what they name.
	out2 := filepath.Join(dir, "public")
	code, _, stderr = runAt(t, map[string]string{"CI": "true"}, "audit", "--from", "github:eig", "--github-url", srv.URL,
		"--out", out2, "--profile", "core", "--include-forks", "--topic", "cohorte-7,nothing", "--match", "SIGNAUX-*", "--match", "go-git-*")
	if code != ExitOK {
		t.Fatalf("public audit: exit %d\n%s", code, stderr)
	}
	if got := audited(readReport(t, out2)); len(got) != 1 || !strings.HasPrefix(got[0], "signaux-faibles |") {
		t.Errorf("--topic cohorte-7 --match SIGNAUX-* --match go-git-* --include-forks without a token: %v", got)
	}
	if !strings.Contains(stderr, "github:eig: 1 repository listed (left out: 1 archived, 2 not matching --topic or --match)") {
		t.Errorf("summary of the filtered listing:\n%s", stderr)
	}
}

// TestAuditListOnlyReadBack: --list-only writes the cohort CSV and audits
// nothing; staff edit it; a later audit of the file gives the same targets
// and the same verdicts as the audit straight from the forge.
func TestAuditListOnlyReadBack(t *testing.T) {
	c := newForgeCohort(t, githubPaths())
	srv := forgetest.GitHub(t, c.repos, forgetest.Options{Token: c.token})
	dir := t.TempDir()
	env := map[string]string{"GITHUB_TOKEN": c.token, "CI": "true"}
	list := filepath.Join(dir, "cohort.csv")
	out := filepath.Join(dir, "report")
	code, stdout, stderr := runAt(t, env, "audit", "--from", "github:eig", "--github-url", srv.URL, "--list-only", list, "--out", out, "--lang", "fr")
	if code != ExitOK {
		t.Fatalf("--list-only: exit %d\n%s", code, stderr)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("--list-only audited or prepared %s: %v", out, err)
	}
	if stdout != "" || !strings.Contains(stderr, typo.French("passation audit : github:eig : 3 dépôts listés (laissés de côté : 1 archivé, 1 fork)")) ||
		!strings.Contains(stderr, typo.French("3 dépôts écrits, rien n'a été audité")) {
		t.Errorf("--list-only --lang fr: stdout %q\nstderr:\n%s", stdout, stderr)
	}
	data, err := os.ReadFile(list)
	if err != nil {
		t.Fatal(err)
	}
	wantCSV := "url,name,team,challenge,ref,profile,lang\n" +
		c.private + "hopkins.git,hopkins,,,,,\n" +
		c.daemon + "lab-agora.git,lab-agora,,,,,\n" +
		c.web + "signaux-faibles.git,signaux-faibles,,,,,\n"
	if string(data) != wantCSV {
		t.Errorf("cohort.csv:\n%s\nwant:\n%s", data, wantCSV)
	}
	noToken(t, c.token, map[string]string{"cohort.csv": string(data), "stderr": stderr})

	// The same to standard output, and nothing else there.
	code, stdout, _ = runAt(t, env, "audit", "--from", "github:eig", "--github-url", srv.URL, "--list-only", "-")
	if code != ExitOK || stdout != wantCSV {
		t.Errorf("--list-only -: exit %d, stdout:\n%s", code, stdout)
	}
	// An existing list is never overwritten: it may hold edits.
	edited := strings.Replace(wantCSV, "hopkins,,", "hopkins,Équipe Hopkins,", 1)
	if err := os.WriteFile(list, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr = runAt(t, env, "audit", "--from", "github:eig", "--github-url", srv.URL, "--list-only", list)
	if data, _ := os.ReadFile(list); code != ExitUsage || !strings.Contains(stderr, "already exists") || string(data) != edited {
		t.Errorf("--list-only over an existing file: exit %d, %s\n%s", code, stderr, data)
	}
	if n := len(srv.Requests()); n != 6 {
		t.Errorf("%d requests to the forge: the refusal should come before any (want 6, two listings)", n)
	}

	// The audit of the file and the audit from the forge say the same.
	// From a file, the token of 127.0.0.1 comes from its own variable.
	fromForge := filepath.Join(dir, "from-forge")
	if code, _, stderr := runAt(t, env, "audit", "--from", "github:eig", "--github-url", srv.URL, "--out", fromForge, "--profile", "core"); code != ExitOK {
		t.Fatalf("audit from the forge: exit %d\n%s", code, stderr)
	}
	fileEnv := map[string]string{audit.TokenVariable(c.privateHost): c.token, "CI": "true"}
	fromFile := filepath.Join(dir, "from-file")
	if code, _, stderr := runAt(t, fileEnv, "audit", "--from", list, "--out", fromFile, "--profile", "core"); code != ExitOK {
		t.Fatalf("audit of the listed file: exit %d\n%s", code, stderr)
	}
	a, b := audited(readReport(t, fromForge)), audited(readReport(t, fromFile))
	b[0] = strings.Replace(b[0], "Équipe Hopkins", "", 1) // the edit
	if len(a) != 3 || !reflect.DeepEqual(a, b) {
		t.Errorf("from the forge:\n%s\nfrom the listed file:\n%s", strings.Join(a, "\n"), strings.Join(b, "\n"))
	}
	if !strings.Contains(readTree(t, fromFile)[filepath.Join("letters", "equipe-hopkins.md")], "hopkins") {
		t.Error("the team written in the list by hand has no letter")
	}
}

// TestAuditFromForgeRefused: a token the forge refuses (401) and an
// organisation or group it does not have (404) are said in the chosen
// language, with exit 5, nothing written and the token never printed.
func TestAuditFromForgeRefused(t *testing.T) {
	c := newForgeCohort(t, githubPaths())
	gh := forgetest.GitHub(t, c.repos, forgetest.Options{Token: c.token})
	gl := forgetest.GitLab(t, nil, forgetest.Options{Token: c.token, Groups: []string{"eig"}})
	wrong := "ghp_" + strings.Repeat("Wr0ng", 8)
	dir := t.TempDir()
	cases := []struct {
		env  map[string]string
		args []string
		want string
	}{
		{map[string]string{"GITHUB_TOKEN": wrong}, []string{"--from", "github:eig", "--github-url", gh.URL},
			"github:eig: 127.0.0.1 refused the token in GITHUB_TOKEN (401 Unauthorized): check that it is valid"},
		{map[string]string{"GITHUB_TOKEN": wrong}, []string{"--from", "github:eig", "--github-url", gh.URL, "--lang", "fr"},
			"github:eig : 127.0.0.1 a refusé le jeton de GITHUB_TOKEN (HTTP 401)"},
		{map[string]string{"GITHUB_TOKEN": c.token}, []string{"--from", "github:personne", "--github-url", gh.URL},
			`github:personne: no organisation "personne" on 127.0.0.1 that the token in GITHUB_TOKEN can see (404 Not Found)`},
		{nil, []string{"--from", "gitlab:eig/cohorte-9", "--gitlab-url", gl.URL, "--lang", "fr"},
			"gitlab:eig/cohorte-9 : aucun groupe « eig/cohorte-9 » sur 127.0.0.1 (HTTP 404)"},
		{map[string]string{"GITLAB_TOKEN": c.token}, []string{"--from", "gitlab:eig", "--gitlab-url", gl.URL, "--list-only", filepath.Join(dir, "empty.csv")},
			`gitlab:eig: the group "eig" on 127.0.0.1 has no project, in it or its subgroups, that the token in GITLAB_TOKEN can see`},
	}
	for i, tc := range cases {
		out := filepath.Join(dir, "out", string(rune('a'+i)))
		code, stdout, stderr := runAt(t, tc.env, append([]string{"audit", "--out", out}, tc.args...)...)
		if code != ExitNotListed || !strings.Contains(stderr, typo.French(tc.want)) {
			t.Errorf("%v: exit %d, want %d\nstderr: %s\nwant: %s", tc.args, code, ExitNotListed, stderr, tc.want)
		}
		noToken(t, wrong, map[string]string{"stdout": stdout, "stderr": stderr})
		noToken(t, c.token, map[string]string{"stdout": stdout, "stderr": stderr})
		if _, err := os.Stat(filepath.Join(out, "report.json")); err == nil {
			t.Errorf("%v: a report was written", tc.args)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "empty.csv")); err == nil {
		t.Error("an empty listing wrote a cohort list")
	}
	// A token is never sent in clear over a network.
	code, _, stderr := runAt(t, map[string]string{"GITLAB_TOKEN": c.token}, "audit", "--from", "gitlab:eig", "--gitlab-url", "http://gitlab.example.gouv.fr", "--list-only", "-")
	if code != ExitNotListed || !strings.Contains(stderr, "--gitlab-url http://gitlab.example.gouv.fr: a token is sent over HTTPS only") {
		t.Errorf("--gitlab-url http:// with a token: exit %d\n%s", code, stderr)
	}
}

// TestAuditFromGitLabSubgroups: a GitLab group and its subgroups, the
// private project with GITLAB_TOKEN; a project in a subgroup has the
// subgroup as its team, so a team's repositories share one letter.
func TestAuditFromGitLabSubgroups(t *testing.T) {
	c := newForgeCohort(t, map[string]string{
		"signaux-faibles": "eig/cohorte-7/signaux-faibles",
		"lab-agora":       "eig/cohorte-7/equipe-agora/lab-agora",
		"hopkins":         "eig/cohorte-7/equipe-agora/interne/hopkins",
		"ancien-site":     "eig/cohorte-7/ancien-site",
		"go-git-fork":     "eig/autre/go-git-fork",
	})
	srv := forgetest.GitLab(t, c.repos, forgetest.Options{Token: c.token})
	dir := t.TempDir()
	out := filepath.Join(dir, "report")
	env := map[string]string{"GITLAB_TOKEN": c.token, "CI": "true"}
	code, stdout, stderr := runAt(t, env, "audit", "--from", "gitlab:eig/cohorte-7", "--gitlab-url", srv.URL, "--out", out, "--profile", "core", "--lang", "fr")
	if code != ExitOK {
		t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	if !strings.Contains(stderr, typo.French("passation audit : gitlab:eig/cohorte-7 : 3 dépôts listés (laissés de côté : 1 archivé)")) {
		t.Errorf("summary:\n%s", stderr)
	}
	want := []string{
		"equipe-agora/interne/hopkins | equipe-agora/interne | " + c.private + "hopkins.git | missing ",
		"equipe-agora/lab-agora | equipe-agora | " + c.daemon + "lab-agora.git | missing x",
		"signaux-faibles |  | " + c.web + "signaux-faibles.git | missing ",
	}
	if got := audited(readReport(t, out)); !reflect.DeepEqual(got, want) {
		t.Errorf("audited:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for _, r := range srv.Requests() {
		if r.Header.Get("PRIVATE-TOKEN") != c.token || r.URL.Query().Get("include_subgroups") != "true" {
			t.Errorf("%s: asked without the token or the subgroups", r.URL)
		}
	}
	files := readTree(t, out)
	if l := files[filepath.Join("letters", "equipe-agora.md")]; !strings.Contains(l, "lab-agora") {
		t.Errorf("the letter of equipe-agora does not name lab-agora:\n%s", l)
	}
	files["stdout"], files["stderr"] = stdout, stderr
	noToken(t, c.token, files)
}

// TestAuditFromForgeRateLimit: GitHub's 403 with X-RateLimit-Remaining: 0
// is waited out until its reset, saying so on stderr in the chosen
// language, and the listing goes on.
func TestAuditFromForgeRateLimit(t *testing.T) {
	c := newForgeCohort(t, githubPaths())
	srv := forgetest.GitHub(t, c.repos, forgetest.Options{RateLimited: 1, Reset: time.Now().Add(time.Second)})
	start := time.Now()
	code, stdout, stderr := runAt(t, nil, "audit", "--from", "github:eig", "--github-url", srv.URL, "--list-only", "-", "--lang", "fr")
	if code != ExitOK || strings.Count(stdout, "\n") != 3 {
		t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	if !strings.Contains(stderr, typo.French("passation : github:eig : limite de requêtes de 127.0.0.1 atteinte : attente jusqu'à")) || !strings.Contains(stderr, "(1 sur 3)") {
		t.Errorf("the wait is not said in French:\n%s", stderr)
	}
	if waited := time.Since(start); waited < 500*time.Millisecond {
		t.Errorf("the listing went on after %s, before the reset", waited)
	}
}

// TestAuditForgeFlagsNeedAForge: the forge's flags with a cohort file or
// arguments, or with the other forge, are usage errors.
func TestAuditForgeFlagsNeedAForge(t *testing.T) {
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"audit", "--from", "cohort.csv", "--topic", "eig"}, "--topic: only with --from github:ORGANISATION or gitlab:GROUP (here --from cohort.csv, a cohort file)"},
		{[]string{"audit", "https://h/a.git", "--list-only", "x.csv", "--include-forks"}, "--include-forks, --list-only: only with --from github:ORGANISATION or gitlab:GROUP"},
		{[]string{"audit", "--from", "github:eig", "--gitlab-url", "https://gitlab.example.gouv.fr"}, "--gitlab-url is for --from gitlab:GROUP, not --from github:eig"},
		{[]string{"audit", "--from", "github:eig/x"}, "--from github:eig/x: expected github:ORGANISATION"},
		{[]string{"audit", "--from", "gitlab:eig", "--lang", "fr", "--match", "["}, "audit : --match « [ » : motif non valide"},
	}
	// Checked before the forge is asked: a server that is not there is
	// never reached.
	nowhere := "http://127.0.0.1:1"
	cases = append(cases, []struct {
		args []string
		want string
	}{
		{[]string{"audit", "--from", "github:eig", "--github-url", nowhere, "--profile", "corr"}, `unknown profile "corr": did you mean "core"?`},
		{[]string{"audit", "--from", "github:eig", "--github-url", nowhere, "--out", ""}, "--out is empty"},
	}...)
	for _, c := range cases {
		code, _, stderr := runAt(t, nil, c.args...)
		if code != ExitUsage || !strings.Contains(stderr, typo.French(c.want)) {
			t.Errorf("%v: exit %d, stderr %q, want %q", c.args, code, stderr, c.want)
		}
	}
}

// TestAuditFromHostileForge: a forge's names reach the terminal and the
// cohort list escaped, and clone URLs no audit could fetch (control
// characters, an option for a transport, the same twice) are refused,
// each named, before anything is written.
func TestAuditFromHostileForge(t *testing.T) {
	srv := forgetest.GitHub(t, []forgetest.Repo{
		{Path: "eig/titre\x1b]0;pwned\x07", CloneURL: "https://git.example/eig/titre.git"},
		{Path: "eig/bidi\u202egnp.exe", CloneURL: "https://git.example/eig/bidi.git"},
	}, forgetest.Options{})
	code, stdout, stderr := runAt(t, nil, "audit", "--from", "github:eig", "--github-url", srv.URL, "--list-only", "-")
	want := "url,name,team,challenge,ref,profile,lang\n" +
		"https://git.example/eig/bidi.git,bidi\\u202egnp.exe,,,,,\n" +
		"https://git.example/eig/titre.git,titre\\x1b]0;pwned\\x07,,,,,\n"
	if code != ExitOK || stdout != want {
		t.Errorf("exit %d, stdout:\n%q\nwant:\n%q\nstderr: %s", code, stdout, want, stderr)
	}

	srv = forgetest.GitHub(t, []forgetest.Repo{
		{Path: "eig/a", CloneURL: "https://git.example/eig/a\u202e.git"},
		{Path: "eig/b", CloneURL: "ssh://-oProxyCommand=x/eig/b.git"},
		{Path: "eig/c", CloneURL: "https://git.example/eig/c.git"},
		{Path: "eig/d", CloneURL: "https://git.example/eig/c.git"},
	}, forgetest.Options{})
	list := filepath.Join(t.TempDir(), "cohort.csv")
	code, stdout, stderr = runAt(t, nil, "audit", "--from", "github:eig", "--github-url", srv.URL, "--list-only", list)
	for _, w := range []string{
		`passation: github:eig: eig/a: the forge gives the clone URL https://git.example/eig/a\u202e.git, with control characters`,
		`passation: github:eig: eig/b: ssh://-oProxyCommand=x/eig/b.git: a user, host or path starts with "-"`,
		"passation: github:eig: eig/d: https://git.example/eig/c.git is already listed at github:eig: eig/c",
	} {
		if !strings.Contains(stderr, w) {
			t.Errorf("stderr does not say %q:\n%s", w, stderr)
		}
	}
	if _, err := os.Stat(list); code != ExitNotListed || stdout != "" || err == nil {
		t.Errorf("exit %d (want %d), stdout %q, list written: %v", code, ExitNotListed, stdout, err == nil)
	}
}
