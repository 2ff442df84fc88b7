package cli

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/passation/passation/internal/catalog"
	"github.com/passation/passation/internal/check"
	"github.com/passation/passation/internal/config"
	"github.com/passation/passation/internal/evidence"
	"github.com/passation/passation/internal/finding"
	"github.com/passation/passation/internal/i18n"
	"github.com/passation/passation/rules"
)

// ruleInfo is one catalogue entry as `passation rules --format json` prints it.
type ruleInfo struct {
	ID       string   `json:"id"`
	Group    string   `json:"group"`
	Severity string   `json:"severity"`
	Profiles []string `json:"profiles"`
	Title    string   `json:"title"`
	Message  string   `json:"message"`
	Hint     string   `json:"hint"`
	Evidence []string `json:"evidence"`
	// Shown is what the rule shows and never counts (a hint, a link).
	Shown []string `json:"shown,omitempty"`
}

func runRules(env *Env, args []string) int {
	fs := newFlags(env, "rules")
	format := fs.String("format", "text", "output format: text or json")
	lng := fs.String("lang", "", "language: en or fr")
	profile := fs.String("profile", "", "list only the rules of this profile")
	var dirs stringsFlag
	fs.Var(&dirs, "rules", "folder of extra rule files, loaded after the embedded catalogue (repeatable)")
	pos, err := parse(fs, args)
	if err != nil {
		return parseFailed(err)
	}
	if len(pos) > 0 {
		return usageErr(env, usageWords.Errorf("rules-args", pos[0]))
	}
	l, err := lang(*lng, env.Getenv)
	if err != nil {
		return usageErr(env, err)
	}
	env.lang = l
	cat, err := config.LoadCatalog(rules.FS, dirs)
	if err != nil {
		return configErr(env, err)
	}
	list := cat.Rules
	if *profile != "" {
		if list, err = cat.Select(*profile); err != nil {
			return usageErr(env, err)
		}
	}
	checker, err := check.Compile(list, evidence.Default())
	if err != nil {
		return usageErr(env, err)
	}
	infos := make([]ruleInfo, 0, len(list))
	for _, r := range list {
		desc := checker.Describe(r.ID, l)
		infos = append(infos, ruleInfo{
			ID: r.ID, Group: r.Group, Severity: r.Severity.String(), Profiles: profilesOf(cat, r.ID),
			Title: r.Title.In(l), Message: checker.Message(r.ID, l), Hint: r.Hint.In(l), Evidence: desc,
			Shown: checker.DescribeShown(r.ID, l),
		})
	}
	switch *format {
	case "json":
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		_ = enc.Encode(infos)
	case "text":
		group := ""
		for _, in := range infos {
			if in.Group != group {
				group = in.Group
				g, _ := cat.Group(group)
				fmt.Fprintf(env.Stdout, "\n%s\n", g.Title.In(l))
			}
			fmt.Fprintf(env.Stdout, "  %-22s %-8s %s\n", in.ID, in.Severity, in.Title)
		}
	default:
		return usageErr(env, usageWords.Errorf("rules-format", *format))
	}
	return ExitOK
}

func profilesOf(cat *catalog.Catalog, id string) []string {
	var out []string
	for _, p := range cat.ProfileIDs() {
		sel, _ := cat.Select(p)
		for _, r := range sel {
			if r.ID == id {
				out = append(out, p)
			}
		}
	}
	return out
}

func runExplain(env *Env, args []string) int {
	fs := newFlags(env, "explain")
	lng := fs.String("lang", "", "language: en or fr")
	var dirs stringsFlag
	fs.Var(&dirs, "rules", "folder of extra rule files, loaded after the embedded catalogue (repeatable)")
	pos, err := parse(fs, args)
	if err != nil {
		return parseFailed(err)
	}
	if len(pos) != 1 {
		return usageErr(env, usageWords.Errorf("explain-args"))
	}
	l, err := lang(*lng, env.Getenv)
	if err != nil {
		return usageErr(env, err)
	}
	env.lang = l
	cat, err := config.LoadCatalog(rules.FS, dirs)
	if err != nil {
		return configErr(env, err)
	}
	r, ok := cat.Rule(pos[0])
	if !ok {
		ids := make([]string, len(cat.Rules))
		for i, r := range cat.Rules {
			ids[i] = r.ID
		}
		if s := catalog.Suggest(pos[0], ids); s != "" {
			return usageErr(env, usageWords.Errorf("rule-typo", pos[0], s))
		}
		return usageErr(env, usageWords.Errorf("rule-unknown", pos[0]))
	}
	checker, err := check.Compile([]catalog.Rule{r}, evidence.Default())
	if err != nil {
		return usageErr(env, err)
	}
	desc := checker.Describe(r.ID, l)
	g, _ := cat.Group(r.Group)
	w := env.Stdout
	labels := i18n.Text{
		"group": {"Group:", "Groupe :"}, "severity": {"Severity:", "Niveau :"}, "profiles": {"Profiles:", "Profils :"},
		"missing": {"When missing:", "Si absent :"}, "hint": {"What to add:", "À ajouter :"},
		"evidence": {"Passes when any of these is found:", "Validé dès que l'un de ces éléments est trouvé :"},
		"defined":  {"Defined in:", "Défini dans :"},
		"reads":    {"Reads:", "Lit :"},
		"shown":    {"Shown, never enough on its own:", "Signalé, jamais suffisant à lui seul :"},
	}
	lab := func(k string) string { return labels.In(l, k) }
	fmt.Fprintf(w, "%s — %s\n\n", r.ID, r.Title.In(l))
	fmt.Fprintf(w, "%s %s\n%s %s\n%s %s\n\n", lab("group"), g.Title.In(l), lab("severity"), severityShown(r.Severity, l), lab("profiles"), strings.Join(profilesOf(cat, r.ID), ", "))
	fmt.Fprintf(w, "%s %s\n%s %s\n\n%s\n", lab("missing"), checker.Message(r.ID, l), lab("hint"), r.Hint.In(l), lab("evidence"))
	for _, d := range desc {
		fmt.Fprintf(w, "  - %s\n", d)
	}
	if shown := checker.DescribeShown(r.ID, l); len(shown) > 0 {
		fmt.Fprintf(w, "%s\n", lab("shown"))
		for _, d := range shown {
			fmt.Fprintf(w, "  - %s\n", d)
		}
	}
	fmt.Fprintf(w, "%s %s\n", lab("reads"), check.DescribeScopes(r, l))
	where := "rules/" + r.Pos.String()
	if cat.Source(r.Pos.File) != nil && strings.Contains(r.Pos.File, "/") {
		where = r.Pos.String() // a rule folder of one's own, named as given
	}
	fmt.Fprintf(w, "\n%s %s\n", lab("defined"), where)
	return ExitOK
}

// severityShown is a rule's severity in the reader's language, with the id
// that rule files and --fail-on take when the two differ ("erreur (error)").
func severityShown(s finding.Severity, lang string) string {
	if w := s.In(lang); w != s.String() {
		return w + " (" + s.String() + ")"
	}
	return s.String()
}
