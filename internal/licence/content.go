package licence

import (
	"path"
	"strings"
)

// codeExts are programs and scripts: what article D.323-2-1 calls software.
// Stylesheets, markup, data and configuration are not on it.
var codeExts = []string{"py", "js", "ts", "go", "rb", "php", "java", "sh", "bash", "ps1", "rs", "c", "h",
	"cpp", "cs", "kt", "scala", "swift", "lua", "r", "jsx", "tsx", "vue", "mjs", "cjs", "svelte", "sql",
	"pl", "ex", "exs", "dart", "ipynb", "jl", "m", "f90", "hs", "clj", "groovy"}

// contentExts are documents and data.
var contentExts = []string{"md", "markdown", "rst", "adoc", "org", "txt", "html", "htm", "pdf", "odt",
	"docx", "ods", "xlsx", "odp", "pptx", "csv", "tsv", "geojson", "parquet", "png", "jpg", "jpeg",
	"svg", "gif", "webp"}

// CodeGlob and ContentGlob find a repository's source files and its
// documents and data, for Classify.
var (
	CodeGlob    = "**/*.{" + strings.Join(codeExts, ",") + "}"
	ContentGlob = "**/*.{" + strings.Join(contentExts, ",") + "}"
)

// metaNames are the files every repository has, code or not: they say
// nothing of what it holds.
var metaNames = []string{"readme", "licence", "license", "copying", "changelog", "contributing",
	"code_of_conduct", "security", "authors", "maintainers", "notice"}

// Classify decides from a repository's file paths (bundled folders left
// out) whether it holds documents or data and no code: no source file
// outside the documentation folders and the hidden folders of tooling
// (.github/, a documentation generator's .vuepress/), and at least one
// document or data file besides the README, LICENSE and the like. It
// returns the source files found, a few for a report to quote. This is
// the tree's rough answer; a project model will refine it (a website's
// own scripts, a notebook of analyses).
func Classify(paths []string) (Scope, []string) {
	var code []string
	content := false
	for _, p := range paths {
		lp := strings.ToLower(p)
		ext := strings.TrimPrefix(path.Ext(lp), ".")
		if isDocsOrTooling(lp) {
			continue
		}
		switch {
		case has(codeExts, ext) || path.Base(lp) == "dockerfile" || path.Base(lp) == "makefile":
			code = append(code, p)
		case has(contentExts, ext) && !isMeta(lp):
			content = true
		}
	}
	if len(code) > 0 || !content {
		if len(code) > 3 {
			code = code[:3]
		}
		return Software, code
	}
	return Documents, nil
}

func isDocsOrTooling(p string) bool {
	for _, seg := range strings.Split(path.Dir(p), "/") {
		if strings.HasPrefix(seg, ".") && seg != "." || seg == "docs" || seg == "doc" || seg == "documentation" {
			return true
		}
	}
	return false
}

func isMeta(p string) bool {
	if strings.Contains(p, "/") {
		return false
	}
	base := strings.TrimSuffix(p, path.Ext(p))
	for _, m := range metaNames {
		if strings.HasPrefix(base, m) {
			return true
		}
	}
	return false
}

func has(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
