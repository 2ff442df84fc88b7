package cli

import (
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/passation/passation/internal/forge/forgetest"
	"github.com/passation/passation/internal/gitserver"
)

// TestAuditFromGitHubOrganisationDefaults: the organisation's .github
// repository holds CONTRIBUTING.md and SECURITY.md, which GitHub shows on
// every repository without its own. The audit leaves .github out of the
// cohort, and says which items a repository meets only through it, never
// counting them as its own.
func TestAuditFromGitHubOrganisationDefaults(t *testing.T) {
	root := gitserver.NewRoot(t)
	root.Add(".github", map[string]string{
		"CONTRIBUTING.md": "# Contribuer\n\nOuvrez une merge request, lancez les tests avec make test et demandez une relecture.\n",
		"SECURITY.md":     "# Sécurité\n\nSignalez une faille à securite@example.org.\n",
	})
	root.Add("alpha", coreFiles)
	root.Add("beta", mergeFiles(coreFiles, map[string]string{
		"CONTRIBUTING.md": "# Contribuer\n\nProposez vos modifications par une pull request relue par l'équipe.\n",
	}))
	web := gitserver.StartHTTP(t, root, gitserver.HTTPOptions{})
	srv := forgetest.GitHub(t, []forgetest.Repo{
		{Path: "eig/.github", CloneURL: web + ".github.git"},
		{Path: "eig/alpha", CloneURL: web + "alpha.git"},
		{Path: "eig/beta", CloneURL: web + "beta.git"},
	}, forgetest.Options{})
	out := filepath.Join(t.TempDir(), "report")
	code, stdout, stderr := runAt(t, map[string]string{"CI": "true"}, "audit", "--from", "github:eig", "--github-url", srv.URL, "--out", out, "--jobs", "2")
	if code != ExitOK && code != ExitGaps {
		t.Fatalf("exit %d\n%s\n%s", code, stdout, stderr)
	}
	res := readReport(t, out)
	var names []string
	for _, r := range res.Repositories {
		names = append(names, r.Name)
	}
	if !reflect.DeepEqual(names, []string{"alpha", "beta"}) {
		t.Fatalf("audited %v: expected alpha and beta, .github being the organisation's defaults", names)
	}
	if res.OrgDefaults == nil || res.OrgDefaults.Error != nil || !reflect.DeepEqual(res.OrgDefaults.Items, []string{"contributing", "incident-response"}) {
		t.Fatalf("org defaults: %+v", res.OrgDefaults)
	}
	alpha, beta := res.Repositories[0], res.Repositories[1]
	if !reflect.DeepEqual(alpha.OrgDefaults, []string{"contributing", "incident-response"}) {
		t.Errorf("alpha: met through the defaults %v, expected contributing and incident-response", alpha.OrgDefaults)
	}
	if r, _ := alpha.Result("contributing"); r.Status != "fail" {
		t.Errorf("alpha's contributing is %s: the organisation's file is not the repository's own", r.Status)
	}
	if !reflect.DeepEqual(beta.OrgDefaults, []string{"incident-response"}) {
		t.Errorf("beta: met through the defaults %v, expected only incident-response (it has its own CONTRIBUTING.md)", beta.OrgDefaults)
	}
	files := readTree(t, out)
	letter := files[filepath.Join("letters", "alpha.md")]
	if !strings.Contains(letter, "organisation's .github repository") {
		t.Errorf("alpha's letter does not say what the organisation's defaults cover:\n%s", letter)
	}
	if !strings.Contains(files["index.html"], `class="org-default"`) || !strings.Contains(files["report.md"], "organisation's `.github`") {
		t.Error("the dashboard or report.md does not show the items met through the organisation's defaults")
	}
}
