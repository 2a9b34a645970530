package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// hookPatterns reads each hook's files regex from .pre-commit-hooks.yaml
// (a quoted pattern, optionally anchored &name, or an alias *name).
func hookPatterns(t *testing.T) map[string]*regexp.Regexp {
	b, err := os.ReadFile("../../.pre-commit-hooks.yaml")
	if err != nil {
		t.Fatal(err)
	}
	anchors := map[string]string{}
	out := map[string]*regexp.Regexp{}
	id := ""
	lineRe := regexp.MustCompile(`^\s+files:\s+(?:&(\w+)\s+)?(?:'([^']*)'|\*(\w+))\s*$`)
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "- id: "); ok {
			id = strings.TrimSpace(v)
		}
		m := lineRe.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		pat := m[2]
		if m[3] != "" {
			pat = anchors[m[3]]
		}
		if m[1] != "" {
			anchors[m[1]] = pat
		}
		out[id] = regexp.MustCompile(pat)
	}
	return out
}

// TestHookFiles checks which paths each hook's files regex takes.
func TestHookFiles(t *testing.T) {
	pats := hookPatterns(t)
	inputs := []string{"jail.conf", "etc/jail.conf", "etc/jail.conf.d/www.conf", "www.jail.conf", "jail.www.conf",
		"iocage/jails/www/config.json", "pool/iocage/defaults.json", "etc/rc.conf", "etc/rc.conf.local",
		"etc/rc.conf.d/jail", "etc/sysctl.conf", "etc/sysctl.conf.local", "scripts/mkjail.sh"}
	others := []string{"README.md", "package.json", "etc/jail.conf.orig.d/x.txt", "jail.conf.d/www.conf.bak",
		"etc/jail.conf.d/sub/www.conf", "src/config.json", "defaults.json", "etc/fstab", "sh"}
	conf := map[string]bool{"jail.conf": true, "etc/jail.conf": true, "etc/jail.conf.d/www.conf": true, "www.jail.conf": true, "jail.www.conf": true}
	for _, id := range []string{"jailfmt", "jailfmt-check", "jailfmt-fmt"} {
		re := pats[id]
		if re == nil {
			t.Fatalf("hook %s has no files regex", id)
		}
		for _, p := range inputs {
			want := id != "jailfmt-fmt" || conf[p]
			if re.MatchString(p) != want {
				t.Errorf("hook %s: files matches %s = %v, want %v", id, p, !want, want)
			}
		}
		for _, p := range others {
			if re.MatchString(p) {
				t.Errorf("hook %s: files matches %s", id, p)
			}
		}
	}
}

// TestPreCommit runs the real pre-commit against a copy of this checkout:
// a config repository with a legacy jail.conf that includes a
// jail.conf.d fragment. The first run must fail and fix both files
// faithfully, the second must pass, and an installed hook must block a
// commit of the legacy files. Skipped only when pre-commit is missing,
// and never in CI (.ci/run installs it).
func TestPreCommit(t *testing.T) {
	if _, err := exec.LookPath("pre-commit"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("pre-commit not installed; .ci/run installs it")
		}
		t.Skip("pre-commit not installed")
	}
	if testing.Short() {
		t.Skip("-short")
	}
	tmp := t.TempDir()
	env := append(os.Environ(), "PRE_COMMIT_HOME="+filepath.Join(tmp, "cache"),
		"GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.org", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.org",
		"GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1")
	// pre-commit sets GOPATH to the hook's environment: keep the module
	// and build caches so "go install" does not download and build afresh,
	// and build with -trimpath so the cache hits although each hook
	// checkout lives in a new directory.
	env = append(env, "GOFLAGS=-trimpath -buildvcs=false")
	for _, v := range []string{"GOMODCACHE", "GOCACHE"} {
		out, err := exec.Command("go", "env", v).Output()
		if err != nil {
			t.Fatal(err)
		}
		env = append(env, v+"="+strings.TrimSpace(string(out)))
	}
	sh := func(dir string, wantOK bool, name string, args ...string) string {
		t.Helper()
		cmd := exec.Command(name, args...)
		cmd.Dir, cmd.Env = dir, env
		out, err := cmd.CombinedOutput()
		if (err == nil) != wantOK {
			t.Fatalf("%s %s: %v (want success %v)\n%s", name, strings.Join(args, " "), err, wantOK, out)
		}
		return string(out)
	}

	// The hook repository: this working tree, committed.
	hooks := filepath.Join(tmp, "hooks")
	files := sh("../..", true, "git", "ls-files", "-z", "--cached", "--others", "--exclude-standard")
	for _, f := range strings.Split(strings.TrimRight(files, "\x00"), "\x00") {
		b, err := os.ReadFile(filepath.Join("../..", f))
		if os.IsNotExist(err) {
			continue // deleted in the working tree
		}
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, hooks, f, string(b), 0o644)
	}
	sh(hooks, true, "git", "init", "-q")
	sh(hooks, true, "git", "add", "-A")
	sh(hooks, true, "git", "commit", "-q", "-m", "hooks")

	// The configuration repository. Its fragment needs only a fix that
	// means the same whatever includes it (a boolean's spelling).
	conf := filepath.Join(tmp, "conf")
	legacyRoot := "# Jails of this host.\nexec.start = \"/bin/sh /etc/rc\";\nallow.sysvipc;\n.include \"jail.conf.d/*.conf\";\n\ndb {\n\tpath = \"/jails/db\";\n}\n"
	legacyFrag := "web {\n\tpath = \"/jails/web\";\n\tpersist = yes;\n}\n"
	writeFile(t, conf, "jail.conf", legacyRoot, 0o644)
	writeFile(t, conf, "jail.conf.d/web.conf", legacyFrag, 0o644)
	writeFile(t, conf, ".jailfmt", "# Keep what the jails share today; hardening (sysv* = new) is its own change.\nignore=sysv-inherit-shares-host\n", 0o644)
	writeFile(t, conf, "README.md", "allow.sysvipc;\n", 0o644) // not an input: left alone
	sh(conf, true, "git", "init", "-q")
	sh(conf, true, "git", "add", "-A")

	out := sh(conf, false, "pre-commit", "try-repo", hooks, "jailfmt", "--all-files")
	if !strings.Contains(out, "files were modified by this hook") {
		t.Errorf("first run: pre-commit does not say the hook changed files:\n%s", out)
	}
	wantRoot := "# Jails of this host.\nexec.start = \"/bin/sh /etc/rc\";\nsysvmsg = inherit;\nsysvsem = inherit;\nsysvshm = inherit;\n.include \"jail.conf.d/*.conf\";\n\ndb {\n\tpath = \"/jails/db\";\n}\n"
	wantFrag := "web {\n\tpath = \"/jails/web\";\n\tpersist = true;\n}\n"
	for name, want := range map[string]string{"jail.conf": wantRoot, "jail.conf.d/web.conf": wantFrag, "README.md": "allow.sysvipc;\n"} {
		b, _ := os.ReadFile(filepath.Join(conf, name))
		if string(b) != want {
			t.Errorf("%s after the hook:\n%s\nwant:\n%s", name, b, want)
		}
	}
	sh(conf, true, "git", "add", "-A")
	sh(conf, true, "pre-commit", "try-repo", hooks, "jailfmt", "--all-files")

	// A commit of the legacy files through the installed hook is blocked.
	rev := strings.TrimSpace(sh(hooks, true, "git", "rev-parse", "HEAD"))
	writeFile(t, conf, ".pre-commit-config.yaml", "repos:\n- repo: "+hooks+"\n  rev: "+rev+"\n  hooks:\n  - id: jailfmt\n  - id: jailfmt-check\n  - id: jailfmt-fmt\n", 0o644)
	sh(conf, true, "git", "commit", "-q", "-m", "fixed")
	writeFile(t, conf, "jail.conf", legacyRoot, 0o644)
	writeFile(t, conf, "jail.conf.d/web.conf", legacyFrag, 0o644)
	sh(conf, true, "git", "add", "-A")
	sh(conf, true, "pre-commit", "install")
	sh(conf, false, "git", "commit", "-q", "-m", "legacy")
	if b, _ := os.ReadFile(filepath.Join(conf, "jail.conf")); !bytes.Equal(b, []byte(wantRoot)) {
		t.Errorf("jail.conf after the blocked commit:\n%s", b)
	}
	sh(conf, true, "git", "add", "-A")
	sh(conf, true, "git", "commit", "-q", "-m", "legacy, fixed")

	// A commit that touches only a fragment: the hook gets the fragment
	// alone, and its fix is judged through the jail.conf that includes it.
	// That root now gives every jail sysvshm = new (and nothing else of
	// System V IPC), which wins over the fragment's allow.sysvipc, so only
	// sysvmsg and sysvsem are written (judged on its own, the fragment
	// would get sysvshm = inherit too).
	newRoot := strings.Replace(wantRoot, "sysvmsg = inherit;\nsysvsem = inherit;\nsysvshm = inherit;\n", "sysvshm = new;\n", 1)
	writeFile(t, conf, "jail.conf", newRoot, 0o644)
	sh(conf, true, "git", "add", "-A")
	sh(conf, true, "git", "commit", "-q", "-m", "private shm")
	writeFile(t, conf, "jail.conf.d/app.conf", "app {\n\tpath = \"/jails/app\";\n\tallow.sysvipc;\n}\n", 0o644)
	sh(conf, true, "git", "add", "jail.conf.d/app.conf")
	sh(conf, false, "git", "commit", "-q", "-m", "app")
	wantApp := "app {\n\tpath = \"/jails/app\";\n\tsysvmsg = inherit;\n\tsysvsem = inherit;\n}\n"
	if b, _ := os.ReadFile(filepath.Join(conf, "jail.conf.d/app.conf")); string(b) != wantApp {
		t.Errorf("fragment after the blocked commit:\n%s\nwant:\n%s", b, wantApp)
	}
	if b, _ := os.ReadFile(filepath.Join(conf, "jail.conf")); string(b) != newRoot {
		t.Errorf("the root changed when only the fragment was committed:\n%s", b)
	}
}
