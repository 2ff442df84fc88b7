package cohortreport

import (
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/passation/passation/internal/audit"
	"github.com/passation/passation/internal/catalog"
	"github.com/passation/passation/internal/check"
	"github.com/passation/passation/internal/evidence"
	"github.com/passation/passation/internal/finding"
	"github.com/passation/passation/internal/i18n"
	"github.com/passation/passation/internal/safetext"
)

// CSV writes one row per repository and one column per checklist item
// (pass, fail, skip, waived, or empty when the item is not in the
// repository's profile), for spreadsheets.
func CSV(w io.Writer, res *audit.Result) error {
	cw := csv.NewWriter(w)
	head := []string{"name", "team", "challenge", "url", "ref", "commit", "profile", "status", "error_kind", "error", "score", "pass", "fail", "skip"}
	for _, it := range res.Items {
		head = append(head, it.Rule)
	}
	if err := cw.Write(head); err != nil {
		return err
	}
	for i := range res.Repositories {
		r := &res.Repositories[i]
		row := []string{r.Name, r.Team, r.Challenge, r.URL, r.Ref, "", r.Profile}
		if r.Error != nil {
			row = append(row, "error", r.Error.Kind, r.Error.Message, "", "", "", "")
		} else {
			s := r.Report.Summary
			row[4], row[5] = r.Report.Repository.Ref, r.Report.Repository.Commit
			row = append(row, "ok", "", "", strconv.Itoa(s.Score), strconv.Itoa(s.Pass), strconv.Itoa(s.Fail), strconv.Itoa(s.Skip))
		}
		for _, it := range res.Items {
			v := ""
			if got, ok := r.Result(it.Rule); ok {
				v = string(got.Status)
			}
			row = append(row, v)
		}
		for k := range row {
			row[k] = cellSafe(row[k])
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// cellSafe keeps a spreadsheet from reading text (an error message from a
// server, a name) as a formula, and shows its control and bidi characters
// as escapes rather than let them reorder or break the row.
func cellSafe(s string) string {
	s = safetext.Line(s)
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// Markdown writes the audit for an issue or a wiki page: the cohort's
// totals per item, one line per repository, the failures, and what each
// repository misses.
func Markdown(w io.Writer, res *audit.Result, cat *catalog.Catalog) error {
	res = tamed(res) // no control or bidi character of a repository
	lang := res.Lang
	p := &mdWriter{w: w}
	p.f("# %s\n\n%s\n\n", say(lang, "title"), summaryLine(lang, res))
	p.f("## %s\n\n| %s | %s | %% | |\n|---|---|---:|---|\n", say(lang, "items-title"), say(lang, "item"), say(lang, "severity"))
	for i, it := range res.Items {
		t := res.Totals[i]
		pct := "–"
		if t.Percent >= 0 {
			pct = fmt.Sprintf(say(lang, "pct"), t.Percent)
		}
		p.f("| %s | %s | %s | %s |\n", mdCell(it.Title), severity(lang, it.Severity), pct, words.Count(lang, "repo-count", t.Pass, t.Pass+t.Fail))
	}
	p.f("\n## %s\n\n| %s | %s | %s | %s |\n|---|---|---:|---|\n", say(lang, "repos-title"), say(lang, "repository"), say(lang, "team"), say(lang, "score"), say(lang, "gaps"))
	for i := range res.Repositories {
		r := &res.Repositories[i]
		if r.Error != nil {
			p.f("| %s | %s | – | **%s** |\n", mdCell(r.Name), mdCell(r.Team), fmt.Sprintf(say(lang, "error-why"), r.Error.What(lang)))
			continue
		}
		var ids []string
		notices := 0
		for _, g := range failing(r) {
			id := "`" + g.Rule + "`"
			switch g.Severity {
			case finding.Error:
				id = "**" + id + "**"
			case finding.Notice:
				notices++
				continue
			}
			ids = append(ids, id)
		}
		if notices > 0 {
			ids = append(ids, words.Count(lang, "notices", notices))
		}
		p.f("| %s | %s | %d | %s |\n", mdCell(r.Name), mdCell(r.Team), r.Report.Summary.Score, strings.Join(ids, " "))
	}
	markdownChanges(p, res, cat)
	if res.Failed() > 0 {
		p.f("\n## %s\n\n", say(lang, "failed-title"))
		for i := range res.Repositories {
			r := &res.Repositories[i]
			if r.Error != nil {
				p.f("- **%s** (`%s`)%s%s", mdText(r.Name), r.URL, say(lang, "error-sep"), r.Error.What(lang))
				if d := r.Error.Detail(); d != "" {
					p.f(" — %s", codeSpan(d))
				}
				p.f("\n")
			}
		}
	}
	for i := range res.Repositories {
		r := &res.Repositories[i]
		if r.Report == nil {
			continue
		}
		p.f("\n### %s\n\n`%s` %s · %s/100\n\n", mdText(r.Name), r.URL,
			fmt.Sprintf(say(lang, "at"), r.Report.Repository.Ref, finding.ShortHash(r.Report.Repository.Commit)), strconv.Itoa(r.Report.Summary.Score))
		for _, n := range r.Notes {
			p.f("> %s\n\n", mdText(n))
		}
		gaps := failing(r)
		if len(gaps) == 0 {
			p.f("%s\n", say(lang, "nothing"))
		}
		for _, g := range gaps {
			p.f(say(lang, "md-gap"), mdText(g.Title), severity(lang, g.Severity), mdText(g.Hint))
			if slices.Contains(r.OrgDefaults, g.Rule) {
				p.f(" %s", cw(lang, "md-org"))
			}
			p.f("\n")
		}
	}
	return p.err
}

type mdWriter struct {
	w   io.Writer
	err error
}

func (p *mdWriter) f(format string, args ...any) {
	if p.err == nil {
		_, p.err = fmt.Fprintf(p.w, format, args...)
	}
}

// mdText keeps text from a repository or a server from turning into
// Markdown structure (links, HTML) in the reader's renderer, and from
// pinging people or linking elsewhere: a word with an @ (a mention, an
// e-mail address) or a bare URL is put in a code span, which neither GitHub
// nor GitLab turns into a mention or a link.
func mdText(s string) string {
	words := strings.Split(strings.NewReplacer("\n", " ", "\r", " ").Replace(s), " ")
	for i, w := range words {
		// French glues its punctuation with a no-break space
		// ("<a@b.fr>\u00a0:"): that part is no part of the address.
		tail := ""
		if j := strings.IndexAny(w, "\u00a0\u202f"); j > 0 {
			w, tail = w[:j], w[j:]
		}
		if live(w) {
			words[i] = codeSpan(w) + mdEscape.Replace(tail)
		} else {
			words[i] = mdEscape.Replace(w + tail)
		}
	}
	return strings.Join(words, " ")
}

var mdEscape = strings.NewReplacer("<", "&lt;", ">", "&gt;", "[", `\[`, "]", `\]`)

// live: a word a renderer would turn into a mention or a link.
func live(w string) bool {
	l := strings.ToLower(w)
	return strings.Contains(l, "@") || strings.Contains(l, "://") || strings.Contains(l, "www.")
}

// codeSpan quotes w as inline code, with a fence longer than any run of
// backticks in it.
func codeSpan(w string) string {
	fence := "`"
	for strings.Contains(w, fence) {
		fence += "`"
	}
	if strings.HasPrefix(w, "`") || strings.HasSuffix(w, "`") {
		return fence + " " + w + " " + fence
	}
	return fence + w + fence
}

func mdCell(s string) string { return strings.ReplaceAll(mdText(s), "|", `\|`) }

// letterWords are the fixed sentences of the letters to teams.
var letterWords = i18n.Text{
	"subject": {"# Handover of %s: what is still missing\n\n", "# Passation — %s : ce qui manque encore\n\n"},
	"hello":   {"Hello %s,\n\n", "Bonjour %s,\n\n"},
	"intro": {"Before the end of the challenge, we checked what your repositories contain for the handover (the EIG end-of-challenge checklist). Here is what is missing and how to add it. Each item is looked for in what is committed: once you have added one, make a commit and push it (git push).\n",
		"Avant la fin du défi, nous avons vérifié ce que vos dépôts contiennent pour la passation (checklist de fin de défi EIG). Voici ce qui manque et comment l'ajouter. Chaque élément est cherché dans ce qui figure dans un commit : une fois un élément ajouté, faites un commit et poussez-le (git push).\n"},
	"repo":           {"\n## %s\n\n`%s` %s — score %d/100\n\n", "\n## %s\n\n`%s` %s — score %d/100\n\n"},
	"repo-err":       {"\n## %s\n\n`%s`\n\n", "\n## %s\n\n`%s`\n\n"},
	"failed":         {"We could not read this repository (%s). If it is private, please give the programme read access, or send us its address.\n", "Nous n'avons pas pu lire ce dépôt (%s). S'il est privé, donnez au programme un accès en lecture ou envoyez-nous sa bonne adresse.\n"},
	"failed-corrupt": {"We could not read this repository (%s): it looks damaged. Please run `git fsck` in a clone of it, repair or push it again, and tell us.\n", "Nous n'avons pas pu lire ce dépôt (%s) : il semble endommagé. Lancez `git fsck` dans un clone, réparez-le ou poussez-le de nouveau, puis prévenez-nous.\n"},
	"failed-empty":   {"We could not read this repository (%s): it has no commit yet. Please push your work to it.\n", "Nous n'avons pas pu lire ce dépôt (%s) : il n'a encore aucun commit. Poussez-y votre travail.\n"},
	"failed-ref":     {"We could not read this repository (%s): the branch or tag we were given is not there. Please tell us which one to check.\n", "Nous n'avons pas pu lire ce dépôt (%s) : la branche ou l'étiquette indiquée n'y est pas. Dites-nous laquelle vérifier.\n"},
	"complete":       {"Nothing is missing: thank you!\n", "Rien ne manque : merci !\n"},
	"core":           {"Required for the handover:\n\n", "Indispensable pour la passation :\n\n"},
	"more":           {"\nAlso expected:\n\n", "\nÉgalement attendu :\n\n"},
	"notices.one":    {"\nNice to have, if you have it: %s (`passation explain ID` says how).\n", "\nSouhaitable, si vous l'avez : %s (`passation explain ID` explique comment).\n"},
	"notices.many":   {"\nNice to have, if you have them: %s (`passation explain ID` says how).\n", "\nSouhaitables, si vous les avez : %s (`passation explain ID` explique comment).\n"},
	"skipped":        {"\nWe could not evaluate: %s (`passation check` says why).\n", "\nNous n'avons pas pu évaluer : %s (`passation check` indique pourquoi).\n"},
	"check":          {"\nTo see the same list at any time: `passation check` in the repository.\n", "\nPour revoir cette liste à tout moment : `passation check` dans le dépôt.\n"},
	"thanks":         {"\nThank you,\nThe programme team\n", "\nMerci,\nL'équipe du programme\n"},
	"at":             {"at %s", "sur %s"},
}

func lw(lang, key string) string { return letterWords.In(lang, key) }

// Letters writes one short letter per team (a repository without a team is
// its own team), in the team's language (the cohort's lang column, else the
// audit's): what is missing in each of its repositories, and how to add it,
// with the rule texts of the catalogue. Names are "<team>.md".
func Letters(res *audit.Result, cat *catalog.Catalog) map[string][]byte {
	// Messages with their parameters ({max-age}) filled, from the rules
	// compiled once; nil (plain messages) if the catalogue does not compile.
	checker, _ := check.Compile(cat.Rules, evidence.Default())
	res = tamed(res) // no control or bidi character of a repository
	type team struct {
		name, lang string
		repos      []*audit.Repository
	}
	// Teams are told apart by their exact names: two names that fold to
	// the same file name ("Équipe C++", "Équipe C") are two letters.
	teams := map[string]*team{}
	var order []string
	for i := range res.Repositories {
		r := &res.Repositories[i]
		name := r.Team
		if name == "" {
			name = r.Name
		}
		key := name
		t, ok := teams[key]
		if !ok {
			lang := r.Lang
			if lang == "" {
				lang = res.Lang
			}
			t = &team{name: name, lang: lang}
			teams[key] = t
			order = append(order, key)
		}
		t.repos = append(t.repos, r)
	}
	sort.Strings(order)
	files := letterNames(order)
	out := map[string][]byte{}
	for _, key := range order {
		t := teams[key]
		var b strings.Builder
		lang := t.lang
		fmt.Fprintf(&b, lw(lang, "subject"), mdText(t.name))
		fmt.Fprintf(&b, lw(lang, "hello"), mdText(t.name))
		b.WriteString(lw(lang, "intro"))
		letterDeadline(&b, res, lang)
		for _, r := range t.repos {
			letterRepo(&b, res, r, cat, checker, lang)
		}
		b.WriteString(lw(lang, "check"))
		b.WriteString(lw(lang, "thanks"))
		out[files[key]] = []byte(b.String())
	}
	return out
}

func letterRepo(b *strings.Builder, res *audit.Result, r *audit.Repository, cat *catalog.Catalog, checker *check.Checker, lang string) {
	if r.Error != nil {
		fmt.Fprintf(b, lw(lang, "repo-err"), mdText(r.Name), r.URL)
		letterChange(b, res, r, cat, lang)
		advice := "failed" // private, or not where we looked
		switch r.Error.Kind {
		case audit.FailCorrupt:
			advice = "failed-corrupt"
		case audit.FailEmpty:
			advice = "failed-empty"
		case audit.FailRef:
			advice = "failed-ref"
		}
		fmt.Fprintf(b, lw(lang, advice), r.Error.What(lang))
		return
	}
	at := fmt.Sprintf(lw(lang, "at"), r.Report.Repository.Ref)
	fmt.Fprintf(b, lw(lang, "repo"), mdText(r.Name), r.URL, at, r.Report.Summary.Score)
	letterChange(b, res, r, cat, lang)
	gaps := failing(r)
	if len(gaps) == 0 {
		b.WriteString(lw(lang, "complete"))
	}
	var notices []string
	for i, g := range gaps {
		title, msg, hint := g.Title, g.Message, g.Hint
		if rule, ok := cat.Rule(g.Rule); ok {
			// The catalogue has the texts in the letter's language, whatever
			// the language of the audit.
			title, msg, hint = rule.Title.In(lang), rule.Message.In(lang), rule.Hint.In(lang)
			if checker != nil {
				msg = checker.Message(rule.ID, lang)
			}
		}
		if g.Severity == finding.Notice {
			// Nice-to-have items are named only, to keep the letter short.
			notices = append(notices, title)
			continue
		}
		switch {
		case i == 0 && g.Severity == finding.Error:
			b.WriteString(lw(lang, "core"))
		case g.Severity == finding.Warning && (i == 0 || gaps[i-1].Severity != finding.Warning):
			b.WriteString(lw(lang, "more"))
		}
		fmt.Fprintf(b, "- **%s** — %s\n  → %s\n", mdText(title), mdText(msg), mdText(hint))
		for _, e := range g.Evidence {
			fmt.Fprintf(b, "  · %s\n", mdText(where(e)))
		}
	}
	if len(notices) > 0 {
		fmt.Fprintf(b, letterWords.For(lang, "notices", len(notices)), mdText(strings.Join(notices, ", ")))
	}
	var skipped []string
	for _, res := range r.Report.Results {
		if res.Status == finding.Skip {
			skipped = append(skipped, res.Title)
		}
	}
	if len(skipped) > 0 {
		fmt.Fprintf(b, lw(lang, "skipped"), mdText(strings.Join(skipped, ", ")))
	}
	if len(r.OrgDefaults) > 0 {
		fmt.Fprintf(b, cw(lang, "letter-org"), mdText(titles(cat, lang, r.OrgDefaults)))
	}
}
