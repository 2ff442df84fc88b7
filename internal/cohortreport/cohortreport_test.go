package cohortreport_test

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/passation/passation/internal/audit"
	"github.com/passation/passation/internal/catalog"
	"github.com/passation/passation/internal/cohortreport"
	"github.com/passation/passation/internal/finding"
	"github.com/passation/passation/internal/testrepo"
	"github.com/passation/passation/rules"
)

var update = flag.Bool("update", false, "rewrite the README's screenshot of the report")

func loadCatalog(t testing.TB) *catalog.Catalog {
	t.Helper()
	cat, err := catalog.Load(rules.FS)
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

// sample is a cohort of eight repositories with varied verdicts, one that
// could not be audited, built through the audit package's JSON (its public
// form) so that the renderers see what an audit writes.
func sample(t testing.TB, lang string) *audit.Result {
	t.Helper()
	cat := loadCatalog(t)
	type repo struct {
		name, team, challenge string
		// have is which rules pass: every rule whose index%mod is < keep.
		mod, keep int
		failure   string
	}
	repos := []repo{
		{"signaux-faibles", "Équipe Signaux", "Signaux faibles", 1, 1, ""},
		{"lab-agora", "Équipe Agora", "LabAgora", 3, 2, ""},
		{"datafiscal", "Équipe Fisc", "Data Fiscal", 2, 1, ""},
		{"gobelins-api", "Équipe Gobelins", "Gobelins", 4, 1, ""},
		{"hopkins", "Équipe Hopkins", "Hopkins", 5, 3, ""},
		{"prevision-crues", "Équipe Crues", "Prévision des crues", 1, 0, ""},
		{"archifiltre", "Équipe Archi", "Archifiltre", 3, 1, ""},
		{"private-tool", "Équipe Privée", "Outil interne", 1, 1, "auth"},
	}
	var sb strings.Builder
	fmt.Fprintf(&sb, `{"schema":%q,"tool":{"name":"passation","version":"test"},"lang":%q,"cohort":%d,"items":[`, audit.Schema, lang, len(repos))
	for i, r := range cat.Rules {
		if i > 0 {
			sb.WriteString(",")
		}
		fmt.Fprintf(&sb, `{"rule":%q,"group":%q,"severity":%q,"title":%q}`, r.ID, r.Group, r.Severity, r.Title.In(lang))
	}
	sb.WriteString(`],"totals":[],"repositories":[`)
	for k, rp := range repos {
		if k > 0 {
			sb.WriteString(",")
		}
		url := "https://git.example.org/eig/" + rp.name + ".git"
		fmt.Fprintf(&sb, `{"index":%d,"name":%q,"team":%q,"challenge":%q,"url":%q,"profile":"eig"`, k, rp.name, rp.team, rp.challenge, url)
		if rp.failure != "" {
			fmt.Fprintf(&sb, `,"error":{"kind":%q,"message":"authentication refused or required: authentication required"}}`, rp.failure)
			continue
		}
		var results []string
		for i, r := range cat.Rules {
			st, ev := "fail", `[]`
			msg := r.Message.In(lang)
			if i%rp.mod < rp.keep {
				st, ev, msg = "pass", `[{"path":"README.md","line":12,"detail":"section"}]`, "Found: README.md:12."
			}
			results = append(results, fmt.Sprintf(`{"rule":%q,"group":%q,"severity":%q,"status":%q,"title":%q,"message":%q,"hint":%q,"evidence":%s}`,
				r.ID, r.Group, r.Severity, st, r.Title.In(lang), msg, r.Hint.In(lang), ev))
		}
		fmt.Fprintf(&sb, `,"report":{"schema":"passation/v1","tool":{"name":"passation","version":"test"},"repository":{"path":%q,"ref":"main","commit":"%040d","mode":"commit"},"profile":"eig","lang":%q,"summary":{},"results":[%s]}}`,
			url, k, lang, strings.Join(results, ","))
	}
	sb.WriteString("]}")
	res, err := audit.ReadJSON("sample", strings.NewReader(sb.String()))
	if err != nil {
		t.Fatal(err)
	}
	for i := range res.Repositories {
		if r := res.Repositories[i].Report; r != nil {
			r.Summary = finding.Summarize(r.Results)
		}
	}
	// Merge of one whole part computes the totals as an audit does.
	res, err = audit.Merge([]string{"sample"}, []*audit.Result{res})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestFilesAreComplete(t *testing.T) {
	res := sample(t, "fr")
	files, err := cohortreport.Files(res, loadCatalog(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"index.html", "report.json", "report.csv", "report.md", "letters/equipe-privee.md", "letters/equipe-crues.md"} {
		if len(files[name]) == 0 {
			t.Errorf("%s missing", name)
		}
	}
	html := string(files["index.html"])
	for _, forbidden := range []string{"<link", "src=\"http", "href=\"http", "@import", "url("} {
		if strings.Contains(html, forbidden) {
			t.Errorf("index.html refers to an external asset (%s)", forbidden)
		}
	}
	if !strings.Contains(string(files["letters/equipe-crues.md"]), "Bonjour Équipe Crues") ||
		!strings.Contains(string(files["letters/equipe-crues.md"]), "Ajoutez un fichier LICENSE") {
		t.Errorf("French letter:\n%s", files["letters/equipe-crues.md"])
	}
	if !strings.Contains(string(files["letters/equipe-privee.md"]), "Nous n'avons pas pu lire ce dépôt") {
		t.Errorf("letter of a failed repository:\n%s", files["letters/equipe-privee.md"])
	}
	if !strings.Contains(string(files["report.md"]), "| prevision-crues | Équipe Crues | 0 |") {
		t.Errorf("report.md:\n%s", files["report.md"])
	}
}

func TestCSVCellsAreNotFormulas(t *testing.T) {
	res := sample(t, "en")
	res.Repositories[0].Name = "=HYPERLINK(\"http://evil\")"
	var b bytes.Buffer
	if err := cohortreport.CSV(&b, res); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), `"'=HYPERLINK(""http://evil"")"`) {
		t.Errorf("a formula went through:\n%s", b.String()[:300])
	}
	// Control and bidi characters of a team's name are shown, not obeyed.
	res.Repositories[0].Team = "Équipe\x1b[2J\u202eA\nB"
	b.Reset()
	if err := cohortreport.CSV(&b, res); err != nil {
		t.Fatal(err)
	}
	if strings.ContainsAny(b.String(), "\x1b\u202e") || !strings.Contains(b.String(), `Équipe\x1b[2J\u202eA\nB`) {
		t.Errorf("a team name's control characters reached the CSV:\n%q", b.String()[:300])
	}
}

// chromium finds Debian's headless browser; CI must have it (.ci/run
// installs it), a developer's machine may not.
func chromium(t *testing.T) string {
	testrepo.EndToEnd(t, "headless Chromium")
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("chromium is not installed: .ci/run must install it (apt-get install chromium)")
	}
	t.Skip("chromium not installed")
	return ""
}

func runChromium(t *testing.T, bin string, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	base := []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--disable-dev-shm-usage", "--user-data-dir=" + t.TempDir()}
	cmd := exec.CommandContext(ctx, bin, append(base, args...)...)
	cmd.Env = append(os.Environ(), "HOME="+t.TempDir())
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("chromium %v: %v\n%s", args, err, errb.String())
	}
	return out.String()
}

var rowTag = regexp.MustCompile(`<tr id="row-repo-(\d+)"[^>]*>`)

// visibleRows lists the matrix rows of a dumped DOM in display order, and
// which of them are hidden.
func visibleRows(dom string) (shown, hidden []string) {
	for _, m := range rowTag.FindAllStringSubmatch(dom, -1) {
		if strings.Contains(m[0], "hidden") {
			hidden = append(hidden, m[1])
		} else {
			shown = append(shown, m[1])
		}
	}
	return shown, hidden
}

// TestHTMLInChromium opens the page in headless Chromium: the matrix is
// rendered, and the filters and sorting given in the URL's hash apply.
func TestHTMLInChromium(t *testing.T) {
	bin := chromium(t)
	res := sample(t, "en")
	var b bytes.Buffer
	if err := cohortreport.HTML(&b, res, loadCatalog(t), nil); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	page := filepath.Join(dir, "index.html")
	if err := os.WriteFile(page, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	url := "file://" + page

	dom := runChromium(t, bin, "--dump-dom", url)
	if !strings.Contains(dom, `data-ready="1"`) {
		t.Fatal("the page's script did not run")
	}
	if shown, hidden := visibleRows(dom); len(shown) != 8 || len(hidden) != 0 {
		t.Fatalf("unfiltered: %d rows shown, %d hidden", len(shown), len(hidden))
	}
	if n := strings.Count(dom, `<td class="pass"`); n == 0 {
		t.Error("no found cell in the matrix")
	}

	cases := []struct {
		hash  string
		shown []string // row numbers, in display order
	}{
		// Licence is rule 21 of 29: missing where its index%mod ≥ keep.
		{"#missing=licence", []string{"2", "6", "7"}},
		{"#q=crues", []string{"6"}},
		{"#q=equipe%20agora", []string{"2"}}, // accents and case do not matter
		{"#state=error", []string{"8"}},
		{"#sort=score&dir=desc", []string{"1", "2", "5", "3", "7", "4", "6", "8"}}, // 100, 66, 60, 53, 38, 28, 0, not audited
		{"#missing=licence&sort=name&dir=asc", []string{"7", "2", "6"}},
	}
	for _, c := range cases {
		dom := runChromium(t, bin, "--dump-dom", url+c.hash)
		shown, _ := visibleRows(dom)
		if strings.Join(shown, ",") != strings.Join(c.shown, ",") {
			t.Errorf("%s: rows shown %v, want %v", c.hash, shown, c.shown)
		}
		if !strings.Contains(dom, fmt.Sprintf(`id="count">%d<`, len(c.shown))) {
			t.Errorf("%s: the count does not say %d", c.hash, len(c.shown))
		}
	}

	shot := filepath.Join(dir, "report.png")
	runChromium(t, bin, "--screenshot="+shot, "--window-size=1400,900", "--hide-scrollbars", url)
	png, err := os.ReadFile(shot)
	if err != nil || !bytes.HasPrefix(png, []byte("\x89PNG\r\n\x1a\n")) || len(png) < 10_000 {
		t.Fatalf("screenshot: %d bytes, %v", len(png), err)
	}
	if *update {
		if err := os.WriteFile("../../testdata/audit/report.png", png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

var circleTag = regexp.MustCompile(`<circle class="point" data-date="([0-9-]+)" data-found="(\d+)" data-checked="\d+" cx="([0-9.]+)" cy="([0-9.]+)"`)

// TestProgressChartInChromium draws three audits of a cohort: in the DOM
// Chromium builds, each group has its three points, higher for more items
// found; in Chromium's screenshot, the marker of each point is drawn where
// the DOM says, and nothing is drawn where no point is.
func TestProgressChartInChromium(t *testing.T) {
	bin := chromium(t)
	cat := loadCatalog(t)
	prog := &cohortreport.Progress{Schema: cohortreport.ProgressSchema}
	for i, date := range []string{"2026-03-01", "2026-03-15", "2026-04-02"} {
		pt := cohortreport.Point{Date: date, Repositories: 8, Found: map[string]int{}, Checked: map[string]int{}}
		for k, g := range cat.Groups {
			pt.Found[g.ID] = (k + 1) * (i + 1) // every group rises, at its own pace
			pt.Checked[g.ID] = 40
		}
		prog.Audits = append(prog.Audits, pt)
	}
	var b bytes.Buffer
	if err := cohortreport.HTML(&b, sample(t, "fr"), cat, prog); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	page := filepath.Join(dir, "index.html")
	if err := os.WriteFile(page, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	dom := runChromium(t, bin, "--dump-dom", "file://"+page)
	if !strings.Contains(dom, "Éléments trouvés dans la promotion") {
		t.Error("the chart's heading is not in the page's language")
	}
	groups := regexp.MustCompile(`<g class="group" data-group="([a-z-]+)">(.*?)</g>`).FindAllStringSubmatch(dom, -1)
	if len(groups) != len(cat.Groups) {
		t.Fatalf("%d groups drawn, expected %d", len(groups), len(cat.Groups))
	}
	for _, g := range groups {
		if n := strings.Count(g[2], `class="point"`); n != 3 {
			t.Errorf("group %s: %d points, expected 3", g[1], n)
		}
	}
	// The first group's points are circles: their heights follow the counts.
	circles := circleTag.FindAllStringSubmatch(groups[0][2], -1)
	if len(circles) != 3 {
		t.Fatalf("first group: %d circles, expected 3", len(circles))
	}
	var prevY float64 = 1e9
	for _, c := range circles {
		var cy float64
		fmt.Sscan(c[4], &cy)
		if cy >= prevY {
			t.Errorf("point %s (found %s) at y %v, not above the previous one (%v)", c[1], c[2], cy, prevY)
		}
		prevY = cy
	}

	// The chart alone, at the page's top left corner, one pixel per unit.
	start := strings.Index(dom, `<svg class="progress"`)
	end := strings.Index(dom[start:], "</svg>") + start + len("</svg>")
	alone := filepath.Join(dir, "chart.html")
	if err := os.WriteFile(alone, []byte(`<!DOCTYPE html><html><body style="margin:0">`+dom[start:end]+`</body></html>`), 0o644); err != nil {
		t.Fatal(err)
	}
	shot := filepath.Join(dir, "chart.png")
	runChromium(t, bin, "--screenshot="+shot, "--window-size=800,300", "--force-device-scale-factor=1", "--hide-scrollbars", "file://"+alone)
	fh, err := os.Open(shot)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	img, err := png.Decode(fh)
	if err != nil {
		t.Fatal(err)
	}
	dark := func(x, y float64) bool {
		r, g, bl, _ := img.At(int(x+0.5), int(y+0.5)).RGBA()
		return (r+g+bl)/3 < 0x5000
	}
	for _, c := range circles {
		var cx, cy float64
		fmt.Sscan(c[3], &cx)
		fmt.Sscan(c[4], &cy)
		if !dark(cx, cy) {
			t.Errorf("screenshot: no marker at (%v, %v), where the DOM puts the point of %s", cx, cy, c[1])
		}
		// Straight above the marker, clear of every line: white.
		if dark(cx, cy-12) && dark(cx, cy-13) {
			t.Errorf("screenshot: ink above the point of %s at (%v, %v)", c[1], cx, cy-12)
		}
	}
}
