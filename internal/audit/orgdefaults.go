package audit

import (
	"context"
	"sync"
	"time"

	"github.com/passation/passation/internal/finding"
)

// DefaultsRules are the items GitHub shows from an organisation's .github
// repository on each of its repositories that lacks its own file
// (CONTRIBUTING, SECURITY, SUPPORT): a reader of the repository sees them,
// but a successor who takes the repository alone does not get them.
var DefaultsRules = []string{"contributing", "incident-response"}

// OrgDefaults is what the organisation's .github repository provides.
type OrgDefaults struct {
	URL string `json:"url"`
	// Items are the rules of DefaultsRules that the .github repository
	// meets.
	Items []string `json:"items"`
	// Error says why it could not be read (none: the organisation has
	// no .github repository).
	Error *Failure `json:"error,omitempty"`
}

// checkDefaults audits the organisation's .github repository as one more
// repository, and keeps the items it meets.
func (a *Auditor) checkDefaults(ctx context.Context, t Target, secrets []string) *OrgDefaults {
	var stragglers sync.WaitGroup
	repo, _ := a.one(ctx, t, secrets, &stragglers)
	waitAtMost(&stragglers, 5*time.Second)
	d := &OrgDefaults{URL: repo.URL, Items: []string{}}
	if repo.Error != nil {
		d.Error = repo.Error
		return d
	}
	for _, rule := range DefaultsRules {
		if r, ok := repo.Result(rule); ok && r.Status == finding.Pass {
			d.Items = append(d.Items, rule)
		}
	}
	return d
}

// markDefaults lists, on each repository, the items it misses that the
// organisation's defaults meet: shown as such, never as its own.
func markDefaults(res *Result) {
	if res.OrgDefaults == nil {
		return
	}
	for i := range res.Repositories {
		r := &res.Repositories[i]
		for _, rule := range res.OrgDefaults.Items {
			if v, ok := r.Result(rule); ok && v.Status == finding.Fail {
				r.OrgDefaults = append(r.OrgDefaults, rule)
			}
		}
	}
}
