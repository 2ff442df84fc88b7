package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/passation/passation/internal/catalog"
	"github.com/passation/passation/internal/check"
	"github.com/passation/passation/internal/evidence"
	"github.com/passation/passation/internal/finding"
	"github.com/passation/passation/internal/testrepo"
	"github.com/passation/passation/internal/typo"
	"github.com/passation/passation/rules"
)

// handoverFiles is the repository of the golden files: a team half way
// through its handover. Its verdicts are meant to stay clear-cut whatever
// the detection's fine tuning: README sections with plain titles and real
// content pass, a section left as "TODO" and an empty CHANGELOG are stubs,
// and a vendored copy of another project does not count.
var handoverFiles = map[string]string{
	"README.md": `# Suivi des subventions

Suivi des subventions aide les agents d'une préfecture à instruire les demandes de subvention des associations : il rassemble les dossiers, les pièces et les décisions au même endroit et prévient quand une échéance approche.

## Installation

Installez Docker sur une machine neuve, clonez le dépôt, copiez le fichier d'exemple de configuration et renseignez l'adresse de la base de données, puis lancez ` + "`docker compose up`" + ` depuis la racine du dépôt : l'application répond sur le port 8080 au bout d'une minute.

## Utilisation

Connectez-vous avec votre compte agent de la préfecture. La page d'accueil liste les dossiers qui vous sont confiés, classés par date d'échéance. Ouvrez un dossier pour voir les pièces déposées par l'association, ajoutez vos remarques dans la colonne de droite, puis choisissez une décision : accord, demande de complément ou refus. Chaque décision envoie un courriel à l'association et reste dans l'historique du dossier.

## Feuille de route

TODO
`,
	"LICENSE":               mitLicence,
	"MAINTAINERS.md":        "# Mainteneurs\n\nCamille Martin, DINUM, camille.martin@example.org\n",
	"CHANGELOG.md":          "",
	"docs/architecture.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\"><text>API - base</text></svg>\n",
	"src/app.js":            "console.log(\"ok\");\n",
	"package.json":          "{\"name\": \"subventions\", \"version\": \"1.0.0\", \"license\": \"MIT\"}\n",
	// Another project's documents: they must not count for this one.
	"node_modules/left-pad/CHANGELOG.md":    "# Changelog\n\n## 1.3.0\n\nEvery change of left-pad, listed release by release for its users.\n",
	"node_modules/left-pad/CONTRIBUTING.md": "# Contributing\n\nOpen a pull request against left-pad, run the tests and wait for a review.\n",
}

// mitLicence is the whole MIT licence, as licence scanners know it.
var mitLicence = testrepo.MITLicence("2026 Préfecture de la Région")

// roadmapLine is where the README's unfilled "Feuille de route" stands.
var roadmapLine = 1 + strings.Count(handoverFiles["README.md"][:strings.Index(handoverFiles["README.md"], "## Feuille de route")], "\n")

func handoverRepo(t *testing.T) *testrepo.Repo {
	t.Helper()
	return testrepo.New(t).CommitFiles(handoverFiles)
}

// normalize replaces what differs between runs and machines: the
// temporary folder and the tool version.
func normalize(out, dir string) string {
	if real, err := filepath.EvalSymlinks(dir); err == nil && real != dir {
		out = strings.ReplaceAll(out, real, "$REPO")
	}
	out = strings.ReplaceAll(out, dir, "$REPO")
	return strings.ReplaceAll(out, `"version": "`+(&Env{}).version()+`"`, `"version": "$VERSION"`)
}

// golden compares got with testdata/golden/name, or rewrites the file with
// -update. Review the diff of a rewritten golden file before committing it.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (create it with go test ./internal/cli -run Golden -update)", err)
	}
	if got == string(want) {
		return
	}
	gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
	for i := 0; i < max(len(gl), len(wl)); i++ {
		var g, w string
		if i < len(gl) {
			g = gl[i]
		}
		if i < len(wl) {
			w = wl[i]
		}
		if g != w {
			t.Fatalf("%s differs from the output at line %d:\n  golden: %q\n  output: %q\n"+
				"if the change is intended (rules or wording changed), run go test ./internal/cli -run Golden -update and review the diff",
				path, i+1, w, g)
		}
	}
}

func TestGoldenCheck(t *testing.T) {
	t.Parallel()
	r := handoverRepo(t)
	cases := []struct {
		golden string
		args   []string
		env    map[string]string
	}{
		{"check.en.txt", []string{"check", r.Dir}, nil},
		{"check.fr.txt", []string{"check", r.Dir}, map[string]string{"LANG": "fr_FR.UTF-8"}},
		{"check.en.json", []string{"check", "--format", "json", r.Dir}, nil},
		{"check.fr.json", []string{"check", "--format", "json", "--lang", "fr", r.Dir}, nil},
		{"check-core-never.fr.txt", []string{"check", "--profile", "core", "--fail-on", "never", "--lang", "fr", r.Dir}, nil},
		{"check.codequality.json", []string{"check", "--format", "codequality", "--fail-on", "never", r.Dir}, nil},
		{"check.junit.xml", []string{"check", "--format", "junit", "--fail-on", "never", "--lang", "fr", r.Dir}, nil},
	}
	for _, tc := range cases {
		t.Run(tc.golden, func(t *testing.T) {
			t.Parallel()
			code, out, errOut := run(t, tc.env, tc.args...)
			if code != ExitOK || errOut != "" {
				t.Fatalf("exit %d, stderr %q; want 0 and no message", code, errOut)
			}
			golden(t, tc.golden, normalize(out, r.Dir))
		})
	}
}

// TestGoldenJSONIsTheReport checks the golden JSON against the schema the
// README documents, so that a golden rewritten by mistake is caught too.
func TestGoldenJSONIsTheReport(t *testing.T) {
	t.Parallel()
	r := handoverRepo(t)
	_, out, _ := run(t, nil, "check", "--format", "json", r.Dir)
	if strings.Contains(out, "null") {
		t.Errorf("the report holds a null where the schema promises an array or a value:\n%s", out)
	}
	var rep finding.Report
	dec := json.NewDecoder(strings.NewReader(out))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&rep); err != nil {
		t.Fatalf("the JSON report does not decode as passation/v1: %v", err)
	}
	if rep.Schema != "passation/v1" || rep.Tool.Name != "passation" || rep.Profile != "eig" || rep.Lang != "en" {
		t.Fatalf("header: %+v", rep)
	}
	if rep.Repository.Mode != "commit" || rep.Repository.Ref != "HEAD" || rep.Repository.Commit != r.Git("rev-parse", "HEAD") {
		t.Fatalf("repository: %+v", rep.Repository)
	}
	if rep.Summary != finding.Summarize(rep.Results) {
		t.Fatalf("summary %+v does not count the results", rep.Summary)
	}
	byRule := map[string]finding.Result{}
	for _, res := range rep.Results {
		byRule[res.Rule] = res
		for _, e := range res.Evidence {
			if strings.HasPrefix(e.Path, "node_modules/") {
				t.Errorf("%s: evidence from a vendored folder: %+v", res.Rule, e)
			}
		}
	}
	want := map[string]finding.Status{
		"install-guide": finding.Pass, "user-manual": finding.Pass, "licence": finding.Pass,
		"maintainer": finding.Pass, "architecture-diagram": finding.Pass,
		"roadmap": finding.Fail, "changelog": finding.Fail, "contributing": finding.Fail, "publiccode": finding.Fail,
	}
	for id, st := range want {
		if byRule[id].Status != st {
			t.Errorf("%s: %s, want %s (%+v)", id, byRule[id].Status, st, byRule[id])
		}
	}
	if ev := byRule["changelog"].Evidence; len(ev) != 1 || ev[0].Path != "CHANGELOG.md" || !strings.Contains(ev[0].Detail, "empty") {
		t.Errorf("changelog: the empty CHANGELOG.md is not shown as a stub: %+v", ev)
	}
	if ev := byRule["roadmap"].Evidence; len(ev) != 1 || ev[0].Path != "README.md" || ev[0].Line != roadmapLine {
		t.Errorf("roadmap: the TODO section is not shown as a stub: %+v", ev)
	}
}

func TestExitCodesAndFailOn(t *testing.T) {
	t.Parallel()
	r := handoverRepo(t)
	// The handover repository has every error-level item; some warnings
	// and notices are missing.
	missingLine := regexp.MustCompile(`(?m)^(\d+) missing at or above (\w+): (.*)$`)
	cases := []struct {
		failOn  string
		code    int
		has     []string // ids on the "missing" line
		hasNot  []string
		summary string
	}{
		{"", ExitOK, nil, nil, "Nothing is missing at or above error."},
		{"error", ExitOK, nil, nil, "Nothing is missing at or above error."},
		{"warning", ExitGaps, []string{"roadmap", "needs-summary"}, []string{"changelog", "publiccode", "install-guide"}, ""},
		{"notice", ExitGaps, []string{"roadmap", "changelog", "publiccode"}, []string{"install-guide", "licence"}, ""},
		{"never", ExitOK, nil, nil, "missing; with --fail-on never they do not fail the run."},
		{"NOTICE", ExitGaps, []string{"changelog"}, nil, ""},
	}
	for _, tc := range cases {
		t.Run("fail-on "+tc.failOn, func(t *testing.T) {
			t.Parallel()
			args := []string{"check", r.Dir}
			if tc.failOn != "" {
				args = append(args, "--fail-on", tc.failOn)
			}
			code, out, _ := run(t, nil, args...)
			if code != tc.code {
				t.Fatalf("exit %d, want %d\n%s", code, tc.code, out)
			}
			if tc.summary != "" && !strings.Contains(out, tc.summary) {
				t.Fatalf("output lacks %q:\n%s", tc.summary, out)
			}
			if tc.has == nil {
				return
			}
			m := missingLine.FindStringSubmatch(out)
			if m == nil {
				t.Fatalf("no \"N missing at or above\" line:\n%s", out)
			}
			ids := map[string]bool{}
			for _, id := range strings.Split(m[3], ", ") {
				ids[id] = true
			}
			if fmt.Sprint(len(ids)) != m[1] {
				t.Errorf("line says %s missing, lists %d: %s", m[1], len(ids), m[0])
			}
			for _, id := range tc.has {
				if !ids[id] {
					t.Errorf("%s not listed as missing: %s", id, m[0])
				}
			}
			for _, id := range tc.hasNot {
				if ids[id] {
					t.Errorf("%s listed as missing at --fail-on %s: %s", id, tc.failOn, m[0])
				}
			}
		})
	}

	t.Run("error-level gap", func(t *testing.T) {
		t.Parallel()
		bare := testrepo.New(t).CommitFiles(map[string]string{"README.md": "# x\n"})
		for failOn, want := range map[string]int{"error": ExitGaps, "warning": ExitGaps, "notice": ExitGaps, "never": ExitOK} {
			if code, out, _ := run(t, nil, "check", "--fail-on", failOn, "--format", "json", bare.Dir); code != want {
				t.Errorf("--fail-on %s with every item missing: exit %d, want %d\n%s", failOn, code, want, out)
			}
		}
	})
	t.Run("unreadable", func(t *testing.T) {
		t.Parallel()
		empty := testrepo.New(t)
		if code, out, errOut := run(t, nil, "check", empty.Dir); code != ExitUnreadable || out != "" || !strings.Contains(errOut, "no commits") {
			t.Fatalf("empty repository: exit %d, stdout %q, stderr %q; want 3 and \"no commits\"", code, out, errOut)
		}
	})
}

// TestBadInput: every mistake is one line on stderr naming the input and
// what was expected, nothing on stdout, exit 2 (usage) or 3 (unreadable).
func TestBadInput(t *testing.T) {
	t.Parallel()
	r := testrepo.New(t).CommitFiles(map[string]string{"README.md": "# x\n"})
	plain := t.TempDir()
	empty := testrepo.New(t)
	damaged := testrepo.New(t).CommitFiles(map[string]string{"README.md": "# x\n"})
	head := damaged.Git("rev-parse", "HEAD")
	if err := os.Remove(filepath.Join(damaged.Dir, ".git", "objects", head[:2], head[2:])); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(r.Dir, "README.md")
	brokenLink := t.TempDir()
	if err := os.WriteFile(filepath.Join(brokenLink, ".git"), []byte("gitdir: /nonexistent/worktrees/x\n"), 0o644); err != nil {
		t.Fatal(err)
	}

	cases := []struct {
		name string
		args []string
		code int
		want []string // all in the one line
	}{
		{"--ref outside a repository", []string{"check", plain, "--ref", "v1"}, ExitUsage, []string{plain, "--ref", "git repository"}},
		{"unknown ref", []string{"check", r.Dir, "--ref", "v9.9"}, ExitUsage, []string{`"v9.9"`, "branch, tag or commit"}},
		{"empty repository", []string{"check", empty.Dir}, ExitUnreadable, []string{empty.Dir, "no commits"}},
		{"empty repository with --ref", []string{"check", empty.Dir, "--ref", "main"}, ExitUnreadable, []string{empty.Dir, "no commits"}},
		{"HEAD names a missing commit", []string{"check", damaged.Dir}, ExitUnreadable, []string{damaged.Dir, head, "missing"}},
		{"worktree whose .git points nowhere", []string{"check", brokenLink}, ExitUnreadable, []string{filepath.Join(brokenLink, ".git"), "not a readable git repository"}},
		{"unknown profile", []string{"check", r.Dir, "--profile", "full"}, ExitUsage, []string{`"full"`, "core, eig"}},
		{"unknown format", []string{"check", r.Dir, "--format", "xml"}, ExitUsage, []string{`"xml"`, "text", "json"}},
		{"unknown language", []string{"check", r.Dir, "--lang", "de"}, ExitUsage, []string{`"de"`, "en or fr"}},
		{"unknown --fail-on", []string{"check", r.Dir, "--fail-on", "fatal"}, ExitUsage, []string{"--fail-on", `"fatal"`, "error, warning, notice or never"}},
		{"too many arguments", []string{"check", r.Dir, plain}, ExitUsage, []string{"at most one path", plain}},
		{"unknown command", []string{"chek"}, ExitUsage, []string{`"chek"`, "expected one of", "check", "explain", "passation help"}},
		{"unknown flag", []string{"check", "--nope", r.Dir}, ExitUsage, []string{"--nope", "--ref", "--format"}},
		{"flag without its value", []string{"check", r.Dir, "--ref"}, ExitUsage, []string{"--ref", "needs a value"}},
		{"flag with a bad number", []string{"check", r.Dir, "--max-read", "lots"}, ExitUsage, []string{"--max-read", `"lots"`, "whole number"}},
		{"path that does not exist", []string{"check", filepath.Join(plain, "nope")}, ExitUsage, []string{filepath.Join(plain, "nope"), "does not exist", "folder"}},
		{"path to a file", []string{"check", file}, ExitUsage, []string{file, "is a file", "folder"}},
		{"--output in a missing folder", []string{"check", r.Dir, "--output", filepath.Join(plain, "no", "r.json")}, ExitUsage, []string{filepath.Join(plain, "no", "r.json"), "folder"}},
		{"--staged and --ref", []string{"check", r.Dir, "--staged", "--ref", "HEAD"}, ExitUsage, []string{"--staged", "--ref"}},
		{"unknown rule", []string{"explain", "licnce"}, ExitUsage, []string{`"licnce"`, `did you mean "licence"`}},
		{"unknown rule, nothing close", []string{"explain", "zzzzzz"}, ExitUsage, []string{`"zzzzzz"`, "passation rules"}},
		{"explain without a rule", []string{"explain"}, ExitUsage, []string{"one rule id"}},
		{"explain with two rules", []string{"explain", "licence", "roadmap"}, ExitUsage, []string{"one rule id"}},
		{"rules with an argument", []string{"rules", "licence"}, ExitUsage, []string{`"licence"`, "no argument"}},
		{"rules in an unknown format", []string{"rules", "--format", "yaml"}, ExitUsage, []string{`"yaml"`, "text or json"}},
		{"rules of an unknown profile", []string{"rules", "--profile", "full"}, ExitUsage, []string{`"full"`, "core, eig"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			code, out, errOut := run(t, nil, tc.args...)
			if code != tc.code {
				t.Errorf("exit %d, want %d (stderr %q)", code, tc.code, errOut)
			}
			if out != "" {
				t.Errorf("stdout %q, want nothing", out)
			}
			if strings.Count(errOut, "\n") != 1 || !strings.HasSuffix(errOut, "\n") {
				t.Errorf("stderr is not one line:\n%s", errOut)
			}
			if strings.Contains(errOut, "panic") || strings.Contains(errOut, "goroutine") {
				t.Errorf("stderr shows a crash:\n%s", errOut)
			}
			for _, w := range tc.want {
				if !strings.Contains(errOut, w) {
					t.Errorf("stderr %q does not say %q", errOut, w)
				}
			}
		})
	}
}

func TestHelp(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{{"help"}, {"--help"}, {"check", "--help"}, {"rules", "-h"}, {"explain", "--help"}} {
		code, out, errOut := run(t, nil, args...)
		if code != ExitOK || !strings.Contains(out, "passation") || errOut != "" {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want usage on stdout and exit 0", args, code, out, errOut)
		}
	}
	if code, _, errOut := run(t, nil); code != ExitUsage || !strings.Contains(errOut, "Usage") {
		t.Errorf("no arguments: exit %d, stderr %q; want usage and exit 2", code, errOut)
	}
}

func TestLanguageFromEnvironment(t *testing.T) {
	t.Parallel()
	r := handoverRepo(t)
	cases := []struct {
		env  map[string]string
		args []string
		fr   bool
	}{
		{nil, nil, false},
		{map[string]string{"LANG": "fr_FR.UTF-8"}, nil, true},
		{map[string]string{"LC_MESSAGES": "fr_CA", "LANG": "en_US.UTF-8"}, nil, true},
		{map[string]string{"LC_ALL": "C", "LANG": "fr_FR.UTF-8"}, nil, false},
		{map[string]string{"LANG": "fr_FR.UTF-8"}, []string{"--lang", "en"}, false},
		{nil, []string{"--lang", "FR"}, true},
	}
	for _, tc := range cases {
		_, out, _ := run(t, tc.env, append([]string{"check", r.Dir}, tc.args...)...)
		if fr := strings.Contains(out, "trouvés"); fr != tc.fr {
			t.Errorf("env %v, flags %v: French %v, want %v", tc.env, tc.args, fr, tc.fr)
		}
	}
}

func TestColour(t *testing.T) {
	t.Parallel()
	r := handoverRepo(t)
	check := func(terminal bool, env map[string]string, args ...string) (string, string) {
		var out, errb bytes.Buffer
		Main(append([]string{"check", r.Dir}, args...), &Env{Stdout: &out, Stderr: &errb, StdoutIsTerminal: terminal,
			Getenv: func(k string) string { return env[k] }})
		return out.String(), errb.String()
	}
	if out, _ := check(true, nil); !strings.Contains(out, "\x1b[") {
		t.Errorf("no colour on a terminal")
	}
	if out, _ := check(true, map[string]string{"NO_COLOR": "1"}); strings.Contains(out, "\x1b[") {
		t.Errorf("colour despite NO_COLOR")
	}
	if out, _ := check(false, nil); strings.Contains(out, "\x1b[") {
		t.Errorf("colour when not on a terminal")
	}
	report := filepath.Join(t.TempDir(), "report.txt")
	check(true, nil, "--output", report)
	if data, err := os.ReadFile(report); err != nil || bytes.Contains(data, []byte("\x1b[")) || len(data) == 0 {
		t.Errorf("--output from a terminal: %v, colour codes in the file: %v", err, bytes.Contains(data, []byte("\x1b[")))
	}
}

func TestOutputFile(t *testing.T) {
	t.Parallel()
	r := handoverRepo(t)
	dir := t.TempDir()
	report := filepath.Join(dir, "report.json")
	if err := os.WriteFile(report, []byte("an older report, longer than nothing"), 0o640); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := run(t, nil, "check", "--format", "json", "--output", report, r.Dir)
	if code != ExitOK || out != "" || errOut != "" {
		t.Fatalf("exit %d, stdout %q, stderr %q; want 0 and nothing printed", code, out, errOut)
	}
	_, stdout, _ := run(t, nil, "check", "--format", "json", r.Dir)
	data, err := os.ReadFile(report)
	if err != nil || string(data) != stdout {
		t.Fatalf("the file differs from the report printed on stdout (%v):\n%s", err, data)
	}
	if fi, _ := os.Stat(report); fi.Mode().Perm() != 0o640 {
		t.Errorf("replaced report has mode %v, want the old file's 0640", fi.Mode().Perm())
	}
	// A new file gets the usual mode, not the 0600 of a temporary file.
	fresh := filepath.Join(dir, "fresh.txt")
	run(t, nil, "check", "--output", fresh, r.Dir)
	if fi, err := os.Stat(fresh); err != nil || fi.Mode().Perm()&0o044 == 0 {
		t.Errorf("new report: %v, mode %v; want readable by others like any file (umask permitting)", err, fi.Mode().Perm())
	}
	// Nothing is left beside it.
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("folder holds %v, want the two reports only (no temporary file left)", names)
	}
	// "-" is standard output.
	if code, out, _ := run(t, nil, "check", "--output", "-", r.Dir); code != ExitOK || !strings.Contains(out, "passation") {
		t.Errorf("--output -: exit %d, stdout %q", code, out)
	}
	// A failed write leaves the old file as it was.
	if err := os.WriteFile(report, []byte("old"), 0o640); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o500); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(dir, 0o755)
	if os.Geteuid() != 0 { // root writes anywhere
		if code, _, errOut := run(t, nil, "check", "--output", report, r.Dir); code == ExitOK || !strings.Contains(errOut, report) {
			t.Errorf("write into a read-only folder: exit %d, stderr %q", code, errOut)
		}
		if data, _ := os.ReadFile(report); string(data) != "old" {
			t.Errorf("a failed write changed the old report: %q", data)
		}
	}
}

func TestRulesCommand(t *testing.T) {
	t.Parallel()
	cat, err := catalog.Load(rules.FS)
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"en", "fr"} {
		t.Run(lang, func(t *testing.T) {
			t.Parallel()
			code, out, errOut := run(t, nil, "rules", "--lang", lang)
			if code != ExitOK || errOut != "" {
				t.Fatalf("rules: exit %d, stderr %q", code, errOut)
			}
			for _, g := range cat.Groups {
				if !strings.Contains(out, "\n"+g.Title.In(lang)+"\n") {
					t.Errorf("group %q missing from the listing", g.Title.In(lang))
				}
			}
			for _, r := range cat.Rules {
				if !regexp.MustCompile(`(?m)^  ` + regexp.QuoteMeta(r.ID) + ` +` + r.Severity.String() + ` +` + regexp.QuoteMeta(r.Title.In(lang)) + `$`).MatchString(out) {
					t.Errorf("no line for %s (%s, %q) in:\n%s", r.ID, r.Severity, r.Title.In(lang), out)
				}
			}

			code, out, _ = run(t, nil, "rules", "--format", "json", "--lang", lang)
			var infos []ruleInfo
			if err := json.Unmarshal([]byte(out), &infos); code != ExitOK || err != nil {
				t.Fatalf("rules --format json: exit %d, %v", code, err)
			}
			if len(infos) != len(cat.Rules) {
				t.Fatalf("%d rules in JSON, want %d", len(infos), len(cat.Rules))
			}
			for i, in := range infos {
				r := cat.Rules[i]
				if in.ID != r.ID || in.Group != r.Group || in.Severity != r.Severity.String() ||
					in.Title != r.Title.In(lang) || in.Hint != r.Hint.In(lang) || in.Message != messageOf(t, r, lang) ||
					len(in.Evidence)+len(in.Shown) != len(r.Evidence) || len(in.Profiles) == 0 {
					t.Errorf("JSON entry %d = %+v, want rule %s in %s", i, in, r.ID, lang)
				}
			}
		})
	}
	// --profile core lists the five core items.
	_, out, _ := run(t, nil, "rules", "--profile", "core", "--format", "json")
	var core []ruleInfo
	if err := json.Unmarshal([]byte(out), &core); err != nil || len(core) != 5 {
		t.Fatalf("rules --profile core: %v, %d rules, want 5", err, len(core))
	}
}

func TestExplainCommand(t *testing.T) {
	t.Parallel()
	cat, err := catalog.Load(rules.FS)
	if err != nil {
		t.Fatal(err)
	}
	labels := map[string][]string{
		"en": {"Group: ", "Severity: ", "When missing: ", "What to add: ", "Passes when any of these is found:", "Reads: ", "Defined in: rules/"},
		"fr": {typo.French("Groupe : "), typo.French("Niveau : "), typo.French("Si absent : "), typo.French("À ajouter : "), typo.French("Validé dès que l'un de ces éléments est trouvé :"), typo.French("Lit : "), typo.French("Défini dans : rules/")},
	}
	for _, r := range cat.Rules {
		for lang, labs := range labels {
			code, out, errOut := run(t, map[string]string{"LANG": map[string]string{"en": "C", "fr": "fr_FR"}[lang]}, "explain", r.ID)
			if code != ExitOK || errOut != "" {
				t.Fatalf("explain %s (%s): exit %d, %q", r.ID, lang, code, errOut)
			}
			g, _ := cat.Group(r.Group)
			wants := append([]string{r.ID + " — " + r.Title.In(lang) + "\n", g.Title.In(lang), messageOf(t, r, lang), r.Hint.In(lang), fmt.Sprint(r.Pos)}, labs...)
			for _, w := range wants {
				if !strings.Contains(out, w) {
					t.Errorf("explain %s in %s lacks %q:\n%s", r.ID, lang, w, out)
				}
			}
			if n := strings.Count(out, "\n  - "); n != len(r.Evidence) {
				t.Errorf("explain %s in %s: %d evidence lines, want %d", r.ID, lang, n, len(r.Evidence))
			}
		}
	}
	// The history's hint is listed apart, never among what passes the rule.
	_, out, _ := run(t, map[string]string{"LANG": "C"}, "explain", "maintainer")
	passes, shown, ok := strings.Cut(out, "Shown, never enough on its own:")
	if !ok || strings.Contains(passes, "committed in the last") || !strings.Contains(shown, "committed in the last") {
		t.Errorf("explain maintainer lists the history's hint among what passes:\n%s", out)
	}
}

// messageOf is a rule's message with its parameters, as its compiled
// checker gives it.
func messageOf(t *testing.T, r catalog.Rule, lang string) string {
	t.Helper()
	c, err := check.Compile([]catalog.Rule{r}, evidence.Default())
	if err != nil {
		t.Fatal(err)
	}
	return c.Message(r.ID, lang)
}
