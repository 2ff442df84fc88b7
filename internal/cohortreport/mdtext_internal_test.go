package cohortreport

import "testing"

// An address before French punctuation: the code span stops at the address,
// the no-break space and the colon stay outside it.
func TestMdTextFrenchPunctuation(t *testing.T) {
	got := mdText("Test <test@example.org>\u00a0: 1 commit")
	if want := "Test `<test@example.org>`\u00a0: 1 commit"; got != want {
		t.Errorf("mdText = %q, want %q", got, want)
	}
}
