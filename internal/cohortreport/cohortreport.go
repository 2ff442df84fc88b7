// Package cohortreport renders an audit of a whole cohort for programme
// staff: one self-contained HTML page (the matrix repositories × checklist
// items), CSV for spreadsheets, Markdown for an issue or a wiki, and one
// letter per team saying what is missing and how to add it. Renderers only
// produce bytes; the caller writes them.
package cohortreport

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"path"
	"regexp"
	"sort"
	"strings"

	"github.com/passation/passation/internal/audit"
	"github.com/passation/passation/internal/catalog"
	"github.com/passation/passation/internal/finding"
	"github.com/passation/passation/internal/i18n"
	"github.com/passation/passation/internal/textfold"
)

// Files renders every output of an audit, by path relative to the output
// folder: index.html, report.json, report.csv, report.md and
// letters/<team>.md; with the history of earlier audits of the folder
// (ReadProgress; nil for none), history.json too, and its chart in
// index.html.
func Files(res *audit.Result, cat *catalog.Catalog, progress *Progress) (map[string][]byte, error) {
	out := map[string][]byte{}
	if progress != nil {
		progress = progress.With(res)
		data, err := progress.JSON()
		if err != nil {
			return nil, err
		}
		out[ProgressFile] = data
	}
	var b bytes.Buffer
	if err := res.WriteJSON(&b); err != nil {
		return nil, err
	}
	out["report.json"] = bytes.Clone(b.Bytes())
	b.Reset()
	if err := HTML(&b, res, cat, progress); err != nil {
		return nil, err
	}
	out["index.html"] = bytes.Clone(b.Bytes())
	b.Reset()
	if err := CSV(&b, res); err != nil {
		return nil, err
	}
	out["report.csv"] = bytes.Clone(b.Bytes())
	b.Reset()
	if err := Markdown(&b, res, cat); err != nil {
		return nil, err
	}
	out["report.md"] = bytes.Clone(b.Bytes())
	for name, data := range Letters(res, cat) {
		out[path.Join("letters", name)] = data
	}
	return out, nil
}

// words are the fixed texts of the cohort reports, in both languages.
var words = i18n.Text{
	"title": {"Handover audit", "Audit de passation"},
	// The summary's three counts, each agreeing with its noun (summaryLine).
	"summary.repos.one":    {"%d repository", "%d dépôt"},
	"summary.repos.many":   {"%d repositories", "%d dépôts"},
	"summary.audited.one":  {"%d audited", "%d audité"},
	"summary.audited.many": {"%d audited", "%d audités"},
	"summary.failed.one":   {"%d could not be audited", "%d n'a pas pu être audité"},
	"summary.failed.many":  {"%d could not be audited", "%d n'ont pas pu être audités"},
	"repository":           {"Repository", "Dépôt"},
	"team":                 {"Team", "Équipe"},
	"challenge":            {"Challenge", "Défi"},
	"team-is":              {"Team: %s", "Équipe : %s"},
	"challenge-is":         {"Challenge: %s", "Défi : %s"},
	"score":                {"Score", "Score"},
	"cohort":               {"Cohort", "Promotion"},
	"filter":               {"Filter", "Filtrer"},
	"search":               {"name, team, challenge…", "nom, équipe, défi…"},
	"missing-any":          {"missing item: any", "élément manquant : indifférent"},
	"missing":              {"missing: %s", "manque : %s"},
	"state-any":            {"every repository", "tous les dépôts"},
	"state-error":          {"could not be audited", "non audités"},
	"state-gaps":           {"core items missing", "éléments essentiels manquants"},
	"state-ok":             {"no core item missing", "aucun élément essentiel manquant"},
	"shown":                {"repositories shown", "dépôts affichés"},
	"pct":                  {"%d%%", "%d %%"},
	"found":                {"found", "trouvé"},
	"not-found":            {"missing", "manquant"},
	"skipped":              {"could not decide", "indéterminé"},
	"waived":               {"waived", "dérogation"},
	"na":                   {"not in this repository's profile", "hors du profil de ce dépôt"},
	"error":                {"Could not be audited", "Audit impossible"},
	"error-why":            {"Could not be audited (%s)", "Audit impossible (%s)"},
	// A severity as staff read it: the id in English, its name in French
	// (the legend's colours say the same).
	"sev-error":       {"error", "essentiel"},
	"sev-warning":     {"warning", "important"},
	"sev-notice":      {"notice", "souhaitable"},
	"md-gap":          {"- [ ] **%s** (%s): %s", "- [ ] **%s** (%s) : %s"},
	"error-sep":       {": ", " : "},
	"notes":           {"Limits met", "Limites atteintes"},
	"todo":            {"To add", "À ajouter"},
	"evidence":        {"Evidence", "Preuves"},
	"gaps":            {"Missing", "Éléments manquants"},
	"ok":              {"Found", "Trouvé"},
	"at":              {"at %s (%s)", "sur %s (%s)"},
	"profile":         {"profile %s", "profil %s"},
	"item":            {"Item", "Élément"},
	"severity":        {"Severity", "Niveau"},
	"legend":          {"✔ found · ✘ missing (red: core item, orange: important, yellow: nice to have) · ? could not decide · ~ waived · blank: not in the profile", "✔ trouvé · ✘ manquant (rouge : essentiel, orange : important, jaune : souhaitable) · ? indéterminé · ~ dérogation · vide : hors profil"},
	"items-title":     {"Checklist items across the cohort", "Éléments de la checklist dans la promotion"},
	"repos-title":     {"Repositories", "Dépôts"},
	"failed-title":    {"Could not be audited", "Audits impossibles"},
	"nothing":         {"Nothing is missing.", "Rien ne manque."},
	"repo-count.one":  {"%d of %d repositories has it", "présent dans %d dépôt sur %d"},
	"repo-count.many": {"%d of %d repositories have it", "présent dans %d dépôts sur %d"},
	"back":            {"back to the matrix", "retour au tableau"},
	"notices.one":     {"+%d nice to have", "+%d souhaitable"},
	"notices.many":    {"+%d nice to have", "+%d souhaitables"},
	"progress":        {"Items found across the cohort, audit after audit, per checklist group", "Éléments trouvés dans la promotion, audit après audit, par groupe de la checklist"},
}

func say(lang, key string) string { return words.In(lang, key) }

// severity names a severity in lang.
func severity(lang string, s finding.Severity) string { return say(lang, "sev-"+s.String()) }

// summaryLine counts the cohort's repositories, audited or not, each count
// agreeing with its noun in lang.
func summaryLine(lang string, res *audit.Result) string {
	n, failed := len(res.Repositories), res.Failed()
	return strings.Join([]string{
		words.Count(lang, "summary.repos", n),
		words.Count(lang, "summary.audited", n-failed),
		words.Count(lang, "summary.failed", failed),
	}, " · ")
}

// state sorts a repository into the filter's three states.
func state(r *audit.Repository) string {
	switch {
	case r.Error != nil:
		return "error"
	case len(finding.Failing(r.Report.Results, finding.Error)) > 0:
		return "gaps"
	}
	return "ok"
}

func groupTitle(cat *catalog.Catalog, id, lang string) string {
	if cat != nil {
		if g, ok := cat.Group(id); ok {
			return g.Title.In(lang)
		}
	}
	return id
}

// failing lists the repository's missing items, most important first, in
// catalogue order within a severity.
func failing(r *audit.Repository) []finding.Result {
	if r.Report == nil {
		return nil
	}
	out := finding.Failing(r.Report.Results, finding.Notice)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Severity > out[j].Severity })
	return out
}

var slugUnsafe = regexp.MustCompile(`[^a-z0-9]+`)

// slug makes a file name of a team name: lower case ASCII letters, digits
// and dashes.
func slug(s string) string {
	s = textfold.Fold(s)
	s = strings.Trim(slugUnsafe.ReplaceAllString(s, "-"), "-")
	if s == "" {
		return "team"
	}
	return s
}

// maxSlug bounds the readable part of a letter's file name, far below the
// 255 bytes file systems allow (the writer's temporary name is longer).
const maxSlug = 64

// letterNames gives each team (by exact name) its own file name: the slug of
// the name, and a short hash of the exact name when the slug had to be cut
// or another team's name gives the same slug.
func letterNames(teams []string) map[string]string {
	count := map[string]int{}
	for _, t := range teams {
		count[slug(t)]++
	}
	out := map[string]string{}
	used := map[string]bool{}
	for _, t := range teams {
		s := slug(t)
		sum := sha256.Sum256([]byte(t))
		if len(s) > maxSlug || count[s] > 1 {
			s = strings.TrimRight(s[:min(len(s), maxSlug)], "-") + "-" + hex.EncodeToString(sum[:4])
		}
		// A team literally named like another's hashed name: the longer hash.
		for n := 8; used[s] && n <= len(sum); n += 4 {
			s = strings.TrimRight(slug(t)[:min(len(slug(t)), maxSlug)], "-") + "-" + hex.EncodeToString(sum[:n])
		}
		used[s] = true
		out[t] = s + ".md"
	}
	return out
}

func where(e finding.Evidence) string {
	loc := e.Place()
	if loc == "" {
		return e.Detail
	}
	return loc + " — " + e.Detail
}
