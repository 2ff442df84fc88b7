package audit

import "testing"

func TestDefaultName(t *testing.T) {
	for in, want := range map[string]string{
		"https://github.com/etalab/piaf.git": "piaf",
		"https://gitlab.com/org/outil/":      "outil",
		"git@github.com:org/outil.git":       "outil",
		"/srv/mirror/etalab+piaf/repo":       "etalab+piaf",
		"/home/camille/outil/.git":           "outil",
		"../local/c":                         "c",
		`C:\depots\outil`:                    "outil",
	} {
		if got := defaultName(in); got != want {
			t.Errorf("defaultName(%q) = %q, want %q", in, got, want)
		}
	}
}
