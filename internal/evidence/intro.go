package evidence

import (
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/passation/passation/internal/catalog"
	"github.com/passation/passation/internal/document"
	"github.com/passation/passation/internal/finding"
	"github.com/passation/passation/internal/globset"
	"github.com/passation/passation/internal/i18n"
	"github.com/passation/passation/internal/manifest"
	"github.com/passation/passation/internal/source"
	"github.com/passation/passation/internal/textfold"
)

var _ = register(Kind{
	Name:    "readme-intro",
	Values:  "true",
	Options: []string{"in", "min-words", "with"},
	Example: "`readme-intro: \"true\"`",
	Passes: [2]string{
		"the root README opens with at least `min-words` (25) words before its first section, or under a first heading that repeats the project's name (`# Registre` then `## Registre`), counted without its subsections, or under the README's title when a banner stands above it (\"⚠️ Not maintained anymore\", a `## ⚠ Deprecation` warning, then `# GeoHisto` and what the project is). An introduction that says the repository is only the back end or front end of a project in another repository, or that the project has moved there (\"Ce projet est le backend de [Radar](https://github.com/…)\"), describes nothing here. `with: {components: true}` reads the README at the root of the project's own components too, beside the root or in a workspace's `apps/` or `packages/` (`apps/web/README.md`, with its own manifest), not a script's or a tool's deeper down (`scripts/export/README.md`).",
		"le README racine s'ouvre sur au moins `min-words` (25) mots avant sa première section, ou sous un premier titre qui répète le nom du projet (`# Registre` puis `## Registre`), comptés sans ses sous-sections, ou sous le titre du README quand un bandeau le précède (« ⚠️ Ce dépôt n'est plus maintenu », un avertissement `## ⚠ Projet abandonné`, puis `# GeoHisto` et ce qu'est le projet). Une introduction qui dit que le dépôt n'est que le back-end ou le front-end d'un projet tenu dans un autre dépôt, ou que le projet y a été déplacé (« Ce projet est le backend de [Radar](https://github.com/…) »), ne décrit rien ici. `with: {components: true}` lit aussi le README des composants du projet placés à côté de la racine ou dans les `apps/` ou `packages/` d'un espace de travail (`apps/web/README.md`, qui a son propre manifeste), pas celui d'un script ou d'un outil rangé plus bas (`scripts/export/README.md`).",
	},
	Compile: compileIntro,
})

var introWords = i18n.Text{
	"intro.one":        {"introduction (%d word)", "introduction (%d mot)"},
	"intro.many":       {"introduction (%d words)", "introduction (%d mots)"},
	"intro-name.one":   {"introduction under the heading %q (%d word)", "introduction sous le titre « %s » (%d mot)"},
	"intro-name.many":  {"introduction under the heading %q (%d words)", "introduction sous le titre « %s » (%d mots)"},
	"intro-short.one":  {"introduction too short (%d word)", "introduction trop courte (%d mot)"},
	"intro-short.many": {"introduction too short (%d words)", "introduction trop courte (%d mots)"},
	"generated":        {"written by a project generator (%q) and left as it is: it says nothing of this project", "écrit par un générateur de projet (« %s ») et laissé tel quel : il ne dit rien de ce projet"},
	"elsewhere":        {"says this repository is a part or an old copy of a project described elsewhere (%s): it does not say what the product does", "dit que ce dépôt est une partie ou une ancienne copie d'un projet décrit ailleurs (%s) : il ne dit pas ce que fait le produit"},
	"desc-intro.one":   {"an introduction of at least %d word at the top of the README", "une introduction d'au moins %d mot en tête du README"},
	"desc-components":  {", or of an application component's README (apps/web/README.md)", ", ou du README d'un composant de l'application (apps/web/README.md)"},
	"desc-intro.many":  {"an introduction of at least %d words at the top of the README", "une introduction d'au moins %d mots en tête du README"},
}

// introEvidence: the opening paragraphs of a README, before its first
// section, say what the project is when they are long enough.
type introEvidence struct {
	ids      []int
	minWords int
	// components (with: {components: true}) reads the README at the root
	// of each of the project's own components too: a monorepo's root
	// README is often one line, its application's README the description.
	components bool
}

func compileIntro(ev catalog.Evidence, g *globset.Set) (Evidence, error) {
	if len(ev.Values) != 1 || ev.Values[0] != "true" {
		return nil, compileWords.Errorf("intro")
	}
	i := &introEvidence{minWords: ev.MinWords}
	if i.minWords == 0 {
		i.minWords = 25
	}
	p := newParams(ev)
	// in: names the READMEs to read, as they are.
	i.components = p.boolean("components") && len(ev.In) == 0
	if err := p.err(); err != nil {
		return nil, err
	}
	docs := []string{"/readme*"}
	if i.components {
		docs = append(docs, "**/readme*")
	}
	ids, err := addDocs(g, ev.In, docs)
	if err != nil {
		return nil, err
	}
	i.ids = ids
	return i, nil
}

func (i *introEvidence) Describe(lang string) string {
	d := introWords.Count(lang, "desc-intro", i.minWords)
	if i.components {
		d += introWords.In(lang, "desc-components")
	}
	return d
}

func (i *introEvidence) Evaluate(r Run) Outcome {
	var o Outcome
	var keep func(string) bool
	if i.components {
		// Decided on the path, before any README is read: one inside the
		// code or a side tool's is not opened at all.
		keep = func(p string) bool {
			dir := path.Dir(textfold.Fold(p))
			return dir == "." || r.Component(p) == dir && mainComponent(dir)
		}
	}
	eachDoc(r, i.ids, &o, keep, func(e source.Entry, d *document.Doc) {
		if d.Generator != "" {
			o.Rejected = append(o.Rejected, finding.Evidence{Path: e.Path, Line: 1, Detail: fmt.Sprintf(introWords.In(r.Lang(), "generated"), d.Generator)})
			return
		}
		if d.IntroWords < i.minWords && len(d.Sections) > 0 && namesProject(d.Sections[0].Words, d.Title) {
			// "# Registre" then "## Registre": the heading repeats the
			// name, and what follows it is the opening a reader reads.
			s := d.Sections[0]
			ev := finding.Evidence{Path: e.Path, Line: s.Line}
			if s.OwnWords >= i.minWords {
				ev.Detail = fmt.Sprintf(introWords.For(r.Lang(), "intro-name", s.OwnWords), s.Heading, s.OwnWords)
				o.Found = append(o.Found, ev)
				return
			}
		}
		if d.IntroElsewhere != "" {
			ev := finding.Evidence{Path: e.Path, Line: d.IntroLine}
			ev.Detail = fmt.Sprintf(introWords.In(r.Lang(), "elsewhere"), d.IntroElsewhere)
			o.Rejected = append(o.Rejected, ev)
			return
		}
		if d.IntroWords < i.minWords && d.Title == "" {
			// A banner above the title ("⚠️ Not maintained anymore",
			// "## ⚠ Déprécation de l'API"), then "# GeoHisto" and what the
			// project is: the lead a reader reads is under that title.
			if s, ok := titleAfterBanner(d); ok && s.OwnWords >= i.minWords {
				ev := finding.Evidence{Path: e.Path, Line: s.Line}
				ev.Detail = fmt.Sprintf(introWords.For(r.Lang(), "intro-name", s.OwnWords), s.Heading, s.OwnWords)
				o.Found = append(o.Found, ev)
				return
			}
		}
		if d.IntroWords == 0 {
			return
		}
		ev := finding.Evidence{Path: e.Path, Line: d.IntroLine}
		if d.IntroWords >= i.minWords {
			ev.Detail = introWords.Count(r.Lang(), "intro", d.IntroWords)
			o.Found = append(o.Found, ev)
		} else {
			ev.Detail = introWords.Count(r.Lang(), "intro-short", d.IntroWords)
			o.Rejected = append(o.Rejected, ev)
		}
	})
	return o
}

// titleAfterBanner finds a README's title below a banner: its first level-1
// heading, when a warning stands above it (a short notice, or level-2
// warnings) and it names the project rather than a part of the README
// ("# Installation", "# Table des matières").
func titleAfterBanner(d *document.Doc) (document.Section, bool) {
	banner := d.Banner
	for n, s := range d.Sections {
		if n >= maxBanners {
			break
		}
		if s.Level != 1 {
			// "## ⚠ Déprécation de l'API" and its few lines.
			banner = banner || document.IsWarning(s.Heading)
			continue
		}
		if !banner {
			return document.Section{}, false
		}
		if len(s.Words) == 0 || len(s.Words) > 4 || document.ReadmePart(s.Words) {
			return document.Section{}, false
		}
		return s, true
	}
	return document.Section{}, false
}

// maxBanners is how many warnings may stand above a README's title.
const maxBanners = 4

// mainComponent: a component folder where the application itself lives,
// beside the root ("front/", "back/") or in a workspace's apps/ or
// packages/; not a script or an analytics tool deeper down.
func mainComponent(dir string) bool {
	parts := strings.Split(dir, "/")
	if !manifest.OfProject(dir + "/README.md") {
		return false // scripts/, tools/, docs/, examples/…: a helper's manifest
	}
	return len(parts) == 1 || len(parts) == 2 && (parts[0] == "apps" || parts[0] == "packages")
}

// namesProject: a heading whose words are those of the README's title.
func namesProject(heading []string, title string) bool {
	t := textfold.Words(title)
	return len(t) > 0 && slices.Equal(heading, t)
}
