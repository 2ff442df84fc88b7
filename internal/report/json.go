// Package report renders a finding.Report in each output format. Renderers
// write to an io.Writer and never decide exit codes.
package report

import (
	"encoding/json"
	"io"

	"github.com/passation/passation/internal/finding"
)

// JSON writes the passation/v1 document, indented, with a final newline.
func JSON(w io.Writer, r *finding.Report) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(r)
}
