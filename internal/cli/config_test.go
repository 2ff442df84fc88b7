package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/passation/passation/internal/config/schemacheck"
	"github.com/passation/passation/internal/finding"
	"github.com/passation/passation/internal/frenchcheck"
	"github.com/passation/passation/internal/testrepo"
	"github.com/passation/passation/internal/typo"
)

// runAt calls Main with a fixed clock.
func runWithClock(t *testing.T, now time.Time, env map[string]string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Main(args, &Env{
		Stdout: &out, Stderr: &errb, Stdin: strings.NewReader(""),
		Getenv: func(k string) string { return env[k] },
		Now:    func() time.Time { return now },
	})
	return code, out.String(), errb.String()
}

var june = time.Date(2026, 6, 15, 12, 0, 0, 0, time.UTC)

func withFiles(extra map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range coreFiles {
		out[k] = v
	}
	for k, v := range extra {
		out[k] = v
	}
	return out
}

// TestCheckAppliesTheCommittedConfiguration runs passation check on a
// repository whose .passation.yml waives the missing install guide, and
// reads the JSON report.
func TestCheckAppliesTheCommittedConfiguration(t *testing.T) {
	cfg := `profile: core
fail-on: warning
overrides:
  licence: off
external:
  user-manual:
    url: https://wiki.example.gouv.fr/outil/manuel
    note: the manual lives on the ministry's wiki
waivers:
  install-guide:
    reason: Installed by the ministry's platform team, who keep the procedure.
    owner: camille.martin@example.org
    until: 2026-06-30
`
	r := testrepo.New(t).CommitFiles(withFiles(map[string]string{".passation.yml": cfg}))
	code, out, errs := runWithClock(t, june, nil, "check", r.Dir, "--format", "json")
	if code != ExitOK {
		t.Fatalf("exit %d, want 0 (the only gap is waived)\n%s\n%s", code, errs, out)
	}
	var rep finding.Report
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	status := map[string]finding.Status{}
	for _, res := range rep.Results {
		status[res.Rule] = res.Status
	}
	want := map[string]finding.Status{"install-guide": finding.Waived, "user-manual": finding.Pass, "architecture-diagram": finding.Pass, "maintainer": finding.Pass}
	if len(status) != 4 {
		t.Errorf("results %v: want core's five without licence", status)
	}
	for k, v := range want {
		if status[k] != v {
			t.Errorf("%s: %s, want %s", k, status[k], v)
		}
	}
	c := rep.Config
	if c == nil || c.Source != "repository" || c.Path != ".passation.yml" || len(c.Waivers) != 1 || c.Waivers[0].Status != "applied" || c.Waivers[0].Until != "2026-06-30" {
		t.Errorf("config record %+v", c)
	}
	if rep.Summary.Waived != 1 || rep.Profile != "core" {
		t.Errorf("summary %+v, profile %s", rep.Summary, rep.Profile)
	}

	// In July the waiver has expired: the gap counts, and stderr says so.
	code, _, errs = runWithClock(t, june.AddDate(0, 1, 0), nil, "check", r.Dir)
	if code != ExitGaps || !strings.Contains(errs, `.passation.yml:10:3: the waiver of "install-guide" expired on 2026-06-30`) {
		t.Errorf("after the until date: exit %d, stderr %q", code, errs)
	}
}

// TestFlagsWinOverTheFile: --fail-on, --lang and --profile beat the file.
func TestFlagsWinOverTheFile(t *testing.T) {
	r := testrepo.New(t).CommitFiles(withFiles(map[string]string{".passation.yml": "profile: core\nfail-on: never\nlang: fr\n"}))
	code, out, _ := runWithClock(t, june, nil, "check", r.Dir)
	if code != ExitOK || !strings.Contains(out, "profil core") || !strings.Contains(out, "Documentation d'installation") {
		t.Errorf("file settings: exit %d\n%s", code, out)
	}
	code, out, _ = runWithClock(t, june, map[string]string{"LANG": "fr_FR.UTF-8"}, "check", r.Dir, "--fail-on", "error", "--lang", "en", "--profile", "eig")
	if code != ExitGaps || !strings.Contains(out, "profile eig") || !strings.Contains(out, "Installation guide") {
		t.Errorf("flags: exit %d\n%s", code, out)
	}
	_, out, _ = runWithClock(t, june, map[string]string{"LANG": "en_GB.UTF-8"}, "check", r.Dir, "--print-config", "--profile", "eig")
	for _, want := range []string{"profile: eig", "# --profile", "fail-on: never", "# .passation.yml:2:10", "lang: fr", "# .passation.yml:3:7"} {
		if !strings.Contains(out, want) {
			t.Errorf("--print-config lacks %q:\n%s", want, out)
		}
	}
}

// TestConfigErrorsStopEverything: a broken configuration exits 2, prints
// each problem at its place, and nothing else runs (no report).
func TestConfigErrorsStopEverything(t *testing.T) {
	r := testrepo.New(t).CommitFiles(withFiles(map[string]string{".passation.yml": "profile: core\nwaivers:\n  instal-guide:\n    reason: later\n    owner: me\n    until: 2026-02-30\n"}))
	code, out, errs := runWithClock(t, june, nil, "check", r.Dir, "--format", "json")
	want := `.passation.yml:6:12: waiver of "instal-guide": until: "2026-02-30" is not a date (February has no day 30): expected YYYY-MM-DD such as 2026-06-30
  6 |     until: 2026-02-30
    |            ^
`
	if code != ExitUsage || out != "" || errs != want {
		t.Errorf("exit %d, stdout %q, stderr:\n%s\nwant exit 2, no output, stderr:\n%s", code, out, errs, want)
	}
	// Once the date is right, the unknown rule is reported.
	r.CommitFiles(map[string]string{".passation.yml": "profile: core\nwaivers:\n  instal-guide:\n    reason: later\n    owner: me\n"})
	code, out, errs = runWithClock(t, june, nil, "check", r.Dir)
	if code != ExitUsage || out != "" || !strings.HasPrefix(errs, `.passation.yml:3:3: waivers: unknown rule "instal-guide": did you mean "install-guide"?`) {
		t.Errorf("exit %d, stdout %q, stderr %q", code, out, errs)
	}
	// --config and --rules name missing files plainly.
	code, _, errs = runWithClock(t, june, nil, "check", r.Dir, "--config", filepath.Join(r.Dir, "nope.yml"))
	if code != ExitUsage || !strings.Contains(errs, "nope.yml: no such file") {
		t.Errorf("--config missing: exit %d %q", code, errs)
	}
	code, _, errs = runWithClock(t, june, nil, "check", r.Dir, "--rules", filepath.Join(r.Dir, "nope"))
	if code != ExitUsage || !strings.Contains(errs, "no such folder") {
		t.Errorf("--rules missing: exit %d %q", code, errs)
	}
}

// TestConfigFlagAndRulesFlag: --config replaces the repository's file;
// --rules adds a programme's rule folder.
func TestConfigFlagAndRulesFlag(t *testing.T) {
	r := testrepo.New(t).CommitFiles(withFiles(map[string]string{".passation.yml": "profile: [broken\n"}))
	prog := t.TempDir()
	os.WriteFile(filepath.Join(prog, "rgpd.yml"), []byte(`group: rgpd
order: 9
title: {en: Personal data, fr: Données personnelles}
rules:
  - id: dpia
    severity: error
    title: {en: Data protection impact assessment, fr: Analyse d'impact}
    message: {en: No DPIA was found., fr: Aucune AIPD n'a été trouvée.}
    hint: {en: Commit docs/aipd.md., fr: Versez docs/aipd.md.}
    evidence:
      - files: ["*aipd*"]
`), 0o644)
	os.WriteFile(filepath.Join(prog, "profiles.yml"), []byte("default: eig-rgpd\nprofiles:\n  eig-rgpd:\n    description: {en: Core and DPIA, fr: Socle et AIPD}\n    extend: core\n    rules: [dpia]\n"), 0o644)
	cfg := filepath.Join(t.TempDir(), "team.yml")
	os.WriteFile(cfg, []byte("overrides:\n  install-guide: {severity: notice}\n"), 0o644)
	code, out, errs := runWithClock(t, june, nil, "check", r.Dir, "--config", cfg, "--rules", prog, "--format", "json")
	if code != ExitGaps {
		t.Fatalf("exit %d, want 1 (dpia missing)\n%s", code, errs)
	}
	var rep finding.Report
	json.Unmarshal([]byte(out), &rep)
	if rep.Profile != "eig-rgpd" || len(rep.Results) != 6 || rep.Config.Source != "flag" || rep.Config.Rules[0] != prog {
		t.Errorf("profile %s, %d results, config %+v", rep.Profile, len(rep.Results), rep.Config)
	}
	for _, res := range rep.Results {
		if res.Rule == "install-guide" && res.Severity != finding.Notice {
			t.Errorf("install-guide %s: the --config override was not applied", res.Severity)
		}
	}
}

func TestInit(t *testing.T) {
	r := testrepo.New(t).CommitFiles(withFiles(nil))
	sub := filepath.Join(r.Dir, "docs")
	code, _, errs := runWithClock(t, june, nil, "init", sub, "--profile", "core", "--lang", "fr")
	if code != ExitOK || !strings.Contains(errs, ".passation.yml écrit (profil core)") {
		t.Fatalf("init: exit %d, %q", code, errs)
	}
	path := filepath.Join(r.Dir, ".passation.yml")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("init did not write at the top of the work tree: %v", err)
	}
	if err := schemacheck.Validate("config.schema.json", data); err != nil {
		t.Errorf("the written file does not match the schema: %v", err)
	}
	if !strings.Contains(string(data), "profile: core\n") || !strings.Contains(string(data), "dérogation") {
		t.Errorf("written file:\n%s", data)
	}
	// Never overwrites: the file is left byte for byte.
	os.WriteFile(path, []byte("profile: eig # mine\n"), 0o644)
	code, _, errs = runWithClock(t, june, nil, "init", r.Dir)
	if got, _ := os.ReadFile(path); code != ExitUsage || string(got) != "profile: eig # mine\n" || !strings.Contains(errs, "never overwrites") {
		t.Errorf("second init: exit %d, %q, file %q", code, errs, got)
	}
	// Nor writes a second file beside .github/passation.yml.
	r2 := testrepo.New(t).Write(map[string]string{".github/passation.yml": "profile: core\n"})
	if code, _, _ := runWithClock(t, june, nil, "init", r2.Dir); code != ExitUsage {
		t.Errorf("init beside .github/passation.yml: exit %d", code)
	}
	if _, err := os.Stat(filepath.Join(r2.Dir, ".passation.yml")); err == nil {
		t.Error("init wrote a second configuration file")
	}
	// Committed as written, it is the configuration check applies.
	os.Remove(path)
	runWithClock(t, june, nil, "init", r.Dir, "--profile", "core", "--lang", "en")
	r.Commit("configuration")
	code, out, errs := runWithClock(t, june, nil, "check", r.Dir, "--print-config")
	if code != ExitOK || !strings.Contains(out, "profile: core") || !strings.Contains(out, "# .passation.yml:") {
		t.Errorf("check --print-config after init: exit %d\n%s\n%s", code, out, errs)
	}
}

// TestRulesAndExplainReadRuleFolders: a programme's folder is listed and
// explained like the embedded catalogue, and a broken one is shown where.
func TestRulesAndExplainReadRuleFolders(t *testing.T) {
	prog := t.TempDir()
	os.WriteFile(filepath.Join(prog, "rgpd.yml"), []byte(`group: rgpd
order: 9
title: {en: Personal data, fr: Données personnelles}
rules:
  - id: dpia
    severity: error
    title: {en: Data protection impact assessment, fr: Analyse d'impact}
    message: {en: No DPIA was found., fr: Aucune AIPD n'a été trouvée.}
    hint: {en: Commit docs/aipd.md., fr: Versez docs/aipd.md.}
    evidence:
      - files: ["*aipd*"]
`), 0o644)
	code, out, errs := runWithClock(t, june, nil, "rules", "--rules", prog)
	if code != ExitOK || !strings.Contains(out, "Personal data\n  dpia ") {
		t.Errorf("rules --rules: exit %d %s\n%s", code, errs, out)
	}
	code, out, _ = runWithClock(t, june, nil, "explain", "dpia", "--rules", prog)
	if code != ExitOK || !strings.Contains(out, "Defined in: "+filepath.Join(prog, "rgpd.yml")+":5:5") {
		t.Errorf("explain --rules: exit %d\n%s", code, out)
	}
	if _, out, _ = runWithClock(t, june, nil, "explain", "licence"); !strings.Contains(out, "Defined in: rules/sustainability.yml:") {
		t.Errorf("explain of an embedded rule:\n%s", out)
	}
	os.WriteFile(filepath.Join(prog, "bad.yml"), []byte("group: rgpd\nrules:\n  - id: x\n    severity: critical\n"), 0o644)
	code, _, errs = runWithClock(t, june, nil, "rules", "--rules", prog)
	if code != ExitUsage || !strings.Contains(errs, filepath.Join(prog, "bad.yml")+":4:15: rule \"x\": unknown severity \"critical\"") || !strings.Contains(errs, "    |               ^") {
		t.Errorf("broken rule folder: exit %d\n%s", code, errs)
	}
}

// TestConfigErrorsInFrench: the problems of a configuration are said in the
// language of the messages (LANG, or --lang), at the same file, line and
// column, with « vouliez-vous dire » for a likely typo; the lines pass the
// checker of French (the excerpts of the file aside).
func TestConfigErrorsInFrench(t *testing.T) {
	r := testrepo.New(t).CommitFiles(withFiles(map[string]string{".passation.yml": "profile: core\nfail-on: grave\nwaiverz:\n  x: y\noverrides:\n  instal-guide: off\n"}))
	for _, c := range []struct {
		env  map[string]string
		args []string
	}{
		{map[string]string{"LANG": "fr_FR.UTF-8"}, []string{"check", r.Dir}},
		{nil, []string{"check", r.Dir, "--lang", "fr"}},
	} {
		code, out, errs := runWithClock(t, june, c.env, c.args...)
		for _, want := range []string{
			".passation.yml:2:10 : fail-on : niveau inconnu « grave » : attendu `error`, `warning`, `notice` ou `never`",
			".passation.yml:3:1 : clé inconnue « waiverz » : vouliez-vous dire « waivers » ?",
		} {
			if want = typo.French(want); code != ExitUsage || out != "" || !strings.Contains(errs, want) {
				t.Errorf("%v: exit %d, stderr:\n%s\nwant %q", c.args, code, errs, want)
			}
		}
		for i, line := range strings.Split(errs, "\n") {
			if strings.Contains(line, " | ") {
				continue // the file's own line, and the caret under it
			}
			for _, f := range frenchcheck.Faults(line) {
				t.Errorf("%v: stderr:%d: %s", c.args, i+1, f)
			}
		}
	}
	// English stays as it was.
	code, _, errs := runWithClock(t, june, nil, "check", r.Dir)
	if code != ExitUsage || !strings.Contains(errs, `.passation.yml:3:1: unknown key "waiverz": did you mean "waivers"?`) {
		t.Errorf("English: exit %d\n%s", code, errs)
	}
}
