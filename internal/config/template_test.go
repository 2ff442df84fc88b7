package config_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/passation/passation/internal/catalog"
	"github.com/passation/passation/internal/config"
	"github.com/passation/passation/internal/config/schemacheck"
	"github.com/passation/passation/internal/yamlfile"
	"github.com/passation/passation/rules"
)

// setting is a commented-out setting of the template: "#key" or "#  key".
var setting = regexp.MustCompile(`(?m)^#(\S|  )`)

// uncomment turns every commented-out setting of the template on.
func uncomment(tmpl []byte) []byte {
	return []byte(setting.ReplaceAllString(string(tmpl), "$1"))
}

// TestTemplate: the file passation init writes is valid as written and
// with every setting turned on, for the loader and for the schema.
func TestTemplate(t *testing.T) {
	cat, err := catalog.Load(rules.FS)
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"en", "fr"} {
		tmpl := config.Template(cat, "core", lang)
		for name, doc := range map[string][]byte{"as written": tmpl, "uncommented": uncomment(tmpl)} {
			if err := schemacheck.Validate("config.schema.json", doc); err != nil {
				t.Errorf("%s, %s: schema: %v\n%s", lang, name, err, doc)
			}
			f, err := config.Parse(".passation.yml", config.FromRepository, doc)
			if err != nil {
				t.Fatalf("%s, %s: %s\n%s", lang, name, yamlfile.Format(err), doc)
			}
			if f.Profile.Value != "core" {
				t.Errorf("%s, %s: profile %q", lang, name, f.Profile.Value)
			}
			files := map[string]string{".passation.yml": string(doc), ".passation/rules/rgpd.yml": ownRules}
			a, _ := checkRepo(t, files, config.Options{Profile: "eig"})
			if name == "uncommented" && (len(a.File.Overrides) != 4 || len(a.File.Waivers) != 1 || len(a.File.External) != 1 || a.File.Lang.Value != lang) {
				t.Errorf("%s: not every setting was turned on: %+v", lang, a.File)
			}
		}
		if !strings.Contains(string(tmpl), "# yaml-language-server: $schema="+config.SchemaURL) {
			t.Errorf("%s: no schema line for editors", lang)
		}
	}
	if fr := string(config.Template(cat, "eig", "fr")); !strings.Contains(fr, "Dérogation") && !strings.Contains(fr, "dérogation") {
		t.Errorf("the French template is not in French:\n%s", fr)
	}
}
