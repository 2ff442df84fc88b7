package cli

import (
	"fmt"
	"io/fs"
	"strings"

	"github.com/passation/passation/internal/buildinfo"
	"github.com/passation/passation/internal/catalog"
	"github.com/passation/passation/internal/finding"
	"github.com/passation/passation/internal/i18n"
	"github.com/passation/passation/internal/locate"
	"github.com/passation/passation/internal/pipeline"
	"github.com/passation/passation/internal/report"
	"github.com/passation/passation/rules"
)

// sarifOptions gives the SARIF writer the compiled rules' descriptions and
// help pages, and the place where each gap is shown.
func sarifOptions(ev *pipeline.Evaluation, loc *locate.Locator) report.SARIFOptions {
	meta := make(map[string]report.SARIFRule, len(ev.Rules))
	for _, r := range ev.Rules {
		// The description says what the rule is and what satisfies it.
		desc := r.Title.In(ev.Lang) + ": " + ev.Checker.Message(r.ID, ev.Lang)
		if looked := ev.Checker.Describe(r.ID, ev.Lang); len(looked) > 0 {
			desc += " " + fmt.Sprintf(sarifWords.In(ev.Lang, "passes"), strings.Join(looked, "; "))
		}
		meta[r.ID] = report.SARIFRule{Description: desc, HelpURI: helpURI(r, ev.Report.Tool.Version)}
	}
	return report.SARIFOptions{
		Rules: meta,
		Locate: func(res finding.Result) (string, int) {
			p := loc.For(res)
			return p.Path, p.Line
		},
	}
}

var sarifWords = i18n.Text{
	"passes": {"It passes when any of these is found: %s.", "Il est validé dès que l'un de ces éléments est trouvé : %s."},
}

// helpURI is the published rule file of an embedded rule, at the released
// version that ran (main for a build between releases): its evidence and
// texts, readable by anyone. Rules from elsewhere have none.
func helpURI(r catalog.Rule, version string) string {
	if r.Pos.File == "" || strings.ContainsAny(r.Pos.File, `/\`) {
		return ""
	}
	if _, err := fs.Stat(rules.FS, r.Pos.File); err != nil {
		return ""
	}
	ref := "main"
	if (buildinfo.Info{Version: version}).Release() {
		ref = version
	}
	return report.InformationURI + "/blob/" + ref + "/rules/" + r.Pos.File
}
