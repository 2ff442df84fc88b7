package catalog

import (
	"fmt"
	"maps"
	"slices"

	"github.com/passation/passation/internal/finding"
	"github.com/passation/passation/internal/yamlfile"
	"go.yaml.in/yaml/v3"
)

func (l *loader) profiles(root *yaml.Node) {
	keys := l.d.Mapping(root, nil, "default", "profiles")
	if n := keys["default"]; n != nil {
		if v, ok := l.d.String(n, "default"); ok {
			l.cat.DefaultProfile, l.defaultPos = v, l.d.At(n)
		}
	} else if l.layer == 0 {
		l.errorf(root, "missing default: expected the name of the profile used when none is chosen")
	}
	ps := keys["profiles"]
	if ps == nil {
		if l.layer == 0 {
			l.errorf(root, "missing profiles: expected a mapping of profile names to their rules")
		}
		return
	}
	if ps.Kind != yaml.MappingNode {
		l.errorf(ps, "profiles: expected a mapping of profile names to their rules, got %s", yamlfile.Describe(ps))
		return
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(ps.Content); i += 2 {
		k, v := ps.Content[i], ps.Content[i+1]
		if seen[k.Value] {
			l.errorf(k, "profile %q is defined twice in this file", k.Value)
			continue
		}
		seen[k.Value] = true
		l.profile(k, v)
	}
}

func (l *loader) profile(k, v *yaml.Node) {
	p := Profile{ID: k.Value, Pos: l.d.At(k), Severity: map[string]finding.Severity{}, layer: l.layer}
	if !idPattern.MatchString(p.ID) {
		l.errorf(k, "profile %q: expected a kebab-case name such as eig-2026", p.ID)
	}
	if v.Kind != yaml.MappingNode {
		l.errorf(v, "profile %q: expected a mapping with description and rules, got %s", p.ID, yamlfile.Describe(v))
		return
	}
	what := fmt.Sprintf("profile %q", p.ID)
	pk := l.d.Mapping(v, yamlfile.Phrase{EN: what, FR: "le profil « " + p.ID + " »"}, "description", "extend", "rules", "exclude", "severity", "replace")
	l.text(pk["description"], &p.Description, "description", v)
	if n := pk["extend"]; n != nil {
		p.Extends, _ = l.d.String(n, what+": extend")
		p.extendPos = l.d.At(n)
	}
	switch rn := pk["rules"]; {
	case rn == nil && p.Extends == "":
		l.errorf(v, "profile %q: missing rules (a list of rule ids, or all), or extend (a profile to build on)", p.ID)
	case rn == nil:
	case rn.Kind == yaml.ScalarNode && rn.Value == "all":
		p.All = true
	default:
		ids, nodes, ok := l.d.Strings(rn, what+": rules")
		if ok {
			p.Rules = ids
			for j, n := range nodes {
				p.refs = append(p.refs, ref{ids[j], l.d.At(n), "rules"})
			}
		}
	}
	if n := pk["exclude"]; n != nil {
		ids, nodes, ok := l.d.Strings(n, what+": exclude")
		if ok {
			p.Exclude = ids
			for j, n := range nodes {
				p.refs = append(p.refs, ref{ids[j], l.d.At(n), "exclude"})
			}
		}
	}
	if sn := pk["severity"]; sn != nil {
		if sn.Kind != yaml.MappingNode {
			l.errorf(sn, "profile %q: severity: expected a mapping of rule id to severity, got %s", p.ID, yamlfile.Describe(sn))
		} else {
			for j := 0; j+1 < len(sn.Content); j += 2 {
				idn, sv := sn.Content[j], sn.Content[j+1]
				s, ok := l.d.String(sv, fmt.Sprintf("profile %q: severity of %q", p.ID, idn.Value))
				if !ok {
					continue
				}
				sev, err := finding.ParseSeverity(s, false)
				if err != nil {
					l.errorf(sv, "profile %q: severity of %q: %v", p.ID, idn.Value, err)
					continue
				}
				p.Severity[idn.Value] = sev
				p.refs = append(p.refs, ref{idn.Value, l.d.At(idn), "severity"})
			}
		}
	}
	p.replace = l.boolean(pk["replace"], "replace")
	prev, exists := l.cat.Profiles[p.ID]
	switch {
	case p.replace && !exists:
		l.errorf(pk["replace"], "profile %q: replace: true, but no earlier rule folder defines it", p.ID)
		return
	case p.replace && prev.layer == l.layer:
		l.errorf(pk["replace"], "profile %q: replace: true, but it is defined in this same folder, at %s", p.ID, prev.Pos)
		return
	case exists && !p.replace:
		l.errorf(k, "profile %q is already defined at %s: to replace it, add replace: true; to build on it, give yours another name and extend: %s", p.ID, prev.Pos, p.ID)
		return
	}
	l.cat.Profiles[p.ID] = p
}

// resolveProfiles flattens extensions (a profile has the rules and
// severities of the one it extends, plus its own, minus its exclusions) and
// checks every rule id a profile names.
func (l *loader) resolveProfiles() {
	done := map[string]bool{}
	visiting := map[string]bool{}
	var resolve func(id string) bool
	resolve = func(id string) bool {
		if done[id] {
			return true
		}
		p := l.cat.Profiles[id]
		if visiting[id] {
			l.errs = append(l.errs, l.posError(p.extendPos, "profile %q: extend goes round in a circle back to %q", p.ID, id))
			return false
		}
		visiting[id] = true
		defer delete(visiting, id)
		ok := true
		if p.Extends != "" {
			base, known := l.cat.Profiles[p.Extends]
			switch {
			case !known:
				if s := Suggest(p.Extends, l.cat.ProfileIDs()); s != "" {
					l.errs = append(l.errs, l.posError(p.extendPos, "profile %q: extend: unknown profile %q: did you mean %q?", p.ID, p.Extends, s))
				} else {
					l.errs = append(l.errs, l.posError(p.extendPos, "profile %q: extend: unknown profile %q", p.ID, p.Extends))
				}
				ok = false
			case !resolve(p.Extends):
				ok = false
			default:
				base = l.cat.Profiles[p.Extends]
				rules := append(append([]string{}, base.Rules...), p.Rules...)
				sev := map[string]finding.Severity{}
				for k, v := range base.Severity {
					sev[k] = v
				}
				for k, v := range p.Severity {
					sev[k] = v
				}
				p.All, p.Rules, p.Severity = base.All || p.All, dedupe(rules), sev
			}
		}
		for _, r := range p.refs {
			if _, known := l.cat.Rule(r.id); !known {
				if s := Suggest(r.id, l.cat.RuleIDs()); s != "" {
					l.errs = append(l.errs, l.posError(r.pos, "profile %q: %s: unknown rule %q: did you mean %q?", p.ID, r.field, r.id, s))
				} else {
					l.errs = append(l.errs, l.posError(r.pos, "profile %q: %s: unknown rule %q", p.ID, r.field, r.id))
				}
				ok = false
			}
		}
		if len(p.Exclude) > 0 {
			if p.All {
				p.All, p.Rules = false, l.cat.RuleIDs()
			}
			out := make([]string, 0, len(p.Rules))
			for _, r := range p.Rules {
				excluded := false
				for _, x := range p.Exclude {
					excluded = excluded || x == r
				}
				if !excluded {
					out = append(out, r)
				}
			}
			p.Rules = out
		}
		l.cat.Profiles[id] = p
		done[id] = true
		return ok
	}
	for _, id := range slices.Sorted(maps.Keys(l.cat.Profiles)) {
		resolve(id)
	}
}

// posError is a problem found after a file was read: its line is fetched
// from the sources kept.
func (l *loader) posError(p Pos, format string, args ...any) error {
	e := yamlfile.Errorf(p, format, args...)
	e.Source = yamlfile.Line(l.cat.sources[p.File], p.Line)
	return e
}

func dedupe(ids []string) []string {
	seen := map[string]bool{}
	out := ids[:0]
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}
