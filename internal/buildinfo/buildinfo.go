// Package buildinfo says which build of passation is running: the version,
// commit and date a release stamps with -ldflags -X (GoReleaser's
// main.version, main.commit and main.date), else what the Go toolchain
// recorded in the binary (the module version of go install …@vX.Y.Z, the
// commit and its time of a build in a git checkout).
package buildinfo

import (
	"regexp"
	"runtime/debug"
	"strings"
)

// Info is one build of passation.
type Info struct {
	// Version is vMAJOR.MINOR.PATCH for a release, a Go pseudo-version or
	// "dev" otherwise; never empty once read.
	Version string
	// Commit is the full hash the binary was built from, Date its time
	// (RFC 3339); either may be empty (a build outside git).
	Commit, Date string
	// Modified: built from a checkout with uncommitted changes.
	Modified bool
}

// Read fills what stamped leaves empty from the binary's own build
// information.
func Read(stamped Info) Info {
	bi, _ := debug.ReadBuildInfo()
	return From(stamped, bi)
}

// From is Read with the build information given (nil when the binary has
// none), so that tests can state it.
func From(stamped Info, bi *debug.BuildInfo) Info {
	info := stamped
	if bi != nil {
		if info.Version == "" && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
			info.Version = bi.Main.Version
		}
		// A stamped release says its own commit: the settings of the
		// machine that built it only fill what it left out.
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				if info.Commit == "" {
					info.Commit = s.Value
				}
			case "vcs.time":
				if info.Date == "" {
					info.Date = s.Value
				}
			case "vcs.modified":
				if stamped.Commit == "" {
					info.Modified = s.Value == "true"
				}
			}
		}
	}
	if info.Version == "" {
		info.Version = "dev"
	}
	// GoReleaser's {{.Version}} drops the tag's v; go install keeps it.
	// One spelling, the tag's, whichever way passation was built.
	if info.Version[0] >= '0' && info.Version[0] <= '9' {
		info.Version = "v" + info.Version
	}
	return info
}

// semver is Semantic Versioning 2.0.0's grammar, after a leading v.
var semver = regexp.MustCompile(`^v(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$`)

// Semantic is the version as Semantic Versioning spells it (1.2.3, no v),
// or "" when it is not one ("dev"): SARIF's semanticVersion.
func (i Info) Semantic() string {
	if !semver.MatchString(i.Version) {
		return ""
	}
	return strings.TrimPrefix(i.Version, "v")
}

// Release: a tagged version (vMAJOR.MINOR.PATCH, nothing after).
func (i Info) Release() bool {
	return semver.MatchString(i.Version) && !strings.ContainsAny(i.Version, "-+")
}
