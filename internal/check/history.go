package check

import (
	"errors"
	"fmt"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/passation/passation/internal/catalog"
	"github.com/passation/passation/internal/finding"
	"github.com/passation/passation/internal/history"
)

// History is the history of the checked commit, as the history rules read
// it: history.Source for a git commit. A folder has none.
type History interface {
	Facts(req history.Request) (*history.Facts, error)
}

// historyRun is the history part of one run: the facts are read once, on
// first use, with one request that gathers what every selected rule needs.
// A run whose rules need no history never walks it.
type historyRun struct {
	rules []compiledRule
	done  bool
	facts *history.Facts
	err   error
}

// historyUser is evidence that reads the history: it adds what it needs to
// the run's single request.
type historyUser interface {
	request(r *run, req *history.Request)
}

// annotator is evidence that completes its rule's verdict once it is known:
// messages with the rule's thresholds in the report language, hints drawn
// from the history.
type annotator interface {
	annotate(r *run, cr compiledRule, res *finding.Result)
}

// annotate lets a rule's evidence complete its verdict. A rule skipped for
// a reason of the history says it in the report language.
func (r *run) annotate(cr compiledRule, res *finding.Result) {
	for _, e := range cr.evidence {
		a, ok := e.(annotator)
		if !ok {
			continue
		}
		var he *historyError
		if res.Status == finding.Skip && errors.As(e.evaluate(r).err, &he) {
			res.Message = fmt.Sprintf(say(r.opt.Lang, "unreadable"), he.in(r.opt.Lang))
		}
		a.annotate(r, cr, res)
	}
}

// facts reads the history once for the whole run.
func (r *run) facts() (*history.Facts, error) {
	h := &r.hist
	if h.done {
		return h.facts, h.err
	}
	h.done = true
	switch {
	case r.opt.History == nil:
		h.err = histErr("hist-none")
	case r.opt.Now.IsZero():
		h.err = histErr("hist-noclock")
	default:
		var req history.Request
		for _, cr := range h.rules {
			for _, e := range cr.evidence {
				if u, ok := e.(historyUser); ok {
					u.request(r, &req)
				}
			}
		}
		h.facts, h.err = r.opt.History.Facts(req)
		if h.err != nil {
			h.err = histErr("hist-read", h.err)
		}
	}
	return h.facts, h.err
}

// historyError says, in either language, why a history rule could not
// decide.
type historyError struct {
	key  string
	args []any
}

func histErr(key string, args ...any) error { return &historyError{key: key, args: args} }

func (e *historyError) Error() string { return e.in("en") }

func (e *historyError) in(lang string) string { return fmt.Sprintf(say(lang, e.key), e.args...) }

// truncated is the skip reason of a rule that needs more history than a
// shallow clone holds.
func truncated(f *history.Facts) error { return histErr("hist-truncated", f.Depth) }

// params reads and checks an evidence item's "with" parameters.
type params struct {
	with map[string][]string
	used map[string]bool
	errs []error
}

func newParams(ev catalog.Evidence) *params {
	return &params{with: ev.With, used: map[string]bool{}}
}

func (p *params) raw(key string) (string, bool) {
	p.used[key] = true
	v, ok := p.with[key]
	if !ok {
		return "", false
	}
	if len(v) != 1 {
		p.errs = append(p.errs, fmt.Errorf("with %s: expected one value, got %d", key, len(v)))
		return "", false
	}
	return v[0], true
}

func (p *params) period(key, def string) history.Period {
	v, ok := p.raw(key)
	if !ok {
		v = def
	}
	d, err := history.ParsePeriod(v)
	if err != nil {
		p.errs = append(p.errs, fmt.Errorf("with %s: %w", key, err))
	}
	return d
}

func (p *params) number(key string, def int) int {
	v, ok := p.raw(key)
	if !ok {
		return def
	}
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil || n < 0 {
		p.errs = append(p.errs, fmt.Errorf("with %s: expected a whole number, got %q", key, v))
	}
	return n
}

var ruleIDPattern = regexp.MustCompile(`^[a-z][a-z0-9]*(-[a-z0-9]+)*$`)

func (p *params) ruleIDs(key string) []string {
	p.used[key] = true
	ids := p.with[key]
	for _, id := range ids {
		if !ruleIDPattern.MatchString(id) {
			p.errs = append(p.errs, fmt.Errorf("with %s: %q is not a rule id", key, id))
		}
	}
	return ids
}

// err reports bad values and unknown parameters.
func (p *params) err() error {
	var unknown, known []string
	for k := range p.with {
		if !p.used[k] {
			unknown = append(unknown, k)
		}
	}
	for k := range p.used {
		known = append(known, k)
	}
	sort.Strings(unknown)
	sort.Strings(known)
	for _, k := range unknown {
		msg := fmt.Sprintf("unknown parameter %q: expected %s", k, strings.Join(known, ", "))
		if len(known) == 0 {
			msg = fmt.Sprintf("unknown parameter %q: this kind takes none", k)
		} else if s := catalog.Suggest(k, known); s != "" {
			msg = fmt.Sprintf("unknown parameter %q: did you mean %q?", k, s)
		}
		p.errs = append(p.errs, errors.New(msg))
	}
	return errors.Join(p.errs...)
}

// ReadsHistory reports whether a rule is judged on the history alone
// (activity, bus-factor, doc-freshness, release): it says nothing of what
// the next commit contains, so a pre-commit check leaves it out.
func ReadsHistory(r catalog.Rule) bool {
	for _, e := range r.Evidence {
		if e.Kind != "history" {
			return false
		}
	}
	return len(r.Evidence) > 0
}

// parameterised is evidence whose parameters a rule's message may quote.
type parameterised interface {
	params(lang string) map[string]string
}

// Message is a rule's message with the parameters of its evidence in place
// of {name}, as reports show it when the rule fails.
func Message(r catalog.Rule, lang string) string {
	msg := r.Message.In(lang)
	c, err := Compile([]catalog.Rule{r})
	if err != nil {
		return msg
	}
	for _, e := range c.rules[0].evidence {
		if p, ok := e.(parameterised); ok {
			msg = expand(msg, p.params(lang))
		}
	}
	return msg
}

// expand replaces {name} in a rule text with the parameters' values.
func expand(text string, vals map[string]string) string {
	for k, v := range vals {
		text = strings.ReplaceAll(text, "{"+k+"}", v)
	}
	return text
}

// compileHistory compiles "history: <what>" evidence.
func compileHistory(ev catalog.Evidence, g *globSet) (evidence, error) {
	if len(ev.Values) != 1 {
		return nil, fmt.Errorf("expected one of %s", strings.Join(historyKinds, ", "))
	}
	p := newParams(ev)
	var e evidence
	switch ev.Values[0] {
	case "activity":
		e = &activityEvidence{maxAge: p.period("max-age", "6 months")}
	case "bus-factor":
		e = &busFactorEvidence{window: p.period("window", "12 months"), minPeople: p.number("min-people", 2)}
	case "doc-freshness":
		f := &freshnessEvidence{
			documentsOf: p.ruleIDs("documents-of"), warnFor: p.ruleIDs("warn-for"),
			maxLag: p.period("max-lag", "6 months"), maxCommits: p.number("max-commits", 10),
		}
		if len(f.documentsOf) == 0 {
			p.errs = append(p.errs, errors.New("with documents-of: expected the ids of the rules whose documents to date"))
		}
		if len(f.warnFor) == 0 {
			f.warnFor = f.documentsOf
		}
		e = f
	case "release":
		e = &releaseEvidence{}
	case "maintainer-hint":
		e = &maintainerHint{window: p.period("window", "12 months"), top: p.number("top", 3)}
	default:
		msg := fmt.Sprintf("expected one of %s", strings.Join(historyKinds, ", "))
		if s := catalog.Suggest(ev.Values[0], historyKinds); s != "" {
			msg = fmt.Sprintf("did you mean %q?", s)
		}
		return nil, fmt.Errorf("unknown history fact %q: %s", ev.Values[0], msg)
	}
	if err := p.err(); err != nil {
		return nil, err
	}
	return e, nil
}

var historyKinds = []string{"activity", "bus-factor", "doc-freshness", "release", "maintainer-hint"}

// since widens the request's author window to start at t.
func since(req *history.Request, t time.Time) {
	if req.Since.IsZero() || t.Before(req.Since) {
		req.Since = t
	}
}

// activityEvidence: the checked commit is recent.
type activityEvidence struct{ maxAge history.Period }

func (a *activityEvidence) describe(lang string) string {
	return fmt.Sprintf(say(lang, "desc-activity"), periodIn(a.maxAge, lang))
}

func (a *activityEvidence) request(*run, *history.Request) {}

func (a *activityEvidence) evaluate(r *run) outcome {
	f, err := r.facts()
	if err != nil {
		return outcome{err: err}
	}
	lang, now, head := r.opt.Lang, r.opt.Now, f.Head
	// A date past tomorrow (clock skew aside) is a wrong clock or a forged
	// date: said as such, and no proof of activity.
	if head.When.After(now.Add(24 * time.Hour)) {
		return outcome{rejected: []finding.Evidence{{Detail: fmt.Sprintf(say(lang, "act-future"), day(head.When), head.Author.Name, short(head.Hash))}}}
	}
	ev := finding.Evidence{Detail: fmt.Sprintf(say(lang, "act-detail"), day(head.When), span(now.Sub(head.When), lang), head.Author.Name, short(head.Hash))}
	if a.maxAge.AddTo(head.When).Before(now) {
		return outcome{rejected: []finding.Evidence{ev}}
	}
	return outcome{found: []finding.Evidence{ev}}
}

func (a *activityEvidence) annotate(r *run, cr compiledRule, res *finding.Result) {
	lang := r.opt.Lang
	switch res.Status {
	case finding.Pass:
		res.Message = fmt.Sprintf(say(lang, "act-pass"), res.Evidence[0].Detail)
	case finding.Fail:
		res.Message = expand(cr.Message.In(lang), a.params(lang))
		if f, err := r.facts(); err == nil && f.Head.When.After(r.opt.Now.Add(24*time.Hour)) && len(res.Evidence) > 0 {
			res.Message = fmt.Sprintf(say(lang, "act-future-fail"), res.Evidence[0].Detail)
		}
	}
}

func (a *activityEvidence) params(lang string) map[string]string {
	return map[string]string{"max-age": periodIn(a.maxAge, lang)}
}

// busFactorEvidence: enough people committed lately.
type busFactorEvidence struct {
	window    history.Period
	minPeople int
}

func (b *busFactorEvidence) describe(lang string) string {
	return fmt.Sprintf(say(lang, "desc-bus"), b.minPeople, periodIn(b.window, lang))
}

func (b *busFactorEvidence) request(r *run, req *history.Request) {
	since(req, b.window.SubFrom(r.opt.Now))
}

func (b *busFactorEvidence) evaluate(r *run) outcome {
	f, err := r.facts()
	if err != nil {
		return outcome{err: err}
	}
	if !f.WindowComplete {
		return outcome{err: truncated(f)}
	}
	people := recentPeople(f, b.window.SubFrom(r.opt.Now))
	var evs []finding.Evidence
	for _, p := range people {
		evs = append(evs, finding.Evidence{Detail: personDetail(p, r.opt.Lang)})
	}
	if len(people) >= b.minPeople && len(people) > 0 {
		return outcome{found: evs}
	}
	if len(evs) == 0 {
		evs = append(evs, finding.Evidence{Detail: fmt.Sprintf(say(r.opt.Lang, "bus-nobody"), day(b.window.SubFrom(r.opt.Now)))})
	}
	return outcome{rejected: evs}
}

func (b *busFactorEvidence) annotate(r *run, cr compiledRule, res *finding.Result) {
	lang := r.opt.Lang
	f, _ := r.facts()
	switch res.Status {
	case finding.Pass:
		people := recentPeople(f, b.window.SubFrom(r.opt.Now))
		res.Message = fmt.Sprintf(say(lang, "bus-pass"), len(people), periodIn(b.window, lang), names(people, 5, lang))
	case finding.Fail:
		res.Message = expand(cr.Message.In(lang), b.params(lang))
	}
}

func (b *busFactorEvidence) params(lang string) map[string]string {
	return map[string]string{"window": periodIn(b.window, lang), "min-people": strconv.Itoa(b.minPeople)}
}

// recentCommits is one person's commits since a date.
type recentCommits struct {
	history.Person
	count int
	last  time.Time
}

// recentPeople lists the people, bots aside, who committed at or after
// from, most commits first.
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
		if n > 0 {
			out = append(out, recentCommits{Person: p, count: n, last: p.Dates[0]})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].count > out[j].count })
	return out
}

func personDetail(p recentCommits, lang string) string {
	key := "person-n"
	if p.count == 1 {
		key = "person-1"
	}
	return fmt.Sprintf(say(lang, key), p.Identity, p.count, day(p.last))
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
			out = append(out, fmt.Sprintf(say(lang, "and-more"), len(people)-n))
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

// releaseEvidence: a tag or a release branch.
type releaseEvidence struct{}

func (*releaseEvidence) describe(lang string) string { return say(lang, "desc-release") }

func (*releaseEvidence) request(_ *run, req *history.Request) { req.Tags = true }

func (*releaseEvidence) evaluate(r *run) outcome {
	f, err := r.facts()
	if err != nil {
		return outcome{err: err}
	}
	if len(f.Tags) == 0 {
		if f.Shallow {
			// A shallow clone (actions/checkout's default) fetches no tags.
			return outcome{err: truncated(f)}
		}
		return outcome{}
	}
	var evs []finding.Evidence
	for _, t := range f.Tags {
		key := "tag"
		if t.Branch {
			key = "release-branch"
		}
		evs = append(evs, finding.Evidence{Detail: fmt.Sprintf(say(r.opt.Lang, key), t.Name, day(t.When))})
	}
	return outcome{found: evs}
}

func (*releaseEvidence) annotate(r *run, _ compiledRule, res *finding.Result) {
	lang := r.opt.Lang
	f, _ := r.facts()
	if res.Status == finding.Pass {
		res.Message = fmt.Sprintf(say(lang, "release-pass"), res.Evidence[0].Detail, len(f.Tags))
	}
}

// day writes a date as the reports do.
func day(t time.Time) string { return t.UTC().Format("2006-01-02") }

func short(hash string) string {
	if len(hash) > 7 {
		return hash[:7]
	}
	return hash
}

// span writes a length of time as a reader says it: days, months or years.
func span(d time.Duration, lang string) string {
	days := int(d.Hours() / 24)
	months := int(math.Round(d.Hours() / 24 / 30.44))
	switch {
	case days < 1:
		return say(lang, "under-a-day")
	case days < 45:
		return count(days, "day", lang)
	case months < 24:
		return count(months, "month", lang)
	}
	return count(days/365, "year", lang)
}

// periodIn writes a threshold in lang.
func periodIn(p history.Period, lang string) string {
	var parts []string
	if p.Years != 0 {
		parts = append(parts, count(p.Years, "year", lang))
	}
	if p.Months != 0 {
		parts = append(parts, count(p.Months, "month", lang))
	}
	if p.Days != 0 || len(parts) == 0 {
		parts = append(parts, count(p.Days, "day", lang))
	}
	return strings.Join(parts, say(lang, "and"))
}

func count(n int, unit, lang string) string {
	if n == 1 {
		return fmt.Sprintf(say(lang, unit), n)
	}
	return fmt.Sprintf(say(lang, unit+"s"), n)
}
