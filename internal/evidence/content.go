package evidence

import (
	"errors"
	"fmt"
	"regexp"
	"regexp/syntax"
	"strings"
	"unicode"

	"github.com/passation/passation/internal/catalog"
	"github.com/passation/passation/internal/document"
	"github.com/passation/passation/internal/finding"
	"github.com/passation/passation/internal/globset"
	"github.com/passation/passation/internal/i18n"
	"github.com/passation/passation/internal/source"
)

var _ = register(Kind{
	Name:    "content",
	Values:  "strings",
	Options: []string{"in"},
	Example: "`content: ['(?i)^astreinte\\s*:\\s*\\S']`, `in: [docs/contacts-dsi.md]`",
	Passes: [2]string{
		"a line of a text file, read with the next line when that carries on its paragraph (wrapped prose), matches one of the regular expressions (Go's RE2 syntax, linear time), in the files of `in:` (default: the READMEs and documents, as for `section`, without changelogs, templates, licence texts, legal pages and agent instructions; a PDF named by `in:` is read for its text). For what a team writes its own way, in its own rule files or in the `overrides:` of its configuration.",
		"une ligne d'un fichier texte, lue avec la suivante quand celle-ci continue son paragraphe (texte coupé à la ligne), correspond à l'une des expressions régulières (syntaxe RE2 de Go, en temps linéaire), dans les fichiers de `in:` (par défaut : les README et documents, comme pour `section`, sans les journaux des modifications, modèles, textes de licence, pages juridiques et instructions aux agents ; un PDF désigné par `in:` est lu pour son texte). Pour ce qu'une équipe écrit à sa façon, dans ses propres fichiers de règles ou dans les `overrides:` de sa configuration.",
	},
	Compile: compileContent,
})

var contentWords = i18n.Text{
	"desc": {"a line matching %s in %s", "une ligne correspondant à %s dans %s"},
	"line": {"line matching %q", "ligne correspondant à « %s »"},
}

// contentEvidence: a line of a text file that matches one of the regular
// expressions — for what a team writes its own way, such as
// "Responsable technique : ..." in docs/equipe.md. Go's RE2 syntax runs in
// linear time, so a rule file cannot make a check hang.
type contentEvidence struct {
	written []string
	res     []*regexp.Regexp
	in      []string
	ids     []int
}

func compileContent(ev catalog.Evidence, g *globset.Set) (Evidence, error) {
	c := &contentEvidence{written: ev.Values, in: ev.In}
	for _, v := range ev.Values {
		re, err := regexp.Compile(v)
		if err != nil {
			var se *syntax.Error
			if errors.As(err, &se) {
				return nil, compileWords.Errorf("regexp", v, string(se.Code))
			}
			return nil, compileWords.Errorf("regexp", v, err.Error())
		}
		if r, ok := asciiBoundaryByAccent(v); ok {
			return nil, compileWords.Errorf("regexp-ascii-b", v, string(unicode.ToLower(r)))
		}
		c.res = append(c.res, re)
	}
	ids, err := addDocs(g, ev.In, defaultDocs)
	if err != nil {
		return nil, err
	}
	c.ids = ids
	return c, nil
}

func (c *contentEvidence) Describe(lang string) string {
	return fmt.Sprintf(contentWords.In(lang, "desc"), quoteAll(c.written, lang), documents(c.in, lang))
}

func (c *contentEvidence) Evaluate(r Run) Outcome {
	var o Outcome
	lists := make([][]source.Entry, 0, len(c.ids)+1)
	for _, id := range c.ids {
		lists = append(lists, r.Matched(id))
	}
	if len(c.in) == 0 {
		lists = append(lists, r.SitePages()) // as for section: the site's pages too
	}
	seen := map[string]bool{}
	for _, list := range lists {
		for _, e := range list {
			if seen[e.Path] {
				continue
			}
			seen[e.Path] = true
			if !isFile(e) || len(c.in) == 0 && document.GenreOf(e.Path) != document.Documentation {
				continue // by default, as for section: the project's documentation only
			}
			if document.IsPDF(e.Path) {
				// A PDF's lines are those of its text; they have no number
				// a reader could go to.
				d, err := r.Doc(e)
				if err != nil {
					o.Err = err
				} else if line, re := c.match(d.Text); line > 0 {
					o.Found = append(o.Found, finding.Evidence{Path: e.Path, Detail: fmt.Sprintf(contentWords.In(r.Lang(), "line"), re)})
				}
				continue
			}
			data, _, err := r.Read(e, r.MaxRead())
			if err != nil {
				o.Err = err
				continue
			}
			txt, ok := document.Decode(data)
			if !ok {
				continue
			}
			if line, re := c.match(txt); line > 0 {
				o.Found = append(o.Found, finding.Evidence{Path: e.Path, Line: line, Detail: fmt.Sprintf(contentWords.In(r.Lang(), "line"), re)})
			}
		}
	}
	return o
}

// match returns the first line (1-based) that one of the expressions
// matches, and that expression as written.
func (c *contentEvidence) match(txt string) (int, string) {
	lines := strings.Split(txt, "\n")
	for n, line := range lines {
		line = strings.TrimSuffix(line, "\r")
		// Prose is wrapped: "Contact us directly at" and the address on
		// the next line of the same paragraph are one sentence. The line
		// alone is tried first, so that a pattern ending in $ still holds.
		joined := ""
		if n+1 < len(lines) && continues(lines[n+1]) {
			joined = line + " " + strings.TrimSpace(strings.TrimSuffix(lines[n+1], "\r"))
		}
		for i, re := range c.res {
			if re.MatchString(line) || joined != "" && re.MatchString(joined) {
				return n + 1, c.written[i]
			}
		}
	}
	return 0, ""
}

// continues: a line that carries on the paragraph above it, not a blank
// line, a heading, a list item or a table row of its own.
func continues(line string) bool {
	t := strings.TrimSpace(line)
	if t == "" {
		return false
	}
	switch t[0] {
	case '#', '-', '*', '+', '|', '>', '`':
		return false
	}
	if i := strings.IndexAny(t, ".)"); i > 0 && i <= 3 && strings.Trim(t[:i], "0123456789") == "" {
		return false // "2. Contact us": an item of its own
	}
	return true
}

// asciiBoundaryByAccent finds a \b that stands next to a letter outside
// ASCII ("\b(contact|écrivez)", "café\b"): RE2's \b knows only ASCII
// word characters, so that part never matches, silently — a trap for
// rules written in French.
func asciiBoundaryByAccent(expr string) (rune, bool) {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return 0, false
	}
	var found rune
	var walk func(*syntax.Regexp) bool
	walk = func(re *syntax.Regexp) bool {
		if re.Op == syntax.OpConcat {
			for i := 0; i+1 < len(re.Sub); i++ {
				r, ok := rune(0), false
				switch {
				case re.Sub[i].Op == syntax.OpWordBoundary:
					r, ok = edgeLetter(re.Sub[i+1], true)
				case re.Sub[i+1].Op == syntax.OpWordBoundary:
					r, ok = edgeLetter(re.Sub[i], false)
				}
				if ok {
					found = r
					return true
				}
			}
		}
		for _, sub := range re.Sub {
			if walk(sub) {
				return true
			}
		}
		return false
	}
	if walk(re) {
		return found, true
	}
	return 0, false
}

// edgeLetter: a letter outside ASCII that re may open with (first) or end
// with (!first), where \b beside it can never hold.
func edgeLetter(re *syntax.Regexp, first bool) (rune, bool) {
	switch re.Op {
	case syntax.OpLiteral:
		if len(re.Rune) == 0 {
			return 0, false
		}
		r := re.Rune[len(re.Rune)-1]
		if first {
			r = re.Rune[0]
		}
		return r, accented(r)
	case syntax.OpCapture, syntax.OpPlus:
		return edgeLetter(re.Sub[0], first)
	case syntax.OpRepeat:
		if re.Min > 0 {
			return edgeLetter(re.Sub[0], first)
		}
	case syntax.OpConcat:
		if len(re.Sub) > 0 {
			sub := re.Sub[len(re.Sub)-1]
			if first {
				sub = re.Sub[0]
			}
			return edgeLetter(sub, first)
		}
	case syntax.OpAlternate:
		for _, sub := range re.Sub {
			if r, ok := edgeLetter(sub, first); ok {
				return r, true
			}
		}
	case syntax.OpCharClass:
		// A class that may also hold an ASCII word character ([a-zà-ü],
		// (?i)[ck], which adds the Kelvin sign) can match there.
		var letter rune
		for i := 0; i+1 < len(re.Rune); i += 2 {
			lo, hi := re.Rune[i], re.Rune[i+1]
			for r := lo; r <= hi && r <= unicode.MaxASCII; r++ {
				if r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) {
					return 0, false
				}
			}
			if letter == 0 && hi > unicode.MaxASCII && accented(max(lo, unicode.MaxASCII+1)) {
				letter = max(lo, unicode.MaxASCII+1)
			}
		}
		return letter, letter != 0
	}
	return 0, false
}

// accented: a letter outside ASCII that no ASCII letter folds to (é, not
// the long s ſ that (?i) adds for s).
func accented(r rune) bool {
	if r <= unicode.MaxASCII || !unicode.IsLetter(r) {
		return false
	}
	for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
		if f <= unicode.MaxASCII {
			return false
		}
	}
	return true
}
