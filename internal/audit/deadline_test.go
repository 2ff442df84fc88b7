package audit_test

import (
	"strings"
	"testing"

	"github.com/passation/passation/internal/audit"
)

func TestParseDeadline(t *testing.T) {
	for _, c := range []struct {
		list, date, name, err string
	}{
		{"deadline: 2026-06-30\nrepositories: [https://x.org/a.git]\n", "2026-06-30", "", ""},
		{"deadline: {date: 2026-06-30, name: demo day}\nrepositories: [https://x.org/a.git]\n", "2026-06-30", "demo day", ""},
		{"repositories: [https://x.org/a.git]\n", "", "", ""},
		{"repositories: [https://x.org/a.git]\ndeadline: 30/06/2026\n", "", "", `c.yml:2: deadline "30/06/2026": expected a date such as 2026-06-30`},
		{"deadline: {day: 2026-06-30}\nrepositories: [https://x.org/a.git]\n", "", "", `c.yml:1: unknown key "day" under deadline`},
	} {
		if _, err := audit.ParseCohort("c.yml", []byte(c.list)); err != nil {
			t.Errorf("%q: the cohort list itself is refused: %v", c.list, err)
		}
		d, err := audit.ParseDeadline("c.yml", []byte(c.list))
		switch {
		case c.err != "":
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("%q: error %v, expected %q", c.list, err, c.err)
			}
		case err != nil:
			t.Errorf("%q: %v", c.list, err)
		case c.date == "" && d != nil:
			t.Errorf("%q: deadline %+v, expected none", c.list, d)
		case c.date != "" && (d == nil || d.Date != c.date || d.Name != c.name):
			t.Errorf("%q: deadline %+v, expected %s %q", c.list, d, c.date, c.name)
		}
	}
	if days, ok := (&audit.Deadline{Date: "2026-06-30"}).DaysLeft("2026-06-07"); !ok || days != 23 {
		t.Errorf("days left: %d, %v; expected 23", days, ok)
	}
}
