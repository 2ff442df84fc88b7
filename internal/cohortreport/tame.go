package cohortreport

import (
	"strings"

	"github.com/passation/passation/internal/audit"
	"github.com/passation/passation/internal/finding"
	"github.com/passation/passation/internal/safetext"
)

// tamed returns a copy of res whose every text from a repository, a server
// or the cohort list (names, URLs, refs, messages, file names) has its
// control and bidi characters escaped, for the outputs people read. res
// itself is left as it is, for report.json.
func tamed(res *audit.Result) *audit.Result {
	out := *res
	out.Repositories = make([]audit.Repository, len(res.Repositories))
	for i, r := range res.Repositories {
		for _, s := range []*string{&r.Name, &r.Team, &r.Challenge, &r.URL, &r.Ref} {
			*s = safetext.Line(*s)
		}
		if r.Error != nil {
			e := *r.Error
			e.Message = safetext.Line(e.Message)
			r.Error = &e
		}
		r.Notes = lines(r.Notes)
		if r.Report != nil {
			rep := *r.Report
			rep.Repository.Path = safetext.Line(rep.Repository.Path)
			rep.Repository.Ref = safetext.Line(rep.Repository.Ref)
			rep.Results = make([]finding.Result, len(r.Report.Results))
			for k, x := range r.Report.Results {
				x.Title, x.Message, x.Hint = multi(x.Title), multi(x.Message), multi(x.Hint)
				ev := make([]finding.Evidence, len(x.Evidence))
				for j, e := range x.Evidence {
					e.Path, e.Detail = safetext.Line(e.Path), safetext.Line(e.Detail)
					ev[j] = e
				}
				x.Evidence = ev
				x.LookedFor = lines(x.LookedFor)
				rep.Results[k] = x
			}
			r.Report = &rep
		}
		out.Repositories[i] = r
	}
	if res.Changes != nil {
		ch := *res.Changes
		ch.Since = safetext.Line(ch.Since)
		ch.Repositories = make([]audit.Change, len(res.Changes.Repositories))
		for i, c := range res.Changes.Repositories {
			c.Name, c.URL = safetext.Line(c.Name), safetext.Line(c.URL)
			ch.Repositories[i] = c
		}
		ch.Gone = make([]audit.Gone, len(res.Changes.Gone))
		for i, g := range res.Changes.Gone {
			g.Name, g.URL, g.Ref = safetext.Line(g.Name), safetext.Line(g.URL), safetext.Line(g.Ref)
			ch.Gone[i] = g
		}
		out.Changes = &ch
	}
	return &out
}

func lines(in []string) []string {
	if in == nil {
		return nil
	}
	out := make([]string, len(in))
	for i, s := range in {
		out[i] = safetext.Line(s)
	}
	return out
}

// multi keeps the line breaks of passation's own texts (a hint on two
// lines), and escapes everything else.
func multi(s string) string {
	parts := strings.Split(s, "\n")
	for i, p := range parts {
		parts[i] = safetext.Line(p)
	}
	return strings.Join(parts, "\n")
}
