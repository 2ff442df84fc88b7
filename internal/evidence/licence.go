package evidence

import (
	"fmt"
	"sort"
	"strings"

	"github.com/passation/passation/internal/catalog"
	"github.com/passation/passation/internal/finding"
	"github.com/passation/passation/internal/globset"
	"github.com/passation/passation/internal/i18n"
	"github.com/passation/passation/internal/licence"
)

var _ = register(Kind{
	Name:    "licence",
	Values:  "strings",
	Example: "`licence: authorised`",
	Passes: [2]string{
		"`present`: a licence file (`LICENSE`, `LICENCE.txt`, `COPYING`, REUSE `LICENSES/`) that is not a stub, named by google/licensecheck. `authorised`: every licence declared — files, manifests, publiccode.yml — is identified, the same everywhere, and on the list of CRPA art. D.323-2-1 (e.g. `LICENSE` with the ISC text fails: not on the list; MIT in LICENSE and Apache-2.0 in package.json fail: they disagree).",
		"`present` : un fichier de licence (`LICENSE`, `LICENCE.txt`, `COPYING`, `LICENSES/` de REUSE) qui n'est pas vide, reconnu par google/licensecheck. `authorised` : toute licence déclarée — fichiers, manifestes, publiccode.yml — est identifiée, la même partout, et sur la liste de l'article D.323-2-1 du CRPA (par exemple `LICENSE` avec le texte ISC échoue : absente de la liste ; MIT dans LICENSE et Apache-2.0 dans package.json échouent : elles diffèrent).",
	},
	Needs:   Needs{Licences: true, Manifests: true},
	Compile: compileLicence,
})

var licenceWords = i18n.Text{
	"desc-licence-ok": {"every licence declared (files, manifests, publiccode.yml) identified, the same everywhere, and on the list of article D.323-2-1 of the CRPA", "toute licence déclarée (fichiers, manifestes, publiccode.yml) identifiée, la même partout, et sur la liste de l'article D.323-2-1 du CRPA"},
	"lic-ok":          {"%s, authorised for public administrations' code", "%s, autorisée pour le code des administrations"},
	"lic-reciprocal":  {"%s, authorised for public administrations' code (with reciprocity)", "%s, autorisée pour le code des administrations (avec réciprocité)"},
	"lic-not-listed":  {"%s, not on the list of licences authorised for public administrations (CRPA art. D.323-2-1)", "%s, absente de la liste des licences autorisées pour les administrations (CRPA art. D.323-2-1)"},
	"lic-unknown":     {"licence not recognised", "licence non reconnue"},
	"lic-disagree":    {"the licences declared disagree: %s", "les licences déclarées diffèrent : %s"},
}

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

func compileLicence(ev catalog.Evidence, g *globset.Set) (Evidence, error) {
	if len(ev.Values) != 1 || (ev.Values[0] != "present" && ev.Values[0] != "authorised") {
		return nil, fmt.Errorf("expected licence: present or licence: authorised")
	}
	l := &licenceEvidence{mode: ev.Values[0]}
	ids, err := g.AddAll(licenceFiles)
	if err != nil {
		return nil, err
	}
	l.files = ids
	id, err := g.Add(manifestGlob)
	if err != nil {
		return nil, err
	}
	l.manifestID = id
	return l, nil
}

func (l *licenceEvidence) Describe(lang string) string {
	if l.mode == "authorised" {
		return licenceWords.In(lang, "desc-licence-ok")
	}
	return fmt.Sprintf(words.In(lang, "desc-files"), quoteAll(licenceFiles, lang)) + words.In(lang, "desc-places")
}

// declared is one licence found somewhere, canonical id or "" when the
// text was not recognised.
type declared struct {
	id string
	ev finding.Evidence
}

func (l *licenceEvidence) Evaluate(r Run) Outcome {
	var o Outcome
	var all []declared
	lang := r.Lang()
	for _, gid := range l.files {
		for _, e := range r.Matched(gid) {
			if !isFile(e) {
				continue
			}
			reason, err := stub(r, e, 5)
			if err != nil {
				o.Err = err
				continue
			}
			if reason != "" {
				o.Rejected = append(o.Rejected, finding.Evidence{Path: e.Path, Detail: reason})
				continue
			}
			ids, err := r.Licences(e)
			if err != nil {
				o.Err = err
				continue
			}
			if len(ids) == 0 {
				all = append(all, declared{"", finding.Evidence{Path: e.Path, Detail: licenceWords.In(lang, "lic-unknown")}})
			}
			for _, id := range ids {
				all = append(all, declared{id, finding.Evidence{Path: e.Path, Detail: describeLicence(id, lang)}})
			}
		}
	}
	if l.mode == "present" {
		for _, d := range all {
			o.Found = append(o.Found, d.ev)
		}
		return o
	}
	for _, e := range r.Matched(l.manifestID) {
		facts, err := r.Manifest(e)
		if err != nil || facts == nil {
			continue
		}
		for _, f := range facts.Licences {
			id := licence.Canonical(f.Value)
			all = append(all, declared{id, finding.Evidence{Path: e.Path, Line: f.Line,
				Detail: fmt.Sprintf("%s: %s — %s", f.Key, Shorten(f.Value, 40), describeLicence(id, lang))}})
		}
	}
	return judgeLicences(all, lang)
}

// judgeLicences passes when there is at least one licence, all are on the
// list, and they agree.
func judgeLicences(all []declared, lang string) Outcome {
	var o Outcome
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
		o.Rejected = append(o.Rejected, finding.Evidence{Detail: fmt.Sprintf(licenceWords.In(lang, "lic-disagree"), strings.Join(names, ", "))})
		bad = true
	}
	for _, d := range all {
		if bad {
			o.Rejected = append(o.Rejected, d.ev)
		} else {
			o.Found = append(o.Found, d.ev)
		}
	}
	return o
}

func describeLicence(id, lang string) string {
	switch licence.Check(id) {
	case licence.Authorised:
		return fmt.Sprintf(licenceWords.In(lang, "lic-ok"), id)
	case licence.Reciprocal:
		return fmt.Sprintf(licenceWords.In(lang, "lic-reciprocal"), id)
	case licence.NotOnTheList:
		return fmt.Sprintf(licenceWords.In(lang, "lic-not-listed"), id)
	}
	return licenceWords.In(lang, "lic-unknown")
}
