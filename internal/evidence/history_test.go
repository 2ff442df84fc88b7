package evidence_test

import (
	"fmt"
	"github.com/passation/passation/internal/typo"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/passation/passation/internal/catalog"
	"github.com/passation/passation/internal/check"
	"github.com/passation/passation/internal/checktest"
	"github.com/passation/passation/internal/evidence"
	"github.com/passation/passation/internal/finding"
	"github.com/passation/passation/internal/history"
	"github.com/passation/passation/internal/source"
	"github.com/passation/passation/internal/testrepo"
)

// now is the clock of every history test: mid-January 2026.
var now = time.Date(2026, 1, 15, 12, 0, 0, 0, time.UTC)

const (
	alice = "Alice Martin <alice@example.org>"
	bob   = "Bob Petit <bob@example.org>"
	bot   = "dependabot[bot] <49699333+dependabot[bot]@users.noreply.github.com>"
)

func at(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t.Add(12 * time.Hour)
}

// countingHistory counts the walks a run asks for.
type countingHistory struct {
	check.History
	calls int
}

func (c *countingHistory) Facts(req history.Request) (*history.Facts, error) {
	c.calls++
	return c.History.Facts(req)
}

// runAt checks rev of the repository at dir with every rule of the
// catalogue, the history and the fixed clock, and returns the results by
// rule.
func runAt(t *testing.T, dir, rev, lang string) map[string]finding.Result {
	t.Helper()
	_, c := checktest.Embedded(t)
	tree := checktest.Commit(t, dir, rev)
	h := &countingHistory{History: history.New(tree.Store(), tree.Hash())}
	results, err := c.Run(tree, check.Options{Lang: lang, Now: now, History: h})
	if err != nil {
		t.Fatal(err)
	}
	if h.calls != 1 {
		t.Errorf("the history was read %d times in one run, want once", h.calls)
	}
	out := map[string]finding.Result{}
	for _, r := range results {
		out[r.Rule] = r
	}
	return out
}

// verdict is what a test expects of one rule.
type verdict struct {
	status   finding.Status
	message  string
	evidence []string // "path:line detail", or the detail alone
}

func checkVerdict(t *testing.T, res finding.Result, want verdict) {
	t.Helper()
	var ev []string
	for _, e := range res.Evidence {
		s := e.Detail
		switch {
		case e.Line > 0:
			s = e.Path + ":" + itoa(e.Line) + " " + s
		case e.Path != "":
			s = e.Path + " " + s
		}
		ev = append(ev, s)
	}
	if res.Status != want.status || res.Message != want.message || !reflect.DeepEqual(ev, want.evidence) {
		t.Errorf("%s:\n got %s %q\n     %q\nwant %s %q\n     %q", res.Rule, res.Status, res.Message, ev, want.status, want.message, want.evidence)
	}
}

var itoa = strconv.Itoa

// compileOne compiles a one-rule catalogue whose evidence item is the YAML
// text given (indented for its place in the file).
func compileOne(t *testing.T, item string) (*check.Checker, error) {
	t.Helper()
	fsys := fstest.MapFS{
		"g.yml": &fstest.MapFile{Data: []byte("group: g\ntitle: {en: G, fr: G}\nrules:\n  - id: r\n    severity: notice\n" +
			"    title: {en: R, fr: R}\n    message: {en: M, fr: M}\n    hint: {en: H, fr: H}\n    evidence:\n      - " + item + "\n")},
		"profiles.yml": &fstest.MapFile{Data: []byte("default: all\nprofiles:\n  all: {description: {en: a, fr: a}, rules: all}\n")},
	}
	cat, err := catalog.Load(fsys)
	if err != nil {
		t.Fatalf("catalogue: %v", err)
	}
	return check.Compile(cat.Rules, evidence.Default())
}

const install = "# Installation\n\nInstall Python 3.12, run pip install -r requirements.txt, then python src/app.py to start the service.\n"

// solo is one person's project: monthly commits from January 2024 to
// November 2025, its installation guide and diagram never touched after
// the first commit, and no tag.
func solo(t *testing.T) *testrepo.Repo {
	r := testrepo.New(t)
	r.CommitAt(at("2024-01-10"), alice, map[string]string{
		"docs/INSTALL.md": install, "docs/architecture.svg": "<svg/>", "src/app.py": "print(0)\n",
	})
	for i := 1; i <= 22; i++ {
		r.CommitAt(at("2024-01-10").AddDate(0, i, 0), alice, map[string]string{"src/app.py": "print(" + strings.Repeat("1", i) + ")\n"})
	}
	return r
}

func TestHistoryRulesOnASoloProject(t *testing.T) {
	r := solo(t)
	head := r.Git("rev-parse", "HEAD")[:7]
	got := runAt(t, r.Dir, "", "en")
	checkVerdict(t, got["activity"], verdict{finding.Pass,
		"Active: last commit on 2025-11-10, 2 months ago, by Alice Martin (" + head + ").",
		[]string{"last commit on 2025-11-10, 2 months ago, by Alice Martin (" + head + ")"}})
	checkVerdict(t, got["bus-factor"], verdict{finding.Fail,
		"Fewer than 2 people committed in the last 12 months; the knowledge of the code is in too few hands.",
		[]string{"Alice Martin <alice@example.org>: 10 commits, the last on 2025-11-10"}})
	stale := "last changed on 2024-01-10, 22 months and 22 commits before the last change to the code (2025-11-10)"
	checkVerdict(t, got["doc-freshness"], verdict{finding.Fail,
		"A key document last changed more than 6 months and 10 commits before the last change to the code; it may no longer describe it.",
		[]string{"docs/INSTALL.md Installation guide: " + stale, "docs/architecture.svg Architecture diagram: " + stale}})
	checkVerdict(t, got["release"], verdict{finding.Fail, "Nothing was ever released (no tag, no release branch).", nil})
	if m := got["maintainer"]; m.Status != finding.Fail || !strings.HasSuffix(m.Hint, "\nPeople who committed in the last 12 months, who could be named: Alice Martin (10 commits).") {
		t.Errorf("maintainer: %s, hint %q: want the recent committer suggested", m.Status, m.Hint)
	}
}

// team is a project of two people (one of them committing under an old
// address that .mailmap corrects) and a bot, with a tag and a maintainer
// file naming Bob.
func team(t *testing.T) *testrepo.Repo {
	r := testrepo.New(t)
	r.CommitAt(at("2025-06-01"), alice, map[string]string{
		"docs/INSTALL.md": install, "docs/architecture.svg": "<svg/>", "src/app.py": "print(0)\n",
		"MAINTAINERS.md": "# Maintainers\n\nBob Petit (bob@example.org) maintains the service after the handover.\n",
		".mailmap":       "Bob Petit <bob@example.org> <bob@home.example>\n",
	})
	r.CommitAt(at("2025-09-01"), "Bobby <bob@home.example>", map[string]string{"src/app.py": "print(1)\n"})
	r.CommitAt(at("2025-10-01"), alice, map[string]string{"docs/INSTALL.md": install + "\nThe service listens on port 8080.\n"})
	r.CommitAt(at("2025-11-01"), bob, map[string]string{"src/app.py": "print(2)\n"})
	r.Git("tag", "v1.0")
	r.CommitAt(at("2025-12-01"), bot, map[string]string{"src/app.py": "print(3)\n"})
	return r
}

func TestHistoryRulesOnATeamProject(t *testing.T) {
	r := team(t)
	head := r.Git("rev-parse", "HEAD")[:7]
	got := runAt(t, r.Dir, "", "en")
	checkVerdict(t, got["activity"], verdict{finding.Pass,
		"Active: last commit on 2025-12-01, 1 month ago, by dependabot[bot] (" + head + ").",
		[]string{"last commit on 2025-12-01, 1 month ago, by dependabot[bot] (" + head + ")"}})
	checkVerdict(t, got["bus-factor"], verdict{finding.Pass,
		"2 people committed in the last 12 months: Alice Martin, Bob Petit.",
		[]string{"Alice Martin <alice@example.org>: 2 commits, the last on 2025-10-01", "Bob Petit <bob@example.org>: 2 commits, the last on 2025-11-01"}})
	checkVerdict(t, got["doc-freshness"], verdict{finding.Pass,
		"No key document lags the code by more than 6 months and 10 commits.",
		[]string{
			"MAINTAINERS.md Maintainer and point of contact: last changed on 2025-06-01, 6 months and 4 commits before the last change to the code (2025-12-01)",
			"docs/INSTALL.md Installation guide: last changed on 2025-10-01, 2 months and 2 commits before the last change to the code (2025-12-01)",
			"docs/architecture.svg Architecture diagram: last changed on 2025-06-01, 6 months and 4 commits before the last change to the code (2025-12-01)",
		}})
	checkVerdict(t, got["release"], verdict{finding.Pass, "Latest release: tag v1.0, 2025-11-01 (1 in all).", []string{"tag v1.0, 2025-11-01"}})
	if m := got["maintainer"]; m.Status != finding.Pass || !strings.HasSuffix(m.Message, " Named there and committed in the last 12 months: Bob Petit (2 commits).") {
		t.Errorf("maintainer: %s %q: want Bob, named in MAINTAINERS.md, said to have committed", m.Status, m.Message)
	}
}

func TestHistoryRulesInFrench(t *testing.T) {
	got := runAt(t, solo(t).Dir, "", "fr")
	checkVerdict(t, got["bus-factor"], verdict{finding.Fail,
		typo.French("Moins de 2 personnes ont commité depuis 12 mois ; la connaissance du code repose sur trop peu de personnes."),
		[]string{typo.French("Alice Martin <alice@example.org> : 10 commits, le dernier le 2025-11-10")}})
	if m := got["maintainer"]; !strings.HasSuffix(m.Hint, "\n"+typo.French("Personnes ayant commité depuis 12 mois, qui pourraient être nommées : Alice Martin (10 commits).")) {
		t.Errorf("maintainer hint %q", m.Hint)
	}
}

func TestMaintainerNamedButGone(t *testing.T) {
	r := testrepo.New(t)
	r.CommitAt(at("2024-01-01"), "Zoé Ancienne <zoe@example.org>", map[string]string{"MAINTAINERS.md": "# Mainteneurs\n\nZoé Ancienne, @zoe-a sur GitHub.\n"})
	r.CommitAt(at("2025-10-01"), alice, map[string]string{"src/app.py": "print(1)\n"})
	m := runAt(t, r.Dir, "", "en")["maintainer"]
	want := "Found: MAINTAINERS.md (file). None of the people named there committed in the last 12 months; the most active were Alice Martin (1 commit)."
	if m.Status != finding.Pass || m.Message != want {
		t.Errorf("maintainer: %s %q, want pass %q", m.Status, m.Message, want)
	}
	// A note, not an evidence item without a path; the text report, which
	// lists evidence rather than messages for found items, shows it first.
	note := "None of the people named there committed in the last 12 months; the most active were Alice Martin (1 commit)."
	if len(m.Notes) != 1 || m.Notes[0] != note {
		t.Errorf("maintainer notes %q, want %q", m.Notes, note)
	}
	for _, e := range m.Evidence {
		if e.Path == "" {
			t.Errorf("evidence without a path: %+v", e)
		}
	}
	if shown := m.Shown(); len(shown) == 0 || shown[0] != (finding.Evidence{Detail: note}) {
		t.Errorf("shown %+v does not start with the note", shown)
	}
}

func TestMaintainerNamedByGitHubHandle(t *testing.T) {
	r := testrepo.New(t)
	r.CommitAt(at("2025-10-01"), "Camille <12345+camille-dev@users.noreply.github.com>", map[string]string{".github/CODEOWNERS": "* @camille-dev\n"})
	m := runAt(t, r.Dir, "", "en")["maintainer"]
	if !strings.HasSuffix(m.Message, " Named there and committed in the last 12 months: Camille (1 commit).") {
		t.Errorf("maintainer: %s %q", m.Status, m.Message)
	}
}

func TestHistoryRulesOnAShallowClone(t *testing.T) {
	origin := team(t)
	clone := filepath.Join(t.TempDir(), "clone")
	if out, err := testrepo.Command(t.TempDir(), "clone", "-q", "--depth", "1", "file://"+origin.Dir, clone).CombinedOutput(); err != nil {
		t.Fatalf("clone: %v\n%s", err, out)
	}
	got := runAt(t, clone, "", "en")
	if got["activity"].Status != finding.Pass {
		t.Errorf("activity needs only the checked commit: %+v", got["activity"])
	}
	truncated := "Could not decide: history truncated at depth 1; fetch the whole history (GitHub: fetch-depth: 0; GitLab: GIT_DEPTH: \"0\")."
	for _, id := range []string{"bus-factor", "doc-freshness", "release"} {
		checkVerdict(t, got[id], verdict{finding.Skip, truncated, nil})
	}
	if m := got["maintainer"].Message; !strings.HasSuffix(m, " committed in the last 12 months (history truncated at depth 1).") {
		t.Errorf("maintainer message %q does not say the history is truncated", m)
	}
	fr := runAt(t, clone, "", "fr")["bus-factor"]
	if want := typo.French("Impossible de conclure : historique tronqué à la profondeur 1 ; récupérez tout l'historique (GitHub : fetch-depth: 0 ; GitLab : GIT_DEPTH: \"0\")."); fr.Message != want {
		t.Errorf("French skip %q, want %q", fr.Message, want)
	}
}

func TestHistoryRulesOnAFolder(t *testing.T) {
	r := team(t)
	dir, err := source.OpenDir(r.Dir)
	if err != nil {
		t.Fatal(err)
	}
	_, c := checktest.Embedded(t)
	results, err := c.Run(dir, check.Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	for _, res := range results {
		switch res.Rule {
		case "activity", "bus-factor", "doc-freshness", "release":
			checkVerdict(t, res, verdict{finding.Skip, "Could not decide: no commit history: a folder or the index is checked, not a commit.", nil})
		case "maintainer":
			if strings.Contains(res.Message, "committed") {
				t.Errorf("maintainer hint without a history: %q", res.Message)
			}
		}
	}
}

func TestHistoryReadOnlyWhenARuleNeedsIt(t *testing.T) {
	cat, _ := checktest.Embedded(t)
	r := team(t)
	tree := checktest.Commit(t, r.Dir, "")
	for _, tc := range []struct {
		rules []string
		walks int
	}{{[]string{"licence", "install-guide", "publiccode"}, 0}, {[]string{"licence", "maintainer"}, 1}, {[]string{"activity", "bus-factor", "release", "doc-freshness", "install-guide"}, 1}} {
		var rules []catalog.Rule
		for _, id := range tc.rules {
			rule, ok := cat.Rule(id)
			if !ok {
				t.Fatalf("no rule %q", id)
			}
			rules = append(rules, rule)
		}
		c, err := check.Compile(rules, evidence.Default())
		if err != nil {
			t.Fatal(err)
		}
		h := &countingHistory{History: history.New(tree.Store(), tree.Hash())}
		if _, err := c.Run(tree, check.Options{Now: now, History: h}); err != nil {
			t.Fatal(err)
		}
		if h.calls != tc.walks {
			t.Errorf("rules %v read the history %d times, want %d", tc.rules, h.calls, tc.walks)
		}
	}
}

func TestDocFreshnessWithoutItsRules(t *testing.T) {
	cat, _ := checktest.Embedded(t)
	rule, _ := cat.Rule("doc-freshness")
	c, err := check.Compile([]catalog.Rule{rule}, evidence.Default())
	if err != nil {
		t.Fatal(err)
	}
	r := team(t)
	repo, _ := source.OpenRepo(r.Dir)
	defer repo.Close()
	tree, _ := repo.Commit("")
	results, err := c.Run(tree, check.Options{Now: now, History: history.New(tree.Store(), tree.Hash())})
	if err != nil {
		t.Fatal(err)
	}
	checkVerdict(t, results[0], verdict{finding.Skip,
		"Could not decide: no document satisfied install-guide, architecture-diagram, user-manual, maintainer, so none can be dated.", nil})
}

func TestHistoryEvidenceErrors(t *testing.T) {
	cases := map[string]struct{ evidence, want string }{
		"typo in parameter":        {"history: activity\n        with: {max-agee: 6 months}", `unknown parameter "max-agee": did you mean "max-age"?`},
		"bad period":               {"history: activity\n        with: {max-age: soon}", `with max-age: "soon": expected a number of days, weeks, months or years`},
		"unknown fact":             {"history: activty", `unknown history fact "activty": did you mean "activity"?`},
		"bad number":               {"history: bus-factor\n        with: {min-people: two}", `with min-people: expected a whole number, got "two"`},
		"no documents":             {"history: doc-freshness", `with documents-of: expected the ids of the rules`},
		"parameters on publiccode": {"publiccode-maintenance: \"true\"\n        with: {x: y}", `unknown parameter "x": this kind takes none`},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := compileOne(t, tc.evidence)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want one containing %q", err, tc.want)
			}
		})
	}
}

// fakeHistory serves fixed facts: the judgement of history rules, apart
// from the walk.
type fakeHistory struct{ facts *history.Facts }

func (f fakeHistory) Facts(history.Request) (*history.Facts, error) { return f.facts, nil }

// A document the walk gave up on (past history.GiveUpAfter commits) is
// stale, with the bound it was proven against.
func TestDocFreshnessGaveUp(t *testing.T) {
	r := testrepo.New(t).CommitFiles(map[string]string{"docs/INSTALL.md": install, "src/app.py": "print(1)\n"})
	repo, _ := source.OpenRepo(r.Dir)
	defer repo.Close()
	tree, _ := repo.Commit("")
	code := history.Change{Commit: history.Commit{When: at("2025-12-01")}, Commits: 3}
	facts := &history.Facts{
		Code: &code, CodeKnown: true, WindowComplete: true,
		Changes: map[string]history.Change{"docs/INSTALL.md": {Commit: history.Commit{When: at("2024-02-01")}, Commits: 2503, Before: true}},
	}
	cat, _ := checktest.Embedded(t)
	var rules []catalog.Rule
	for _, id := range []string{"install-guide", "doc-freshness"} {
		rule, _ := cat.Rule(id)
		rules = append(rules, rule)
	}
	c, err := check.Compile(rules, evidence.Default())
	if err != nil {
		t.Fatal(err)
	}
	results, err := c.Run(tree, check.Options{Now: now, History: fakeHistory{facts}})
	if err != nil {
		t.Fatal(err)
	}
	checkVerdict(t, results[1], verdict{finding.Fail,
		"A key document last changed more than 6 months and 10 commits before the last change to the code; it may no longer describe it.",
		[]string{"docs/INSTALL.md Installation guide: unchanged for over 22 months and 2500 commits before the last change to the code (2025-12-01)"}})
}

func TestMessageQuotesParameters(t *testing.T) {
	_, c := checktest.Embedded(t)
	for id, want := range map[string]string{
		"activity":      "The checked branch has had no commit for more than 6 months.",
		"doc-freshness": "A key document last changed more than 6 months and 10 commits before the last change to the code; it may no longer describe it.",
		"licence":       "No licence that a successor can rely on was found.",
	} {
		if got := c.Message(id, "en"); got != want {
			t.Errorf("%s: %q, want %q", id, got, want)
		}
	}
	if got, want := c.Message("bus-factor", "fr"), typo.French("Moins de 2 personnes ont commité depuis 12 mois ; la connaissance du code repose sur trop peu de personnes."); got != want {
		t.Errorf("bus-factor in French: %q, want %q", got, want)
	}
}

// TestActivityInTheFuture: a commit dated 2050 or 2099 is a wrong clock or a
// forged date: said so, and not counted as activity.
func TestActivityInTheFuture(t *testing.T) {
	for _, year := range []string{"2050", "2099"} {
		r := solo(t)
		r.CommitAt(at(year+"-06-01"), alice, map[string]string{"src/app.py": "print(2)\n"})
		head := r.Git("rev-parse", "HEAD")[:7]
		for lang, want := range map[string]string{
			"en": "The last commit is dated in the future: last commit dated " + year + "-06-01, in the future, by Alice Martin (" + head + "): a wrong clock or a forged date, not counted as activity.",
			"fr": "Le dernier commit est daté dans le futur : dernier commit daté du " + year + "-06-01, dans le futur, par Alice Martin (" + head + ") : horloge fausse ou date forgée, non compté comme activité.",
		} {
			got := runAt(t, r.Dir, "", lang)["activity"]
			if lang == "fr" {
				want = typo.French(want)
			}
			if got.Status != finding.Fail || got.Message != want {
				t.Errorf("%s, %s: %s %q\nwant fail %q", year, lang, got.Status, got.Message, want)
			}
		}
	}
}

// One name committing from two addresses, with no .mailmap, is one person
// (git shortlog's count): named once, with all the commits.
func TestOneNameTwoAddressesIsOnePerson(t *testing.T) {
	r := testrepo.New(t)
	r.CommitAt(at("2025-09-01"), "Julie Moreau <julie.moreau@example.gouv.fr>", map[string]string{"MAINTAINERS.md": "# Mainteneurs\n\nJulie Moreau maintient le service.\n"})
	r.CommitAt(at("2025-10-01"), "Julie Moreau <julie@perso.example>", map[string]string{"src/app.py": "print(1)\n"})
	r.CommitAt(at("2025-11-01"), "Julie Moreau <julie@perso.example>", map[string]string{"src/app.py": "print(2)\n"})
	got := runAt(t, r.Dir, "", "en")
	if m := got["maintainer"]; !strings.HasSuffix(m.Message, " Named there and committed in the last 12 months: Julie Moreau (3 commits).") {
		t.Errorf("maintainer: %s %q: want one Julie Moreau with 3 commits", m.Status, m.Message)
	}
	if b := got["bus-factor"]; b.Status != finding.Fail {
		t.Errorf("bus-factor: %s %q: one person with two addresses is not two people", b.Status, b.Message)
	}
}

// A passing doc-freshness verdict names the documents that keep up; one
// two years behind is shown as refused, never as counting.
func TestFreshnessNamesOnlyFreshDocuments(t *testing.T) {
	r := testrepo.New(t)
	r.CommitAt(at("2023-01-10"), alice, map[string]string{"docs/INSTALL.md": install, "src/app.py": "print(0)\n"})
	for i := 1; i <= 12; i++ {
		r.CommitAt(at(fmt.Sprintf("2025-%02d-01", i)), alice, map[string]string{"src/app.py": fmt.Sprintf("print(%d)\n", i)})
	}
	r.CommitAt(at("2025-12-10"), alice, map[string]string{"README.md": "# Outil\n\n" + strings.Replace(install, "# Installation", "## Installation", 1)})
	got := runAt(t, r.Dir, "", "en")["doc-freshness"]
	if got.Status != finding.Pass {
		t.Fatalf("doc-freshness %s %v: the README's guide is fresh", got.Status, got.Evidence)
	}
	for _, e := range got.Evidence {
		if e.Path == "docs/INSTALL.md" {
			t.Errorf("a guide 3 years behind is named on the passing verdict: %v", got.Evidence)
		}
	}
}
