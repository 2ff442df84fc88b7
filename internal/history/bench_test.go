package history_test

import (
	"syscall"
	"testing"
	"time"

	"github.com/passation/passation/internal/catalog"
	"github.com/passation/passation/internal/check"
	"github.com/passation/passation/internal/checktest"
	"github.com/passation/passation/internal/evidence"
	"github.com/passation/passation/internal/finding"
	"github.com/passation/passation/internal/history"
	"github.com/passation/passation/rules"
)

// cpuTime is the processor time this process has used so far: on a shared
// machine, a fairer measure of the work than the wall clock.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkHistoryRules measures what the history rules add to `passation
// check` of the whole checklist on a repository of 50,000 commits: each
// iteration runs the check as the CLI does (open the repository, the
// commit's tree, every rule) once without the history and once with it,
// and reports the difference. The repository is the worst case of
// benchRepo; the bound is one second.
//
//	go test ./internal/history -run '^$' -bench HistoryRules -benchtime 3x
func BenchmarkHistoryRules(b *testing.B) {
	dir := benchRepo(b, 50000)
	cat, err := catalog.Load(rules.FS)
	if err != nil {
		b.Fatal(err)
	}
	c, err := check.Compile(cat.Rules, evidence.Default())
	if err != nil {
		b.Fatal(err)
	}
	now := benchEnd.Add(24 * time.Hour)
	check1 := func(withHistory bool) (time.Duration, time.Duration, []finding.Result) {
		wall, cpu := time.Now(), cpuTime()
		tree := checktest.Commit(b, dir, "")
		opt := check.Options{Now: now}
		if withHistory {
			opt.History = history.New(tree.Store(), tree.Hash())
		}
		res, err := c.Run(tree, opt)
		if err != nil {
			b.Fatal(err)
		}
		return time.Since(wall), cpuTime() - cpu, res
	}
	var base, with, baseCPU, withCPU time.Duration
	var results []finding.Result
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		w0, c0, _ := check1(false)
		w1, c1, res := check1(true)
		base, baseCPU, with, withCPU = base+w0, baseCPU+c0, with+w1, withCPU+c1
		results = res
	}
	n := float64(b.N)
	added, addedCPU := (with-base).Seconds()/n, (withCPU-baseCPU).Seconds()/n
	b.ReportMetric(base.Seconds()/n, "check-s/op")
	b.ReportMetric(added, "history-added-s/op")
	b.ReportMetric(addedCPU, "history-added-cpu-s/op")
	for _, r := range results {
		if r.Group == "history" && r.Rule != "declared-maintenance" && r.Status == finding.Skip {
			b.Errorf("%s skipped: %s", r.Rule, r.Message)
		}
	}
	if addedCPU > 1 {
		b.Errorf("the history rules add %.2f s of processor time, over the 1 s bound", addedCPU)
	}
}
