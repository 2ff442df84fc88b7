// Package rules holds the handover checklist as data: one YAML file per
// checklist group, and profiles.yml. They are embedded in the binary so that
// passation needs no configuration; internal/catalog reads and validates them.
package rules

import "embed"

// FS holds the embedded rule files.
//
//go:embed *.yml
var FS embed.FS
