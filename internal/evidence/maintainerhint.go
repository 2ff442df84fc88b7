package evidence

import (
	"fmt"
	"strings"

	"github.com/passation/passation/internal/catalog"
	"github.com/passation/passation/internal/document"
	"github.com/passation/passation/internal/finding"
	"github.com/passation/passation/internal/history"
	"github.com/passation/passation/internal/textfold"
)

// the people named committed recently.
type maintainerHint struct {
	window history.Period
	top    int
}

func (m *maintainerHint) Describe(lang string) string {
	return fmt.Sprintf(historyWords.In(lang, "desc-mhint"), periodIn(m.window, lang))
}

func (m *maintainerHint) Request(r Run, req *history.Request) {
	since(req, m.window.SubFrom(r.Now()))
}

func (m *maintainerHint) Evaluate(Run) Outcome { return Outcome{} }

func (m *maintainerHint) Annotate(r Run, _ catalog.Rule, res *finding.Result) {
	if res.Status != finding.Pass && res.Status != finding.Fail {
		return
	}
	f, err := r.History()
	if err != nil {
		return // a hint, not a verdict: no history, no hint
	}
	lang := r.Lang()
	window := periodIn(m.window, lang)
	people := recentPeople(f, m.window.SubFrom(r.Now()))
	note := ""
	if !f.WindowComplete {
		note = fmt.Sprintf(historyWords.In(lang, "mhint-truncated"), f.Depth)
	}
	if res.Status == finding.Fail {
		if len(people) == 0 {
			res.Hint += "\n" + fmt.Sprintf(historyWords.In(lang, "mhint-nobody"), window) + note + "."
			return
		}
		// A line of its own: what the history says, apart from the remedy.
		res.Hint += "\n" + fmt.Sprintf(historyWords.In(lang, "mhint-suggest"), window, withCounts(people, m.top, lang)) + note + "."
		return
	}
	var msg string
	if named := namedIn(r, res.Evidence, people); len(named) > 0 {
		msg = fmt.Sprintf(historyWords.In(lang, "mhint-named"), window, withCounts(named, m.top, lang))
	} else {
		msg = fmt.Sprintf(historyWords.In(lang, "mhint-absent"), window)
		if len(people) > 0 {
			msg += fmt.Sprintf(historyWords.In(lang, "mhint-active"), withCounts(people, m.top, lang))
		}
	}
	msg += note + "."
	res.Message += " " + msg
	// A note too, so that the text report, which lists evidence rather
	// than messages for found items, shows it.
	res.Notes = append(res.Notes, msg)
}

// withCounts lists people with their number of commits.
func withCounts(people []recentCommits, n int, lang string) string {
	return listPeople(people, n, lang, func(p recentCommits, name string) string {
		return fmt.Sprintf(historyWords.In(lang, "name-count"), name, count(p.count, "commit", lang))
	})
}

// namedIn returns the people that the documents of evidence name: by
// e-mail, by GitHub handle (@login, from a users.noreply.github.com
// address), or by full name.
func namedIn(r Run, evidence []finding.Evidence, people []recentCommits) []recentCommits {
	var texts []string
	seen := map[string]bool{}
	for _, ev := range evidence {
		if ev.Path == "" || seen[ev.Path] {
			continue
		}
		seen[ev.Path] = true
		if e, ok := r.Entry(ev.Path); ok {
			if data, _, err := r.Read(e, r.MaxRead()); err == nil {
				if txt, ok := document.Decode(data); ok {
					texts = append(texts, txt)
				}
			}
		}
	}
	text := strings.Join(texts, "\n")
	lower, words := strings.ToLower(text), textfold.Words(text)
	var out []recentCommits
	for _, p := range people {
		if mentions(lower, words, p.Identity) {
			out = append(out, p)
		}
	}
	return out
}

// mentions reports whether a text names a person.
func mentions(lower string, words []string, id history.Identity) bool {
	email := strings.ToLower(id.Email)
	if email != "" && strings.Contains(lower, email) {
		return true
	}
	if login, ok := strings.CutSuffix(email, "@users.noreply.github.com"); ok {
		if _, after, found := strings.Cut(login, "+"); found {
			login = after
		}
		if login != "" && strings.Contains(lower, "@"+login) {
			return true
		}
	}
	nw := textfold.Words(id.Name)
	if len(nw) == 1 && len(nw[0]) < 3 {
		return false
	}
	return textfold.ContainsPhrase(words, nw)
}

// Advisory: shown, never counted.
func (*maintainerHint) Advisory() {}
