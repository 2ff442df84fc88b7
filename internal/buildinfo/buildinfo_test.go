package buildinfo

import (
	"runtime/debug"
	"testing"
)

func settings(kv ...string) []debug.BuildSetting {
	var s []debug.BuildSetting
	for i := 0; i < len(kv); i += 2 {
		s = append(s, debug.BuildSetting{Key: kv[i], Value: kv[i+1]})
	}
	return s
}

// TestFrom: each way passation is built names its version, commit and date.
func TestFrom(t *testing.T) {
	local := &debug.BuildInfo{
		Main:     debug.Module{Path: "github.com/passation/passation", Version: "v0.0.0-20261206034555-404858374f84+dirty"},
		Settings: settings("vcs", "git", "vcs.revision", "404858374f84f245491e15cc0b2f5368a5e45eb1", "vcs.time", "2026-12-06T03:45:55Z", "vcs.modified", "true"),
	}
	cases := []struct {
		name    string
		stamped Info
		bi      *debug.BuildInfo
		want    Info
	}{
		{"goreleaser stamps the tag without its v", Info{Version: "1.2.3", Commit: "abc", Date: "2026-01-02T03:04:05Z"}, local,
			Info{Version: "v1.2.3", Commit: "abc", Date: "2026-01-02T03:04:05Z"}},
		{"go install module@v1.2.3", Info{}, &debug.BuildInfo{Main: debug.Module{Path: "github.com/passation/passation", Version: "v1.2.3"}},
			Info{Version: "v1.2.3"}},
		{"a build in a git checkout", Info{}, local,
			Info{Version: "v0.0.0-20261206034555-404858374f84+dirty", Commit: "404858374f84f245491e15cc0b2f5368a5e45eb1", Date: "2026-12-06T03:45:55Z", Modified: true}},
		{"go build -buildvcs=false", Info{}, &debug.BuildInfo{Main: debug.Module{Path: "github.com/passation/passation", Version: "(devel)"}},
			Info{Version: "dev"}},
		{"no build information", Info{}, nil, Info{Version: "dev"}},
		{"a stamped version, the commit left to the toolchain", Info{Version: "v2.0.0"}, local,
			Info{Version: "v2.0.0", Commit: "404858374f84f245491e15cc0b2f5368a5e45eb1", Date: "2026-12-06T03:45:55Z", Modified: true}},
	}
	for _, c := range cases {
		if got := From(c.stamped, c.bi); got != c.want {
			t.Errorf("%s: got %+v, want %+v", c.name, got, c.want)
		}
	}
}

func TestSemantic(t *testing.T) {
	cases := map[string]struct {
		semantic string
		release  bool
	}{
		"v1.2.3":                     {"1.2.3", true},
		"v10.0.1":                    {"10.0.1", true},
		"v1.2.3-rc.1":                {"1.2.3-rc.1", false},
		"v0.0.0-SNAPSHOT-4048583":    {"0.0.0-SNAPSHOT-4048583", false},
		"v0.0.0-20261206034555-4048": {"0.0.0-20261206034555-4048", false},
		"v1.2.3+dirty":               {"1.2.3+dirty", false},
		"dev":                        {"", false},
		"v1.2":                       {"", false},
		"v01.2.3":                    {"", false},
	}
	for v, want := range cases {
		i := Info{Version: v}
		if got := i.Semantic(); got != want.semantic {
			t.Errorf("Semantic(%s) = %q, want %q", v, got, want.semantic)
		}
		if got := i.Release(); got != want.release {
			t.Errorf("Release(%s) = %v, want %v", v, got, want.release)
		}
	}
}
