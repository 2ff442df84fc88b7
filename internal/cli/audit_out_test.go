package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/passation/passation/internal/cohortreport"
	"github.com/passation/passation/internal/gitserver"
	"github.com/passation/passation/internal/testrepo"
)

// localCohort writes a cohort list of local repositories, one per
// (name, team) pair, each a real git repository with the core documents.
func localCohort(t *testing.T, dir string, rows ...[2]string) string {
	t.Helper()
	var b strings.Builder
	b.WriteString("url,name,team\n")
	for _, r := range rows {
		repo := testrepo.New(t).CommitFiles(coreFiles)
		fmt.Fprintf(&b, "%s,%s,%s\n", repo.Dir, r[0], r[1])
	}
	list := filepath.Join(dir, fmt.Sprintf("cohort-%d.csv", len(rows)))
	if err := os.WriteFile(list, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return list
}

func auditOK(t *testing.T, args ...string) {
	t.Helper()
	code, stdout, stderr := runAt(t, nil, append([]string{"audit"}, args...)...)
	if code != ExitOK && code != ExitGaps {
		t.Fatalf("audit %v: exit %d\n%s%s", args, code, stdout, stderr)
	}
}

// TestAuditRemovesOnlyItsOwnLetters: a file someone put in letters/ stays;
// the letter of a team that left the cohort goes.
func TestAuditRemovesOnlyItsOwnLetters(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "report")
	auditOK(t, "--from", localCohort(t, dir, [2]string{"a", "Team A"}, [2]string{"b", "Team B"}), "--out", out)
	mine := filepath.Join(out, "letters", "notes-for-the-jury.md")
	if err := os.WriteFile(mine, []byte("my own notes\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	auditOK(t, "--from", localCohort(t, dir, [2]string{"a", "Team A"}), "--out", out)
	if data, err := os.ReadFile(mine); err != nil || string(data) != "my own notes\n" {
		t.Errorf("the user's own file in letters/ was removed or changed: %v", err)
	}
	if _, err := os.Stat(filepath.Join(out, "letters", "team-b.md")); !os.IsNotExist(err) {
		t.Errorf("the letter of the team that left is still there: %v", err)
	}
	if _, err := os.Stat(filepath.Join(out, "letters", "team-a.md")); err != nil {
		t.Error(err)
	}
}

// TestAuditOutIsCheckedFirst: an empty --out, or one that is a file, is
// refused before any repository is read.
func TestAuditOutIsCheckedFirst(t *testing.T) {
	dir := t.TempDir()
	list := localCohort(t, dir, [2]string{"a", "Team A"})
	cwd := t.TempDir()
	t.Chdir(cwd)
	code, _, stderr := runAt(t, nil, "audit", "--from", list, "--out", "")
	if code != ExitUsage || !strings.Contains(stderr, "--out is empty") {
		t.Errorf(`--out "": exit %d, %s`, code, stderr)
	}
	if entries, _ := os.ReadDir(cwd); len(entries) != 0 {
		t.Errorf(`--out "" wrote into the current folder: %v`, entries)
	}
	file := filepath.Join(dir, "passwd")
	os.WriteFile(file, []byte("root:x:0:0\n"), 0o644)
	code, _, stderr = runAt(t, nil, "audit", "--from", list, "--out", file)
	if code != ExitUsage || !strings.Contains(stderr, "is a file, expected a folder") {
		t.Errorf("--out FILE: exit %d, %s", code, stderr)
	}
	if strings.Contains(stderr, "passation audit: [") {
		t.Errorf("repositories were audited before --out was refused:\n%s", stderr)
	}
	if data, _ := os.ReadFile(file); string(data) != "root:x:0:0\n" {
		t.Error("the file named by --out changed")
	}
}

// TestAuditReplacesEveryReportOrNone: when one report cannot be written,
// none of the previous ones is replaced.
func TestAuditReplacesEveryReportOrNone(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "report")
	auditOK(t, "--from", localCohort(t, dir, [2]string{"a", "Team A"}), "--out", out)
	before := readTree(t, out)
	// report.md can no longer be replaced: a folder took its name.
	os.Remove(filepath.Join(out, "report.md"))
	os.MkdirAll(filepath.Join(out, "report.md", "x"), 0o755)
	code, _, stderr := runAt(t, nil, "audit", "--from", localCohort(t, dir, [2]string{"a", "Team A"}, [2]string{"b", "Team B"}), "--out", out)
	if code != ExitNotWritten || !strings.Contains(stderr, "nothing was replaced") {
		t.Fatalf("exit %d, want %d:\n%s", code, ExitNotWritten, stderr)
	}
	after := readTree(t, out)
	for _, name := range []string{"index.html", "report.json", "report.csv", filepath.Join("letters", "team-a.md")} {
		if after[name] != before[name] {
			t.Errorf("%s was replaced although the audit could not write report.md", name)
		}
	}
	if _, ok := after[filepath.Join("letters", "team-b.md")]; ok {
		t.Error("a new letter was written although the audit could not write report.md")
	}
}

// TestAuditLongNames: a team name past the file systems' 255 bytes gets a
// letter of a shortened name, and every report is written.
func TestAuditLongNames(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "report")
	long := strings.Repeat("Équipe très longue ", 20)
	code, _, stderr := runAt(t, nil, "audit", "--from", localCohort(t, dir, [2]string{"a", long}, [2]string{"b", "Team B"}), "--out", out)
	if code != ExitOK {
		t.Fatalf("exit %d:\n%s", code, stderr)
	}
	files := readTree(t, out)
	n := 0
	for name, content := range files {
		if len(filepath.Base(name)) > 100 {
			t.Errorf("file name of %d bytes: %s", len(filepath.Base(name)), name)
		}
		if strings.HasPrefix(name, "letters"+string(filepath.Separator)) && strings.Contains(content, "Hello "+long[:40]) {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%d letters to the team of the long name, want 1: %v", n, keys(files))
	}
}

// TestAuditCleansTemporaryFilesOfKilledRuns: a run killed between writing a
// temporary file and renaming it leaves it; the next run removes it, and
// leaves the user's own hidden files.
func TestAuditCleansTemporaryFilesOfKilledRuns(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "report")
	os.MkdirAll(filepath.Join(out, "letters"), 0o755)
	stale := []string{".index.html.4242.123456.tmp", ".report.json8812345", filepath.Join("letters", ".team-a.md.77.88.tmp")}
	for _, s := range stale {
		os.WriteFile(filepath.Join(out, s), []byte("half"), 0o644)
	}
	os.WriteFile(filepath.Join(out, ".keepme"), []byte("mine"), 0o644)
	auditOK(t, "--from", localCohort(t, dir, [2]string{"a", "Team A"}), "--out", out)
	for _, s := range stale {
		if _, err := os.Stat(filepath.Join(out, s)); !os.IsNotExist(err) {
			t.Errorf("%s is still there", s)
		}
	}
	if _, err := os.Stat(filepath.Join(out, ".keepme")); err != nil {
		t.Error("a hidden file of the user was removed")
	}
	// Nothing of this run is left aside either.
	entries, _ := os.ReadDir(out)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") && e.Name() != ".keepme" && e.Name() != cohortreport.ManifestName {
			t.Errorf("left behind: %s", e.Name())
		}
	}
}

// TestAuditOneLetterPerTeam: team names that fold to the same file name are
// still two teams, with two letters.
func TestAuditOneLetterPerTeam(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "report")
	auditOK(t, "--from", localCohort(t, dir,
		[2]string{"plus", "Équipe C++"}, [2]string{"plain", "Équipe C"},
		[2]string{"cyr", "Команда A"}, [2]string{"jp", "チーム A"}), "--out", out)
	letters, _ := filepath.Glob(filepath.Join(out, "letters", "*.md"))
	if len(letters) != 4 {
		t.Fatalf("%d letters for 4 teams: %v", len(letters), letters)
	}
	for _, team := range []string{"Équipe C++", "Équipe C", "Команда A", "チーム A"} {
		found := 0
		for _, l := range letters {
			data, _ := os.ReadFile(l)
			if strings.Contains(string(data), "Hello "+team+",\n") {
				found++
				if strings.Count(string(data), "\n## ") != 1 {
					t.Errorf("the letter to %s lists another team's repository:\n%s", team, data)
				}
			}
		}
		if found != 1 {
			t.Errorf("%d letters addressed to %s", found, team)
		}
	}
}

// TestAuditServerTextIsTamed: what a server says in its error (64 KiB, NUL
// bytes, escape codes, a newline and a workflow command) reaches neither the
// terminal nor the reports as it is: one short line of printable text.
func TestAuditServerTextIsTamed(t *testing.T) {
	body := "fatal: maintenance\n::error::injected by the server\n\x1b]0;owned\x07\x1b[2J\u202e" + strings.Repeat("\x00junk", 64*1024/5)
	web := gitserver.StartHTTP(t, gitserver.NewRoot(t), gitserver.HTTPOptions{Refuse: body})
	out := filepath.Join(t.TempDir(), "report")
	code, stdout, stderr := runAt(t, map[string]string{"CI": "true"}, "audit", web+"team.git", "--out", out)
	if code != ExitPartial {
		t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
	}
	if !strings.Contains(stdout, "fatal: maintenance") {
		t.Errorf("the server's words are not quoted at all:\n%s", stdout)
	}
	controlFree(t, "stdout", stdout)
	controlFree(t, "stderr", stderr)
	for name, content := range readTree(t, out) {
		if strings.Contains(name, ".passation") {
			continue
		}
		if len(content) > 40_000 {
			t.Errorf("%s: %d bytes for one failed repository", name, len(content))
		}
		if strings.ContainsAny(content, "\x00\x1b\x07\u202e") || strings.Contains(content, "\n::error::") {
			t.Errorf("%s holds the server's control characters or a workflow command", name)
		}
	}
}

// TestAuditReportsEscapeNames: a team's and a file's names reach the page,
// report.md and the letters without their control or bidi characters, and
// without pinging anyone or linking anywhere in report.md and the letters.
func TestAuditReportsEscapeNames(t *testing.T) {
	dir := t.TempDir()
	repo := testrepo.New(t).CommitFiles(map[string]string{
		"README.md": "# Outil\n",
		// An empty install guide: its name is the evidence of a gap.
		"INSTALL @octocat www.evil.example \x1b[2J\u202e.md": "",
	})
	list := filepath.Join(dir, "cohort.csv")
	os.WriteFile(list, []byte("url,name,team\n"+repo.Dir+",outil,\"Team \x1b]0;owned\x07 @all\"\n"), 0o644)
	out := filepath.Join(dir, "report")
	auditOK(t, "--from", list, "--out", out, "--profile", "core")
	files := readTree(t, out)
	code := regexp.MustCompile("`[^`]*`")
	for name, content := range files {
		if name == "report.json" || name == "report.csv" || strings.HasPrefix(name, ".") {
			continue
		}
		controlFree(t, name, content)
		if strings.HasSuffix(name, ".md") {
			if strings.HasPrefix(name, "letters") && !strings.Contains(content, "evil.example") {
				t.Errorf("%s does not name the file at all", name)
			}
			if !strings.Contains(content, "`@all`") {
				t.Errorf("%s does not name the team, quoted", name)
			}
			for _, l := range strings.Split(content, "\n") {
				if rest := code.ReplaceAllString(l, ""); strings.Contains(rest, "@") || strings.Contains(rest, "://") || strings.Contains(rest, "www.") {
					t.Errorf("%s: a live mention or link: %q", name, l)
				}
			}
		}
	}
}

// TestReportMergeValidatesShards: a shard whose cohort is huge, or whose
// repository has neither report nor error, is refused with the file named.
func TestReportMergeValidatesShards(t *testing.T) {
	dir := t.TempDir()
	list := localCohort(t, dir, [2]string{"a", "Team A"}, [2]string{"b", "Team B"})
	var shards []string
	for _, k := range []string{"1", "2"} {
		out := filepath.Join(dir, "shard-"+k)
		auditOK(t, "--from", list, "--shard", k+"/2", "--out", out)
		shards = append(shards, filepath.Join(out, "report.json"))
	}
	data, _ := os.ReadFile(shards[0])
	edit := func(name, old, new string) string {
		t.Helper()
		if !strings.Contains(string(data), old) {
			t.Fatalf("%q not in the shard", old)
		}
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte(strings.Replace(string(data), old, new, 1)), 0o644)
		return p
	}
	huge := edit("huge.json", `"cohort": 2`, `"cohort": 9000000000000000000`)
	// The repository's report taken out: neither report nor error.
	i := strings.Index(string(data), `"report": {`)
	bare := filepath.Join(dir, "bare.json")
	os.WriteFile(bare, []byte(strings.TrimRight(string(data[:i]), " \n,")+"\n    }\n  ]\n}\n"), 0o644)
	for _, c := range []struct{ file, want string }{
		{huge, `huge.json: "cohort" is 9000000000000000000, expected 0 to 100000`},
		{bare, `bare.json: repository 1 ("a") has neither, expected either "report" or "error"`},
	} {
		code, _, stderr := runAt(t, nil, "report", "merge", "--out", filepath.Join(dir, "merged"), c.file, shards[1])
		if code != ExitUsage || !strings.Contains(stderr, c.want) {
			t.Errorf("merge %s: exit %d, %s\nwant %s", filepath.Base(c.file), code, stderr, c.want)
		}
	}
}

// TestLimitFlagMessages: each refused value is quoted with what is expected.
func TestLimitFlagMessages(t *testing.T) {
	dir := t.TempDir()
	list := localCohort(t, dir, [2]string{"a", "Team A"})
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"audit", "x", "--timeout", "abc"}, `--timeout "abc": expected a duration: a number and a unit, such as 90s, 10m or 1h30m`},
		{[]string{"audit", "x", "--timeout", "99999999h"}, `--timeout "99999999h": expected a duration of at most 2562047h`},
		{[]string{"audit", "x", "--timeout", "0s"}, `--timeout "0s": expected a duration above zero`},
		{[]string{"audit", "x", "--max-read", "-5"}, "--max-read -5: expected a number of bytes, 0 or more (0: the default, 1 MiB"},
		{[]string{"check", "--max-read", "-1", dir}, "--max-read -1: expected a number of bytes, 0 or more"},
		{[]string{"audit"}, "nothing to audit: expected a cohort list (--from cohort.csv) or repository URLs"},
		{[]string{"audit", "--from", list, "x"}, "and 1 URL or path given: expected one or the other"},
	} {
		code, _, stderr := runAt(t, nil, c.args...)
		if code != ExitUsage || !strings.Contains(stderr, c.want) || strings.Contains(stderr, "parse error") {
			t.Errorf("%v: exit %d, %q\nwant %q", c.args, code, stderr, c.want)
		}
	}
	// A plain check in compact form speaks of the commit checked, not of the next one.
	repo := testrepo.New(t).CommitFiles(map[string]string{"README.md": "# Outil\n"})
	_, out, _ := runAt(t, nil, "check", "--format", "compact", "--profile", "core", repo.Dir)
	if strings.Contains(out, "next commit") || !strings.Contains(out, "missing at or above error") {
		t.Errorf("check --format compact:\n%s", out)
	}
}

// TestLettersFillTheirParametersAndFitTheFailure: a French letter of an
// English audit quotes the rules' thresholds ("6 mois"), not {max-age};
// a damaged repository is told to repair it, not that it may be private.
func TestLettersFillTheirParametersAndFitTheFailure(t *testing.T) {
	dir := t.TempDir()
	quiet := testrepo.New(t)
	quiet.CommitAt(auditClock.AddDate(-2, 0, 0), "Camille Martin <camille@example.org>", map[string]string{"README.md": "# Outil\n"})
	damaged := testrepo.New(t).CommitFiles(map[string]string{"README.md": "# Outil\n"})
	filepath.Walk(filepath.Join(damaged.Dir, ".git", "objects"), func(p string, fi os.FileInfo, err error) error {
		if err == nil && !fi.IsDir() && len(filepath.Base(filepath.Dir(p))) == 2 {
			data, _ := os.ReadFile(p)
			for i := len(data) / 2; i < len(data); i++ {
				data[i] ^= 0x5a
			}
			os.Chmod(p, 0o644)
			os.WriteFile(p, data, 0o644)
		}
		return nil
	})
	list := filepath.Join(dir, "cohort.csv")
	os.WriteFile(list, []byte("url,name,team,lang\n"+quiet.Dir+",calme,Équipe Calme,fr\n"+damaged.Dir+",abime,Équipe Abîmée,fr\n"), 0o644)
	out := filepath.Join(dir, "report")
	code, stdout, stderr := runAt(t, nil, "audit", "--from", list, "--out", out, "--lang", "en")
	if code != ExitPartial {
		t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
	}
	calm, _ := os.ReadFile(filepath.Join(out, "letters", "equipe-calme.md"))
	if strings.Contains(string(calm), "{") || !strings.Contains(string(calm), "aucun commit depuis plus de 6 mois") {
		t.Errorf("French letter with unfilled parameters:\n%s", calm)
	}
	hurt, _ := os.ReadFile(filepath.Join(out, "letters", "equipe-abimee.md"))
	if !strings.Contains(string(hurt), "endommagé") || strings.Contains(string(hurt), "privé") {
		t.Errorf("letter of a damaged repository:\n%s", hurt)
	}
}
