package check_test

import (
	"strings"
	"testing"

	"github.com/passation/passation/internal/check"
	"github.com/passation/passation/internal/checktest"
	"github.com/passation/passation/internal/finding"
	"github.com/passation/passation/internal/testrepo"
)

// prose is enough real text for any document to count.
const prose = "Cette page décrit en détail ce que l'équipe a fait, pourquoi, et comment reprendre le travail après la fin du défi. It explains every step for the next team."

var mitText = testrepo.MITLicence("2026 Équipe du défi")

func section(title string) string { return "# Projet\n\n## " + title + "\n\n" + prose + "\n" }

// ruleCases gives, for every rule of the catalogue, a repository that
// satisfies it and one that does not (a near miss where there is one).
var ruleCases = []struct {
	rule       string
	pass, fail map[string]string
}{
	{"astonishment-report", map[string]string{"docs/rapport-d-étonnement.md": prose}, map[string]string{"docs/rapport.md": prose}},
	{"interview-notes", map[string]string{"docs/entretiens/dgfip-2024-03.md": prose}, map[string]string{"docs/notes.md": prose}},
	{"stakeholder-list", map[string]string{"README.md": section("Personnes rencontrées")}, map[string]string{"README.md": section("Personnes")}},
	{"needs-summary", map[string]string{"docs/synthese-des-besoins.md": prose}, map[string]string{"docs/synthese.md": prose}},
	{"current-state", map[string]string{"README.md": section("État des lieux")}, map[string]string{"README.md": section("État")}},
	{"functional-description", map[string]string{"README.md": "# Outil\n\n" + prose + " " + prose + "\n"}, map[string]string{"README.md": "# Outil\n\nUn outil.\n"}},
	{"user-manual", map[string]string{"docs/Manuel utilisateur.md": prose}, map[string]string{"README.md": section("Usage")[:22] + "TODO\n"}},
	{"technical-docs", map[string]string{"README.md": section("Documentation technique")}, map[string]string{"README.md": section("Documentation")}},
	{"install-guide", map[string]string{"README.md": "# Outil\n\n## Lancer le projet\n\n```sh\nnpm ci\nnpm start\n```\n"}, map[string]string{"INSTALL.md": "# Installation\n\n[À compléter]\n"}},
	{"architecture-diagram", map[string]string{"documentation/Archi technique.svg": "<svg/>"}, map[string]string{"docs/logo.svg": "<svg/>"}},
	{"training-material", map[string]string{"docs/formation/support.pdf": "%PDF-1.4"}, map[string]string{"docs/support.pdf": "%PDF-1.4"}},
	{"source-code", map[string]string{"src/app.py": "print('ok')\n"}, map[string]string{"notes.txt": prose}},
	{"project-plan", map[string]string{"docs/planning.md": prose}, map[string]string{"docs/plan.md": prose}},
	{"progress-reports", map[string]string{"docs/comptes-rendus/2024-01-15.md": prose}, map[string]string{"docs/2024-01-15.md": prose}},
	{"roadmap", map[string]string{"README.md": section("Feuille de route")}, map[string]string{"ROADMAP.md": ""}},
	{"related-projects", map[string]string{"README.md": section("Projets connexes")}, map[string]string{"README.md": section("Projets")}},
	{"presentations", map[string]string{"docs/presentation-dsi.pdf": "%PDF-1.4"}, map[string]string{"docs/dsi.pdf": "%PDF-1.4"}},
	{"pitch", map[string]string{"docs/pitch-demo-day.pdf": "%PDF-1.4"}, map[string]string{"docs/demo-day.txt": ""}},
	{"blog-posts", map[string]string{"README.md": section("Articles de blog")}, map[string]string{"README.md": section("Sources")}},
	{"retrospective", map[string]string{"docs/retrospective.md": prose}, map[string]string{"docs/notes-equipe.md": prose}},
	{"licence", map[string]string{"LICENCE": mitText}, map[string]string{"node_modules/x/LICENSE": "MIT License, permission is hereby granted"}},
	{"licence-authorised", map[string]string{"LICENSE": mitText, "package.json": `{"name": "outil", "license": "MIT"}`}, map[string]string{"LICENSE": mitText, "package.json": `{"name": "outil", "license": "ISC"}`}},
	{"maintainer", map[string]string{".github/CODEOWNERS": "* @equipe-passation\n"}, map[string]string{"README.md": "# Outil\n\n## Maintenance\n\n## Licence\n\nMIT\n"}},
	{"deployment-guide", map[string]string{"README.md": section("Mise en production")}, map[string]string{"README.md": section("Production")[:27]}},
	{"incident-response", map[string]string{"docs/runbook.md": prose}, map[string]string{"docs/run.md": prose}},
	{"sustainability-plan", map[string]string{"docs/note-de-pérennisation.md": prose}, map[string]string{"docs/note.md": prose}},
	{"dependency-inventory", map[string]string{"backend/requirements.txt": "flask==3.0\n"}, map[string]string{"backend/app.txt": "flask"}},
	{"contributing", map[string]string{"CONTRIBUTING.md": prose}, map[string]string{"vendor/lib/CONTRIBUTING.md": prose}},
	{"changelog", map[string]string{"CHANGELOG.md": "# Changelog\n\n## 1.0.0\n\n- première version publique\n"}, map[string]string{"node_modules/react/CHANGELOG.md": prose}},
	{"publiccode", map[string]string{"publiccode.yml": "publiccodeYmlVersion: \"0.4\"\nname: outil\n"}, map[string]string{"docs/publiccode.yml": "name: outil\n"}},
}

func TestEveryRuleHasCases(t *testing.T) {
	cat, _ := checktest.Embedded(t)
	have := map[string]bool{}
	for _, c := range ruleCases {
		have[c.rule] = true
	}
	checklist := 0
	for _, r := range cat.Rules {
		if r.Group == "history" {
			continue // history_test.go builds a history for each of these
		}
		checklist++
		if !have[r.ID] {
			t.Errorf("rule %q has no pass/fail case in ruleCases", r.ID)
		}
	}
	if checklist != 30 {
		t.Errorf("catalogue has %d rules outside the history group, want the 30 of the catalogue", checklist)
	}
}

func TestRulePassAndFail(t *testing.T) {
	_, c := checktest.Embedded(t)
	for _, tc := range ruleCases {
		t.Run(tc.rule, func(t *testing.T) {
			t.Parallel()
			if got := checktest.Status(t, c, tc.pass, tc.rule); got.Status != finding.Pass {
				t.Errorf("pass case: status %s, want pass (%s)", got.Status, got.Message)
			} else if len(got.Evidence) == 0 || got.Evidence[0].Path == "" {
				t.Errorf("pass case: no evidence named: %+v", got)
			}
			if got := checktest.Status(t, c, tc.fail, tc.rule); got.Status != finding.Fail {
				t.Errorf("fail case: status %s, want fail (evidence %+v)", got.Status, got.Evidence)
			}
		})
	}
}

func TestStubsAreReportedNotPassed(t *testing.T) {
	_, c := checktest.Embedded(t)
	cases := map[string]struct {
		files  map[string]string
		rule   string
		reason string
	}{
		"empty file":       {map[string]string{"INSTALL.md": ""}, "install-guide", "present but empty"},
		"todo template":    {map[string]string{"INSTALL.md": "# Installation\n\nTODO\n"}, "install-guide", "template left unfilled"},
		"lorem ipsum":      {map[string]string{"ROADMAP.md": "# Roadmap\n\nLorem ipsum dolor sit amet.\n"}, "roadmap", "template left unfilled"},
		"placeholders":     {map[string]string{"MAINTAINERS.md": "# Mainteneurs\n\n{{ maintainer }}\n"}, "maintainer", "template left unfilled"},
		"empty section":    {map[string]string{"README.md": "# Outil\n\n## Installation\n\n## Usage\n\nnpm start et voilà tout ce qu'il faut\n"}, "install-guide", "present but empty"},
		"empty binary doc": {map[string]string{"docs/architecture.png": ""}, "architecture-diagram", "present but empty"},
		"note to self":     {map[string]string{"INSTALL.md": "# Installation\n\nTODO: write the installation steps.\n"}, "install-guide", "template left unfilled (\"todo\")"},
		"note in French":   {map[string]string{"docs/deploiement.md": "# Déploiement\n\n*À compléter par l'équipe.*\n"}, "deployment-guide", "template left unfilled (\"a completer\")"},
		"lorem paragraph": {map[string]string{"CONTRIBUTING.md": "# Contributing\n\nLorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua.\n"},
			"contributing", "template left unfilled"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			got := checktest.Status(t, c, tc.files, tc.rule)
			if got.Status != finding.Fail {
				t.Fatalf("status %s, want fail", got.Status)
			}
			if len(got.Evidence) == 0 || !strings.Contains(got.Evidence[0].Detail, tc.reason) {
				t.Fatalf("evidence %+v does not say %q", got.Evidence, tc.reason)
			}
		})
	}
}

func TestEvidenceNamesHeadingAndLine(t *testing.T) {
	_, c := checktest.Embedded(t)
	got := checktest.Status(t, c, map[string]string{"README.fr.md": "# Outil\n\nIntro.\n\n## Mise en production\n\nLe déploiement se fait avec Ansible sur les serveurs du ministère.\n"}, "deployment-guide")
	want := finding.Evidence{Path: "README.fr.md", Line: 5, Detail: `section "Mise en production"`}
	if got.Status != finding.Pass || got.Evidence[0].String() != want.String() {
		t.Fatalf("got %s %+v, want pass with %+v", got.Status, got.Evidence, want)
	}
}

func TestScriptsDoNotCountAsDocuments(t *testing.T) {
	_, c := checktest.Embedded(t)
	if got := checktest.Status(t, c, map[string]string{"install.sh": "#!/bin/sh\nnpm ci && npm run build && npm start\n"}, "install-guide"); got.Status != finding.Fail {
		t.Fatalf("install.sh counted as an installation guide: %+v", got)
	}
}

// A folder with its own manifest and a licence naming another copyright
// holder is a copy of another project: its README sections do not count.
func TestBundledProjectDoesNotCount(t *testing.T) {
	_, c := checktest.Embedded(t)
	files := map[string]string{
		"LICENSE":              strings.Replace(mitText, "Équipe du défi", "Ministère de l'Exemple", 1),
		"cms/composer.json":    `{"name": "acme/cms"}`,
		"cms/LICENSE":          strings.Replace(mitText, "Équipe du défi", "Acme CMS Contributors", 1),
		"cms/README.md":        section("Contributing"),
		"backend/package.json": `{"name": "outil-backend"}`,
		"backend/LICENSE":      strings.Replace(mitText, "Équipe du défi", "Ministère de l'Exemple", 1),
		"backend/README.md":    section("Déploiement"),
	}
	if got := checktest.Status(t, c, files, "contributing"); got.Status != finding.Fail {
		t.Errorf("a bundled project's README satisfied contributing: %+v", got.Evidence)
	}
	if got := checktest.Status(t, c, files, "deployment-guide"); got.Status != finding.Pass {
		t.Errorf("the project's own component was taken for a bundled copy: %+v", got)
	}
}

func TestFailSaysWhatWasLookedFor(t *testing.T) {
	_, c := checktest.Embedded(t)
	got := checktest.Status(t, c, map[string]string{"README.md": "# Outil\n"}, "changelog")
	if got.Status != finding.Fail || len(got.LookedFor) == 0 || !strings.Contains(strings.Join(got.LookedFor, " "), "changelog*") {
		t.Fatalf("looked_for = %q", got.LookedFor)
	}
}

// A to-do list says what is left to do, and a paragraph that opens with
// TODO can go on to say something: neither is a stub.
func TestToDoItemsAreContent(t *testing.T) {
	_, c := checktest.Embedded(t)
	cases := map[string]struct {
		files map[string]string
		rule  string
	}{
		"to-do list as a roadmap": {map[string]string{"README.md": "# Outil\n\n## Roadmap\n\n- TODO: publish the gas tariffs\n- TODO: warn subscribers of new decisions\n"}, "roadmap"},
		"note then content":       {map[string]string{"README.md": "# Outil\n\n## Déploiement\n\nTODO : automatiser. En attendant, la mise en production se fait à la main avec deploy.sh sur le serveur de l'agence.\n"}, "deployment-guide"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			if got := checktest.Status(t, c, tc.files, tc.rule); got.Status != finding.Pass {
				t.Fatalf("status %s, want pass (%+v)", got.Status, got.Evidence)
			}
		})
	}
}

// Folder patterns whose "**" matches no folder at all: docs/** covers
// docs/ itself, and **/entretiens the root's entretiens/.
func TestFolderPatternsAtEveryDepth(t *testing.T) {
	_, c := checktest.Embedded(t)
	cases := []struct {
		rule  string
		files map[string]string
	}{
		{"interview-notes", map[string]string{"entretiens/2024-03-dgfip.md": prose}},
		{"interview-notes", map[string]string{"docs/entretiens/2024-03-dgfip.md": prose}},
		{"training-material", map[string]string{"formation/support.pdf": "%PDF-1.4"}},
		{"technical-docs", map[string]string{"doc/reference.md": strings.Repeat(prose+" ", 3)}},
		// Two folders with as many patterns each must not share a matcher.
		{"technical-docs", map[string]string{".github/workflows/ci.yaml": "on: push", ".github/.gitignore": "x", "man/fit.Rd": "\\name{fit}"}},
	}
	for _, tc := range cases {
		if got := checktest.Status(t, c, tc.files, tc.rule); got.Status != finding.Pass {
			t.Errorf("%s with %v: %s", tc.rule, tc.files, got.Status)
		}
	}
}

// The rules read the parts of the project their scopes name: the
// maintainers at the root only, the licence at the root first (a
// component's only when the root declares none), no diagram among the images the application serves, nothing in
// an editor's configuration.
func TestRulesReadTheirScopes(t *testing.T) {
	_, c := checktest.Embedded(t)
	root := `{"name": "outil", "author": "Jeanne Martin <jeanne.martin@example.gouv.fr>"}`
	back := `{"name": "outil-back", "author": "Paul Durand <paul@example.org>"}`

	got := checktest.Status(t, c, map[string]string{"package.json": root, "back/package.json": back}, "maintainer")
	if got.Status != finding.Pass || len(got.Evidence) != 1 || got.Evidence[0].Path != "package.json" {
		t.Errorf("the root names a maintainer: want it alone, got %v %v", got.Status, got.Evidence)
	}
	got = checktest.Status(t, c, map[string]string{"package.json": `{"name": "outil"}`, "back/package.json": back}, "maintainer")
	if got.Status != finding.Fail {
		t.Errorf("the root names none: a component's author is who wrote that part, want fail, got %v %v", got.Status, got.Evidence)
	}
	got = checktest.Status(t, c, map[string]string{"package.json": `{"name": "outil"}`, "back/package.json": `{"name": "outil-back"}`, "back/README.md": "# Outil\n\n## Licence\n\nMIT, voir le dépôt.\n"}, "licence")
	if got.Status != finding.Pass || len(got.Evidence) == 0 || got.Evidence[0].Path != "back/README.md" {
		t.Errorf("the root declares no licence: want the component's, got %v %v", got.Status, got.Evidence)
	}
	// A component's manifest field alone is most often its scaffold's default.
	got = checktest.Status(t, c, map[string]string{"package.json": `{"name": "outil"}`, "back/package.json": `{"name": "outil-back", "license": "ISC"}`}, "licence")
	if got.Status != finding.Fail {
		t.Errorf("only a component's manifest declares a licence: want fail, got %v %v", got.Status, got.Evidence)
	}

	mixed := map[string]string{"LICENSE": mitText, "package.json": `{"name": "outil", "license": "MIT"}`, "back/package.json": `{"name": "outil-back", "license": "Apache-2.0"}`}
	if got = checktest.Status(t, c, mixed, "licence-authorised"); got.Status != finding.Pass {
		t.Errorf("a component's generated licence made the project's disagree: %v %v", got.Status, got.Evidence)
	}

	served := map[string]string{"static/img/architecture.png": "\x89PNG", "README.md": "# Outil\n"}
	got = checktest.StatusWith(t, c, served, "architecture-diagram", check.Options{Explain: true})
	if got.Status != finding.Fail {
		t.Fatalf("an image the application serves passed architecture-diagram: %v", got.Evidence)
	}
	said := false
	for _, cand := range got.Considered {
		for _, e := range cand.Refused {
			said = said || e.Path == "static/img/architecture.png" && strings.Contains(e.Detail, "serves")
		}
	}
	if !said {
		t.Errorf("--explain does not say the image is served by the application: %+v", got.Considered)
	}
	if got = checktest.Status(t, c, served, "architecture-diagram"); len(got.Evidence) != 0 {
		t.Errorf("a failing verdict lists the images the application serves: %v", got.Evidence)
	}
	got = checktest.Status(t, c, map[string]string{"docs/img/architecture.png": "\x89PNG", "README.md": "# Outil\n"}, "architecture-diagram")
	if got.Status != finding.Pass {
		t.Errorf("the documentation's own image failed architecture-diagram: %v", got)
	}

	got = checktest.Status(t, c, map[string]string{".cursor/user-guide.md": prose, "README.md": "# Outil\n"}, "user-manual")
	if got.Status != finding.Fail {
		t.Errorf("an editor's configuration passed user-manual: %v", got.Evidence)
	}
}

// A documentation site's table of contents is no document of its own (its
// headings group links), but the pages it lists are read wherever they are,
// as a reader opens them from the site's menu.
func TestSitePagesAreRead(t *testing.T) {
	_, c := checktest.Embedded(t)
	page := "# Utiliser l'outil\n\n## Premiers pas\n\n" + prose + " " + prose + "\n"
	summary := "# Table des matières\n\n* [Accueil](README.md)\n\n## Mainteneurs\n\n* [Prise en main](guides/prise%20en%20main.md)\n"
	files := map[string]string{"README.md": "# Outil\n\n" + prose + "\n", "guides/prise en main.md": page}
	if got := checktest.Status(t, c, files, "user-manual"); got.Status != finding.Fail {
		t.Fatalf("a page no menu lists, outside the documentation folders, was read: %v", got.Evidence)
	}
	files["SUMMARY.md"] = summary
	got := checktest.Status(t, c, files, "user-manual")
	if got.Status != finding.Pass || got.Evidence[0].Path != "guides/prise en main.md" {
		t.Errorf("the page SUMMARY.md lists was not read: %v %v", got.Status, got.Evidence)
	}
	if got := checktest.Status(t, c, files, "maintainer"); got.Status != finding.Fail {
		t.Errorf("a heading of the table of contents counted: %v", got.Evidence)
	}
}

// A file without an extension that opens with "#!" is a program named for
// the task (deploy, install), not a guide to it; a text of that name is.
func TestScriptNamedLikeAGuide(t *testing.T) {
	_, c := checktest.Embedded(t)
	script := "\n#!/bin/bash\n\necho \"Start deploy\"\nssh root@web-01.example.gouv.fr 'cd /var/www/site && git pull'\n"
	if got := checktest.Status(t, c, map[string]string{"deploy": script, "README.md": "# Site\n"}, "deployment-guide"); got.Status != finding.Fail {
		t.Errorf("a deployment script passed deployment-guide: %v", got.Evidence)
	}
	if got := checktest.Status(t, c, map[string]string{"DEPLOY": prose, "README.md": "# Site\n"}, "deployment-guide"); got.Status != finding.Pass {
		t.Errorf("a deployment text without extension failed: %v", got)
	}
}

// MkDocs reads the pages of its docs_dir, Docusaurus those of the docs/
// beside its configuration: so do the rules, wherever the site sits.
func TestSiteConfigurationsNameTheirPages(t *testing.T) {
	_, c := checktest.Embedded(t)
	page := "# Utiliser l'outil\n\n## Premiers pas\n\n" + prose + " " + prose + "\n"
	cases := map[string]map[string]string{
		"documentation-site/pages/guide.md": {"documentation-site/mkdocs.yml": "site_name: Outil\ndocs_dir: 'pages'\ntheme:\n  name: material\nmarkdown_extensions:\n  - pymdownx.emoji:\n      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"},
		"site/docs/guide.md":                {"site/docusaurus.config.js": "module.exports = { title: 'Outil' };\n"},
	}
	for pagePath, config := range cases {
		files := map[string]string{"README.md": "# Outil\n\n" + prose + "\n", pagePath: page}
		if got := checktest.Status(t, c, files, "user-manual"); got.Status != finding.Fail {
			t.Fatalf("%s read without a site: %v", pagePath, got.Evidence)
		}
		for k, v := range config {
			files[k] = v
		}
		if got := checktest.Status(t, c, files, "user-manual"); got.Status != finding.Pass || got.Evidence[0].Path != pagePath {
			t.Errorf("the site's page %s was not read: %v %v", pagePath, got.Status, got.Evidence)
		}
	}
}
