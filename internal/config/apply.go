package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"

	"github.com/passation/passation/internal/catalog"
	"github.com/passation/passation/internal/evidence"
	"github.com/passation/passation/internal/finding"
	"github.com/passation/passation/internal/source"
	"github.com/passation/passation/internal/syserr"
	"github.com/passation/passation/internal/yamlfile"
)

// Options are what the command line says; what it sets wins over the file.
// The zero value uses the file, then the catalogue's defaults.
type Options struct {
	// Profile is --profile; "" when not given.
	Profile string
	// RuleDirs are --rules folders, read from disk and loaded after the
	// configuration's own, so that they win when both replace a rule.
	RuleDirs []string
	// Now is the clock waivers' until dates are compared with.
	Now time.Time
}

// Choice is a value with where it came from, for --print-config.
type Choice struct {
	Value string
	From  string
}

// Choose applies the precedence of settings: the flag when given, else the
// configuration file's value, else fallback.
func Choose(flag, flagName string, file Setting, fallback Choice) Choice {
	switch {
	case flag != "":
		return Choice{flag, flagName}
	case file.Value != "":
		return Choice{file.Value, file.Pos.String()}
	}
	return fallback
}

// Applied is a configuration applied to a catalogue: the rules to judge,
// and what to do with their verdicts.
type Applied struct {
	// File is the configuration; nil when there is none.
	File    *File
	Catalog *catalog.Catalog
	Profile Choice
	// Rules are the rules to judge, in catalogue order, with the
	// profile's and the file's changes.
	Rules []catalog.Rule
	// RuleDirs are the extra rule folders loaded, as named.
	RuleDirs []string

	now time.Time
	// severityFrom says, per judged rule, what set its severity.
	severityFrom map[string]string
	// notJudged lists rules the file changes but the profile leaves out.
	notJudged map[string]bool
	// off lists rules turned off, with where.
	off []Override
}

// Apply loads the catalogue — embedded, then the file's rule folders, then
// --rules — checks the file against it (rule ids, profile, evidence) and
// computes the rules to judge. f may be nil (no configuration); tree is the
// checked tree, where a repository's rule folders are read.
func Apply(f *File, embedded fs.FS, tree source.Tree, opt Options) (*Applied, error) {
	if f == nil {
		f = &File{}
	}
	a := &Applied{now: opt.Now, severityFrom: map[string]string{}, notJudged: map[string]bool{}}
	if f.Name != "" {
		a.File = f
	}
	cat, err := a.load(f, embedded, tree, opt)
	if err != nil {
		return nil, err
	}
	a.Catalog = cat
	d := &yamlfile.Doc{File: f.Name, Src: f.Src}
	a.Profile = Choose(opt.Profile, "--profile", f.Profile, Choice{cat.DefaultProfile, "the catalogue's default"})
	if _, ok := cat.Profiles[a.Profile.Value]; !ok {
		format, hint := "%s: unknown profile %q: expected one of %s", strings.Join(cat.ProfileIDs(), ", ")
		if s := catalog.Suggest(a.Profile.Value, cat.ProfileIDs()); s != "" {
			format, hint = "%s: unknown profile %q: did you mean %q?", s
		}
		if opt.Profile != "" {
			return nil, yamlfile.Errorf(Pos{}, format, "--profile", a.Profile.Value, hint)
		}
		d.ErrorAt(f.Profile.Pos, format, "profile", a.Profile.Value, hint)
	}
	known := func(rule string, p Pos, what string) {
		if _, ok := cat.Rule(rule); ok {
			return
		}
		if s := catalog.Suggest(rule, cat.RuleIDs()); s != "" {
			d.ErrorAt(p, "%s: unknown rule %q: did you mean %q?", what, rule, s)
		} else {
			d.ErrorAt(p, "%s: unknown rule %q: passation rules lists them", what, rule)
		}
	}
	for _, o := range f.Overrides {
		known(o.Rule, o.Pos, "overrides")
	}
	for _, x := range f.External {
		known(x.Rule, x.Pos, "external")
	}
	for _, w := range f.Waivers {
		known(w.Rule, w.Pos, "waivers")
	}
	if d.Failed() {
		return nil, d.Err()
	}
	a.selectRules(cat, f)
	return a, nil
}

// LoadCatalog loads the embedded catalogue and rule folders on disk (as
// --rules gives them), validated and compiled, for the commands that list
// and explain rules.
func LoadCatalog(embedded fs.FS, dirs []string) (*catalog.Catalog, error) {
	a := &Applied{}
	return a.load(&File{}, embedded, nil, Options{RuleDirs: dirs})
}

// load reads the layers of rule files.
func (a *Applied) load(f *File, embedded fs.FS, tree source.Tree, opt Options) (*catalog.Catalog, error) {
	layers := []catalog.Layer{{FS: embedded}}
	d := &yamlfile.Doc{File: f.Name, Src: f.Src}
	for _, r := range f.Rules {
		switch f.Origin {
		case FromRepository:
			dir := strings.TrimSuffix(path.Clean(strings.TrimPrefix(r.Value, "./")), "/")
			if dir == "." || dir == "" {
				d.ErrorAt(r.Pos, "rules: %q: expected a folder of the repository holding rule files, such as .passation/rules", r.Value)
				continue
			}
			fsys, found, err := ruleFolder(tree, dir)
			if err != nil {
				return nil, fileWords.Wrap(err, "rules-in", r.Pos, r.Value, syserr.Of(err))
			}
			if !found {
				d.ErrorAt(r.Pos, "rules: folder %q is not in the checked tree: only committed files count; commit it, or fix the path", r.Value)
				continue
			}
			layers = append(layers, catalog.Layer{FS: fsys, Dir: dir})
			a.RuleDirs = append(a.RuleDirs, dir)
		default:
			dir := r.Value
			if !filepath.IsAbs(dir) {
				dir = filepath.Join(f.Dir, dir)
			}
			if err := isDir(dir); err != nil {
				d.ErrorAt(r.Pos, "rules: %q (%s): %v", r.Value, dir, err)
				continue
			}
			layers = append(layers, catalog.Layer{FS: os.DirFS(dir), Dir: dir})
			a.RuleDirs = append(a.RuleDirs, dir)
		}
	}
	if d.Failed() {
		return nil, d.Err()
	}
	for _, dir := range opt.RuleDirs {
		if err := isDir(dir); err != nil {
			return nil, fileWords.Wrap(err, "rules-flag", dir, syserr.Of(err))
		}
		layers = append(layers, catalog.Layer{FS: os.DirFS(dir), Dir: dir})
		a.RuleDirs = append(a.RuleDirs, dir)
	}
	cat, err := catalog.LoadLayers(layers...)
	if err != nil {
		return nil, err
	}
	if len(layers) > 1 {
		// Rules of one's own are compiled whole now, so that a bad pattern
		// in a rule the profile leaves out is still reported.
		if err := evidence.Default().Validate(cat.Rules); err != nil {
			yamlfile.AttachSources(err, cat.Source)
			return nil, err
		}
	}
	return cat, nil
}

func isDir(dir string) error {
	fi, err := os.Stat(dir)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return fileWords.Errorf("no-folder")
	case err != nil:
		return err
	case !fi.IsDir():
		return fileWords.Errorf("not-folder")
	}
	return nil
}

// selectRules computes the rules to judge: the profile's, with the file's
// overrides.
func (a *Applied) selectRules(cat *catalog.Catalog, f *File) {
	p := cat.Profiles[a.Profile.Value]
	rules, _ := cat.Select(a.Profile.Value)
	for _, r := range rules {
		a.severityFrom[r.ID] = "rule"
		if _, ok := p.Severity[r.ID]; ok {
			a.severityFrom[r.ID] = "profile " + p.ID
		}
	}
	over := map[string]Override{}
	for _, o := range f.Overrides {
		over[o.Rule] = o
	}
	judged := map[string]bool{}
	out := rules[:0]
	for _, r := range rules {
		judged[r.ID] = true
		o, ok := over[r.ID]
		switch {
		case !ok:
		case o.Off:
			a.off = append(a.off, o)
			continue
		default:
			if o.Severity != 0 {
				a.severityFrom[r.ID] = fmt.Sprintf("%s (%s by %s)", o.Pos, r.Severity, a.severityFrom[r.ID])
				r.Severity = o.Severity
			}
			r.Evidence = append(append([]catalog.Evidence{}, r.Evidence...), o.Evidence...)
		}
		out = append(out, r)
	}
	a.Rules = out
	for _, o := range f.Overrides {
		if !judged[o.Rule] {
			a.notJudged[o.Rule] = true
		}
	}
	for _, x := range f.External {
		if !judged[x.Rule] {
			a.notJudged[x.Rule] = true
		}
	}
	for _, w := range f.Waivers {
		if !judged[w.Rule] {
			a.notJudged[w.Rule] = true
		}
	}
}

// Expired lists the waivers past their until date.
func (a *Applied) Expired() []Waiver {
	if a.File == nil {
		return nil
	}
	var out []Waiver
	for _, w := range a.File.Waivers {
		if w.Expired(a.now) {
			out = append(out, w)
		}
	}
	return out
}

// Finish post-processes a report's results: a document declared elsewhere
// counts as found; a waived gap becomes "waived" while its waiver holds,
// and an expired waiver is shown on the gap it no longer covers. It then
// recounts the summary and records the configuration in the report.
func (a *Applied) Finish(rep *finding.Report) {
	lang := rep.Lang
	rec := &finding.Config{Source: "none", Rules: a.RuleDirs}
	f := a.File
	if f == nil {
		rep.Config = rec
		return
	}
	rec.Source, rec.Path = string(f.Origin), f.Name
	for _, g := range f.Ignore {
		rec.Ignore = append(rec.Ignore, g.Value)
	}
	for _, o := range f.Overrides {
		rec.Overrides = append(rec.Overrides, finding.ConfigOverride{Rule: o.Rule, Off: o.Off, Severity: o.Severity, Evidence: len(o.Evidence)})
	}
	external := map[string]External{}
	for _, x := range f.External {
		external[x.Rule] = x
		rec.External = append(rec.External, finding.ConfigExternal{Rule: x.Rule, URL: x.URL, Note: x.Note})
	}
	waivers := map[string]Waiver{}
	for _, w := range f.Waivers {
		waivers[w.Rule] = w
	}
	status := map[string]string{}
	for i := range rep.Results {
		r := &rep.Results[i]
		if x, ok := external[r.Rule]; ok {
			ev := finding.Evidence{Path: x.URL, Detail: fmt.Sprintf(say(lang, "external"), x.Note)}
			if r.Status == finding.Pass {
				r.Evidence = append(r.Evidence, ev)
			} else {
				r.Status = finding.Pass
				r.Message = fmt.Sprintf(say(lang, "declared"), x.URL, x.Note)
				r.Evidence = []finding.Evidence{ev}
			}
		}
		w, ok := waivers[r.Rule]
		if !ok {
			continue
		}
		at := finding.Evidence{Path: f.Name, Line: w.Pos.Line}
		switch {
		case w.Expired(a.now):
			status[w.Rule] = finding.WaiverExpired
			if r.Status == finding.Fail {
				at.Detail = fmt.Sprintf(say(lang, "expired"), w.Until.Format(Date), w.Owner)
				r.Evidence = append(r.Evidence, at)
			}
		case r.Status == finding.Fail:
			status[w.Rule] = finding.WaiverApplied
			r.Status = finding.Waived
			r.Message = fmt.Sprintf(say(lang, "waived"), w.Owner, w.Reason)
			at.Detail = fmt.Sprintf(say(lang, "waiver"), w.Reason, w.Owner)
			if !w.Until.IsZero() {
				r.Message = fmt.Sprintf(say(lang, "waived-until"), w.Owner, w.Until.Format(Date), w.Reason)
				at.Detail = fmt.Sprintf(say(lang, "waiver-until"), w.Reason, w.Owner, w.Until.Format(Date))
			}
			r.Evidence = append([]finding.Evidence{at}, r.Evidence...)
		}
	}
	for _, w := range f.Waivers {
		cw := finding.ConfigWaiver{Rule: w.Rule, Reason: w.Reason, Owner: w.Owner, Status: status[w.Rule]}
		if !w.Until.IsZero() {
			cw.Until = w.Until.Format(Date)
		}
		if cw.Status == "" {
			cw.Status = finding.WaiverUnused
			if w.Expired(a.now) {
				cw.Status = finding.WaiverExpired
			}
		}
		rec.Waivers = append(rec.Waivers, cw)
	}
	rep.Summary = finding.Summarize(rep.Results)
	rep.Config = rec
}

// ForAudit keeps, of a repository's file, what a cohort audit honours: the
// team's waivers and its documents declared elsewhere. The profile, the
// severities and the rules stay the programme's, so that every repository
// of a cohort is judged by the same checklist.
func ForAudit(f *File, now time.Time) *Applied {
	if f == nil {
		return &Applied{now: now}
	}
	kept := &File{Name: f.Name, Origin: f.Origin, Src: f.Src, External: f.External, Waivers: f.Waivers}
	return &Applied{File: kept, now: now}
}
