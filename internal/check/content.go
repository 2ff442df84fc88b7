package check

import (
	"errors"
	"fmt"
	"regexp"
	"regexp/syntax"
	"strings"

	"github.com/passation/passation/internal/catalog"
	"github.com/passation/passation/internal/finding"
	"github.com/passation/passation/internal/i18n"
	"github.com/passation/passation/internal/source"
)

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

func compileContent(ev catalog.Evidence, g *globSet) (evidence, error) {
	c := &contentEvidence{written: ev.Values, in: ev.In}
	for _, v := range ev.Values {
		re, err := regexp.Compile(v)
		if err != nil {
			var se *syntax.Error
			if errors.As(err, &se) {
				return nil, fmt.Errorf("invalid regular expression `%s`: %s", v, se.Code)
			}
			return nil, fmt.Errorf("invalid regular expression `%s`: %v", v, err)
		}
		c.res = append(c.res, re)
	}
	in := ev.In
	if len(in) == 0 {
		in = defaultDocs
	}
	ids, err := g.addAll(in)
	if err != nil {
		return nil, err
	}
	c.ids = ids
	return c, nil
}

var contentWords = i18n.Text{
	"desc": {"a line matching %s in %s", "une ligne correspondant à %s dans %s"},
	"line": {"line matching %q", "ligne correspondant à « %s »"},
}

func (c *contentEvidence) describe(lang string) string {
	where := say(lang, "desc-readme")
	if len(c.in) > 0 {
		where = quoteAll(c.in, lang)
	}
	return fmt.Sprintf(contentWords.In(lang, "desc"), quoteAll(c.written, lang), where)
}

func (c *contentEvidence) evaluate(r *run) outcome {
	var o outcome
	for _, id := range c.ids {
		for _, e := range r.matched[id] {
			if e.Kind != source.File && e.Kind != source.Executable {
				continue
			}
			data, _, err := r.tree.Read(e, r.opt.MaxRead)
			if err != nil {
				o.err = err
				continue
			}
			txt, ok := decodeText(data)
			if !ok {
				continue
			}
			if line, re := c.match(txt); line > 0 {
				o.found = append(o.found, finding.Evidence{Path: e.Path, Line: line, Detail: fmt.Sprintf(contentWords.In(r.opt.Lang, "line"), re)})
			}
		}
	}
	return o
}

// match returns the first line (1-based) that one of the expressions
// matches, and that expression as written.
func (c *contentEvidence) match(txt string) (int, string) {
	for n, line := range strings.Split(txt, "\n") {
		line = strings.TrimSuffix(line, "\r")
		for i, re := range c.res {
			if re.MatchString(line) {
				return n + 1, c.written[i]
			}
		}
	}
	return 0, ""
}
