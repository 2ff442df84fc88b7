package evidence

import (
	"regexp"
)

// trackerURL is the address of a project board, milestones or a tracker
// kept outside the repository: GitHub Projects and milestones, GitLab
// boards and milestones, Trello, Notion, Jira.
var trackerURL = regexp.MustCompile(`(?i)^https?://(?:www\.)?(?:` +
	`github\.com/(?:orgs/[^/]+/projects|[^/]+/[^/]+/(?:projects|milestones?))` +
	`|[^/]*gitlab[^/]*/.+/-/(?:boards|milestones)` +
	`|trello\.com/|[^/]+\.notion\.site/|(?:www\.)?notion\.so/|[^/]+\.atlassian\.net/)`)

// pointerWords: a text shorter than this that links to a tracker says where
// the plan is kept, not what it is.
const pointerWords = 80

// pointer returns the tracker a short text only points to, "" when the
// text says more or points nowhere. "We use GitHub Projects for our
// roadmap: see the board" is a pointer; a roadmap of its own is not, and a
// list of two steps or more is one, however short.
func pointer(words, items int, links []string) string {
	if words >= pointerWords || items >= 2 {
		return ""
	}
	for _, u := range links {
		if trackerURL.MatchString(u) {
			return u
		}
	}
	return ""
}
