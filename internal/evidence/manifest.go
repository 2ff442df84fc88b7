package evidence

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/passation/passation/internal/catalog"
	"github.com/passation/passation/internal/document"
	"github.com/passation/passation/internal/finding"
	"github.com/passation/passation/internal/globset"
	"github.com/passation/passation/internal/i18n"
	"github.com/passation/passation/internal/licence"
	"github.com/passation/passation/internal/manifest"
	"github.com/passation/passation/internal/project"
	"github.com/passation/passation/internal/syserr"
)

var _ = register(Kind{
	Name:    "manifest",
	Values:  "strings",
	Example: "`manifest: people`",
	Passes: [2]string{
		"a package manifest or `publiccode.yml` declares it: `people` (package.json `author`/`maintainers`/`contributors`, composer.json and CITATION.cff `authors`, pyproject.toml `[project]` or `[tool.poetry]`, setup.py/setup.cfg, Cargo.toml, pom.xml `<developers>`, DESCRIPTION `Authors@R`/`Maintainer`, publiccode.yml `maintenance.contacts`/`contractors`), `licence` (the root's manifest only: a sub-package's `\"license\": \"ISC\"` is most often its scaffold's default), `documentation` or `roadmap` (URLs, shown as *declared elsewhere*). Placeholder values (`TODO`, `<your name>`, `UNLICENSED`) name nothing, and a person counts only with a way to reach them (an e-mail, a handle or a web address beyond a site's home page): a bare name, or an organisation with its home page (`INSEE (http://www.insee.fr)`), points a successor to nobody.",
		"un manifeste de paquet ou `publiccode.yml` le déclare : `people` (`author`/`maintainers`/`contributors` de package.json, `authors` de composer.json et CITATION.cff, `[project]` ou `[tool.poetry]` de pyproject.toml, setup.py/setup.cfg, Cargo.toml, `<developers>` de pom.xml, `Authors@R`/`Maintainer` de DESCRIPTION, `maintenance.contacts`/`contractors` de publiccode.yml), `licence` (le manifeste de la racine seulement : le `\"license\": \"ISC\"` d'un sous-paquet est le plus souvent la valeur par défaut de son générateur), `documentation` ou `roadmap` (des URL, signalées comme *conservées ailleurs*). Les valeurs de modèle (`TODO`, `<your name>`, `UNLICENSED`) ne nomment rien, et une personne ne compte qu'avec un moyen de la joindre (adresse électronique, identifiant ou adresse web autre que la page d'accueil d'un site) : un nom seul, ou un organisme avec sa page d'accueil (`INSEE (http://www.insee.fr)`), n'indique personne à un repreneur.",
	},
	Compile: compileManifest,
})

var manifestWords = i18n.Text{
	"desc-manifest":    {"%s declared in a package manifest or publiccode.yml", "%s, dans un manifeste de paquet ou publiccode.yml"},
	"detail-manifest":  {"declared as %s: %s", "déclaré dans le champ %s : %s"},
	"detail-elsewhere": {"declared elsewhere (%s): %s", "signalé ailleurs (%s) : %s"},
	"no-contact":       {"declared as %s with no contact (e-mail or address): %s", "déclaré dans le champ %s sans contact (adresse électronique ou web) : %s"},
}

// reachable reports whether a person declared in a manifest comes with a
// way to reach them: an e-mail address, a handle or a web address that is
// more than a site's home page ("INSEE (http://www.insee.fr)" names an
// organisation, "Jeanne (https://github.com/jeanne)" a person).
func reachable(v string) bool {
	if strings.Contains(v, "@") {
		return true
	}
	for _, u := range webAddress.FindAllString(v, -1) {
		if !homePage.MatchString(u) {
			return true
		}
	}
	return false
}

// webAddress is a web address in a manifest's people field.
var webAddress = regexp.MustCompile(`(?i)(?:https?://|www\.)[^\s()<>,]+`)

// homePage is a site's address with no path: an organisation's front door.
var homePage = regexp.MustCompile(`(?i)^(?:https?://)?(?:www\.)?[a-z0-9.-]+/?$`)

// manifestFacts are the facts a manifest evidence can ask for.
var manifestFacts = map[string]func(*manifest.Facts) []manifest.Fact{
	"people":        func(f *manifest.Facts) []manifest.Fact { return f.People },
	"licence":       func(f *manifest.Facts) []manifest.Fact { return f.Licences },
	"documentation": func(f *manifest.Facts) []manifest.Fact { return f.Documentation },
	"roadmap":       func(f *manifest.Facts) []manifest.Fact { return f.Roadmap },
}

// manifestEvidence: a fact declared in a package manifest or publiccode.yml
// (authors, licence, a link to documentation kept elsewhere).
type manifestEvidence struct {
	facts []string
	id    int
}

func compileManifest(ev catalog.Evidence, g *globset.Set) (Evidence, error) {
	m := &manifestEvidence{facts: ev.Values}
	for _, v := range ev.Values {
		if manifestFacts[v] == nil {
			return nil, compileWords.Errorf("manifest", v)
		}
	}
	id, err := g.Add(manifestGlob)
	if err != nil {
		return nil, err
	}
	m.id = id
	return m, nil
}

// factNames say, in each language, what a manifest evidence looks for.
var factNames = i18n.Text{
	"people":        {"people (authors, maintainers)", "des personnes (auteurs, mainteneurs)"},
	"licence":       {"a licence", "une licence"},
	"documentation": {"a link to the documentation", "un lien vers la documentation"},
	"roadmap":       {"a link to the roadmap", "un lien vers la feuille de route"},
}

func (m *manifestEvidence) Describe(lang string) string {
	names := make([]string, len(m.facts))
	for i, f := range m.facts {
		names[i] = factNames.In(lang, f)
	}
	return fmt.Sprintf(manifestWords.In(lang, "desc-manifest"), strings.Join(names, ", "))
}

func (m *manifestEvidence) Evaluate(r Run) Outcome {
	var o Outcome
	for _, e := range r.Matched(m.id) {
		if !isFile(e) {
			continue
		}
		facts, err := r.Manifest(e)
		if err != nil {
			// A malformed manifest says nothing; the other evidence decides.
			// The project's own (at the root) is worth a word, not the
			// templates and examples deeper down.
			if !strings.Contains(e.Path, "/") {
				o.Rejected = append(o.Rejected, finding.Evidence{Path: e.Path, Detail: syserr.Of(err).In(r.Lang())})
			}
			continue
		}
		for _, want := range m.facts {
			for _, f := range manifestFacts[want](facts) {
				if _, ph := document.Substance(f.Value); ph != "" {
					// A draft's "{{ name }}" declares nobody yet.
					o.Rejected = append(o.Rejected, finding.Evidence{Path: e.Path, Line: f.Line,
						Detail: fmt.Sprintf(words.In(r.Lang(), "stub-tmpl"), ph)})
					continue
				}
				if want == "people" && !reachable(f.Value) {
					// A bare name, often an organisation's, tells a
					// successor nobody to write to.
					o.Rejected = append(o.Rejected, finding.Evidence{Path: e.Path, Line: f.Line,
						Detail: fmt.Sprintf(manifestWords.In(r.Lang(), "no-contact"), f.Key, Shorten(f.Value, 80))})
					continue
				}
				if want == "licence" && (!manifest.OfProject(e.Path) || r.ScopeOf(e.Path) != project.Root || len(licence.Declare(manifest.SPDX(e.Path, f)).Operands) == 0) {
					// A helper's manifest, a component's (its scaffold's
					// default "ISC" more often than a choice), or no
					// licence one can name.
					continue
				}
				key := "detail-manifest"
				if want == "documentation" || want == "roadmap" {
					key = "detail-elsewhere"
				}
				o.Found = append(o.Found, finding.Evidence{Path: e.Path, Line: f.Line,
					Detail: fmt.Sprintf(manifestWords.In(r.Lang(), key), f.Key, Shorten(f.Value, 80))})
			}
		}
	}
	return o
}
