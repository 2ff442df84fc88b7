package check_test

import (
	"bufio"
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/passation/passation/internal/check"
	"github.com/passation/passation/internal/checktest"
	"github.com/passation/passation/internal/finding"
	"github.com/passation/passation/internal/pdftest"
	"github.com/passation/passation/internal/testrepo"
	"github.com/passation/passation/internal/typo"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// fixturesDir holds one folder per repository: its files, and expect.txt
// with the verdicts written by hand (see testdata/detection/README.md).
const fixturesDir = "../../testdata/detection"

// TestFixtures commits each fixture repository into a real git repository,
// runs the embedded catalogue on it and checks every expectation of its
// expect.txt. Expectations are written by hand: there is no -update.
func TestFixtures(t *testing.T) {
	cat, c := checktest.Embedded(t)
	known := map[string]bool{}
	for _, r := range cat.Rules {
		// The history group judges commits, not files: the fixtures are
		// checked as trees (no history), where those rules skip, and
		// history_test.go covers them.
		known[r.ID] = r.Group != "history"
	}
	cases, err := os.ReadDir(fixturesDir)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, d := range cases {
		if !d.IsDir() {
			continue
		}
		n++
		dir := filepath.Join(fixturesDir, d.Name())
		t.Run(d.Name(), func(t *testing.T) {
			t.Parallel()
			fx, err := readFixture(dir, known)
			if err != nil {
				t.Fatal(err)
			}
			results := fx.run(t, c)
			for _, p := range fx.check(results, known) {
				t.Error(p)
			}
		})
	}
	if n < 40 {
		t.Errorf("%d fixture repositories in %s, expected at least 40", n, fixturesDir)
	}
}

// fixture is one repository of testdata/detection and what it must give.
type fixture struct {
	name   string
	files  map[string]string
	lang   string
	expect []expectation
	// others, when set, is the status of every rule no status line names.
	others finding.Status
}

// expectation is one line of expect.txt: a rule's status, or a substring
// that one of its evidence lines must (or, with "!", must not) contain.
type expectation struct {
	line   int
	rule   string
	status finding.Status
	text   string
	absent bool
}

// readFixture reads a fixture folder and applies the directives of its
// expect.txt to its files. Every problem names expect.txt and its line.
func readFixture(dir string, known map[string]bool) (*fixture, error) {
	fx := &fixture{name: filepath.Base(dir), files: map[string]string{}, lang: "en"}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if rel == "expect.txt" {
			return nil
		}
		data, err := os.ReadFile(p)
		fx.files[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		return nil, err
	}
	expectFile := filepath.Join(dir, "expect.txt")
	data, err := os.ReadFile(expectFile)
	if err != nil {
		return nil, err
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		bad := func(format string, args ...any) error {
			return fmt.Errorf("%s:%d: %s", expectFile, n, fmt.Sprintf(format, args...))
		}
		word, rest, _ := strings.Cut(line, " ")
		rest = strings.TrimSpace(rest)
		if strings.HasPrefix(word, "@") {
			if err := fx.directive(word, rest); err != nil {
				return nil, bad("%v", err)
			}
			continue
		}
		if ok, exists := known[word]; !exists {
			return nil, bad("unknown rule %q", word)
		} else if !ok {
			return nil, bad("rule %q judges history, which fixtures do not have", word)
		}
		e := expectation{line: n, rule: word}
		switch st := finding.Status(rest); st {
		case finding.Pass, finding.Fail, finding.Skip:
			e.status = st
		case "":
			return nil, bad("expected %q followed by pass, fail, skip or an evidence substring", word)
		default:
			e.text, e.absent = rest, strings.HasPrefix(rest, "!")
			if e.absent {
				e.text = strings.TrimSpace(rest[1:])
			}
		}
		fx.expect = append(fx.expect, e)
	}
	if len(fx.expect) == 0 {
		return nil, fmt.Errorf("%s: no expectation", expectFile)
	}
	return fx, sc.Err()
}

// directive applies one "@" line of expect.txt:
//
//	@lang fr                      run in French
//	@others fail                  every rule without a status line has this status
//	@encode windows-1252 PATH     store PATH (written in UTF-8) in another encoding
//	@png PATH                     add a small real PNG image at PATH
//	@pdf PATH FROM [no-outline]   commit at PATH a real PDF, with bookmarks unless
//	                              no-outline, made from the fixture's file FROM
//	                              (not committed itself; "# " lines are headings);
//	                              FROM "logo" makes one that shows only a logo,
//	                              "damaged" one cut in the middle
//
// Encodings: windows-1252, utf-8-bom, utf-16le-bom, utf-16be-bom, utf-16le
// (no byte-order mark: the NUL bytes make it binary), crlf (Windows line
// endings). @png exists because some names cannot travel in a Go module
// (an apostrophe) and binary content is not reviewable.
func (fx *fixture) directive(word, arg string) error {
	switch word {
	case "@lang":
		if arg != "en" && arg != "fr" {
			return fmt.Errorf("@lang: expected en or fr, got %q", arg)
		}
		fx.lang = arg
	case "@others":
		fx.others = finding.Status(arg)
		if fx.others != finding.Pass && fx.others != finding.Fail {
			return fmt.Errorf("@others: expected pass or fail, got %q", arg)
		}
	case "@encode":
		enc, p, _ := strings.Cut(arg, " ")
		text, ok := fx.files[p]
		if !ok {
			return fmt.Errorf("@encode: no file %q in the fixture", p)
		}
		out, err := encode(enc, text)
		if err != nil {
			return fmt.Errorf("@encode %s %s: %v", enc, p, err)
		}
		fx.files[p] = out
	case "@png":
		if _, ok := fx.files[arg]; ok || arg == "" {
			return fmt.Errorf("@png: expected the path of a file the fixture does not hold, got %q", arg)
		}
		fx.files[arg] = pngImage()
	case "@pdf":
		p, from, _ := strings.Cut(arg, " ")
		from, flag, _ := strings.Cut(from, " ")
		if _, ok := fx.files[p]; ok || p == "" || from == "" || flag != "" && flag != "no-outline" {
			return fmt.Errorf("@pdf: expected the path of a file the fixture does not hold, the file to make it from and maybe no-outline, got %q", arg)
		}
		switch from {
		case "logo":
			fx.files[p] = string(pdftest.LogoOnly())
			return nil
		case "damaged":
			whole := pdftest.LogoOnly()
			fx.files[p] = string(whole[:len(whole)/2])
			return nil
		}
		text, ok := fx.files[from]
		if !ok {
			return fmt.Errorf("@pdf: no file %q in the fixture", from)
		}
		delete(fx.files, from)
		fx.files[p] = string(pdftest.FromText(text, pdftest.Options{Outline: flag == ""}))
	default:
		return fmt.Errorf("unknown directive %q: expected @lang, @others, @encode, @png or @pdf", word)
	}
	return nil
}

func encode(name, text string) (string, error) {
	var enc encoding.Encoding
	switch name {
	case "windows-1252":
		enc = charmap.Windows1252
	case "utf-8-bom":
		return "\xEF\xBB\xBF" + text, nil
	case "utf-16le-bom":
		enc = unicode.UTF16(unicode.LittleEndian, unicode.UseBOM)
	case "utf-16be-bom":
		enc = unicode.UTF16(unicode.BigEndian, unicode.UseBOM)
	case "utf-16le":
		enc = unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM)
	case "crlf":
		return strings.ReplaceAll(text, "\n", "\r\n"), nil
	default:
		return "", fmt.Errorf("unknown encoding: expected windows-1252, utf-8-bom, utf-16le-bom, utf-16be-bom, utf-16le or crlf")
	}
	// The encoder refuses characters the encoding cannot hold: a fixture
	// that claims Windows-1252 really is.
	return enc.NewEncoder().String(text)
}

// pngImage is a real 16×16 PNG: a blue frame on white.
func pngImage() string {
	img := image.NewRGBA(image.Rect(0, 0, 16, 16))
	for x := 0; x < 16; x++ {
		for y := 0; y < 16; y++ {
			c := color.RGBA{255, 255, 255, 255}
			if x == 0 || y == 0 || x == 15 || y == 15 {
				c = color.RGBA{0, 0, 145, 255}
			}
			img.Set(x, y, c)
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		panic(err)
	}
	return b.String()
}

// run commits the fixture's files in a fresh git repository and checks its
// HEAD with the embedded catalogue.
func (fx *fixture) run(t *testing.T, c *check.Checker) map[string]finding.Result {
	t.Helper()
	repo := testrepo.New(t).CommitFiles(fx.files)
	tree := checktest.Commit(t, repo.Dir, "")
	// No History nor Now: the tree alone is judged (see TestFixtures).
	results, err := c.Run(tree, check.Options{Lang: fx.lang})
	if err != nil {
		t.Fatalf("check: %v", err)
	}
	out := map[string]finding.Result{}
	for _, res := range results {
		out[res.Rule] = res
	}
	return out
}

// check returns every expectation the results do not meet, each with the
// line of expect.txt it comes from and what the rule said.
func (fx *fixture) check(results map[string]finding.Result, known map[string]bool) []string {
	var problems []string
	say := func(e expectation, format string, args ...any) {
		res := results[e.rule]
		problems = append(problems, fmt.Sprintf("expect.txt:%d: %s: %s\n\tgot %s: %s%s",
			e.line, e.rule, fmt.Sprintf(format, args...), res.Status, res.Message, renderAll(res.Evidence)))
	}
	named := map[string]bool{}
	for _, e := range fx.expect {
		res := results[e.rule]
		if fx.lang == "fr" {
			// expect.txt is written with plain spaces, as the tables are.
			e.text = typo.French(e.text)
		}
		switch {
		case e.status != "":
			named[e.rule] = true
			if res.Status != e.status {
				say(e, "want %s", e.status)
			}
		case e.absent:
			for _, ev := range res.Evidence {
				if strings.Contains(render(ev), e.text) {
					say(e, "want no evidence containing %q", e.text)
					break
				}
			}
		default:
			found := false
			for _, ev := range res.Evidence {
				found = found || strings.Contains(render(ev), e.text)
			}
			if !found {
				say(e, "want evidence containing %q", e.text)
			}
		}
	}
	if fx.others != "" {
		var ids []string
		for id := range results {
			if known[id] {
				ids = append(ids, id)
			}
		}
		sort.Strings(ids)
		for _, id := range ids {
			if res := results[id]; !named[id] && res.Status != fx.others {
				problems = append(problems, fmt.Sprintf("@others %s: %s: got %s: %s%s", fx.others, id, res.Status, res.Message, renderAll(res.Evidence)))
			}
		}
	}
	return problems
}

// render writes one evidence as expect.txt lines quote it:
// "README.md:12 (section "Installation")".
func render(e finding.Evidence) string {
	if e.Path == "" {
		return "(" + e.Detail + ")"
	}
	return e.String()
}

func renderAll(ev []finding.Evidence) string {
	var b strings.Builder
	for _, e := range ev {
		b.WriteString("\n\t\t" + render(e))
	}
	return b.String()
}

// TestFixtureHarness makes sure the harness itself can fail: every kind of
// wrong expectation is reported, and a malformed expect.txt is refused with
// its line.
func TestFixtureHarness(t *testing.T) {
	cat, c := checktest.Embedded(t)
	known := map[string]bool{}
	for _, r := range cat.Rules {
		known[r.ID] = r.Group != "history"
	}
	fx := &fixture{
		files: map[string]string{"INSTALL.md": "# Installation\n\nRun npm ci then npm start: the site answers on port 3000.\n"},
		lang:  "en",
		expect: []expectation{
			{line: 1, rule: "install-guide", status: finding.Fail},
			{line: 2, rule: "install-guide", text: "nowhere.md"},
			{line: 3, rule: "install-guide", text: "INSTALL.md", absent: true},
			{line: 4, rule: "changelog", status: finding.Pass},
			{line: 5, rule: "install-guide", text: "INSTALL.md (file)"},
		},
		others: finding.Pass,
	}
	problems := fx.check(fx.run(t, c), known)
	for _, want := range []string{"expect.txt:1:", "expect.txt:2:", "expect.txt:3:", "expect.txt:4:", "@others pass: licence:"} {
		found := false
		for _, p := range problems {
			found = found || strings.HasPrefix(p, want)
		}
		if !found {
			t.Errorf("no problem reported for %q; got:\n%s", want, strings.Join(problems, "\n"))
		}
	}
	for _, p := range problems {
		if strings.HasPrefix(p, "expect.txt:5:") {
			t.Errorf("a met expectation reported: %s", p)
		}
	}

	bad := map[string]string{
		"unknown rule":      "instal-guide pass\n",
		"history rule":      "activity pass\n",
		"no status":         "# comment\ninstall-guide\n",
		"unknown directive": "@langue fr\n",
		"bad lang":          "@lang de\n",
		"missing file":      "@encode utf-16le-bom NOTHERE.md\ninstall-guide pass\n",
		"not Windows-1252":  "@encode windows-1252 README.md\ninstall-guide pass\n",
		"png over a file":   "@png README.md\n",
		"no expectation":    "@lang fr\n",
	}
	for name, expect := range bad {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "README.md"), []byte("# 漢字\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "expect.txt"), []byte(expect), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := readFixture(dir, known); err == nil || !strings.Contains(err.Error(), "expect.txt") {
			t.Errorf("%s: error %v, want one naming expect.txt", name, err)
		}
	}
}
