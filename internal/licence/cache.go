package licence

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"runtime/debug"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// cacheKeyPrefix changes whenever what Identify answers could change: the
// scanner's module version and the licences it knows.
var cacheKeyPrefix = sync.OnceValue(func() string {
	v := "unknown"
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, d := range bi.Deps {
			if d.Path == "github.com/google/licensecheck" {
				v = d.Version
			}
		}
	}
	ids := make([]string, 0, len(scanned))
	for id := range scanned {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return "passation-licence-v2\x00" + v + "\x00" + strings.Join(ids, ",") + "\x00"
})

// IdentifyCached is Identify, with its answers kept in dir and found again
// by the SHA-256 of the text. Building the scanner costs a tenth of a
// second, more than the whole check of a large repository: a pre-commit
// hook that reads the same LICENSE at every commit pays it once per
// machine. An empty dir, or a cache that cannot be read or written, only
// means scanning again.
func IdentifyCached(text []byte, dir string) Identified {
	if dir == "" {
		return Identify(text)
	}
	sum := sha256.Sum256(append([]byte(cacheKeyPrefix()), text...))
	name := filepath.Join(dir, hex.EncodeToString(sum[:]))
	if data, err := os.ReadFile(name); err == nil {
		if id, ok := decodeCached(string(data)); ok {
			return id
		}
	}
	id := Identify(text)
	if err := os.MkdirAll(dir, 0o755); err == nil {
		if tmp, err := os.CreateTemp(dir, ".tmp-*"); err == nil {
			_, werr := tmp.WriteString(encodeCached(id))
			cerr := tmp.Close()
			if werr == nil && cerr == nil {
				_ = os.Rename(tmp.Name(), name)
			}
			os.Remove(tmp.Name())
		}
	}
	return id
}

// The cached form: the coverage on the first line, the text's first line
// on the second, then one id a line, followed by the title of a text
// recognised by its clauses and its language, tab-separated.
func encodeCached(id Identified) string {
	var b strings.Builder
	b.WriteString(strconv.FormatFloat(id.Coverage, 'g', -1, 64) + "\n" + id.FirstLine)
	for _, x := range id.IDs {
		b.WriteString("\n" + x)
		if t, ok := id.Titles[x]; ok {
			b.WriteString("\t" + t.Name + "\t" + t.Lang)
		}
	}
	return b.String()
}

func decodeCached(s string) (Identified, bool) {
	lines := strings.Split(s, "\n")
	cov, err := strconv.ParseFloat(lines[0], 64)
	if err != nil || len(lines) < 2 {
		return Identified{}, false
	}
	out := Identified{Coverage: cov, FirstLine: lines[1]}
	for _, l := range lines[2:] {
		if l == "" {
			continue
		}
		f := strings.Split(l, "\t")
		out.IDs = append(out.IDs, f[0])
		if len(f) == 3 {
			if out.Titles == nil {
				out.Titles = map[string]Title{}
			}
			out.Titles[f[0]] = Title{Name: f[1], Lang: f[2]}
		}
	}
	return out, true
}
