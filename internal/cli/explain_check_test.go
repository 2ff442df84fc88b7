package cli

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/passation/passation/internal/finding"
)

// check --explain shows, for each item, what every evidence counted and
// refused with its reason, and which one decided the verdict; without it
// the report holds none of that.
func TestCheckExplain(t *testing.T) {
	t.Parallel()
	r := handoverRepo(t)
	code, out, errOut := run(t, nil, "check", r.Dir, "--explain", "--format", "json")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var rep finding.Report
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	results := map[string]finding.Result{}
	for _, res := range rep.Results {
		results[res.Rule] = res
	}
	manual := results["user-manual"]
	decided := 0
	for _, c := range manual.Considered {
		if c.LookedFor == "" {
			t.Errorf("a candidate list without what it looked for: %+v", c)
		}
		if c.Decided {
			decided++
			if len(c.Counted) == 0 || c.Counted[0].Path != "README.md" || !strings.Contains(c.Counted[0].Detail, "Utilisation") {
				t.Errorf("the deciding evidence does not hold the README's Utilisation section: %+v", c)
			} else if c.Counted[0].Score == 0 || !strings.Contains(c.Counted[0].Why, "heading is the phrase +3") {
				t.Errorf("the deciding section has no score and signals: %+v", c.Counted[0])
			}
		}
	}
	if len(manual.Considered) < 2 || decided != 1 {
		t.Errorf("user-manual: %d evidence considered, %d decided; want every evidence and one decision: %+v", len(manual.Considered), decided, manual.Considered)
	}
	// The roadmap section is a stub: refused, with the reason, and nothing decides.
	roadmap := results["roadmap"]
	var refused []string
	for _, c := range roadmap.Considered {
		if c.Decided {
			t.Errorf("a failing item with a deciding evidence: %+v", c)
		}
		for _, e := range c.Refused {
			refused = append(refused, e.Place()+" "+e.Detail)
		}
	}
	if !strings.Contains(strings.Join(refused, "\n"), "Feuille de route") {
		t.Errorf("roadmap: the stub section is not among the refused: %q", refused)
	}

	_, text, _ := run(t, nil, "check", r.Dir, "--explain", "--lang", "en", "--color", "never")
	for _, want := range []string{"decided the verdict — looked for ", "+ counts  README.md:", "− refused  README.md:", "the best, the verdict names it"} {
		if !strings.Contains(text, want) {
			t.Errorf("text report lacks %q:\n%s", want, text)
		}
	}
	_, plain, _ := run(t, nil, "check", r.Dir, "--format", "json")
	if strings.Contains(plain, `"considered"`) {
		t.Errorf("without --explain the report lists candidates")
	}
}
