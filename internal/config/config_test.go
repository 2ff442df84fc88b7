package config_test

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/passation/passation/internal/check"
	"github.com/passation/passation/internal/checktest"
	"github.com/passation/passation/internal/config"
	"github.com/passation/passation/internal/evidence"
	"github.com/passation/passation/internal/finding"
	"github.com/passation/passation/internal/source"
	"github.com/passation/passation/internal/testrepo"
	"github.com/passation/passation/internal/typo"
	"github.com/passation/passation/internal/yamlfile"
	"github.com/passation/passation/rules"
)

// prose is enough real text for any document to count.
const prose = "Cette page décrit en détail ce que l'équipe a fait, pourquoi, et comment reprendre le travail après la fin du défi."

// today is the clock of these tests.
var today = time.Date(2026, 6, 15, 23, 30, 0, 0, time.UTC)

// ownRules is a rule folder of a team's own: one new rule.
const ownRules = `group: rgpd
order: 9
title: {en: Personal data, fr: Données personnelles}
rules:
  - id: dpia
    severity: warning
    title: {en: Data protection impact assessment, fr: Analyse d'impact}
    message: {en: No DPIA was found., fr: Aucune AIPD n'a été trouvée.}
    hint: {en: Commit docs/aipd.md., fr: Versez docs/aipd.md.}
    evidence:
      - files: ["*aipd*"]
`

func commitTree(t *testing.T, files map[string]string) source.Tree {
	t.Helper()
	r := testrepo.New(t).CommitFiles(files)
	tree := checktest.Commit(t, r.Dir, "")
	return tree
}

// checkRepo discovers the configuration of a committed repository, applies
// it and runs the check, as passation check does.
func checkRepo(t *testing.T, files map[string]string, opt config.Options) (*config.Applied, *finding.Report) {
	t.Helper()
	tree := commitTree(t, files)
	f, err := config.Discover(tree)
	if err != nil {
		t.Fatalf("discover: %s", yamlfile.Format(err))
	}
	if opt.Now.IsZero() {
		opt.Now = today
	}
	a, err := config.Apply(f, rules.FS, tree, opt)
	if err != nil {
		t.Fatalf("apply: %s", yamlfile.Format(err))
	}
	return a, report(t, a, tree)
}

func report(t *testing.T, a *config.Applied, tree source.Tree) *finding.Report {
	t.Helper()
	c, err := check.Compile(a.Rules, evidence.Default())
	if err != nil {
		t.Fatal(err)
	}
	rep, err := c.Report(a.Filter(tree), check.Options{Lang: "en"}, check.Meta{Profile: a.Profile.Value})
	if err != nil {
		t.Fatal(err)
	}
	a.Finish(rep)
	return rep
}

func result(t *testing.T, rep *finding.Report, rule string) finding.Result {
	t.Helper()
	for _, r := range rep.Results {
		if r.Rule == rule {
			return r
		}
	}
	t.Fatalf("rule %q not in the results", rule)
	return finding.Result{}
}

func has(rep *finding.Report, rule string) bool {
	for _, r := range rep.Results {
		if r.Rule == rule {
			return true
		}
	}
	return false
}

func TestParseEveryKey(t *testing.T) {
	data, err := os.ReadFile("testdata/example.yml")
	if err != nil {
		t.Fatal(err)
	}
	f, err := config.Parse(".passation.yml", config.FromRepository, data)
	if err != nil {
		t.Fatal(yamlfile.Format(err))
	}
	if f.Profile.Value != "eig" || f.Lang.Value != "fr" || f.FailOn.Value != "warning" {
		t.Errorf("settings: %+v %+v %+v", f.Profile, f.Lang, f.FailOn)
	}
	if f.Profile.Pos.String() != ".passation.yml:3:10" {
		t.Errorf("profile position %s", f.Profile.Pos)
	}
	if len(f.Rules) != 1 || f.Rules[0].Value != ".passation/rules" {
		t.Errorf("rules %+v", f.Rules)
	}
	if len(f.Ignore) != 2 || f.Ignore[1].Value != "*.bak" {
		t.Errorf("ignore %+v", f.Ignore)
	}
	if len(f.Overrides) != 4 || !f.Overrides[0].Off || f.Overrides[1].Severity != finding.Error ||
		len(f.Overrides[2].Evidence) != 1 || f.Overrides[3].Evidence[0].Kind != "content" || f.Overrides[3].Evidence[0].In[0] != "docs/contacts-dsi.md" {
		t.Errorf("overrides %+v", f.Overrides)
	}
	if len(f.External) != 1 || f.External[0].Rule != "interview-notes" || !strings.HasPrefix(f.External[0].URL, "https://intranet") || f.External[0].Note == "" {
		t.Errorf("external %+v", f.External)
	}
	w := f.Waivers
	if len(w) != 1 || w[0].Rule != "pitch" || w[0].Owner != "jeanne.martin@example.gouv.fr" || w[0].Until.Format(config.Date) != "2026-12-31" {
		t.Errorf("waivers %+v", w)
	}
	for _, empty := range []string{"", "# nothing\n", "---\n"} {
		if f, err := config.Parse("c.yml", config.FromFlag, []byte(empty)); err != nil || f == nil {
			t.Errorf("Parse(%q) = %v, %v: an empty configuration changes nothing", empty, f, err)
		}
	}
}

func TestDiscover(t *testing.T) {
	cfg := "profile: core\n"
	cases := map[string]struct {
		files map[string]string
		want  string // file found, "" for none, "error: ..." for an error
	}{
		"root":            {map[string]string{".passation.yml": cfg}, ".passation.yml"},
		".yaml spelling":  {map[string]string{".passation.yaml": cfg}, ".passation.yaml"},
		".github":         {map[string]string{".github/passation.yml": cfg}, ".github/passation.yml"},
		"none":            {map[string]string{"README.md": prose}, ""},
		"elsewhere":       {map[string]string{"docs/.passation.yml": cfg}, ""},
		"two files":       {map[string]string{".passation.yml": cfg, ".github/passation.yml": cfg}, "error: .passation.yml: the repository has 2 configuration files, .github/passation.yml and .passation.yml: keep only one"},
		"syntax problems": {map[string]string{".github/passation.yml": "profile: [core\n"}, "error: .github/passation.yml:1:10: invalid YAML"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			f, err := config.Discover(commitTree(t, tc.files))
			got := ""
			switch {
			case err != nil:
				got = "error: " + err.Error()
			case f != nil:
				got = f.Name
				if f.Origin != config.FromRepository || f.Profile.Value != "core" {
					t.Errorf("parsed %+v", f)
				}
			}
			if !strings.HasPrefix(got, tc.want) || (tc.want == "" && got != "") {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

// TestDiscoverReadsTheCommittedFile: an uncommitted edit, or an untracked
// configuration, does not apply; the file at the checked commit does.
func TestDiscoverReadsTheCommittedFile(t *testing.T) {
	r := testrepo.New(t).CommitFiles(map[string]string{".passation.yml": "profile: core\n"})
	r.Git("tag", "v1")
	r.CommitFiles(map[string]string{".passation.yml": "profile: eig\n"})
	r.Write(map[string]string{".passation.yml": "profile: [broken\n", ".github/passation.yml": "profile: core\n"})
	repo, err := source.OpenRepo(r.Dir)
	if err != nil {
		t.Fatal(err)
	}
	for ref, want := range map[string]string{"": "eig", "v1": "core"} {
		tree, err := repo.Commit(ref)
		if err != nil {
			t.Fatal(err)
		}
		f, err := config.Discover(tree)
		if err != nil || f.Profile.Value != want {
			t.Errorf("at %q: got %+v, %v; want profile %s", ref, f, err, want)
		}
	}
}

func TestDiscoverRefusesALink(t *testing.T) {
	r := testrepo.New(t).Write(map[string]string{"elsewhere.yml": "profile: core\n"})
	if err := os.Symlink("elsewhere.yml", filepath.Join(r.Dir, ".passation.yml")); err != nil {
		t.Skip(err)
	}
	r.Commit("link")
	repo, _ := source.OpenRepo(r.Dir)
	tree, _ := repo.Commit("")
	_, err := config.Discover(tree)
	if err == nil || !strings.Contains(err.Error(), "symbolic link") {
		t.Fatalf("got %v, want a refusal to follow the link", err)
	}
}

// TestPrecedence: flag > repository file > profile > rule default.
func TestPrecedence(t *testing.T) {
	files := map[string]string{".passation.yml": "profile: core\noverrides:\n  licence: {severity: notice}\n", "README.md": "# Outil\n"}
	// The file chooses core; core raises user-manual from... error stays
	// error; the file lowers licence below core's error.
	a, _ := checkRepo(t, files, config.Options{})
	if a.Profile.Value != "core" || a.Profile.From != ".passation.yml:1:10" {
		t.Errorf("profile %+v, want core from the file", a.Profile)
	}
	sev := map[string]finding.Severity{}
	for _, r := range a.Rules {
		sev[r.ID] = r.Severity
	}
	if sev["licence"] != finding.Notice || sev["install-guide"] != finding.Error || len(sev) != 5 {
		t.Errorf("severities %v: want the file's notice for licence, core's error for the others", sev)
	}
	// The flag wins over the file.
	a, _ = checkRepo(t, files, config.Options{Profile: "eig"})
	if a.Profile.Value != "eig" || a.Profile.From != "--profile" || len(a.Rules) < 29 {
		t.Errorf("profile %+v with %d rules, want eig from --profile", a.Profile, len(a.Rules))
	}
	// Without file nor flag: the catalogue's default; the profile's
	// severity wins over the rule's own (eig keeps roadmap a warning,
	// core makes user-manual an error, which the rule already is).
	a, _ = checkRepo(t, map[string]string{"README.md": "# Outil\n"}, config.Options{})
	if a.Profile.Value != "eig" || a.Profile.From != "the catalogue's default" || a.File != nil {
		t.Errorf("profile %+v", a.Profile)
	}
	// A profile severity beats the rule default: in a folder of one's own,
	// a profile that extends eig and lowers licence.
	a, _ = checkRepo(t, map[string]string{
		".passation.yml":                "profile: soft\nrules: [.passation/rules]\n",
		".passation/rules/profiles.yml": "profiles:\n  soft:\n    description: {en: Soft, fr: Doux}\n    extend: eig\n    severity: {licence: warning}\n",
	}, config.Options{})
	for _, r := range a.Rules {
		if r.ID == "licence" && r.Severity != finding.Warning {
			t.Errorf("licence %s, want the profile's warning over the rule's error", r.Severity)
		}
	}
	// Settings the CLI resolves follow the same order.
	file := config.Setting{Value: "warning", Pos: config.Pos{File: ".passation.yml", Line: 3, Col: 10}}
	def := config.Choice{Value: "error", From: "default"}
	for _, tc := range []struct {
		flag string
		file config.Setting
		want config.Choice
	}{
		{"notice", file, config.Choice{Value: "notice", From: "--fail-on"}},
		{"", file, config.Choice{Value: "warning", From: ".passation.yml:3:10"}},
		{"", config.Setting{}, def},
	} {
		if got := config.Choose(tc.flag, "--fail-on", tc.file, def); got != tc.want {
			t.Errorf("Choose(%q, %+v) = %+v, want %+v", tc.flag, tc.file, got, tc.want)
		}
	}
}

func TestOverrides(t *testing.T) {
	files := map[string]string{
		".passation.yml": `overrides:
  blog-posts: off
  pitch: {off: true}
  roadmap: {severity: error}
  architecture-diagram:
    evidence:
      - files: ["docs/conception/*.odg"]
  incident-response:
    evidence:
      - content: ['(?i)^astreinte\s*:\s*\S']
        in: [docs/contacts-dsi.md]
`,
		"docs/conception/vue-ensemble.odg": "<mxfile>" + prose + "</mxfile>",
		"docs/contacts-dsi.md":             "Hotline : 01 23 45 67 00\nAstreinte : 01 23 45 67 89\n",
	}
	a, rep := checkRepo(t, files, config.Options{})
	if has(rep, "blog-posts") || has(rep, "pitch") {
		t.Error("a rule turned off is still in the results")
	}
	if r := result(t, rep, "roadmap"); r.Severity != finding.Error || r.Status != finding.Fail {
		t.Errorf("roadmap %s %s, want a failing error", r.Severity, r.Status)
	}
	if r := result(t, rep, "architecture-diagram"); r.Status != finding.Pass || r.Evidence[0].Path != "docs/conception/vue-ensemble.odg" {
		t.Errorf("architecture-diagram %s %+v: the added pattern should find the drawio file", r.Status, r.Evidence)
	}
	if r := result(t, rep, "incident-response"); r.Status != finding.Pass || r.Evidence[0].Line != 2 {
		t.Errorf("incident-response %s %+v: the added content evidence should find line 2", r.Status, r.Evidence)
	}
	if rep.Summary.Pass+rep.Summary.Fail+rep.Summary.Skip+rep.Summary.Waived != len(a.Rules) || len(a.Rules) != len(a.Catalog.Rules)-2 {
		t.Errorf("summary %+v over %d rules", rep.Summary, len(a.Rules))
	}
	got := rep.Config
	if got.Source != "repository" || got.Path != ".passation.yml" || len(got.Overrides) != 5 || !got.Overrides[0].Off || got.Overrides[2].Severity != finding.Error || got.Overrides[3].Evidence != 1 {
		t.Errorf("recorded configuration %+v", got)
	}
	// Without the overrides, the same repository misses both documents.
	_, plain := checkRepo(t, map[string]string{"docs/conception/vue-ensemble.odg": files["docs/conception/vue-ensemble.odg"], "docs/contacts-dsi.md": files["docs/contacts-dsi.md"]}, config.Options{})
	if result(t, plain, "architecture-diagram").Status != finding.Fail || result(t, plain, "incident-response").Status != finding.Fail {
		t.Error("the test repository satisfies the rules without the overrides: the test proves nothing")
	}
}

func TestExternal(t *testing.T) {
	files := map[string]string{
		".passation.yml": "external:\n  interview-notes:\n    url: https://intranet.example.gouv.fr/entretiens\n    note: kept on the intranet\n  licence:\n    url: https://example.org/licence\n    note: also online\n",
		"LICENSE":        testrepo.MITLicence("2026 Mission Etalab"),
	}
	_, rep := checkRepo(t, files, config.Options{})
	r := result(t, rep, "interview-notes")
	want := finding.Evidence{Path: "https://intranet.example.gouv.fr/entretiens", Detail: "declared elsewhere: kept on the intranet"}
	if r.Status != finding.Pass || len(r.Evidence) != 1 || r.Evidence[0] != want || r.Message != "Declared elsewhere: https://intranet.example.gouv.fr/entretiens (kept on the intranet)." {
		t.Errorf("interview-notes: %s %q %+v", r.Status, r.Message, r.Evidence)
	}
	// Found in the repository too: both are shown, the file first.
	l := result(t, rep, "licence")
	if l.Status != finding.Pass || l.Evidence[0].Path != "LICENSE" || l.Evidence[len(l.Evidence)-1].Path != "https://example.org/licence" {
		t.Errorf("licence: %s %+v", l.Status, l.Evidence)
	}
	if len(rep.Config.External) != 2 || rep.Config.External[0].Note != "kept on the intranet" {
		t.Errorf("recorded %+v", rep.Config.External)
	}
}

func TestWaivers(t *testing.T) {
	files := map[string]string{
		".passation.yml": `waivers:
  pitch:
    reason: No demo day this year.
    owner: jeanne
    until: 2026-06-15
  presentations:
    reason: Workshops cancelled.
    owner: paul
    until: 2026-06-14
  blog-posts:
    reason: No blog.
    owner: lea
  licence:
    reason: Not needed.
    owner: marc
`,
		"LICENSE": testrepo.MITLicence("2026 Mission Etalab"),
	}
	a, rep := checkRepo(t, files, config.Options{})

	// Holds on its last day (the clock says 2026-06-15, 23:30).
	p := result(t, rep, "pitch")
	if p.Status != finding.Waived || p.Message != "Waived by jeanne until 2026-06-15: No demo day this year." {
		t.Errorf("pitch: %s %q", p.Status, p.Message)
	}
	if p.Evidence[0] != (finding.Evidence{Path: ".passation.yml", Line: 2, Detail: "waiver: No demo day this year. (jeanne, until 2026-06-15)"}) {
		t.Errorf("pitch evidence %+v", p.Evidence)
	}
	// Expired the day before: the gap counts again, and says why.
	pr := result(t, rep, "presentations")
	if pr.Status != finding.Fail || !strings.Contains(pr.Evidence[len(pr.Evidence)-1].Detail, "waiver expired on 2026-06-14 (paul)") {
		t.Errorf("presentations: %s %+v", pr.Status, pr.Evidence)
	}
	if exp := a.Expired(); len(exp) != 1 || exp[0].Rule != "presentations" {
		t.Errorf("Expired() = %+v", exp)
	}
	// No end date: holds.
	if b := result(t, rep, "blog-posts"); b.Status != finding.Waived || b.Message != "Waived by lea: No blog." {
		t.Errorf("blog-posts: %s %q", b.Status, b.Message)
	}
	// A waiver of a rule that passes has nothing to waive.
	if l := result(t, rep, "licence"); l.Status != finding.Pass {
		t.Errorf("licence: %s", l.Status)
	}
	status := map[string]string{}
	for _, w := range rep.Config.Waivers {
		status[w.Rule] = w.Status
	}
	want := map[string]string{"pitch": "applied", "presentations": "expired", "blog-posts": "applied", "licence": "unused"}
	for k, v := range want {
		if status[k] != v {
			t.Errorf("waiver %s recorded as %q, want %q", k, status[k], v)
		}
	}
	if rep.Summary.Waived != 2 {
		t.Errorf("summary %+v: want 2 waived", rep.Summary)
	}
	// The next day, pitch's waiver expires too.
	_, rep = checkRepo(t, files, config.Options{Now: today.Add(time.Hour)})
	if p := result(t, rep, "pitch"); p.Status != finding.Fail {
		t.Errorf("pitch the day after its until date: %s", p.Status)
	}
}

func TestIgnore(t *testing.T) {
	licence := testrepo.MITLicence("2026 Mission Etalab")
	cases := map[string]struct {
		ignore string
		files  map[string]string
		rule   string
		want   finding.Status
	}{
		"folder glob":          {"archive/**", map[string]string{"archive/LICENSE": licence}, "licence", finding.Fail},
		"folder by name":       {"archive", map[string]string{"archive/LICENSE": licence}, "licence", finding.Fail},
		"file name anywhere":   {"LICENSE", map[string]string{"docs/LICENSE": licence}, "licence", finding.Fail},
		"case does not matter": {"Archive/**", map[string]string{"archive/LICENSE": licence}, "licence", finding.Fail},
		"other paths count":    {"archive/**", map[string]string{"LICENSE": licence, "archive/x.md": prose}, "licence", finding.Pass},
		"anchored at the root": {"/LICENSE", map[string]string{"docs/LICENSE": licence}, "licence", finding.Pass},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			files := map[string]string{".passation.yml": "ignore: [\"" + tc.ignore + "\"]\n"}
			for k, v := range tc.files {
				files[k] = v
			}
			_, rep := checkRepo(t, files, config.Options{})
			if r := result(t, rep, tc.rule); r.Status != tc.want {
				t.Errorf("%s: %s %+v, want %s", tc.rule, r.Status, r.Evidence, tc.want)
			}
		})
	}
}

// TestRuleFolders: a folder of the repository (committed) adds, replaces and
// extends; --rules folders come on top; a --config file reads its folders
// from disk.
func TestRuleFolders(t *testing.T) {
	files := map[string]string{
		".passation.yml":                 "profile: eig-dpia\nrules: [.passation/rules]\n",
		".passation/rules/rgpd.yml":      ownRules,
		".passation/rules/profiles.yml":  "profiles:\n  eig-dpia:\n    description: {en: EIG and DPIA, fr: EIG et AIPD}\n    extend: eig\n    exclude: [blog-posts]\n    severity: {dpia: error}\n",
		".passation/rules/replace.yml":   "group: application\nrules:\n  - id: user-manual\n    replace: true\n    severity: notice\n    title: {en: Guide, fr: Guide}\n    message: {en: No guide., fr: Pas de guide.}\n    hint: {en: Add one., fr: Ajoutez-en un.}\n    evidence:\n      - files: [\"GUIDE*\"]\n",
		".passation/rules/notes.txt":     "not a rule file",
		".passation/rules/sub/other.yml": "not: read",
		"docs/aipd.md":                   prose,
		"GUIDE.md":                       prose,
	}
	a, rep := checkRepo(t, files, config.Options{})
	if r := result(t, rep, "dpia"); r.Status != finding.Pass || r.Severity != finding.Error || r.Group != "rgpd" {
		t.Errorf("dpia: %+v", r)
	}
	if has(rep, "blog-posts") {
		t.Error("the extending profile's exclude was ignored")
	}
	if r := result(t, rep, "user-manual"); r.Status != finding.Pass || r.Severity != finding.Notice || r.Title != "Guide" {
		t.Errorf("user-manual not replaced: %+v", r)
	}
	if len(a.RuleDirs) != 1 || a.RuleDirs[0] != ".passation/rules" || rep.Config.Rules[0] != ".passation/rules" {
		t.Errorf("rule folders %v, recorded %v", a.RuleDirs, rep.Config.Rules)
	}

	// --rules: a programme's folder on disk, loaded last: it may replace
	// the repository's own replacement.
	prog := t.TempDir()
	if err := os.WriteFile(filepath.Join(prog, "manual.yml"), []byte(strings.Replace(files[".passation/rules/replace.yml"], "severity: notice", "severity: error", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	_, rep = checkRepo(t, files, config.Options{RuleDirs: []string{prog}})
	if r := result(t, rep, "user-manual"); r.Severity != finding.Error {
		t.Errorf("--rules did not win: %+v", r)
	}

	// A folder that exists only on disk, uncommitted, does not count.
	r := testrepo.New(t).CommitFiles(map[string]string{".passation.yml": "rules: [.passation/rules]\n"})
	r.Write(map[string]string{".passation/rules/rgpd.yml": ownRules})
	repo, _ := source.OpenRepo(r.Dir)
	tree, _ := repo.Commit("")
	f, err := config.Discover(tree)
	if err != nil {
		t.Fatal(err)
	}
	_, err = config.Apply(f, rules.FS, tree, config.Options{Now: today})
	if err == nil || !strings.Contains(err.Error(), `.passation.yml:1:9: rules: folder ".passation/rules" is not in the checked tree`) {
		t.Errorf("uncommitted rule folder: %v", err)
	}

	// A folder of hundreds of rule files is refused, not read.
	many := map[string]string{".passation.yml": "rules: [r]\n"}
	for i := 0; i < 201; i++ {
		many[fmt.Sprintf("r/%03d.yml", i)] = "x: 1\n"
	}
	manyTree := commitTree(t, many)
	f, _ = config.Discover(manyTree)
	if _, err := config.Apply(f, rules.FS, manyTree, config.Options{Now: today}); err == nil || !strings.Contains(err.Error(), "holds 201 rule files: expected at most 200") {
		t.Errorf("201 rule files: %v", err)
	}

	// --config: relative folders are read from disk, beside the file.
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "eig-rules"), 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "eig-rules", "rgpd.yml"), []byte(ownRules), 0o644)
	os.WriteFile(filepath.Join(dir, "passation.yml"), []byte("rules: [eig-rules]\n"), 0o644)
	f, err = config.ReadFile(filepath.Join(dir, "passation.yml"))
	if err != nil {
		t.Fatal(err)
	}
	a, err = config.Apply(f, rules.FS, tree, config.Options{Now: today})
	if err != nil {
		t.Fatal(yamlfile.Format(err))
	}
	if _, ok := a.Catalog.Rule("dpia"); !ok || a.File.Origin != config.FromFlag {
		t.Errorf("--config's rule folder not loaded: %v", a.RuleDirs)
	}
}

func TestPrintConfig(t *testing.T) {
	data, _ := os.ReadFile("testdata/example.yml")
	a, _ := checkRepo(t, map[string]string{".passation.yml": string(data), ".passation/rules/rgpd.yml": ownRules}, config.Options{})
	var buf bytes.Buffer
	if err := a.Print(&buf, config.Settings{FailOn: config.Choice{Value: "warning", From: ".passation.yml:5:10"}, Lang: config.Choice{Value: "en", From: "--lang"}}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{
		"# Configuration: .passation.yml, as committed in the checked tree.",
		"profile: eig                               # .passation.yml:3:10",
		"lang: en                                   # --lang",
		"  roadmap: error                           # .passation.yml:16:3 (warning by rule)",
		"  architecture-diagram: error              # rule, 1 evidence item added",
		"  dpia: warning                            # rule",
		"  - blog-posts                             # .passation.yml:15:3",
		"    until: 2026-12-31                    # holds until the end of that day",
		"  - .passation/rules",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("--print-config lacks %q:\n%s", want, out)
		}
	}
	// In French, the comments are French; the values and places the same.
	var fr bytes.Buffer
	if err := a.Print(&fr, config.Settings{FailOn: config.Choice{Value: "warning", From: "default"}, Lang: config.Choice{Value: "fr", From: "environment (LANG)"}}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"# Configuration : .passation.yml, tel que dans le commit vérifié.",
		"fail-on: warning                           # par défaut",
		"lang: fr                                   # environnement (LANG)",
		"  architecture-diagram: error              # règle, 1 preuve ajoutée",
		"    until: 2026-12-31                    # valable jusqu'à la fin de ce jour",
	} {
		if want = typo.French(want); !strings.Contains(fr.String(), want) {
			t.Errorf("--print-config in French lacks %q:\n%s", want, fr.String())
		}
	}
	if _, err := yamlfile.Parse("printed", fr.Bytes()); err != nil {
		t.Errorf("printed configuration in French is not YAML: %v", err)
	}
	// The printed configuration reads back as YAML of the same shape.
	if _, err := yamlfile.Parse("printed", buf.Bytes()); err != nil {
		t.Errorf("printed configuration is not YAML: %v\n%s", err, out)
	}
}

// TestErrors compares the messages for broken configurations with
// testdata/errors/<case>.golden (go test ./internal/config -update rewrites
// them). Each case is a repository's .passation.yml.
func TestErrors(t *testing.T) {
	cases, _ := filepath.Glob("testdata/errors/*.yml")
	if len(cases) == 0 {
		t.Fatal("no cases")
	}
	for _, c := range cases {
		name := strings.TrimSuffix(filepath.Base(c), ".yml")
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(c)
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			os.WriteFile(filepath.Join(dir, ".passation.yml"), data, 0o644)
			os.MkdirAll(filepath.Join(dir, "rules-de-l-equipe"), 0o755)
			os.WriteFile(filepath.Join(dir, "rules-de-l-equipe", "x.yml"), []byte("group: [broken\n"), 0o644)
			tree, err := source.OpenDir(dir)
			if err != nil {
				t.Fatal(err)
			}
			f, err := config.Discover(tree)
			if err == nil {
				_, err = config.Apply(f, rules.FS, tree, config.Options{Now: today})
			}
			if err == nil {
				t.Fatal("no error")
			}
			got := yamlfile.Format(err)
			golden := strings.TrimSuffix(c, ".yml") + ".golden"
			if *update {
				os.WriteFile(golden, []byte(got), 0o644)
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (go test ./internal/config -update)", err)
			}
			if got != string(want) {
				t.Errorf("got\n%s\nwant\n%s", got, want)
			}
		})
	}
}

func FuzzConfig(f *testing.F) {
	seeds, _ := filepath.Glob("testdata/errors/*.yml")
	seeds = append(seeds, "testdata/example.yml")
	for _, s := range seeds {
		data, err := os.ReadFile(s)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	tree, err := source.OpenDir(f.TempDir())
	if err != nil {
		f.Fatal(err)
	}
	results := []finding.Result{}
	for _, id := range []string{"pitch", "licence", "interview-notes", "roadmap"} {
		results = append(results, finding.Result{Rule: id, Status: finding.Fail, Severity: finding.Warning})
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		cf, err := config.Parse(".passation.yml", config.FromRepository, data)
		if err != nil {
			if yamlfile.Format(err) == "" {
				t.Fatal("an error with no message")
			}
			return
		}
		a, err := config.Apply(cf, rules.FS, tree, config.Options{Now: today})
		if err != nil {
			_ = yamlfile.Format(err)
			return
		}
		rep := &finding.Report{Lang: "fr", Results: append([]finding.Result(nil), results...)}
		a.Finish(rep)
		a.Filter(tree)
		var buf bytes.Buffer
		if err := a.Print(&buf, config.Settings{}); err != nil {
			t.Fatal(err)
		}
	})
}

var update = flag.Bool("update", false, "rewrite golden files")
