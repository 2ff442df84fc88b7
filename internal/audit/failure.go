package audit

import (
	"context"
	"errors"
	"io"
	"net"
	"strings"
	"syscall"

	"github.com/passation/passation/internal/safetext"
	"github.com/passation/passation/internal/source"
)

// Failure kinds: why a repository could not be audited. They are stable
// identifiers, in every output.
const (
	FailUnreachable = "unreachable"   // no answer from the host: DNS, refused, network down
	FailAuth        = "auth"          // credentials missing or refused
	FailNotFound    = "not-found"     // the host has no such repository (or hides it)
	FailTimeout     = "timeout"       // the per-repository time ran out
	FailCorrupt     = "corrupt"       // the pack or the repository is damaged
	FailConnection  = "connection"    // the connection broke during the transfer
	FailRef         = "ref-not-found" // no such branch, tag or commit
	FailEmpty       = "empty"         // the repository has no commit
	FailLocal       = "local"         // a local path that is not a readable repository
	FailOther       = "error"
)

// Failure says why a repository could not be audited. Message never holds
// a credential.
type Failure struct {
	Kind    string `json:"kind"`
	Message string `json:"message"`
}

// what explains each kind in a few words, before the underlying error.
var what = map[string]string{
	FailUnreachable: "host unreachable",
	FailAuth:        "authentication refused or required",
	FailNotFound:    "repository not found (or not visible with the credentials given)",
	FailTimeout:     "timed out",
	FailCorrupt:     "corrupt repository or pack",
	FailConnection:  "connection lost during the transfer",
	FailRef:         "ref not found",
	FailEmpty:       "empty repository",
	FailLocal:       "not a readable git repository",
	FailOther:       "could not be audited",
}

// classify turns an error of a fetch or a check into a Failure, with a
// message that starts with what happened and ends with go-git's words.
func classify(err error, secrets []string) *Failure {
	kind := kindOf(err)
	msg := err.Error()
	if kind == FailTimeout {
		msg = "no answer within the time allowed (--timeout)"
	}
	full := what[kind] + ": " + msg
	if strings.Contains(what[kind], msg) {
		full = what[kind] // go-git's words would only repeat it
	}
	// The message quotes the server (an HTTP body of up to 64 KiB, NUL
	// bytes, escape codes, a newline and "::error::"): one short line of
	// printable text that starts with passation's words, so it can never be
	// a workflow command in a CI log. Redacted first: a cut must not split
	// a token.
	return &Failure{Kind: kind, Message: safetext.Server(Redact(full, secrets), maxMessage)}
}

func kindOf(err error) string {
	var ne net.Error
	var dns *net.DNSError
	var op *net.OpError
	s := strings.ToLower(err.Error())
	switch {
	case errors.Is(err, context.DeadlineExceeded) || errors.Is(err, errTimeout):
		return FailTimeout
	case errors.Is(err, source.ErrUnknownRef):
		return FailRef
	case source.Refusal(err) == "auth":
		return FailAuth
	case strings.Contains(s, "ssh_auth_sock"), strings.Contains(s, "unable to authenticate"),
		strings.Contains(s, "knownhosts"), strings.Contains(s, "ssh: handshake failed"):
		// SSH: no agent, no key the server accepts, or an unknown host key.
		return FailAuth
	case source.Refusal(err) == "not-found":
		return FailNotFound
	case source.Refusal(err) == "empty":
		return FailEmpty
	case errors.Is(err, source.ErrNotRepository):
		return FailLocal
	case errors.As(err, &dns), errors.Is(err, syscall.ECONNREFUSED), errors.Is(err, syscall.EHOSTUNREACH),
		errors.Is(err, syscall.ENETUNREACH), errors.As(err, &op) && op.Op == "dial":
		return FailUnreachable
	case source.BadPack(err), source.ObjectMissing(err),
		strings.Contains(s, "checksum"), strings.Contains(s, "zlib"), strings.Contains(s, "corrupt"),
		strings.Contains(s, "malformed"), strings.Contains(s, "bad object"), strings.Contains(s, "object not found"):
		return FailCorrupt
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF), errors.Is(err, syscall.ECONNRESET),
		errors.Is(err, syscall.EPIPE), errors.As(err, &ne), strings.Contains(s, "connection reset"),
		strings.Contains(s, "unexpected eof"), strings.Contains(s, "broken pipe"):
		return FailConnection
	case strings.Contains(s, "repository not found"), strings.Contains(s, "not exported"),
		strings.Contains(s, "does not appear to be a git repository"):
		return FailNotFound
	}
	return FailOther
}

// maxMessage bounds a failure's message, in bytes: enough for go-git's words
// and the start of the server's.
const maxMessage = 300

// errTimeout marks a repository abandoned at its deadline.
var errTimeout = errors.New("timed out")
