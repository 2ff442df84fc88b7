package report

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/passation/passation/internal/finding"
)

// badge is a shields.io endpoint: https://img.shields.io/endpoint?url=…
// draws it from this JSON wherever it is published.
type badge struct {
	SchemaVersion int    `json:"schemaVersion"`
	Label         string `json:"label"`
	Message       string `json:"message"`
	Color         string `json:"color"`
}

// Badge writes the score as a shields.io endpoint badge, red while an item
// at or above the fail-on level is missing.
func Badge(w io.Writer, r *finding.Report, failOn finding.Severity) error {
	score := r.Summary.Score
	color := "brightgreen"
	switch {
	case len(finding.Failing(r.Results, failOn)) > 0 || score < 50:
		color = "red"
	case score < 70:
		color = "orange"
	case score < 90:
		color = "yellow"
	}
	b := badge{SchemaVersion: 1, Label: "passation", Message: fmt.Sprintf("%d/100", score), Color: color}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(b)
}
