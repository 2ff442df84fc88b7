package check

import (
	"testing"

	"github.com/passation/passation/internal/finding"
)

// TestTidySaysAPlaceOnce: one place found by two evidences of a rule is
// said once, even when another place on the same line stands between them.
func TestTidySaysAPlaceOnce(t *testing.T) {
	page := finding.Evidence{Path: "docs/overview.md", Line: 10, Detail: `mermaid diagram in section "Overview"`}
	section := finding.Evidence{Path: "docs/overview.md", Line: 10, Detail: `mermaid diagram in section "Schema"`}
	got := tidy([]finding.Evidence{page, section, page})
	if len(got) != 2 {
		t.Fatalf("got %d places, want 2: %+v", len(got), got)
	}
}
