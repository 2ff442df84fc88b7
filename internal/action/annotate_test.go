package action

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/passation/passation/internal/finding"
	"github.com/sethvargo/go-githubactions"
)

// noEnv is a getenv that fails the test on any key: annotations must not
// depend on the environment.
func noEnv(t testing.TB) func(string) string {
	return func(k string) string {
		t.Errorf("unexpected environment lookup %q", k)
		return ""
	}
}

func TestAnnotateExactLines(t *testing.T) {
	t.Parallel()
	cases := []struct {
		gap  Gap
		want string
	}{
		{Gap{Level: finding.Error, Title: "Installation guide (install-guide)", Message: "No installation guide was found. Add INSTALL.md.", File: "README.md", Line: 5},
			"::error file=README.md,line=5,title=Installation guide (install-guide)::No installation guide was found. Add INSTALL.md.\n"},
		{Gap{Level: finding.Warning, Title: "T", Message: "m", File: "a::error::x%0A.md"},
			"::warning file=a%3A%3Aerror%3A%3Ax%250A.md,title=T::m\n"},
		{Gap{Level: finding.Notice, Title: "a, b: c", Message: "50% done\n::error::forged"},
			"::notice title=a%2C b%3A c::50%25 done%0A::error::forged\n"},
		{Gap{Level: finding.Notice, Message: "line 0 is the whole file", File: "docs/x.md"},
			"::notice file=docs/x.md::line 0 is the whole file\n"},
	}
	for _, c := range cases {
		var buf bytes.Buffer
		Annotate(githubactions.New(githubactions.WithWriter(&buf), githubactions.WithGetenv(noEnv(t))), c.gap)
		if buf.String() != c.want {
			t.Errorf("Annotate(%+v):\n got %q\nwant %q", c.gap, buf.String(), c.want)
		}
	}
}

// hostile are names a repository can hold that try to forge commands or
// break the line.
var hostile = []string{
	"a::error::x%0A.md",
	"x\n::error::forged",
	"x\r\n::warning file=y::forged",
	"##[error]v1 command",
	"  ::notice::indented",
	"a,b:c=d",
	"%25%0A%3A",
	"::stop-commands::tok",
	"\u2028line separator",
}

func TestAnnotateHostile(t *testing.T) {
	t.Parallel()
	for _, h := range hostile {
		g := Gap{Level: finding.Error, Title: h, Message: "missing " + h, File: "docs/" + h, Line: 3}
		checkAnnotation(t, g)
	}
}

// checkAnnotation writes g and reads it back as the runner would: one line,
// one command of the gap's level, every property and the message intact.
func checkAnnotation(t *testing.T, g Gap) {
	t.Helper()
	var buf bytes.Buffer
	Annotate(githubactions.New(githubactions.WithWriter(&buf), githubactions.WithGetenv(noEnv(t))), g)
	out := buf.String()
	if strings.Count(out, "\n") != 1 || !strings.HasSuffix(out, "\n") {
		t.Fatalf("annotation for %q is not one line: %q", g.File, out)
	}
	cmds, text := runnerLog(out)
	if len(cmds) != 1 || len(text) != 0 {
		t.Fatalf("annotation for %q: runner sees commands %+v and text %q, want one command", g.File, cmds, text)
	}
	c := cmds[0]
	want := map[finding.Severity]string{finding.Error: "error", finding.Warning: "warning"}[g.Level]
	if want == "" {
		want = "notice"
	}
	if c.name != want {
		t.Errorf("command %q, want %q", c.name, want)
	}
	if c.data != g.Message {
		t.Errorf("message read back %q, want %q", c.data, g.Message)
	}
	if g.Title != "" && c.props["title"] != g.Title {
		t.Errorf("title read back %q, want %q", c.props["title"], g.Title)
	}
	if g.File != "" && c.props["file"] != g.File {
		t.Errorf("file read back %q, want %q", c.props["file"], g.File)
	}
	if g.File != "" && g.Line > 0 && c.props["line"] != strconv.Itoa(g.Line) {
		t.Errorf("line read back %q, want %d", c.props["line"], g.Line)
	}
	for k := range c.props {
		if k != "title" && k != "file" && k != "line" {
			t.Errorf("forged property %q=%q", k, c.props[k])
		}
	}
}

// FuzzAnnotation checks that no file name, title or message can forge a
// command: the runner reads back exactly one annotation, intact, and a gap
// printed in the log instead gives no command at all.
func FuzzAnnotation(f *testing.F) {
	for _, h := range hostile {
		f.Add(h, h, h, 3, 0)
	}
	f.Add("README.md", "Installation guide (install-guide)", "No installation guide was found.", 12, 1)
	f.Fuzz(func(t *testing.T, file, title, message string, line, level int) {
		for _, s := range []string{file, title, message} {
			// Properties with an empty value are not sent; the runner reads
			// lines as text, so only valid UTF-8 is meaningful here.
			if !utf8.ValidString(s) {
				t.Skip()
			}
		}
		if title == "" || file == "" {
			t.Skip()
		}
		g := Gap{Level: []finding.Severity{finding.Notice, finding.Warning, finding.Error}[uint(level)%3],
			Rule: "r", Title: title, Message: message, File: file, Line: line}
		checkAnnotation(t, g)

		var buf bytes.Buffer
		gh := githubactions.New(githubactions.WithWriter(&buf), githubactions.WithGetenv(noEnv(t)))
		p := &publisher{gh: gh, token: randomToken}
		p.verbatim(logLine(g) + "\n" + message + "\n" + file)
		cmds, _ := runnerLog(buf.String())
		if len(cmds) != 0 {
			t.Fatalf("text printed in the log gave commands %+v:\n%s", cmds, buf.String())
		}
	})
}

func gaps(level finding.Severity, n int, prefix string) []Gap {
	out := make([]Gap, n)
	for i := range out {
		out[i] = Gap{Level: level, Rule: fmt.Sprintf("%s-%02d", prefix, i), Title: "t", Message: "m"}
	}
	return out
}

func TestPlan(t *testing.T) {
	t.Parallel()
	all := append(append(gaps(finding.Error, 12, "e"), gaps(finding.Warning, 4, "w")...), gaps(finding.Notice, 25, "n")...)
	cases := []struct {
		name            string
		limit           int
		annotated, more map[finding.Severity]int // gap annotations and "more" annotations per level
		logged          int
	}{
		{"default", 30,
			map[finding.Severity]int{finding.Error: 9, finding.Warning: 4, finding.Notice: 9},
			map[finding.Severity]int{finding.Error: 1, finding.Notice: 1}, 3 + 16},
		{"small budget", 12,
			map[finding.Severity]int{finding.Error: 9, finding.Warning: 1},
			map[finding.Severity]int{finding.Error: 1, finding.Warning: 1}, 3 + 3 + 25},
		{"none", 0, map[finding.Severity]int{}, map[finding.Severity]int{}, 41},
		{"over the job limit", 99,
			map[finding.Severity]int{finding.Error: 9, finding.Warning: 4, finding.Notice: 9},
			map[finding.Severity]int{finding.Error: 1, finding.Notice: 1}, 19},
	}
	var ann []Gap
	for _, c := range cases {
		ann, logged := plan(all, c.limit, "en")
		got, more := map[finding.Severity]int{}, map[finding.Severity]int{}
		for _, a := range ann {
			if a.Rule == "" {
				more[a.Level]++
			} else {
				got[a.Level]++
			}
		}
		if fmt.Sprint(got) != fmt.Sprint(c.annotated) || fmt.Sprint(more) != fmt.Sprint(c.more) || len(logged) != c.logged {
			t.Errorf("%s: annotated %v, more %v, logged %d; want %v, %v, %d", c.name, got, more, len(logged), c.annotated, c.more, c.logged)
		}
		if len(ann) > c.limit || len(ann) > maxAnnotations {
			t.Errorf("%s: %d annotations over the limit %d", c.name, len(ann), c.limit)
		}
		if len(ann)-sum(more)+len(logged) != len(all) {
			t.Errorf("%s: %d gaps annotated or logged, want all %d", c.name, len(ann)-sum(more)+len(logged), len(all))
		}
	}
	ann, _ = plan(all, 12, "en")
	if last := ann[len(ann)-1]; last.Level != finding.Warning || last.Title != "28 more in the job summary" {
		t.Errorf("with a budget of 12, the last annotation = %+v, want the warning note counting 3 warnings and 25 notices", last)
	}
	ann, _ = plan(gaps(finding.Error, 4, "e"), 4, "en")
	if len(ann) != 4 || ann[3].Rule != "e-03" {
		t.Errorf("4 errors in a budget of 4: %+v, want all four annotated, no note", ann)
	}
	ann, _ = plan(append(gaps(finding.Error, 4, "e"), gaps(finding.Notice, 2, "n")...), 4, "en")
	if len(ann) != 4 || ann[3].Title != "3 more in the job summary" || !strings.Contains(ann[3].Message, "e-03, n-00, n-01") {
		t.Errorf("4 errors and 2 notices in a budget of 4: %+v, want 3 errors and a note for e-03, n-00, n-01", ann)
	}
	ann, _ = plan(all, 30, "en")
	last := ann[9]
	if last.Level != finding.Error || last.Title != "3 more in the job summary" || !strings.Contains(last.Message, "e-09, e-10, e-11") {
		t.Errorf("the tenth error annotation = %+v, want the \"3 more in the job summary\" note naming e-09, e-10, e-11", last)
	}
}

func sum(m map[finding.Severity]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}
