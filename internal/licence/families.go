package licence

import (
	"sort"
	"strings"
	"sync"

	"github.com/google/licensecheck"
	"github.com/passation/passation/internal/textfold"
)

// Building a scanner of the whole catalogue costs about 80 ms of processor
// time, more than a check spends on the trees of a 100,000-file repository;
// one of a single family costs one to seven. A text names its family in
// words no other licence uses ("GNU General Public License", "CeCILL"), so
// the scanner is built for the families a text names, once per set of
// families; a text that names none, or that those families do not cover
// well (a licence the cues miss, a README-like statement), is read by the
// whole catalogue, as before.

// familyCues are, per family of licence ids, the folded words of its text.
var familyCues = []struct {
	family string
	cues   []string
}{
	{"MIT", []string{"permission is hereby granted", "mit license", "licence mit", "licence expat"}},
	{"ISC", []string{"permission to use, copy, modify", "isc license"}},
	{"BSD", []string{"redistribution and use in source and binary forms", "bsd license"}},
	{"Apache", []string{"apache license"}},
	{"GNU", []string{"gnu general public license", "gnu lesser general public license", "gnu affero general public license", "gnu library general public license", "gnu gpl", "gnu lgpl", "gnu agpl"}},
	{"CECILL", []string{"cecill"}},
	{"EUPL", []string{"european union public licen", "eupl"}},
	{"MPL", []string{"mozilla public license"}},
	{"EPL", []string{"eclipse public license"}},
	{"CC", []string{"creative commons"}},
	{"ODbL", []string{"open database license", "odbl"}},
	{"Unlicense", []string{"unlicense", "dedicate any and all copyright interest"}},
	{"Zlib", []string{"altered source versions must be plainly marked"}},
	{"BSL", []string{"boost software license"}},
	{"Artistic", []string{"artistic license"}},
	{"AFL", []string{"academic free license"}},
	{"PostgreSQL", []string{"postgresql"}},
	{"OFL", []string{"open font license"}},
	{"WTFPL", []string{"do what the fuck you want"}},
}

// familyOf is the family of a licence id, by its prefix ("" for none).
func familyOf(id string) string {
	switch {
	case strings.HasPrefix(id, "MIT"):
		return "MIT"
	case id == "ISC" || id == "0BSD":
		return "ISC"
	case strings.HasPrefix(id, "GPL"), strings.HasPrefix(id, "LGPL"), strings.HasPrefix(id, "AGPL"):
		return "GNU"
	case strings.HasPrefix(id, "CC"):
		return "CC"
	}
	for _, f := range familyCues {
		if strings.HasPrefix(id, f.family) {
			return f.family
		}
	}
	return ""
}

// familiesOf lists, sorted, the families whose words a text holds.
func familiesOf(text []byte) []string {
	folded := textfold.Fold(string(text))
	var out []string
	for _, f := range familyCues {
		for _, c := range f.cues {
			if strings.Contains(folded, c) {
				out = append(out, f.family)
				break
			}
		}
	}
	sort.Strings(out)
	return out
}

// familyScanners holds one scanner per set of families, built on demand.
var familyScanners sync.Map // "GNU,MIT" → func() (*licensecheck.Scanner, error)

func scannerOf(families []string) (*licensecheck.Scanner, error) {
	key := strings.Join(families, ",")
	if build, ok := familyScanners.Load(key); ok {
		return build.(func() (*licensecheck.Scanner, error))()
	}
	build, _ := familyScanners.LoadOrStore(key, sync.OnceValues(func() (*licensecheck.Scanner, error) {
		want := map[string]bool{}
		for _, f := range families {
			want[f] = true
		}
		var keep []licensecheck.License
		for _, l := range licensecheck.BuiltinLicenses() {
			if scanned[l.ID] && l.URL == "" && want[familyOf(l.ID)] {
				keep = append(keep, l)
			}
		}
		return licensecheck.NewScanner(keep)
	}))
	return build.(func() (*licensecheck.Scanner, error))()
}

// sureCoverage is how much of a text the scanner of its families must
// match for that answer to stand.
const sureCoverage = 75

// scan reads a licence text with the scanner of the families it names,
// and with the whole catalogue's when they do not cover it.
func scan(text []byte) (licensecheck.Coverage, error) {
	if fams := familiesOf(text); len(fams) > 0 {
		if sc, err := scannerOf(fams); err == nil {
			if cov := sc.Scan(text); cov.Percent >= sureCoverage {
				return cov, nil
			}
		}
	}
	sc, err := scanner()
	if err != nil {
		return licensecheck.Coverage{}, err
	}
	return sc.Scan(text), nil
}
