package cohortreport

import (
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/passation/passation/internal/audit"
	"github.com/passation/passation/internal/catalog"
	"github.com/passation/passation/internal/finding"
	"github.com/passation/passation/internal/syserr"
)

// ProgressSchema identifies history.json, the cohort's progress across the
// audits written into one output folder.
const ProgressSchema = "passation-progress/v1"

// ProgressFile is the history's name in the output folder.
const ProgressFile = "history.json"

// Bounds of a history read back: years of weekly audits, and no more.
const (
	maxProgressBytes  = 16 << 20
	maxProgressPoints = 10_000
)

// Progress is what every audit kept in an output folder found: one point
// per audit day, oldest first.
type Progress struct {
	Schema string  `json:"schema"`
	Audits []Point `json:"audits"`
}

// Point is one audit of the cohort, counted per checklist group.
type Point struct {
	// Date is the audit's day (YYYY-MM-DD).
	Date         string `json:"date"`
	Repositories int    `json:"repositories"`
	// Found counts per group the items found over the cohort (one per
	// repository and item); Checked counts those looked for.
	Found   map[string]int `json:"found"`
	Checked map[string]int `json:"checked"`
}

// ReadProgress reads the history of the output folder out; none yet is an
// empty history. A damaged file is an error naming it, so that an audit
// stops before fetching anything rather than lose the history.
func ReadProgress(out string) (*Progress, error) {
	name := filepath.Join(out, ProgressFile)
	root, err := os.OpenRoot(out)
	if errors.Is(err, fs.ErrNotExist) {
		return &Progress{Schema: ProgressSchema}, nil
	}
	if err != nil {
		return nil, writeWords.Wrap(err, "out", syserr.Of(err))
	}
	defer root.Close()
	// Through the folder's root: a history.json linked elsewhere is not read.
	fh, err := root.Open(ProgressFile)
	if errors.Is(err, fs.ErrNotExist) {
		return &Progress{Schema: ProgressSchema}, nil
	}
	if err != nil {
		return nil, writeWords.Wrap(err, "progress", name, syserr.Of(err))
	}
	defer fh.Close()
	return decodeProgress(name, fh)
}

func decodeProgress(name string, rd io.Reader) (*Progress, error) {
	var p Progress
	lim := &io.LimitedReader{R: rd, N: maxProgressBytes + 1}
	if err := json.NewDecoder(lim).Decode(&p); err != nil {
		if lim.N <= 0 {
			return nil, writeWords.Errorf("progress-big", name, maxProgressBytes>>20)
		}
		return nil, writeWords.Wrap(err, "progress-json", name, syserr.Of(err))
	}
	if p.Schema != ProgressSchema {
		return nil, writeWords.Errorf("progress-schema", name, p.Schema, ProgressSchema)
	}
	if len(p.Audits) > maxProgressPoints {
		return nil, writeWords.Errorf("progress-count.many", name, len(p.Audits), maxProgressPoints)
	}
	for i, a := range p.Audits {
		if a.Date == "" || a.Found == nil || a.Checked == nil {
			return nil, writeWords.Errorf("progress-point", name, i+1)
		}
	}
	return &p, nil
}

// With returns the history with this audit added: a later audit of the
// same day replaces that day's point. An audit without a date (no clock)
// adds nothing.
func (p *Progress) With(res *audit.Result) *Progress {
	out := &Progress{Schema: ProgressSchema, Audits: append([]Point(nil), p.Audits...)}
	if res.Date == "" {
		return out
	}
	pt := Point{Date: res.Date, Repositories: len(res.Repositories), Found: map[string]int{}, Checked: map[string]int{}}
	for _, it := range res.Items {
		pt.Found[it.Group] += 0
		pt.Checked[it.Group] += 0
		for i := range res.Repositories {
			r, ok := res.Repositories[i].Result(it.Rule)
			if !ok {
				continue
			}
			pt.Checked[it.Group]++
			if r.Status == finding.Pass {
				pt.Found[it.Group]++
			}
		}
	}
	if n := len(out.Audits); n > 0 && out.Audits[n-1].Date == pt.Date {
		out.Audits[n-1] = pt
	} else {
		out.Audits = append(out.Audits, pt)
	}
	return out
}

// JSON is history.json's content.
func (p *Progress) JSON() ([]byte, error) {
	b, err := json.MarshalIndent(p, "", "  ")
	return append(b, '\n'), err
}

// Chart geometry, in SVG user units.
const (
	chartW, chartH                    = 720, 260
	padLeft, padRight, padTop         = 44, 190, 14
	padBottom                         = 40
	plotW, plotH                      = chartW - padLeft - padRight, chartH - padTop - padBottom
	markerSize                float64 = 4
)

// dashes tell the groups' lines apart in black and white.
var dashes = []string{"", "6 3", "2 3", "8 3 2 3", "1 2", "10 4"}

// chartSVG draws the history as inline SVG: one line per checklist group
// (items found over the cohort), one marker per audit, the group's name and
// last count at the end of its line. Black on white, lines told apart by
// their dashes and markers, so it prints. Fewer than two audits: nothing.
func chartSVG(p *Progress, cat *catalog.Catalog, lang string) template.HTML {
	if p == nil || len(p.Audits) < 2 {
		return ""
	}
	var groups []string
	seen := map[string]bool{}
	if cat != nil {
		for _, g := range cat.Groups {
			groups = append(groups, g.ID)
			seen[g.ID] = true
		}
	}
	for _, a := range p.Audits {
		for g := range a.Checked {
			if !seen[g] {
				seen[g] = true
				groups = append(groups, g)
			}
		}
	}
	top := 1
	for _, a := range p.Audits {
		for _, g := range groups {
			top = max(top, a.Found[g])
		}
	}
	top = niceCeil(top)
	x := func(i int) float64 { return padLeft + float64(i)*float64(plotW)/float64(len(p.Audits)-1) }
	y := func(v int) float64 { return padTop + float64(plotH) - float64(v)*float64(plotH)/float64(top) }
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="progress" role="img" viewBox="0 0 %d %d" width="%d" height="%d" data-audits="%d" aria-labelledby="progress-title">`, chartW, chartH, chartW, chartH, len(p.Audits))
	fmt.Fprintf(&b, `<title id="progress-title">%s</title>`, template.HTMLEscapeString(say(lang, "progress")))
	for k := 0; k <= 4; k++ {
		v := top * k / 4
		fmt.Fprintf(&b, `<line x1="%d" x2="%d" y1="%.1f" y2="%.1f" stroke="#bbb" stroke-width="0.5"/>`, padLeft, padLeft+plotW, y(v), y(v))
		fmt.Fprintf(&b, `<text x="%d" y="%.1f" font-size="10" text-anchor="end">%d</text>`, padLeft-4, y(v)+3, v)
	}
	for i, a := range p.Audits {
		// The first and last dates stay inside the plot's width: the end
		// labels are beside it.
		anchor := "middle"
		switch i {
		case 0:
			anchor = "start"
		case len(p.Audits) - 1:
			anchor = "end"
		}
		fmt.Fprintf(&b, `<text x="%.1f" y="%d" font-size="10" text-anchor="%s">%s</text>`, x(i), padTop+plotH+14, anchor, template.HTMLEscapeString(shortDate(lang, a.Date)))
	}
	labels := labelPlaces(groups, p.Audits[len(p.Audits)-1], y)
	for gi, g := range groups {
		title := template.HTMLEscapeString(groupTitle(cat, g, lang))
		var pts []string
		for i, a := range p.Audits {
			pts = append(pts, fmt.Sprintf("%.1f,%.1f", x(i), y(a.Found[g])))
		}
		fmt.Fprintf(&b, `<g class="group" data-group="%s">`, template.HTMLEscapeString(g))
		fmt.Fprintf(&b, `<polyline fill="none" stroke="#000" stroke-width="1.4" stroke-dasharray="%s" points="%s"/>`, dashes[gi%len(dashes)], strings.Join(pts, " "))
		for i, a := range p.Audits {
			marker(&b, gi, x(i), y(a.Found[g]), a.Found[g], a.Checked[g], title, a.Date)
		}
		last := p.Audits[len(p.Audits)-1]
		// The end label is cut to fit beside the plot; the whole title is
		// the label's tooltip.
		fmt.Fprintf(&b, `<text x="%d" y="%.1f" font-size="10"><title>%s</title>%s (%d)</text>`, padLeft+plotW+14, labels[g]+3, title, template.HTMLEscapeString(cut(groupTitle(cat, g, lang), 26)), last.Found[g])
		b.WriteString(`</g>`)
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// labelGap is the least distance between two end labels.
const labelGap = 11

// labelPlaces puts each group's end label beside its line's last point,
// pushed apart so that groups with the same count stay readable.
func labelPlaces(groups []string, last Point, y func(int) float64) map[string]float64 {
	order := append([]string(nil), groups...)
	sort.SliceStable(order, func(i, j int) bool { return last.Found[order[i]] > last.Found[order[j]] })
	out := map[string]float64{}
	prev := math.Inf(-1)
	for _, g := range order {
		at := math.Max(y(last.Found[g]), prev+labelGap)
		out[g] = at
		prev = at
	}
	// Then up again from the chart's bottom edge, should the push have
	// gone past it.
	limit := float64(chartH - 4)
	for i := len(order) - 1; i >= 0; i-- {
		g := order[i]
		out[g] = math.Min(out[g], limit)
		limit = out[g] - labelGap
	}
	return out
}

// marker draws one audit's point of a group, in the group's shape, with
// its figures for a reader (title) and a test (data attributes).
func marker(b *strings.Builder, gi int, cx, cy float64, found, checked int, title, date string) {
	s := markerSize
	attrs := fmt.Sprintf(`class="point" data-date="%s" data-found="%d" data-checked="%d"`, template.HTMLEscapeString(date), found, checked)
	tip := fmt.Sprintf(`<title>%s — %s: %d / %d</title>`, title, template.HTMLEscapeString(date), found, checked)
	switch gi % 4 {
	case 0:
		fmt.Fprintf(b, `<circle %s cx="%.1f" cy="%.1f" r="%.1f" fill="#000">%s</circle>`, attrs, cx, cy, s-0.5, tip)
	case 1:
		fmt.Fprintf(b, `<rect %s x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="#fff" stroke="#000">%s</rect>`, attrs, cx-s+1, cy-s+1, 2*s-2, 2*s-2, tip)
	case 2:
		fmt.Fprintf(b, `<path %s d="M%.1f %.1fL%.1f %.1fL%.1f %.1fZ" fill="#000">%s</path>`, attrs, cx, cy-s, cx+s, cy+s-1, cx-s, cy+s-1, tip)
	default:
		fmt.Fprintf(b, `<path %s d="M%.1f %.1fL%.1f %.1fL%.1f %.1fL%.1f %.1fZ" fill="#fff" stroke="#000">%s</path>`, attrs, cx, cy-s, cx+s, cy, cx, cy+s, cx-s, cy, tip)
	}
}

// niceCeil rounds a maximum up to a value whose quarters are whole.
func niceCeil(v int) int {
	for _, step := range []int{4, 8, 20, 40, 100, 200, 400, 1000, 2000, 4000, 10000} {
		if v <= step {
			return step
		}
	}
	return (v + 9999) / 10000 * 10000
}

// shortDate is "12 Mar" or "12 mars", the x axis's labels.
func shortDate(lang, date string) string {
	long := longDate(lang, date)
	f := strings.Fields(long)
	if len(f) != 3 {
		return date
	}
	m := f[1]
	if r := []rune(m); len(r) > 4 {
		m = string(r[:3]) + "."
	}
	return f[0] + " " + m
}

// cut shortens s to n characters, with an ellipsis.
func cut(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return strings.TrimSpace(string(r[:n-1])) + "…"
	}
	return s
}
