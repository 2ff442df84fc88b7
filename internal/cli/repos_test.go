package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/passation/passation/internal/finding"
	"github.com/passation/passation/internal/testrepo"
)

// These tests run `passation check` on repositories of every awkward shape
// a handover meets, and read the JSON report.

// checkJSON runs check --format json and decodes the report; it fails the
// test on a usage or read error (exit 2 or 3).
func checkJSON(t *testing.T, args ...string) (*finding.Report, int, string) {
	t.Helper()
	code, out, errOut := run(t, nil, append([]string{"check", "--format", "json"}, args...)...)
	if code != ExitOK && code != ExitGaps {
		t.Fatalf("check %v: exit %d\n%s", args, code, errOut)
	}
	var rep finding.Report
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("check %v: the report is not JSON: %v\n%s", args, err, out)
	}
	return &rep, code, errOut
}

func result(t *testing.T, rep *finding.Report, rule string) finding.Result {
	t.Helper()
	for _, r := range rep.Results {
		if r.Rule == rule {
			return r
		}
	}
	t.Fatalf("rule %q not in the report", rule)
	return finding.Result{}
}

const installProse = "Installez Docker sur une machine neuve, clonez le dépôt, copiez le fichier de configuration d'exemple, puis lancez docker compose up depuis la racine : l'application répond sur le port 8080."

// projectDocs are documents that pass their rules when they are the
// project's own, at the root.
var projectDocs = map[string]string{
	"LICENSE":         mitLicence,
	"CHANGELOG.md":    "# Changelog\n\n## 1.3.0\n\n- Every change of this release, listed for the people who use it.\n",
	"CONTRIBUTING.md": "# Contributing\n\nOpen a pull request, run the tests with make test and wait for a review from a maintainer.\n",
	"INSTALL.md":      "# Installation\n\n" + installProse + "\n",
	"MAINTAINERS.md":  "# Maintainers\n\nCamille Martin, DINUM, camille.martin@example.org\n",
	"README.md":       "# Bundled library\n\n## Installation\n\n" + installProse + "\n\n## Roadmap\n\nVersion 2 will add an export to the national data platform and a public API for the partners.\n",
	"publiccode.yml":  "publiccodeYmlVersion: \"0.4\"\nname: bundled\nurl: https://example.org/bundled\n",
}

func TestVendoredTreesNeverCount(t *testing.T) {
	t.Parallel()
	prefixes := []string{"node_modules/left-pad/", "vendor/github.com/x/y/", "third_party/leaflet/", "static/lib/bootstrap/", "frontend/node_modules/react/"}
	files := map[string]string{"src/main.go": "package main\n"}
	for _, p := range prefixes {
		for name, content := range projectDocs {
			files[p+name] = content
		}
	}
	r := testrepo.New(t).CommitFiles(files)
	rep, code, _ := checkJSON(t, r.Dir)
	if code != ExitGaps {
		t.Errorf("exit %d, want 1: every core item is missing from the project itself", code)
	}
	for _, res := range rep.Results {
		for _, e := range res.Evidence {
			for _, p := range prefixes {
				if strings.HasPrefix(e.Path, p) {
					t.Errorf("%s (%s): evidence from a bundled copy: %+v", res.Rule, res.Status, e)
				}
			}
		}
	}
	for _, rule := range []string{"licence", "changelog", "contributing", "install-guide", "maintainer", "roadmap", "publiccode"} {
		if res := result(t, rep, rule); res.Status != finding.Fail {
			t.Errorf("%s: %s from a bundled copy, want fail (%+v)", rule, res.Status, res.Evidence)
		}
	}

	// The same documents at the root are the project's: they count, so the
	// test above is not passing for want of detection.
	own := testrepo.New(t).CommitFiles(projectDocs)
	rep, _, _ = checkJSON(t, own.Dir)
	for _, rule := range []string{"licence", "changelog", "contributing", "install-guide", "maintainer", "roadmap", "publiccode"} {
		if res := result(t, rep, rule); res.Status != finding.Pass {
			t.Errorf("%s: %s when the document is the project's own, want pass (%+v)", rule, res.Status, res.Evidence)
		}
	}
}

// objectFile is where git keeps a loose object.
func objectFile(dir, hash string) string {
	return filepath.Join(dir, ".git", "objects", hash[:2], hash[2:])
}

func TestMissingBlobSkipsOnlyWhatNeedsIt(t *testing.T) {
	t.Parallel()
	r := testrepo.New(t).CommitFiles(map[string]string{
		"README.md": "# Outil\n\n## Installation\n\n" + installProse + "\n",
		"LICENSE":   mitLicence,
	})
	if err := os.Remove(objectFile(r.Dir, r.Git("rev-parse", "HEAD:README.md"))); err != nil {
		t.Fatal(err)
	}
	rep, _, errOut := checkJSON(t, "--profile", "core", r.Dir)
	if errOut != "" {
		t.Errorf("stderr %q, want nothing: a missing blob is reported per rule", errOut)
	}
	install := result(t, rep, "install-guide")
	if install.Status != finding.Skip || !strings.Contains(install.Message, "README.md") || !strings.Contains(install.Message, "missing") {
		t.Errorf("install-guide: %s %q, want skip naming the missing README.md", install.Status, install.Message)
	}
	if lic := result(t, rep, "licence"); lic.Status != finding.Pass {
		t.Errorf("licence: %s, want pass: the rules that do not need the missing blob run (%+v)", lic.Status, lic)
	}
	if rep.Summary.Skip == 0 || rep.Summary.Skip+rep.Summary.Pass+rep.Summary.Fail != len(rep.Results) {
		t.Errorf("summary %+v", rep.Summary)
	}
	// The text report shows the skipped rule with its reason.
	_, out, _ := run(t, nil, "check", "--profile", "core", r.Dir)
	if !strings.Contains(out, "? install-guide") || !strings.Contains(out, "README.md: object missing") {
		t.Errorf("text report does not show the skipped rule and why:\n%s", out)
	}
	// In French, passation's own words are French.
	_, out, _ = run(t, nil, "check", "--profile", "core", "--lang", "fr", r.Dir)
	if !strings.Contains(out, "README.md: objet absent du dépôt") || strings.Contains(out, "object missing") {
		t.Errorf("French report does not say the missing object in French:\n%s", out)
	}
}

// A partial clone leaves large media out: a committed training video
// counts on its name and size in the tree, without its content.
func TestMissingMediaCountsOnItsName(t *testing.T) {
	t.Parallel()
	r := testrepo.New(t).CommitFiles(map[string]string{
		"README.md":                     "# Outil\n",
		"docs/videos/prise-en-main.mp4": "\x00\x00\x00\x18ftypmp42",
	})
	if err := os.Remove(objectFile(r.Dir, r.Git("rev-parse", "HEAD:docs/videos/prise-en-main.mp4"))); err != nil {
		t.Fatal(err)
	}
	rep, _, _ := checkJSON(t, "--profile", "eig", r.Dir)
	if tm := result(t, rep, "training-material"); tm.Status != finding.Pass {
		t.Errorf("training-material with its video not fetched: %s %q, want pass on the committed file", tm.Status, tm.Message)
	}
}

func TestPartialCloneIsChecked(t *testing.T) {
	t.Parallel()
	origin := testrepo.New(t).CommitFiles(map[string]string{
		"README.md": "# Outil\n\n## Installation\n\n" + installProse + "\n", "LICENSE": mitLicence,
	})
	origin.Git("config", "uploadpack.allowFilter", "true")
	clone := filepath.Join(t.TempDir(), "partial")
	origin.Git("clone", "-q", "--no-checkout", "--filter=blob:none", "file://"+origin.Dir, clone)
	rep, _, _ := checkJSON(t, clone)
	if rep.Repository.Commit != origin.Git("rev-parse", "HEAD") {
		t.Fatalf("commit %s, want the origin's", rep.Repository.Commit)
	}
	if lic := result(t, rep, "licence"); lic.Status != finding.Skip || !strings.Contains(lic.Message, "LICENSE") {
		t.Errorf("licence in a blobless clone: %s %q, want skip naming LICENSE", lic.Status, lic.Message)
	}
	if pc := result(t, rep, "publiccode"); pc.Status != finding.Fail {
		t.Errorf("publiccode, absent from the tree: %s, want fail: rules that need no blob still decide", pc.Status)
	}
}

func TestSymlinksOutOfTheRepository(t *testing.T) {
	t.Parallel()
	// Outside the repository, documents that would pass if they were read.
	outside := t.TempDir()
	for name, content := range map[string]string{
		"LICENSE": mitLicence, "INSTALL.md": "# Installation\n\n" + installProse + "\n",
		"docs/manuel-utilisateur.md": "# Manuel\n\n" + strings.Repeat(installProse+" ", 3) + "\n",
		"docs/architecture.md":       "# Architecture\n\n```mermaid\ngraph TD\n  navigateur --> api\n  api --> base\n```\n",
	} {
		full := filepath.Join(outside, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		// A marker that must never reach the report.
		if err := os.WriteFile(full, []byte(content+"\nOUTSIDE-THE-REPOSITORY\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	links := map[string]string{
		"LICENSE":    filepath.Join(outside, "LICENSE"),
		"COPYING":    "/etc/passwd",
		"INSTALL.md": filepath.Join(outside, "INSTALL.md"),
		"docs":       filepath.Join(outside, "docs"),
		"README.md":  "../../../../../../etc/passwd",
	}
	makeLinks := func(dir string) {
		for name, target := range links {
			if err := os.Symlink(target, filepath.Join(dir, name)); err != nil {
				t.Fatal(err)
			}
		}
	}
	verify := func(t *testing.T, dir string) {
		rep, code, errOut := checkJSON(t, "--profile", "core", dir)
		if code != ExitGaps {
			t.Errorf("exit %d, want 1: nothing of the project's own is there", code)
		}
		for _, res := range rep.Results {
			if res.Status != finding.Fail {
				t.Errorf("%s: %s through a symlink, want fail (%+v)", res.Rule, res.Status, res.Evidence)
			}
		}
		_, out, _ := run(t, nil, "check", dir)
		for _, leak := range []string{"root:", "OUTSIDE-THE-REPOSITORY"} {
			if strings.Contains(out+errOut, leak) {
				t.Errorf("the report shows %q, read through a symlink:\n%s", leak, out)
			}
		}
	}
	t.Run("committed", func(t *testing.T) {
		t.Parallel()
		r := testrepo.New(t)
		makeLinks(r.Dir)
		r.Commit("symlinks")
		verify(t, r.Dir)
	})
	t.Run("folder without git", func(t *testing.T) {
		t.Parallel()
		dir := t.TempDir()
		makeLinks(dir)
		verify(t, dir)
		if _, _, errOut := checkJSON(t, dir); !strings.Contains(errOut, "not a git repository") {
			t.Errorf("folder mode not announced: %q", errOut)
		}
	})
}

// utf16WithBOM encodes s as UTF-16 with a byte-order mark, as Windows
// editors save "Unicode" text.
func utf16WithBOM(s string, bigEndian bool) string {
	units := utf16.Encode([]rune("\ufeff" + s))
	b := make([]byte, 0, 2*len(units))
	for _, u := range units {
		if bigEndian {
			b = append(b, byte(u>>8), byte(u))
		} else {
			b = append(b, byte(u), byte(u>>8))
		}
	}
	return string(b)
}

// latin1 encodes s (which must hold only Latin-1 characters) byte per rune.
func latin1(s string) string {
	b := make([]byte, 0, len(s))
	for _, r := range s {
		if r > 0xff {
			panic("not Latin-1: " + string(r))
		}
		b = append(b, byte(r))
	}
	return string(b)
}

func TestEncodings(t *testing.T) {
	t.Parallel()
	readme := "# Outil\n\n## Installation\n\nInstallez Docker sur une machine neuve, clonez le dépôt, copiez le fichier de configuration d'exemple et lancez docker compose up à la racine.\n\n" +
		"## Déploiement\n\nLa mise en production se fait avec Ansible sur les serveurs du ministère : le rôle déploie l'image, applique les migrations et redémarre le service.\n"
	cases := map[string]string{
		"utf-8":     readme,
		"latin-1":   latin1(readme),
		"utf-16le":  utf16WithBOM(readme, false),
		"utf-16be":  utf16WithBOM(readme, true),
		"utf-8 BOM": "\ufeff" + readme,
	}
	for name, content := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			r := testrepo.New(t).CommitFiles(map[string]string{"README.md": content})
			rep, _, _ := checkJSON(t, r.Dir)
			want := map[string]finding.Evidence{
				"install-guide":    {Path: "README.md", Line: 3, Detail: `section "Installation"`},
				"deployment-guide": {Path: "README.md", Line: 7, Detail: `section "Déploiement"`},
			}
			for rule, ev := range want {
				res := result(t, rep, rule)
				if res.Status != finding.Pass || len(res.Evidence) == 0 || res.Evidence[0].String() != ev.String() {
					t.Errorf("%s: %s %+v, want pass with %+v", rule, res.Status, res.Evidence, ev)
				}
			}
		})
	}

	// NUL bytes make a file binary: its sections are not read, and nothing
	// breaks.
	t.Run("NUL bytes", func(t *testing.T) {
		t.Parallel()
		r := testrepo.New(t).CommitFiles(map[string]string{"README.md": readme + "\x00\x01\x02binary tail\x00"})
		rep, _, errOut := checkJSON(t, r.Dir)
		if errOut != "" {
			t.Errorf("stderr %q", errOut)
		}
		for _, rule := range []string{"install-guide", "deployment-guide"} {
			if res := result(t, rep, rule); res.Status != finding.Fail {
				t.Errorf("%s: %s %+v; want fail: a binary README has no sections", rule, res.Status, res.Evidence)
			}
		}
	})

	// Content that is no text at all, under names rules read.
	t.Run("binary under document names", func(t *testing.T) {
		t.Parallel()
		junk := string([]byte{0xff, 0xfe, 0x00, 0xd8, 0x00, 0x00, 0x89, 'P', 'N', 'G', 0x1a, 0x00, 0xc3})
		r := testrepo.New(t).CommitFiles(map[string]string{
			"README.md": junk, "CHANGELOG": junk, "docs/architecture.md": "\xff\xfe\x00", "publiccode.yml": "\x00\x00",
			"docs/guide.rst": strings.Repeat("\xc3\x28", 5000),
		})
		checkJSON(t, r.Dir)
		if code, _, errOut := run(t, nil, "check", "--lang", "fr", r.Dir); code != ExitGaps || strings.Contains(errOut, "panic") {
			t.Errorf("text report: exit %d, %q", code, errOut)
		}
	})
}

func TestLargeFileIsReadUpToTheCap(t *testing.T) {
	t.Parallel()
	// The section is at the top; a long tail follows. With a small cap the
	// head is still judged, and nothing reads the whole file.
	big := "# Outil\n\n## Installation\n\n" + installProse + "\n\n## Annexe\n\n" + strings.Repeat("Ligne de journal sans intérêt pour la passation.\n", 50000)
	r := testrepo.New(t).CommitFiles(map[string]string{"README.md": big})
	rep, _, _ := checkJSON(t, "--max-read", "4096", r.Dir)
	if res := result(t, rep, "install-guide"); res.Status != finding.Pass {
		t.Errorf("install-guide with --max-read 4096: %s %+v", res.Status, res.Evidence)
	}
}
