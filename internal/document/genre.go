package document

import (
	"path"
	"regexp"
	"strings"

	"github.com/passation/passation/internal/textfold"
)

// Genre is what kind of writing a document is, by its name and place. Only
// Documentation describes the project to its successor: the headings of the
// other genres are versions, form fields, licence clauses or instructions
// to a tool, and a rule that looks for a section in "the documents" must
// not take them as evidence of another item.
type Genre int

const (
	// Documentation: a README, a page of docs/, a document at the root.
	Documentation Genre = iota
	// Changelog: headings are versions and commit titles ("Add roadmap page").
	Changelog
	// Template: an issue or pull-request form ("## Démo", "## Security").
	Template
	// LicenceText: the terms of a licence, not the project's own words.
	LicenceText
	// Legal: terms of service, legal notices, privacy policy of the service.
	Legal
	// AgentInstructions: instructions to a coding agent or an editor.
	AgentInstructions
	// Navigation: a documentation site's table of contents (GitBook's
	// SUMMARY.md, docsify's _sidebar.md): its headings group links to
	// pages, and say nothing themselves.
	Navigation
)

// navigationFiles are the tables of contents of documentation sites.
var navigationFiles = map[string]bool{"summary.md": true, "_sidebar.md": true, "_navbar.md": true}

// agentFiles are instruction files read by coding agents, whatever folder
// they are in.
var agentFiles = map[string]bool{
	"agents.md": true, "agent.md": true, "claude.md": true, "gemini.md": true,
	"copilot-instructions.md": true, ".cursorrules": true, ".windsurfrules": true,
}

// toolFolders hold the configuration of an editor or a coding agent.
var toolFolders = map[string]bool{
	".cursor": true, ".claude": true, ".vscode": true, ".idea": true, ".windsurf": true,
	".clinerules": true, ".continue": true, ".devcontainer": true, ".gemini": true,
}

// templateFolders hold forms that a forge offers when an issue or a merge
// request is opened.
var templateFolders = map[string]bool{
	"issue_template": true, "pull_request_template": true,
	"merge_request_templates": true, "issue_templates": true, "discussion_template": true,
}

// changelogStems open the name of a changelog ("CHANGELOG.md",
// "release-notes-2024.md", "journal-des-modifications.md").
var changelogStems = []string{"changelog", "changes-log", "release-notes", "releasenotes", "release_notes", "journal-des-modifications", "journal_des_modifications", "nouveautes", "notes-de-version"}

// changelogNames are changelogs only as the whole name ("HISTORY.md",
// "NEWS"), as "news" or "history" open many other names.
var changelogNames = map[string]bool{"changes": true, "history": true, "news": true, "historique": true}

// licenceStems open the name of a licence text ("LICENSE", "LICENCE.fr.md",
// "COPYING.LESSER").
var licenceStems = []string{"licence", "license", "copying", "copyright", "unlicense"}

// legalStems open the name of the legal pages of a service.
var legalStems = []string{
	"cgu", "cgv", "mentions-legales", "mentions_legales", "mentionslegales",
	"conditions-generales", "conditions_generales", "conditions-d-utilisation", "conditions-utilisation",
	"terms-of-service", "terms-of-use", "terms_of_service", "terms-and-conditions", "tos",
	"privacy", "privacy-policy", "politique-de-confidentialite", "politique_de_confidentialite",
	"confidentialite", "donnees-personnelles", "cookies", "accessibilite", "declaration-accessibilite",
}

// GenreOf tells the genre of the document at path p.
func GenreOf(p string) Genre {
	p = textfold.Fold(p)
	base := path.Base(p)
	dirs := strings.Split(path.Dir(p), "/")
	if agentFiles[base] {
		return AgentInstructions
	}
	if navigationFiles[base] {
		return Navigation
	}
	for _, d := range dirs {
		if toolFolders[d] {
			return AgentInstructions
		}
		if templateFolders[d] {
			return Template
		}
	}
	if len(dirs) > 0 && changelogFolders[dirs[len(dirs)-1]] {
		return Changelog
	}
	if strings.Contains(base, "pull_request_template") || strings.Contains(base, "merge_request_template") || strings.Contains(base, "issue_template") {
		return Template
	}
	if len(dirs) > 0 && (dirs[0] == ".github" || dirs[0] == ".gitlab") && strings.Contains(base, "template") {
		return Template
	}
	stem := nameStem(base)
	switch {
	case hasStem(stem, changelogStems) || changelogNames[stem]:
		return Changelog
	case hasStem(stem, licenceStems):
		return LicenceText
	case hasStem(stem, legalStems):
		return Legal
	}
	return Documentation
}

// changelogFolders hold one page of notes per release (docs/releases/1.2.md,
// changelog.d/ fragments): a changelog split in files.
var changelogFolders = map[string]bool{"releases": true, "release-notes": true, "release_notes": true,
	"changelog": true, "changelogs": true, "changelog.d": true, "changes": true}

// nameStem drops the extension and a language suffix: "changes.fr.md" is
// "changes", "history.rst" is "history".
func nameStem(base string) string {
	for i := 0; i < 2; i++ {
		ext := path.Ext(base)
		if ext == "" || len(ext) > 9 || ext == base {
			break
		}
		base = strings.TrimSuffix(base, ext)
	}
	return base
}

// hasStem: the name is one of the stems, or opens with one followed by a
// separator ("release-notes-2024", "licence_fr").
func hasStem(name string, stems []string) bool {
	for _, s := range stems {
		if name == s {
			return true
		}
		if rest, ok := strings.CutPrefix(name, s); ok && rest != "" && strings.ContainsRune("-_. ", rune(rest[0])) {
			return true
		}
	}
	return false
}

// versionHeading: "[2.3.0] - 2024-05-14", "version-94.2.95", "v1.2",
// "2024-05-14", "Unreleased" — the headings a changelog is made of.
var versionHeading = regexp.MustCompile(`(?i)(\d+\.\d+|\d{4}-\d{2}(-\d{2})?|\d{1,2}/\d{1,2}/\d{2,4}|\bunreleased\b|non publi|à venir dans la prochaine version)`)

// classify sets the document's genre from its path and, in a changelog,
// marks the change entries: the versions, what each lists, or every
// heading when there is no version to stand beside (any may be a commit
// title). A "TODO List" beside the versions stays the team's own section.
// Parse and ParsePDF call it once, so no rule judges it again.
func classify(d *Doc) {
	d.Genre = GenreOf(d.Path)
	if d.Genre != Changelog {
		return
	}
	versions := false
	versionLevel := 0 // level of the version the current section is under; 0 when none
	for i := range d.Sections {
		s := &d.Sections[i]
		if versionLevel > 0 && s.Level > versionLevel {
			s.ChangeEntry = true // inside a version
			continue
		}
		versionLevel = 0
		if versionHeading.MatchString(s.Heading) {
			versionLevel, versions = s.Level, true
			s.ChangeEntry = true
		}
	}
	if !versions {
		for i := range d.Sections {
			d.Sections[i].ChangeEntry = true
		}
	}
}
