package audit

import (
	"path"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// Deadline is the day the cohort works towards (demo day, the end of the
// challenge): the letters count the days left.
type Deadline struct {
	// Date is YYYY-MM-DD.
	Date string `json:"date"`
	// Name is what happens that day ("demo day"); "" for the end of the
	// challenge.
	Name string `json:"name,omitempty"`
}

// DaysLeft counts the days from the audit's day to the deadline; false
// when either date is missing or unreadable.
func (d *Deadline) DaysLeft(auditDay string) (int, bool) {
	if d == nil {
		return 0, false
	}
	end, err1 := time.Parse(time.DateOnly, d.Date)
	now, err2 := time.Parse(time.DateOnly, auditDay)
	if err1 != nil || err2 != nil {
		return 0, false
	}
	return int(end.Sub(now).Hours() / 24), true
}

// NewDeadline checks a --deadline value (YYYY-MM-DD).
func NewDeadline(date, name string) (*Deadline, error) {
	if _, err := time.Parse(time.DateOnly, date); err != nil {
		return nil, sentences.Errorf("deadline", date)
	}
	return &Deadline{Date: date, Name: strings.TrimSpace(name)}, nil
}

// ParseDeadline reads the deadline of a YAML cohort list:
//
//	deadline: 2026-06-30
//	deadline: {date: 2026-06-30, name: demo day}
//
// nil when the list has none (and always for a CSV list).
func ParseDeadline(name string, data []byte) (*Deadline, error) {
	if ext := strings.ToLower(path.Ext(name)); ext != ".yml" && ext != ".yaml" {
		return nil, nil
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil || len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return nil, nil // ParseCohort says what is wrong
	}
	top := doc.Content[0]
	for i := 0; i+1 < len(top.Content); i += 2 {
		if top.Content[i].Value != "deadline" {
			continue
		}
		v := top.Content[i+1]
		var d Deadline
		switch v.Kind {
		case yaml.ScalarNode:
			d.Date = v.Value
		case yaml.MappingNode:
			for j := 0; j+1 < len(v.Content); j += 2 {
				k, val := v.Content[j], v.Content[j+1]
				switch k.Value {
				case "date":
					d.Date = val.Value
				case "name":
					d.Name = val.Value
				default:
					return nil, sentences.Errorf("deadline-key", name, k.Line, k.Value)
				}
			}
		default:
			return nil, sentences.Errorf("deadline-value", name, v.Line)
		}
		out, err := NewDeadline(d.Date, d.Name)
		if err != nil {
			return nil, sentences.Errorf("deadline-date", name, v.Line, d.Date)
		}
		return out, nil
	}
	return nil, nil
}
