package document

import "testing"

// GitBook's tags are markup, not words of the page; an embedded link is a
// link of the page, at its line.
func TestGitBookTags(t *testing.T) {
	src := "# Feuille de route\n\nNos jalons sont sur GitHub.\n\n{% embed url=\"https://github.com/exemple/outil/milestones\" %}\nJalons du projet\n{% endembed %}\n\n{% hint style=\"info\" %}\nVotez pour les tickets.\n{% endhint %}\n"
	d := Parse("docs/feuille-de-route.md", []byte(src))
	if len(d.Links) != 1 || d.Links[0].URL != "https://github.com/exemple/outil/milestones" || d.Links[0].Line != 5 {
		t.Errorf("links %+v, want the embedded milestones at line 5", d.Links)
	}
	if d.Words != 12 {
		t.Errorf("%d words, want 12: the tags are no words of the page", d.Words)
	}
	if len(d.Sections) != 1 || d.Sections[0].Line != 1 || len(d.Sections[0].Links) != 1 {
		t.Errorf("sections %+v: want one, holding the embedded link", d.Sections)
	}
}
