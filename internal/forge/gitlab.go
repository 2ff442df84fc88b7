package forge

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"

	gitlab "gitlab.com/gitlab-org/api/client-go/v2"
)

// noLimit replaces client-go's own limiter, which spaces requests from the
// RateLimit-Limit header on the system clock: passation waits only when the
// forge says so, and says it.
type noLimit struct{}

func (noLimit) Wait(ctx context.Context) error { return ctx.Err() }

// listGitLab pages through GET /groups/{path}/projects with its subgroups,
// without the projects only shared with the group (they belong elsewhere).
func listGitLab(ctx context.Context, spec Spec, o Options) (*Listing, error) {
	tok := token(o.Getenv, "GITLAB_TOKEN")
	l := &Listing{Spec: spec, Host: "gitlab.com", Token: tok}
	if tok != "" {
		l.TokenVar = "GITLAB_TOKEN"
	}
	opts := []gitlab.ClientOptionFunc{
		gitlab.WithHTTPClient(o.HTTPClient), gitlab.WithoutRetries(), gitlab.WithCustomLimiter(noLimit{}),
		gitlab.WithUserAgent("passation"), gitlab.WithURLWarningLogger(slog.New(slog.NewTextHandler(io.Discard, nil))),
	}
	if o.GitLabURL != "" {
		u, err := baseURL("--gitlab-url", o.GitLabURL, tok != "")
		if err != nil {
			return nil, err
		}
		l.Host = u.Hostname()
		opts = append(opts, gitlab.WithBaseURL(u.String()))
	}
	var auth gitlab.AuthSource = gitlab.Unauthenticated{}
	if tok != "" {
		auth = gitlab.AccessTokenAuthSource{Token: tok}
	}
	client, err := gitlab.NewAuthSourceClient(auth, opts...)
	if err != nil {
		return nil, words.Errorf("url.invalid", "--gitlab-url", o.GitLabURL)
	}
	w := &waiter{o: o, spec: spec, host: l.Host, hint: "GITLAB_TOKEN"}
	lo := &gitlab.ListGroupProjectsOptions{
		ListOptions:      gitlab.ListOptions{PerPage: 100, Page: 1},
		IncludeSubGroups: gitlab.Ptr(true), WithShared: gitlab.Ptr(false),
		OrderBy: gitlab.Ptr("path"), Sort: gitlab.Ptr("asc"),
	}
	prefix := spec.Owner + "/"
	for pages := 0; ; pages++ {
		if pages == maxPages {
			return nil, words.Errorf("too-many-pages", spec.String(), l.Host, maxPages)
		}
		projects, resp, err := client.Groups.ListGroupProjects(spec.Owner, lo, gitlab.WithContext(ctx))
		if err != nil {
			reset, limited := gitlabRateLimit(err, o.Now())
			if !limited {
				return nil, gitlabError(ctx, l, err)
			}
			if err := w.wait(ctx, reset); err != nil {
				return nil, err
			}
			continue
		}
		for _, p := range projects {
			path := p.PathWithNamespace
			if len(path) > len(prefix) && strings.EqualFold(path[:len(prefix)], prefix) {
				path = path[len(prefix):]
			}
			l.Repos = append(l.Repos, Repo{
				Path: path, FullPath: p.PathWithNamespace, CloneURL: p.HTTPURLToRepo, WebURL: p.WebURL,
				DefaultBranch: p.DefaultBranch, Private: p.Visibility != gitlab.PublicVisibility,
				Archived: p.Archived, Fork: p.ForkedFromProject != nil, Topics: p.Topics,
			})
		}
		// X-Next-Page names the next page ("" on the last).
		if resp.NextPage == 0 || resp.NextPage <= lo.Page {
			break
		}
		lo.Page = resp.NextPage
	}
	return l, nil
}

// gitlabRateLimit says whether err is GitLab's rate limit (429, or 403
// with RateLimit-Remaining: 0) and when it ends: RateLimit-Reset (a Unix
// time), else Retry-After (seconds).
func gitlabRateLimit(err error, now time.Time) (time.Time, bool) {
	e, ok := errors.AsType[*gitlab.ErrorResponse](err)
	if !ok || e.Response == nil {
		return time.Time{}, false
	}
	h := e.Response.Header
	switch {
	case e.Response.StatusCode == http.StatusTooManyRequests:
	case e.Response.StatusCode == http.StatusForbidden && h.Get("RateLimit-Remaining") == "0":
	default:
		return time.Time{}, false
	}
	if v, err := strconv.ParseInt(h.Get("RateLimit-Reset"), 10, 64); err == nil && v > 0 {
		return time.Unix(v, 0), true
	}
	if s, err := strconv.Atoi(h.Get("Retry-After")); err == nil {
		return now.Add(time.Duration(s) * time.Second), true
	}
	return time.Time{}, true
}

func gitlabError(ctx context.Context, l *Listing, err error) error {
	if ctx.Err() != nil {
		return ctx.Err()
	}
	spec := l.Spec.String()
	e, ok := errors.AsType[*gitlab.ErrorResponse](err)
	if !ok {
		return words.Errorf("unreachable", spec, l.Host, serverText(err.Error(), l.Token))
	}
	code := e.StatusCode
	if e.Response != nil {
		code = e.Response.StatusCode
	}
	switch code {
	case http.StatusUnauthorized:
		return words.Errorf("unauthorized"+l.tokenSuffix(), spec, l.Host, "GITLAB_TOKEN")
	case http.StatusNotFound:
		return words.Errorf("not-found.gitlab"+l.tokenSuffix(), spec, l.Spec.Owner, l.Host, "GITLAB_TOKEN")
	case http.StatusForbidden:
		return words.Errorf("forbidden", spec, l.Host, serverText(e.Message, l.Token), "GITLAB_TOKEN")
	default:
		return words.Errorf("status", spec, l.Host, code, serverText(e.Message, l.Token))
	}
}
