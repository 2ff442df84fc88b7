// Package corpus scores passation against a hand-labelled corpus of real
// public-sector repositories (testdata/corpus/labels.csv). The repositories
// themselves are not part of this project: point PASSATION_CORPUS_DIR at a
// folder holding them as owner+name (a clone, or a bare git folder, or
// owner+name/repo), and run:
//
//	PASSATION_CORPUS_DIR=/path go test -v -run Corpus ./internal/corpus/
//
// The corpus has two parts. The validation set (testdata/corpus/
// validation.txt) was drawn once, by a hash of each name, from repositories
// labelled after the detection was last tuned; no word, weight or threshold
// is ever chosen from it. The rest is the training set, which tuning may
// read. Both figures are reported; a change that raises the training
// figure and lowers the validation one is reverted.
package corpus

import (
	"crypto/sha256"
	"encoding/csv"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/passation/passation/internal/catalog"
	"github.com/passation/passation/internal/check"
	"github.com/passation/passation/internal/evidence"
	"github.com/passation/passation/internal/finding"
	"github.com/passation/passation/internal/source"
	"github.com/passation/passation/rules"
)

type label struct {
	repo, commit, rule string
	present            bool
	why                string
}

func readLabels(t *testing.T) []label {
	f, err := os.Open("../../testdata/corpus/labels.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("labels.csv: %v", err)
	}
	var out []label
	for i, r := range rows[1:] {
		if len(r) != 5 || (r[3] != "yes" && r[3] != "no") || len(r[1]) != 40 {
			t.Fatalf("labels.csv:%d: expected repo,commit(40 hex),rule,yes|no,why; got %q", i+2, r)
		}
		out = append(out, label{r[0], r[1], r[2], r[3] == "yes", r[4]})
	}
	return out
}

// readValidation reads the names of the validation set.
func readValidation(t *testing.T) map[string]bool {
	data, err := os.ReadFile("../../testdata/corpus/validation.txt")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]bool{}
	for _, l := range strings.Split(string(data), "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			out[l] = true
		}
	}
	return out
}

// inValidation is the rule that drew the validation set, once, from the
// repositories labelled after the last tuning: half of them, by a hash of
// the name that nobody chooses.
func inValidation(repo string) bool {
	h := sha256.Sum256([]byte("passation-validation:" + repo))
	return h[0] < 0x80
}

// TestLabelsAreWellFormed runs everywhere: every labelled rule exists in
// the catalogue, and every repository has all of its labels.
func TestLabelsAreWellFormed(t *testing.T) {
	cat, err := catalog.Load(rules.FS)
	if err != nil {
		t.Fatal(err)
	}
	per := map[string]int{}
	for _, l := range readLabels(t) {
		if _, ok := cat.Rule(l.rule); !ok {
			t.Errorf("label for unknown rule %q (%s)", l.rule, l.repo)
		}
		per[l.repo]++
	}
	if len(per) < 120 {
		t.Errorf("corpus has %d repositories, want at least 120", len(per))
	}
	val := readValidation(t)
	if len(val) < 40 {
		t.Errorf("validation set has %d repositories, want at least 40", len(val))
	}
	for repo := range val {
		if per[repo] == 0 {
			t.Errorf("validation.txt names %s, which has no labels", repo)
		}
		if !inValidation(repo) {
			t.Errorf("validation.txt names %s, which the drawing rule puts in the training set", repo)
		}
	}
	for repo, n := range per {
		if n != 12 {
			t.Errorf("%s has %d labels, want 12", repo, n)
		}
	}
}

// shown is a place as the corpus lines quote it, with its score if it has one.
func shown(e finding.Evidence) string {
	if e.Why != "" {
		return fmt.Sprintf("%s %s (score %d)", e.Path, e.Detail, e.Score)
	}
	return e.Path + " " + e.Detail
}

func locate(dir, repo string) string {
	base := filepath.Join(dir, strings.ReplaceAll(repo, "/", "+"))
	for _, p := range []string{filepath.Join(base, "repo"), base} {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	return ""
}

// The floors below guard against regressions on the training set, at what
// it scored when the corpus reached 154 repositories (89.7% overall, 71%
// for the weakest item, user-manual): a change that lowers them fails. They
// are not the targets, which the validation set measures.
const (
	minAgreement     = 0.89
	minItemAgreement = 0.70
)

// TestCorpusAgreement checks passation's verdicts against the labels of
// every repository found under PASSATION_CORPUS_DIR.
func TestCorpusAgreement(t *testing.T) {
	dir := os.Getenv("PASSATION_CORPUS_DIR")
	if dir == "" {
		t.Skip("PASSATION_CORPUS_DIR not set: the corpus repositories are not part of this project")
	}
	cat, err := catalog.Load(rules.FS)
	if err != nil {
		t.Fatal(err)
	}
	c, err := check.Compile(cat.Rules, evidence.Default())
	if err != nil {
		t.Fatal(err)
	}
	byRepo := map[string][]label{}
	for _, l := range readLabels(t) {
		byRepo[l.repo] = append(byRepo[l.repo], l)
	}
	val := readValidation(t)
	type tally struct{ agree, total map[string]int }
	splits := map[bool]*tally{false: {map[string]int{}, map[string]int{}}, true: {map[string]int{}, map[string]int{}}}
	total := map[string]int{}
	var misses []string
	missing := 0
	for _, repo := range slices.Sorted(maps.Keys(byRepo)) {
		path := locate(dir, repo)
		if path == "" {
			missing++
			continue
		}
		labels := byRepo[repo]
		r, err := source.OpenRepo(path)
		if err != nil {
			t.Errorf("%s: %v", repo, err)
			continue
		}
		tree, err := r.Commit(labels[0].commit)
		if err != nil {
			t.Errorf("%s: %v", repo, err)
			continue
		}
		results, err := c.Run(tree, check.Options{})
		r.Close()
		if err != nil {
			t.Errorf("%s: %v", repo, err)
			continue
		}
		got := map[string]finding.Result{}
		for _, res := range results {
			got[res.Rule] = res
		}
		sp := splits[val[repo]]
		for _, l := range labels {
			res := got[l.rule]
			total[l.rule]++
			sp.total[l.rule]++
			if (res.Status == finding.Pass) == l.present {
				sp.agree[l.rule]++
				if !val[repo] && os.Getenv("PASSATION_CORPUS_AGREEMENTS") != "" && len(res.Evidence) > 0 {
					// Training agreements with their evidence: what a change would lose.
					t.Logf("agree: %-22s %-45s label=%v [%s]", l.rule, repo, l.present, shown(res.Evidence[0]))
				}
				continue
			}
			if val[repo] {
				// Validation misses are counted, never shown: reading them
				// would be tuning on the validation set.
				continue
			}
			ev := ""
			if len(res.Evidence) > 0 {
				ev = shown(res.Evidence[0])
			}
			misses = append(misses, fmt.Sprintf("%-22s %-45s label=%v got=%s [%s] — %s", l.rule, repo, l.present, res.Status, ev, l.why))
		}
	}
	if len(total) == 0 {
		t.Skipf("none of the %d corpus repositories is under %s", len(byRepo), dir)
	}
	pct := func(a, n int) string {
		if n == 0 {
			return "–"
		}
		return fmt.Sprintf("%d/%d (%.1f%%)", a, n, 100*float64(a)/float64(n))
	}
	train, valid := splits[false], splits[true]
	var table strings.Builder
	table.WriteString("| item | training | validation |\n|---|---|---|\n")
	sum := func(m map[string]int) int {
		n := 0
		for _, v := range m {
			n += v
		}
		return n
	}
	for _, rule := range slices.Sorted(maps.Keys(total)) {
		fmt.Fprintf(&table, "| %s | %s | %s |\n", rule, pct(train.agree[rule], train.total[rule]), pct(valid.agree[rule], valid.total[rule]))
		if missing == 0 && float64(train.agree[rule]) < minItemAgreement*float64(train.total[rule]) {
			t.Errorf("%s: training agreement %d/%d is under %.0f%%", rule, train.agree[rule], train.total[rule], 100*minItemAgreement)
		}
	}
	fmt.Fprintf(&table, "| **overall** | %s | %s |\n", pct(sum(train.agree), sum(train.total)), pct(sum(valid.agree), sum(valid.total)))
	t.Logf("%d repositories (%d not found locally; %d in the validation set)\n%s", len(byRepo)-missing, missing, len(val), table.String())
	for _, m := range misses {
		t.Log("disagree: " + m)
	}
	if missing == 0 && float64(sum(train.agree)) < minAgreement*float64(sum(train.total)) {
		t.Errorf("overall training agreement %d/%d is under %.0f%%", sum(train.agree), sum(train.total), 100*minAgreement)
	}
}
