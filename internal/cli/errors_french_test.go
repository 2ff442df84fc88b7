package cli

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/passation/passation/internal/frenchcheck"
	"github.com/passation/passation/internal/testrepo"
	"github.com/passation/passation/internal/typo"
)

// TestFileErrorsInFrench: the errors of files passation writes or reads
// besides the repository (a --report path, --out, --cache, --baseline, a
// shard to merge, --shard and --deadline, a cohort list) are said in French under a French
// LANG, the system's reason too, and every line passes the checker of
// French; in English they keep their English words.
func TestFileErrorsInFrench(t *testing.T) {
	r := testrepo.New(t).CommitFiles(coreFiles)
	dir := t.TempDir()
	file := filepath.Join(dir, "un-fichier")
	if err := os.WriteFile(file, []byte("{"), 0o644); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(dir, "absent")
	csv := filepath.Join(dir, "cohorte.csv")
	yml := filepath.Join(dir, "cohorte.yml")
	if err := os.WriteFile(csv, []byte("url,name,lang\nftp://x/y.git,a,fr\n,b,de\n"+r.Dir+",c,es\n"+r.Dir+",d,\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(yml, []byte("repositories:\n  - {url: ./r, nmae: x}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		args   []string
		fr, en string
	}{
		{[]string{"check", "--report", "json=" + missing + "/x.json", r.Dir},
			"--report json=" + missing + "/x.json : écriture de " + missing + "/x.json impossible : attendu un dossier existant, " + missing + " n'en est pas un",
			"write " + missing + "/x.json: expected an existing folder"},
		{[]string{"check", "--report", "json=" + file + "/x.json", r.Dir}, "attendu un dossier existant", "expected an existing folder"},
		{[]string{"audit", "--out", file, r.Dir}, "--out " + file + " : c'est un fichier, attendu un dossier (les rapports sont plusieurs fichiers)", "is a file, expected a folder"},
		{[]string{"audit", "--out", filepath.Join(dir, "out"), "--cache", file + "/cache", r.Dir}, "--cache : " + file + " : ce n'est pas un dossier", "--cache: mkdir " + file + ": not a directory"},
		{[]string{"audit", "--shard", "5/2", r.Dir}, "--shard : tranche « 5/2 » non valide : attendu K/N", "invalid shard"},
		{[]string{"audit", "--deadline", "demain", r.Dir}, "--deadline « demain » : attendu une date telle que 2026-06-30", "expected a date such as"},
		{[]string{"audit", "--baseline", missing, r.Dir}, "--baseline : " + missing + " : fichier ou dossier introuvable : attendu le report.json d'un audit passation antérieur", "expected the report.json of an earlier passation audit"},
		{[]string{"audit", "--baseline", file, r.Dir}, "--baseline : " + file + " : ce n'est pas un document d'audit : `", "not an audit document"},
		{[]string{"audit", "--from", csv}, csv + ":2 : ftp://x/y.git : protocole inconnu « ftp » : attendu https://hote/org/depot.git", "unknown scheme"},
		{[]string{"audit", "--from", csv}, csv + ":3 : url absente : attendu l'adresse d'un dépôt ou un chemin local", "missing url"},
		{[]string{"audit", "--from", csv}, csv + ":4 : langue inconnue « es » : attendu en ou fr", "unknown language"},
		{[]string{"audit", "--from", csv}, csv + ":5 : " + r.Dir + " est déjà listé en " + csv + ":4", "is already listed at"},
		{[]string{"audit", "--from", yml}, yml + ":2 : clé inconnue « nmae » : vouliez-vous dire « name » ?", `unknown key "nmae": did you mean "name"?`},
		{[]string{"report", "merge", file, "--out", filepath.Join(dir, "merged")}, "passation : " + file + " : ce n'est pas un document d'audit : `unexpected EOF`", "not an audit document"},
	} {
		code, _, stderr := runAt(t, map[string]string{"LANG": "fr_FR.UTF-8"}, c.args...)
		if want := typo.French(c.fr); code == ExitOK || !strings.Contains(stderr, want) {
			t.Errorf("%v: exit %d, stderr %q\nwant %q", c.args, code, stderr, want)
		}
		for _, line := range strings.Split(stderr, "\n") {
			for _, f := range frenchcheck.Faults(line) {
				t.Errorf("%v: %s", c.args, f)
			}
		}
		if _, _, stderr := runAt(t, map[string]string{"LANG": "C"}, c.args...); !strings.Contains(stderr, c.en) {
			t.Errorf("%v in English: stderr %q, want %q", c.args, stderr, c.en)
		}
	}
}

// TestStdoutFullInFrench: a report that cannot be written to standard
// output (a full disk, here /dev/full) is said in French, the system's
// reason too.
func TestStdoutFullInFrench(t *testing.T) {
	full, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if err != nil {
		t.Skip("no /dev/full here:", err)
	}
	defer full.Close()
	r := testrepo.New(t).CommitFiles(coreFiles)
	var errb bytes.Buffer
	Main([]string{"check", "--lang", "fr", r.Dir}, &Env{Stdout: full, Stderr: &errb, Getenv: func(string) string { return "" }})
	want := typo.French("passation : écriture sur la sortie standard impossible : /dev/full : plus de place sur le disque")
	if !strings.Contains(errb.String(), want) {
		t.Errorf("stderr %q, want %q", errb.String(), want)
	}
	if f := frenchcheck.Faults(errb.String()); len(f) != 0 {
		t.Error(f)
	}
}

// TestRepositoryErrorsInFrench: what passation says of the folder or
// repository it is pointed at (not a repository, bare, no commit yet), of
// --config, --rules, --only and --timeout, and of PASSATION_NOW, in French
// under a French LANG or --lang alone; every line passes the checker.
func TestRepositoryErrorsInFrench(t *testing.T) {
	r := testrepo.New(t).CommitFiles(coreFiles)
	dir := t.TempDir()
	folder := filepath.Join(dir, "dossier")
	empty := filepath.Join(dir, "vide")
	bare := filepath.Join(dir, "nu.git")
	for _, d := range []string{folder, empty, bare} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range [][]string{{"init", "-q", empty}, {"init", "-q", "--bare", bare}} {
		if out, err := exec.Command("git", c...).CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", c, err, out)
		}
	}
	fr := map[string]string{"LANG": "fr_FR.UTF-8"}
	for _, c := range []struct {
		env  map[string]string
		args []string
		want string
	}{
		{fr, []string{"check", "--format", "json", folder}, "passation : " + folder + " n'est pas un dépôt git : ce sont les fichiers du dossier qui sont vérifiés"},
		{fr, []string{"check", empty}, "passation : " + empty + " : le dépôt n'a pas encore de commit : faites d'abord un commit"},
		{fr, []string{"check", "--config", filepath.Join(dir, "absent.yml"), r.Dir}, "--config " + filepath.Join(dir, "absent.yml") + " : fichier introuvable"},
		{fr, []string{"check", "--rules", filepath.Join(dir, "absent"), r.Dir}, "--rules " + filepath.Join(dir, "absent") + " : dossier introuvable"},
		{fr, []string{"hook", "install", folder}, "passation : " + folder + " : ce n'est pas un dépôt git"},
		{fr, []string{"hook", "install", bare}, bare + " : dépôt nu : on n'y fait pas de commit, il ne lance donc aucun hook pre-commit"},
		{fr, []string{"init", "--templates", bare}, bare + " : dépôt nu : il n'a pas d'arbre de travail"},
		{fr, []string{"init", "--templates", "--only", "zz", r.Dir}, "--only : pas de document de départ pour « zz » : attendu certains de"},
		{fr, []string{"audit", "--timeout", "9999999999h", r.Dir}, "attendu une durée d'au plus 2562047h (environ 292 ans)"},
		{map[string]string{"LANG": "C"}, []string{"explain", "--lang", "fr"}, "passation : explain prend un identifiant de règle"},
		{map[string]string{"LANG": "C"}, []string{"rules", "extra", "--lang", "fr"}, "passation : rules ne prend pas d'argument, reçu « extra »"},
	} {
		_, _, stderr := runAt(t, c.env, c.args...)
		if want := typo.French(c.want); !strings.Contains(stderr, want) {
			t.Errorf("%v: stderr %q\nwant %q", c.args, stderr, want)
		}
		for _, line := range strings.Split(stderr, "\n") {
			for _, f := range frenchcheck.Faults(line) {
				t.Errorf("%v: %s", c.args, f)
			}
		}
	}
	// PASSATION_NOW is read when no clock is given.
	var errb bytes.Buffer
	env := map[string]string{"LANG": "fr_FR.UTF-8", "PASSATION_NOW": "demain"}
	Main([]string{"version"}, &Env{Stdout: io.Discard, Stderr: &errb, Getenv: func(k string) string { return env[k] }})
	if want := typo.French("PASSATION_NOW=« demain » : attendu une date telle que 2026-01-31"); !strings.Contains(errb.String(), want) {
		t.Errorf("PASSATION_NOW: stderr %q, want %q", errb.String(), want)
	}
}

// TestRuleEvidenceErrorsInFrench: the problems of a rule file's evidence
// items (a bad regular expression, an unknown history parameter, a period
// passation cannot read, an unknown kind) are said in French at their file
// and line, and pass the checker of French (the file's excerpt aside).
func TestRuleEvidenceErrorsInFrench(t *testing.T) {
	prog := t.TempDir()
	os.WriteFile(filepath.Join(prog, "rgpd.yml"), []byte(`group: rgpd
order: 9
title: {en: Personal data, fr: Données personnelles}
rules:
  - id: dpia
    severity: error
    title: {en: Data protection impact assessment, fr: Analyse d'impact}
    message: {en: No DPIA was found., fr: Aucune AIPD n'a été trouvée.}
    hint: {en: Commit docs/aipd.md., fr: Ajoutez docs/aipd.md.}
    evidence:
      - content: ["(aipd"]
  - id: fresh
    severity: warning
    title: {en: Fresh, fr: Récent}
    message: {en: Old., fr: Ancien.}
    hint: {en: Commit., fr: Faites un commit.}
    evidence:
      - history: activity
        with: {max-age: "six mois", max-ag: "1 year"}
  - id: typo
    severity: notice
    title: {en: Typo, fr: Coquille}
    message: {en: None., fr: Aucun.}
    hint: {en: Add., fr: Ajoutez.}
    evidence:
      - filez: ["x"]
`), 0o644)
	_, _, stderr := runAt(t, map[string]string{"LANG": "C"}, "rules", "--lang", "fr", "--rules", prog)
	for _, want := range []string{
		"expression régulière `(aipd` non valide : `missing closing )`",
		"paramètre max-age de `with` : « six mois » : attendu un nombre de jours, de semaines, de mois ou d'années",
		"paramètre inconnu « max-ag » : vouliez-vous dire « max-age » ?",
		"règle « typo » : type de preuve inconnu « filez » : vouliez-vous dire « files » ?",
	} {
		if !strings.Contains(stderr, typo.French(want)) {
			t.Errorf("stderr lacks %q:\n%s", typo.French(want), stderr)
		}
	}
	for _, line := range strings.Split(stderr, "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "|") || strings.Contains(line, " | ") {
			continue // the rule file's own line, under the message
		}
		for _, f := range frenchcheck.Faults(line) {
			t.Errorf("%s", f)
		}
	}
}
