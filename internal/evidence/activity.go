package evidence

import (
	"fmt"

	"github.com/passation/passation/internal/catalog"
	"github.com/passation/passation/internal/finding"
	"github.com/passation/passation/internal/history"
)

// activityEvidence: the checked commit is recent.
type activityEvidence struct{ maxAge history.Period }

func (a *activityEvidence) Describe(lang string) string {
	return fmt.Sprintf(historyWords.In(lang, "desc-activity"), periodIn(a.maxAge, lang))
}

func (a *activityEvidence) Request(Run, *history.Request) {}

func (a *activityEvidence) Evaluate(r Run) Outcome {
	f, err := r.History()
	if err != nil {
		return Outcome{Err: err}
	}
	lang, now, head := r.Lang(), r.Now(), f.Head
	ev := finding.Evidence{Detail: fmt.Sprintf(historyWords.In(lang, "act-detail"), day(head.When), span(now.Sub(head.When), lang), head.Author.Name, short(head.Hash))}
	if a.maxAge.AddTo(head.When).Before(now) {
		return Outcome{Rejected: []finding.Evidence{ev}}
	}
	return Outcome{Found: []finding.Evidence{ev}}
}

func (a *activityEvidence) Annotate(r Run, rule catalog.Rule, res *finding.Result) {
	lang := r.Lang()
	switch res.Status {
	case finding.Pass:
		res.Message = fmt.Sprintf(historyWords.In(lang, "act-pass"), res.Evidence[0].Detail)
	case finding.Fail:
		res.Message = Expand(rule.Message.In(lang), a.Params(lang))
	}
}

func (a *activityEvidence) Params(lang string) map[string]string {
	return map[string]string{"max-age": periodIn(a.maxAge, lang)}
}
