package history

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// Mailmap corrects the names and e-mail addresses written in commits, as
// git's .mailmap does (see gitmailmap(5)): e-mails and names match without
// regard to case. A nil Mailmap changes nothing.
type Mailmap struct {
	// byEmail maps a lower-cased commit e-mail to its corrections: one
	// that also names the commit's name comes before one that does not.
	byEmail map[string][]mailmapEntry
}

type mailmapEntry struct {
	oldName string // "" matches any name
	proper  Identity
}

// maxMailmap caps how much of .mailmap is read.
const maxMailmap = 1 << 20

// ParseMailmap reads .mailmap content. Lines git would ignore are ignored,
// and reported in the error (with their line numbers) alongside the map
// built from the others.
func ParseMailmap(data []byte) (*Mailmap, error) {
	m := &Mailmap{byEmail: map[string][]mailmapEntry{}}
	var errs []error
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 4096), maxMailmap)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || line[0] == '#' {
			continue
		}
		name1, email1, rest, ok := nameEmail(line)
		if !ok {
			errs = append(errs, fmt.Errorf(".mailmap:%d: expected \"Proper Name <proper@email>\", optionally followed by \"Commit Name <commit@email>\"", n))
			continue
		}
		proper := Identity{Name: name1}
		commitName, commitEmail := "", email1
		if name2, email2, _, ok := nameEmail(rest); ok {
			proper.Email = email1
			commitName, commitEmail = name2, email2
		}
		if commitEmail == "" && commitName == "" {
			errs = append(errs, fmt.Errorf(".mailmap:%d: no commit e-mail to correct", n))
			continue
		}
		m.add(commitName, commitEmail, proper)
	}
	if err := sc.Err(); err != nil {
		errs = append(errs, fmt.Errorf(".mailmap: %w", err))
	}
	return m, errors.Join(errs...)
}

// nameEmail reads "Name <email>" at the start of s and returns what follows.
func nameEmail(s string) (name, email, rest string, ok bool) {
	i := strings.IndexByte(s, '<')
	if i < 0 {
		return "", "", s, false
	}
	j := strings.IndexByte(s[i:], '>')
	if j < 0 {
		return "", "", s, false
	}
	return strings.TrimSpace(s[:i]), strings.TrimSpace(s[i+1 : i+j]), s[i+j+1:], true
}

// add records a correction; a later line for the same commit identity fills
// in what an earlier one left out, as in git.
func (m *Mailmap) add(oldName, oldEmail string, proper Identity) {
	key := strings.ToLower(oldEmail)
	entries := m.byEmail[key]
	for i := range entries {
		if strings.EqualFold(entries[i].oldName, oldName) {
			if proper.Name != "" {
				entries[i].proper.Name = proper.Name
			}
			if proper.Email != "" {
				entries[i].proper.Email = proper.Email
			}
			return
		}
	}
	e := mailmapEntry{oldName: oldName, proper: proper}
	if oldName != "" {
		entries = append([]mailmapEntry{e}, entries...)
	} else {
		entries = append(entries, e)
	}
	m.byEmail[key] = entries
}

// Resolve returns the corrected identity.
func (m *Mailmap) Resolve(id Identity) Identity {
	if m == nil {
		return id
	}
	for _, e := range m.byEmail[strings.ToLower(id.Email)] {
		if e.oldName != "" && !strings.EqualFold(e.oldName, id.Name) {
			continue
		}
		if e.proper.Name != "" {
			id.Name = e.proper.Name
		}
		if e.proper.Email != "" {
			id.Email = e.proper.Email
		}
		return id
	}
	return id
}

// readMailmap reads .mailmap from the checked commit's tree, as git does
// for a bare repository; a symlink is not followed.
func readMailmap(c *object.Commit) (*Mailmap, error) {
	t, err := c.Tree()
	if err != nil {
		return nil, fmt.Errorf(".mailmap: %w", err)
	}
	e, err := t.FindEntry(".mailmap")
	if err != nil {
		return nil, nil // no .mailmap
	}
	if e.Mode != filemode.Regular && e.Mode != filemode.Executable {
		return nil, errors.New(".mailmap: not a regular file, ignored")
	}
	f, err := t.TreeEntryFile(e)
	if err != nil {
		return nil, fmt.Errorf(".mailmap: %w", err)
	}
	r, err := f.Reader()
	if err != nil {
		return nil, fmt.Errorf(".mailmap: %w", err)
	}
	defer r.Close()
	data, err := io.ReadAll(io.LimitReader(r, maxMailmap))
	if err != nil {
		return nil, fmt.Errorf(".mailmap: %w", err)
	}
	return ParseMailmap(data)
}
