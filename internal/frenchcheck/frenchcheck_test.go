package frenchcheck_test

import (
	"bufio"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/passation/passation/internal/catalog"
	"github.com/passation/passation/internal/check"
	"github.com/passation/passation/internal/config"
	"github.com/passation/passation/internal/evidence"
	"github.com/passation/passation/internal/frenchcheck"
	"github.com/passation/passation/internal/starter"
	"github.com/passation/passation/internal/typo"
	"github.com/passation/passation/rules"
)

// The checker itself: each fault it must see, and French it must let be.
func TestFaults(t *testing.T) {
	for _, bad := range []string{
		"à faire :",
		"Rien ; vraiment",
		"une section « Utilisation\u00a0»",
		"une section «\u00a0Utilisation »",
		"Score 0/100 · 1 manquants",
		"0 dérogations",
		"1 dépôts sur 6 l'ont",
		"Impossible de conclure\u00a0: skipped.",
		"3 éléments missing",
		"de niveau error ou supérieur",
		"Error\u00a0: rien",
	} {
		if f := frenchcheck.Faults(bad); len(f) == 0 {
			t.Errorf("no fault found in %q", bad)
		}
	}
	for _, good := range []string{
		typo.French("à faire : rien ; vraiment ? oui !"),
		typo.French("une section « Utilisation »"),
		"Score 100/100 · 5 trouvés · 0 manquant · 0 indéterminé · 0 dérogation",
		"présent dans 1 dépôt sur 6 · depuis 1 mois · 10 dépôts",
		typo.French("de niveau `error` ou supérieur : lancez `passation check ; echo skipped`"),
		typo.French("✘ install-guide [error] Guide : voir https://x.org/a?b=1 et docs/missing.md"),
		typo.French("passation check --staged --fail-on never les liste"),
		"version 1.0 (2 fichiers), 2026-01-01",
	} {
		if f := frenchcheck.Faults(good); len(f) != 0 {
			t.Errorf("%q: faults %q", good, f)
		}
	}
}

// TestFrenchSentences walks every French sentence passation can show: the
// sentence tables of every package (each i18n.Text literal in the source),
// the catalogue, the starter documents, the configuration template and the
// README's French sections. Tables are written with plain spaces; each is
// checked as it is shown, through typo.French, with a count of 1 for a
// sentence that is not the ".many" form of a count.
func TestFrenchSentences(t *testing.T) {
	root := filepath.Join("..", "..")
	n := 0
	fail := func(where string, faults []string) {
		n++
		for _, f := range faults {
			t.Errorf("%s: %s", where, f)
		}
	}
	all := tables(t, root)
	for where, fr := range all {
		fail(where, frenchcheck.Faults(fill(typo.French(fr.text), fr.many)))
		if untranslated(fr) {
			fail(where, []string{"French is the English, untranslated: " + strconv.Quote(fr.text)})
		}
	}
	// The rarer messages are walked too: help, the errors of files and of
	// the system, cohort lists, rule files' evidence, the action's inputs.
	for _, file := range []string{"internal/cli/help.go", "internal/syserr/syserr.go", "internal/atomicfile/atomicfile.go",
		"internal/cohortreport/write.go", "internal/audit/target.go", "internal/audit/result.go", "internal/evidence/compile_words.go",
		"internal/source/source.go", "internal/config/discover.go", "internal/action/inputs.go", "internal/manifest/manifest.go"} {
		found := false
		for where := range all {
			found = found || strings.Contains(filepath.ToSlash(where), file+":")
		}
		if !found {
			t.Errorf("no sentence of %s walked", file)
		}
	}
	cat, err := catalog.Load(rules.FS)
	if err != nil {
		t.Fatal(err)
	}
	c, err := check.Compile(cat.Rules, evidence.Default())
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range cat.Groups {
		fail("group "+g.ID, frenchcheck.Faults(g.Title.In("fr")))
	}
	for id, p := range cat.Profiles {
		fail("profile "+id, frenchcheck.Faults(p.Description.In("fr")))
	}
	for _, r := range cat.Rules {
		fail("rule "+r.ID+" title", frenchcheck.Faults(r.Title.In("fr")))
		fail("rule "+r.ID+" message", frenchcheck.Faults(c.Message(r.ID, "fr")))
		fail("rule "+r.ID+" hint", frenchcheck.Faults(r.Hint.In("fr")))
		for _, d := range c.Describe(r.ID, "fr") {
			fail("rule "+r.ID+" evidence", frenchcheck.Faults(d))
		}
		if s, ok := starter.For(r); ok {
			doc, err := s.Render("fr", starter.Facts{Project: "Projet"})
			if err != nil {
				t.Fatal(err)
			}
			if strings.HasSuffix(s.PathIn("fr"), ".md") {
				for i, line := range prose(string(doc)) {
					fail(s.PathIn("fr")+":"+strconv.Itoa(i+1), frenchcheck.Faults(line))
				}
			}
		}
	}
	for i, line := range strings.Split(string(config.Template(cat, cat.DefaultProfile, "fr")), "\n") {
		// Prose is "# " and a word; "#key: value" and "#  key:" are
		// settings to uncomment.
		if _, comment, ok := strings.Cut(line, "# "); ok && !strings.HasPrefix(comment, " ") {
			fail("passation init --lang fr:"+strconv.Itoa(i+1), frenchcheck.Faults(comment))
		}
	}
	for where, line := range readmeFrench(t, filepath.Join(root, "README.md")) {
		fail(where, frenchcheck.Faults(line))
	}
	if n < 500 {
		t.Errorf("only %d French texts walked: the walk misses some", n)
	}
}

// untranslated: the French of a pair is its English, a sentence of two
// words or more (ids, formats and names may be the same in both).
func untranslated(s sentence) bool {
	n := 0
	for _, w := range strings.FieldsFunc(fill(s.text, false), func(r rune) bool { return !unicode.IsLetter(r) && !strings.ContainsRune("._-", r) }) {
		if len(w) >= 3 && !strings.ContainsAny(w, "._-") { // an id (maintenance.type) is not a word
			n++
		}
	}
	return s.text == s.en && n >= 2
}

type sentence struct {
	text string
	many bool
	en   string
}

// tables finds every i18n.Text literal of the module's Go source and
// returns its French sentences by file and key.
func tables(t *testing.T, root string) map[string]sentence {
	out := map[string]sentence{}
	fset := token.NewFileSet()
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) && p != root {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, p, nil, 0)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			lit, ok := n.(*ast.CompositeLit)
			if !ok || !isText(lit.Type, f.Name.Name) {
				return true
			}
			for _, e := range lit.Elts {
				kv, ok := e.(*ast.KeyValueExpr)
				if !ok {
					continue
				}
				key, ok := str(kv.Key)
				if !ok {
					key = types(kv.Key)
				}
				pair, ok := kv.Value.(*ast.CompositeLit)
				if !ok || len(pair.Elts) != 2 {
					continue
				}
				fr, ok := str(pair.Elts[1])
				if !ok {
					t.Errorf("%s: the French of %s is not a constant string", fset.Position(pair.Pos()), key)
					continue
				}
				en, _ := str(pair.Elts[0])
				if en == "" {
					en = key // a table of yamlfile.Translate may leave it to the key
				}
				out[fset.Position(kv.Pos()).String()+" "+key] = sentence{fr, strings.HasSuffix(key, ".many"), en}
			}
			return false
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(out) < 300 {
		t.Fatalf("only %d sentences found in the tables", len(out))
	}
	return out
}

func isText(e ast.Expr, pkg string) bool {
	switch x := e.(type) {
	case *ast.SelectorExpr:
		id, ok := x.X.(*ast.Ident)
		return ok && id.Name == "i18n" && x.Sel.Name == "Text"
	case *ast.Ident:
		return pkg == "i18n" && x.Name == "Text"
	}
	return false
}

// str evaluates a string literal or a sum of them.
func str(e ast.Expr) (string, bool) {
	switch x := e.(type) {
	case *ast.BasicLit:
		if x.Kind != token.STRING {
			return "", false
		}
		s, err := strconv.Unquote(x.Value)
		return s, err == nil
	case *ast.BinaryExpr:
		a, ok1 := str(x.X)
		b, ok2 := str(x.Y)
		return a + b, ok1 && ok2 && x.Op == token.ADD
	case *ast.ParenExpr:
		return str(x.X)
	}
	return "", false
}

// types names a key that is a constant (audit.FailAuth).
func types(e ast.Expr) string {
	if id, ok := e.(*ast.Ident); ok {
		return id.Name
	}
	return "?"
}

var verb = regexp.MustCompile(`%(\[\d+\])?[-+# 0]*\d*(\.\d+)?[a-zA-Z%]`)

// fill replaces a format's verbs as a reader sees them filled: a count by 1
// (2 in the ".many" form), other arguments by a placeholder word.
func fill(s string, many bool) string {
	return verb.ReplaceAllStringFunc(s, func(v string) string {
		switch v[len(v)-1] {
		case '%':
			return "%"
		case 'd':
			if many {
				return "2"
			}
			return "1"
		}
		return "X"
	})
}

// prose is the lines of a Markdown document outside fenced code.
func prose(doc string) []string {
	var out []string
	fenced := false
	for _, line := range strings.Split(doc, "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "```") {
			fenced = !fenced
			out = append(out, "")
			continue
		}
		if fenced {
			line = ""
		}
		out = append(out, line)
	}
	return out
}

// readmeFrench is the README's French sections (their heading says « en
// français »), line by line: prose outside fenced code, and the comments
// of the fenced examples.
func readmeFrench(t *testing.T, path string) map[string]string {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string]string{}
	in, fenced := false, false
	level := 0
	sc := bufio.NewScanner(f)
	for i := 1; sc.Scan(); i++ {
		line := sc.Text()
		if strings.HasPrefix(strings.TrimSpace(line), "```") {
			fenced = !fenced
			continue
		}
		if !fenced && strings.HasPrefix(line, "#") {
			l := len(line) - len(strings.TrimLeft(line, "#"))
			switch {
			case strings.Contains(line, "(en français)"):
				in, level = true, l
				continue
			case in && l <= level:
				in = false
			}
		}
		if !in {
			continue
		}
		if fenced {
			_, comment, ok := strings.Cut(line, "# ")
			if !ok {
				continue
			}
			line = comment
		}
		out[path+":"+strconv.Itoa(i)] = line
	}
	if len(out) < 50 {
		t.Fatalf("only %d lines of French in %s", len(out), path)
	}
	return out
}
