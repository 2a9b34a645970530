package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jailfmt/jailfmt/internal/golden"
)

// TestInputs lints each input type (found by walking, by name, by
// content, or forced with --type) and compares exit code, stdout and
// stderr with testdata/inputs/cli/NAME.golden; -d shows that fixes are
// minimal edits.
func TestInputs(t *testing.T) {
	rc, err := os.ReadFile("../../testdata/inputs/host/etc/rc.conf")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, stdin string
		args        []string
	}{
		{"iocage-root", "", []string{"--no-config", "../../testdata/iocage/root"}},
		{"iocage-root-diff", "", []string{"--no-config", "-d", "../../testdata/iocage/root"}},
		{"iocage-ignore", "", []string{"--no-config", "--ignore", "JF2102,JF3004", "../../testdata/iocage/root/iocage/jails/web/config.json"}},
		{"etc", "", []string{"--no-config", "../../testdata/inputs/host/etc"}},
		{"etc-diff", "", []string{"--no-config", "-d", "../../testdata/inputs/host/etc"}},
		{"props", "", []string{"--no-config", "--type", "iocage-props", "../../testdata/iocage/props/set-args.props"}},
		{"type-sysctl", "", []string{"--no-config", "--type", "sysctl", "../../testdata/sysctl/legacy.sysctl"}},
		{"type-bad", "", []string{"--no-config", "--type", "ini", "x"}},
		{"stdin-rcconf", string(rc), []string{"--no-config", "--stdin-filename", "rc.conf", "-"}},
		{"fail2ban", "", []string{"--no-config", "../../testdata/inputs/host/fail2ban/jail.conf"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, errOut, code := runCLI(t, tc.stdin, tc.args...)
			got := fmt.Sprintf("$ jailfmt %s\nexit %d\n--- stdout\n%s--- stderr\n%s", strings.Join(tc.args, " "), code, out, errOut)
			golden.Check(t, filepath.Join("../../testdata/inputs/cli", tc.name+".golden"), got)
		})
	}
}

// TestInputsFix writes fixes to iocage JSON and sysctl.conf and lints the
// result again: the fixed findings are gone, every other byte is kept.
func TestInputsFix(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"iocage/defaults.json":        "{\n    \"allow_sysvipc\": 1,\n    \"sysvshm\": \"new\"\n}\n",
		"iocage/jails/db/config.json": "{\"host_hostuuid\": \"db\", \"allow_raw_sockets\": \"yes\", \"allow_sysvipc\": \"1\"}\n",
		"etc/sysctl.conf":             "kern.ipc.shmmax=1\nsecurity.jail.sysvipc_allowed=1 # legacy\nkern.maxfiles=10\n",
	}
	want := map[string]string{
		"iocage/defaults.json":        "{\n    \"sysvshm\": \"new\"\n}\n",
		"iocage/jails/db/config.json": "{\"host_hostuuid\": \"db\", \"allow_raw_sockets\": 1}\n",
		"etc/sysctl.conf":             "kern.ipc.shmmax=1\nkern.maxfiles=10\n",
	}
	for name, text := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	chdir(t, dir)
	out, errOut, code := runCLI(t, "", "--no-config", "--fix", ".")
	if code != exitFindings || errOut != "" {
		t.Fatalf("--fix: exit %d, stderr %q, stdout:\n%s", code, errOut, out)
	}
	for name, text := range want {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if string(b) != text {
			t.Errorf("%s after --fix:\n%s\nwant:\n%s", name, b, text)
		}
	}
	if out, _, code := runCLI(t, "", "--no-config", "--severity", "warning", "."); code != exitOK {
		t.Errorf("after --fix: exit %d:\n%s", code, out)
	}
}

// TestWalked: the directory walker claims every input type's usual names,
// and not shell scripts, Markdown or unrelated files.
func TestWalked(t *testing.T) {
	for path, want := range map[string]bool{
		"etc/jail.conf":                        true,
		"etc/jail.conf.d/www.conf":             true,
		"zroot/iocage/jails/db/config.json":    true,
		"zroot/iocage/defaults.json":           true,
		"zroot/iocage/templates/t/config.json": true,
		"node/config.json":                     false,
		"etc/rc.conf":                          true,
		"etc/rc.conf.local":                    true,
		"etc/rc.conf.d/jail":                   true,
		"etc/rc.conf.d/sshd":                   false,
		"etc/sysctl.conf":                      true,
		"etc/sysctl.conf.local":                true,
		"scripts/mkjail.sh":                    false,
		"README.md":                            false,
		"etc/fail2ban/jail.local":              false,
	} {
		if got := walked(path); got != want {
			t.Errorf("walked(%q) = %v, want %v", path, got, want)
		}
	}
}
