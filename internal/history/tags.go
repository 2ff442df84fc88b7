package history

import (
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// releaseBranch matches the branch names teams give to releases.
var releaseBranch = regexp.MustCompile(`^releases?[/_-]`)

// tags lists the tags and release-like branches (local or remote-tracking)
// whose commit is not newer than head, newest first. A tag whose commit is
// missing (a shallow clone) is left out.
func tags(st Store, head *object.Commit) ([]Tag, error) {
	refs, err := st.IterReferences()
	if err != nil {
		return nil, fmt.Errorf("list references: %w", err)
	}
	var out []Tag
	err = refs.ForEach(func(ref *plumbing.Reference) error {
		if ref.Type() != plumbing.HashReference {
			return nil
		}
		name := ref.Name()
		var t Tag
		var c *object.Commit
		switch {
		case name.IsTag():
			t.Name = name.Short()
			tag, err := object.GetTag(st, ref.Hash())
			switch {
			case err == nil:
				t.When = tag.Tagger.When
				if c, err = tag.Commit(); err != nil {
					return nil // a tag of a tree, a blob or a missing commit
				}
			case errors.Is(err, plumbing.ErrObjectNotFound):
				if c, err = object.GetCommit(st, ref.Hash()); err != nil {
					return nil
				}
				t.When = c.Committer.When
			default:
				return nil
			}
		case name.IsBranch() || name.IsRemote():
			short := name.Short()
			if name.IsRemote() {
				if i := strings.IndexByte(short, '/'); i >= 0 {
					short = short[i+1:]
				}
			}
			if !releaseBranch.MatchString(strings.ToLower(short)) {
				return nil
			}
			var err error
			if c, err = object.GetCommit(st, ref.Hash()); err != nil {
				return nil
			}
			t.Name, t.Branch, t.When = name.Short(), true, c.Committer.When
		default:
			return nil
		}
		if c.Committer.When.After(head.Committer.When) {
			return nil // released after the checked commit
		}
		t.Commit = c.Hash.String()
		out = append(out, t)
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.Slice(out, func(i, j int) bool {
		if !out[i].When.Equal(out[j].When) {
			return out[i].When.After(out[j].When)
		}
		return out[i].Name < out[j].Name
	})
	return out, nil
}
