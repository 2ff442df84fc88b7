package evidence

import (
	"fmt"

	"github.com/passation/passation/internal/catalog"
	"github.com/passation/passation/internal/finding"
	"github.com/passation/passation/internal/history"
)

// releaseEvidence: a tag or a release branch.
type releaseEvidence struct{}

func (*releaseEvidence) Describe(lang string) string { return historyWords.In(lang, "desc-release") }

func (*releaseEvidence) Request(_ Run, req *history.Request) { req.Tags = true }

func (*releaseEvidence) Evaluate(r Run) Outcome {
	f, err := r.History()
	if err != nil {
		return Outcome{Err: err}
	}
	if len(f.Tags) == 0 {
		if f.Shallow {
			// A shallow clone (actions/checkout's default) fetches no tags.
			return Outcome{Err: truncated(f)}
		}
		return Outcome{}
	}
	var evs []finding.Evidence
	for _, t := range f.Tags {
		key := "tag"
		if t.Branch {
			key = "release-branch"
		}
		evs = append(evs, finding.Evidence{Detail: fmt.Sprintf(historyWords.In(r.Lang(), key), t.Name, day(t.When))})
	}
	return Outcome{Found: evs}
}

func (*releaseEvidence) Annotate(r Run, _ catalog.Rule, res *finding.Result) {
	lang := r.Lang()
	f, _ := r.History()
	if res.Status == finding.Pass {
		res.Message = fmt.Sprintf(historyWords.In(lang, "release-pass"), res.Evidence[0].Detail, len(f.Tags))
	}
}
