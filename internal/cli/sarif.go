package cli

import (
	"io/fs"
	"strings"

	"github.com/passation/passation/internal/catalog"
	"github.com/passation/passation/internal/finding"
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
		meta[r.ID] = report.SARIFRule{Description: ev.Checker.Message(r.ID, ev.Lang), HelpURI: helpURI(r)}
	}
	return report.SARIFOptions{
		Rules: meta,
		Locate: func(res finding.Result) (string, int) {
			p := loc.For(res)
			return p.Path, p.Line
		},
	}
}

// helpURI is the published rule file of an embedded rule: its evidence and
// texts, readable by anyone. Rules from elsewhere have none.
func helpURI(r catalog.Rule) string {
	if r.Pos.File == "" || strings.ContainsAny(r.Pos.File, `/\`) {
		return ""
	}
	if _, err := fs.Stat(rules.FS, r.Pos.File); err != nil {
		return ""
	}
	return report.InformationURI + "/blob/main/rules/" + r.Pos.File
}
