// Package corpus scores passation against a hand-labelled corpus of real
// public-sector repositories (testdata/corpus/labels.csv). The repositories
// themselves are not part of this project: point PASSATION_CORPUS_DIR at a
// folder holding them as owner+name (a clone, or a bare git folder, or
// owner+name/repo), and run:
//
//	PASSATION_CORPUS_DIR=/path go test -v -run Corpus ./internal/corpus/
package corpus

import (
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
	if len(per) < 30 {
		t.Errorf("corpus has %d repositories, want at least 30", len(per))
	}
	for repo, n := range per {
		if n != 12 {
			t.Errorf("%s has %d labels, want 12", repo, n)
		}
	}
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
	agree, total := map[string]int{}, map[string]int{}
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
		for _, l := range labels {
			res := got[l.rule]
			total[l.rule]++
			if (res.Status == finding.Pass) == l.present {
				agree[l.rule]++
				continue
			}
			ev := ""
			if len(res.Evidence) > 0 {
				ev = res.Evidence[0].Path + " " + res.Evidence[0].Detail
			}
			misses = append(misses, fmt.Sprintf("%-22s %-45s label=%v got=%s [%s] — %s", l.rule, repo, l.present, res.Status, ev, l.why))
		}
	}
	if len(total) == 0 {
		t.Skipf("none of the %d corpus repositories is under %s", len(byRepo), dir)
	}
	var sumA, sumT int
	var table strings.Builder
	table.WriteString("| item | agree | total | % |\n|---|---|---|---|\n")
	for _, rule := range slices.Sorted(maps.Keys(total)) {
		a, n := agree[rule], total[rule]
		sumA += a
		sumT += n
		fmt.Fprintf(&table, "| %s | %d | %d | %.0f%% |\n", rule, a, n, 100*float64(a)/float64(n))
		if missing == 0 && float64(a) < 0.80*float64(n) {
			t.Errorf("%s: agreement %d/%d is under 80%%", rule, a, n)
		}
	}
	fmt.Fprintf(&table, "| **overall** | %d | %d | %.1f%% |\n", sumA, sumT, 100*float64(sumA)/float64(sumT))
	t.Logf("%d repositories (%d not found locally)\n%s", len(byRepo)-missing, missing, table.String())
	for _, m := range misses {
		t.Log("disagree: " + m)
	}
	if missing == 0 && float64(sumA) < 0.92*float64(sumT) {
		t.Errorf("overall agreement %d/%d is under 92%%", sumA, sumT)
	}
}
