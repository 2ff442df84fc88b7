// Package action is passation's GitHub Action mode: it reads the action's
// inputs and publishes a check where a team looks — annotations on the
// files, a checklist in the job summary, step outputs, SARIF and JSON files.
// Every exchange with the runner goes through go-githubactions, with the
// environment and the log writer injected, so that tests need no runner.
package action

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/passation/passation/internal/i18n"
	"github.com/passation/passation/internal/report"
	"github.com/sethvargo/go-githubactions"
)

// InputNames are the inputs action.yml declares, in its order. A test keeps
// the two lists equal.
var InputNames = []string{
	"path", "ref", "profile", "config", "fail-on", "lang", "format",
	"sarif", "json", "badge", "annotations", "working-directory",
}

// OutputNames are the outputs the action writes.
var OutputNames = []string{"score", "passed", "failed", "missing", "report"}

// DefaultAnnotations is how many annotations a step writes unless told:
// GitHub shows at most 10 of each level (error, warning, notice) per step.
const DefaultAnnotations = 30

// maxAnnotations is GitHub's limit for a whole job.
const maxAnnotations = 50

// Inputs are the action's inputs, defaults applied. Paths are as given.
type Inputs struct {
	Path, Ref, Profile, Config string
	FailOn, Lang, Format       string
	SARIF, JSON, Badge         string // files to write, "" for none (JSON: a default place)
	Annotations                int
	WorkingDirectory           string
}

// ReadInputs reads and checks the inputs through go-githubactions (the
// INPUT_* variables action.yml passes on). Values that passation check
// validates itself (fail-on, lang, profile, ref) are left to it.
func ReadInputs(gh *githubactions.Action) (Inputs, error) {
	in := Inputs{
		Path:             input(gh, "path"),
		Ref:              input(gh, "ref"),
		Profile:          input(gh, "profile"),
		Config:           input(gh, "config"),
		FailOn:           input(gh, "fail-on"),
		Lang:             input(gh, "lang"),
		Format:           input(gh, "format"),
		SARIF:            input(gh, "sarif"),
		JSON:             input(gh, "json"),
		Badge:            input(gh, "badge"),
		WorkingDirectory: input(gh, "working-directory"),
		Annotations:      DefaultAnnotations,
	}
	if in.Path == "" {
		in.Path = "."
	}
	if in.WorkingDirectory == "" {
		in.WorkingDirectory = "."
	}
	if in.Format == "" {
		in.Format = "text"
	}
	if f, ok := report.Lookup(in.Format); !ok || !f.Action {
		return in, inputWords.Errorf("format", in.Format, report.NameList(true))
	}
	if s := input(gh, "annotations"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 0 || n > maxAnnotations {
			return in, inputWords.Errorf("annotations", s, maxAnnotations)
		}
		in.Annotations = n
	}
	for name, v := range map[string]string{
		"path": in.Path, "ref": in.Ref, "profile": in.Profile, "config": in.Config, "sarif": in.SARIF,
		"json": in.JSON, "badge": in.Badge, "working-directory": in.WorkingDirectory, "fail-on": in.FailOn, "lang": in.Lang,
	} {
		// A line break in an input could forge a line of the outputs file.
		if strings.ContainsAny(v, "\r\n\x00") {
			return in, inputWords.Errorf("line", name, v)
		}
	}
	return in, nil
}

// EnvName is the variable action.yml sets for an input: INPUT_ and the
// name in capitals, hyphens as underscores ("fail-on" → INPUT_FAIL_ON),
// because sh and older bash drop variables whose names have a hyphen.
func EnvName(input string) string {
	return "INPUT_" + strings.ToUpper(strings.ReplaceAll(input, "-", "_"))
}

// input reads an input through go-githubactions, under the name action.yml
// sets (EnvName), else under the runner's own name (INPUT_FAIL-ON), which
// JavaScript and Docker actions receive.
func input(gh *githubactions.Action, name string) string {
	if v := gh.GetInput(strings.ReplaceAll(name, "-", "_")); v != "" {
		return v
	}
	return gh.GetInput(name)
}

// Resolve makes the paths absolute: working-directory from the workspace
// (GITHUB_WORKSPACE, else the current folder), the others from
// working-directory, as a run step with that working directory would.
func (in Inputs) Resolve(workspace string) Inputs {
	if workspace == "" {
		workspace = "."
	}
	abs := func(base, p string) string {
		if p == "" {
			return ""
		}
		if !filepath.IsAbs(p) {
			p = filepath.Join(base, p)
		}
		if a, err := filepath.Abs(p); err == nil {
			return a
		}
		return filepath.Clean(p)
	}
	wd := abs(workspace, in.WorkingDirectory)
	in.WorkingDirectory = wd
	in.Path = abs(wd, in.Path)
	in.Config = abs(wd, in.Config)
	in.SARIF = abs(wd, in.SARIF)
	in.JSON = abs(wd, in.JSON)
	in.Badge = abs(wd, in.Badge)
	return in
}

// inputWords are the problems of the action's inputs, in both languages.
var inputWords = i18n.Text{
	"format":      {"input format: %q is not a format: expected %s", "entrée format : « %s » n'est pas un format : attendu %s"},
	"annotations": {"input annotations: %q: expected a number from 0 (none) to %d (GitHub's limit for a job)", "entrée annotations : « %s » : attendu un nombre de 0 (aucune) à %d (la limite de GitHub pour un job)"},
	"line":        {"input %s: %q contains a line break: expected one line", "entrée %s : « %s » contient un saut de ligne : attendu une seule ligne"},
	"path-missing": {"input path: %s does not exist: expected the folder of a repository (relative to working-directory %s)",
		"entrée path : %s n'existe pas : attendu le dossier d'un dépôt (relatif à working-directory %s)"},
	"path-file": {"input path: %s is a file: expected the folder of a repository", "entrée path : %s est un fichier : attendu le dossier d'un dépôt"},
}

// CheckPaths makes sure the resolved path is a folder: a path that does not
// exist must not quietly check the repository around it.
func (in Inputs) CheckPaths() error {
	fi, err := os.Stat(in.Path)
	if err != nil {
		return inputWords.Errorf("path-missing", in.Path, in.WorkingDirectory)
	}
	if !fi.IsDir() {
		return inputWords.Errorf("path-file", in.Path)
	}
	return nil
}
