package audit

import (
	"net"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/passation/passation/internal/source"
)

// credentials finds the HTTPS token for a host in the environment:
// PASSATION_TOKEN_<HOST> first, then the token a cohort was listed with for
// the hosts of its forge, then GITHUB_TOKEN for github.com and GITLAB_TOKEN
// for gitlab.com and gitlab.* hosts. A value "user:token" sets the user name
// too.
type credentials struct {
	getenv func(string) string
	hosts  []HostToken
}

// HostToken is a token offered to the remotes of one host: the one a cohort
// was listed with from its forge (--from github:ORG on a GitHub Enterprise
// Server, --gitlab-url), which also reads its repositories.
type HostToken struct {
	// Host is a host name without port (gitlab.example.gouv.fr): every
	// port of it gets the token, as the forge's API and its clones share it.
	Host        string
	User, Token string
}

// TokenVariable is the environment variable that holds the token of host
// (host[:port]): PASSATION_TOKEN_ followed by the host in upper case with
// every other character than a letter or digit turned into "_".
func TokenVariable(host string) string {
	var b strings.Builder
	b.WriteString("PASSATION_TOKEN_")
	for _, r := range strings.ToUpper(host) {
		if (r >= 'A' && r <= 'Z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
		} else {
			b.WriteByte('_')
		}
	}
	return b.String()
}

// lookup returns the user and token for a host, if any.
func (c credentials) lookup(hostport, host string) (user, token string) {
	if c.getenv == nil {
		c.getenv = func(string) string { return "" }
	}
	if user, token = c.fromEnv(TokenVariable(hostport), "git"); token != "" {
		return user, token
	}
	if user, token = c.fromEnv(TokenVariable(host), "git"); token != "" {
		return user, token
	}
	for _, ht := range c.hosts {
		if ht.Token != "" && strings.EqualFold(ht.Host, host) {
			return ht.User, ht.Token
		}
	}
	switch h := strings.ToLower(host); {
	case h == "github.com" || strings.HasSuffix(h, ".github.com"):
		return c.fromEnv("GITHUB_TOKEN", "x-access-token")
	case h == "gitlab.com" || strings.HasPrefix(h, "gitlab."):
		return c.fromEnv("GITLAB_TOKEN", "oauth2")
	}
	return "", ""
}

// fromEnv reads a token variable: "token", or "user:token".
func (c credentials) fromEnv(name, defaultUser string) (user, token string) {
	v := strings.TrimSpace(c.getenv(name))
	if v == "" {
		return "", ""
	}
	if u, t, ok := strings.Cut(v, ":"); ok && u != "" && t != "" {
		return u, t
	}
	return defaultUser, v
}

// auth returns the user and token to send to a remote URL, if any, and
// the secret the URL carries (for redaction). HTTPS gets a token from the
// environment; plain HTTP only on a loopback address, so a token never
// crosses a network in clear. SSH is left to go-git, which asks the SSH
// agent.
func (c credentials) auth(rawURL string) (user, token, secret string) {
	ep, err := source.ParseEndpoint(rawURL)
	if err != nil {
		return "", "", ""
	}
	switch ep.Protocol {
	case "https":
	case "http":
		if ip := net.ParseIP(ep.Host); !(ep.Host == "localhost" || (ip != nil && ip.IsLoopback())) {
			return "", "", ""
		}
	default:
		return "", "", ""
	}
	if ep.Password != "" {
		return "", "", ep.Password // go-git uses the URL's own credentials
	}
	hostport := ep.Host
	if ep.Port != 0 {
		hostport = net.JoinHostPort(ep.Host, strconv.Itoa(ep.Port))
	}
	user, token = c.lookup(hostport, ep.Host)
	return user, token, token
}

// secrets lists every token the environment offers for the targets, so that
// none of them can leak into a message even when it was not used.
func (c credentials) secrets(ts []Target) []string {
	seen := map[string]bool{}
	add := func(v string) {
		v = strings.TrimSpace(v)
		if _, t, ok := strings.Cut(v, ":"); ok && t != "" {
			seen[t] = true
		}
		if v != "" {
			seen[v] = true
		}
	}
	if c.getenv != nil {
		add(c.getenv("GITHUB_TOKEN"))
		add(c.getenv("GITLAB_TOKEN"))
	}
	for _, ht := range c.hosts {
		add(ht.Token)
	}
	for _, t := range ts {
		if ep, err := source.ParseEndpoint(t.URL); err == nil && isRemote(t.URL) {
			if ep.Password != "" {
				seen[ep.Password] = true
			}
			if c.getenv != nil {
				hp := ep.Host
				if ep.Port != 0 {
					hp = net.JoinHostPort(ep.Host, strconv.Itoa(ep.Port))
				}
				add(c.getenv(TokenVariable(hp)))
				add(c.getenv(TokenVariable(ep.Host)))
			}
		}
	}
	out := make([]string, 0, len(seen))
	for s := range seen {
		if len(s) >= 4 { // a shorter "secret" would blank out ordinary words
			out = append(out, s)
		}
	}
	// Longest first, so that a token containing another is hidden whole.
	sort.Slice(out, func(i, j int) bool { return len(out[i]) > len(out[j]) })
	return out
}

// userinfo matches the credentials part of a URL: scheme://user:pass@.
var userinfo = regexp.MustCompile(`([A-Za-z][A-Za-z0-9+.-]*://)[^/@\s]*@`)

// Redact hides credentials in a message: the user-info part of every URL,
// and every known secret wherever it appears (go-git errors quote URLs).
func Redact(s string, secrets []string) string {
	s = userinfo.ReplaceAllString(s, "${1}***@")
	for _, sec := range secrets {
		s = strings.ReplaceAll(s, sec, "***")
	}
	return s
}
