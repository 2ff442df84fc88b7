package starter

import (
	"net/url"
	"regexp"
	"strings"

	"github.com/passation/passation/internal/licence"
)

// DetectLicence names the licence of a licence file by its SPDX
// identifier ("" when the text is not one licence): the id a
// "SPDX-License-Identifier:" line gives, else what the licence scanner
// recognises over most of the text. cacheDir is the scanner's cache.
func DetectLicence(text []byte, cacheDir string) string {
	if id := spdxTag.FindSubmatch(text); id != nil {
		return string(id[1])
	}
	id := licence.IdentifyCached(text, cacheDir)
	if len(id.IDs) != 1 || id.Coverage < 50 && id.IDs[0] != "etalab-2.0" {
		return ""
	}
	return id.IDs[0]
}

var spdxTag = regexp.MustCompile(`SPDX-License-Identifier:\s*([A-Za-z0-9.+-]+(?:\s+(?:OR|AND|WITH)\s+[A-Za-z0-9.+-]+)*)`)

var email = regexp.MustCompile(`[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}`)

// nameNoise is what surrounds a name on a line of a maintainers file:
// list bullets, Markdown emphasis and links, separators.
var parenthesised = regexp.MustCompile(`\([^)]*\)`)

var nameNoise = regexp.MustCompile(`[*_\[\]()<>|:,;—–"'` + "`" + `]|mailto|^\s*[-+]\s`)

// DetectMaintainers reads names and e-mail addresses from a maintainers
// file or a contact section: one person per line that holds an address,
// named by what precedes it on the line.
func DetectMaintainers(text []byte) []Person {
	var out []Person
	seen := map[string]bool{}
	for _, line := range strings.Split(string(text), "\n") {
		loc := email.FindStringIndex(line)
		if loc == nil {
			continue
		}
		addr := line[loc[0]:loc[1]]
		if seen[strings.ToLower(addr)] || strings.Contains(addr, "example.") || strings.HasPrefix(addr, "noreply") {
			continue
		}
		seen[strings.ToLower(addr)] = true
		name := parenthesised.ReplaceAllString(line[:loc[0]], " ")
		name = nameNoise.ReplaceAllString(name, " ")
		name = strings.Join(strings.Fields(name), " ")
		name = strings.TrimRight(name, " -")
		if len(strings.Fields(name)) > 6 {
			name = "" // a sentence, not a name
		}
		out = append(out, Person{Name: name, Email: addr})
		if len(out) == 10 {
			break
		}
	}
	return out
}

// RepositoryURL turns a git remote address into the https address of the
// repository's page: "git@github.com:org/app.git" gives
// "https://github.com/org/app". Credentials are dropped, never copied.
// Local paths and unknown forms give "".
func RepositoryURL(remote string) string {
	remote = strings.TrimSpace(remote)
	if m := scpLike.FindStringSubmatch(remote); m != nil && !strings.Contains(remote, "://") {
		return "https://" + m[1] + "/" + strings.TrimSuffix(strings.Trim(m[2], "/"), ".git")
	}
	u, err := url.Parse(remote)
	if err != nil || u.Host == "" {
		return ""
	}
	switch u.Scheme {
	case "https", "http", "ssh", "git", "git+ssh", "ssh+git":
	default:
		return ""
	}
	p := strings.TrimSuffix(strings.Trim(u.Path, "/"), ".git")
	if p == "" {
		return ""
	}
	return "https://" + u.Hostname() + "/" + p
}

var scpLike = regexp.MustCompile(`^(?:[^@/]+@)?([^:/]+):(.+)$`)

// FileURL is the address of a file of the repository on its forge, "" when
// the forge is not one whose addresses passation knows.
func FileURL(repoURL, path string) string {
	u, err := url.Parse(repoURL)
	if err != nil || repoURL == "" {
		return ""
	}
	switch {
	case u.Host == "github.com":
		return repoURL + "/blob/HEAD/" + path
	case strings.Contains(u.Host, "gitlab"), u.Host == "framagit.org", u.Host == "git.beta.pole-emploi.fr":
		return repoURL + "/-/blob/HEAD/" + path
	}
	return ""
}
