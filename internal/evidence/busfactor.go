package evidence

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/passation/passation/internal/catalog"
	"github.com/passation/passation/internal/finding"
	"github.com/passation/passation/internal/history"
)

// busFactorEvidence: enough people committed lately.
type busFactorEvidence struct {
	window    history.Period
	minPeople int
}

func (b *busFactorEvidence) Describe(lang string) string {
	return fmt.Sprintf(historyWords.For(lang, "desc-bus", b.minPeople), b.minPeople, periodIn(b.window, lang))
}

func (b *busFactorEvidence) Request(r Run, req *history.Request) {
	since(req, b.window.SubFrom(r.Now()))
}

func (b *busFactorEvidence) Evaluate(r Run) Outcome {
	f, err := r.History()
	if err != nil {
		return Outcome{Err: err}
	}
	if !f.WindowComplete {
		return Outcome{Err: truncated(f)}
	}
	people := recentPeople(f, b.window.SubFrom(r.Now()))
	var evs []finding.Evidence
	for _, p := range people {
		evs = append(evs, finding.Evidence{Detail: personDetail(p, r.Lang())})
	}
	if len(people) >= b.minPeople && len(people) > 0 {
		return Outcome{Found: evs}
	}
	if len(evs) == 0 {
		evs = append(evs, finding.Evidence{Detail: fmt.Sprintf(historyWords.In(r.Lang(), "bus-nobody"), periodIn(b.window, r.Lang()), day(b.window.SubFrom(r.Now())))})
	}
	return Outcome{Rejected: evs}
}

func (b *busFactorEvidence) Annotate(r Run, rule catalog.Rule, res *finding.Result) {
	lang := r.Lang()
	f, _ := r.History()
	switch res.Status {
	case finding.Pass:
		people := recentPeople(f, b.window.SubFrom(r.Now()))
		res.Message = fmt.Sprintf(historyWords.For(lang, "bus-pass", len(people)), len(people), periodIn(b.window, lang), names(people, 5, lang))
	case finding.Fail:
		res.Message = Expand(rule.Message.In(lang), b.Params(lang))
	}
}

func (b *busFactorEvidence) Params(lang string) map[string]string {
	return map[string]string{"window": periodIn(b.window, lang), "min-people": strconv.Itoa(b.minPeople)}
}

// recentCommits is one person's commits since a date.
type recentCommits struct {
	history.Person
	count int
	last  time.Time
}

// recentPeople lists the people, bots aside, who committed at or after
// from, most commits first. The history has merged the addresses a name
// links (a work and a personal one, with no .mailmap).
func recentPeople(f *history.Facts, from time.Time) []recentCommits {
	var out []recentCommits
	for _, p := range f.People {
		if p.Bot {
			continue
		}
		n := 0
		for _, d := range p.Dates {
			if !d.Before(from) {
				n++
			}
		}
		if n == 0 {
			continue
		}
		out = append(out, recentCommits{Person: p, count: n, last: p.Dates[0]})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].count > out[j].count })
	return out
}

func personDetail(p recentCommits, lang string) string {
	return fmt.Sprintf(historyWords.For(lang, "person", p.count), p.Identity, p.count, day(p.last))
}

// names lists at most n people's names, with how many more.
func names(people []recentCommits, n int, lang string) string {
	return listPeople(people, n, lang, func(_ recentCommits, name string) string { return name })
}

// listPeople writes at most n people, each by show (given the person and
// their name, or their e-mail when the name is empty), and how many more.
func listPeople(people []recentCommits, n int, lang string, show func(p recentCommits, name string) string) string {
	var out []string
	for i, p := range people {
		if i == n {
			out = append(out, historyWords.Count(lang, "and-more", len(people)-n))
			break
		}
		name := p.Name
		if name == "" {
			name = p.Email
		}
		out = append(out, show(p, name))
	}
	return strings.Join(out, ", ")
}
