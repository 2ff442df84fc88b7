package source

import (
	"context"
	"errors"
	"fmt"
	"os"
	"regexp"
	"sort"
	"strings"

	"github.com/go-git/go-billy/v5/osfs"
	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/config"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/cache"
	"github.com/go-git/go-git/v5/plumbing/transport"
	githttp "github.com/go-git/go-git/v5/plumbing/transport/http"
	"github.com/go-git/go-git/v5/storage/filesystem"
)

// targetRef is where the fetched commit is kept in a clone, whatever the
// remote called it.
const targetRef = "refs/passation/target"

// Clone is a repository brought from a server into a bare folder of this
// machine. Close it before the folder is removed.
type Clone struct {
	// Repo reads the clone like any other repository; reports call it by
	// the name given to Fetch, not by its folder.
	Repo *Repo
	// Commit is the hash of the fetched commit.
	Commit string
	// Ref is the remote ref that was fetched (refs/heads/main), or the
	// commit hash that was asked for.
	Ref string
	// How is "cloned", or "updated" when the folder held an earlier clone.
	How string
	st  *filesystem.Storage
}

// Close releases the pack files the clone keeps open.
func (c *Clone) Close() error { return c.st.Close() }

// FetchOptions tune one fetch.
type FetchOptions struct {
	// User and Token, when Token is set, authenticate over HTTP(S).
	User, Token string
	// LargeObject is the size above which a blob is streamed from disk
	// instead of being loaded whole in memory.
	LargeObject int64
	// History asks for what the history rules read: the commits (Depth of
	// them, 0 for all), the tags and the release branches.
	History bool
	Depth   int
}

// Fetch brings the commit that ref names on the remote into a bare
// repository at dir, creating it or updating it: only that one ref, only
// its last commit (depth 1), no tags and no work tree — unless the history
// rules need more (o.History). A full commit hash cannot be asked of a
// server by depth, so then it fetches the branches whole. name is what
// reports call the repository (the URL with its credential removed).
func Fetch(ctx context.Context, dir, name, remoteURL, ref string, o FetchOptions) (*Clone, error) {
	// Owner only: a clone of a private repository is as private as it.
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, err
	}
	// Pack files kept open: a history walk would otherwise reopen one for
	// every object.
	st := filesystem.NewStorageWithOptions(osfs.New(dir), cache.NewObjectLRU(8*cache.MiByte),
		filesystem.Options{LargeObjectThreshold: o.LargeObject, ExclusiveAccess: true, KeepDescriptors: true})
	c, err := fetchInto(ctx, st, remoteURL, ref, o)
	if err != nil {
		st.Close()
		return nil, err
	}
	c.Repo.Path, c.Repo.name = name, name
	return c, nil
}

func fetchInto(ctx context.Context, st *filesystem.Storage, remoteURL, ref string, o FetchOptions) (*Clone, error) {
	how := "updated"
	r, err := git.Open(st, nil)
	if errors.Is(err, git.ErrRepositoryNotExists) {
		how = "cloned"
		r, err = git.Init(st, nil)
	}
	if err != nil {
		return nil, fmt.Errorf("open: %w", err)
	}
	// The remote lives in memory only: its URL may carry a credential
	// (https://user:TOKEN@host/…), which must never be written to disk. An
	// older cache that stored it in config loses it here.
	if _, err := r.Remote("origin"); err == nil {
		if err := r.DeleteRemote("origin"); err != nil {
			return nil, fmt.Errorf("open: %w", err)
		}
	}
	var auth transport.AuthMethod
	if o.Token != "" {
		auth = &githttp.BasicAuth{Username: o.User, Password: o.Token}
	}
	remote := git.NewRemote(st, &config.RemoteConfig{Name: "origin", URLs: []string{remoteURL}})
	refs, err := remote.ListContext(ctx, &git.ListOptions{Auth: auth})
	if err != nil {
		return nil, err
	}
	var commit plumbing.Hash
	var fetchedRef string
	var specs []config.RefSpec
	depth, tags := 1, git.NoTags
	if o.History {
		depth, tags = o.Depth, git.AllTags
		specs = releaseBranches(refs)
	}
	if plumbing.IsHash(ref) && len(ref) == 40 {
		commit = plumbing.NewHash(ref)
		specs = []config.RefSpec{"+refs/heads/*:refs/remotes/origin/*"}
		depth = 0 // a server gives no commit by hash with a depth
		fetchedRef = ref
	} else {
		name, err := resolveRemote(refs, ref)
		if err != nil {
			return nil, err
		}
		fetchedRef = name.String()
		specs = append(specs, config.RefSpec("+"+name.String()+":"+targetRef))
	}
	err = remote.FetchContext(ctx, &git.FetchOptions{
		RefSpecs: specs, Depth: depth, Tags: tags, Auth: auth, Force: true,
	})
	if err != nil && !errors.Is(err, git.NoErrAlreadyUpToDate) {
		return nil, err
	}
	if commit.IsZero() {
		tr, err := r.Reference(targetRef, false)
		if err != nil {
			return nil, fmt.Errorf("after fetching %s: %w", fetchedRef, err)
		}
		commit = tr.Hash()
	}
	// An annotated tag points to a tag object: peel it to its commit.
	if tag, err := r.TagObject(commit); err == nil {
		c, err := tag.Commit()
		if err != nil {
			return nil, fmt.Errorf("tag %s: %w", fetchedRef, err)
		}
		commit = c.Hash
	}
	if _, err := r.CommitObject(commit); err != nil {
		if errors.Is(err, plumbing.ErrObjectNotFound) && plumbing.IsHash(ref) && len(ref) == 40 {
			return nil, &remoteRefError{fmt.Sprintf("commit %s is on no branch of the remote", ref)}
		}
		return nil, fmt.Errorf("read commit %s: %w", commit, err)
	}
	return &Clone{Repo: &Repo{git: r}, Commit: commit.String(), Ref: fetchedRef, How: how, st: st}, nil
}

// releaseBranch matches the branch names teams give to releases, as the
// history rules read them.
var releaseBranch = regexp.MustCompile(`^releases?[/_-]`)

// releaseBranches are refspecs for the remote's release-like branches: the
// release rule counts them as releases.
func releaseBranches(refs []*plumbing.Reference) []config.RefSpec {
	var out []config.RefSpec
	for _, r := range refs {
		if r.Name().IsBranch() && releaseBranch.MatchString(strings.ToLower(r.Name().Short())) {
			out = append(out, config.RefSpec("+"+r.Name().String()+":refs/remotes/origin/"+r.Name().Short()))
		}
	}
	return out
}

// remoteRefError: the remote has no such branch, tag or commit. It is an
// ErrUnknownRef, with words about the remote.
type remoteRefError struct{ msg string }

func (e *remoteRefError) Error() string { return e.msg }
func (e *remoteRefError) Unwrap() error { return ErrUnknownRef }

// resolveRemote finds the full name of ref among the remote's refs: ""
// is the remote's HEAD, a short name is a branch or else a tag.
func resolveRemote(refs []*plumbing.Reference, ref string) (plumbing.ReferenceName, error) {
	byName := map[plumbing.ReferenceName]*plumbing.Reference{}
	for _, r := range refs {
		byName[r.Name()] = r
	}
	if ref == "" || ref == "HEAD" {
		head, ok := byName[plumbing.HEAD]
		if !ok {
			return "", &remoteRefError{"the remote has no HEAD: give a ref (column ref)"}
		}
		if head.Type() == plumbing.SymbolicReference {
			if _, ok := byName[head.Target()]; ok {
				return head.Target(), nil
			}
		}
		// Without the symref capability, HEAD is a hash: take the branch
		// that has it, preferring main and master.
		var cands []string
		for _, r := range refs {
			if r.Name().IsBranch() && r.Type() == plumbing.HashReference && r.Hash() == head.Hash() {
				cands = append(cands, r.Name().String())
			}
		}
		sort.Slice(cands, func(i, j int) bool { return rank(cands[i]) < rank(cands[j]) })
		if len(cands) == 0 {
			return "", &remoteRefError{"the remote's HEAD is on no branch: give a ref (column ref)"}
		}
		return plumbing.ReferenceName(cands[0]), nil
	}
	for _, n := range []string{ref, "refs/heads/" + ref, "refs/tags/" + ref} {
		if _, ok := byName[plumbing.ReferenceName(n)]; ok && strings.HasPrefix(n, "refs/") {
			return plumbing.ReferenceName(n), nil
		}
	}
	var branches, tags []string
	for _, r := range refs {
		switch {
		case r.Name().IsBranch():
			branches = append(branches, r.Name().Short())
		case r.Name().IsTag():
			tags = append(tags, r.Name().Short())
		}
	}
	return "", &remoteRefError{fmt.Sprintf("no branch or tag %q on the remote (branches: %s; tags: %s)",
		ref, listSome(branches), listSome(tags))}
}

func rank(name string) string {
	switch name {
	case "refs/heads/main":
		return "0"
	case "refs/heads/master":
		return "1"
	}
	return "2" + name
}

func listSome(names []string) string {
	sort.Strings(names)
	if len(names) == 0 {
		return "none"
	}
	if len(names) > 5 {
		return strings.Join(names[:5], ", ") + fmt.Sprintf(", … (%d in all)", len(names))
	}
	return strings.Join(names, ", ")
}

// Endpoint is what a remote URL says of where it goes, as git reads it
// (https://, http://, ssh://, git://, file://, user@host:path).
type Endpoint struct {
	Protocol string // "https", "http", "ssh", "git", "file"
	Host     string
	Port     int // 0 when the URL gives none
	Password string
}

// ParseEndpoint reads a remote URL as the transports do.
func ParseEndpoint(rawURL string) (Endpoint, error) {
	ep, err := transport.NewEndpoint(rawURL)
	if err != nil {
		return Endpoint{}, err
	}
	return Endpoint{Protocol: ep.Protocol, Host: ep.Host, Port: ep.Port, Password: ep.Password}, nil
}

// Refusal says how a server turned a fetch down, in go-git's errors
// named without them: "auth" (credentials missing or refused),
// "not-found" (no such repository, or hidden), "empty" (no commit), or ""
// when err is none of these.
func Refusal(err error) string {
	switch {
	case errors.Is(err, transport.ErrAuthenticationRequired), errors.Is(err, transport.ErrAuthorizationFailed),
		errors.Is(err, transport.ErrInvalidAuthMethod):
		return "auth"
	case errors.Is(err, transport.ErrRepositoryNotFound):
		return "not-found"
	case errors.Is(err, transport.ErrEmptyRemoteRepository), errors.Is(err, ErrNoCommits):
		return "empty"
	}
	return ""
}
