package audit_test

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/passation/passation/internal/audit"
	"github.com/passation/passation/internal/finding"
	"github.com/passation/passation/internal/gitserver"
	"github.com/passation/passation/internal/testrepo"
)

// BenchmarkAudit100 audits 100 repositories served by a local git daemon,
// and compares with cloning the same repositories one after another with
// `git clone --depth 1` alone (no check at all). Each repository has five
// commits of history, about sixty files and a 200 kB binary.
//
//	go test ./internal/audit -run '^$' -bench Audit100 -benchtime 3x
func BenchmarkAudit100(b *testing.B) {
	root := gitserver.NewRoot(b)
	const n = 100
	for i := 0; i < n; i++ {
		addBenchRepo(b, root, i)
	}
	daemon := gitserver.StartDaemon(b, root)
	var ts []audit.Target
	for i := 0; i < n; i++ {
		ts = append(ts, audit.Target{URL: fmt.Sprintf("%srepo-%03d.git", daemon.URL, i)})
	}
	if err := audit.Validate(ts); err != nil {
		b.Fatal(err)
	}
	cat := loadCatalog(b)

	for _, jobs := range []int{8, 1} {
		b.Run(fmt.Sprintf("passation-audit-jobs-%d", jobs), func(b *testing.B) {
			a, err := audit.New(cat, ts, audit.Options{Jobs: jobs, Tool: finding.Tool{Name: "passation", Version: "bench"}})
			if err != nil {
				b.Fatal(err)
			}
			peak := watchHeap()
			resetPeakRSS()
			start := time.Now()
			for i := 0; i < b.N; i++ {
				res, err := a.Run(context.Background(), ts, audit.Shard{})
				if err != nil {
					b.Fatal(err)
				}
				if res.Failed() != 0 {
					b.Fatalf("%d repositories failed: %s", res.Failed(), firstError(res))
				}
			}
			elapsed := time.Since(start)
			b.ReportMetric(elapsed.Seconds()/float64(b.N), "s/audit")
			b.ReportMetric(float64(n)*float64(b.N)/elapsed.Seconds(), "repos/s")
			b.ReportMetric(float64(peak())/(1<<20), "peak-heap-MiB")
			if rss := peakRSS(); rss > 0 {
				b.ReportMetric(float64(rss)/(1<<10), "peak-RSS-MiB")
			}
		})
	}

	b.Run("git-clone-depth-1-serial", func(b *testing.B) {
		start := time.Now()
		for i := 0; i < b.N; i++ {
			dir := b.TempDir()
			for k, t := range ts {
				cmd := exec.Command("git", "clone", "-q", "--depth", "1", t.URL, filepath.Join(dir, strconv.Itoa(k)))
				cmd.Env = testrepo.Env()
				if out, err := cmd.CombinedOutput(); err != nil {
					b.Fatalf("git clone: %v\n%s", err, out)
				}
			}
		}
		elapsed := time.Since(start)
		b.ReportMetric(elapsed.Seconds()/float64(b.N), "s/audit")
		b.ReportMetric(float64(n)*float64(b.N)/elapsed.Seconds(), "repos/s")
	})
}

func firstError(res *audit.Result) string {
	for _, r := range res.Repositories {
		if r.Error != nil {
			return r.Name + ": " + r.Error.Message
		}
	}
	return ""
}

// addBenchRepo publishes repository i: five commits, some documents, code
// and one binary.
func addBenchRepo(b *testing.B, root *gitserver.Root, i int) {
	files := map[string]string{
		"README.md": fmt.Sprintf("# Outil %d\n\n%s\n\n## Installation\n\n%s\n", i, prose, prose),
		"LICENSE":   "MIT License. Permission is hereby granted, free of charge, to any person.",
	}
	for k := 0; k < 50; k++ {
		files[fmt.Sprintf("src/pkg%d/file%d.py", k%7, k)] = strings.Repeat(fmt.Sprintf("def f%d():\n    return %d\n", k, i), 40)
	}
	if i%2 == 0 {
		files["docs/architecture.svg"] = "<svg/>"
		files["docs/manuel-utilisateur.md"] = prose
	}
	w := root.Add(fmt.Sprintf("repo-%03d", i), files)
	w.Write(map[string]string{"assets/.keep": ""})
	gitserver.WriteBig(b, w, "assets/data.bin", 200_000+i)
	for c := 0; c < 4; c++ {
		w.CommitFiles(map[string]string{"CHANGELOG.md": strings.Repeat("- change\n", c+1) + prose})
	}
	root.Publish(w)
}

// watchHeap samples the Go heap every 5 ms until the returned function is
// called, which gives the peak.
func watchHeap() func() uint64 {
	var peak atomic.Uint64
	var stop atomic.Bool
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		var m runtime.MemStats
		for !stop.Load() {
			runtime.ReadMemStats(&m)
			if v := m.HeapInuse + m.StackInuse; v > peak.Load() {
				peak.Store(v)
			}
			time.Sleep(5 * time.Millisecond)
		}
	}()
	return func() uint64 { stop.Store(true); wg.Wait(); return peak.Load() }
}

// resetPeakRSS resets the kernel's high-water mark of this process's
// resident memory (Linux), so that peakRSS measures what follows.
func resetPeakRSS() { _ = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) }

// peakRSS is the high-water mark of resident memory, in KiB (0 if unknown).
func peakRSS() int64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			n, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			return n
		}
	}
	return 0
}
