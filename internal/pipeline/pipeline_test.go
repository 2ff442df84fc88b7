package pipeline_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/passation/passation/internal/catalog"
	"github.com/passation/passation/internal/check"
	"github.com/passation/passation/internal/evidence"
	"github.com/passation/passation/internal/finding"
	"github.com/passation/passation/internal/pipeline"
	"github.com/passation/passation/internal/source"
	"github.com/passation/passation/internal/testrepo"
	"github.com/passation/passation/internal/yamlfile"
	"github.com/passation/passation/rules"
)

var now = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

func status(ev *pipeline.Evaluation, rule string) finding.Status {
	for _, r := range ev.Report.Results {
		if r.Rule == rule {
			return r.Status
		}
	}
	return ""
}

// TestEvaluateACommit: a commit is checked with its configuration, in the
// language it asks for, with its history.
func TestEvaluateACommit(t *testing.T) {
	r := testrepo.New(t).CommitFiles(map[string]string{
		"README.md":      "# Outil\n\n## Installation\n\n```sh\nnpm ci\nnpm start\n```\n",
		"LICENSE":        testrepo.MITLicence("2026 Équipe"),
		".passation.yml": "lang: fr\nprofile: core\n",
	})
	ev, notes, err := pipeline.Evaluate(pipeline.Request{Path: r.Dir, Now: now})
	if err != nil || len(notes) != 0 {
		t.Fatalf("Evaluate: %v, notes %q", err, notes)
	}
	if ev.Lang != "fr" || ev.Settings.Lang.From != ".passation.yml:1:7" || ev.Report.Profile != "core" {
		t.Errorf("lang %q from %q, profile %q: the configuration was not applied", ev.Lang, ev.Settings.Lang.From, ev.Report.Profile)
	}
	if status(ev, "install-guide") != finding.Pass || status(ev, "licence") != finding.Pass || status(ev, "user-manual") != finding.Fail {
		t.Errorf("verdicts: %+v", ev.Report.Results)
	}
	if !ev.Failing() || ev.FailOn != finding.Error {
		t.Error("a missing error-level item does not fail the check")
	}
	if ev.Checker.Message("user-manual", "fr") == "" || len(ev.Rules) != 5 {
		t.Errorf("the compiled rules are not those of the profile: %d rules", len(ev.Rules))
	}
}

// TestEvaluateStagedLeavesHistoryOut: the index is checked, and the rules
// judged on the history alone are left out when asked.
func TestEvaluateStagedLeavesHistoryOut(t *testing.T) {
	r := testrepo.New(t).CommitFiles(map[string]string{"README.md": "# Outil\n"})
	r.Write(map[string]string{"INSTALL.md": "# Installation\n\nRun npm ci then npm start to serve the application locally.\n"})
	r.Git("add", "INSTALL.md")
	ev, _, err := pipeline.Evaluate(pipeline.Request{Path: r.Dir, Staged: true, LeaveOutHistory: true, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	if status(ev, "install-guide") != finding.Pass {
		t.Error("the staged INSTALL.md was not seen")
	}
	if status(ev, "activity") != "" || status(ev, "bus-factor") != "" {
		t.Error("history rules judged in a pre-commit check")
	}
}

// TestEvaluateErrorsAreTyped: mistakes of the request and of the
// configuration are usage errors (exit 2), with file:line:col for the
// configuration; a folder outside git is checked with a note.
func TestEvaluateErrorsAreTyped(t *testing.T) {
	var ue *pipeline.UsageError
	missing := filepath.Join(t.TempDir(), "nope")
	if _, _, err := pipeline.Evaluate(pipeline.Request{Path: missing}); !errors.As(err, &ue) || !strings.Contains(err.Error(), "does not exist") {
		t.Errorf("missing folder: %v", err)
	}
	r := testrepo.New(t).CommitFiles(map[string]string{"README.md": "# Outil\n", ".passation.yml": "profil: core\n"})
	if _, _, err := pipeline.Evaluate(pipeline.Request{Path: r.Dir, Staged: true, Ref: "HEAD"}); !errors.As(err, &ue) {
		t.Errorf("--staged with --ref: %v", err)
	}
	if _, _, err := pipeline.Evaluate(pipeline.Request{Path: r.Dir, Lang: "de"}); !errors.As(err, &ue) || !strings.Contains(err.Error(), "expected en or fr") {
		t.Errorf("--lang de: %v", err)
	}
	_, _, err := pipeline.Evaluate(pipeline.Request{Path: r.Dir})
	var ye *yamlfile.Error
	if !errors.As(err, &ue) || !errors.As(ue.Err, &ye) || !strings.Contains(yamlfile.Format(ye), ".passation.yml:1:1") {
		t.Errorf("a misspelled key: %v", err)
	}
	if _, _, err := pipeline.Evaluate(pipeline.Request{Path: r.Dir, Ref: "no-such-branch"}); !errors.As(err, &ue) {
		t.Errorf("an unknown ref: %v", err)
	}

	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "README.md"), []byte("# Outil\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	ev, notes, err := pipeline.Evaluate(pipeline.Request{Path: dir})
	if err != nil || len(notes) != 1 || !strings.Contains(notes[0], "not a git repository") || ev.Report.Repository.Mode != "directory" {
		t.Errorf("a folder outside git: %v, notes %q", err, notes)
	}
}

// TestJudgeMember: a cohort's repository is judged with the cohort's
// compiled rules; its own waivers count but not its profile, and a broken
// configuration is returned apart while the report is still made.
func TestJudgeMember(t *testing.T) {
	cat, err := catalog.Load(rules.FS)
	if err != nil {
		t.Fatal(err)
	}
	core, _ := cat.Select("core")
	checker, err := check.Compile(core, evidence.Default())
	if err != nil {
		t.Fatal(err)
	}
	judge := func(t *testing.T, files map[string]string) (*finding.Report, error) {
		r := testrepo.New(t).CommitFiles(files)
		repo, err := source.OpenRepo(r.Dir)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { repo.Close() })
		ct, err := repo.Commit("")
		if err != nil {
			t.Fatal(err)
		}
		rep, cfgErr, err := pipeline.JudgeMember(pipeline.Member{Tree: ct, Commit: ct, Checker: checker, Profile: "core", Lang: "en", Now: now})
		if err != nil {
			t.Fatal(err)
		}
		return rep, cfgErr
	}
	rep, cfgErr := judge(t, map[string]string{"README.md": "# Outil\n", ".passation.yml": "profile: eig\nwaivers:\n  user-manual: {reason: No users yet., owner: lea@example.gouv.fr}\n"})
	if cfgErr != nil || len(rep.Results) != 5 {
		t.Fatalf("config %v, %d results: the cohort's profile (core) must apply", cfgErr, len(rep.Results))
	}
	for _, r := range rep.Results {
		if r.Rule == "user-manual" && r.Status != finding.Waived {
			t.Errorf("the repository's waiver did not count: %+v", r)
		}
	}
	rep, cfgErr = judge(t, map[string]string{"README.md": "# Outil\n", ".passation.yml": "waivers: [\n"})
	if cfgErr == nil || rep == nil || len(rep.Results) != 5 {
		t.Errorf("a broken configuration: problem %v, report %v", cfgErr, rep != nil)
	}
}
