package i18n

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

var verb = regexp.MustCompile(`%[-+# 0]*(?:\[\d+\])?\d*(?:\.\d+)?[a-zA-Z%]`)

// verbs lists the arguments a format takes, by kind: %q and %s are both
// text (French quotes with « %s » where English writes %q), %d a number.
func verbs(s string) string {
	var out []string
	for _, v := range verb.FindAllString(s, -1) {
		switch c := v[len(v)-1]; c {
		case '%':
			continue
		case 'q', 's', 'v':
			out = append(out, "text")
		default:
			out = append(out, string(c))
		}
	}
	return strings.Join(out, " ")
}

// TestSentencePairsTakeTheSameArguments reads every table of sentences in
// the module (a Text literal) and checks that the English and French forms
// of each sentence take the same arguments in the same order: a French
// sentence missing a %d would print "%!d(MISSING)" to a French team.
func TestSentencePairsTakeTheSameArguments(t *testing.T) {
	tables := 0
	err := filepath.WalkDir("../..", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) && p != "../.." {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, p, nil, 0)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			lit, ok := n.(*ast.CompositeLit)
			if !ok || !isText(lit.Type) {
				return true
			}
			tables++
			for _, el := range lit.Elts {
				kv, ok := el.(*ast.KeyValueExpr)
				if !ok {
					continue
				}
				pair, ok := kv.Value.(*ast.CompositeLit)
				if !ok || len(pair.Elts) != 2 {
					continue
				}
				en, ok1 := str(pair.Elts[0])
				fr, ok2 := str(pair.Elts[1])
				if !ok1 || !ok2 {
					continue
				}
				if verbs(en) != verbs(fr) {
					t.Errorf("%s: %q and %q take different arguments (%s / %s)", fset.Position(kv.Pos()), en, fr, verbs(en), verbs(fr))
				}
			}
			return false
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if tables < 10 {
		t.Fatalf("found %d sentence tables: the walk missed the module's packages", tables)
	}
}

func isText(e ast.Expr) bool {
	switch x := e.(type) {
	case *ast.SelectorExpr:
		id, ok := x.X.(*ast.Ident)
		return ok && id.Name == "i18n" && x.Sel.Name == "Text"
	case *ast.Ident:
		return x.Name == "Text"
	}
	return false
}

func str(e ast.Expr) (string, bool) {
	b, ok := e.(*ast.BasicLit)
	if !ok || b.Kind != token.STRING {
		return "", false
	}
	s, err := strconv.Unquote(b.Value)
	return s, err == nil
}

func TestVerbs(t *testing.T) {
	if got := verbs("found %q in %d files, 100%% sure, %v"); got != "text d text" {
		t.Errorf("verbs = %q", got)
	}
}
