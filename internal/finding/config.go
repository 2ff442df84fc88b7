package finding

// Config records, in a report, the configuration that shaped it: where it
// came from and every change it made, so that a reader of the report knows
// which gaps were waived, by whom and why.
type Config struct {
	// Source is "repository" (the committed .passation.yml or
	// .github/passation.yml), "flag" (--config FILE) or "none".
	Source string `json:"source"`
	// Path is the configuration file: its path in the repository, or as
	// given to --config.
	Path string `json:"path,omitempty"`
	// Rules are the extra rule folders loaded, in order.
	Rules     []string         `json:"rules,omitempty"`
	Ignore    []string         `json:"ignore,omitempty"`
	Overrides []ConfigOverride `json:"overrides,omitempty"`
	External  []ConfigExternal `json:"external,omitempty"`
	Waivers   []ConfigWaiver   `json:"waivers,omitempty"`
}

// ConfigOverride is one rule changed by the configuration.
type ConfigOverride struct {
	Rule     string   `json:"rule"`
	Off      bool     `json:"off,omitempty"`
	Severity Severity `json:"severity,omitempty"`
	// Evidence counts the evidence items the configuration added.
	Evidence int `json:"evidence,omitempty"`
}

// ConfigExternal is a document declared as kept outside the repository.
type ConfigExternal struct {
	Rule string `json:"rule"`
	URL  string `json:"url"`
	Note string `json:"note"`
}

// Waiver statuses in a report.
const (
	WaiverApplied = "applied" // the rule was missing: its result is waived
	WaiverExpired = "expired" // past its until date: it no longer waives
	WaiverUnused  = "unused"  // the rule is found, or not judged: nothing to waive
)

// ConfigWaiver is one waiver of the configuration and what became of it.
type ConfigWaiver struct {
	Rule   string `json:"rule"`
	Reason string `json:"reason"`
	Owner  string `json:"owner"`
	Until  string `json:"until,omitempty"` // YYYY-MM-DD, the last day it holds
	Status string `json:"status"`
}
