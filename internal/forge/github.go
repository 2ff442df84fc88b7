package forge

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/google/go-github/v93/github"
	"github.com/passation/passation/internal/safetext"
)

// listGitHub pages through GET /orgs/{org}/repos (type all: a token that
// sees private repositories lists them too).
func listGitHub(ctx context.Context, spec Spec, o Options) (*Listing, error) {
	tok := token(o.Getenv, "GITHUB_TOKEN")
	l := &Listing{Spec: spec, Host: "github.com", Token: tok}
	if tok != "" {
		l.TokenVar = "GITHUB_TOKEN"
	}
	// go-github's own rate-limit check refuses requests until the reset
	// on the system clock; passation waits itself, saying so.
	opts := []github.ClientOptionsFunc{github.WithHTTPClient(o.HTTPClient), github.WithDisableRateLimitCheck(),
		github.WithUserAgent("passation")}
	if o.GitHubURL != "" {
		u, err := baseURL("--github-url", o.GitHubURL, tok != "")
		if err != nil {
			return nil, err
		}
		l.Host = u.Hostname()
		opts = append(opts, github.WithEnterpriseURLs(u.String(), u.String()))
	}
	if tok != "" {
		opts = append(opts, github.WithAuthToken(tok))
	}
	client, err := github.NewClient(opts...)
	if err != nil {
		return nil, words.Errorf("url.invalid", "--github-url", o.GitHubURL)
	}
	w := &waiter{o: o, spec: spec, host: l.Host, hint: "GITHUB_TOKEN"}
	lo := &github.RepositoryListByOrgOptions{Type: "all", Sort: "full_name", ListOptions: github.ListOptions{PerPage: 100, Page: 1}}
	for pages := 0; ; pages++ {
		if pages == maxPages {
			return nil, words.Errorf("too-many-pages", spec.String(), l.Host, maxPages)
		}
		repos, resp, err := client.Repositories.ListByOrg(ctx, spec.Owner, lo)
		if err != nil {
			reset, limited := githubRateLimit(err, o.Now())
			if !limited {
				return nil, githubError(ctx, l, err)
			}
			if err := w.wait(ctx, reset); err != nil {
				return nil, err
			}
			continue
		}
		for _, r := range repos {
			l.Repos = append(l.Repos, Repo{
				Path: r.GetName(), FullPath: r.GetFullName(), CloneURL: r.GetCloneURL(), WebURL: r.GetHTMLURL(),
				DefaultBranch: r.GetDefaultBranch(), Private: r.GetPrivate(), Archived: r.GetArchived(), Fork: r.GetFork(),
				Topics: r.Topics,
			})
		}
		// The Link header names the next page; one that does not move on
		// would list the same page for ever.
		if resp.NextPage == 0 || resp.NextPage <= lo.Page {
			break
		}
		lo.Page = resp.NextPage
	}
	return l, nil
}

// githubRateLimit says whether err is a rate limit, primary (403 or 429
// with X-RateLimit-Remaining: 0, reset at X-RateLimit-Reset) or secondary
// (Retry-After), and when it ends.
func githubRateLimit(err error, now time.Time) (time.Time, bool) {
	if e, ok := errors.AsType[*github.RateLimitError](err); ok {
		return e.Rate.Reset.Time, true
	}
	if e, ok := errors.AsType[*github.AbuseRateLimitError](err); ok {
		if e.Response != nil {
			if s, err := strconv.Atoi(e.Response.Header.Get("Retry-After")); err == nil {
				return now.Add(time.Duration(s) * time.Second), true
			}
		}
		return now.Add(e.GetRetryAfter()), true
	}
	if e, ok := errors.AsType[*github.ErrorResponse](err); ok && e.Response != nil && e.Response.StatusCode == http.StatusTooManyRequests {
		if s, err := strconv.Atoi(e.Response.Header.Get("Retry-After")); err == nil {
			return now.Add(time.Duration(s) * time.Second), true
		}
		return time.Time{}, true
	}
	return time.Time{}, false
}

// githubError turns a failed request into a sentence of both languages.
func githubError(ctx context.Context, l *Listing, err error) error {
	if ctx.Err() != nil {
		return ctx.Err()
	}
	spec := l.Spec.String()
	e, ok := errors.AsType[*github.ErrorResponse](err)
	if !ok || e.Response == nil {
		return words.Errorf("unreachable", spec, l.Host, serverText(err.Error(), l.Token))
	}
	switch code := e.Response.StatusCode; code {
	case http.StatusUnauthorized:
		return words.Errorf("unauthorized"+l.tokenSuffix(), spec, l.Host, "GITHUB_TOKEN")
	case http.StatusNotFound:
		return words.Errorf("not-found.github"+l.tokenSuffix(), spec, l.Spec.Owner, l.Host, "GITHUB_TOKEN")
	case http.StatusForbidden:
		return words.Errorf("forbidden", spec, l.Host, serverText(e.Message, l.Token), "GITHUB_TOKEN")
	default:
		return words.Errorf("status", spec, l.Host, code, serverText(e.Message, l.Token))
	}
}

// serverText is a server's words made one short line, with the token
// hidden should the server or a transport have quoted it.
func serverText(s, token string) string {
	if len(token) >= 4 {
		s = strings.ReplaceAll(s, token, "***")
	}
	s = safetext.Server(s, 300)
	if s == "" {
		return "-"
	}
	return s
}
