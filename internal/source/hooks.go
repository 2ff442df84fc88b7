package source

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/config"
	"github.com/go-git/go-git/v5/storage/filesystem"

	"github.com/passation/passation/internal/syserr"
)

// ErrBare: the repository has no work tree, so no commit is made in it.
var ErrBare = errors.New("bare repository")

// Hooks says where git runs the hooks of a work tree from.
type Hooks struct {
	// WorkTree is the absolute root of the work tree.
	WorkTree string
	// Dir is the absolute folder git looks for hooks in.
	Dir string
	// HooksPath is core.hooksPath as configured, "" when unset.
	HooksPath string
}

// FindHooks locates the hooks folder of the repository around dir as git
// does: core.hooksPath when set (local, then global, then system
// configuration; relative to the work tree, "~/" to the home folder),
// otherwise the hooks folder of the common git directory, which linked
// worktrees share with the main one. getenv supplies HOME, XDG_CONFIG_HOME
// and the GIT_CONFIG_* variables git honours.
func FindHooks(dir string, getenv func(string) string) (Hooks, error) {
	r, err := git.PlainOpenWithOptions(dir, &git.PlainOpenOptions{DetectDotGit: true, EnableDotGitCommonDir: true})
	if errors.Is(err, git.ErrRepositoryNotExists) {
		if isBare(dir) {
			return Hooks{}, openWords.Wrap(ErrBare, "bare-hook", dir)
		}
		return Hooks{}, openWords.Wrap(ErrNotRepository, "not-repo", dir)
	}
	if err != nil {
		return Hooks{}, openWords.Wrap(err, "open", dir, syserr.Of(err))
	}
	wt, err := r.Worktree()
	if errors.Is(err, git.ErrIsBareRepository) {
		return Hooks{}, openWords.Wrap(ErrBare, "bare-hook", dir)
	}
	if err != nil {
		return Hooks{}, openWords.Wrap(err, "open", dir, syserr.Of(err))
	}
	h := Hooks{WorkTree: wt.Filesystem.Root()}

	local, err := r.Config()
	if err != nil {
		return Hooks{}, openWords.Wrap(err, "read-config", dir, syserr.Of(err))
	}
	h.HooksPath = local.Raw.Section("core").Option("hooksPath")
	if h.HooksPath == "" {
		if h.HooksPath, err = userHooksPath(getenv); err != nil {
			return Hooks{}, err
		}
	}
	if h.HooksPath != "" {
		p := h.HooksPath
		if rest, ok := strings.CutPrefix(p, "~/"); ok {
			p = filepath.Join(getenv("HOME"), rest)
		}
		if !filepath.IsAbs(p) {
			p = filepath.Join(h.WorkTree, p)
		}
		h.Dir = filepath.Clean(p)
		return h, nil
	}

	st, ok := r.Storer.(*filesystem.Storage)
	if !ok {
		return Hooks{}, fmt.Errorf("%s: unexpected repository storage", dir)
	}
	gitDir := st.Filesystem().Root()
	common, err := commonDir(gitDir)
	if err != nil {
		return Hooks{}, err
	}
	h.Dir = filepath.Join(common, "hooks")
	return h, nil
}

// commonDir is the git directory a linked worktree shares with its main
// work tree (named by the "commondir" file), or gitDir itself.
func commonDir(gitDir string) (string, error) {
	data, err := os.ReadFile(filepath.Join(gitDir, "commondir"))
	if errors.Is(err, os.ErrNotExist) {
		return gitDir, nil
	}
	if err != nil {
		return "", err
	}
	c := strings.TrimSpace(string(data))
	if !filepath.IsAbs(c) {
		c = filepath.Join(gitDir, c)
	}
	return filepath.Clean(c), nil
}

// userHooksPath reads core.hooksPath from the global then the system
// configuration files, the ones git reads, honouring GIT_CONFIG_GLOBAL,
// GIT_CONFIG_SYSTEM and GIT_CONFIG_NOSYSTEM.
func userHooksPath(getenv func(string) string) (string, error) {
	var global []string
	if g := getenv("GIT_CONFIG_GLOBAL"); g != "" {
		global = []string{g}
	} else {
		xdg := getenv("XDG_CONFIG_HOME")
		if xdg == "" && getenv("HOME") != "" {
			xdg = filepath.Join(getenv("HOME"), ".config")
		}
		if xdg != "" {
			global = append(global, filepath.Join(xdg, "git", "config"))
		}
		if home := getenv("HOME"); home != "" {
			global = append(global, filepath.Join(home, ".gitconfig"))
		}
	}
	var system []string
	if getenv("GIT_CONFIG_NOSYSTEM") == "" {
		if s := getenv("GIT_CONFIG_SYSTEM"); s != "" {
			system = []string{s}
		} else {
			system = []string{"/etc/gitconfig"}
		}
	}
	// Git reads system, then global files; a later value wins.
	value := ""
	for _, f := range append(system, global...) {
		v, err := hooksPathIn(f)
		if err != nil {
			return "", err
		}
		if v != "" {
			value = v
		}
	}
	return value, nil
}

func hooksPathIn(file string) (string, error) {
	f, err := os.Open(file)
	if errors.Is(err, os.ErrNotExist) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("read git configuration %s: %w", file, err)
	}
	defer f.Close()
	cfg, err := config.ReadConfig(f)
	if err != nil {
		return "", fmt.Errorf("read git configuration %s: %w", file, err)
	}
	return cfg.Raw.Section("core").Option("hooksPath"), nil
}
