package check

import (
	"path"
	"regexp"
	"strings"

	"github.com/passation/passation/internal/document"
	"github.com/passation/passation/internal/source"
	"github.com/passation/passation/internal/textfold"
)

// Documentation sites keep their pages where their generator says, not
// always under docs/ at the root: GitBook and docsify list them in a table
// of contents (SUMMARY.md, _sidebar.md), MkDocs reads the docs_dir of its
// mkdocs.yml (docs/ beside it by default), Docusaurus the docs/ beside its
// configuration. A reader opens them from the site's menu, so the rules
// read them as documentation, wherever the site sits.

// addSitePatterns registers the patterns that find sites and their pages.
func (c *Checker) addSitePatterns() error {
	var err error
	if c.navID, err = c.globs.Add("**/{summary,_sidebar}.md"); err != nil {
		return err
	}
	if c.siteID, err = c.globs.Add("**/{mkdocs.yml,mkdocs.yaml,docusaurus.config.js,docusaurus.config.ts,docusaurus.config.mjs}"); err != nil {
		return err
	}
	c.pageID, err = c.globs.Add("**/*.{md,mdx}")
	return err
}

// docsDir is the docs_dir key of mkdocs.yml (a regular expression: the
// file's other keys may carry Python tags a YAML decoder refuses).
var docsDir = regexp.MustCompile(`(?m)^docs_dir:\s*["']?([^"'#\s]+)`)

// SitePages lists, once per run, the pages of the documentation sites of
// the tree, among the Markdown files of the walk.
func (r *run) SitePages() []source.Entry {
	if r.pagesRead {
		return r.pages
	}
	r.pagesRead = true
	navs, sites := r.matched[r.checker.navID], r.matched[r.checker.siteID]
	if len(navs) == 0 && len(sites) == 0 {
		return nil
	}
	pages := r.matched[r.checker.pageID]
	byPath := make(map[string]source.Entry, len(pages))
	for _, e := range pages {
		byPath[e.Path] = e
	}
	seen := map[string]bool{}
	add := func(e source.Entry) {
		if !seen[e.Path] {
			seen[e.Path] = true
			r.pages = append(r.pages, e)
		}
	}
	for _, nav := range navs {
		d, err := r.docs.Get(nav)
		if err != nil || d == nil {
			continue
		}
		for _, p := range d.Pages {
			if e, ok := byPath[p]; ok {
				add(e)
			}
		}
	}
	// The folders that a site's configuration names: every page below.
	var folders []string
	for _, site := range sites {
		dir, dd := path.Dir(site.Path), "docs"
		if strings.HasPrefix(path.Base(textfold.Fold(site.Path)), "mkdocs") {
			if data, _, err := r.tree.Read(site, 64<<10); err == nil {
				if m := docsDir.FindSubmatch(data); m != nil {
					dd = string(m[1])
				}
			}
		}
		f := path.Clean(path.Join(dir, dd))
		if f == "." || strings.HasPrefix(f, "../") || f == ".." {
			continue // the whole tree, or outside it: no folder of pages
		}
		folders = append(folders, f+"/")
	}
	for _, e := range pages {
		for _, f := range folders {
			if strings.HasPrefix(e.Path, f) && document.GenreOf(e.Path) == document.Documentation {
				add(e)
				break
			}
		}
	}
	return r.pages
}
