// Package licence identifies licences — in licence files with
// google/licensecheck and a matcher of the French texts, in manifests from
// their SPDX ids and expressions — and knows which ones French public
// administrations may use, for their source code and for their documents
// and data (Code des relations entre le public et l'administration, art.
// D.323-2-1).
package licence

import (
	"regexp"
	"sort"
	"strings"
	"sync"

	"github.com/google/licensecheck"
)

// Status says where a licence stands on the list of article D.323-2-1.
type Status int

// Statuses.
const (
	Unknown      Status = iota // not identified
	Authorised                 // permissive software licence on the list
	Reciprocal                 // software licence with reciprocity on the list
	NotOnTheList               // identified, but not authorised
	ForData                    // on the list for data and documents other than software
)

// family maps the canonical id of a licence (its SPDX id without version
// suffixes such as -only or -or-later) to its status.
var family = map[string]Status{
	"Apache-2.0": Authorised, "BSD-2-Clause": Authorised, "BSD-3-Clause": Authorised,
	"CECILL-B": Authorised, "MIT": Authorised,
	"CECILL-2.1": Reciprocal, "CECILL-C": Reciprocal, "GPL-3.0": Reciprocal, "LGPL-3.0": Reciprocal,
	"AGPL-3.0": Reciprocal, "MPL-2.0": Reciprocal, "EPL-2.0": Reciprocal, "EUPL-1.2": Reciprocal,
	"etalab-2.0": ForData, "ODbL-1.0": ForData,
}

// Check returns the status of a canonical id.
func Check(id string) Status {
	if id == "" {
		return Unknown
	}
	if s, ok := family[id]; ok {
		return s
	}
	return NotOnTheList
}

// Canonical reduces an SPDX id or a manifest's licence name to the id the
// list uses: "GPL-3.0-or-later", "GPL-3", "GPL (>= 3)", "GPLv3" and "GNU
// General Public License v3.0" all give "GPL-3.0"; Maven's "Apache License,
// Version 2.0" gives "Apache-2.0"; R's "MIT + file LICENSE" gives "MIT". It
// returns "" for names it cannot read.
func Canonical(name string) string {
	n := strings.TrimSpace(rFile.ReplaceAllString(name, ""))
	n = strings.Trim(n, "()")
	for _, suffix := range []string{"-only", "-or-later", "+"} {
		n = strings.TrimSuffix(n, suffix)
	}
	key := strings.ToUpper(n)
	// "Version 2.0" and "v2.0" number the licence; other words (the
	// "V" of "Licence Ouverte") stay whole.
	key = versionWord.ReplaceAllString(key, "-$1")
	key = strings.NewReplacer(" ", "", ",", "", "_", "-", "(>=", "-", ")", "", "THE", "", "SOFTWARE", "",
		"LICENSE", "", "LICENCE", "").Replace(key)
	key = strings.Trim(key, "-")
	for _, a := range aliases {
		if a.re.MatchString(key) {
			return a.id
		}
	}
	for id := range family {
		if strings.EqualFold(id, n) {
			return id
		}
	}
	if spdxLike.MatchString(n) {
		return n
	}
	return ""
}

// rFile is how R's DESCRIPTION says that a file completes the licence
// named (the copyright holder of an MIT licence): "MIT + file LICENSE".
var rFile = regexp.MustCompile(`(?i)\s*\+\s*file\s+licen[cs]e(\.md|\.txt)?\s*$`)

// versionWord is "VERSION 2", "V2" or "V 2" in an upper-cased name.
var versionWord = regexp.MustCompile(`(?:\bVERSION|V\.?)\s*(\d)`)

var spdxLike = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9.+-]{1,40}$`)

var aliases = []struct {
	re *regexp.Regexp
	id string
}{
	{regexp.MustCompile(`^MIT$|^EXPAT$`), "MIT"},
	{regexp.MustCompile(`^APACHE-?2(\.0)?$|^ASL-?2(\.0)?$`), "Apache-2.0"},
	{regexp.MustCompile(`^BSD-?2(-?CLAUSE)?$|^SIMPLIFIED-?BSD$`), "BSD-2-Clause"},
	{regexp.MustCompile(`^BSD-?3(-?CLAUSE)?$|^NEW-?BSD$|^BSD$`), "BSD-3-Clause"},
	{regexp.MustCompile(`^A-?GPL-?3(\.0)?$|^GNU-?AFFERO(GENERAL)?(PUBLIC)?-?3(\.0)?$`), "AGPL-3.0"},
	{regexp.MustCompile(`^L-?GPL-?3(\.0)?$|^GNU-?LESSER(GENERAL)?(PUBLIC)?-?3(\.0)?$`), "LGPL-3.0"},
	{regexp.MustCompile(`^GPL-?3(\.0)?$|^GNU-?GPL-?3(\.0)?$|^GNU-?GENERALPUBLIC-?3(\.0)?$`), "GPL-3.0"},
	{regexp.MustCompile(`^MPL-?2(\.0)?$|^MOZILLAPUBLIC-?2(\.0)?$`), "MPL-2.0"},
	{regexp.MustCompile(`^EPL-?2(\.0)?$|^ECLIPSEPUBLIC-?2(\.0)?$`), "EPL-2.0"},
	{regexp.MustCompile(`^EUPL-?1\.2$|^EUROPEANUNIONPUBLIC-?1\.2$`), "EUPL-1.2"},
	{regexp.MustCompile(`^CECILL-?2\.1$|^CECILL$`), "CECILL-2.1"},
	{regexp.MustCompile(`^CECILL-?B$`), "CECILL-B"},
	{regexp.MustCompile(`^CECILL-?C$`), "CECILL-C"},
	{regexp.MustCompile(`^ETALAB-?1(\.0)?$|^OUVERTE-?1(\.0)?$|^LO-?1(\.0)?$`), "LicenseRef-etalab-1.0"},
	{regexp.MustCompile(`^ETALAB.*$|^OUVERTE.*$|^LO-?2(\.0)?$`), "etalab-2.0"},
	{regexp.MustCompile(`^ODBL(-?1(\.0)?)?$|^OPENDATABASE(-?1(\.0)?)?$`), "ODbL-1.0"},
}

// Identified is what a licence text contains.
type Identified struct {
	IDs      []string // canonical ids found, sorted
	Coverage float64  // percentage of the text that is licence text
	// Titles name the texts recognised by their clauses (the French
	// CeCILL texts, the Licence Ouverte), by id.
	Titles map[string]Title
	// FirstLine is the text's first non-blank line, for a report to quote
	// when nothing was identified.
	FirstLine string
}

// scanned are the licences the scanner knows: those of the list, and the
// common ones that are not on it, so that they are named rather than
// reported as unrecognised. Building a scanner for all of licensecheck's
// 550 texts takes over a second; these take a tenth of that.
var scanned = map[string]bool{
	"MIT": true, "Apache-2.0": true, "BSD-2-Clause": true, "BSD-3-Clause": true,
	"CECILL-B": true, "CECILL-2.1": true, "CECILL-C": true, "MPL-2.0": true, "EPL-2.0": true, "EUPL-1.2": true,
	"GPL-3.0": true, "GPL-3.0-only": true, "GPL-3.0-or-later": true,
	"LGPL-3.0": true, "LGPL-3.0-only": true, "LGPL-3.0-or-later": true,
	"AGPL-3.0": true, "AGPL-3.0-only": true, "AGPL-3.0-or-later": true,
	"ISC": true, "GPL-2.0": true, "GPL-2.0-only": true, "GPL-2.0-or-later": true, "Unlicense": true, "CC0-1.0": true,
	// What documentation and websites use: ODbL is on the list for data,
	// the Creative Commons licences are not on it.
	"ODbL-1.0": true, "CC-BY-4.0": true, "CC-BY-SA-4.0": true, "CC-BY-NC-SA-4.0": true,
	// Other open source licences projects commit: a text that is not
	// identified fails the licence item, so a real licence must be named.
	"EPL-1.0": true, "LGPL-2.1": true, "LGPL-2.1-only": true, "LGPL-2.1-or-later": true, "MPL-1.1": true,
	"BSD-4-Clause": true, "0BSD": true, "Zlib": true, "BSL-1.0": true, "Artistic-2.0": true, "AFL-3.0": true,
	"MIT-0": true, "PostgreSQL": true, "OFL-1.1": true, "WTFPL": true,
	"CC-BY-3.0": true, "CC-BY-SA-3.0": true, "CC-BY-NC-4.0": true, "CC-BY-ND-4.0": true, "CC-BY-NC-ND-4.0": true,
}

// scanner reads a text with the whole catalogue (families.go says when).
var scanner = sync.OnceValues(func() (*licensecheck.Scanner, error) {
	var keep []licensecheck.License
	for _, l := range licensecheck.BuiltinLicenses() {
		if scanned[l.ID] && l.URL == "" {
			keep = append(keep, l)
		}
	}
	return licensecheck.NewScanner(keep)
})

// Identify scans a licence file's text.
func Identify(text []byte) Identified {
	cov, err := scan(text)
	if err != nil {
		return Identified{}
	}
	out := Identified{Coverage: cov.Percent, FirstLine: firstLine(text)}
	seen := map[string]bool{}
	for _, m := range cov.Match {
		id := Canonical(m.ID)
		if id == "" {
			id = m.ID
		}
		if !seen[id] {
			seen[id] = true
			out.IDs = append(out.IDs, id)
		}
	}
	if len(out.IDs) == 0 || out.Coverage < 50 {
		if m, ok := frenchText(text); ok {
			out.IDs = []string{m.id}
			out.Coverage = m.coverage
			out.Titles = map[string]Title{m.id: m.title}
		}
	}
	sort.Strings(out.IDs)
	return out
}

// firstLine is the first line of text that holds a word, trimmed and
// shortened for a report.
func firstLine(text []byte) string {
	for _, l := range strings.Split(string(text), "\n") {
		l = strings.Trim(strings.TrimSpace(l), "#*= ")
		if l == "" {
			continue
		}
		if r := []rune(l); len(r) > 80 {
			l = string(r[:79]) + "…"
		}
		return l
	}
	return ""
}
