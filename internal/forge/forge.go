// Package forge lists the repositories of a cohort from where they live: a
// GitHub organisation (through go-github) or a GitLab group and its
// subgroups (through GitLab's client-go). It follows pagination, waits out
// rate limits (a bounded number of times, saying so), leaves out archived
// repositories and forks unless asked, and filters by topic and name. It
// only lists: fetching and checking stay with the audit.
package forge

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/bmatcuk/doublestar/v4"
)

// Spec names a cohort on a forge: github:ORG or gitlab:GROUP[/SUBGROUP].
type Spec struct {
	// Kind is "github" or "gitlab".
	Kind string
	// Owner is the organisation (GitHub) or the group's full path (GitLab).
	Owner string
}

func (s Spec) String() string { return s.Kind + ":" + s.Owner }

var (
	githubOrg   = regexp.MustCompile(`^[A-Za-z0-9](?:[A-Za-z0-9-]{0,98}[A-Za-z0-9])?$`)
	gitlabGroup = regexp.MustCompile(`^[A-Za-z0-9_][A-Za-z0-9_.-]*(?:/[A-Za-z0-9_][A-Za-z0-9_.-]*)*$`)
)

// ParseSpec reads a --from value. ok is false when the value names no forge
// (it is then a cohort file); err says what is wrong with one that does.
func ParseSpec(v string) (spec Spec, ok bool, err error) {
	kind, owner, found := strings.Cut(v, ":")
	if !found {
		return Spec{}, false, nil
	}
	switch strings.ToLower(kind) {
	case "github":
		spec = Spec{Kind: "github", Owner: owner}
		if !githubOrg.MatchString(owner) {
			return spec, true, words.Errorf("spec.github", v)
		}
	case "gitlab":
		spec = Spec{Kind: "gitlab", Owner: strings.Trim(owner, "/")}
		if !gitlabGroup.MatchString(spec.Owner) || strings.Contains(spec.Owner, "..") {
			return spec, true, words.Errorf("spec.gitlab", v)
		}
	default:
		return Spec{}, false, nil
	}
	return spec, true, nil
}

// Options say where the forges are, which repositories to keep, and how to
// wait. The zero value lists from github.com and gitlab.com, leaves out
// archived repositories and forks, and sleeps on the system clock.
type Options struct {
	// GitHubURL is a GitHub Enterprise Server (https://github.example.org);
	// "" for github.com.
	GitHubURL string
	// GitLabURL is an administration's own GitLab instance; "" for
	// gitlab.com.
	GitLabURL string
	// Getenv reads GITHUB_TOKEN and GITLAB_TOKEN.
	Getenv func(string) string
	// IncludeArchived and IncludeForks keep what is left out by default.
	IncludeArchived, IncludeForks bool
	// Topics keeps the repositories that have one of these topics (any).
	Topics []string
	// Match keeps the repositories whose path in the organisation or group
	// matches one of these doublestar globs (case ignored).
	Match []string
	// Lang is the language of Notify's messages.
	Lang string
	// Notify is told each wait for a rate limit (nil: nothing is said).
	Notify func(msg string)
	// Now and Sleep are the clock rate limits are waited on; nil for the
	// system's. Sleep returns early with ctx's error.
	Now   func() time.Time
	Sleep func(ctx context.Context, d time.Duration) error
	// MaxWaits is how many times one listing waits for a rate limit before
	// giving up (default 3); MaxWait the longest single wait (default 65
	// minutes: GitHub's window is an hour).
	MaxWaits int
	MaxWait  time.Duration
	// HTTPClient is the client requests go through (nil: one with a
	// one-minute timeout).
	HTTPClient *http.Client
}

// Repo is one repository a forge listed.
type Repo struct {
	// Path is the repository's path inside the organisation or group
	// ("signaux-faibles", "cohorte-7/agora"); FullPath adds the owner.
	Path, FullPath string
	// CloneURL is the HTTPS address git fetches from; WebURL its page.
	CloneURL, WebURL string
	DefaultBranch    string
	Private          bool
	Archived, Fork   bool
	Topics           []string
}

// Listing is what one forge gave, after the filters.
type Listing struct {
	Spec Spec
	// Host is the forge's host (github.com, gitlab.example.gouv.fr): its
	// token is the one to offer to the clone URLs on it.
	Host string
	// TokenVar is the variable the token was read from ("" when none was
	// set); Token the token itself, never to be printed.
	TokenVar, Token string
	Repos           []Repo
	// Listed counts every repository the forge gave; the others count
	// those left out.
	Listed, Archived, Forks, Filtered int
}

// Summary says in lang what was listed and left out.
func (l *Listing) Summary(lang string) string {
	s := fmt.Sprintf(words.For(lang, "summary", len(l.Repos)), l.Spec, len(l.Repos))
	var out []string
	if l.Archived > 0 {
		out = append(out, words.Count(lang, "summary.archived", l.Archived))
	}
	if l.Forks > 0 {
		out = append(out, words.Count(lang, "summary.forks", l.Forks))
	}
	if l.Filtered > 0 {
		out = append(out, fmt.Sprintf(words.In(lang, "summary.filtered"), l.Filtered))
	}
	if len(out) > 0 {
		s += fmt.Sprintf(words.In(lang, "summary.left-out"), strings.Join(out, ", "))
	}
	return s
}

// List asks the forge of spec for its repositories and keeps those the
// options ask for, sorted by path. An organisation or group that has none
// left is an error: there would be nothing to audit.
func List(ctx context.Context, spec Spec, o Options) (*Listing, error) {
	o = o.withDefaults()
	for _, m := range o.Match {
		if !doublestar.ValidatePattern(strings.ToLower(m)) {
			return nil, words.Errorf("match.invalid", m)
		}
	}
	var (
		l   *Listing
		err error
	)
	switch spec.Kind {
	case "github":
		l, err = listGitHub(ctx, spec, o)
	case "gitlab":
		l, err = listGitLab(ctx, spec, o)
	default:
		return nil, words.Errorf("spec.unknown", spec.String())
	}
	if err != nil {
		return nil, err
	}
	l.Listed = len(l.Repos)
	kept := l.Repos[:0]
	for _, r := range l.Repos {
		switch {
		case r.Archived && !o.IncludeArchived:
			l.Archived++
		case r.Fork && !o.IncludeForks:
			l.Forks++
		case !o.keeps(r):
			l.Filtered++
		default:
			kept = append(kept, r)
		}
	}
	l.Repos = kept
	sort.Slice(l.Repos, func(i, j int) bool { return l.Repos[i].Path < l.Repos[j].Path })
	switch {
	case l.Listed == 0:
		return nil, words.Errorf("empty."+spec.Kind+l.tokenSuffix(), spec.String(), spec.Owner, l.Host, tokenVariable(spec.Kind))
	case len(l.Repos) == 0:
		return nil, words.Errorf("none-kept", spec.String(), l.Listed, l.Archived, l.Forks, l.Filtered)
	}
	return l, nil
}

// tokenSuffix picks the sentence that says what to do about the token:
// set one, or check what the one set may see.
func (l *Listing) tokenSuffix() string {
	if l.TokenVar == "" {
		return ".no-token"
	}
	return ".token"
}

// tokenVariable is where a forge's token is read from.
func tokenVariable(kind string) string {
	if kind == "gitlab" {
		return "GITLAB_TOKEN"
	}
	return "GITHUB_TOKEN"
}

func (o Options) keeps(r Repo) bool {
	if len(o.Topics) > 0 {
		found := false
		for _, want := range o.Topics {
			for _, t := range r.Topics {
				found = found || strings.EqualFold(strings.TrimSpace(want), t)
			}
		}
		if !found {
			return false
		}
	}
	if len(o.Match) == 0 {
		return true
	}
	for _, m := range o.Match {
		if ok, _ := doublestar.Match(strings.ToLower(m), strings.ToLower(r.Path)); ok {
			return true
		}
	}
	return false
}

func (o Options) withDefaults() Options {
	if o.Getenv == nil {
		o.Getenv = func(string) string { return "" }
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Sleep == nil {
		o.Sleep = sleep
	}
	if o.MaxWaits <= 0 {
		o.MaxWaits = 3
	}
	if o.MaxWait <= 0 {
		o.MaxWait = 65 * time.Minute
	}
	if o.Notify == nil {
		o.Notify = func(string) {}
	}
	if o.HTTPClient == nil {
		o.HTTPClient = &http.Client{Timeout: time.Minute}
	}
	// A token sent as a header of its own (GitLab's PRIVATE-TOKEN) would
	// follow a redirect to any host: only the forge's own host is followed.
	c := *o.HTTPClient
	next := c.CheckRedirect
	c.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		if len(via) > 0 && (req.URL.Host != via[0].URL.Host || (via[0].URL.Scheme == "https" && req.URL.Scheme != "https")) {
			return words.Errorf("redirect", via[0].URL.Host, req.URL.Host)
		}
		if next != nil {
			return next(req, via)
		}
		if len(via) >= 10 {
			return errors.New("stopped after 10 redirects")
		}
		return nil
	}
	o.HTTPClient = &c
	return o
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// token reads a forge's token: a "user:token" value, as the audit's
// credentials accept, gives its token part.
func token(getenv func(string) string, name string) string {
	v := strings.TrimSpace(getenv(name))
	if u, t, ok := strings.Cut(v, ":"); ok && u != "" && t != "" {
		return t
	}
	return v
}

// baseURL checks a forge's address: https, or http to this machine only
// when a token would be sent (a token never crosses a network in clear).
func baseURL(flag, raw string, withToken bool) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") || u.User != nil || u.RawQuery != "" || u.Fragment != "" {
		return nil, words.Errorf("url.invalid", flag, raw)
	}
	if u.Scheme == "http" && withToken && !loopback(u.Hostname()) {
		return nil, words.Errorf("url.insecure", flag, raw)
	}
	return u, nil
}

func loopback(host string) bool {
	ip := net.ParseIP(host)
	return host == "localhost" || (ip != nil && ip.IsLoopback())
}

// waiter waits out a forge's rate limit, at most MaxWaits times.
type waiter struct {
	o     Options
	spec  Spec
	host  string
	hint  string // the token variable to suggest
	waits int
}

// wait sleeps until reset (when the forge said it) and says so; an error
// when the limit was waited for too often or resets too far away.
func (w *waiter) wait(ctx context.Context, reset time.Time) error {
	now := w.o.Now()
	if reset.IsZero() || reset.Before(now) {
		reset = now.Add(time.Minute) // no word on when: GitHub asks for a minute
	}
	d := reset.Sub(now).Round(time.Second) + time.Second
	at := reset.UTC().Format("15:04:05 UTC")
	switch {
	case w.waits >= w.o.MaxWaits:
		return words.Errorf("ratelimit.gave-up", w.spec.String(), w.host, w.waits, at, w.hint)
	case d > w.o.MaxWait:
		return words.Errorf("ratelimit.too-far", w.spec.String(), w.host, at, w.o.MaxWait.String(), w.hint)
	}
	w.waits++
	w.o.Notify(fmt.Sprintf(words.In(w.o.Lang, "ratelimit.wait"), w.spec.String(), w.host, at, d.String(), w.waits, w.o.MaxWaits))
	return w.o.Sleep(ctx, d)
}

// maxPages bounds a listing (100 repositories a page): a server that
// always names a next page cannot keep passation listing for ever.
const maxPages = 1000
