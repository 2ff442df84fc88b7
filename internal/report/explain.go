package report

import (
	"fmt"

	"github.com/passation/passation/internal/finding"
	"github.com/passation/passation/internal/i18n"
)

var explainWords = i18n.Text{
	"looked":  {"looked for %s:", "a cherché %s :"},
	"decided": {"decided the verdict — looked for %s:", "a décidé du verdict — a cherché %s :"},
	"counted": {"counts", "compte"},
	"refused": {"refused", "refusé"},
	"nothing": {"nothing", "rien"},
	"score":   {"score %d: %s", "score %d : %s"},
	"best":    {"score %d: %s — the best, the verdict names it", "score %d : %s — la meilleure, le verdict la nomme"},
}

// considered prints, under an item, what each of its evidence counted and
// refused (check --explain): a reader sees why the verdict is what it is
// and which near miss to fix.
func (p *printer) considered(res finding.Result, lang string) {
	for _, c := range res.Considered {
		key := "looked"
		if c.Decided {
			key = "decided"
		}
		p.line("", "      "+fmt.Sprintf(explainWords.In(lang, key), c.LookedFor))
		if len(c.Counted) == 0 && len(c.Refused) == 0 {
			p.line(dim, "        "+explainWords.In(lang, "nothing"))
		}
		for _, e := range c.Counted {
			p.line(green, "        + "+explainWords.In(lang, "counted")+"  "+evidence(e))
			switch {
			case e.Why != "" && c.Decided && len(res.Evidence) > 0 && e == res.Evidence[0]:
				p.line(dim, "            "+fmt.Sprintf(explainWords.In(lang, "best"), e.Score, e.Why))
			case e.Why != "":
				p.line(dim, "            "+fmt.Sprintf(explainWords.In(lang, "score"), e.Score, e.Why))
			}
		}
		for _, e := range c.Refused {
			p.line(dim, "        − "+explainWords.In(lang, "refused")+"  "+evidence(e))
		}
	}
}
