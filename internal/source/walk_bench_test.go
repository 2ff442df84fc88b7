package source

import (
	"os"
	"testing"
)

type countVisitor struct{ n int }

func (c *countVisitor) Dir(string) bool { return true }
func (c *countVisitor) File(Entry)      { c.n++ }

func BenchmarkWalkOnly(b *testing.B) {
	dir := os.Getenv("PASSATION_BENCH_REPO")
	if dir == "" {
		b.Skip("PASSATION_BENCH_REPO not set")
	}
	for i := 0; i < b.N; i++ {
		repo, err := OpenRepo(dir)
		if err != nil {
			b.Fatal(err)
		}
		tree, err := repo.Commit("")
		if err != nil {
			b.Fatal(err)
		}
		v := &countVisitor{}
		if err := tree.Walk(v); err != nil {
			b.Fatal(err)
		}
		repo.Close()
	}
}
