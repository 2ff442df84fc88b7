package audit

import (
	"fmt"
	"strconv"
	"strings"
)

// Shard is the K-th of N slices of a cohort (1 ≤ K ≤ N). The zero value
// is the whole cohort.
type Shard struct {
	K int `json:"k"`
	N int `json:"n"`
}

// ParseShard reads "K/N".
func ParseShard(s string) (Shard, error) {
	k, n, ok := strings.Cut(strings.TrimSpace(s), "/")
	ki, err1 := strconv.Atoi(k)
	ni, err2 := strconv.Atoi(n)
	if !ok || err1 != nil || err2 != nil || ni < 1 || ki < 1 || ki > ni {
		return Shard{}, sentences.Errorf("shard", s)
	}
	return Shard{K: ki, N: ni}, nil
}

func (s Shard) String() string { return fmt.Sprintf("%d/%d", s.K, s.N) }

// Whole says whether the shard is the whole cohort.
func (s Shard) Whole() bool { return s.N <= 1 }

// Select returns the targets of this shard: every N-th target of the list,
// starting at the K-th. It depends only on the list's order, so every
// machine of a CI matrix computes the same slices, and neighbours in the
// list (often one team's repositories) are spread over the machines.
func (s Shard) Select(ts []Target) []Target {
	if s.Whole() {
		return ts
	}
	var out []Target
	for _, t := range ts {
		if t.Index%s.N == s.K-1 {
			out = append(out, t)
		}
	}
	return out
}
