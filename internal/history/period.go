package history

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/passation/passation/internal/i18n"
)

// Period is a calendar length of time ("6 months"): it is added with
// time.AddDate, so that "1 month" after 31 January is early March, as a
// calendar would say, rather than a fixed number of hours.
type Period struct {
	Years, Months, Days int
}

var periodPattern = regexp.MustCompile(`^(\d+)\s*(days?|weeks?|months?|years?)$`)

// periodWords are the problems of a period, in both languages.
var periodWords = i18n.Text{
	"syntax":   {"%q: expected a number of days, weeks, months or years, such as \"6 months\"", "« %s » : attendu un nombre de jours, de semaines, de mois ou d'années, par exemple « 6 months »"},
	"too-long": {"%q: expected at most 1000 %s", "« %s » : attendu au plus 1000 %s"},
}

// ParsePeriod reads "30 days", "2 weeks", "6 months" or "1 year".
func ParsePeriod(s string) (Period, error) {
	m := periodPattern.FindStringSubmatch(strings.ToLower(strings.TrimSpace(s)))
	if m == nil {
		return Period{}, periodWords.Errorf("syntax", s)
	}
	n, err := strconv.Atoi(m[1])
	if err != nil || n > 1000 {
		return Period{}, periodWords.Errorf("too-long", s, m[2])
	}
	switch strings.TrimSuffix(m[2], "s") {
	case "day":
		return Period{Days: n}, nil
	case "week":
		return Period{Days: 7 * n}, nil
	case "month":
		return Period{Months: n}, nil
	}
	return Period{Years: n}, nil
}

// IsZero reports whether the period is empty.
func (p Period) IsZero() bool { return p == Period{} }

// AddTo returns t moved forward by the period.
func (p Period) AddTo(t time.Time) time.Time { return t.AddDate(p.Years, p.Months, p.Days) }

// SubFrom returns t moved back by the period.
func (p Period) SubFrom(t time.Time) time.Time { return t.AddDate(-p.Years, -p.Months, -p.Days) }

// String writes the period as ParsePeriod reads it.
func (p Period) String() string {
	var parts []string
	add := func(n int, unit string) {
		if n == 1 {
			parts = append(parts, "1 "+unit)
		} else if n != 0 {
			parts = append(parts, fmt.Sprintf("%d %ss", n, unit))
		}
	}
	add(p.Years, "year")
	add(p.Months, "month")
	add(p.Days, "day")
	if len(parts) == 0 {
		return "0 days"
	}
	return strings.Join(parts, " ")
}
