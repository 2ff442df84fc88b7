package audit

import "testing"

func TestCredentials(t *testing.T) {
	env := map[string]string{
		"GITHUB_TOKEN":                     "gh-token",
		"GITLAB_TOKEN":                     "gl-token",
		"PASSATION_TOKEN_GIT_EXAMPLE_ORG":  "alice:ex-token",
		"PASSATION_TOKEN_127_0_0_1_8080":   "local-token",
		"PASSATION_TOKEN_GITEA_EXAMPLE_FR": "gitea-token",
	}
	c := credentials{getenv: func(k string) string { return env[k] }}
	cases := []struct{ url, user, token string }{
		{"https://github.com/org/a.git", "x-access-token", "gh-token"},
		{"https://gitlab.com/org/b.git", "oauth2", "gl-token"},
		{"https://gitlab.example.org/org/b.git", "oauth2", "gl-token"},
		{"https://git.example.org/org/c.git", "alice", "ex-token"},
		{"https://gitea.example.fr:3000/org/d.git", "git", "gitea-token"},
		{"http://127.0.0.1:8080/e.git", "git", "local-token"},
		// Never in clear over a network, never to another host, never over SSH.
		{"http://github.com/org/a.git", "", ""},
		{"https://bitbucket.org/org/f.git", "", ""},
		{"git@github.com:org/a.git", "", ""},
		{"git://github.com/org/a.git", "", ""},
	}
	for _, tc := range cases {
		user, token, secret := c.auth(tc.url)
		if tc.token == "" {
			if token != "" {
				t.Errorf("%s: credentials sent to %s", tc.url, user)
			}
			continue
		}
		if user != tc.user || token != tc.token || secret != tc.token {
			t.Errorf("%s: got %s:%s (secret %q), want %s:%s", tc.url, user, token, secret, tc.user, tc.token)
		}
	}
	if got := TokenVariable("git.example.org:8443"); got != "PASSATION_TOKEN_GIT_EXAMPLE_ORG_8443" {
		t.Errorf("TokenVariable = %s", got)
	}
	// Every token the environment offers is redacted, used or not.
	secrets := c.secrets([]Target{{URL: "https://git.example.org/x"}, {URL: "https://u:in-url-secret@h.example/y"}})
	msg := Redact("gh-token gl-token ex-token alice:ex-token in-url-secret", secrets)
	if msg != "*** *** *** *** ***" {
		t.Errorf("Redact = %q", msg)
	}
}

// The token a cohort was listed with goes to its forge's host, on any
// port, after the host's own variable and before the forges' defaults; to
// no other host, and never in clear over a network.
func TestHostTokens(t *testing.T) {
	env := map[string]string{
		"GITLAB_TOKEN":                       "gl-token",
		"PASSATION_TOKEN_GITLAB_EXAMPLE_ORG": "own-token",
	}
	c := credentials{getenv: func(k string) string { return env[k] }, hosts: []HostToken{
		{Host: "gitlab.example.gouv.fr", User: "oauth2", Token: "forge-token"},
		{Host: "gitlab.example.org", User: "oauth2", Token: "forge-token-2"},
		{Host: "127.0.0.1", User: "x-access-token", Token: "local-forge"},
	}}
	cases := []struct{ url, user, token string }{
		{"https://gitlab.example.gouv.fr/eig/a.git", "oauth2", "forge-token"},
		{"https://GitLab.Example.Gouv.Fr:8443/eig/a.git", "oauth2", "forge-token"},
		{"https://gitlab.example.org/eig/b.git", "git", "own-token"},
		{"https://gitlab.com/eig/c.git", "oauth2", "gl-token"},
		{"http://127.0.0.1:4242/d.git", "x-access-token", "local-forge"},
		{"http://gitlab.example.gouv.fr/eig/a.git", "", ""},
		{"https://git.example.gouv.fr/eig/a.git", "", ""},
	}
	for _, tc := range cases {
		user, token, _ := c.auth(tc.url)
		if user != tc.user || token != tc.token {
			t.Errorf("%s: got %q:%q, want %q:%q", tc.url, user, token, tc.user, tc.token)
		}
	}
	if msg := Redact("forge-token local-forge", c.secrets(nil)); msg != "*** ***" {
		t.Errorf("Redact = %q", msg)
	}
}
