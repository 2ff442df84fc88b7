// Package audit checks every repository of a cohort at once: it clones each
// one with go-git (shallow, one ref, no work tree), runs the checklist on the
// cloned tree, isolates failures and gathers one result for the reports.
package audit

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"net/url"
	"path"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/passation/passation/internal/catalog"
	"github.com/passation/passation/internal/i18n"
	"github.com/passation/passation/internal/syserr"
	"go.yaml.in/yaml/v3"
)

// Target is one repository of the cohort list.
type Target struct {
	// Index is the position in the cohort list, from 0: shards and merged
	// reports keep the cohort's order with it.
	Index int
	// URL is a remote (https://, http://, ssh://, git://, user@host:path) or
	// a local path.
	URL string
	// Name, Team and Challenge label the repository in reports; Name
	// defaults to the last element of the URL.
	Name, Team, Challenge string
	// Ref is the branch, tag or commit to check ("" for the remote's HEAD).
	Ref string
	// Profile is the rule profile ("" for the audit's default).
	Profile string
	// Lang is the language of the team's letter ("" for the audit's).
	Lang string
	// Pos is where the target was listed ("cohort.csv:4", or "argument 2").
	Pos string
}

// Remote says whether the target is fetched over the network rather than
// read from a folder on this machine.
func (t Target) Remote() bool { return isRemote(t.URL) }

// scpLike matches git's user@host:path form (git@github.com:org/repo.git).
var scpLike = regexp.MustCompile(`^[A-Za-z0-9._~-]+@[A-Za-z0-9.-]+:[^/]`)

func isRemote(u string) bool {
	if i := strings.Index(u, "://"); i > 0 {
		return !strings.EqualFold(u[:i], "file")
	}
	return scpLike.MatchString(u)
}

// checkURL rejects, when the list is read, a remote URL that could only
// fail later (no host, no path, a fragment, a scheme go-git does not speak),
// and any host, user or path starting with "-", which a transport could
// take for an option (ssh://-oProxyCommand=…).
func checkURL(raw string) error {
	if m := scpLike.FindString(raw); m != "" && !strings.Contains(raw, "://") {
		user, rest, _ := strings.Cut(raw, "@")
		host, p, _ := strings.Cut(rest, ":")
		switch {
		case strings.HasPrefix(user, "-") || strings.HasPrefix(host, "-") || strings.HasPrefix(p, "-"):
			return cohortWords.Errorf("url-dash")
		case strings.Contains(p, "#"):
			return cohortWords.Errorf("url-fragment")
		}
		return nil
	}
	u, err := url.Parse(raw)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return cohortWords.Errorf("url-invalid", err)
	}
	switch strings.ToLower(u.Scheme) {
	case "https", "http", "ssh", "git":
	default:
		return cohortWords.Errorf("url-scheme", u.Scheme)
	}
	switch {
	case u.Hostname() == "":
		return cohortWords.Errorf("url-host")
	case strings.HasPrefix(u.Host, "-") || strings.HasPrefix(u.User.Username(), "-") || strings.HasPrefix(strings.TrimPrefix(u.Path, "/"), "-"):
		return cohortWords.Errorf("url-dash")
	case u.Fragment != "" || strings.HasSuffix(raw, "#"):
		return cohortWords.Errorf("url-fragment")
	case strings.Trim(u.Path, "/") == "":
		return cohortWords.Errorf("url-path")
	}
	return nil
}

// defaultName is the last element of a URL or path, without ".git" —
// or the one before it when the last says nothing of the project
// ("/src/outil/.git", "/mirror/outil/repo").
func defaultName(u string) string {
	parts := strings.FieldsFunc(u, func(r rune) bool { return r == '/' || r == '\\' || r == ':' })
	for i := len(parts) - 1; i >= 0; i-- {
		name := strings.TrimSuffix(parts[i], ".git")
		switch strings.ToLower(name) {
		case "", "repo", "repository", "git", ".":
			continue
		}
		return name
	}
	return u
}

// columns are the fields a cohort file may give, with their accepted
// spellings; only url is required.
var columns = map[string][]string{
	"url":       {"url", "repository", "repo", "depot", "dépôt"},
	"name":      {"name", "nom"},
	"team":      {"team", "equipe", "équipe"},
	"challenge": {"challenge", "defi", "défi"},
	"ref":       {"ref", "tag", "branch", "branche"},
	"profile":   {"profile", "profil"},
	"lang":      {"lang", "langue", "language"},
}

func canonicalColumn(h string) (string, bool) {
	h = strings.ToLower(strings.TrimSpace(h))
	for c, names := range columns {
		for _, n := range names {
			if h == n {
				return c, true
			}
		}
	}
	return "", false
}

func columnNames() []string {
	return []string{"url", "name", "team", "challenge", "ref", "profile", "lang"}
}

// ParseCohort reads a cohort list: CSV (with a header row) or, for .yml and
// .yaml names, YAML. Relative local paths are taken from the list's folder.
// Every problem names the file and line.
func ParseCohort(name string, data []byte) ([]Target, error) {
	var ts []Target
	var err error
	switch strings.ToLower(path.Ext(name)) {
	case ".yml", ".yaml":
		ts, err = parseYAML(name, data)
	default:
		ts, err = parseCSV(name, data)
	}
	if err != nil {
		return nil, err
	}
	base := filepath.Dir(name)
	for i := range ts {
		ts[i].URL = strings.TrimSpace(ts[i].URL)
		if ts[i].URL != "" && !ts[i].Remote() {
			ts[i].URL = localPath(base, ts[i].URL)
		}
	}
	if err := Validate(ts); err != nil {
		return nil, err
	}
	return ts, nil
}

// localPath resolves a path (or file:// URL) from a cohort file's folder.
func localPath(base, p string) string {
	if u, err := url.Parse(p); err == nil && strings.EqualFold(u.Scheme, "file") {
		p = u.Path
	}
	if !filepath.IsAbs(p) {
		p = filepath.Join(base, p)
	}
	return p
}

// FromArgs makes targets of command-line arguments: URLs and paths.
func FromArgs(args []string) ([]Target, error) {
	ts := make([]Target, len(args))
	for i, a := range args {
		ts[i] = Target{URL: strings.TrimSpace(a), Pos: fmt.Sprintf("argument %d", i+1)}
		if ts[i].URL != "" && !ts[i].Remote() {
			ts[i].URL = localPath("", a)
		}
	}
	return ts, Validate(ts)
}

// Validate numbers targets, fills default names, and rejects empty URLs,
// unknown languages and repositories listed twice at the same ref.
func Validate(ts []Target) error {
	seen := map[string]string{}
	var errs []error
	for i := range ts {
		t := &ts[i]
		t.Index = i
		t.URL = strings.TrimSpace(t.URL)
		if t.URL == "" {
			errs = append(errs, cohortWords.Errorf("no-url", t.Pos))
			continue
		}
		if t.Remote() {
			if err := checkURL(t.URL); err != nil {
				errs = append(errs, cohortWords.Wrap(err, "bad-url", t.Pos, Redact(t.URL, nil), err))
				continue
			}
		}
		if t.Name == "" {
			t.Name = defaultName(t.URL)
		}
		switch strings.ToLower(t.Lang) {
		case "", "en", "fr":
			t.Lang = strings.ToLower(t.Lang)
		default:
			errs = append(errs, cohortWords.Errorf("lang", t.Pos, t.Lang))
		}
		key := t.URL + "\x00" + t.Ref
		if prev, dup := seen[key]; dup {
			errs = append(errs, cohortWords.Errorf("twice", t.Pos, Redact(t.URL, nil), prev))
			continue
		}
		seen[key] = t.Pos
	}
	return errors.Join(errs...)
}

// cohortWords are the problems of a cohort list, in both languages.
var cohortWords = i18n.Text{
	"url-dash":     {`a user, host or path starts with "-"`, "un utilisateur, un hôte ou un chemin commence par « - »"},
	"url-fragment": {"a #fragment is not part of a repository address", "un #fragment ne fait pas partie de l'adresse d'un dépôt"},
	"url-invalid":  {"not a valid URL (%v)", "adresse non valide (`%v`)"},
	"url-scheme":   {"unknown scheme %q", "protocole inconnu « %s »"},
	"url-host":     {"no host", "pas d'hôte"},
	"url-path":     {"no repository path after the host", "pas de chemin de dépôt après l'hôte"},
	"no-url":       {"%s: missing url: expected a repository URL or a local path", "%s : url absente : attendu l'adresse d'un dépôt ou un chemin local"},
	"bad-url": {"%s: %s: %s: expected https://host/org/repo.git, ssh://user@host/org/repo.git, git://host/repo.git or user@host:org/repo.git",
		"%s : %s : %s : attendu https://hote/org/depot.git, ssh://utilisateur@hote/org/depot.git, git://hote/depot.git ou utilisateur@hote:org/depot.git"},
	"lang":            {"%s: unknown language %q: expected en or fr", "%s : langue inconnue « %s » : attendu en ou fr"},
	"twice":           {"%s: %s is already listed at %s", "%s : %s est déjà listé en %s"},
	"csv-empty":       {"%s: empty cohort list: expected a header row such as url,name,team,challenge,ref,profile,lang", "%s : liste de cohorte vide : attendu une ligne d'en-tête telle que url,name,team,challenge,ref,profile,lang"},
	"column":          {"%s:%d: unknown column %q: %s", "%s:%d : colonne inconnue « %s » : %s"},
	"column-twice":    {"%s:%d: column %q is given twice", "%s:%d : la colonne « %s » est donnée deux fois"},
	"csv-no-url":      {"%s:1: no url column: expected a header row such as url,name,team,challenge,ref,profile,lang", "%s:1 : pas de colonne url : attendu une ligne d'en-tête telle que url,name,team,challenge,ref,profile,lang"},
	"csv-fields.many": {"%s:%d: %d fields but the header names %d columns", "%s:%d : %d champs, mais l'en-tête nomme %d colonnes"},
	"csv-none":        {"%s: no repository listed below the header", "%s : aucun dépôt listé sous l'en-tête"},
	"csv-line":        {"%s:%d: invalid CSV: %s", "%s:%d : CSV non valide : %s"},
	"csv":             {"%s: invalid CSV: %s", "%s : CSV non valide : %s"},
	"yaml-line":       {"%s:%s: invalid YAML: %s", "%s:%s : YAML non valide : `%s`"},
	"yaml":            {"%s: invalid YAML: %s", "%s : YAML non valide : `%s`"},
	"yaml-empty":      {"%s: empty cohort list: expected a list under repositories", "%s : liste de cohorte vide : attendu une liste sous `repositories`"},
	"yaml-top":        {"%s:%d: unknown key %q: expected repositories or deadline", "%s:%d : clé inconnue « %s » : attendu `repositories` ou `deadline`"},
	"yaml-list":       {"%s:%d: expected a list under repositories", "%s:%d : attendu une liste sous `repositories`"},
	"yaml-nonempty":   {"%s:%d: expected a non-empty list of repositories", "%s:%d : attendu une liste de dépôts non vide"},
	"yaml-key":        {"%s:%d: unknown key %q: %s", "%s:%d : clé inconnue « %s » : %s"},
	"yaml-string":     {"%s:%d: %s: expected a string", "%s:%d : %s : attendu une chaîne de caractères"},
	"yaml-entry":      {"%s:%d: expected a URL or a mapping with url, name, team, challenge, ref, profile, lang", "%s:%d : attendu une adresse ou un dictionnaire avec url, name, team, challenge, ref, profile, lang"},
	"suggest":         {"did you mean %q?", "vouliez-vous dire « %s » ?"},
	"columns":         {"expected %s", "attendu %s"},
}

// suggest is what to say of an unknown column or key: the close one, or
// the list.
func suggest(got string) *i18n.Error {
	if s := catalog.Suggest(got, columnNames()); s != "" {
		return cohortWords.Errorf("suggest", s)
	}
	return cohortWords.Errorf("columns", strings.Join(columnNames(), ", "))
}

func parseCSV(name string, data []byte) ([]Target, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")) // spreadsheets write a BOM
	r := csv.NewReader(bytes.NewReader(data))
	r.Comment = '#'
	r.FieldsPerRecord = -1
	r.TrimLeadingSpace = true
	if semicolons(data) {
		r.Comma = ';' // French spreadsheets separate with semicolons
	}
	header, err := r.Read()
	if err == io.EOF {
		return nil, cohortWords.Errorf("csv-empty", name)
	}
	if err != nil {
		return nil, csvError(name, err)
	}
	cols := make([]string, len(header))
	hasURL := false
	for i, h := range header {
		c, ok := canonicalColumn(h)
		if !ok {
			line, _ := r.FieldPos(i)
			return nil, cohortWords.Errorf("column", name, line, h, suggest(strings.ToLower(strings.TrimSpace(h))))
		}
		for j := 0; j < i; j++ {
			if cols[j] == c {
				line, _ := r.FieldPos(i)
				return nil, cohortWords.Errorf("column-twice", name, line, c)
			}
		}
		cols[i] = c
		hasURL = hasURL || c == "url"
	}
	if !hasURL {
		return nil, cohortWords.Errorf("csv-no-url", name)
	}
	var ts []Target
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, csvError(name, err)
		}
		line, _ := r.FieldPos(0)
		if len(rec) > len(cols) {
			return nil, cohortWords.Errorf("csv-fields.many", name, line, len(rec), len(cols))
		}
		t := Target{Pos: fmt.Sprintf("%s:%d", name, line)}
		blank := true
		for i, v := range rec {
			v = strings.TrimSpace(v)
			blank = blank && v == ""
			t.set(cols[i], v)
		}
		if blank {
			continue
		}
		ts = append(ts, t)
	}
	if len(ts) == 0 {
		return nil, cohortWords.Errorf("csv-none", name)
	}
	return ts, nil
}

func csvError(name string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return cohortWords.Wrap(err, "csv-line", name, pe.Line, syserr.Of(pe.Err))
	}
	return cohortWords.Wrap(err, "csv", name, syserr.Of(err))
}

func (t *Target) set(col, v string) {
	switch col {
	case "url":
		t.URL = v
	case "name":
		t.Name = v
	case "team":
		t.Team = v
	case "challenge":
		t.Challenge = v
	case "ref":
		t.Ref = v
	case "profile":
		t.Profile = v
	case "lang":
		t.Lang = v
	}
}

var yamlLine = regexp.MustCompile(`^(?:yaml: )?line (\d+): `)

// parseYAML reads either a list of repositories or a mapping with a
// "repositories" list; each entry is a URL string or a mapping of columns.
func parseYAML(name string, data []byte) ([]Target, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		msg := err.Error()
		if m := yamlLine.FindStringSubmatch(msg); m != nil {
			return nil, cohortWords.Errorf("yaml-line", name, m[1], msg[len(m[0]):])
		}
		return nil, cohortWords.Errorf("yaml", name, strings.TrimPrefix(msg, "yaml: "))
	}
	if len(doc.Content) == 0 {
		return nil, cohortWords.Errorf("yaml-empty", name)
	}
	list := doc.Content[0]
	if list.Kind == yaml.MappingNode {
		var found *yaml.Node
		for i := 0; i+1 < len(list.Content); i += 2 {
			k := list.Content[i]
			if k.Value == "deadline" {
				continue // read by ParseDeadline
			}
			if k.Value != "repositories" {
				return nil, cohortWords.Errorf("yaml-top", name, k.Line, k.Value)
			}
			found = list.Content[i+1]
		}
		if found == nil {
			return nil, cohortWords.Errorf("yaml-list", name, list.Line)
		}
		list = found
	}
	if list.Kind != yaml.SequenceNode || len(list.Content) == 0 {
		return nil, cohortWords.Errorf("yaml-nonempty", name, list.Line)
	}
	var ts []Target
	for _, n := range list.Content {
		t := Target{Pos: fmt.Sprintf("%s:%d", name, n.Line)}
		switch n.Kind {
		case yaml.ScalarNode:
			t.URL = n.Value
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				k, v := n.Content[i], n.Content[i+1]
				c, ok := canonicalColumn(k.Value)
				if !ok {
					return nil, cohortWords.Errorf("yaml-key", name, k.Line, k.Value, suggest(k.Value))
				}
				if v.Kind != yaml.ScalarNode {
					return nil, cohortWords.Errorf("yaml-string", name, v.Line, k.Value)
				}
				t.set(c, v.Value)
			}
		default:
			return nil, cohortWords.Errorf("yaml-entry", name, n.Line)
		}
		ts = append(ts, t)
	}
	return ts, nil
}

// CohortCSV writes targets as a cohort list ParseCohort reads back as the
// same targets: the header url,name,team,challenge,ref,profile,lang, then
// one row per target, quoted where needed. Staff edit it in a spreadsheet
// before the audit.
func CohortCSV(ts []Target) ([]byte, error) {
	data, err := writeCSV(ts, ',')
	// The reader takes ";" for the separator when the start of the file
	// has more of them than commas: names full of ";" are written so.
	if err == nil && semicolons(data) {
		data, err = writeCSV(ts, ';')
	}
	return data, err
}

func writeCSV(ts []Target, comma rune) ([]byte, error) {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Comma = comma
	if err := w.Write(columnNames()); err != nil {
		return nil, err
	}
	for _, t := range ts {
		if err := w.Write([]string{t.URL, t.Name, t.Team, t.Challenge, t.Ref, t.Profile, t.Lang}); err != nil {
			return nil, err
		}
	}
	w.Flush()
	return b.Bytes(), w.Error()
}

// semicolons says whether a cohort file is read with ";" between fields,
// as French spreadsheets export it.
func semicolons(data []byte) bool {
	head := data[:min(len(data), 4096)]
	return bytes.Count(head, []byte(";")) > bytes.Count(head, []byte(","))
}
