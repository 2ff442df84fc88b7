package history

import "testing"

// An organisation's own robot is a bot by its name's last word or its
// GitHub no-reply address; a person whose name holds "bot" is not.
func TestIsBot(t *testing.T) {
	cases := []struct {
		id   Identity
		want bool
	}{
		{Identity{"Social Groovy Bot", "45039513+SocialGroovyBot@users.noreply.github.com"}, true},
		{Identity{"deploy-bot", "ci@example.org"}, true},
		{Identity{"Release", "12+release-bot@users.noreply.github.com"}, true},
		{Identity{"semantic-release", "semantic-release@example.org"}, true},
		{Identity{"dependabot[bot]", "49699333+dependabot[bot]@users.noreply.github.com"}, true},
		{Identity{"Marie Talbot", "marie.talbot@example.org"}, false},
		{Identity{"Robot Martin", "robot.martin@example.org"}, false},
		{Identity{"Abbot", "12+abbot@users.noreply.github.com"}, false},
		{Identity{"Jean Abbot", "jean@example.org"}, false},
	}
	for _, c := range cases {
		if got := isBot(c.id); got != c.want {
			t.Errorf("isBot(%v) = %v, want %v", c.id, got, c.want)
		}
	}
}
