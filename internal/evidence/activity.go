package evidence

import (
	"fmt"
	"time"

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
	// A date past tomorrow (clock skew aside) is a wrong clock or a forged
	// date: said as such, and no proof of activity.
	if head.When.After(now.Add(24 * time.Hour)) {
		return Outcome{Rejected: []finding.Evidence{{Detail: fmt.Sprintf(historyWords.In(lang, "act-future"), day(head.When), head.Author.Name, short(head.Hash))}}}
	}
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
		if f, err := r.History(); err == nil && f.Head.When.After(r.Now().Add(24*time.Hour)) && len(res.Evidence) > 0 {
			res.Message = fmt.Sprintf(historyWords.In(lang, "act-future-fail"), res.Evidence[0].Detail)
		}
	}
}

func (a *activityEvidence) Params(lang string) map[string]string {
	return map[string]string{"max-age": periodIn(a.maxAge, lang)}
}
