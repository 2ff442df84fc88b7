package config

import "github.com/passation/passation/internal/i18n"

// messages are the sentences the configuration adds to verdicts, in both
// languages of the programme.
var messages = i18n.Text{
	"external":     {"declared elsewhere: %s", "conservé ailleurs : %s"},
	"declared":     {"Declared elsewhere: %s (%s).", "Conservé ailleurs : %s (%s)."},
	"waived":       {"Waived by %s: %s", "Dérogation accordée par %s : %s"},
	"waived-until": {"Waived by %s until %s: %s", "Dérogation accordée par %s jusqu'au %s : %s"},
	"waiver":       {"waiver: %s (%s)", "dérogation : %s (%s)"},
	"waiver-until": {"waiver: %s (%s, until %s)", "dérogation : %s (%s, jusqu'au %s)"},
	"expired":      {"waiver expired on %s (%s): it no longer waives this gap", "dérogation expirée le %s (%s) : elle ne couvre plus ce manque"},
}

func say(lang, key string) string { return messages.In(lang, key) }
