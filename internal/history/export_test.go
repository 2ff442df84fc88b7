package history

// SetGiveUpAfter lowers GiveUpAfter for a test, and returns how to restore it.
func SetGiveUpAfter(n int) (restore func()) {
	old := giveUpAfter
	giveUpAfter = n
	return func() { giveUpAfter = old }
}
