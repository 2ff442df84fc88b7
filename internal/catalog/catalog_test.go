package catalog_test

import (
	"errors"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/passation/passation/internal/catalog"
	"github.com/passation/passation/internal/finding"
	"github.com/passation/passation/internal/typo"
	"github.com/passation/passation/internal/yamlfile"
	"github.com/passation/passation/rules"
)

var update = flag.Bool("update", false, "rewrite golden files")

// extra is a programme's rule folder, as a test writes it.
func extra(files map[string]string) catalog.Layer {
	m := fstest.MapFS{}
	for name, content := range files {
		m[name] = &fstest.MapFile{Data: []byte(content)}
	}
	return catalog.Layer{FS: m, Dir: "programme"}
}

const ownRule = `
    severity: warning
    title: {en: Data protection impact assessment, fr: Analyse d'impact sur la protection des données}
    message: {en: No DPIA was found., fr: Aucune AIPD n'a été trouvée.}
    hint: {en: Commit docs/aipd.md., fr: Versez docs/aipd.md.}
    evidence:
      - files: ["*aipd*", "*dpia*"]
`

func load(t *testing.T, files map[string]string) *catalog.Catalog {
	t.Helper()
	cat, err := catalog.LoadLayers(catalog.Layer{FS: rules.FS}, extra(files))
	if err != nil {
		t.Fatalf("load: %s", yamlfile.Format(err))
	}
	return cat
}

func TestEmbeddedCatalogue(t *testing.T) {
	cat, err := catalog.Load(rules.FS)
	if err != nil {
		t.Fatal(yamlfile.Format(err))
	}
	if cat.DefaultProfile != "eig" || len(cat.Rules) < 29 {
		t.Fatalf("default %q, %d rules", cat.DefaultProfile, len(cat.Rules))
	}
	if string(cat.Source("profiles.yml")) == "" {
		t.Error("sources of the embedded files are not kept")
	}
}

func TestLayerAddsGroupRulesAndProfile(t *testing.T) {
	cat := load(t, map[string]string{
		"rgpd.yml": "group: rgpd\norder: 10\ntitle: {en: Personal data, fr: Données personnelles}\nrules:\n  - id: dpia" + ownRule,
		"more.yml": "group: sustainability\nrules:\n  - id: security-contact" + strings.Replace(ownRule, "*aipd*", "SECURITY*", 1),
		"profiles.yml": `
default: eig-2026
profiles:
  eig-2026:
    description: {en: EIG with data protection, fr: EIG et données personnelles}
    extend: eig
    exclude: [blog-posts, pitch]
    severity: {dpia: error, roadmap: error}
  strict-core:
    description: {en: Core and security, fr: Socle et sécurité}
    extend: core
    rules: [security-contact]
`,
	})
	if cat.DefaultProfile != "eig-2026" {
		t.Errorf("default profile %q, want eig-2026 from the extra layer", cat.DefaultProfile)
	}
	r, ok := cat.Rule("dpia")
	if !ok || r.Group != "rgpd" || r.Pos.String() != "programme/rgpd.yml:5:5" {
		t.Fatalf("dpia: %+v", r)
	}
	if last := cat.Rules[len(cat.Rules)-1]; last.ID != "dpia" {
		t.Errorf("group order 10 should put dpia last, got %s", last.ID)
	}
	sc, _ := cat.Rule("security-contact")
	if sc.Group != "sustainability" {
		t.Errorf("security-contact in group %q", sc.Group)
	}
	if g, _ := cat.Group("sustainability"); g.Title.EN == "" {
		t.Error("adding rules to an existing group lost its title")
	}

	sel, err := cat.Select("eig-2026")
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]finding.Severity{}
	for _, r := range sel {
		got[r.ID] = r.Severity
	}
	if _, in := got["blog-posts"]; in {
		t.Error("exclude did not remove blog-posts")
	}
	if got["dpia"] != finding.Error || got["roadmap"] != finding.Error || got["licence"] != finding.Error {
		t.Errorf("severities: dpia %s roadmap %s licence %s", got["dpia"], got["roadmap"], got["licence"])
	}
	if _, in := got["security-contact"]; !in || len(sel) != len(cat.Rules)-2 {
		t.Errorf("eig-2026 has %d rules, want every rule but the two excluded (%d)", len(sel), len(cat.Rules)-2)
	}

	strict, _ := cat.Select("strict-core")
	var ids []string
	for _, r := range strict {
		ids = append(ids, r.ID+"="+r.Severity.String())
	}
	want := []string{"user-manual=error", "install-guide=error", "architecture-diagram=error", "licence=error", "maintainer=error", "security-contact=warning"}
	if !reflect.DeepEqual(ids, want) {
		t.Errorf("strict-core = %v, want %v", ids, want)
	}
}

func TestLayerReplacesRuleByID(t *testing.T) {
	cat := load(t, map[string]string{
		"replace.yml": "group: application\nrules:\n  - id: user-manual\n    replace: true" + ownRule,
	})
	r, _ := cat.Rule("user-manual")
	if r.Severity != finding.Warning || r.Title.EN != "Data protection impact assessment" {
		t.Fatalf("user-manual not replaced: %+v", r)
	}
	if r.Replaces == nil || !strings.HasPrefix(r.Replaces.File, "application.yml") {
		t.Errorf("Replaces = %v, want the embedded definition", r.Replaces)
	}
	n := 0
	for _, x := range cat.Rules {
		if x.ID == "user-manual" {
			n++
		}
	}
	if n != 1 {
		t.Errorf("user-manual appears %d times", n)
	}
	// The core profile still selects it, with its profile severity.
	core, _ := cat.Select("core")
	for _, x := range core {
		if x.ID == "user-manual" && (x.Severity != finding.Error || x.Title.EN != r.Title.EN) {
			t.Errorf("core's user-manual: %+v", x)
		}
	}
}

// TestLoadErrors compares the messages for broken rule folders with
// testdata/errors/<case>.golden; each case is one extra rule file over the
// small base catalogue, whose lines do not move when rules/ is edited.
func TestLoadErrors(t *testing.T) {
	cases, err := filepath.Glob("testdata/errors/*.yml")
	if err != nil || len(cases) == 0 {
		t.Fatalf("no cases: %v", err)
	}
	for _, c := range cases {
		name := strings.TrimSuffix(filepath.Base(c), ".yml")
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(c)
			if err != nil {
				t.Fatal(err)
			}
			file := "rules.yml"
			if strings.HasPrefix(name, "profiles") {
				file = "profiles.yml"
			}
			_, lerr := catalog.LoadLayers(catalog.Layer{FS: tinyBase}, extra(map[string]string{file: string(data)}))
			if lerr == nil {
				t.Fatal("loaded without error")
			}
			got := yamlfile.Format(lerr)
			golden := strings.TrimSuffix(c, ".yml") + ".golden"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./internal/catalog -update)", err)
			}
			if got != string(want) {
				t.Errorf("got\n%s\nwant\n%s", got, want)
			}
		})
	}
}

// tinyBase is a small base catalogue, so that the fuzzer spends its time
// on the file it mutates rather than re-reading the embedded one.
var tinyBase = fstest.MapFS{
	"a.yml":        &fstest.MapFile{Data: []byte("group: application\ntitle: {en: A, fr: A}\nrules:\n  - id: user-manual" + ownRule + "  - id: licence" + ownRule)},
	"profiles.yml": &fstest.MapFile{Data: []byte("default: eig\nprofiles:\n  eig: {description: {en: e, fr: e}, rules: all}\n  core: {description: {en: c, fr: c}, rules: [licence], severity: {licence: error}}\n")},
}

func FuzzRuleFile(f *testing.F) {
	for _, name := range []string{"start.yml", "profiles.yml"} {
		data, err := rules.FS.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(name, data)
	}
	f.Add("x.yml", []byte("group: application\nrules:\n  - id: user-manual\n    replace: true"+ownRule))
	f.Add("profiles.yml", []byte("profiles:\n  a: {extend: b, description: {en: a, fr: a}}\n  b: {extend: a, description: {en: b, fr: b}}\n"))
	f.Add("profiles.yml", []byte("default: x\nprofiles:\n  x: {extend: eig, exclude: [licence], rules: [user-manual], severity: {user-manual: notice}, description: {en: a, fr: a}}\n"))
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		if name != "profiles.yml" {
			name = "x.yml"
		}
		cat, err := catalog.LoadLayers(catalog.Layer{FS: tinyBase}, extra(map[string]string{name: string(data)}))
		if err != nil {
			if got := yamlfile.Format(err); got == "" {
				t.Fatal("an error with no message")
			}
			return
		}
		for _, id := range cat.ProfileIDs() {
			if _, err := cat.Select(id); err != nil {
				t.Fatalf("profile %q loaded but cannot be selected: %v", id, err)
			}
		}
	})
}

// A rule file's problem is said in French at the same place, with
// « vouliez-vous dire » for a likely typo.
func TestProblemsInFrench(t *testing.T) {
	_, err := catalog.Load(fstest.MapFS{
		"a.yml":        {Data: []byte("group: g\ntitle: {en: G, fr: G}\norder: 1\nrules:\n  - id: r\n    severty: error\n")},
		"profiles.yml": {Data: []byte("default: all\nprofiles:\n  all: {description: {en: All, fr: Tout}, rules: all}\n")},
	})
	var ye *yamlfile.Error
	if !errors.As(err, &ye) {
		t.Fatalf("err = %v, want a problem at its place", err)
	}
	got := yamlfile.FormatIn(err, "fr")
	if want := typo.French("a.yml:6:5 : clé inconnue « severty » dans une règle : vouliez-vous dire « severity » ?"); !strings.Contains(got, want) {
		t.Errorf("French:\n%s\nwant %q", got, want)
	}
	if en := yamlfile.Format(err); !strings.Contains(en, `a.yml:6:5: unknown key "severty" in a rule: did you mean "severity"?`) {
		t.Errorf("English:\n%s", en)
	}
}
