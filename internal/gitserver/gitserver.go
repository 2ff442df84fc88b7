// Package gitserver starts real git servers on 127.0.0.1 for tests: git
// daemon (git://) and smart HTTP through git http-backend, optionally behind
// a token, serving bare repositories from a folder. It also makes those
// repositories, and a TCP relay that can cut a transfer in the middle.
package gitserver

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/cgi"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/passation/passation/internal/testrepo"
)

// Root is a folder of bare repositories, served by the servers below.
type Root struct {
	t   testing.TB
	Dir string
}

// NewRoot makes an empty folder of repositories.
func NewRoot(t testing.TB) *Root {
	return &Root{t: t, Dir: t.TempDir()}
}

// Add publishes files as one commit of a new bare repository name.git
// (branch main), and returns the work repository it was pushed from, for
// later commits and tags (Publish pushes them).
func (r *Root) Add(name string, files map[string]string) *testrepo.Repo {
	r.t.Helper()
	w := testrepo.New(r.t)
	w.CommitFiles(files)
	bare := filepath.Join(r.Dir, name+".git")
	run(r.t, "", "git", "init", "-q", "--bare", "-b", "main", bare)
	w.Git("remote", "add", "origin", bare)
	w.Git("push", "-q", "origin", "main")
	return w
}

// Publish pushes main and the tags of w, a work repository returned by Add,
// to its bare repository.
func (r *Root) Publish(w *testrepo.Repo) {
	r.t.Helper()
	w.Git("push", "-q", "--tags", "origin", "main")
}

// Path is the bare repository name.git on disk.
func (r *Root) Path(name string) string { return filepath.Join(r.Dir, name+".git") }

func run(t testing.TB, dir, name string, args ...string) {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = testrepo.Env()
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
}

// FreePort returns a TCP port of 127.0.0.1 that nothing listens on now.
func FreePort(t testing.TB) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// Daemon is a running git daemon.
type Daemon struct {
	// URL is git://127.0.0.1:PORT/ : append "name.git".
	URL  string
	Addr string
	cmd  *exec.Cmd
}

// StartDaemon runs git daemon on a free port of 127.0.0.1, exporting every
// repository of root, until the test ends.
func StartDaemon(t testing.TB, root *Root) *Daemon {
	t.Helper()
	for attempt := 0; ; attempt++ {
		port := FreePort(t)
		cmd := exec.Command("git", "daemon", "--reuseaddr", "--export-all", "--informative-errors",
			"--base-path="+root.Dir, "--listen=127.0.0.1", fmt.Sprintf("--port=%d", port), root.Dir)
		cmd.Env = testrepo.Env()
		cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true} // Kill stops its children too
		if err := cmd.Start(); err != nil {
			t.Fatalf("git daemon: %v", err)
		}
		d := &Daemon{URL: fmt.Sprintf("git://127.0.0.1:%d/", port), Addr: fmt.Sprintf("127.0.0.1:%d", port), cmd: cmd}
		t.Cleanup(d.Kill)
		if waitListening(d.Addr, 10*time.Second) {
			return d
		}
		d.Kill()
		if attempt == 2 {
			t.Fatalf("git daemon did not listen on %s", d.Addr)
		}
	}
}

// Kill stops the daemon and the upload-pack processes it started.
func (d *Daemon) Kill() {
	if d.cmd.Process == nil || d.cmd.ProcessState != nil {
		return
	}
	_ = syscall.Kill(-d.cmd.Process.Pid, syscall.SIGKILL)
	_ = d.cmd.Wait()
}

func waitListening(addr string, limit time.Duration) bool {
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		if c, err := net.DialTimeout("tcp", addr, 200*time.Millisecond); err == nil {
			c.Close()
			return true
		}
		time.Sleep(20 * time.Millisecond)
	}
	return false
}

// HTTPOptions tune StartHTTP. The zero value serves every repository to
// anyone.
type HTTPOptions struct {
	// Token, when set, is required as the password of HTTP basic auth.
	Token string
	// Seen, when set, receives each request's Authorization header.
	Seen func(auth string)
	// Refuse, when set, is the message of a git protocol error ("ERR"
	// pkt-line, up to 65,516 bytes) given to every request instead of the
	// repositories: a broken or hostile server whose words reach the client.
	Refuse string
}

// StartHTTP serves root over smart HTTP (git http-backend through
// net/http/cgi) on an httptest server of 127.0.0.1, until the test ends.
// The returned URL ends with "/": append "name.git".
func StartHTTP(t testing.TB, root *Root, o HTTPOptions) string {
	t.Helper()
	backend, err := exec.Command("git", "--exec-path").Output()
	if err != nil {
		t.Fatalf("git --exec-path: %v", err)
	}
	h := &cgi.Handler{
		Path:   filepath.Join(strings.TrimSpace(string(backend)), "git-http-backend"),
		Stderr: io.Discard,
		Env:    []string{"GIT_PROJECT_ROOT=" + root.Dir, "GIT_HTTP_EXPORT_ALL=1", "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_SYSTEM=/dev/null"},
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if o.Seen != nil {
			o.Seen(r.Header.Get("Authorization"))
		}
		if o.Token != "" {
			if _, pass, ok := r.BasicAuth(); !ok || pass != o.Token {
				w.Header().Set("WWW-Authenticate", `Basic realm="git"`)
				http.Error(w, "authentication required", http.StatusUnauthorized)
				return
			}
		}
		if o.Refuse != "" {
			msg := o.Refuse
			if len(msg) > 65516-4 {
				msg = msg[:65516-4]
			}
			w.Header().Set("Content-Type", "application/x-"+r.URL.Query().Get("service")+"-advertisement")
			fmt.Fprintf(w, "%04xERR %s", len(msg)+8, msg)
			return
		}
		h.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv.URL + "/"
}

// Relay is a TCP relay in front of a server: it forwards bytes both ways
// and, once the server has sent CutAfter bytes on one connection, calls
// OnCut and closes that connection: a server that dies mid-transfer.
type Relay struct {
	Addr     string
	CutAfter int64
	OnCut    func()
	// Corrupt, when > 0, flips the byte at that offset of the server's
	// answer on each connection, leaving the rest intact.
	Corrupt int64
	l       net.Listener
	target  string
	cuts    atomic.Int32
	wg      sync.WaitGroup
}

// StartRelay listens on a free port of 127.0.0.1 and relays to target.
func StartRelay(t testing.TB, target string, r *Relay) *Relay {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	r.l, r.target, r.Addr = l, target, l.Addr().String()
	go r.serve()
	t.Cleanup(func() { l.Close(); r.wg.Wait() })
	return r
}

// Cuts says how many connections were cut.
func (r *Relay) Cuts() int { return int(r.cuts.Load()) }

func (r *Relay) serve() {
	for {
		c, err := r.l.Accept()
		if err != nil {
			return
		}
		r.wg.Add(1)
		go func() {
			defer r.wg.Done()
			r.relay(c)
		}()
	}
}

func (r *Relay) relay(client net.Conn) {
	defer client.Close()
	server, err := net.Dial("tcp", r.target)
	if err != nil {
		return
	}
	defer server.Close()
	go func() { _, _ = io.Copy(server, client) }()
	rd := bufio.NewReader(server)
	buf := make([]byte, 4096)
	var sent int64
	for {
		n, err := rd.Read(buf)
		if n > 0 {
			chunk := buf[:n]
			if r.Corrupt > 0 && sent <= r.Corrupt && r.Corrupt < sent+int64(n) {
				chunk[r.Corrupt-sent] ^= 0xff
			}
			if r.CutAfter > 0 && sent+int64(n) >= r.CutAfter {
				_, _ = client.Write(chunk[:r.CutAfter-sent])
				r.cuts.Add(1)
				if r.OnCut != nil {
					r.OnCut()
				}
				return
			}
			if _, werr := client.Write(chunk); werr != nil {
				return
			}
			sent += int64(n)
		}
		if err != nil {
			return
		}
	}
}

// WriteBig adds a file of n pseudo-random (incompressible) bytes to w.
func WriteBig(t testing.TB, w *testrepo.Repo, name string, n int) {
	t.Helper()
	data := make([]byte, n)
	x := uint64(88172645463325252)
	for i := range data {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
		data[i] = byte(x)
	}
	if err := os.WriteFile(filepath.Join(w.Dir, name), data, 0o644); err != nil {
		t.Fatal(err)
	}
}
