package action

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/passation/passation/internal/catalog"
	"github.com/passation/passation/internal/finding"
	"github.com/passation/passation/internal/testrepo"
	"github.com/passation/passation/rules"
	"go.yaml.in/yaml/v3"
)

// These tests run the action the way GitHub runs it: action.yml is read,
// its "Get passation" step gets the binary (a release downloaded from a
// server on 127.0.0.1, or a build from the repository, its action_path),
// and its check step runs that binary with the environment it declares —
// each input as an INPUT_* variable — plus what a runner gives a step
// (GITHUB_OUTPUT, GITHUB_PATH, GITHUB_ENV, GITHUB_STEP_SUMMARY,
// GITHUB_WORKSPACE, RUNNER_TEMP, RUNNER_TOOL_CACHE...), on real git
// repositories. The model runs `run:` steps only: a `uses:` step in
// action.yml fails the tests, since the model could not say what it does
// to the user's job.

const repoRoot = "../.."

type step struct {
	Name  string            `yaml:"name"`
	ID    string            `yaml:"id"`
	Uses  string            `yaml:"uses"`
	Shell string            `yaml:"shell"`
	Run   string            `yaml:"run"`
	Env   map[string]string `yaml:"env"`
	With  map[string]string `yaml:"with"`
}

type actionInput struct {
	Description string `yaml:"description"`
	Required    bool   `yaml:"required"`
	Default     string `yaml:"default"`
}

type actionMeta struct {
	Name        string    `yaml:"name"`
	Description string    `yaml:"description"`
	Inputs      yaml.Node `yaml:"inputs"`
	Outputs     map[string]struct {
		Description string `yaml:"description"`
		Value       string `yaml:"value"`
	} `yaml:"outputs"`
	Runs struct {
		Using string `yaml:"using"`
		Steps []step `yaml:"steps"`
	} `yaml:"runs"`

	inputNames []string // in the file's order
	inputs     map[string]actionInput
}

// getInputs are the inputs the "Get passation" step reads, not the program.
var getInputs = []string{"version"}

func loadAction(t testing.TB) *actionMeta {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(repoRoot, "action.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var m actionMeta
	if err := yaml.Unmarshal(data, &m); err != nil {
		t.Fatalf("action.yml: %v", err)
	}
	m.inputs = map[string]actionInput{}
	for i := 0; i+1 < len(m.Inputs.Content); i += 2 {
		var in actionInput
		if err := m.Inputs.Content[i+1].Decode(&in); err != nil {
			t.Fatalf("action.yml: input %s: %v", m.Inputs.Content[i].Value, err)
		}
		name := m.Inputs.Content[i].Value
		m.inputNames = append(m.inputNames, name)
		m.inputs[name] = in
	}
	return &m
}

// steps returns the two steps: get (the binary) and check (run it).
func (m *actionMeta) steps(t testing.TB) (get, check step) {
	t.Helper()
	if m.Runs.Using != "composite" || len(m.Runs.Steps) != 2 {
		t.Fatalf("action.yml: want a composite action of 2 steps (get passation, check), got %q with %d", m.Runs.Using, len(m.Runs.Steps))
	}
	for _, s := range m.Runs.Steps {
		if s.Uses != "" {
			t.Fatalf("action.yml: step %q uses %s, which the runner model cannot run (nor say what it leaves in the user's job)", s.Name, s.Uses)
		}
	}
	return m.Runs.Steps[0], m.Runs.Steps[1]
}

// inputCtx is the inputs context: defaults, then what with gives.
func (m *actionMeta) inputCtx(t testing.TB, with map[string]string) map[string]string {
	t.Helper()
	ctx := map[string]string{}
	for name, in := range m.inputs {
		ctx["inputs."+name] = in.Default
	}
	for k, v := range with {
		if _, ok := m.inputs[k]; !ok {
			t.Fatalf("input %q is not declared in action.yml", k)
		}
		ctx["inputs."+k] = v
	}
	return ctx
}

var expr = regexp.MustCompile(`\$\{\{\s*(.*?)\s*\}\}`)

// expand evaluates the expressions action.yml uses; any other expression
// fails the test, so none is silently taken as empty.
func expand(t testing.TB, s string, ctx map[string]string) string {
	t.Helper()
	return expr.ReplaceAllStringFunc(s, func(m string) string {
		key := expr.FindStringSubmatch(m)[1]
		v, ok := ctx[key]
		if !ok {
			t.Fatalf("action.yml: expression %q is not one the tests know", m)
		}
		return v
	})
}

// baseEnv is the test process's environment less anything a runner sets,
// so the step sees only the runner variables a test gives it.
func baseEnv() []string {
	var out []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(k, "GITHUB_") || strings.HasPrefix(k, "INPUT_") || strings.HasPrefix(k, "RUNNER_") || k == "PASSATION_RELEASES_URL" {
			continue
		}
		out = append(out, kv)
	}
	// The history rules compare dates with the time of the run: a month
	// after testrepo's commits, whatever the day the tests run.
	return append(out, "PASSATION_NOW=2026-02-02T12:00:00Z")
}

// runnerOS and runnerArch are RUNNER_OS and RUNNER_ARCH for this machine.
func runnerOS(t testing.TB) (string, string) {
	t.Helper()
	oses := map[string]string{"linux": "Linux", "darwin": "macOS", "windows": "Windows"}
	arches := map[string]string{"amd64": "X64", "arm64": "ARM64"}
	o, a := oses[runtime.GOOS], arches[runtime.GOARCH]
	if o == "" || a == "" {
		t.Skipf("GitHub has no runner for %s/%s", runtime.GOOS, runtime.GOARCH)
	}
	return o, a
}

// runScript runs a step's script as GitHub runs `shell: bash`.
func runScript(dir, script string, env []string) (stdout, stderr string, code int, err error) {
	f, err := os.CreateTemp("", "step-*.sh")
	if err != nil {
		return "", "", 0, err
	}
	defer os.Remove(f.Name())
	if _, err := f.WriteString(script + "\n"); err != nil {
		return "", "", 0, err
	}
	f.Close()
	cmd := exec.Command("bash", "--noprofile", "--norc", "-eo", "pipefail", f.Name())
	cmd.Dir, cmd.Env = dir, env
	var o, e bytes.Buffer
	cmd.Stdout, cmd.Stderr = &o, &e
	err = cmd.Run()
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		return o.String(), e.String(), exit.ExitCode(), nil
	}
	return o.String(), e.String(), 0, err
}

// getOpts is what a job gives the "Get passation" step.
type getOpts struct {
	actionPath string // github.action_path; the repository if empty
	actionRef  string // github.action_ref and GITHUB_ACTION_REF: v1.2.3, v1, main
	version    string // the version input
	lang       string // the lang input
	temp       string // RUNNER_TEMP; a new folder if empty
	toolCache  string // RUNNER_TOOL_CACHE; a new folder if empty
	releases   string // PASSATION_RELEASES_URL, "" for none
	path       string // PATH, if not the test process's
	env        []string
}

// getRun is one run of the "Get passation" step.
type getRun struct {
	code                  int
	log, stderr           string
	cmds                  []command
	outputs               map[string]string
	githubPath, githubEnv string // what the step wrote to GITHUB_PATH and GITHUB_ENV
	temp, toolCache       string
	elapsed               time.Duration
}

// runGet runs action.yml's "Get passation" step in a folder that stands for
// the user's workspace.
func runGet(t testing.TB, o getOpts) *getRun {
	t.Helper()
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("bash is needed to run action.yml's steps:", err)
	}
	meta := loadAction(t)
	get, _ := meta.steps(t)
	osName, arch := runnerOS(t)
	if o.actionPath == "" {
		abs, err := filepath.Abs(repoRoot)
		if err != nil {
			t.Fatal(err)
		}
		o.actionPath = abs
	}
	if o.temp == "" {
		o.temp = t.TempDir()
	}
	if o.toolCache == "" {
		o.toolCache = t.TempDir()
	}
	files := t.TempDir()
	output, ghPath, ghEnv := filepath.Join(files, "output"), filepath.Join(files, "path"), filepath.Join(files, "env")
	for _, f := range []string{output, ghPath, ghEnv} {
		if err := os.WriteFile(f, nil, 0o644); err != nil { // the runner creates them empty
			t.Fatal(err)
		}
	}
	env := append(baseEnv(),
		"GITHUB_ACTIONS=true", "GITHUB_WORKSPACE="+files, "GITHUB_OUTPUT="+output, "GITHUB_PATH="+ghPath, "GITHUB_ENV="+ghEnv,
		"GITHUB_SERVER_URL=https://github.com", "GITHUB_ACTION_PATH="+o.actionPath, "GITHUB_ACTION_REF="+o.actionRef,
		"RUNNER_OS="+osName, "RUNNER_ARCH="+arch, "RUNNER_TEMP="+o.temp, "RUNNER_TOOL_CACHE="+o.toolCache)
	if o.releases != "" {
		env = append(env, "PASSATION_RELEASES_URL="+o.releases)
	}
	if o.path != "" {
		env = append(env, "PATH="+o.path)
	}
	env = append(env, o.env...)
	ctx := meta.inputCtx(t, map[string]string{"version": o.version, "lang": o.lang})
	ctx["github.action_path"], ctx["github.action_ref"] = o.actionPath, o.actionRef
	for k, v := range get.Env {
		env = append(env, k+"="+expand(t, v, ctx))
	}
	start := time.Now()
	stdout, stderr, code, err := runScript(files, get.Run, env)
	if err != nil {
		t.Fatal(err)
	}
	r := &getRun{code: code, log: stdout, stderr: stderr, temp: o.temp, toolCache: o.toolCache, elapsed: time.Since(start)}
	r.cmds, _ = runnerLog(stdout)
	r.outputs = parseOutputs(t, output)
	p, _ := os.ReadFile(ghPath)
	e, _ := os.ReadFile(ghEnv)
	r.githubPath, r.githubEnv = string(p), string(e)
	return r
}

var (
	buildOnce sync.Once
	buildTemp string  // RUNNER_TEMP of the build from source
	sourceRun *getRun // that run of "Get passation"
)

// TestMain removes the binary the build step made.
func TestMain(m *testing.M) {
	code := m.Run()
	if buildTemp != "" {
		os.RemoveAll(buildTemp)
	}
	os.Exit(code)
}

// built runs action.yml's "Get passation" step once, as for the action at
// a branch (main): no release matches, so it builds from source, in a
// runner temp folder that the other tests' check steps share.
func built(t *testing.T) (temp, bin string) {
	t.Helper()
	testrepo.EndToEnd(t, "action.yml's build and steps")
	buildOnce.Do(func() {
		var err error
		if buildTemp, err = os.MkdirTemp("", "runner-temp-"); err != nil {
			t.Fatal(err)
		}
		// The tool cache too outlives the test that happens to build first.
		cache := filepath.Join(buildTemp, "toolcache")
		if err := os.Mkdir(cache, 0o755); err != nil {
			t.Fatal(err)
		}
		sourceRun = runGet(t, getOpts{actionRef: "main", temp: buildTemp, toolCache: cache, env: moduleProxy()})
	})
	if sourceRun == nil || sourceRun.code != 0 || sourceRun.outputs["path"] == "" {
		t.Fatalf("action.yml's Get passation step, from source: %+v", sourceRun)
	}
	return buildTemp, sourceRun.outputs["path"]
}

// moduleProxy serves the build from source the modules of this machine's
// module cache, as GOPROXY: the step's own module cache starts empty
// (under RUNNER_TEMP), and a test should not need the network.
func moduleProxy() []string {
	out, err := exec.Command("go", "env", "GOMODCACHE").Output()
	if err != nil {
		return nil
	}
	dir := filepath.Join(strings.TrimSpace(string(out)), "cache", "download")
	if _, err := os.Stat(dir); err != nil {
		return nil
	}
	return []string{"GOPROXY=" + (&url.URL{Scheme: "file", Path: filepath.ToSlash(dir)}).String()}
}

// run is one run of the action's check step.
type run struct {
	code             int
	log, stderr      string
	outputs          map[string]string // the outputs file, parsed
	actionOutputs    map[string]string // the action's outputs, from its value expressions
	summary          string
	workspace, tempd string
	cmds             []command
	text             []string
}

// runAction runs the check step, with the binary built from source, on
// workspace with the given inputs (others take their defaults from
// action.yml), as a runner would.
func runAction(t *testing.T, workspace string, with map[string]string) *run {
	t.Helper()
	temp, bin := built(t)
	return runCheck(t, bin, temp, workspace, with)
}

// runCheck runs the check step with bin as the output of "Get passation".
func runCheck(t *testing.T, bin, temp, workspace string, with map[string]string) *run {
	t.Helper()
	meta := loadAction(t)
	get, check := meta.steps(t)
	ctx := meta.inputCtx(t, with)
	ctx["steps."+get.ID+".outputs.path"] = bin
	files := t.TempDir()
	r := &run{workspace: workspace, tempd: temp}
	output, summary := filepath.Join(files, "output"), filepath.Join(files, "summary.md")
	env := append(baseEnv(),
		"GITHUB_ACTIONS=true", "GITHUB_WORKSPACE="+workspace, "GITHUB_OUTPUT="+output, "GITHUB_STEP_SUMMARY="+summary,
		"GITHUB_SERVER_URL=https://github.com", "GITHUB_REPOSITORY=team/outil", "GITHUB_SHA="+headOf(t, workspace),
		"RUNNER_TEMP="+temp)
	for k, v := range check.Env {
		env = append(env, k+"="+expand(t, v, ctx))
	}
	stdout, stderr, code, err := runScript(workspace, check.Run, env)
	if err != nil {
		t.Fatal(err)
	}
	r.code, r.log, r.stderr = code, stdout, stderr
	r.cmds, r.text = runnerLog(stdout)
	r.outputs = parseOutputs(t, output)
	if b, err := os.ReadFile(summary); err == nil {
		r.summary = string(b)
	}
	r.actionOutputs = map[string]string{}
	// A step output that was not written reads as "" in an expression.
	stepCtx := map[string]string{}
	for name := range meta.Outputs {
		stepCtx["steps."+check.ID+".outputs."+name] = ""
	}
	for k, v := range r.outputs {
		stepCtx["steps."+check.ID+".outputs."+k] = v
	}
	for name, o := range meta.Outputs {
		r.actionOutputs[name] = expand(t, o.Value, stepCtx)
	}
	return r
}

// headOf is the commit checked out in a workspace, as GITHUB_SHA says.
func headOf(t testing.TB, dir string) string {
	t.Helper()
	cmd := exec.Command("git", "rev-parse", "HEAD")
	cmd.Dir, cmd.Env = dir, testrepo.Env()
	out, err := cmd.Output()
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(out))
}

// parseOutputs reads a GITHUB_OUTPUT file the way the runner does:
// "name=value", or "name<<DELIMITER", value lines, "DELIMITER".
func parseOutputs(t testing.TB, name string) map[string]string {
	t.Helper()
	out := map[string]string{}
	data, err := os.ReadFile(name)
	if errors.Is(err, os.ErrNotExist) {
		return out
	}
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	for i := 0; i < len(lines); i++ {
		if lines[i] == "" {
			continue
		}
		// name=value, unless "<<" comes before the first "=".
		eq, heredoc := strings.Index(lines[i], "="), strings.Index(lines[i], "<<")
		if eq > 0 && (heredoc < 0 || eq < heredoc) {
			key, val := lines[i][:eq], lines[i][eq+1:]
			if _, dup := out[key]; dup {
				t.Fatalf("outputs file: %s written twice", key)
			}
			out[key] = val
			continue
		}
		key, delim, ok := strings.Cut(lines[i], "<<")
		if !ok {
			t.Fatalf("outputs file line %q: want name=value or name<<DELIMITER", lines[i])
		}
		var val []string
		for i++; i < len(lines) && lines[i] != delim; i++ {
			val = append(val, lines[i])
		}
		if i == len(lines) {
			t.Fatalf("outputs file: %s has no closing delimiter", key)
		}
		if _, dup := out[key]; dup {
			t.Fatalf("outputs file: %s written twice", key)
		}
		out[key] = strings.Join(val, "\n")
	}
	return out
}

// annotationLines gives the annotations as the runner's log holds them.
func (r *run) annotationLines() []string {
	var out []string
	for _, line := range strings.Split(r.log, "\n") {
		for _, p := range []string{"::error ", "::warning ", "::notice ", "::error::", "::warning::", "::notice::"} {
			if strings.HasPrefix(line, p) {
				out = append(out, line)
				break
			}
		}
	}
	return out
}

var mit = testrepo.MITLicence("2026 Équipe Subventions")

const intro = "# Outil de suivi des subventions\n\n" +
	"Cet outil aide les agents instructeurs des collectivités à suivre chaque dossier de subvention, du dépôt " +
	"de la demande jusqu'à la décision finale, avec un historique partagé entre les services, des rappels " +
	"automatiques avant chaque échéance et un tableau de bord qui montre, pour chaque agent, les dossiers en " +
	"attente, les pièces manquantes et les décisions à notifier aux porteurs de projet.\n\n"

const usage = "## Utilisation\n\n" +
	"1. Connectez-vous avec votre compte agent sur la page d'accueil du service.\n" +
	"2. Choisissez un dossier dans la liste : les dossiers en retard sont en tête.\n" +
	"3. Vérifiez les pièces jointes, puis cliquez sur « Instruire » pour ouvrir le formulaire d'instruction.\n" +
	"4. Enregistrez votre avis : le dossier passe au service suivant, qui reçoit un courriel.\n\n"

// fixtures are the repositories the action is run on.
var fixtures = map[string]map[string]string{
	// The five core items but one: the architecture diagram is announced
	// under a heading, the user manual is an empty file with a hostile name.
	"core-gaps": {
		"README.md": intro +
			"## Installation\n\nInstallez Go, lancez `make install` puis ouvrez http://localhost:8080 dans un navigateur.\n\n" +
			"## Contact\n\nL'équipe produit répond à equipe@example.org pour toute question sur l'outil.\n\n" +
			"## Schémas d'architecture prévus\n\nLes schémas seront ajoutés après la mise en production du service.\n",
		"LICENSE":                mit,
		"manuel::error::x%0A.md": "",
	},
	// Every core item: only warnings and notices are missing.
	"errors-complete": {
		"README.md": intro +
			"## Installation\n\nInstallez Go, lancez `make install` puis ouvrez http://localhost:8080 dans un navigateur.\n\n" +
			usage +
			"## Contact\n\nL'équipe produit répond à equipe@example.org pour toute question sur l'outil.\n",
		"LICENSE":               mit,
		"docs/architecture.mmd": "graph TD\n  Navigateur --> API\n  API --> Base[(PostgreSQL)]\n  API --> Courriel[Service de courriel]\n",
	},
}

// warningsComplete adds a document for every warning item.
func warningsComplete() map[string]string {
	files := map[string]string{}
	for k, v := range fixtures["errors-complete"] {
		files[k] = v
	}
	doc := func(title, body string) string {
		return "# " + title + "\n\n" + body + " Ce document est tenu à jour par l'équipe à chaque version du service, " +
			"relu par la direction métier avant chaque comité de pilotage, et complété par les agents qui " +
			"utilisent le service au quotidien. Chaque section renvoie aux pages du code et aux tickets concernés, " +
			"pour qu'une équipe qui reprend le service retrouve l'histoire de chaque choix.\n"
	}
	files["docs/synthese-des-besoins.md"] = doc("Synthèse des besoins", "Les agents doivent suivre les dossiers sans tableur partagé.")
	files["docs/documentation-technique.md"] = doc("Documentation technique", "Le service est une API Go et une base PostgreSQL.")
	files["docs/formation.md"] = doc("Formation des agents", "Une séance d'une heure présente le suivi des dossiers.")
	files["ROADMAP.md"] = doc("Feuille de route", "Au prochain trimestre : import des dossiers papier numérisés.")
	files["docs/deploiement.md"] = doc("Déploiement", "Le service tourne sur l'hébergement ministériel, déployé par la chaîne d'intégration.")
	files["docs/incidents.md"] = doc("Que faire en cas d'incident", "Redémarrer le service, puis prévenir l'équipe d'exploitation.")
	files["docs/note-de-perennisation.md"] = doc("Note de pérennisation", "Le service est repris par la direction du numérique.")
	return files
}

func fixture(t *testing.T, files map[string]string) string {
	t.Helper()
	return testrepo.New(t).CommitFiles(files).Dir
}

// lively makes a repository that two people committed to last week, so
// that the history rules (recent activity, people who know the code) pass.
func lively(t *testing.T, files map[string]string) string {
	t.Helper()
	r := testrepo.New(t).Write(files)
	r.Git("add", "-A")
	for i, who := range []string{"Alice Martin", "Bruno Petit"} {
		// A week before the run's clock (PASSATION_NOW): a date past it would
		// be in the future, and not count as activity.
		date := time.Date(2026, 2, 2, 12, 0, 0, 0, time.UTC).AddDate(0, 0, -7+i).Format(time.RFC3339)
		cmd := exec.Command("git", "commit", "-q", "--allow-empty", "-m", "work by "+who)
		cmd.Dir = r.Dir
		cmd.Env = append(testrepo.Env(), "GIT_AUTHOR_NAME="+who, "GIT_COMMITTER_NAME="+who,
			"GIT_AUTHOR_EMAIL="+strings.Fields(who)[0]+"@example.org", "GIT_COMMITTER_EMAIL="+strings.Fields(who)[0]+"@example.org",
			"GIT_AUTHOR_DATE="+date, "GIT_COMMITTER_DATE="+date)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git commit: %v\n%s", err, out)
		}
	}
	return r.Dir
}

// message is the text of a missing item's annotation: the rule's message
// and hint from the catalogue, in lang.
func message(t *testing.T, id, lang string) string {
	t.Helper()
	cat, err := catalog.Load(rules.FS)
	if err != nil {
		t.Fatal(err)
	}
	r, ok := cat.Rule(id)
	if !ok {
		t.Fatalf("no rule %q", id)
	}
	return r.Message.In(lang) + " " + r.Hint.In(lang)
}

func title(t *testing.T, id, lang string) string {
	t.Helper()
	cat, _ := catalog.Load(rules.FS)
	r, _ := cat.Rule(id)
	return r.Title.In(lang)
}

func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

func TestEndToEndCoreGaps(t *testing.T) {
	t.Parallel()
	ws := fixture(t, fixtures["core-gaps"])
	r := runAction(t, ws, map[string]string{"profile": "core", "sarif": "out/passation.sarif", "json": "out/report.json", "badge": "out/badge.json"})
	if r.code != 1 {
		t.Fatalf("exit %d, want 1 (core items missing); stderr:\n%s\nlog:\n%s", r.code, r.stderr, r.log)
	}
	if b, err := os.ReadFile(filepath.Join(ws, "out", "badge.json")); err != nil || string(b) != `{"schemaVersion":1,"label":"passation","message":"60/100","color":"red"}`+"\n" {
		t.Errorf("badge input: %v %q", err, b)
	}
	want := []string{
		"::error file=manuel%3A%3Aerror%3A%3Ax%250A.md,title=" + title(t, "user-manual", "en") + " (user-manual)::" + escapeData(message(t, "user-manual", "en")),
		"::error file=README.md,line=13,title=" + title(t, "architecture-diagram", "en") + " (architecture-diagram)::" + escapeData(message(t, "architecture-diagram", "en")),
	}
	if got := r.annotationLines(); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("annotations:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// The hostile name is shown in the log as text only: the runner acts on
	// the group and the two annotations, nothing else.
	var names []string
	for _, c := range r.cmds {
		names = append(names, c.name)
	}
	if strings.Join(names, " ") != "group endgroup error error" {
		t.Errorf("the runner would act on %v, want the group and two errors:\n%s", names, r.log)
	}
	if !strings.Contains(strings.Join(r.text, "\n"), "manuel::error::x%0A.md") {
		t.Errorf("the report in the log does not name the stub:\n%s", r.log)
	}

	wantOut := map[string]string{
		"score": r.outputs["score"], "passed": "3", "failed": "2", "missing": "user-manual,architecture-diagram",
		"report": filepath.Join(ws, "out", "report.json"),
	}
	if fmt.Sprint(r.outputs) != fmt.Sprint(wantOut) || r.outputs["score"] != "60" {
		t.Errorf("outputs %v, want %v with score 60", r.outputs, wantOut)
	}
	if fmt.Sprint(r.actionOutputs) != fmt.Sprint(r.outputs) {
		t.Errorf("the action's outputs %v differ from the step's %v", r.actionOutputs, r.outputs)
	}
	var rep finding.Report
	if data, err := os.ReadFile(filepath.Join(ws, "out", "report.json")); err != nil || json.Unmarshal(data, &rep) != nil || rep.Summary.Score != 60 {
		t.Errorf("JSON report: %v, score %d", err, rep.Summary.Score)
	}
	sarif, err := os.ReadFile(filepath.Join(ws, "out", "passation.sarif"))
	if err != nil || !strings.Contains(string(sarif), `"uri": "manuel%3A%3Aerror%3A%3Ax%250A.md"`) {
		t.Errorf("SARIF file: %v\n%s", err, sarif)
	}

	for _, w := range []string{
		"## passation — handover checklist: 60/100",
		"**team/outil** at `" + headOf(t, ws)[:12] + "` · profile `core` · 3 found · 2 missing · 0 skipped · 0 waived",
		"❌ **2 missing at or above `error`:** `user-manual`, `architecture-diagram`",
		"| ❌ | User manual `user-manual` · error | No user manual was found\\.<br>[manuel\\:\\:error\\:\\:x%0A\\.md](https://github.com/team/outil/blob/" + headOf(t, ws) + "/manuel::error::x%250A.md)",
		"| ✅ | Installation guide `install-guide` | [README\\.md\\:5](https://github.com/team/outil/blob/" + headOf(t, ws) + "/README.md#L5)",
	} {
		if !strings.Contains(r.summary, w) {
			t.Errorf("summary lacks %q:\n%s", w, r.summary)
		}
	}
}

// TestEndToEndFailOn checks the exit code for each fail-on on repositories
// that miss items of each level, and that the job fails only then.
func TestEndToEndFailOn(t *testing.T) {
	t.Parallel()
	repos := map[string]string{
		"core-gaps":         fixture(t, fixtures["core-gaps"]),
		"errors-complete":   fixture(t, fixtures["errors-complete"]),
		"warnings-complete": lively(t, warningsComplete()),
	}
	for _, c := range []struct {
		repo, failOn string
		code         int
	}{
		{"core-gaps", "error", 1}, {"core-gaps", "warning", 1}, {"core-gaps", "notice", 1}, {"core-gaps", "never", 0},
		{"errors-complete", "error", 0}, {"errors-complete", "warning", 1}, {"errors-complete", "notice", 1}, {"errors-complete", "never", 0},
		{"warnings-complete", "error", 0}, {"warnings-complete", "warning", 0}, {"warnings-complete", "notice", 1}, {"warnings-complete", "never", 0},
	} {
		r := runAction(t, repos[c.repo], map[string]string{"fail-on": c.failOn})
		if r.code != c.code {
			t.Errorf("%s, fail-on %s: exit %d, want %d\n%s%s", c.repo, c.failOn, r.code, c.code, r.stderr, strings.Join(r.annotationLines(), "\n"))
		}
	}
	// Whatever fail-on says, the gaps are annotated at their own level.
	r := runAction(t, repos["errors-complete"], map[string]string{"fail-on": "never"})
	levels := map[string]int{}
	for _, c := range annotationsOf(r.cmds) {
		levels[c.name]++
	}
	if levels["error"] != 0 || levels["warning"] == 0 || levels["notice"] == 0 {
		t.Errorf("annotation levels %v: want no error, some warnings and notices", levels)
	}
}

// TestEndToEndLimits: with a small annotations budget, the rest is printed
// in the log and the last annotation says how many more there are.
func TestEndToEndLimits(t *testing.T) {
	t.Parallel()
	ws := fixture(t, map[string]string{"main.go": "package main\n"})
	r := runAction(t, ws, map[string]string{"annotations": "4", "lang": "fr", "fail-on": "never"})
	if r.code != 0 {
		t.Fatalf("exit %d with fail-on never:\n%s", r.code, r.stderr)
	}
	ann := annotationsOf(r.cmds)
	if len(ann) != 4 {
		t.Fatalf("%d annotations, want the budget of 4:\n%s", len(ann), strings.Join(r.annotationLines(), "\n"))
	}
	failed := 0
	fmt.Sscan(r.outputs["failed"], &failed)
	last := ann[3]
	wantTitle := fmt.Sprintf("%d de plus dans le résumé du job", failed-3)
	if last.name != "error" || last.props["title"] != wantTitle || last.props["file"] != "" {
		t.Errorf("last annotation %+v, want an error titled %q with no file", last, wantTitle)
	}
	log := strings.Join(r.text, "\n")
	if !strings.Contains(log, fmt.Sprintf("%d de plus dans le résumé du job (non annotés", failed-3)) {
		t.Errorf("the log does not say how many more:\n%s", log)
	}
	annotated := map[string]bool{}
	for _, a := range ann[:3] {
		id := strings.TrimSuffix(a.props["title"][strings.LastIndex(a.props["title"], "(")+1:], ")")
		annotated[id] = true
	}
	for _, id := range strings.Split(r.outputs["missing"], ",") {
		listed := regexp.MustCompile(`(?m)^  (error|warning|notice) +` + regexp.QuoteMeta(id) + ` `).MatchString(log)
		if annotated[id] == listed {
			t.Errorf("%s: annotated %v, listed in the log %v; want exactly one", id, annotated[id], listed)
		}
	}
	if !strings.Contains(r.summary, "checklist de passation") {
		t.Errorf("French summary expected:\n%s", r.summary)
	}
}

// TestEndToEndShallowClone: a depth-1 clone, what actions/checkout gives by
// default, is checked like the full repository, except the history rules
// that need more than one commit: those are skipped and say how to fetch
// the history.
func TestEndToEndShallowClone(t *testing.T) {
	t.Parallel()
	src := testrepo.New(t).CommitFiles(map[string]string{"README.md": "# v1\n"})
	src.CommitFiles(fixtures["errors-complete"])
	clone := filepath.Join(t.TempDir(), "clone")
	cmd := exec.Command("git", "clone", "-q", "--depth", "1", "file://"+src.Dir, clone)
	cmd.Env = testrepo.Env()
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git clone --depth 1: %v\n%s", err, out)
	}
	if _, err := os.Stat(filepath.Join(clone, ".git", "shallow")); err != nil {
		t.Fatalf("the clone is not shallow: %v", err)
	}
	fullRun := runAction(t, src.Dir, map[string]string{"json": "r.json"})
	shallowRun := runAction(t, clone, map[string]string{"json": "r.json"})
	if shallowRun.code != fullRun.code || shallowRun.code != 0 {
		t.Errorf("exit %d on the shallow clone, %d on the full repository; want 0 (no core item missing)", shallowRun.code, fullRun.code)
	}
	read := func(dir string) finding.Report {
		var rep finding.Report
		data, err := os.ReadFile(filepath.Join(dir, "r.json"))
		if err != nil || json.Unmarshal(data, &rep) != nil {
			t.Fatalf("report in %s: %v", dir, err)
		}
		return rep
	}
	a, b := read(src.Dir), read(clone)
	if a.Repository.Commit != b.Repository.Commit {
		t.Errorf("commit %s on the shallow clone, %s on the full repository", b.Repository.Commit, a.Repository.Commit)
	}
	// What needs history is skipped, and says why; everything else is the
	// same verdict on the same evidence.
	full := map[string]finding.Result{}
	for _, r := range a.Results {
		full[r.Rule] = r
	}
	skipped := 0
	for _, r := range b.Results {
		if r.Status == finding.Skip && full[r.Rule].Status != finding.Skip {
			skipped++
			if !strings.Contains(r.Message, "fetch-depth: 0") {
				t.Errorf("%s skipped on the shallow clone without saying how to get the history: %q", r.Rule, r.Message)
			}
			if r.Group != "history" {
				t.Errorf("%s (group %s) skipped on the shallow clone: only history rules should be", r.Rule, r.Group)
			}
			continue
		}
		// Messages, and notes drawn from the history (evidence without a
		// path, such as the maintainer's recent commits), may say what
		// history was seen; verdicts and the files in evidence may not differ.
		f := full[r.Rule]
		if r.Status != f.Status || fmt.Sprint(files(r.Evidence)) != fmt.Sprint(files(f.Evidence)) {
			t.Errorf("%s differs on the shallow clone: %s %v, full: %s %v", r.Rule, r.Status, r.Evidence, f.Status, f.Evidence)
		}
	}
	hasHistory := false
	for _, r := range b.Results {
		hasHistory = hasHistory || r.Group == "history"
	}
	if hasHistory && skipped == 0 {
		t.Error("no history rule was skipped on a depth-1 clone")
	}
	if skipped > 0 && !strings.Contains(shallowRun.summary, md("fetch-depth: 0")) {
		t.Errorf("the job summary does not say why history rules were skipped:\n%s", shallowRun.summary)
	}
}

// files keeps the evidence that names a file.
func files(ev []finding.Evidence) []finding.Evidence {
	var out []finding.Evidence
	for _, e := range ev {
		if e.Path != "" {
			out = append(out, e)
		}
	}
	return out
}

// TestEndToEndWorkingDirectory: a repository checked out into a sub-folder
// of the workspace; paths start from working-directory, annotations point
// at workspace paths, and links are not made for another repository.
func TestEndToEndWorkingDirectory(t *testing.T) {
	t.Parallel()
	ws := t.TempDir()
	sub := filepath.Join(ws, "checkout")
	src := fixture(t, fixtures["core-gaps"])
	cmd := exec.Command("git", "clone", "-q", src, sub)
	cmd.Env = testrepo.Env()
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git clone: %v\n%s", err, out)
	}
	r := runAction(t, ws, map[string]string{"working-directory": "checkout", "profile": "core", "sarif": "p.sarif", "format": "json"})
	if r.code != 1 {
		t.Fatalf("exit %d, want 1:\n%s", r.code, r.stderr)
	}
	lines := r.annotationLines()
	if len(lines) != 2 || !strings.HasPrefix(lines[1], "::error file=checkout/README.md,line=13,") {
		t.Errorf("annotations %q: want workspace paths (checkout/README.md)", lines)
	}
	if _, err := os.Stat(filepath.Join(sub, "p.sarif")); err != nil {
		t.Errorf("SARIF not written under working-directory: %v", err)
	}
	if !strings.Contains(strings.Join(r.text, "\n"), `"schema": "passation/v1"`) {
		t.Errorf("format json: the log does not show the JSON report")
	}
	if strings.Contains(r.summary, "](https://github.com/") {
		t.Errorf("the summary links to team/outil for a repository that is not the workflow's")
	}
}

// TestEndToEndErrors: bad inputs and unreadable repositories fail with a
// clear error annotation and the documented exit codes, never a panic.
func TestEndToEndErrors(t *testing.T) {
	t.Parallel()
	ws := fixture(t, fixtures["core-gaps"])
	for _, c := range []struct {
		with map[string]string
		code int
		want string
	}{
		{map[string]string{"fail-on": "sometimes"}, 2, "--fail-on: unknown severity \"sometimes\""},
		{map[string]string{"ref": "no-such-tag"}, 2, "\"no-such-tag\" names no commit"},
		{map[string]string{"annotations": "many"}, 2, "input annotations: \"many\""},
		{map[string]string{"path": "missing-folder"}, 2, "missing-folder"},
		{map[string]string{"lang": "de"}, 2, "unknown language \"de\""},
	} {
		r := runAction(t, ws, c.with)
		if r.code != c.code {
			t.Errorf("%v: exit %d, want %d\n%s", c.with, r.code, c.code, r.log)
		}
		ann := annotationsOf(r.cmds)
		if len(ann) != 1 || ann[0].name != "error" || !strings.Contains(ann[0].data, c.want) {
			t.Errorf("%v: annotations %+v, want one error saying %q", c.with, ann, c.want)
		}
		if strings.Contains(r.stderr, "panic") {
			t.Errorf("%v: panic:\n%s", c.with, r.stderr)
		}
	}
}

// TestActionMetadata: every input action.yml declares reaches the program
// under the name it reads, every output it declares is one the program
// writes, and the steps are the three the tests run.
func TestActionMetadata(t *testing.T) {
	t.Parallel()
	meta := loadAction(t)
	if meta.Name == "" || meta.Description == "" {
		t.Error("action.yml needs a name and a description")
	}
	// The program's inputs, then those of the step that gets the binary.
	if want := append(append([]string(nil), InputNames...), getInputs...); strings.Join(meta.inputNames, ",") != strings.Join(want, ",") {
		t.Errorf("action.yml inputs %v, want the program's %v then %v", meta.inputNames, InputNames, getInputs)
	}
	get, check := meta.steps(t)
	for _, s := range []step{get, check} {
		if s.Shell != "bash" {
			t.Errorf("step %q: shell %q, want bash (the same on Linux, macOS and Windows runners)", s.Name, s.Shell)
		}
		if strings.Contains(s.Run, "${{") {
			t.Errorf("step %q expands an expression inside its script: pass it through env instead", s.Name)
		}
	}
	// GOTOOLCHAIN=auto lets the runner's Go fetch the one go.mod names, in
	// that step only; the check step needs no Go at all.
	wantGet := map[string]string{
		"PASSATION_VERSION": "${{ inputs.version }}", "PASSATION_LANG": "${{ inputs.lang }}", "PASSATION_ACTION_REF": "${{ github.action_ref }}",
		"PASSATION_SOURCE": "${{ github.action_path }}", "GOTOOLCHAIN": "auto",
	}
	if get.Name != "Get passation" || get.ID == "" || fmt.Sprint(get.Env) != fmt.Sprint(wantGet) {
		t.Errorf("first step %q (id %q) env %v: want \"Get passation\" with an id and env %v", get.Name, get.ID, get.Env, wantGet)
	}
	for _, bad := range []string{"GITHUB_PATH", "GITHUB_ENV", "add-matcher", "actions/cache", "setup-go"} {
		if strings.Contains(get.Run, bad) {
			t.Errorf("the Get passation step mentions %s: it must leave the user's job as it found it", bad)
		}
	}
	if check.Env["PASSATION"] != "${{ steps."+get.ID+".outputs.path }}" || check.Run != `"$PASSATION" action` {
		t.Errorf("check step runs %q with PASSATION=%q: want \"$PASSATION\" action, the output path of %s", check.Run, check.Env["PASSATION"], get.ID)
	}
	if check.ID == "" {
		t.Fatal("the check step needs an id for the outputs")
	}
	var envNames []string
	for k, v := range check.Env {
		if k == "PASSATION" {
			continue
		}
		envNames = append(envNames, k)
		name := strings.TrimSuffix(strings.TrimPrefix(v, "${{ inputs."), " }}")
		if EnvName(name) != k {
			t.Errorf("check step env %s: %q, want %s: ${{ inputs.%s }}", k, v, EnvName(name), name)
		}
	}
	var want []string
	for _, n := range InputNames {
		want = append(want, EnvName(n))
	}
	sort.Strings(envNames)
	sort.Strings(want)
	if strings.Join(envNames, ",") != strings.Join(want, ",") {
		t.Errorf("check step passes %v, want exactly %v", envNames, want)
	}
	var outs []string
	for name, o := range meta.Outputs {
		outs = append(outs, name)
		if o.Value != "${{ steps."+check.ID+".outputs."+name+" }}" || o.Description == "" {
			t.Errorf("output %s: value %q, want ${{ steps.%s.outputs.%s }} and a description", name, o.Value, check.ID, name)
		}
	}
	sort.Strings(outs)
	prog := append([]string(nil), OutputNames...)
	sort.Strings(prog)
	if strings.Join(outs, ",") != strings.Join(prog, ",") {
		t.Errorf("action.yml outputs %v, the program writes %v", outs, prog)
	}
	for name, in := range meta.inputs {
		if in.Description == "" || in.Required {
			t.Errorf("input %s: want a description and a default (not required)", name)
		}
	}
}

// TestEndToEndEveryOutputWritten: each declared output is in the outputs
// file after a run, with a value.
func TestEndToEndEveryOutputWritten(t *testing.T) {
	t.Parallel()
	r := runAction(t, fixture(t, fixtures["errors-complete"]), nil)
	for _, name := range OutputNames {
		if v, ok := r.outputs[name]; !ok || v == "" {
			t.Errorf("output %s not written (outputs %v)", name, r.outputs)
		}
	}
	if r.outputs["report"] != filepath.Join(r.tempd, "passation-report.json") {
		t.Errorf("report %q: want RUNNER_TEMP/passation-report.json when json is not set", r.outputs["report"])
	}
	if runtime.GOOS != "windows" && !strings.HasPrefix(r.outputs["report"], "/") {
		t.Errorf("report path %q is not absolute", r.outputs["report"])
	}
}
