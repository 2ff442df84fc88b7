package forge_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/passation/passation/internal/forge"
	"github.com/passation/passation/internal/forge/forgetest"
	"github.com/passation/passation/internal/i18n"
	"github.com/passation/passation/internal/typo"
)

const secret = "ghp_s3cr3t-t0ken-value"

// clock is a fake clock whose Sleep records the waits and moves time on.
type clock struct {
	now    time.Time
	slept  []time.Duration
	notice []string
}

func (c *clock) options(o forge.Options) forge.Options {
	o.Now = func() time.Time { return c.now }
	o.Sleep = func(_ context.Context, d time.Duration) error {
		c.slept = append(c.slept, d)
		c.now = c.now.Add(d)
		return nil
	}
	o.Notify = func(m string) { c.notice = append(c.notice, m) }
	return o
}

func env(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

func paths(l *forge.Listing) []string {
	var out []string
	for _, r := range l.Repos {
		out = append(out, r.Path)
	}
	return out
}

func spec(t *testing.T, v string) forge.Spec {
	t.Helper()
	s, ok, err := forge.ParseSpec(v)
	if !ok || err != nil {
		t.Fatalf("ParseSpec(%q) = %v, %v", v, ok, err)
	}
	return s
}

func cohort() []forgetest.Repo {
	return []forgetest.Repo{
		{Path: "eig/signaux-faibles", CloneURL: "https://git.example/eig/signaux-faibles.git", Topics: []string{"eig", "cohorte-7"}},
		{Path: "eig/lab-agora", CloneURL: "https://git.example/eig/lab-agora.git", Topics: []string{"eig"}},
		{Path: "eig/ancien-site", CloneURL: "https://git.example/eig/ancien-site.git", Archived: true},
		{Path: "eig/go-git-fork", CloneURL: "https://git.example/eig/go-git-fork.git", Fork: true},
		{Path: "eig/hopkins", CloneURL: "https://git.example/eig/hopkins.git", Private: true, Topics: []string{"cohorte-7"}},
		{Path: "autre/ailleurs", CloneURL: "https://git.example/autre/ailleurs.git"},
	}
}

func TestGitHubListsPagesLeavesOutArchivedAndForks(t *testing.T) {
	srv := forgetest.GitHub(t, cohort(), forgetest.Options{Token: secret})
	c := &clock{now: time.Date(2026, 3, 12, 9, 0, 0, 0, time.UTC)}
	l, err := forge.List(context.Background(), spec(t, "github:eig"), c.options(forge.Options{GitHubURL: srv.URL}))
	if err != nil {
		t.Fatal(err)
	}
	// Without a token, the private repository is not listed.
	if got, want := paths(l), []string{"lab-agora", "signaux-faibles"}; !reflect.DeepEqual(got, want) {
		t.Errorf("repositories = %v, want %v", got, want)
	}
	if l.Listed != 4 || l.Archived != 1 || l.Forks != 1 || l.Host != "127.0.0.1" {
		t.Errorf("listed %d, archived %d, forks %d, host %q", l.Listed, l.Archived, l.Forks, l.Host)
	}
	// Two per page: pages 1 and 2, each asked as the Link header said.
	var pages []string
	for _, r := range srv.Requests() {
		if r.URL.Path != "/api/v3/orgs/eig/repos" || r.URL.Query().Get("type") != "all" {
			t.Errorf("request %s", r.URL)
		}
		pages = append(pages, r.URL.Query().Get("page"))
		if a := r.Header.Get("Authorization"); a != "" {
			t.Errorf("Authorization %q sent without a token", a)
		}
	}
	if !reflect.DeepEqual(pages, []string{"1", "2"}) {
		t.Errorf("pages asked = %v", pages)
	}
	if got := l.Summary("fr"); got != typo.French("github:eig : 2 dépôts listés (laissés de côté : 1 archivé, 1 fork)") {
		t.Errorf("summary = %q", got)
	}
}

func TestGitHubPrivateRepositoryWithToken(t *testing.T) {
	srv := forgetest.GitHub(t, cohort(), forgetest.Options{Token: secret})
	c := &clock{now: time.Now()}
	o := c.options(forge.Options{GitHubURL: srv.URL, Getenv: env(map[string]string{"GITHUB_TOKEN": secret}), IncludeArchived: true})
	l, err := forge.List(context.Background(), spec(t, "github:eig"), o)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := paths(l), []string{"ancien-site", "hopkins", "lab-agora", "signaux-faibles"}; !reflect.DeepEqual(got, want) {
		t.Errorf("repositories = %v, want %v", got, want)
	}
	for _, r := range l.Repos {
		if r.Path == "hopkins" && (!r.Private || r.CloneURL != "https://git.example/eig/hopkins.git" || r.FullPath != "eig/hopkins") {
			t.Errorf("hopkins = %+v", r)
		}
	}
	if l.TokenVar != "GITHUB_TOKEN" || l.Token != secret {
		t.Errorf("token from %q", l.TokenVar)
	}
	for _, r := range srv.Requests() {
		if r.Header.Get("Authorization") != "Bearer "+secret {
			t.Errorf("request without the token: %s", r.URL)
		}
	}
	// A user:token value, as the audit's credentials accept, gives its token.
	o.Getenv = env(map[string]string{"GITHUB_TOKEN": "camille:" + secret})
	if _, err := forge.List(context.Background(), spec(t, "github:eig"), o); err != nil {
		t.Errorf("user:token: %v", err)
	}
}

func TestFiltersByTopicAndName(t *testing.T) {
	srv := forgetest.GitHub(t, cohort(), forgetest.Options{Token: secret})
	o := (&clock{now: time.Now()}).options(forge.Options{GitHubURL: srv.URL, Getenv: env(map[string]string{"GITHUB_TOKEN": secret})})
	o.Topics = []string{"Cohorte-7"}
	l, err := forge.List(context.Background(), spec(t, "github:eig"), o)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := paths(l), []string{"hopkins", "signaux-faibles"}; !reflect.DeepEqual(got, want) || l.Filtered != 1 {
		t.Errorf("--topic cohorte-7: %v (filtered %d), want %v", got, l.Filtered, want)
	}
	o.Topics = nil
	o.Match = []string{"LAB-*", "hop*"}
	if l, err = forge.List(context.Background(), spec(t, "github:eig"), o); err != nil {
		t.Fatal(err)
	}
	if got, want := paths(l), []string{"hopkins", "lab-agora"}; !reflect.DeepEqual(got, want) {
		t.Errorf("--match: %v, want %v", got, want)
	}
	o.Match = []string{"nothing-*"}
	_, err = forge.List(context.Background(), spec(t, "github:eig"), o)
	// With the token, 5 listed: 1 archived, 1 fork, 3 matching nothing.
	if err == nil || !strings.Contains(err.Error(), "github:eig: none of the repositories listed (5) is kept (archived: 1, forks: 1, not matching --topic or --match: 3)") {
		t.Errorf("nothing kept: %v", err)
	}
	o.Match = []string{"[unclosed"}
	if _, err = forge.List(context.Background(), spec(t, "github:eig"), o); err == nil || !strings.Contains(err.Error(), `--match "[unclosed": not a valid pattern`) {
		t.Errorf("bad pattern: %v", err)
	}
}

func TestGitHubRateLimitWaitsUntilTheReset(t *testing.T) {
	now := time.Date(2026, 3, 12, 9, 0, 0, 0, time.UTC)
	srv := forgetest.GitHub(t, cohort(), forgetest.Options{RateLimited: 2, Reset: now.Add(90 * time.Second)})
	c := &clock{now: now}
	l, err := forge.List(context.Background(), spec(t, "github:eig"), c.options(forge.Options{GitHubURL: srv.URL}))
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Repos) != 2 {
		t.Errorf("repositories = %v", paths(l))
	}
	// The first wait runs to the reset (and a second more); the second, the
	// reset being past on the clock, a minute.
	if want := []time.Duration{91 * time.Second, 61 * time.Second}; !reflect.DeepEqual(c.slept, want) {
		t.Errorf("slept %v, want %v", c.slept, want)
	}
	if len(c.notice) != 2 || c.notice[0] != "passation: github:eig: 127.0.0.1 rate limit reached: waiting until 09:01:30 UTC (1m31s), then trying again (1 of 3)" {
		t.Errorf("notices = %q", c.notice)
	}
	if n := len(srv.Requests()); n != 4 {
		t.Errorf("%d requests, want 2 refused and 2 pages", n)
	}
}

func TestRateLimitGivesUpAfterBoundedWaits(t *testing.T) {
	now := time.Date(2026, 3, 12, 9, 0, 0, 0, time.UTC)
	gh := forgetest.GitHub(t, cohort(), forgetest.Options{RateLimited: 100, Reset: now.Add(time.Minute)})
	c := &clock{now: now}
	_, err := forge.List(context.Background(), spec(t, "github:eig"), c.options(forge.Options{GitHubURL: gh.URL, Lang: "fr"}))
	var ie *i18n.Error
	if !errors.As(err, &ie) || !strings.Contains(err.Error(), "github:eig: 127.0.0.1 still limits the requests after waiting 3 times") ||
		!strings.Contains(ie.In("fr"), "limite encore les requêtes après avoir attendu 3 fois") {
		t.Fatalf("err = %v", err)
	}
	if len(c.slept) != 3 || len(gh.Requests()) != 4 {
		t.Errorf("slept %v over %d requests", c.slept, len(gh.Requests()))
	}
	// A reset further away than MaxWait is not waited for at all.
	far := forgetest.GitHub(t, cohort(), forgetest.Options{RateLimited: 1, Reset: now.Add(3 * time.Hour)})
	c = &clock{now: now}
	_, err = forge.List(context.Background(), spec(t, "github:eig"), c.options(forge.Options{GitHubURL: far.URL}))
	if err == nil || !strings.Contains(err.Error(), "limits the requests until 12:00:00 UTC, more than 1h5m0s away") || len(c.slept) != 0 {
		t.Errorf("far reset: %v, slept %v", err, c.slept)
	}
	// The real sleep stops with the context.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	o := forge.Options{GitHubURL: forgetest.GitHub(t, cohort(), forgetest.Options{RateLimited: 1, Reset: time.Now().Add(time.Hour)}).URL}
	start := time.Now()
	if _, err := forge.List(ctx, spec(t, "github:eig"), o); err == nil || time.Since(start) > 5*time.Second {
		t.Errorf("cancelled: %v after %s", err, time.Since(start))
	}
}

func TestGitHubErrorsInBothLanguages(t *testing.T) {
	srv := forgetest.GitHub(t, cohort(), forgetest.Options{Token: secret, Groups: []string{"vide"}})
	cases := []struct {
		name, spec, token, en, fr string
	}{
		{"401", "github:eig", "ghp_expired-token-0000", "github:eig: 127.0.0.1 refused the token in GITHUB_TOKEN (401 Unauthorized): check that it is valid, not expired, and allowed to read repositories",
			"github:eig : 127.0.0.1 a refusé le jeton de GITHUB_TOKEN (HTTP 401)"},
		{"404", "github:eig-inconnue", "", `github:eig-inconnue: no organisation "eig-inconnue" on 127.0.0.1 (404 Not Found): check the name, or set GITHUB_TOKEN if it is visible to members only`,
			"aucune organisation « eig-inconnue » sur 127.0.0.1 (HTTP 404)"},
		{"404 with a token", "github:eig-inconnue", secret, `no organisation "eig-inconnue" on 127.0.0.1 that the token in GITHUB_TOKEN can see (404 Not Found)`,
			"que le jeton de GITHUB_TOKEN puisse voir"},
		{"empty", "github:vide", "", `github:vide: the organisation "vide" on 127.0.0.1 has no public repository: set GITHUB_TOKEN to list its private ones`,
			"github:vide : l'organisation « vide » sur 127.0.0.1 n'a aucun dépôt public"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			o := (&clock{now: time.Now()}).options(forge.Options{GitHubURL: srv.URL, Getenv: env(map[string]string{"GITHUB_TOKEN": tc.token})})
			_, err := forge.List(context.Background(), spec(t, tc.spec), o)
			var ie *i18n.Error
			if !errors.As(err, &ie) {
				t.Fatalf("err = %v, want a sentence of both languages", err)
			}
			if !strings.Contains(err.Error(), tc.en) || !strings.Contains(ie.In("fr"), typo.French(tc.fr)) {
				t.Errorf("en: %s\nfr: %s", err, ie.In("fr"))
			}
			if tc.token != "" && (strings.Contains(err.Error(), tc.token) || strings.Contains(ie.In("fr"), tc.token)) {
				t.Errorf("the token is in the message: %s", err)
			}
		})
	}
}

func gitlabCohort() []forgetest.Repo {
	return []forgetest.Repo{
		{Path: "eig/site-eig", CloneURL: "https://git.example/eig/site-eig.git"},
		{Path: "eig/cohorte-7/agora", CloneURL: "https://git.example/eig/cohorte-7/agora.git", Topics: []string{"cohorte-7"}},
		{Path: "eig/cohorte-7/signaux", CloneURL: "https://git.example/eig/cohorte-7/signaux.git", Private: true, Topics: []string{"cohorte-7"}},
		{Path: "eig/cohorte-7/equipe/outil", CloneURL: "https://git.example/eig/cohorte-7/equipe/outil.git"},
		{Path: "eig/cohorte-6/vieux", CloneURL: "https://git.example/eig/cohorte-6/vieux.git", Archived: true},
		{Path: "eig/cohorte-7/copie", CloneURL: "https://git.example/eig/cohorte-7/copie.git", Fork: true},
		{Path: "dinum/autre", CloneURL: "https://git.example/dinum/autre.git"},
	}
}

func TestGitLabListsSubgroupsAndPages(t *testing.T) {
	srv := forgetest.GitLab(t, gitlabCohort(), forgetest.Options{Token: "glpat-s3cr3t-value", Groups: []string{"eig/vide"}})
	o := (&clock{now: time.Now()}).options(forge.Options{GitLabURL: srv.URL, Getenv: env(map[string]string{"GITLAB_TOKEN": "glpat-s3cr3t-value"})})
	l, err := forge.List(context.Background(), spec(t, "gitlab:eig"), o)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"cohorte-7/agora", "cohorte-7/equipe/outil", "cohorte-7/signaux", "site-eig"}
	if got := paths(l); !reflect.DeepEqual(got, want) {
		t.Errorf("repositories = %v, want %v", got, want)
	}
	if l.Listed != 6 || l.Archived != 1 || l.Forks != 1 || l.TokenVar != "GITLAB_TOKEN" {
		t.Errorf("listed %d, archived %d, forks %d, token %q", l.Listed, l.Archived, l.Forks, l.TokenVar)
	}
	var pages []string
	for _, r := range srv.Requests() {
		q := r.URL.Query()
		if r.URL.EscapedPath() != "/api/v4/groups/eig/projects" || q.Get("include_subgroups") != "true" || q.Get("with_shared") != "false" {
			t.Errorf("request %s", r.URL)
		}
		if r.Header.Get("PRIVATE-TOKEN") != "glpat-s3cr3t-value" {
			t.Errorf("request without the token")
		}
		pages = append(pages, q.Get("page"))
	}
	if !reflect.DeepEqual(pages, []string{"1", "2", "3"}) {
		t.Errorf("pages asked = %v (X-Next-Page)", pages)
	}
	// A subgroup is named by its path, its slash encoded; --match sees the
	// path below the group.
	o.Match = []string{"equipe/**"}
	if l, err = forge.List(context.Background(), spec(t, "gitlab:eig/cohorte-7"), o); err != nil {
		t.Fatal(err)
	}
	if got := paths(l); !reflect.DeepEqual(got, []string{"equipe/outil"}) {
		t.Errorf("gitlab:eig/cohorte-7 --match equipe/** = %v", got)
	}
	if last := srv.Requests()[len(srv.Requests())-1]; last.URL.EscapedPath() != "/api/v4/groups/eig%2Fcohorte-7/projects" {
		t.Errorf("subgroup asked as %s", last.URL.EscapedPath())
	}
}

func TestGitLabRateLimitAndErrors(t *testing.T) {
	now := time.Date(2026, 3, 12, 9, 0, 0, 0, time.UTC)
	srv := forgetest.GitLab(t, gitlabCohort(), forgetest.Options{Token: "glpat-s3cr3t-value", RateLimited: 1, Reset: now.Add(20 * time.Second), Groups: []string{"eig/vide"}})
	c := &clock{now: now}
	l, err := forge.List(context.Background(), spec(t, "gitlab:eig"), c.options(forge.Options{GitLabURL: srv.URL, Lang: "fr"}))
	if err != nil {
		t.Fatal(err)
	}
	// Without a token: the public projects only; the 429 waited out until
	// RateLimit-Reset.
	if got := paths(l); !reflect.DeepEqual(got, []string{"cohorte-7/agora", "cohorte-7/equipe/outil", "site-eig"}) {
		t.Errorf("repositories = %v", got)
	}
	if !reflect.DeepEqual(c.slept, []time.Duration{21 * time.Second}) || len(c.notice) != 1 ||
		c.notice[0] != typo.French("passation : gitlab:eig : limite de requêtes de 127.0.0.1 atteinte : attente jusqu'à 09:00:20 UTC (21s), puis nouvel essai (1 sur 3)") {
		t.Errorf("slept %v, notices %q", c.slept, c.notice)
	}
	cases := []struct{ name, spec, token, en, fr string }{
		{"401", "gitlab:eig", "glpat-wrong-0000", "gitlab:eig: 127.0.0.1 refused the token in GITLAB_TOKEN (401 Unauthorized)", "a refusé le jeton de GITLAB_TOKEN"},
		{"404", "gitlab:eig/inconnu", "", `gitlab:eig/inconnu: no group "eig/inconnu" on 127.0.0.1 (404 Not Found): check the path (GROUP/SUBGROUP, as in the group's address), or set GITLAB_TOKEN if the group is private`,
			"aucun groupe « eig/inconnu » sur 127.0.0.1 (HTTP 404)"},
		{"empty", "gitlab:eig/vide", "glpat-s3cr3t-value", `gitlab:eig/vide: the group "eig/vide" on 127.0.0.1 has no project, in it or its subgroups, that the token in GITLAB_TOKEN can see`,
			"le groupe « eig/vide » sur 127.0.0.1 n'a aucun projet"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			o := (&clock{now: now}).options(forge.Options{GitLabURL: srv.URL, Getenv: env(map[string]string{"GITLAB_TOKEN": tc.token})})
			_, err := forge.List(context.Background(), spec(t, tc.spec), o)
			var ie *i18n.Error
			if !errors.As(err, &ie) || !strings.Contains(err.Error(), tc.en) || !strings.Contains(ie.In("fr"), typo.French(tc.fr)) {
				t.Fatalf("err = %v", err)
			}
			if tc.token != "" && strings.Contains(err.Error()+ie.In("fr"), tc.token) {
				t.Errorf("token in %s", err)
			}
		})
	}
}

func TestTokenOnlyOverHTTPSAndToTheForgeItself(t *testing.T) {
	o := forge.Options{GitLabURL: "http://gitlab.example.gouv.fr", Getenv: env(map[string]string{"GITLAB_TOKEN": "glpat-s3cr3t-value"})}
	_, err := forge.List(context.Background(), spec(t, "gitlab:eig"), o)
	if err == nil || !strings.Contains(err.Error(), "--gitlab-url http://gitlab.example.gouv.fr: a token is sent over HTTPS only") {
		t.Errorf("plain HTTP: %v", err)
	}
	// A forge that redirects elsewhere does not get its token carried there.
	var leaked string
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { leaked = r.Header.Get("PRIVATE-TOKEN") }))
	defer other.Close()
	redirect := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, strings.Replace(other.URL, "127.0.0.1", "localhost", 1)+r.URL.Path, http.StatusFound)
	}))
	defer redirect.Close()
	o.GitLabURL = redirect.URL
	_, err = forge.List(context.Background(), spec(t, "gitlab:eig"), o)
	if err == nil || leaked != "" || !strings.Contains(err.Error(), "refused, a token goes to the forge's own host only") {
		t.Errorf("redirect: %v (token seen elsewhere: %q)", err, leaked)
	}
}

func TestParseSpec(t *testing.T) {
	for _, v := range []string{"cohort.csv", "../cohorte/liste.yml", "C:\\cohorte.csv", "ftp:x"} {
		if _, ok, err := forge.ParseSpec(v); ok || err != nil {
			t.Errorf("%q taken for a forge (%v)", v, err)
		}
	}
	for v, want := range map[string]forge.Spec{
		"github:eig-cohorte-7":       {Kind: "github", Owner: "eig-cohorte-7"},
		"GitLab:eig/cohorte-7/":      {Kind: "gitlab", Owner: "eig/cohorte-7"},
		"gitlab:dinum.etalab/eig_26": {Kind: "gitlab", Owner: "dinum.etalab/eig_26"},
	} {
		if got, ok, err := forge.ParseSpec(v); !ok || err != nil || got != want {
			t.Errorf("%q = %+v, %v, %v", v, got, ok, err)
		}
	}
	for v, msg := range map[string]string{
		"github:":            "expected github:ORGANISATION",
		"github:eig/repo":    "expected github:ORGANISATION",
		"github:-oProxy":     "expected github:ORGANISATION",
		"gitlab:":            "expected gitlab:GROUP",
		"gitlab:eig/../root": "expected gitlab:GROUP",
		"gitlab:eig//x":      "expected gitlab:GROUP",
	} {
		if _, ok, err := forge.ParseSpec(v); !ok || err == nil || !strings.Contains(err.Error(), msg) {
			t.Errorf("%q: %v, %v", v, ok, err)
		}
	}
}
