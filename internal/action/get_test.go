package action

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/passation/passation/internal/frenchcheck"
	"github.com/passation/passation/internal/testrepo"
)

// These tests run action.yml's "Get passation" step against a release
// served from 127.0.0.1: passation built as GoReleaser builds it (static,
// stamped with -X main.version...), packed in the archive GoReleaser
// names (.goreleaser.yaml), with its checksums.txt.

const (
	releaseCommit = "0123456789abcdef0123456789abcdef01234567"
	releaseDate   = "2026-01-10T10:00:00Z"
)

// archiveName is GoReleaser's name for a version's archive on this machine.
func archiveName(version string) string {
	ext := "tar.gz"
	if runtime.GOOS == "windows" {
		ext = "zip"
	}
	return fmt.Sprintf("passation_%s_%s_%s.%s", version, runtime.GOOS, runtime.GOARCH, ext)
}

var (
	releaseOnce sync.Once
	releaseBin  []byte // passation stamped v1.2.3
	releaseErr  error
)

// releaseBinary builds passation once as a release would be.
func releaseBinary(t testing.TB) []byte {
	t.Helper()
	testrepo.EndToEnd(t, "the action's release path")
	releaseOnce.Do(func() {
		dir, err := os.MkdirTemp("", "release-")
		if err != nil {
			releaseErr = err
			return
		}
		defer os.RemoveAll(dir)
		out := filepath.Join(dir, "passation")
		cmd := exec.Command("go", "build", "-trimpath", "-ldflags",
			"-s -w -X main.version=1.2.3 -X main.commit="+releaseCommit+" -X main.date="+releaseDate, "-o", out, ".")
		cmd.Dir, cmd.Env = repoRoot, append(os.Environ(), "CGO_ENABLED=0")
		if b, err := cmd.CombinedOutput(); err != nil {
			releaseErr = fmt.Errorf("go build: %v\n%s", err, b)
			return
		}
		releaseBin, releaseErr = os.ReadFile(out)
	})
	if releaseErr != nil {
		t.Fatal(releaseErr)
	}
	return releaseBin
}

// pack makes the archive GoReleaser would: the binary and the documents at
// its root (README.md, LICENSE, CHANGELOG.md).
func pack(t testing.TB, bin []byte) []byte {
	t.Helper()
	exe := "passation"
	if runtime.GOOS == "windows" {
		exe += ".exe"
	}
	files := []struct {
		name string
		mode int64
		data []byte
	}{{exe, 0o755, bin}}
	for _, doc := range []string{"README.md", "LICENSE", "CHANGELOG.md"} {
		files = append(files, struct {
			name string
			mode int64
			data []byte
		}{doc, 0o644, []byte(readOrFail(t, filepath.Join(repoRoot, doc)))})
	}
	var buf bytes.Buffer
	if runtime.GOOS == "windows" {
		zw := zip.NewWriter(&buf)
		for _, f := range files {
			w, err := zw.Create(f.name)
			if err == nil {
				_, err = w.Write(f.data)
			}
			if err != nil {
				t.Fatal(err)
			}
		}
		if err := zw.Close(); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	gz := gzip.NewWriter(&buf)
	tw := tar.NewWriter(gz)
	for _, f := range files {
		hdr := &tar.Header{Name: f.name, Mode: f.mode, Size: int64(len(f.data)), ModTime: time.Date(2026, 1, 10, 10, 0, 0, 0, time.UTC), Typeflag: tar.TypeReg}
		if err := tw.WriteHeader(hdr); err != nil {
			t.Fatal(err)
		}
		if _, err := tw.Write(f.data); err != nil {
			t.Fatal(err)
		}
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := gz.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func sha256hex(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

// releaseServer serves releases as GitHub does, under /vX.Y.Z/FILE, and
// counts the requests for each file.
type releaseServer struct {
	*httptest.Server
	files map[string][]byte // "/v1.2.3/checksums.txt" → content

	mu       sync.Mutex
	requests map[string]int
}

func (s *releaseServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.requests[r.URL.Path]++
	s.mu.Unlock()
	b, ok := s.files[r.URL.Path]
	if !ok {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "application/octet-stream")
	w.Write(b)
}

func (s *releaseServer) count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, c := range s.requests {
		n += c
	}
	return n
}

// serveReleases serves v1.2.3, a good release, and v1.2.4, whose
// checksums.txt does not match its archive (as if the archive had been
// altered after the release).
func serveReleases(t testing.TB) *releaseServer {
	t.Helper()
	archive := pack(t, releaseBinary(t))
	s := &releaseServer{files: map[string][]byte{}, requests: map[string]int{}}
	// checksums.txt lists the six archives; only this machine's is served.
	sums := func(version, sum string) []byte {
		var b strings.Builder
		for _, p := range []string{"darwin_amd64.tar.gz", "darwin_arm64.tar.gz", "linux_amd64.tar.gz", "linux_arm64.tar.gz", "windows_amd64.zip", "windows_arm64.zip"} {
			name := "passation_" + version + "_" + p
			s := sha256hex([]byte(name))
			if name == archiveName(version) {
				s = sum
			}
			fmt.Fprintf(&b, "%s  %s\n", s, name)
		}
		return []byte(b.String())
	}
	s.files["/v1.2.3/"+archiveName("1.2.3")] = archive
	s.files["/v1.2.3/checksums.txt"] = sums("1.2.3", sha256hex(archive))
	s.files["/v1.2.4/"+archiveName("1.2.4")] = archive
	s.files["/v1.2.4/checksums.txt"] = sums("1.2.4", sha256hex(append([]byte("altered"), archive...)))
	s.Server = httptest.NewServer(s)
	t.Cleanup(s.Close)
	return s
}

// toolDir is where the step keeps a version in the tool cache.
func toolDir(cache, version string) string {
	// RUNNER_ARCH in lower case: x64, arm64, as actions/tool-cache names it.
	arch := map[string]string{"amd64": "x64", "arm64": "arm64"}[runtime.GOARCH]
	return filepath.Join(cache, "passation", version, arch)
}

// versionOf runs bin version.
func versionOf(t testing.TB, bin string) string {
	t.Helper()
	out, err := exec.Command(bin, "version").CombinedOutput()
	if err != nil {
		t.Fatalf("%s version: %v\n%s", bin, err, out)
	}
	return string(out)
}

// errorOf is the one ::error:: command of a failed run.
func errorOf(t *testing.T, r *getRun) string {
	t.Helper()
	ann := annotationsOf(r.cmds)
	if r.code == 0 || len(ann) != 1 || ann[0].name != "error" {
		t.Fatalf("exit %d, annotations %+v: want a failure with one error\n%s%s", r.code, ann, r.log, r.stderr)
	}
	return ann[0].data
}

// TestGetReleaseVersionInput: with: version: picks a release whatever the
// action's ref, downloads it, checks it against checksums.txt, unpacks it
// into the tool cache with its marker, and the check step runs it.
func TestGetReleaseVersionInput(t *testing.T) {
	t.Parallel()
	srv := serveReleases(t)
	for _, version := range []string{"1.2.3", "v1.2.3"} {
		r := runGet(t, getOpts{version: version, actionRef: "main", releases: srv.URL})
		if r.code != 0 {
			t.Fatalf("version %s: exit %d\n%s%s", version, r.code, r.log, r.stderr)
		}
		dir := toolDir(r.toolCache, "1.2.3")
		bin := r.outputs["path"]
		if filepath.Dir(bin) != dir {
			t.Errorf("version %s: path output %q, want the binary in the tool cache %s", version, bin, dir)
		}
		if _, err := os.Stat(dir + ".complete"); err != nil {
			t.Errorf("version %s: no tool cache marker: %v", version, err)
		}
		if _, err := os.Stat(filepath.Join(dir, "README.md")); err != nil {
			t.Errorf("version %s: the archive was not unpacked whole: %v", version, err)
		}
		if got := versionOf(t, bin); !strings.HasPrefix(got, "passation v1.2.3\ncommit "+releaseCommit+"\n") {
			t.Errorf("version %s: %s version printed %q", version, bin, got)
		}
		if !strings.Contains(r.log, "verified (SHA-256 "+sha256hex(srv.files["/v1.2.3/"+archiveName("1.2.3")])+")") {
			t.Errorf("version %s: the log does not say the archive was verified:\n%s", version, r.log)
		}
		if r.githubPath != "" || r.githubEnv != "" || len(r.cmds) != 0 {
			t.Errorf("version %s: GITHUB_PATH %q, GITHUB_ENV %q, commands %+v: want none", version, r.githubPath, r.githubEnv, r.cmds)
		}
	}
	if n := srv.count(); n != 4 {
		t.Errorf("%d requests for two runs in two new tool caches, want 4 (archive and checksums.txt each)", n)
	}

	// The check step runs what the step got, on a repository.
	r := runGet(t, getOpts{version: "1.2.3", releases: srv.URL})
	ws := fixture(t, fixtures["errors-complete"])
	c := runCheck(t, r.outputs["path"], r.temp, ws, map[string]string{"format": "json", "fail-on": "never"})
	if c.code != 0 || !strings.Contains(c.log, `"version": "v1.2.3"`) || c.outputs["score"] == "" {
		t.Errorf("check step with the release binary: exit %d, outputs %v\n%s%s", c.code, c.outputs, c.log, c.stderr)
	}
}

// TestGetReleaseOfTheActionRef: uses: passation/passation@v1.2.3 takes
// v1.2.3; a second job on the same runner finds it in the tool cache and
// downloads nothing.
func TestGetReleaseOfTheActionRef(t *testing.T) {
	t.Parallel()
	srv := serveReleases(t)
	cache := t.TempDir()
	first := runGet(t, getOpts{actionRef: "v1.2.3", toolCache: cache, releases: srv.URL})
	if first.code != 0 || !strings.Contains(versionOf(t, first.outputs["path"]), "passation v1.2.3\n") {
		t.Fatalf("ref v1.2.3: exit %d, path %q\n%s%s", first.code, first.outputs["path"], first.log, first.stderr)
	}
	if n := srv.count(); n != 2 {
		t.Errorf("%d requests for the first run, want 2 (archive and checksums.txt)", n)
	}
	second := runGet(t, getOpts{actionRef: "v1.2.3", toolCache: cache, releases: srv.URL})
	if second.code != 0 || second.outputs["path"] != first.outputs["path"] {
		t.Fatalf("second run: exit %d, path %q, want %q\n%s%s", second.code, second.outputs["path"], first.outputs["path"], second.log, second.stderr)
	}
	if n := srv.count(); n != 2 {
		t.Errorf("%d requests after the second run, want still 2: the tool cache should have served it", n)
	}
	if !strings.Contains(second.log, "from the tool cache") {
		t.Errorf("the second run does not say it used the tool cache:\n%s", second.log)
	}
	// A folder left without its marker (a job stopped while unpacking) is
	// not trusted: it is downloaded again.
	if err := os.Remove(toolDir(cache, "1.2.3") + ".complete"); err != nil {
		t.Fatal(err)
	}
	third := runGet(t, getOpts{actionRef: "v1.2.3", toolCache: cache, releases: srv.URL})
	if third.code != 0 || srv.count() != 4 {
		t.Errorf("without the marker: exit %d, %d requests, want a new download (4)\n%s%s", third.code, srv.count(), third.log, third.stderr)
	}
}

// TestGetReleaseOfTheMajorTag: @v1, a moving tag, takes the first release
// its CHANGELOG.md names when the major matches; another major is not
// taken for it, and is built from source — here with no go on the PATH,
// which fails and says what to do.
func TestGetReleaseOfTheMajorTag(t *testing.T) {
	t.Parallel()
	srv := serveReleases(t)
	action := t.TempDir()
	changelog := "# Changelog\n\n## [Unreleased]\n\n- next\n\n## [1.2.3] - 2027-01-10\n\n- a fix\n\n## [1.2.2] - 2027-01-01\n\n- first\n"
	if err := os.WriteFile(filepath.Join(action, "CHANGELOG.md"), []byte(changelog), 0o644); err != nil {
		t.Fatal(err)
	}
	r := runGet(t, getOpts{actionRef: "v1", actionPath: action, releases: srv.URL})
	if r.code != 0 || filepath.Dir(r.outputs["path"]) != toolDir(r.toolCache, "1.2.3") {
		t.Fatalf("ref v1: exit %d, path %q, want v1.2.3 from the tool cache\n%s%s", r.code, r.outputs["path"], r.log, r.stderr)
	}
	noGo := getOpts{actionRef: "v2", actionPath: action, releases: srv.URL, path: pathWithoutGo(t)}
	msg := errorOf(t, runGet(t, noGo))
	for _, w := range []string{"no release matches the action's ref (v2)", "no go on its PATH", "with: version: 1.2.3"} {
		if !strings.Contains(msg, w) {
			t.Errorf("ref v2 without go: error %q lacks %q", msg, w)
		}
	}
	noGo.lang = "fr"
	if fr := errorOf(t, runGet(t, noGo)); !strings.Contains(fr, "n'a pas de go dans son PATH") || frenchcheck.Faults(fr) != nil {
		t.Errorf("ref v2 without go, in French: %q %v", fr, frenchcheck.Faults(fr))
	}
	if n := srv.count(); n != 2 {
		t.Errorf("%d requests, want 2: v2 must not download v1's release", n)
	}

	// A release the changelog names but the server does not have (not
	// published yet) is a warning, then the build from source — here, the
	// error for no go.
	unpublished := t.TempDir()
	if err := os.WriteFile(filepath.Join(unpublished, "CHANGELOG.md"), []byte("## [1.2.5] - 2027-02-01\n\n- next\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r = runGet(t, getOpts{actionRef: "v1", actionPath: unpublished, releases: srv.URL, path: pathWithoutGo(t)})
	ann := annotationsOf(r.cmds)
	if r.code == 0 || len(ann) != 2 || ann[0].name != "warning" || !strings.Contains(ann[0].data, "CHANGELOG.md names release v1.2.5, but "+srv.URL+"/v1.2.5/"+archiveName("1.2.5")+" answered HTTP 404: building passation from source instead.") ||
		ann[1].name != "error" || !strings.Contains(ann[1].data, "no go on its PATH") {
		t.Errorf("v1 whose changelog names an unpublished 1.2.5: exit %d, annotations %+v", r.code, ann)
	}
}

// pathWithoutGo is PATH less every folder that holds a go command.
func pathWithoutGo(t *testing.T) string {
	t.Helper()
	var keep []string
	for _, dir := range filepath.SplitList(os.Getenv("PATH")) {
		if _, err := os.Stat(filepath.Join(dir, "go")); err == nil {
			continue
		}
		keep = append(keep, dir)
	}
	path := strings.Join(keep, string(os.PathListSeparator))
	for _, tool := range []string{"awk", "curl", "tar", "mktemp"} {
		found := false
		for _, dir := range keep {
			if _, err := os.Stat(filepath.Join(dir, tool)); err == nil {
				found = true
			}
		}
		if !found {
			t.Skipf("%s is in the same folder as go, so go cannot be hidden from the step", tool)
		}
	}
	return path
}

// TestGetReleaseErrors: an archive that does not match checksums.txt, a
// version that was never released and a version that is not one fail
// the step with an error that says what was expected and where it looked,
// and install nothing.
func TestGetReleaseErrors(t *testing.T) {
	t.Parallel()
	srv := serveReleases(t)
	archive := srv.files["/v1.2.4/"+archiveName("1.2.4")]
	for _, c := range []struct {
		opts getOpts
		want []string
	}{
		{getOpts{version: "1.2.4"}, []string{
			"checksum mismatch for " + archiveName("1.2.4"),
			"expected SHA-256 " + sha256hex(append([]byte("altered"), archive...)) + " (from " + srv.URL + "/v1.2.4/checksums.txt)",
			"got " + sha256hex(archive) + " (from " + srv.URL + "/v1.2.4/" + archiveName("1.2.4") + ")",
			"nothing was installed",
		}},
		{getOpts{version: "9.9.9"}, []string{
			"passation v9.9.9 (input version 9.9.9) has no release archive " + archiveName("9.9.9"),
			srv.URL + "/v9.9.9/" + archiveName("9.9.9") + " answered HTTP 404",
			"Pin a released version with version: (see https://github.com/passation/passation/releases)",
		}},
		{getOpts{actionRef: "v9.9.9"}, []string{"(the action's ref v9.9.9)", "answered HTTP 404"}},
		{getOpts{version: "1.2.3", releases: "http://127.0.0.1:1"}, []string{
			"passation v1.2.3: could not download http://127.0.0.1:1/v1.2.3/" + archiveName("1.2.3") + " (curl: ",
			"or set PASSATION_RELEASES_URL to a mirror",
		}},
		{getOpts{version: "latest"}, []string{`input version "latest" names no release: give one such as 1.2.3 or v1.2.3`}},
		// An input is data in the annotation, never a command of its own.
		{getOpts{version: "1.2.3\n::warning::injected %0A"}, []string{"input version \"1.2.3\n::warning::injected %0A\" names no release"}},
	} {
		if c.opts.releases == "" {
			c.opts.releases = srv.URL
		}
		r := runGet(t, c.opts)
		msg := errorOf(t, r)
		for _, w := range c.want {
			if !strings.Contains(msg, w) {
				t.Errorf("%+v: error %q lacks %q", c.opts, msg, w)
			}
		}
		if r.outputs["path"] != "" {
			t.Errorf("%+v: path output %q after a failure", c.opts, r.outputs["path"])
		}
		if entries, _ := os.ReadDir(r.toolCache); len(entries) != 0 {
			t.Errorf("%+v: the tool cache holds %v after a failure", c.opts, entries)
		}
		// With lang: fr, the same error in French, with its typography.
		c.opts.lang = "fr"
		fr := errorOf(t, runGet(t, c.opts))
		if fr == msg || frenchcheck.Faults(fr) != nil {
			t.Errorf("%+v: French error %q (English %q): %v", c.opts, fr, msg, frenchcheck.Faults(fr))
		}
	}
}

// nextSteps is the environment the runner gives the steps after r, from
// the job's: GITHUB_ENV's variables set, GITHUB_PATH's folders put first.
func (r *getRun) nextSteps(t *testing.T, job map[string]string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for k, v := range job {
		out[k] = v
	}
	envFile := filepath.Join(t.TempDir(), "env")
	if err := os.WriteFile(envFile, []byte(r.githubEnv), 0o644); err != nil {
		t.Fatal(err)
	}
	for k, v := range parseOutputs(t, envFile) { // the same two forms as GITHUB_OUTPUT
		out[k] = v
	}
	lines := strings.Fields(r.githubPath)
	for i := len(lines) - 1; i >= 0; i-- {
		out["PATH"] = lines[i] + string(os.PathListSeparator) + out["PATH"]
	}
	return out
}

// TestGetFromSource: at a branch (main) no release matches: passation is
// built from the action's source with the Go on the runner, and the job is
// left as found — nothing in GITHUB_PATH or GITHUB_ENV (so PATH and
// GOTOOLCHAIN are unchanged for later steps), no problem matcher, every Go
// cache under RUNNER_TEMP.
func TestGetFromSource(t *testing.T) {
	t.Parallel()
	temp, bin := built(t)
	r := sourceRun
	if r.githubPath != "" || r.githubEnv != "" {
		t.Errorf("GITHUB_PATH %q, GITHUB_ENV %q: want both empty", r.githubPath, r.githubEnv)
	}
	// What the runner gives the next steps, from the job's environment and
	// those two files: the PATH and GOTOOLCHAIN the job had (the step's own
	// GOTOOLCHAIN=auto stays in the step).
	job := map[string]string{"PATH": "/opt/job/bin:/usr/bin", "GOTOOLCHAIN": "local"}
	if after := r.nextSteps(t, job); fmt.Sprint(after) != fmt.Sprint(job) {
		t.Errorf("after the step, the job's environment is %v, want %v as before", after, job)
	}
	for _, c := range r.cmds {
		t.Errorf("the step gave the runner a command: %+v", c)
	}
	if strings.Contains(r.log, "add-matcher") {
		t.Errorf("the log registers a problem matcher:\n%s", r.log)
	}
	if !strings.Contains(r.log, "No release matches the action's ref (main): building passation from") {
		t.Errorf("the log does not say why it builds from source:\n%s", r.log)
	}
	if !strings.HasPrefix(bin, filepath.Join(temp, "passation-build")+string(filepath.Separator)) {
		t.Errorf("binary %s, want it under RUNNER_TEMP/passation-build", bin)
	}
	for _, d := range []string{"cache", "mod"} {
		if entries, err := os.ReadDir(filepath.Join(temp, "passation-build", d)); err != nil || len(entries) == 0 {
			t.Errorf("RUNNER_TEMP/passation-build/%s is empty (%v): the build did not use its own caches", d, err)
		}
	}
	if entries, err := os.ReadDir(r.toolCache); err != nil || len(entries) != 0 {
		t.Errorf("a build from source wrote to the tool cache: %v %v", entries, err)
	}
}

// BenchmarkActionReleasePath times what the action does before passation
// checks anything, on the release path: download of the archive and
// checksums.txt from 127.0.0.1, verification, unpacking into a new tool
// cache, and the first start of the binary (passation version). The
// README's figure comes from it; over 5 s a run fails it.
func BenchmarkActionReleasePath(b *testing.B) {
	srv := serveReleases(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		r := runGet(b, getOpts{version: "1.2.3", releases: srv.URL})
		if r.code != 0 {
			b.Fatalf("exit %d\n%s%s", r.code, r.log, r.stderr)
		}
		versionOf(b, r.outputs["path"])
		if d := time.Since(start); d > 5*time.Second {
			b.Errorf("download, verify, unpack and start took %v, over 5 s", d)
		}
	}
}
