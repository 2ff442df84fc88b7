package evidence

import (
	"fmt"
	"strings"

	"github.com/passation/passation/internal/catalog"
	"github.com/passation/passation/internal/finding"
	"github.com/passation/passation/internal/globset"
	"github.com/passation/passation/internal/i18n"
	"github.com/passation/passation/internal/licence"
	"github.com/passation/passation/internal/manifest"
	"github.com/passation/passation/internal/project"
)

var _ = register(Kind{
	Name:    "licence",
	Values:  "strings",
	Example: "`licence: authorised`",
	Passes: [2]string{
		"`present`: a licence file (`LICENSE`, `LICENCE.txt`, `COPYING`, REUSE `LICENSES/`) that is not a stub and whose licence is identified — by google/licensecheck, or for the French CeCILL texts and the Licence Ouverte by their clauses; a file naming no licence is *present but not identified*, its first line quoted, and no pass. `authorised`: every licence declared — files, manifests of the project itself, publiccode.yml — is identified, the same everywhere, and on the half of the list of CRPA art. D.323-2-1 that applies to what the repository holds (see [Licences](#licences-crpa-art-d323-2-1)).",
		"`present` : un fichier de licence (`LICENSE`, `LICENCE.txt`, `COPYING`, `LICENSES/` de REUSE) qui n'est pas vide et dont la licence est identifiée — par google/licensecheck, ou, pour les textes français de la CeCILL et la Licence Ouverte, par leurs clauses ; un fichier qui ne nomme aucune licence est *présent mais non identifié*, sa première ligne citée, et ne valide rien. `authorised` : toute licence déclarée — fichiers, manifestes du projet lui-même, publiccode.yml — est identifiée, la même partout, et sur la moitié de la liste de l'article D.323-2-1 du CRPA qui s'applique à ce que contient le dépôt (voir [Licences](#licences-crpa-art-d323-2-1)).",
	},
	Compile: compileLicence,
})

var licenceWords = i18n.Text{
	"desc-licence-ok": {"every licence declared (files, manifests, publiccode.yml) identified, the same everywhere, and on the list of article D.323-2-1 of the CRPA for what the repository holds (code, or documents and data)", "toute licence déclarée (fichiers, manifestes, publiccode.yml) identifiée, la même partout, et sur la liste de l'article D.323-2-1 du CRPA pour ce que contient le dépôt (code, ou documents et données)"},
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
	// codeID and contentID find what the repository holds, code or
	// documents, which decides the half of the list that applies.
	codeID, contentID int
}

func compileLicence(ev catalog.Evidence, g *globset.Set) (Evidence, error) {
	if len(ev.Values) != 1 || (ev.Values[0] != "present" && ev.Values[0] != "authorised") {
		return nil, compileWords.Errorf("licence")
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
	if l.codeID, err = g.Add(licence.CodeGlob); err != nil {
		return nil, err
	}
	if l.contentID, err = g.Add(licence.ContentGlob); err != nil {
		return nil, err
	}
	return l, nil
}

func (l *licenceEvidence) Describe(lang string) string {
	if l.mode == "authorised" {
		return licenceWords.In(lang, "desc-licence-ok")
	}
	return fmt.Sprintf(words.In(lang, "desc-files"), quoteAll(licenceFiles, lang)) + words.In(lang, "desc-places")
}

// declared is one licence found somewhere, and where.
type declared struct {
	d     licence.Declaration
	label string
	ev    finding.Evidence
}

func (l *licenceEvidence) Evaluate(r Run) Outcome {
	var o Outcome
	var all []declared
	lang := r.Lang()
	scope, code := l.scope(r)
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
			id, err := r.Licences(e)
			if err != nil {
				o.Err = err
				continue
			}
			if len(id.IDs) == 0 {
				// Not a licence a successor can rely on: named, but no pass.
				ev := finding.Evidence{Path: e.Path, Detail: licence.Unidentified(id.FirstLine, lang)}
				if l.mode == "present" {
					o.Rejected = append(o.Rejected, ev)
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
				o.Found = append(o.Found, d.ev)
			}
		}
		return o
	}
	for _, e := range r.Matched(l.manifestID) {
		facts, err := r.Manifest(e)
		if err != nil || facts == nil || !manifest.OfProject(e.Path) {
			continue
		}
		for _, f := range facts.Licences {
			d := licence.Declare(manifest.SPDX(e.Path, f))
			all = append(all, declared{d, d.Name(), finding.Evidence{Path: e.Path, Line: f.Line,
				Detail: fmt.Sprintf("%s: %s — %s", f.Key, Shorten(f.Value, 40), licence.Describe(d, d.Name(), scope, code, lang))}})
		}
	}
	return judgeLicences(ownFirst(r, all), scope, lang)
}

// ownFirst keeps the project's own declarations, those at its root, when
// there are any: a component's generated package.json saying "MIT" is no
// second licence beside the root's LICENSE (rules/ give licence-authorised
// the same scopes).
func ownFirst(r Run, all []declared) []declared {
	var root []declared
	for _, d := range all {
		if r.ScopeOf(d.ev.Path) == project.Root {
			root = append(root, d)
		}
	}
	if len(root) == 0 {
		return all
	}
	return root
}

// scope says whether the repository holds code or only documents and
// data (licence.Classify).
func (l *licenceEvidence) scope(r Run) (licence.Scope, []string) {
	var paths []string
	for _, id := range []int{l.codeID, l.contentID} {
		for _, e := range r.Matched(id) {
			paths = append(paths, e.Path)
		}
	}
	return licence.Classify(paths)
}

// judgeLicences passes when there is at least one licence, all may be
// used for what the repository holds, and they agree.
func judgeLicences(all []declared, scope licence.Scope, lang string) Outcome {
	var o Outcome
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
