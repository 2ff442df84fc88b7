package finding

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

func TestFailingThresholds(t *testing.T) {
	results := []Result{
		{Rule: "e", Severity: Error, Status: Fail},
		{Rule: "w", Severity: Warning, Status: Fail},
		{Rule: "n", Severity: Notice, Status: Fail},
		{Rule: "p", Severity: Error, Status: Pass},
		{Rule: "s", Severity: Error, Status: Skip},
		{Rule: "x", Severity: Error, Status: Waived},
	}
	want := map[string]string{"error": "e", "warning": "e w", "notice": "e w n", "never": ""}
	for name, ids := range want {
		sev, err := ParseSeverity(name, true)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, r := range Failing(results, sev) {
			got = append(got, r.Rule)
		}
		if strings.Join(got, " ") != ids {
			t.Errorf("Failing at %s = %v, want %q (skipped and waived never fail)", name, got, ids)
		}
	}
}

func TestParseSeverity(t *testing.T) {
	if s, err := ParseSeverity(" Warning ", false); err != nil || s != Warning {
		t.Errorf("ParseSeverity(Warning) = %v, %v", s, err)
	}
	if _, err := ParseSeverity("never", false); err == nil || !strings.Contains(err.Error(), "error, warning or notice") {
		t.Errorf("never accepted where only a rule severity makes sense: %v", err)
	}
	if _, err := ParseSeverity("fatal", true); err == nil || !strings.Contains(err.Error(), `"fatal"`) {
		t.Errorf("unknown severity: %v", err)
	}
}

func TestSummarize(t *testing.T) {
	s := Summarize([]Result{
		{Severity: Error, Status: Pass}, {Severity: Warning, Status: Fail},
		{Severity: Notice, Status: Pass}, {Severity: Error, Status: Skip}, {Severity: Error, Status: Waived},
	})
	// (3 + 1) / (3 + 2 + 1) = 67 %; skipped and waived rules are left out.
	if s != (Summary{Pass: 2, Fail: 1, Skip: 1, Waived: 1, Score: 67}) {
		t.Errorf("Summarize = %+v", s)
	}
	if s := Summarize(nil); s.Score != 100 {
		t.Errorf("nothing decided: score %d, want 100", s.Score)
	}
}

func TestResultJSON(t *testing.T) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	r := Result{Rule: "licence", Severity: Error, Status: Fail, Title: "<Licence> & co"}
	if err := enc.Encode(r); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if !strings.Contains(out, `"evidence":[]`) {
		t.Errorf("no evidence must be written [], not null: %s", out)
	}
	if !strings.Contains(out, `"<Licence> & co"`) || !strings.Contains(out, `"severity":"error"`) {
		t.Errorf("fields not written as the schema says: %s", out)
	}
	var back Result
	if err := json.Unmarshal(b.Bytes(), &back); err != nil || back.Severity != Error || back.Title != r.Title || back.Evidence == nil {
		t.Errorf("round trip: %+v, %v", back, err)
	}
}
