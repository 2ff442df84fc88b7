package manifest

import (
	"path"
	"regexp"
	"strings"
)

// SPDX reads a licence fact of the manifest at p as the SPDX id or
// expression a person would give it: R's DESCRIPTION conventions ("GPL-3",
// "GPL (>= 2)", "CeCILL (>= 2.1)", "GPL-2 | GPL-3", "MIT + file LICENSE")
// and Python's trove classifiers ("License :: OSI Approved :: GNU Affero
// General Public License v3 or later (AGPLv3+)"). Other values come back
// as they are, for the licence package to read.
func SPDX(p string, f Fact) string {
	switch {
	case f.Key == "classifiers":
		id, _ := classifierID(f.Value)
		return id
	case strings.EqualFold(path.Base(p), "description"):
		return rLicence(f.Value)
	}
	return f.Value
}

// rFileSuffix is the "+ file LICENSE" with which R completes a licence
// (the holder of an MIT licence, further restrictions).
var rFileSuffix = regexp.MustCompile(`(?i)\s*\+\s*file\s+\S+\s*$`)

// rNames maps R's licence specifications, spaces removed, to SPDX.
var rNames = []struct {
	re *regexp.Regexp
	id string
}{
	{regexp.MustCompile(`^GPL-?2(\.0)?$`), "GPL-2.0-only"},
	{regexp.MustCompile(`^GPL-?3(\.0)?$`), "GPL-3.0-only"},
	{regexp.MustCompile(`^GPL\(>=2(\.0)?\)$`), "GPL-2.0-or-later"},
	{regexp.MustCompile(`^GPL\(>=3(\.0)?\)$`), "GPL-3.0-or-later"},
	{regexp.MustCompile(`^LGPL-?2\.1$`), "LGPL-2.1-only"},
	{regexp.MustCompile(`^LGPL-?3(\.0)?$`), "LGPL-3.0-only"},
	{regexp.MustCompile(`^LGPL\(>=2\.1\)$`), "LGPL-2.1-or-later"},
	{regexp.MustCompile(`^LGPL\(>=3(\.0)?\)$`), "LGPL-3.0-or-later"},
	{regexp.MustCompile(`^AGPL-?3(\.0)?$`), "AGPL-3.0-only"},
	{regexp.MustCompile(`^AGPL\(>=3(\.0)?\)$`), "AGPL-3.0-or-later"},
	{regexp.MustCompile(`^ApacheLicense(2(\.0)?|\((==|>=)2(\.0)?\))$`), "Apache-2.0"},
	{regexp.MustCompile(`^BSD_2_clause$`), "BSD-2-Clause"},
	{regexp.MustCompile(`^BSD_3_clause$`), "BSD-3-Clause"},
	{regexp.MustCompile(`^MIT$`), "MIT"},
	// CeCILL has had versions 1, 2.0 and 2.1; "CeCILL" alone is read as
	// its current version, as the licence package does.
	{regexp.MustCompile(`^CeCILL(-2\.1|\(>=2\.1\))?$`), "CECILL-2.1"},
	{regexp.MustCompile(`^CeCILL(-2(\.0)?)$`), "CECILL-2.0"},
	{regexp.MustCompile(`^CeCILL\(>=2(\.0)?\)$`), "CECILL-2.0 OR CECILL-2.1"},
	{regexp.MustCompile(`^CeCILL-B$`), "CECILL-B"},
	{regexp.MustCompile(`^CeCILL-C$`), "CECILL-C"},
	{regexp.MustCompile(`^EUPL(-1\.2|\(>=1\.2\))$`), "EUPL-1.2"},
	{regexp.MustCompile(`^MPL(-2\.0|\(>=2(\.0)?\))$`), "MPL-2.0"},
	{regexp.MustCompile(`^CC0$`), "CC0-1.0"},
	{regexp.MustCompile(`^CCBY4\.0$`), "CC-BY-4.0"},
	{regexp.MustCompile(`^CCBY-SA4\.0$`), "CC-BY-SA-4.0"},
}

// rLicence reads an R licence specification: alternatives separated by
// "|", each one licence, with or without "+ file LICENSE". An alternative
// that is only "file LICENSE" points at the file, which says the rest.
func rLicence(spec string) string {
	var alts []string
	for _, alt := range strings.Split(spec, "|") {
		alt = strings.TrimSpace(rFileSuffix.ReplaceAllString(alt, ""))
		if alt == "" || licenceFilePointer.MatchString(alt) {
			continue
		}
		key := strings.ReplaceAll(alt, " ", "")
		id := alt
		for _, n := range rNames {
			if n.re.MatchString(key) {
				id = n.id
				break
			}
		}
		alts = append(alts, id)
	}
	// Alternatives are all ORs, which need no parentheses.
	return strings.Join(alts, " OR ")
}

// classifiers maps the licence part of Python's trove classifiers
// (folded, after "License ::") to SPDX. Those that name no one licence
// ("BSD License", "GNU General Public License (GPL)", "Public Domain",
// "Other/Proprietary License") are left out: the licence file decides.
var classifiers = []struct {
	re *regexp.Regexp
	id string
}{
	{regexp.MustCompile(`^mit license$`), "MIT"},
	{regexp.MustCompile(`^mit no attribution license`), "MIT-0"},
	{regexp.MustCompile(`^apache software license$`), "Apache-2.0"},
	{regexp.MustCompile(`^gnu affero general public license v3 or later`), "AGPL-3.0-or-later"},
	{regexp.MustCompile(`^gnu affero general public license v3`), "AGPL-3.0-only"},
	{regexp.MustCompile(`^gnu lesser general public license v3 or later`), "LGPL-3.0-or-later"},
	{regexp.MustCompile(`^gnu lesser general public license v3`), "LGPL-3.0-only"},
	{regexp.MustCompile(`^gnu lesser general public license v2 or later`), "LGPL-2.0-or-later"},
	{regexp.MustCompile(`^gnu lesser general public license v2`), "LGPL-2.0-only"},
	{regexp.MustCompile(`^gnu general public license v3 or later`), "GPL-3.0-or-later"},
	{regexp.MustCompile(`^gnu general public license v3`), "GPL-3.0-only"},
	{regexp.MustCompile(`^gnu general public license v2 or later`), "GPL-2.0-or-later"},
	{regexp.MustCompile(`^gnu general public license v2`), "GPL-2.0-only"},
	{regexp.MustCompile(`^mozilla public license 2\.0`), "MPL-2.0"},
	{regexp.MustCompile(`^eclipse public license 2\.0`), "EPL-2.0"},
	{regexp.MustCompile(`^european union public licence 1\.2`), "EUPL-1.2"},
	{regexp.MustCompile(`^european union public licence 1\.1`), "EUPL-1.1"},
	{regexp.MustCompile(`^cea cnrs inria logiciel libre license, version 2\.1`), "CECILL-2.1"},
	{regexp.MustCompile(`^cea cnrs inria logiciel libre license, version 2\.0`), "CECILL-2.0"},
	{regexp.MustCompile(`^cecill-b free software license`), "CECILL-B"},
	{regexp.MustCompile(`^cecill-c free software license`), "CECILL-C"},
	{regexp.MustCompile(`^isc license`), "ISC"},
	{regexp.MustCompile(`^the unlicense`), "Unlicense"},
	{regexp.MustCompile(`^cc0 1\.0 universal`), "CC0-1.0"},
	{regexp.MustCompile(`^boost software license 1\.0`), "BSL-1.0"},
	{regexp.MustCompile(`^zlib/libpng license`), "Zlib"},
}

// classifierID reads a trove classifier: the SPDX id of the licence it
// names, and whether it is a licence classifier at all.
func classifierID(c string) (string, bool) {
	parts := strings.Split(c, "::")
	if len(parts) < 2 || strings.TrimSpace(parts[0]) != "License" {
		return "", false
	}
	name := strings.ToLower(strings.TrimSpace(parts[len(parts)-1]))
	for _, m := range classifiers {
		if m.re.MatchString(name) {
			return m.id, true
		}
	}
	return "", true
}

// helperDirs hold the tooling of a project — CI scripts, examples, test
// data, documentation builds — whose manifests describe a helper, not the
// project: the MIT of a CI script's package.json says nothing of the
// licence of what it checks.
var helperDirs = map[string]bool{
	"ci": true, ".ci": true, ".github": true, ".gitlab": true, ".circleci": true, "scripts": true,
	"script": true, "tools": true, "tooling": true, "bin": true, "hack": true, "build": true,
	"deploy": true, "deployment": true, "docker": true, "infra": true, "test": true, "tests": true,
	"e2e": true, "docs": true, "doc": true, "examples": true, "example": true, "samples": true,
	"sample": true, "fixtures": true, "testdata": true, "templates": true, "template": true,
	"benchmarks": true, "bench": true,
}

// OfProject reports whether the manifest at p describes the project
// itself (at the root, or a sub-project such as backend/ or packages/api/)
// rather than a helper folder's tooling.
func OfProject(p string) bool {
	dir := path.Dir(p)
	if dir == "." {
		return true
	}
	for _, seg := range strings.Split(strings.ToLower(dir), "/") {
		if helperDirs[seg] {
			return false
		}
	}
	return true
}
