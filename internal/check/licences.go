package check

import (
	"fmt"
	"sort"
	"strings"

	"github.com/passation/passation/internal/catalog"
	"github.com/passation/passation/internal/finding"
	"github.com/passation/passation/internal/licence"
	"github.com/passation/passation/internal/source"
)

// licenceFiles are where a project keeps its licence: LICENSE, LICENCE,
// COPYING, UNLICENSE, or a REUSE LICENSES/ folder.
var licenceFiles = []string{"licen[cs]e*", "copying*", "unlicense*", "/licenses/*", "/licences/*"}

// licenceEvidence: "present" passes on a licence file that is not a stub,
// naming the licence it holds; "authorised" passes when every licence
// declared — in files and manifests — is identified, on the list of
// article D.323-2-1, and the same everywhere.
type licenceEvidence struct {
	mode       string
	files      []int
	manifestID int
}

func compileLicence(ev catalog.Evidence, g *globSet) (evidence, error) {
	if len(ev.Values) != 1 || (ev.Values[0] != "present" && ev.Values[0] != "authorised") {
		return nil, fmt.Errorf("expected licence: present or licence: authorised")
	}
	l := &licenceEvidence{mode: ev.Values[0]}
	ids, err := g.addAll(licenceFiles)
	if err != nil {
		return nil, err
	}
	l.files = ids
	id, err := g.add(manifestGlob)
	if err != nil {
		return nil, err
	}
	l.manifestID = id
	return l, nil
}

func (l *licenceEvidence) describe(lang string) string {
	if l.mode == "authorised" {
		return say(lang, "desc-licence-ok")
	}
	return fmt.Sprintf(say(lang, "desc-files"), quoteAll(licenceFiles, lang)) + say(lang, "desc-places")
}

// declared is one licence found somewhere, canonical id or "" when the
// text was not recognised.
type declared struct {
	id string
	ev finding.Evidence
}

func (l *licenceEvidence) evaluate(r *run) outcome {
	var o outcome
	var all []declared
	lang := r.opt.Lang
	for _, gid := range l.files {
		for _, e := range r.matched[gid] {
			if e.Kind != source.File && e.Kind != source.Executable {
				continue
			}
			reason, err := r.stub(e, 5)
			if err != nil {
				o.err = err
				continue
			}
			if reason != "" {
				o.rejected = append(o.rejected, finding.Evidence{Path: e.Path, Detail: reason})
				continue
			}
			ids, err := r.identify(e)
			if err != nil {
				o.err = err
				continue
			}
			if len(ids) == 0 {
				all = append(all, declared{"", finding.Evidence{Path: e.Path, Detail: say(lang, "lic-unknown")}})
			}
			for _, id := range ids {
				all = append(all, declared{id, finding.Evidence{Path: e.Path, Detail: describeLicence(id, lang)}})
			}
		}
	}
	if l.mode == "present" {
		for _, d := range all {
			o.found = append(o.found, d.ev)
		}
		return o
	}
	for _, e := range r.matched[l.manifestID] {
		facts, err := r.manifest(e)
		if err != nil || facts == nil {
			continue
		}
		for _, f := range facts.Licences {
			id := licence.Canonical(f.Value)
			all = append(all, declared{id, finding.Evidence{Path: e.Path, Line: f.Line,
				Detail: fmt.Sprintf("%s: %s — %s", f.Key, shorten(f.Value, 40), describeLicence(id, lang))}})
		}
	}
	return judgeLicences(all, lang)
}

// judgeLicences passes when there is at least one licence, all are on the
// list, and they agree.
func judgeLicences(all []declared, lang string) outcome {
	var o outcome
	ids := map[string]bool{}
	bad := false
	for _, d := range all {
		ids[d.id] = true
		if st := licence.Check(d.id); st != licence.Authorised && st != licence.Reciprocal {
			bad = true
		}
	}
	if len(all) == 0 {
		return o
	}
	if len(ids) > 1 {
		names := make([]string, 0, len(ids))
		for id := range ids {
			if id == "" {
				id = "?"
			}
			names = append(names, id)
		}
		sort.Strings(names)
		o.rejected = append(o.rejected, finding.Evidence{Detail: fmt.Sprintf(say(lang, "lic-disagree"), strings.Join(names, ", "))})
		bad = true
	}
	for _, d := range all {
		if bad {
			o.rejected = append(o.rejected, d.ev)
		} else {
			o.found = append(o.found, d.ev)
		}
	}
	return o
}

func describeLicence(id, lang string) string {
	switch licence.Check(id) {
	case licence.Authorised:
		return fmt.Sprintf(say(lang, "lic-ok"), id)
	case licence.Reciprocal:
		return fmt.Sprintf(say(lang, "lic-reciprocal"), id)
	case licence.NotOnTheList:
		return fmt.Sprintf(say(lang, "lic-not-listed"), id)
	}
	return say(lang, "lic-unknown")
}

// identify scans a licence file once per run.
func (r *run) identify(e source.Entry) ([]string, error) {
	if ids, ok := r.licences[e.Path]; ok {
		return ids, nil
	}
	data, _, err := r.tree.Read(e, r.opt.MaxRead)
	if err != nil {
		return nil, err
	}
	ids := licence.IdentifyCached(data, r.opt.CacheDir).IDs
	r.licences[e.Path] = ids
	return ids, nil
}
