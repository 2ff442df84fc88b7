package licence

import (
	"regexp"
	"sort"
	"strings"

	"github.com/github/go-spdx/v2/spdxexp"
)

// Scope is what a repository holds, and so which half of the list of
// article D.323-2-1 applies to it.
type Scope int

// Scopes.
const (
	Software  Scope = iota // source code: the software licences of the list
	Documents              // documents or data, no code: the Licence Ouverte and ODbL
)

// Allowed reports whether the licence of canonical id may be used, under
// article D.323-2-1, for what a repository of scope holds: the licences
// for data and documents only where there is no code. A software licence
// on a repository of documents is not failed: the tree alone cannot tell
// documents from a project whose code is yet to come.
func Allowed(id string, scope Scope) bool {
	switch Check(id) {
	case Authorised, Reciprocal:
		return true
	case ForData:
		return scope == Documents
	}
	return false
}

// Declaration is one licence declared: the licence identified in a file,
// or a manifest's value read as an SPDX expression ("MIT OR Apache-2.0",
// "GPL-3.0-or-later WITH Classpath-exception-2.0").
type Declaration struct {
	Text     string   // as declared, or the id of a licence file
	Operands []string // canonical ids of the licences it names, sorted; none when unreadable
	// expr and terms are the SPDX expression and its operands as written,
	// by canonical id, when the declaration is an expression.
	expr  string
	terms map[string][]string
}

// Single is the declaration of one licence by its canonical id ("" when
// the text was not recognised).
func Single(id string) Declaration {
	d := Declaration{Text: id}
	if id != "" {
		d.Operands = []string{id}
	}
	return d
}

// Declare reads a manifest's licence value: an SPDX expression, whose
// operands are judged one by one, or a licence's name in words ("Apache
// License, Version 2.0"), read by Canonical.
func Declare(value string) Declaration {
	value = strings.TrimSpace(value)
	expr := spdxOperators(value)
	if ops, err := spdxexp.ExtractLicenses(expr); err == nil && len(ops) > 0 && isExpression(expr) {
		d := Declaration{Text: value, expr: expr, terms: map[string][]string{}}
		for _, op := range ops {
			id := Canonical(withoutException(op))
			if id == "" {
				return Declaration{Text: value}
			}
			d.terms[id] = append(d.terms[id], op)
		}
		for id := range d.terms {
			d.Operands = append(d.Operands, id)
		}
		sort.Strings(d.Operands)
		return d
	}
	d := Single(Canonical(value))
	d.Text = value
	return d
}

// Allowed reports whether the declaration may be used for scope: a single
// licence when it is on the list, an expression when the licences of the
// list satisfy it (one operand of an OR, every operand of an AND).
func (d Declaration) Allowed(scope Scope) bool {
	if len(d.Operands) == 0 {
		return false
	}
	if d.expr == "" {
		return Allowed(d.Operands[0], scope)
	}
	var allowed []string
	for id, written := range d.terms {
		if Allowed(id, scope) {
			allowed = append(allowed, written...)
		}
	}
	if len(allowed) == 0 {
		return false
	}
	ok, err := spdxexp.Satisfies(d.expr, allowed)
	return err == nil && ok
}

// Expression reports whether the declaration is an SPDX expression of
// more than one licence, or of one licence with an exception.
func (d Declaration) Expression() bool { return d.expr != "" }

// Agree reports whether declarations name the same licensing: every
// single licence the same, or, where expressions offer a choice ("MIT OR
// Apache-2.0"), every expression over the same licences and every single
// licence one of them (the LICENSE-MIT and LICENSE-APACHE of a Rust
// crate). It returns the names that differ otherwise, sorted, "?" for
// what was not recognised.
func Agree(ds []Declaration) (bool, []string) {
	names := map[string]bool{}
	choice, ok := "", true
	for _, d := range ds {
		switch {
		case len(d.Operands) == 0:
			names["?"] = true
		case d.Expression():
			names[d.Text] = true
			key := strings.Join(d.Operands, " ")
			if choice == "" {
				choice = key
			} else if key != choice {
				ok = false
			}
		default:
			names[d.Operands[0]] = true
		}
	}
	if names["?"] && len(names) > 1 {
		ok = false
	}
	if choice == "" {
		ok = ok && len(names) <= 1
	} else {
		among := strings.Fields(choice)
		for _, d := range ds {
			if len(d.Operands) == 1 && !d.Expression() && !contains(among, d.Operands[0]) {
				ok = false
			}
		}
	}
	out := make([]string, 0, len(names))
	for n := range names {
		out = append(out, n)
	}
	sort.Strings(out)
	return ok, out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// spdxOperators writes the operators of a licence expression as SPDX does:
// upper-case, and Cargo's old "MIT/Apache-2.0" as an OR.
func spdxOperators(s string) string {
	s = lowerOperator.ReplaceAllStringFunc(s, strings.ToUpper)
	return slashOr.ReplaceAllString(s, "$1 OR $2")
}

var (
	lowerOperator = regexp.MustCompile(`(?i)\s(or|and|with)\s`)
	slashOr       = regexp.MustCompile(`([A-Za-z0-9.+])\s*/\s*([A-Za-z])`)
)

// isExpression tells an expression from a single SPDX id, which Canonical
// reads as well (and from deprecated ids such as "GPL-3.0" alike).
func isExpression(s string) bool {
	return strings.Contains(s, " OR ") || strings.Contains(s, " AND ") || strings.Contains(s, " WITH ")
}

// withoutException is the licence of "GPL-3.0-or-later WITH
// Classpath-exception-2.0": an exception only adds permissions, and the
// licence decides where it stands on the list.
func withoutException(op string) string {
	if i := strings.Index(op, " WITH "); i >= 0 {
		return strings.TrimSpace(op[:i])
	}
	return op
}

// Name is how a report names the declaration: the canonical id of a
// single licence, the expression as declared otherwise.
func (d Declaration) Name() string {
	if d.expr == "" && len(d.Operands) == 1 {
		return d.Operands[0]
	}
	return d.Text
}
