package audit

import (
	"context"
	"errors"
	"io"
	"net"
	"strings"
	"syscall"

	"github.com/passation/passation/internal/i18n"
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

// what explains each kind in a few words, before the underlying error, in
// English (the report's Message) and in French (Failure.In).
var what = i18n.Text{
	FailUnreachable: {"host unreachable", "hôte injoignable"},
	FailAuth:        {"authentication refused or required", "authentification refusée ou requise"},
	FailNotFound:    {"repository not found (or not visible with the credentials given)", "dépôt introuvable ou invisible avec les identifiants fournis"},
	FailTimeout:     {"timed out", "délai dépassé"},
	FailCorrupt:     {"corrupt repository or pack", "dépôt ou pack corrompu"},
	FailConnection:  {"connection lost during the transfer", "connexion perdue pendant le transfert"},
	FailRef:         {"ref not found", "branche, étiquette ou commit introuvable"},
	FailEmpty:       {"empty repository", "dépôt vide"},
	FailLocal:       {"not a readable git repository", "pas un dépôt git lisible"},
	FailOther:       {"could not be audited", "audit impossible"},
}

// noAnswer replaces go-git's words when the time ran out.
const noAnswer = "no answer within the time allowed (--timeout)"

// What is the failure's kind in a few words, in lang.
func (f *Failure) What(lang string) string { return what.In(lang, f.Kind) }

// Detail is what the server or go-git said, after passation's words: their
// own words, in English whatever the language, quoted as they are.
func (f *Failure) Detail() string {
	d, ok := strings.CutPrefix(f.Message, what.In("en", f.Kind)+": ")
	if !ok || d == noAnswer {
		return ""
	}
	return d
}

// classify turns an error of a fetch or a check into a Failure, with a
// message that starts with what happened and ends with go-git's words.
func classify(err error, secrets []string) *Failure {
	kind := kindOf(err)
	msg := err.Error()
	if kind == FailTimeout {
		msg = noAnswer
	}
	en := what.In("en", kind)
	full := en + ": " + msg
	if strings.Contains(en, msg) {
		full = en // go-git's words would only repeat it
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
