package cli

import (
	"fmt"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/passation/passation/internal/frenchcheck"
	"github.com/passation/passation/internal/gitserver"
	"github.com/passation/passation/internal/typo"
)

// TestAuditInFrenchHasNoEnglish: a French audit of a small cohort (served
// over git:// and HTTP, one repository unreachable, one not on its host),
// the language chosen by LANG alone: the letters, the dashboard, the
// Markdown report and what the terminal shows pass the checker of French
// the sentence tables pass, on the real output.
func TestAuditInFrenchHasNoEnglish(t *testing.T) {
	root := gitserver.NewRoot(t)
	full := map[string]string{"INSTALL.md": install}
	for k, v := range coreFiles {
		full[k] = v
	}
	root.Add("complet", full)
	root.Add("partiel", coreFiles)
	root.Add("maigre", map[string]string{"README.md": "# Maigre\n\nUn seul paragraphe.\n"})
	daemon := gitserver.StartDaemon(t, root).URL
	web := gitserver.StartHTTP(t, root, gitserver.HTTPOptions{})
	closed := fmt.Sprintf("git://127.0.0.1:%d/perdu.git", gitserver.FreePort(t))
	dir := t.TempDir()
	list := filepath.Join(dir, "cohorte.csv")
	csv := "url,name,team,challenge\n" +
		daemon + "complet.git,complet,Équipe Insee,Défi A\n" +
		web + "partiel.git,partiel,Équipe Insee,Défi A\n" +
		daemon + "maigre.git,maigre,Équipe Météo,Défi B\n" +
		web + "absent.git,absent,Équipe Absente,Défi C\n" +
		closed + ",perdu,Équipe Perdue,Défi D\n"
	if err := os.WriteFile(list, []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "rapport")
	code, stdout, stderr := runAt(t, map[string]string{"LANG": "fr_FR.UTF-8", "CI": "true"}, "audit", "--from", list, "--out", out, "--jobs", "2")
	if code != ExitPartial {
		t.Fatalf("exit %d, want %d (two repositories not audited)\nstdout:\n%s\nstderr:\n%s", code, ExitPartial, stdout, stderr)
	}
	files := readTree(t, out)
	letters := 0
	for name, content := range files {
		switch {
		case strings.HasPrefix(name, "letters"+string(filepath.Separator)):
			letters++
			checkFrench(t, name, strings.Split(content, "\n"))
		case name == "report.md":
			checkFrench(t, name, strings.Split(content, "\n"))
		case name == "index.html":
			checkFrench(t, name, htmlTexts(content))
		}
	}
	if letters != 4 {
		t.Errorf("%d letters, want one per team (4): %v", letters, keys(files))
	}
	checkFrench(t, "stdout", strings.Split(stdout, "\n"))
	checkFrench(t, "stderr", strings.Split(stderr, "\n"))
	// The failures are said in French, with what to do.
	for name, want := range map[string]string{
		filepath.Join("letters", "equipe-perdue.md"):  "Nous n'avons pas pu lire ce dépôt (hôte injoignable)",
		filepath.Join("letters", "equipe-absente.md"): "Nous n'avons pas pu lire ce dépôt (dépôt introuvable",
		"index.html": "Audit impossible (hôte injoignable)",
		"report.md":  "Audit impossible (dépôt introuvable",
	} {
		if !strings.Contains(files[name], want) {
			t.Errorf("%s does not say %q:\n%s", name, want, files[name])
		}
	}
	if !strings.Contains(files[filepath.Join("letters", "equipe-insee.md")], "# Passation — Équipe Insee") {
		t.Errorf("letter of Équipe Insee:\n%s", files[filepath.Join("letters", "equipe-insee.md")])
	}
	if !strings.Contains(stdout, typo.French("3 dépôts audités, 2 n'ont pas pu être audités :")) || !strings.Contains(stderr, typo.French("ÉCHEC (`unreachable`) : hôte injoignable : `dial tcp")) {
		t.Errorf("terminal:\nstdout:\n%s\nstderr:\n%s", stdout, stderr)
	}
}

// checkFrench fails on every fault of each line of a French output.
func checkFrench(t *testing.T, name string, lines []string) {
	t.Helper()
	for i, l := range lines {
		for _, f := range frenchcheck.Faults(l) {
			t.Errorf("%s:%d: %s", name, i+1, f)
		}
	}
}

var (
	htmlDrop  = regexp.MustCompile(`(?s)<script.*?</script>|<style.*?</style>|<code>.*?</code>|<svg.*?</svg>`)
	htmlAttr  = regexp.MustCompile(`(?:title|placeholder|aria-label)="([^"]*)"`)
	htmlTag   = regexp.MustCompile(`(?s)<[^>]*>`)
	htmlSpace = regexp.MustCompile(`[ \t]+`)
)

// htmlTexts is what a reader of the page sees: the text between tags
// (code aside) and the tooltips, labels and placeholders.
func htmlTexts(page string) []string {
	page = htmlDrop.ReplaceAllString(page, " X ")
	var out []string
	for _, m := range htmlAttr.FindAllStringSubmatch(page, -1) {
		out = append(out, html.UnescapeString(m[1]))
	}
	for _, s := range strings.Split(htmlTag.ReplaceAllString(page, "\n"), "\n") {
		if s = strings.TrimSpace(htmlSpace.ReplaceAllString(html.UnescapeString(s), " ")); s != "" {
			out = append(out, s)
		}
	}
	return out
}
