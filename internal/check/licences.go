package check

import (
	"fmt"
	"strings"

	"github.com/passation/passation/internal/catalog"
	"github.com/passation/passation/internal/finding"
	"github.com/passation/passation/internal/licence"
	"github.com/passation/passation/internal/manifest"
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
	// codeID and contentID find what the repository holds, code or
	// documents, which decides the half of the list that applies.
	codeID, contentID int
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
	if l.codeID, err = g.add(licence.CodeGlob); err != nil {
		return nil, err
	}
	if l.contentID, err = g.add(licence.ContentGlob); err != nil {
		return nil, err
	}
	return l, nil
}

func (l *licenceEvidence) describe(lang string) string {
	if l.mode == "authorised" {
		return say(lang, "desc-licence-ok")
	}
	return fmt.Sprintf(say(lang, "desc-files"), quoteAll(licenceFiles, lang)) + say(lang, "desc-places")
}

// declared is one licence found somewhere, and where.
type declared struct {
	d     licence.Declaration
	label string
	ev    finding.Evidence
}

func (l *licenceEvidence) evaluate(r *run) outcome {
	var o outcome
	var all []declared
	lang := r.opt.Lang
	scope, code := l.scope(r)
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
			id, err := r.identify(e)
			if err != nil {
				o.err = err
				continue
			}
			if len(id.IDs) == 0 {
				// Not a licence a successor can rely on: named, but no pass.
				ev := finding.Evidence{Path: e.Path, Detail: licence.Unidentified(id.FirstLine, lang)}
				if l.mode == "present" {
					o.rejected = append(o.rejected, ev)
				}
				all = append(all, declared{licence.Single(""), "", ev})
			}
			for _, x := range id.IDs {
				d, label := licence.Single(x), licence.Label(x, id.Titles[x], lang)
				all = append(all, declared{d, label, finding.Evidence{Path: e.Path, Detail: licence.Describe(d, label, scope, code, lang)}})
			}
		}
	}
	if l.mode == "present" {
		for _, d := range all {
			if len(d.d.Operands) > 0 {
				o.found = append(o.found, d.ev)
			}
		}
		return o
	}
	for _, e := range r.matched[l.manifestID] {
		facts, err := r.manifest(e)
		if err != nil || facts == nil || !manifest.OfProject(e.Path) {
			continue
		}
		for _, f := range facts.Licences {
			d := licence.Declare(manifest.SPDX(e.Path, f))
			all = append(all, declared{d, d.Name(), finding.Evidence{Path: e.Path, Line: f.Line,
				Detail: fmt.Sprintf("%s: %s — %s", f.Key, shorten(f.Value, 40), licence.Describe(d, d.Name(), scope, code, lang))}})
		}
	}
	return judgeLicences(all, scope, lang)
}

// scope says whether the repository holds code or only documents and
// data (licence.Classify).
func (l *licenceEvidence) scope(r *run) (licence.Scope, []string) {
	var paths []string
	for _, id := range []int{l.codeID, l.contentID} {
		for _, e := range r.matched[id] {
			paths = append(paths, e.Path)
		}
	}
	return licence.Classify(paths)
}

// judgeLicences passes when there is at least one licence, all may be
// used for what the repository holds, and they agree.
func judgeLicences(all []declared, scope licence.Scope, lang string) outcome {
	var o outcome
	if len(all) == 0 {
		return o
	}
	bad := false
	ds := make([]licence.Declaration, len(all))
	for i, d := range all {
		ds[i] = d.d
		if !d.d.Allowed(scope) {
			bad = true
		}
	}
	if ok, names := licence.Agree(ds); !ok {
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

// identify scans a licence file once per run.
func (r *run) identify(e source.Entry) (licence.Identified, error) {
	if id, ok := r.licences[e.Path]; ok {
		return id, nil
	}
	data, _, err := r.tree.Read(e, r.opt.MaxRead)
	if err != nil {
		return licence.Identified{}, err
	}
	id := licence.IdentifyCached(data, r.opt.CacheDir)
	r.licences[e.Path] = id
	return id, nil
}
