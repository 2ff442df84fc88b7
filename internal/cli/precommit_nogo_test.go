package cli

import (
	"archive/tar"
	"compress/gzip"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"io"
	"io/fs"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/passation/passation/internal/testrepo"
)

// TestPreCommitInstallsGo: on a machine without Go, pre-commit (3.0 or
// later) installs Go itself for the golang hook and then builds and runs
// it. Go is hidden from the PATH; go.dev and dl.google.com are served from
// 127.0.0.1 through an HTTPS proxy, under a throwaway certificate
// authority, with this machine's Go as the "release" (so the test needs no
// internet). The test fails if pre-commit used a Go of its own finding: the
// version list and the archive must both have been fetched.
//
// Duration, measured on 2 cores: 30–55 s with a warm build cache, two
// try-repo runs of 13–30 s each (try-repo installs into a store of its own,
// so Go twice): the archive (66 MB, fastest gzip, 2–3 s), Python's tarfile
// unpacking it, then `go install`, whose standard library comes from the
// build cache. With a cold build cache the first run compiles the standard
// library too: about 80 s in all.
func TestPreCommitInstallsGo(t *testing.T) {
	testrepo.EndToEnd(t, "the pre-commit framework installing Go")
	if _, err := exec.LookPath("pre-commit"); err != nil {
		t.Skip("pre-commit is not installed (apt-get install pre-commit; .ci/run does): skipping the end-to-end test of .pre-commit-hooks.yaml without Go")
	}
	goEnv := func(name string) string {
		t.Helper()
		out, err := exec.Command("go", "env", name).Output()
		if err != nil {
			t.Fatalf("go env %s: %v", name, err)
		}
		return strings.TrimSpace(string(out))
	}
	goVersion, goroot, modcache := goEnv("GOVERSION"), goEnv("GOROOT"), goEnv("GOMODCACHE")
	noProxy := moduleHosts(goEnv("GOPROXY"), goEnv("GOSUMDB"))

	tmp := t.TempDir()
	src := cloneProject(t, tmp)

	// The PATH of a machine without Go: every folder that holds a go
	// executable is dropped; git, Python and pre-commit stay.
	hidden := pathWithout(os.Getenv("PATH"), "go")
	t.Setenv("PATH", hidden)
	if p, err := exec.LookPath("go"); err == nil {
		t.Fatalf("go is still found on the hidden PATH: %s", p)
	}
	for _, exe := range []string{"git", "python3", "pre-commit"} {
		if _, err := exec.LookPath(exe); err != nil {
			t.Fatalf("hiding Go took %s off the PATH too: %v", exe, err)
		}
	}

	caPEM, leaf := throwawayCA(t, "go.dev", "dl.google.com")
	// The CA, then the machine's roots: SSL_CERT_FILE replaces OpenSSL's
	// default file (Python) and Go's too, should go reach a real host.
	if system, err := os.ReadFile("/etc/ssl/certs/ca-certificates.crt"); err == nil {
		caPEM = append(caPEM, system...)
	}
	caFile := filepath.Join(tmp, "ca.pem")
	if err := os.WriteFile(caFile, caPEM, 0o600); err != nil {
		t.Fatal(err)
	}

	var mu sync.Mutex
	served := map[string]int{}
	count := func(what string) {
		mu.Lock()
		defer mu.Unlock()
		served[what]++
	}
	snapshot := func() map[string]int {
		mu.Lock()
		defer mu.Unlock()
		m := map[string]int{}
		for k, v := range served {
			m[k] = v
		}
		return m
	}
	release := strings.TrimPrefix(goVersion, "go")
	archive := fmt.Sprintf("/go/go%s.linux-%s.tar.gz", release, runtime.GOARCH)
	origin := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		host := strings.TrimSuffix(r.Host, ":443")
		switch {
		case host == "go.dev" && r.URL.Path == "/dl/" && r.URL.Query().Get("mode") == "json":
			count("version list")
			w.Header().Set("Content-Type", "application/json")
			fmt.Fprintf(w, `[{"version":%q,"stable":true,"files":[]}]`, goVersion)
		case host == "dl.google.com" && r.URL.Path == archive:
			count("archive")
			w.Header().Set("Content-Type", "application/gzip")
			began, cw := time.Now(), &countingWriter{w: w}
			if err := writeGoArchive(cw, goroot); err != nil {
				t.Errorf("serving %s: %v", archive, err)
			}
			t.Logf("served %s: %d MB in %s", archive, cw.n>>20, time.Since(began).Round(time.Millisecond))
		default:
			count("unexpected https://" + host + r.URL.RequestURI())
			http.NotFound(w, r)
		}
	}))
	origin.TLS = &tls.Config{Certificates: []tls.Certificate{leaf}}
	origin.StartTLS()
	defer origin.Close()
	proxy := httptest.NewServer(tunnelTo(origin.Listener.Addr().String(), count, "go.dev:443", "dl.google.com:443"))
	defer proxy.Close()

	home := filepath.Join(tmp, "pre-commit-home")
	var env []string
	for _, kv := range testrepo.Env() {
		name, _, _ := strings.Cut(kv, "=")
		switch strings.ToUpper(name) {
		case "PATH", "GOROOT", "GOBIN", "GOPATH", "GOTOOLCHAIN", "GOFLAGS", "HTTP_PROXY", "HTTPS_PROXY",
			"ALL_PROXY", "NO_PROXY", "SSL_CERT_FILE", "SSL_CERT_DIR", "PRE_COMMIT_HOME":
			continue
		}
		env = append(env, kv)
	}
	env = append(env,
		"PATH="+hidden,
		"HTTPS_PROXY="+proxy.URL, "https_proxy="+proxy.URL,
		// The module proxy and checksum database stay direct (the
		// machine reaches them; nothing else).
		"NO_PROXY="+noProxy, "no_proxy="+noProxy,
		"SSL_CERT_FILE="+caFile,
		"PRE_COMMIT_HOME="+home, // nothing written to the user's cache

		"GOMODCACHE="+modcache,
		"GOTOOLCHAIN=local", // the Go installed must build, not fetch another
		"GOFLAGS=-buildvcs=false",
		"NO_COLOR=1", "PRE_COMMIT_COLOR=never",
	)
	preCommit := func(dir string, args ...string) (string, int) {
		t.Helper()
		return runPreCommit(t, dir, env, args...)
	}

	fx := testrepo.New(t).CommitFiles(coreFiles)
	start := time.Now()
	out, code := preCommit(fx.Dir, "try-repo", src, "passation", "--all-files")
	t.Logf("try-repo, installing Go, building and running the hook: %s", time.Since(start).Round(time.Millisecond))
	got := snapshot()
	if got["version list"] != 1 || got["archive"] != 1 || len(got) != 2 {
		t.Fatalf("served through the proxy: %v, want the version list and the archive once each (did pre-commit find a Go of its own?)\n%s", got, out)
	}
	if code != 1 || !strings.Contains(out, "install-guide") || !strings.Contains(out, "Failed") {
		t.Fatalf("try-repo with INSTALL.md missing: exit %d, want 1 naming install-guide:\n%s", code, out)
	}
	fx.Write(map[string]string{"INSTALL.md": install}).Git("add", "INSTALL.md")
	// try-repo installs into a store of its own, deleted when it ends:
	// Go is fetched again.
	out, code = preCommit(fx.Dir, "try-repo", src, "passation", "--all-files")
	if got := snapshot(); got["version list"] != 2 || got["archive"] != 2 || len(got) != 2 {
		t.Fatalf("served through the proxy after the second try-repo: %v, want the version list and the archive twice each\n%s", got, out)
	}
	if code != 0 || !strings.Contains(out, "Passed") {
		t.Fatalf("try-repo with INSTALL.md staged: exit %d, want 0:\n%s", code, out)
	}
}

// pathWithout is list (a PATH) without the folders that hold an executable
// named exe.
func pathWithout(list, exe string) string {
	var kept []string
	for _, dir := range filepath.SplitList(list) {
		if fi, err := os.Stat(filepath.Join(dir, exe)); err == nil && !fi.IsDir() && fi.Mode()&0o111 != 0 {
			continue
		}
		kept = append(kept, dir)
	}
	return strings.Join(kept, string(os.PathListSeparator))
}

// moduleHosts lists, for NO_PROXY, the hosts of a GOPROXY list and of
// GOSUMDB ("name" or "name URL").
func moduleHosts(goproxy, gosumdb string) string {
	var hosts []string
	for _, p := range strings.FieldsFunc(goproxy, func(r rune) bool { return r == ',' || r == '|' }) {
		if u, err := url.Parse(p); err == nil && u.Hostname() != "" {
			hosts = append(hosts, u.Hostname())
		}
	}
	if f := strings.Fields(gosumdb); len(f) > 0 && f[0] != "off" {
		name := strings.TrimSuffix(f[0], "+")
		if i := strings.IndexByte(name, '+'); i >= 0 {
			name = name[:i]
		}
		hosts = append(hosts, name)
		if len(f) > 1 {
			if u, err := url.Parse(f[1]); err == nil && u.Hostname() != "" {
				hosts = append(hosts, u.Hostname())
			}
		}
	}
	return strings.Join(hosts, ",")
}

// throwawayCA makes a certificate authority for this test alone and a
// server certificate it signs for hosts: the CA's PEM and the server's pair.
func throwawayCA(t *testing.T, hosts ...string) ([]byte, tls.Certificate) {
	t.Helper()
	now := time.Now()
	caKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	caTmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "passation test CA"},
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.Add(24 * time.Hour),
		IsCA:                  true,
		BasicConstraintsValid: true,
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageDigitalSignature,
	}
	caDER, err := x509.CreateCertificate(rand.Reader, caTmpl, caTmpl, &caKey.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	caCert, err := x509.ParseCertificate(caDER)
	if err != nil {
		t.Fatal(err)
	}
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(2),
		Subject:      pkix.Name{CommonName: hosts[0]},
		DNSNames:     hosts,
		NotBefore:    now.Add(-time.Hour),
		NotAfter:     now.Add(24 * time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, caCert, &key.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: caDER}),
		tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}
}

// tunnelTo is an HTTPS proxy (CONNECT) that takes the hosts given to
// origin and refuses any other, so that nothing reaches the internet
// unseen; what it refuses is counted.
func tunnelTo(origin string, count func(string), hosts ...string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodConnect {
			count("unexpected " + r.Method + " " + r.URL.String())
			http.Error(w, "CONNECT only", http.StatusMethodNotAllowed)
			return
		}
		ok := false
		for _, h := range hosts {
			ok = ok || r.Host == h
		}
		if !ok {
			count("refused CONNECT " + r.Host)
			http.Error(w, "this test's proxy serves "+strings.Join(hosts, " and ")+" only", http.StatusForbidden)
			return
		}
		upstream, err := net.DialTimeout("tcp", origin, 10*time.Second)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		defer upstream.Close()
		conn, buf, err := w.(http.Hijacker).Hijack()
		if err != nil {
			return
		}
		defer conn.Close()
		if _, err := io.WriteString(conn, "HTTP/1.1 200 Connection established\r\n\r\n"); err != nil {
			return
		}
		go func() {
			_, _ = io.Copy(upstream, buf) // what the client already sent, then the rest
			_ = upstream.(*net.TCPConn).CloseWrite()
		}()
		_, _ = io.Copy(conn, upstream)
	})
}

// writeGoArchive writes goroot as a Go release archive does (a tar.gz with
// everything under go/), leaving out what building a module does not read:
// the toolchain's own tests (test/, testdata folders). Fastest gzip: the
// archive only crosses the loopback.
func writeGoArchive(w io.Writer, goroot string) error {
	gz, err := gzip.NewWriterLevel(w, gzip.BestSpeed)
	if err != nil {
		return err
	}
	tw := tar.NewWriter(gz)
	err = filepath.WalkDir(goroot, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(goroot, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if d.IsDir() && (rel == "test" || d.Name() == "testdata") {
			return filepath.SkipDir
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		hdr, err := tar.FileInfoHeader(info, "")
		if err != nil {
			return err
		}
		hdr.Name = path.Join("go", rel)
		if d.IsDir() {
			hdr.Name += "/"
		}
		if err := tw.WriteHeader(hdr); err != nil {
			return err
		}
		if !info.Mode().IsRegular() {
			return nil
		}
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		_, err = io.Copy(tw, f)
		return err
	})
	if err != nil {
		return err
	}
	if err := tw.Close(); err != nil {
		return err
	}
	return gz.Close()
}

// countingWriter counts the bytes written through it.
type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}
