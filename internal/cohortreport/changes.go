package cohortreport

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/passation/passation/internal/audit"
	"github.com/passation/passation/internal/catalog"
	"github.com/passation/passation/internal/finding"
	"github.com/passation/passation/internal/i18n"
	"github.com/passation/passation/internal/safetext"
)

// changeWords say what moved since an earlier audit (--baseline).
var changeWords = i18n.Text{
	"since-date":   {"Since the audit of %s", "Depuis l'audit du %s"},
	"since":        {"Since the earlier audit", "Depuis l'audit précédent"},
	"column":       {"Since", "Évolution"},
	"found":        {"added: %s", "ajoutés : %s"},
	"lost":         {"no longer found: %s", "plus trouvés : %s"},
	"still":        {"still missing: %s", "toujours manquants : %s"},
	"none-moved":   {"no item changed", "aucun élément n'a changé"},
	"commits.one":  {"%d commit", "%d commit"},
	"commits.many": {"%d commits", "%d commits"},
	"no-commit":    {"no new commit", "aucun nouveau commit"},
	"new":          {"new in the list", "nouveau dans la liste"},
	"uncompared":   {"not compared (one of the two audits could not read it)", "non comparé (l'un des deux audits n'a pas pu le lire)"},
	"gone":         {"No longer in the list: %s", "Plus dans la liste : %s"},
	"score":        {"score %d → %d", "score %d → %d"},
	"md-title":     {"## %s\n\n", "## %s\n\n"},
	"md-head":      {"| Repository | Score | Added | No longer found | Commits |\n|---|---|---|---|---:|\n", "| Dépôt | Score | Ajoutés | Plus trouvés | Commits |\n|---|---|---|---|---:|\n"},
	"tip-found":    {"found since the earlier audit", "trouvé depuis l'audit précédent"},
	"tip-lost":     {"missing since the earlier audit", "manquant depuis l'audit précédent"},
	"letter-since": {"%s: ", "%s : "},
	"more.one":     {" and %d more", " et %d autre"},
	"more.many":    {" and %d more", " et %d autres"},
	"items.one":    {"%d item", "%d élément"},
	"items.many":   {"%d items", "%d éléments"},
	"end":          {"the end of the challenge", "la fin du défi"},
	// Said for two days or more: tomorrow and yesterday have their own.
	"days-left.many": {"\n%s: in %d days (%s).\n", "\n%s\u00a0: dans %d jours (%s).\n"},
	"day-left":       {"\n%s: tomorrow (%s).\n", "\n%s\u00a0: demain (%s).\n"},
	"today":          {"\n%s: today (%s).\n", "\n%s\u00a0: aujourd'hui (%s).\n"},
	"days-ago.many":  {"\n%s was %d days ago (%s).\n", "\n%s\u00a0: il y a %d jours (%s).\n"},
	"day-ago":        {"\n%s was yesterday (%s).\n", "\n%s\u00a0: hier (%s).\n"},
	"md-org":         {"— met only through the organisation's `.github` defaults, not by this repository", "— présent seulement par défaut dans le dépôt `.github` de l'organisation, pas dans ce dépôt"},
	"letter-org":     {"\nGitHub shows these from your organisation's .github repository, but they are not in this repository and would not travel with it: %s.\n", "\nGitHub affiche ceux-ci depuis le dépôt .github de votre organisation, mais ils ne sont pas dans ce dépôt et ne le suivraient pas lors de la passation\u00a0: %s.\n"},
	"tip-org":        {"met only through the organisation's .github defaults", "présent seulement par défaut dans le dépôt .github de l'organisation"},
	"sep":            {"; ", " ; "},
}

func cw(lang, key string) string { return changeWords.In(lang, key) }

var months = map[string][]string{
	"en": {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
	"fr": {"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"},
}

// longDate writes 2026-03-12 as "12 March 2026" or "12 mars 2026" ("1er"
// for the first of a month in French).
func longDate(lang, date string) string {
	t, err := time.Parse(time.DateOnly, date)
	if err != nil {
		return safetext.Line(date)
	}
	names := months["en"]
	day := fmt.Sprint(t.Day())
	if lang == "fr" {
		names = months["fr"]
		if t.Day() == 1 {
			day = "1er"
		}
	}
	return fmt.Sprintf("%s %s %d", day, names[t.Month()-1], t.Year())
}

// sinceTitle is "Since the audit of 12 March 2026".
func sinceTitle(lang string, ch *audit.Changes) string {
	if ch.Since == "" {
		return cw(lang, "since")
	}
	return fmt.Sprintf(cw(lang, "since-date"), longDate(lang, ch.Since))
}

// changeOf finds the change of the repository at cohort index i.
func changeOf(res *audit.Result, index int) *audit.Change {
	if res.Changes == nil {
		return nil
	}
	for k := range res.Changes.Repositories {
		if res.Changes.Repositories[k].Index == index {
			return &res.Changes.Repositories[k]
		}
	}
	return nil
}

// titles names rule ids with the catalogue's titles in lang.
func titles(cat *catalog.Catalog, lang string, ids []string) string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = id
		if cat != nil {
			if r, ok := cat.Rule(id); ok {
				out[i] = r.Title.In(lang)
			}
		}
	}
	return strings.Join(out, ", ")
}

// commitsText is "3 commits", "no new commit", or "" when unknown.
func commitsText(lang string, c *audit.Change) string {
	switch {
	case c.Commits == nil:
		return ""
	case *c.Commits == 0:
		return cw(lang, "no-commit")
	}
	return changeWords.Count(lang, "commits", *c.Commits)
}

// arrow is the matrix's mark of a repository's move: ▲ +12, ▼ −5, = or
// "new".
func arrow(lang string, c *audit.Change) string {
	switch c.Status {
	case audit.ChangeNew:
		return cw(lang, "new")
	case audit.ChangeUncompared:
		return "–"
	}
	switch d := c.ScoreChange(); {
	case d > 0:
		return fmt.Sprintf("▲ +%d", d)
	case d < 0:
		return fmt.Sprintf("▼ −%d", -d)
	case c.Moved():
		return "▲▼ 0"
	}
	return "="
}

// changeSentence says in one line what moved in a repository: its score,
// the items added and lost, and the commits in between.
func changeSentence(lang string, cat *catalog.Catalog, c *audit.Change, still string) string {
	switch c.Status {
	case audit.ChangeNew:
		return cw(lang, "new")
	case audit.ChangeUncompared:
		return cw(lang, "uncompared")
	}
	parts := []string{fmt.Sprintf(cw(lang, "score"), *c.ScoreBefore, *c.ScoreNow)}
	if len(c.Found) > 0 {
		parts = append(parts, fmt.Sprintf(cw(lang, "found"), titles(cat, lang, c.Found)))
	}
	if len(c.Lost) > 0 {
		parts = append(parts, fmt.Sprintf(cw(lang, "lost"), titles(cat, lang, c.Lost)))
	}
	if !c.Moved() {
		parts = append(parts, cw(lang, "none-moved"))
	}
	if still != "" {
		parts = append(parts, fmt.Sprintf(cw(lang, "still"), still))
	}
	if s := commitsText(lang, c); s != "" {
		parts = append(parts, s)
	}
	return strings.Join(parts, cw(lang, "sep"))
}

// markdownChanges writes the section of report.md on what moved.
func markdownChanges(p *mdWriter, res *audit.Result, cat *catalog.Catalog) {
	ch := res.Changes
	if ch == nil {
		return
	}
	lang := res.Lang
	p.f("\n"+cw(lang, "md-title"), sinceTitle(lang, ch))
	p.f("%s", cw(lang, "md-head"))
	for _, c := range ch.Repositories {
		score := arrow(lang, &c)
		if c.ScoreBefore != nil {
			score = fmt.Sprintf("%d → %d (%s)", *c.ScoreBefore, *c.ScoreNow, score)
		}
		p.f("| %s | %s | %s | %s | %s |\n", mdCell(c.Name), score, mdCell(titles(cat, lang, c.Found)), mdCell(titles(cat, lang, c.Lost)), commitsText(lang, &c))
	}
	if len(ch.Gone) > 0 {
		names := make([]string, len(ch.Gone))
		for i, g := range ch.Gone {
			names[i] = g.Name
		}
		p.f("\n%s\n", mdText(fmt.Sprintf(cw(lang, "gone"), strings.Join(names, ", "))))
	}
}

// letterChange writes, in a team's letter, what moved in one repository
// since the earlier audit.
func letterChange(b *strings.Builder, res *audit.Result, r *audit.Repository, cat *catalog.Catalog, lang string) {
	c := changeOf(res, r.Index)
	if c == nil {
		return
	}
	// The items still missing are listed below the sentence: it names
	// only the core ones, and counts the others.
	var core []string
	others := 0
	for _, id := range c.StillMissing {
		if g, ok := r.Result(id); ok && g.Severity == finding.Error {
			core = append(core, id)
		} else {
			others++
		}
	}
	still := titles(cat, lang, core)
	switch {
	case others > 0 && still != "":
		still += changeWords.Count(lang, "more", others)
	case others > 0:
		still = changeWords.Count(lang, "items", others)
	}
	fmt.Fprintf(b, cw(lang, "letter-since"), sinceTitle(lang, res.Changes))
	b.WriteString(mdText(changeSentence(lang, cat, c, still)))
	b.WriteString(".\n\n")
}

// htmlChange fills the matrix's "since" column of a row, its cells' marks
// (▲ found since, ▼ missing since) and its section's sentence.
func htmlChange(row *htmlRow, res *audit.Result, cat *catalog.Catalog, items []audit.Item) {
	c := changeOf(res, row.Index)
	if c == nil {
		return
	}
	lang := res.Lang
	row.Since = arrow(lang, c)
	row.SinceSort = c.ScoreChange()
	switch {
	case c.ScoreChange() > 0:
		row.SinceClass = "up"
	case c.ScoreChange() < 0:
		row.SinceClass = "down"
	}
	row.SinceText = fmt.Sprintf(cw(lang, "letter-since"), sinceTitle(lang, res.Changes)) + changeSentence(lang, cat, c, "")
	found, lost := map[string]bool{}, map[string]bool{}
	for _, id := range c.Found {
		found[id] = true
	}
	for _, id := range c.Lost {
		lost[id] = true
	}
	for i, it := range items {
		if i >= len(row.Cells) {
			break
		}
		switch {
		case found[it.Rule]:
			row.Cells[i].Moved, row.Cells[i].Tip = "▲", row.Cells[i].Tip+" — "+cw(lang, "tip-found")
		case lost[it.Rule]:
			row.Cells[i].Moved, row.Cells[i].Tip = "▼", row.Cells[i].Tip+" — "+cw(lang, "tip-lost")
		}
	}
}

// letterDeadline counts, in a team's letter, the days left before the
// cohort's deadline ("Demo day: in 23 days (30 June 2026).").
func letterDeadline(b *strings.Builder, res *audit.Result, lang string) {
	days, ok := res.Deadline.DaysLeft(res.Date)
	if !ok {
		return
	}
	name := safetext.Line(res.Deadline.Name)
	if name == "" {
		name = cw(lang, "end")
	}
	if r := []rune(name); len(r) > 0 {
		name = strings.ToUpper(string(r[0])) + string(r[1:])
	}
	name = mdText(name)
	when := longDate(lang, res.Deadline.Date)
	switch {
	case days > 1:
		fmt.Fprintf(b, cw(lang, "days-left.many"), name, days, when)
	case days == 1:
		fmt.Fprintf(b, cw(lang, "day-left"), name, when)
	case days == 0:
		fmt.Fprintf(b, cw(lang, "today"), name, when)
	case days == -1:
		fmt.Fprintf(b, cw(lang, "day-ago"), name, when)
	default:
		fmt.Fprintf(b, cw(lang, "days-ago.many"), name, -days, when)
	}
}

// htmlOrgDefaults marks the cells of the items a repository misses that the
// organisation's .github defaults meet.
func htmlOrgDefaults(row *htmlRow, lang string, items []audit.Item) {
	for i, it := range items {
		if i < len(row.Cells) && slices.Contains(row.OrgDefaults, it.Rule) {
			row.Cells[i].OrgDefault, row.Cells[i].Tip = true, row.Cells[i].Tip+" — "+cw(lang, "tip-org")
		}
	}
}
