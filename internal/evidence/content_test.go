package evidence_test

import (
	"strings"
	"testing"

	"github.com/passation/passation/internal/catalog"
	"github.com/passation/passation/internal/check"
	"github.com/passation/passation/internal/evidence"
	"github.com/passation/passation/internal/finding"
)

func contentRule(values, in []string) catalog.Rule {
	return catalog.Rule{ID: "team-contact", Group: "g", Severity: finding.Warning,
		Evidence: []catalog.Evidence{{Kind: "content", Values: values, In: in, Pos: catalog.Pos{File: "r.yml", Line: 3, Col: 7},
			ValuePos: []catalog.Pos{{File: "r.yml", Line: 3, Col: 17}, {File: "r.yml", Line: 3, Col: 40}}}}}
}

func TestContentEvidence(t *testing.T) {
	r := contentRule([]string{`(?i)^responsable technique\s*:\s*\S`}, []string{"docs/equipe.md"})
	got := runOne(t, r, map[string]string{"docs/equipe.md": "# Équipe\n\nProduit : Léa\r\nResponsable technique : Marc Dupont\n"})
	want := finding.Evidence{Path: "docs/equipe.md", Line: 4, Detail: `line matching "(?i)^responsable technique\\s*:\\s*\\S"`}
	if got.Status != finding.Pass || len(got.Evidence) != 1 || got.Evidence[0] != want {
		t.Fatalf("got %s %+v, want pass with %+v", got.Status, got.Evidence, want)
	}
	// An empty value and a file outside "in" do not count.
	got = runOne(t, r, map[string]string{"docs/equipe.md": "Responsable technique :\n", "README.md": "Responsable technique : Marc\n"})
	if got.Status != finding.Fail {
		t.Fatalf("got %s %+v, want fail", got.Status, got.Evidence)
	}
	// A pattern anchored at the line's end holds on a line that a
	// paragraph's next line carries on.
	got = runOne(t, contentRule([]string{`(?i)^astreinte\s*:\s*\d+$`}, nil), map[string]string{"README.md": "# Outil\n\nAstreinte : 0102030405\nen semaine de 9 h à 18 h.\n"})
	if got.Status != finding.Pass {
		t.Fatalf("anchored at the end: got %s %+v", got.Status, got.Evidence)
	}
	// Without "in", the READMEs and docs are read.
	got = runOne(t, contentRule([]string{"Responsable technique : \\w+"}, nil), map[string]string{"README.md": "# Outil\n\nResponsable technique : Marc\n"})
	if got.Status != finding.Pass || got.Evidence[0].Path != "README.md" {
		t.Fatalf("default documents: got %s %+v", got.Status, got.Evidence)
	}
}

func TestContentInvalidRegexPointsAtIt(t *testing.T) {
	_, err := check.Compile([]catalog.Rule{contentRule([]string{"fine", "(unclosed"}, nil)}, evidence.Default())
	if err == nil {
		t.Fatal("compiled an invalid regular expression")
	}
	want := `r.yml:3:40: rule "team-contact": content: invalid regular expression ` + "`(unclosed`" + `: missing closing )`
	if !strings.Contains(err.Error(), want) {
		t.Fatalf("got %q\nwant %q", err, want)
	}
}

// TestContentRefusesASCIIBoundaryBeforeAccent: \b before a word that opens
// on an accented letter never matches in RE2; the rule file is refused,
// saying why, rather than the rule silently never passing.
func TestContentRefusesASCIIBoundaryBeforeAccent(t *testing.T) {
	for expr, refused := range map[string]bool{
		`(?i)\b(contact|écrivez)\b[^@]*@`:     true,
		`\bétat des lieux`:                    true,
		`(?i)(?:^|[^\p{L}])(contact|écrivez)`: false,
		`(?i)\bcontact\b`:                     false,
		`\bversion [0-9]+ à venir`:            false, // the accent is not after the \b
		`(?i)\b[ck]ontact`:                    false, // (?i) adds the Kelvin sign, which folds to an ASCII k
		`(?i)\b(k|s)\b`:                       false,
		`\b[a-zà-ü]+@`:                        false,
		`\b(?:écrire)+`:                       true,
		`(?i)café\b`:                          true,
		`\bé?crire`:                           false, // may open on c
	} {
		_, err := check.Compile([]catalog.Rule{contentRule([]string{expr}, nil)}, evidence.Default())
		if (err != nil) != refused {
			t.Errorf("%s: error %v, want refused=%v", expr, err, refused)
		}
		if err != nil && !strings.Contains(err.Error(), `\b`) {
			t.Errorf("%s: the error does not say what is wrong: %v", expr, err)
		}
	}
}
