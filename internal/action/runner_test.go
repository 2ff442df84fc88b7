package action

import (
	"strings"
)

// This file is a small model of how the GitHub Actions runner reads a
// step's log (actions/runner, ActionCommandManager and ActionCommand): a
// line that starts with "::" after leading blanks is a command
// ("::name k=v,k=v::data"), so is "##[name k=v]data" anywhere in a line,
// and "::stop-commands::TOKEN" ignores every command until "::TOKEN::".
// Tests use it to see the log as the runner sees it.

// command is one command the runner would act on.
type command struct {
	name  string
	props map[string]string
	data  string
}

// runnerCommands are the commands the runner knows; others are plain text.
var runnerCommands = map[string]bool{
	"error": true, "warning": true, "notice": true, "debug": true, "group": true, "endgroup": true,
	"add-mask": true, "set-output": true, "set-env": true, "add-path": true, "save-state": true,
	"add-matcher": true, "remove-matcher": true, "echo": true, "stop-commands": true,
}

// runnerLog returns the commands the runner would act on in out, and the
// lines it would show as text.
func runnerLog(out string) (cmds []command, text []string) {
	stopToken := ""
	for _, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		line = strings.TrimSuffix(line, "\r")
		c, ok := parseV2(line, stopToken)
		if !ok {
			c, ok = parseV1(line, stopToken)
		}
		switch {
		case !ok:
			text = append(text, line)
		case stopToken != "":
			if c.name == stopToken {
				stopToken = ""
				continue
			}
			text = append(text, line)
		case c.name == "stop-commands":
			stopToken = c.data
		default:
			cmds = append(cmds, c)
		}
	}
	return cmds, text
}

func known(name, stopToken string) bool {
	return runnerCommands[name] || (stopToken != "" && name == stopToken)
}

func parseV2(line, stopToken string) (command, bool) {
	line = strings.TrimLeft(line, " \t")
	if !strings.HasPrefix(line, "::") {
		return command{}, false
	}
	end := strings.Index(line[2:], "::")
	if end < 0 {
		return command{}, false
	}
	info := line[2 : 2+end]
	c := command{props: map[string]string{}, data: unescapeData(line[2+end+2:])}
	name, props, _ := strings.Cut(info, " ")
	c.name = name
	if !known(name, stopToken) {
		return command{}, false
	}
	for _, kv := range strings.Split(props, ",") {
		if kv == "" {
			continue
		}
		k, v, ok := strings.Cut(kv, "=")
		if ok && k != "" && v != "" {
			c.props[k] = unescapeProperty(v)
		}
	}
	return c, true
}

func parseV1(line, stopToken string) (command, bool) {
	i := strings.Index(line, "##[")
	if i < 0 {
		return command{}, false
	}
	rb := strings.Index(line[i:], "]")
	if rb < 0 {
		return command{}, false
	}
	info := line[i+3 : i+rb]
	name, _, _ := strings.Cut(info, " ")
	if !known(name, stopToken) {
		return command{}, false
	}
	return command{name: name, props: map[string]string{}, data: line[i+rb+1:]}, true
}

func unescapeData(s string) string {
	return strings.NewReplacer("%0D", "\r", "%0A", "\n", "%25", "%").Replace(s)
}

func unescapeProperty(s string) string {
	return strings.NewReplacer("%0D", "\r", "%0A", "\n", "%3A", ":", "%2C", ",", "%25", "%").Replace(s)
}

// annotationsOf keeps the annotation commands of a log.
func annotationsOf(cmds []command) []command {
	var out []command
	for _, c := range cmds {
		if c.name == "error" || c.name == "warning" || c.name == "notice" {
			out = append(out, c)
		}
	}
	return out
}
