package starter

import (
	"strings"

	"github.com/passation/passation/internal/catalog"
	"github.com/passation/passation/internal/finding"
)

// Planned is one starter document init --templates proposes.
type Planned struct {
	Rule, Title, Path string
	// Exists is set when the document is already there (perhaps in the
	// other language): it is left as it is.
	Exists  bool
	Starter Starter
}

// Plan proposes a starter document for each missing item that has one
// (only those of only, when it names some). exists tells whether a path is
// taken in the repository. It returns the plan and the missing items that
// have no starter document.
func Plan(results []finding.Result, rules []catalog.Rule, lang string, only map[string]bool, exists func(path string) bool) (plan []Planned, none []string) {
	byID := map[string]catalog.Rule{}
	for _, r := range rules {
		byID[r.ID] = r
	}
	for _, res := range results {
		if res.Status != finding.Fail || len(only) > 0 && !only[res.Rule] {
			continue
		}
		s, ok := For(byID[res.Rule])
		if !ok {
			none = append(none, res.Rule)
			continue
		}
		p := Planned{Rule: res.Rule, Title: res.Title, Path: s.PathIn(lang), Starter: s}
		// The document may exist in the other language (started earlier
		// with the other --lang): that one is the one to fill.
		for _, l := range []string{langOf(lang), otherLang(lang)} {
			if exists(s.PathIn(l)) {
				p.Path, p.Exists = s.PathIn(l), true
				break
			}
		}
		plan = append(plan, p)
	}
	return plan, none
}

func otherLang(l string) string {
	if langOf(l) == "fr" {
		return "en"
	}
	return "fr"
}

// Detect gathers what the documents can be filled with from what a check
// found: the licence, the maintainers and the user documentation, from the
// documents of the rules that fill them (fills: in the rule files). read
// returns the content of the named files of the repository.
func Detect(f Facts, results []finding.Result, rules []catalog.Rule, read func(paths []string) map[string][]byte, cacheDir string) Facts {
	fills := map[string]string{}
	for _, r := range rules {
		if r.Fills != "" {
			fills[r.ID] = r.Fills
		}
	}
	found := map[string][]finding.Evidence{}
	var want []string
	for _, res := range results {
		if res.Status != finding.Pass || fills[res.Rule] == "" {
			continue
		}
		found[fills[res.Rule]] = append(found[fills[res.Rule]], res.Evidence...)
		if fills[res.Rule] != "documentation" {
			for _, e := range res.Evidence {
				if e.Path != "" {
					want = append(want, e.Path)
				}
			}
		}
	}
	texts := read(want)
	for _, e := range found["licence"] {
		if id := DetectLicence(texts[e.Path], cacheDir); id != "" && e.Line == 0 {
			f.Licence = id
			break
		}
	}
	seen := map[string]bool{}
	for _, e := range found["maintainers"] {
		text := texts[e.Path]
		if e.Line > 0 {
			text = sectionAt(text, e.Line)
		}
		for _, p := range DetectMaintainers(text) {
			if !seen[p.Email] {
				seen[p.Email] = true
				f.Maintainers = append(f.Maintainers, p)
			}
		}
	}
	if docs := found["documentation"]; len(docs) > 0 {
		f.Documentation = FileURL(f.URL, docs[0].Path)
	}
	return f
}

// sectionAt returns the lines of a Markdown section: from its heading at
// line (1-based) to the next heading.
func sectionAt(text []byte, line int) []byte {
	lines := strings.Split(string(text), "\n")
	if line < 1 || line > len(lines) {
		return nil
	}
	end := len(lines)
	for i := line; i < len(lines); i++ {
		if strings.HasPrefix(strings.TrimSpace(lines[i]), "#") {
			end = i
			break
		}
	}
	return []byte(strings.Join(lines[line-1:end], "\n"))
}
