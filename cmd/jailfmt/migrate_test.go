package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestMigrate runs "jailfmt migrate" on a copy of the fake host: the
// plan exits 1, --format json parses, --apply writes with backups and
// exits 0, and a second run has nothing to do; a file that does not
// parse makes both the plan and --apply exit 2 with nothing written.
func TestMigrate(t *testing.T) {
	root := filepath.Join(t.TempDir(), "host")
	if err := os.CopyFS(root, os.DirFS("../../testdata/migrate/host")); err != nil {
		t.Fatal(err)
	}
	stdout, _, code := runCLI(t, "", "migrate", "--root", root)
	if code != 1 || !strings.Contains(stdout, "create /etc/jail.conf.d/www.conf:") || !strings.Contains(stdout, "  JF2001 ") {
		t.Fatalf("plan: exit %d\n%s", code, stdout)
	}
	stdout, _, code = runCLI(t, "", "migrate", "--root", root, "--format", "json")
	var plan struct {
		Changes []struct{ Path string }
		Jails   []struct {
			Name          string
			Before, After []string
		}
	}
	if err := json.Unmarshal([]byte(stdout), &plan); err != nil || code != 1 || len(plan.Changes) == 0 || len(plan.Jails) == 0 {
		t.Fatalf("json: exit %d, %v\n%s", code, err, stdout)
	}
	_, stderr, code := runCLI(t, "", "migrate", "--root", root, "--apply", "--backup-suffix", ".pre-jailfmt")
	if code != 0 || !strings.Contains(stderr, "applied:") {
		t.Fatalf("apply: exit %d\n%s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(root, "etc/rc.conf.pre-jailfmt")); err != nil {
		t.Error(err)
	}
	if stdout, _, code := runCLI(t, "", "migrate", "--root", root, "--backup-suffix", ".pre-jailfmt"); code != 0 || !strings.HasPrefix(stdout, "nothing to change\n") {
		t.Errorf("second run: exit %d\n%s", code, stdout)
	}

	bad := filepath.Join(t.TempDir(), "host")
	if err := os.CopyFS(bad, os.DirFS("../../testdata/migrate/host")); err != nil {
		t.Fatal(err)
	}
	cfg := filepath.Join(bad, "zroot/iocage/jails/pg/config.json")
	if err := os.WriteFile(cfg, []byte("{\"allow_sysvipc\": 1,"), 0o644); err != nil {
		t.Fatal(err)
	}
	rc, _ := os.ReadFile(filepath.Join(bad, "etc/rc.conf"))
	stdout, stderr, code = runCLI(t, "", "migrate", "--root", bad, "--apply")
	if code != 2 || !strings.Contains(stdout, "error: /zroot/iocage/jails/pg/config.json:1:") || !strings.Contains(stderr, "nothing written") {
		t.Errorf("parse error: exit %d\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	if now, _ := os.ReadFile(filepath.Join(bad, "etc/rc.conf")); string(now) != string(rc) {
		t.Error("rc.conf changed")
	}
	if _, _, code := runCLI(t, "", "migrate", "extra"); code != 2 {
		t.Errorf("an argument: exit %d", code)
	}
}
