package cli

import (
	"errors"
	"regexp"
	"strings"
	"time"
)

// timeoutFlag reads --timeout with a message that says what was given and
// what is expected, where the flag package says only "parse error".
type timeoutFlag struct{ d *time.Duration }

func (t timeoutFlag) String() string {
	if t.d == nil {
		return ""
	}
	return t.d.String()
}

// Get implements flag.Getter.
func (t timeoutFlag) Get() any { return *t.d }

// durationSyntax is what time.ParseDuration reads: when it matches and the
// parse fails, the duration is too long.
var durationSyntax = regexp.MustCompile(`^[+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)(ns|us|µs|ms|s|m|h)(([0-9]+(\.[0-9]*)?|\.[0-9]+)(ns|us|µs|ms|s|m|h))*$`)

const tooLong = "a duration of at most 2562047h (about 292 years)"

// Set implements flag.Value; its error is what the value should be (the
// flag package's message then reads "--timeout "abc": expected …").
func (t timeoutFlag) Set(s string) error {
	d, err := time.ParseDuration(strings.TrimSpace(s))
	switch {
	case err != nil && durationSyntax.MatchString(strings.TrimSpace(s)):
		return errors.New(tooLong) // time.Duration(1<<63-1) is 2562047h47m
	case err != nil:
		return errors.New("a duration: a number and a unit, such as 90s, 10m or 1h30m")
	case d <= 0:
		return errors.New("a duration above zero, such as 90s, 10m or 1h30m")
	}
	*t.d = d
	return nil
}

// checkMaxRead refuses a negative --max-read; 0 means the default.
func checkMaxRead(n int64) error {
	if n < 0 {
		return usageWords.Errorf("max-read", n)
	}
	return nil
}
