package document

import (
	"path"
	"strings"
)

// Type is what a file is to a reader, by its name.
type Type int

const (
	// Unknown names are read as documents when a rule asks for them.
	Unknown Type = iota
	// Prose is a document whose words can be counted (Markdown, text, rST).
	Prose
	// Program is source code or a script: what the code is made of.
	Program
	// Data is configuration, data or styling: never a document, and not
	// the code that documents describe either (a dependency bump changes it).
	Data
)

// types is the one table of file types by extension. Documents that are not
// prose (PDF, slides, images) are Unknown: they only need to be non-empty.
var types = map[string]Type{
	"": Prose, ".md": Prose, ".markdown": Prose, ".mdx": Prose, ".txt": Prose, ".rst": Prose,
	".adoc": Prose, ".asciidoc": Prose, ".org": Prose, ".text": Prose,

	".sh": Program, ".bash": Program, ".py": Program, ".js": Program, ".ts": Program, ".go": Program,
	".rb": Program, ".php": Program, ".java": Program, ".ps1": Program, ".bat": Program, ".cmd": Program,
	".pl": Program, ".r": Program, ".jsx": Program, ".tsx": Program, ".vue": Program, ".mjs": Program,
	".cjs": Program, ".rs": Program, ".c": Program, ".h": Program, ".cpp": Program, ".cs": Program,
	".kt": Program, ".scala": Program, ".swift": Program, ".lua": Program, ".svelte": Program,
	".sql": Program, ".ipynb": Program, ".ex": Program, ".exs": Program, ".dart": Program,

	".css": Data, ".scss": Data, ".json": Data, ".yml": Data, ".yaml": Data, ".toml": Data,
	".lock": Data, ".xml": Data, ".snap": Data,
}

// programNames are build and container files: code by another name.
var programNames = map[string]bool{"dockerfile": true, "makefile": true, "containerfile": true}

// TypeOf tells what a file is by its name.
func TypeOf(p string) Type {
	base := strings.ToLower(path.Base(p))
	if programNames[base] {
		return Program
	}
	ext := path.Ext(base)
	if len(ext) > 9 || strings.ContainsAny(ext, " -") {
		ext = "" // "LICENSE.Apache-2.0" or "README.fr" have no real extension
	}
	if ext == ".fr" || ext == ".en" {
		return Prose
	}
	return types[ext]
}

// IsText reports a document whose words can be counted.
func IsText(p string) bool { return TypeOf(p) == Prose }

// writtenFormats are the formats of documents that are read, not looked
// at: office documents, PDFs, web pages, e-books.
var writtenFormats = map[string]bool{
	".pdf": true, ".doc": true, ".docx": true, ".odt": true, ".rtf": true, ".html": true, ".htm": true,
	".epub": true, ".pptx": true, ".ppt": true, ".odp": true, ".key": true, ".tex": true, ".ipynb": true,
}

// IsWritten reports a document made of sentences (prose, an office
// document, a PDF, a web page), as against an image, a video or an archive:
// "manuel-utilisateur.png" explains nothing step by step.
func IsWritten(p string) bool {
	if TypeOf(p) == Prose {
		return true
	}
	return writtenFormats[strings.ToLower(path.Ext(p))]
}

// IsCode reports, by its extension, a program, script, data or
// configuration file: never a document, whatever its name.
func IsCode(p string) bool {
	switch types[strings.ToLower(path.Ext(p))] {
	case Program, Data:
		return true
	}
	return false
}

// IsSource reports a program: what installation guides and architecture
// documents describe, and what their freshness is measured against.
func IsSource(p string) bool { return TypeOf(p) == Program }

// IsYAML reports a YAML file by its extension.
func IsYAML(p string) bool {
	ext := strings.ToLower(path.Ext(p))
	return ext == ".yml" || ext == ".yaml"
}

// IsReadme reports a README, in any case and language ("README.fr.md").
func IsReadme(p string) bool { return strings.HasPrefix(foldedBase(p), "readme") }

// diagramLangs are the fenced code block languages that draw a diagram from
// text, which forges render in place (mermaid) or tools turn into images.
var diagramLangs = map[string]string{
	"mermaid": "mermaid", "plantuml": "PlantUML", "puml": "PlantUML", "dot": "Graphviz",
	"graphviz": "Graphviz", "d2": "D2", "structurizr": "Structurizr", "nomnoml": "nomnoml",
	asciiArt: "ASCII",
}

// DiagramKind names the diagram a fenced block of that (folded) language
// draws, if it draws one.
func DiagramKind(lang string) (string, bool) {
	k, ok := diagramLangs[lang]
	return k, ok
}
