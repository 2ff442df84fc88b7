// Package forgetest serves, for tests, the parts of the GitHub and GitLab
// REST APIs that passation lists a cohort with, as their documentation
// describes them: GitHub's GET /api/v3/orgs/{org}/repos (Link header
// pagination, X-RateLimit-* headers, 401 "Bad credentials", 404 "Not
// Found") and GitLab's GET /api/v4/groups/{path}/projects (X-Next-Page
// pagination, include_subgroups, RateLimit-* and Retry-After headers on a
// 429, 401 Unauthorized, 404 Group Not Found), on httptest servers of
// 127.0.0.1.
package forgetest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// Repo is one repository the fake forge knows.
type Repo struct {
	// Path is the repository's full path: "org/name" on GitHub,
	// "group/subgroup/name" on GitLab.
	Path string
	// CloneURL is what the forge says git clones from.
	CloneURL                string
	Private, Archived, Fork bool
	Topics                  []string
}

// Options shape a fake forge.
type Options struct {
	// Token, when set, is the only token accepted: private repositories are
	// listed only with it, and any other token is answered 401.
	Token string
	// PageSize caps per_page (default 2), so that a few repositories take
	// several pages.
	PageSize int
	// RateLimited is how many requests are answered with the rate limit
	// before the forge answers again; Reset is the reset time it gives.
	RateLimited int
	Reset       time.Time
	// Groups are GitLab groups that exist, projects or not ("eig/vide").
	Groups []string
}

// Server is a running fake forge.
type Server struct {
	// URL is the server's address (http://127.0.0.1:PORT), for
	// --github-url and --gitlab-url.
	URL   string
	o     Options
	repos []Repo

	mu       sync.Mutex
	requests []*http.Request
}

// Requests returns the requests served so far.
func (s *Server) Requests() []*http.Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]*http.Request(nil), s.requests...)
}

func start(t testing.TB, repos []Repo, o Options, h func(*Server, http.ResponseWriter, *http.Request)) *Server {
	t.Helper()
	if o.PageSize <= 0 {
		o.PageSize = 2
	}
	s := &Server{o: o, repos: repos}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.requests = append(s.requests, r.Clone(r.Context()))
		limited := s.o.RateLimited > 0
		if limited {
			s.o.RateLimited--
		}
		s.mu.Unlock()
		if limited {
			s.rateLimit(w, r)
			return
		}
		h(s, w, r)
	}))
	t.Cleanup(srv.Close)
	s.URL = srv.URL
	return s
}

// page cuts list to the page asked for; next is 0 on the last page.
func (s *Server) page(r *http.Request, n int) (from, to, page, next, last int) {
	per := s.o.PageSize
	if v, err := strconv.Atoi(r.URL.Query().Get("per_page")); err == nil && v > 0 && v < per {
		per = v
	}
	page = 1
	if v, err := strconv.Atoi(r.URL.Query().Get("page")); err == nil && v > 0 {
		page = v
	}
	last = max(1, (n+per-1)/per)
	from = min(n, (page-1)*per)
	to = min(n, from+per)
	if page < last {
		next = page + 1
	}
	return from, to, page, next, last
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(v)
}

// GitHub serves the organisations of repos (their Path is "org/name").
func GitHub(t testing.TB, repos []Repo, o Options) *Server {
	return start(t, repos, o, (*Server).github)
}

func (s *Server) github(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("X-GitHub-Api-Version-Selected", "2022-11-28")
	authed := false
	if a := r.Header.Get("Authorization"); a != "" {
		if s.o.Token == "" || a != "Bearer "+s.o.Token {
			writeJSON(w, http.StatusUnauthorized, map[string]string{"message": "Bad credentials", "documentation_url": "https://docs.github.com/rest", "status": "401"})
			return
		}
		authed = true
	}
	org, ok := strings.CutPrefix(r.URL.Path, "/api/v3/orgs/")
	org, ok2 := strings.CutSuffix(org, "/repos")
	if !ok || !ok2 || r.Method != http.MethodGet {
		writeJSON(w, http.StatusNotFound, map[string]string{"message": "Not Found", "documentation_url": "https://docs.github.com/rest", "status": "404"})
		return
	}
	var list []map[string]any
	known := false
	for i, rp := range s.repos {
		owner, name, _ := strings.Cut(rp.Path, "/")
		if !strings.EqualFold(owner, org) {
			continue
		}
		known = true
		if rp.Private && !authed {
			continue
		}
		vis := "public"
		if rp.Private {
			vis = "private"
		}
		list = append(list, map[string]any{
			"id": 1000 + i, "name": name, "full_name": rp.Path, "private": rp.Private, "fork": rp.Fork,
			"archived": rp.Archived, "topics": nonNil(rp.Topics), "visibility": vis, "default_branch": "main",
			"html_url": "https://github.example/" + rp.Path, "clone_url": rp.CloneURL,
			"owner": map[string]any{"login": owner, "type": "Organization"},
		})
	}
	for _, g := range s.o.Groups {
		known = known || strings.EqualFold(g, org)
	}
	if !known {
		writeJSON(w, http.StatusNotFound, map[string]string{"message": "Not Found", "documentation_url": "https://docs.github.com/rest/repos/repos#list-organization-repositories", "status": "404"})
		return
	}
	from, to, _, next, last := s.page(r, len(list))
	if next > 0 {
		link := func(p int, rel string) string {
			q := r.URL.Query()
			q.Set("page", strconv.Itoa(p))
			u := url.URL{Scheme: "http", Host: r.Host, Path: "/api/v3/organizations/4242/repos", RawQuery: q.Encode()}
			return fmt.Sprintf("<%s>; rel=%q", u.String(), rel)
		}
		w.Header().Set("Link", link(next, "next")+", "+link(last, "last"))
	}
	w.Header().Set("X-RateLimit-Limit", "60")
	w.Header().Set("X-RateLimit-Remaining", "42")
	w.Header().Set("X-RateLimit-Reset", strconv.FormatInt(s.o.Reset.Unix(), 10))
	writeJSON(w, http.StatusOK, nonNilList(list[from:to]))
}

// GitLab serves the groups of repos (their Path is "group/…/name") and
// Options.Groups.
func GitLab(t testing.TB, repos []Repo, o Options) *Server {
	return start(t, repos, o, (*Server).gitlab)
}

func (s *Server) gitlab(w http.ResponseWriter, r *http.Request) {
	authed := false
	if tok := r.Header.Get("PRIVATE-TOKEN"); tok != "" {
		if s.o.Token == "" || tok != s.o.Token {
			writeJSON(w, http.StatusUnauthorized, map[string]string{"message": "401 Unauthorized"})
			return
		}
		authed = true
	}
	// The group's path is one segment, its slashes encoded (eig%2Fcohorte-7).
	rest, ok := strings.CutPrefix(r.URL.EscapedPath(), "/api/v4/groups/")
	id, ok2 := strings.CutSuffix(rest, "/projects")
	group, err := url.PathUnescape(id)
	if !ok || !ok2 || err != nil || strings.Contains(id, "/") || r.Method != http.MethodGet {
		writeJSON(w, http.StatusNotFound, map[string]string{"message": "404 Not Found"})
		return
	}
	subgroups := r.URL.Query().Get("include_subgroups") == "true"
	known := false
	for _, g := range s.o.Groups {
		known = known || strings.EqualFold(g, group) || strings.HasPrefix(strings.ToLower(g), strings.ToLower(group)+"/")
	}
	var list []map[string]any
	for i, rp := range s.repos {
		ns := rp.Path[:max(0, strings.LastIndex(rp.Path, "/"))]
		inside := strings.EqualFold(ns, group)
		below := strings.HasPrefix(strings.ToLower(ns), strings.ToLower(group)+"/")
		if !inside && !below {
			continue
		}
		// A private group is a 404 to whoever cannot see it.
		if !rp.Private || authed {
			known = true
		}
		if (below && !subgroups) || (rp.Private && !authed) {
			continue
		}
		vis := "public"
		if rp.Private {
			vis = "private"
		}
		p := map[string]any{
			"id": 2000 + i, "name": rp.Path[len(ns)+1:], "path": rp.Path[len(ns)+1:], "path_with_namespace": rp.Path,
			"name_with_namespace": strings.ReplaceAll(rp.Path, "/", " / "), "visibility": vis, "archived": rp.Archived,
			"topics": nonNil(rp.Topics), "tag_list": nonNil(rp.Topics), "default_branch": "main",
			"http_url_to_repo": rp.CloneURL, "web_url": "https://gitlab.example/" + rp.Path,
			"namespace": map[string]any{"full_path": ns, "kind": "group"},
		}
		if rp.Fork {
			p["forked_from_project"] = map[string]any{"id": 1, "path_with_namespace": "upstream/" + rp.Path[len(ns)+1:]}
		}
		list = append(list, p)
	}
	if !known {
		writeJSON(w, http.StatusNotFound, map[string]string{"message": "404 Group Not Found"})
		return
	}
	from, to, page, next, last := s.page(r, len(list))
	h := w.Header()
	h.Set("X-Page", strconv.Itoa(page))
	h.Set("X-Total", strconv.Itoa(len(list)))
	h.Set("X-Total-Pages", strconv.Itoa(last))
	h.Set("X-Per-Page", strconv.Itoa(s.o.PageSize))
	if next > 0 {
		h.Set("X-Next-Page", strconv.Itoa(next))
	} else {
		h.Set("X-Next-Page", "")
	}
	h.Set("RateLimit-Limit", "2000")
	h.Set("RateLimit-Remaining", "1999")
	writeJSON(w, http.StatusOK, nonNilList(list[from:to]))
}

// rateLimit answers as each forge does when the limit is reached: GitHub a
// 403 with X-RateLimit-Remaining: 0, GitLab a 429 with RateLimit-Reset
// and Retry-After.
func (s *Server) rateLimit(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	if strings.HasPrefix(r.URL.Path, "/api/v3/") {
		h.Set("X-RateLimit-Limit", "60")
		h.Set("X-RateLimit-Remaining", "0")
		h.Set("X-RateLimit-Used", "60")
		h.Set("X-RateLimit-Resource", "core")
		h.Set("X-RateLimit-Reset", strconv.FormatInt(s.o.Reset.Unix(), 10))
		writeJSON(w, http.StatusForbidden, map[string]string{
			"message":           "API rate limit exceeded for 127.0.0.1. (But here's the good news: Authenticated requests get a higher rate limit. Check out the documentation for more details.)",
			"documentation_url": "https://docs.github.com/rest/overview/resources-in-the-rest-api#rate-limiting",
		})
		return
	}
	h.Set("RateLimit-Limit", "2000")
	h.Set("RateLimit-Observed", "2001")
	h.Set("RateLimit-Remaining", "0")
	h.Set("RateLimit-Reset", strconv.FormatInt(s.o.Reset.Unix(), 10))
	h.Set("RateLimit-ResetTime", s.o.Reset.UTC().Format(http.TimeFormat))
	h.Set("Retry-After", "60")
	h.Set("Content-Type", "text/plain")
	w.WriteHeader(http.StatusTooManyRequests)
	_, _ = w.Write([]byte("Retry later\n"))
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func nonNilList(l []map[string]any) []map[string]any {
	if l == nil {
		return []map[string]any{}
	}
	return l
}
