package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"strings"

	"github.com/bmatcuk/doublestar/v4"
	"github.com/passation/passation/internal/atomicfile"
	"github.com/passation/passation/internal/audit"
	"github.com/passation/passation/internal/catalog"
	"github.com/passation/passation/internal/cohortreport"
	"github.com/passation/passation/internal/forge"
	"github.com/passation/passation/internal/i18n"
	"github.com/passation/passation/internal/safetext"
)

// ExitNotListed is audit's exit code when the cohort could not be listed
// from its forge (401, 404, nothing left to list, a rate limit waited out
// too often, unreachable, clone URLs no audit could fetch): nothing was
// audited or written.
const ExitNotListed = 5

// forgeFlags are audit's flags for a cohort listed from its forge
// (--from github:ORG or gitlab:GROUP).
type forgeFlags struct {
	githubURL, gitlabURL          string
	includeArchived, includeForks bool
	topics, match                 stringsFlag
	listOnly                      string
}

func (f *forgeFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.githubURL, "github-url", "", "with --from github:ORG: the `URL` of a GitHub Enterprise Server (https://github.example.org) instead of github.com")
	fs.StringVar(&f.gitlabURL, "gitlab-url", "", "with --from gitlab:GROUP: the `URL` of an administration's own GitLab (https://gitlab.example.gouv.fr) instead of gitlab.com")
	fs.BoolVar(&f.includeArchived, "include-archived", false, "with --from github:ORG or gitlab:GROUP: keep the archived repositories (left out by default)")
	fs.BoolVar(&f.includeForks, "include-forks", false, "with --from github:ORG or gitlab:GROUP: keep the forks (left out by default)")
	fs.Var(&f.topics, "topic", "with --from github:ORG or gitlab:GROUP: keep the repositories with this `TOPIC` (repeatable, or comma-separated: any of them)")
	fs.Var(&f.match, "match", "with --from github:ORG or gitlab:GROUP: keep the repositories whose path in the organisation or group matches this `GLOB`, case ignored (eig-*, cohorte-7/**; repeatable)")
	fs.StringVar(&f.listOnly, "list-only", "", "with --from github:ORG or gitlab:GROUP: write the listed repositories to this new cohort CSV `FILE` (- for standard output) and audit nothing")
}

// used names the forge flags given, for the error of a --from that names
// no forge.
func (f *forgeFlags) used() []string {
	var out []string
	for _, c := range []struct {
		name string
		set  bool
	}{
		{"--github-url", f.githubURL != ""}, {"--gitlab-url", f.gitlabURL != ""},
		{"--include-archived", f.includeArchived}, {"--include-forks", f.includeForks},
		{"--topic", len(f.topics) > 0}, {"--match", len(f.match) > 0}, {"--list-only", f.listOnly != ""},
	} {
		if c.set {
			out = append(out, c.name)
		}
	}
	return out
}

// validate refuses the forge's flags without a forge (from is a cohort
// file, or URLs were given), the other forge's flags, a bad --match and an
// existing --list-only file.
func (f *forgeFlags) validate(from string, spec forge.Spec, fromForge bool) error {
	if used := f.used(); !fromForge && len(used) > 0 {
		if from == "" {
			return forgeWords.Errorf("flag.no-from", strings.Join(used, ", "))
		}
		return forgeWords.Errorf("flag.no-forge", strings.Join(used, ", "), from)
	}
	switch {
	case !fromForge:
		return nil
	case spec.Kind == "github" && f.gitlabURL != "":
		return forgeWords.Errorf("flag.other-forge", "--gitlab-url", "gitlab:GROUP", spec.String())
	case spec.Kind == "gitlab" && f.githubURL != "":
		return forgeWords.Errorf("flag.other-forge", "--github-url", "github:ORGANISATION", spec.String())
	}
	// forge.List checks them too, but a typo is a usage error, found before
	// --out is prepared.
	for _, m := range f.match {
		if !doublestar.ValidatePattern(strings.ToLower(m)) {
			return forgeWords.Errorf("match.invalid", m)
		}
	}
	if f.listOnly != "" && f.listOnly != "-" {
		if _, err := os.Lstat(f.listOnly); err == nil {
			return forgeWords.Errorf("list.exists", f.listOnly)
		}
	}
	return nil
}

func (f *forgeFlags) options(env *Env, lng string) forge.Options {
	var topics []string
	for _, t := range f.topics {
		for _, one := range strings.Split(t, ",") {
			if one = strings.TrimSpace(one); one != "" {
				topics = append(topics, one)
			}
		}
	}
	return forge.Options{
		GitHubURL: f.githubURL, GitLabURL: f.gitlabURL, Getenv: env.getenv,
		IncludeArchived: f.includeArchived, IncludeForks: f.includeForks,
		Topics: topics, Match: f.match, Lang: lng,
		// The rate limit's reset is on the forge's clock, the real one:
		// not env.Now, which dates the audit.
		Notify: func(msg string) { fmt.Fprintln(env.Stderr, redactTokens(env, safetext.Line(msg))) },
	}
}

// listForAudit lists the cohort of spec for audit: its targets and the
// token to offer their clones, or nil targets and the exit code when it
// was listed only (--list-only) or could not be listed.
func listForAudit(ctx context.Context, env *Env, f *auditFlags, spec forge.Spec, cat *catalog.Catalog, lng string) ([]audit.Target, []audit.HostToken, int) {
	if f.forge.listOnly == "" {
		// --profile and --out are checked before the forge is asked, as
		// before any fetch.
		if f.profile != "" {
			if _, err := cat.Select(f.profile); err != nil {
				return nil, nil, usageErr(env, err)
			}
		}
		if err := cohortreport.PrepareOut(f.out); err != nil {
			return nil, nil, usageErr(env, err)
		}
	}
	ts, l, err := listCohort(ctx, env, spec, f.forge.options(env, lng))
	switch {
	case ctx.Err() != nil:
		fmt.Fprintln(env.Stderr, forgeWords.In(lng, "interrupted"))
		return nil, nil, ExitInterrupted
	case err != nil:
		// Refused, unreachable, empty, or clone URLs no audit could fetch.
		for _, line := range strings.Split(inLang(err, lng), "\n") {
			fmt.Fprintf(env.Stderr, "passation: %s\n", redactTokens(env, safetext.Line(line)))
		}
		return nil, nil, ExitNotListed
	case f.forge.listOnly != "":
		if err := writeList(env, f.forge.listOnly, ts, lng); err != nil {
			fmt.Fprintf(env.Stderr, "passation: %s\n", inLang(err, lng))
			return nil, nil, ExitNotWritten
		}
		return nil, nil, ExitOK
	}
	return ts, hostToken(env, l), ExitOK
}

// listCohort lists the repositories of spec and makes them the audit's
// targets, saying on stderr what was listed and left out.
func listCohort(ctx context.Context, env *Env, spec forge.Spec, o forge.Options) ([]audit.Target, *forge.Listing, error) {
	l, err := forge.List(ctx, spec, o)
	if err != nil {
		return nil, nil, err
	}
	fmt.Fprintf(env.Stderr, forgeWords.In(o.Lang, "listed")+"\n", safetext.Line(l.Summary(o.Lang)))
	ts, err := forgeTargets(l)
	return ts, l, err
}

// forgeTargets makes targets of a listing, as a cohort file would give
// them: the clone URL, the repository's path in the organisation or group
// as its name, and for a GitLab project in a subgroup, the subgroup as its
// team (a team's repositories often share one). The ref is left to the
// remote's HEAD, the rest empty, for staff to fill in.
func forgeTargets(l *forge.Listing) ([]audit.Target, error) {
	ts := make([]audit.Target, len(l.Repos))
	var errs []error
	for i, r := range l.Repos {
		// A forge's words reach the terminal (--list-only -) and the
		// reports: no control character of theirs.
		t := audit.Target{URL: r.CloneURL, Name: safetext.Line(r.Path), Pos: l.Spec.String() + ": " + safetext.Line(r.FullPath)}
		if i := strings.LastIndex(t.Name, "/"); l.Spec.Kind == "gitlab" && i > 0 {
			t.Team = t.Name[:i]
		}
		if safetext.Line(t.URL) != t.URL {
			errs = append(errs, forgeWords.Errorf("url.control", t.Pos, safetext.Line(t.URL)))
		}
		ts[i] = t
	}
	if err := audit.Validate(ts); err != nil {
		errs = append(errs, err)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return ts, nil
}

// hostToken offers the listing's token to the clones on the forge's host,
// with the user name each forge expects (or the one the variable gives).
func hostToken(env *Env, l *forge.Listing) []audit.HostToken {
	if l.Token == "" {
		return nil
	}
	user := "x-access-token"
	if l.Spec.Kind == "gitlab" {
		user = "oauth2"
	}
	if u, t, ok := strings.Cut(strings.TrimSpace(env.getenv(l.TokenVar)), ":"); ok && u != "" && t != "" {
		user = u
	}
	return []audit.HostToken{{Host: l.Host, User: user, Token: l.Token}}
}

// writeList writes the listed targets as a cohort CSV: to standard output
// for "-", else to a new file, whole or not at all, never over a list
// staff may have edited.
func writeList(env *Env, name string, ts []audit.Target, lng string) error {
	data, err := audit.CohortCSV(ts)
	if err != nil {
		return err
	}
	if name == "-" {
		_, err := env.Stdout.Write(data)
		return err
	}
	if err := atomicfile.Create(name, data, 0o666); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return forgeWords.Errorf("list.exists", name)
		}
		return forgeWords.Errorf("list.write", name, err.Error())
	}
	fmt.Fprintf(env.Stderr, forgeWords.For(lng, "list.written", len(ts))+"\n", name, len(ts), name)
	return nil
}

// redactTokens hides the forges' tokens, should a message quote one.
func redactTokens(env *Env, s string) string {
	var secrets []string
	for _, v := range []string{"GITHUB_TOKEN", "GITLAB_TOKEN"} {
		val := strings.TrimSpace(env.getenv(v))
		if _, t, ok := strings.Cut(val, ":"); ok && len(t) >= 4 {
			secrets = append(secrets, t)
		}
		if len(val) >= 4 {
			secrets = append(secrets, val)
		}
	}
	return audit.Redact(s, secrets)
}

// inLang is an error's sentence in lng when it has both languages, each
// of a joined error on its line.
func inLang(err error, lng string) string {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var lines []string
		for _, e := range j.Unwrap() {
			lines = append(lines, inLang(e, lng))
		}
		return strings.Join(lines, "\n")
	}
	var le interface {
		error
		In(string) string
	}
	if errors.As(err, &le) {
		// An error of both languages, or a file's problem; wrapped
		// ("--fail-on: …"), the wrapper's words stay around it.
		return strings.Replace(err.Error(), le.Error(), le.In(lng), 1)
	}
	return err.Error()
}

// forgeWords are the audit's sentences about a cohort listed from its forge.
var forgeWords = i18n.Text{
	"listed": {"passation audit: %s", "passation audit : %s"},
	"flag.no-forge": {
		"audit: %s: only with --from github:ORGANISATION or gitlab:GROUP (here --from %s, a cohort file)",
		"audit : %s : seulement avec --from github:ORGANISATION ou gitlab:GROUPE (ici --from %s, un fichier de cohorte)",
	},
	"flag.no-from": {
		"audit: %s: only with --from github:ORGANISATION or gitlab:GROUP, which lists the cohort from its forge",
		"audit : %s : seulement avec --from github:ORGANISATION ou gitlab:GROUPE, qui liste la cohorte depuis sa forge",
	},
	"url.control": {
		"%s: the forge gives the clone URL %s, with control characters: expected an address git can fetch",
		"%s : la forge donne l'adresse de clone %s, avec des caractères de contrôle : attendu une adresse que git puisse récupérer",
	},
	"match.invalid": {
		`audit: --match %q: not a valid pattern: expected a glob such as "eig-*" or "cohorte-7/**"`,
		`audit : --match « %s » : motif non valide : attendu un motif tel que « eig-* » ou « cohorte-7/** »`,
	},
	"flag.other-forge": {
		"audit: %s is for --from %s, not --from %s",
		"audit : %s va avec --from %s, pas avec --from %s",
	},
	"list.exists": {
		"--list-only %s: the file already exists (it may hold edits): name a new file, or remove it first",
		"--list-only %s : le fichier existe déjà (il peut contenir des modifications) : nommez un nouveau fichier, ou supprimez-le d'abord",
	},
	"list.write": {
		"--list-only %s: could not write the cohort list: %s",
		"--list-only %s : impossible d'écrire la liste de la cohorte : %s",
	},
	"list.written.one": {
		"passation audit: %s: %d repository written, nothing audited: edit it if needed, then passation audit --from %s",
		"passation audit : %s : %d dépôt écrit, rien n'a été audité : modifiez-la au besoin, puis passation audit --from %s",
	},
	"list.written.many": {
		"passation audit: %s: %d repositories written, nothing audited: edit it if needed, then passation audit --from %s",
		"passation audit : %s : %d dépôts écrits, rien n'a été audité : modifiez-la au besoin, puis passation audit --from %s",
	},
	"interrupted": {
		"passation audit: interrupted while listing the cohort: nothing written",
		"passation audit : interrompu pendant la liste de la cohorte : rien n'a été écrit",
	},
}

// splitDefaults takes the organisation's .github repository out of a
// GitHub cohort (it is no team's work) and returns it as the source of the
// organisation's defaults; when the listing left it out (a filter), its
// address is the one GitHub gives it beside the others. It is checked with
// the whole checklist (profile), whatever the cohort's profile.
func splitDefaults(ts []audit.Target, profile string) ([]audit.Target, *audit.Target) {
	if len(ts) == 0 {
		return ts, nil
	}
	var rest []audit.Target
	var found *audit.Target
	for _, t := range ts {
		if strings.EqualFold(t.Name, ".github") {
			t := t
			found = &t
			continue
		}
		rest = append(rest, t)
	}
	if found == nil {
		u := ts[0].URL
		i := strings.LastIndex(u, "/")
		if i < 0 {
			return ts, nil
		}
		found = &audit.Target{URL: u[:i+1] + ".github.git", Pos: ts[0].Pos}
	}
	found.Name, found.Team, found.Profile, found.Index = ".github", "", profile, -1
	for i := range rest {
		rest[i].Index = i
	}
	return rest, found
}
