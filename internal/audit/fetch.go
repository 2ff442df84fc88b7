package audit

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
	"github.com/go-git/go-git/v5/storage/filesystem"
)

// targetRef is where the fetched commit is kept in the audit's bare
// repository, whatever the remote called it.
const targetRef = "refs/passation/target"

// fetched is a repository brought onto this machine. Close it before its
// folder is removed.
type fetched struct {
	repo   *git.Repository
	st     *filesystem.Storage
	commit plumbing.Hash
	ref    string // the remote ref that was fetched, e.g. refs/heads/main
	how    string // "cloned" or "updated" (an existing cache)
}

// fetchOptions tune one fetch.
type fetchOptions struct {
	auth transport.AuthMethod
	// largeObject is the size above which a blob is streamed from disk
	// instead of being loaded whole in memory.
	largeObject int64
	// history asks for the history the history rules read: the commits
	// (depth commits, 0 for all), the tags and the release branches.
	history bool
	depth   int
}

// Close releases the pack files the storage keeps open.
func (f *fetched) Close() error { return f.st.Close() }

// fetch brings the commit that ref names on the remote into a bare
// repository at dir, creating it or updating it: only that one ref, only
// its last commit (depth 1), no tags and no work tree — unless the history
// rules need more (o.history). A full commit hash cannot be asked of a
// server by depth, so it fetches the branches whole.
func fetch(ctx context.Context, dir, remoteURL, ref string, o fetchOptions) (*fetched, error) {
	// Owner only: a clone of a private repository is as private as it.
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, err
	}
	// Pack files kept open: a history walk would otherwise reopen one for
	// every object.
	st := filesystem.NewStorageWithOptions(osfs.New(dir), cache.NewObjectLRU(8*cache.MiByte),
		filesystem.Options{LargeObjectThreshold: o.largeObject, ExclusiveAccess: true, KeepDescriptors: true})
	f, err := fetchInto(ctx, st, remoteURL, ref, o)
	if err != nil {
		st.Close()
		return nil, err
	}
	return f, nil
}

func fetchInto(ctx context.Context, st *filesystem.Storage, remoteURL, ref string, o fetchOptions) (*fetched, error) {
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
	remote := git.NewRemote(st, &config.RemoteConfig{Name: "origin", URLs: []string{remoteURL}})
	refs, err := remote.ListContext(ctx, &git.ListOptions{Auth: o.auth})
	if err != nil {
		return nil, err
	}
	f := &fetched{repo: r, st: st, how: how}
	var specs []config.RefSpec
	depth, tags := 1, git.NoTags
	if o.history {
		depth, tags = o.depth, git.AllTags
		specs = releaseBranches(refs)
	}
	if plumbing.IsHash(ref) && len(ref) == 40 {
		f.commit = plumbing.NewHash(ref)
		specs = []config.RefSpec{"+refs/heads/*:refs/remotes/origin/*"}
		depth = 0 // a server gives no commit by hash with a depth
		f.ref = ref
	} else {
		name, err := resolveRemote(refs, ref)
		if err != nil {
			return nil, err
		}
		f.ref = name.String()
		specs = append(specs, config.RefSpec("+"+name.String()+":"+targetRef))
	}
	err = remote.FetchContext(ctx, &git.FetchOptions{
		RefSpecs: specs, Depth: depth, Tags: tags, Auth: o.auth, Force: true,
	})
	if err != nil && !errors.Is(err, git.NoErrAlreadyUpToDate) {
		return nil, err
	}
	if f.commit.IsZero() {
		tr, err := r.Reference(targetRef, false)
		if err != nil {
			return nil, fmt.Errorf("after fetching %s: %w", f.ref, err)
		}
		f.commit = tr.Hash()
	}
	// An annotated tag points to a tag object: peel it to its commit.
	if tag, err := r.TagObject(f.commit); err == nil {
		c, err := tag.Commit()
		if err != nil {
			return nil, fmt.Errorf("tag %s: %w", f.ref, err)
		}
		f.commit = c.Hash
	}
	if _, err := r.CommitObject(f.commit); err != nil {
		if errors.Is(err, plumbing.ErrObjectNotFound) && plumbing.IsHash(ref) && len(ref) == 40 {
			return nil, &refError{fmt.Sprintf("commit %s is on no branch of the remote", ref)}
		}
		return nil, fmt.Errorf("read commit %s: %w", f.commit, err)
	}
	return f, nil
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

// refError: the remote has no such branch or tag.
type refError struct{ msg string }

func (e *refError) Error() string { return e.msg }

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
			return "", &refError{"the remote has no HEAD: give a ref (column ref)"}
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
			return "", &refError{"the remote's HEAD is on no branch: give a ref (column ref)"}
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
	return "", &refError{fmt.Sprintf("no branch or tag %q on the remote (branches: %s; tags: %s)",
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
