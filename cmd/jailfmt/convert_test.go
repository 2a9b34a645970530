package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestConvert runs "jailfmt convert" on a test host: the jail.conf goes
// to -o (created, written atomically) and equals the golden file's
// jail.conf part, the report goes to stderr, and the exit codes follow
// the outcome.
func TestConvert(t *testing.T) {
	dir := t.TempDir()
	host := filepath.Join(dir, "host")
	if err := os.MkdirAll(filepath.Join(host, "etc"), 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(host, "etc"), "fstab.www", "", 0o644)
	want, err := os.ReadFile("../../testdata/convert/legacy-host/want.golden")
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "jail.conf")
	stdout, stderr, code := runCLI(t, "", "convert", "--from", "rcconf", "--to", "jailconf", "-o", out, "--root", host,
		"../../testdata/convert/legacy-host/rc.conf", "../../testdata/convert/legacy-host/rc.conf.local")
	if code != 0 || stdout != "" {
		t.Fatalf("exit %d, stdout %q, stderr:\n%s", code, stdout, stderr)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if jc, _, _ := strings.Cut(string(want), "---- report\n"); string(got) != jc {
		t.Errorf("-o file differs from the golden jail.conf:\n%s", got)
	}
	if !strings.Contains(stderr, "converted: www db\n") || !strings.Contains(stderr, "rc.conf:6:1: jail_sysvipc_allow") {
		t.Errorf("report:\n%s", stderr)
	}

	// --no-shared: nothing outside the blocks.
	stdout, _, code = runCLI(t, "", "convert", "--from", "rcconf", "--to", "jailconf", "--no-shared", "--root", host,
		"../../testdata/convert/legacy-host/rc.conf")
	if code != 0 || strings.Contains(stdout, "Shared by") || strings.Count(stdout, "\texec.clean;") != 2 {
		t.Errorf("--no-shared: exit %d\n%s", code, stdout)
	}

	// Unmappable items: exit 1, the convertible jails still printed.
	stdout, stderr, code = runCLI(t, "", "convert", "--from", "rcconf", "--to", "jailconf", "--root", host,
		"../../testdata/convert/unmappable/rc.conf")
	if code != 1 || !strings.Contains(stdout, "quote {") || !strings.Contains(stderr, "rc.conf:5:1: [unmappable] jail_dyn_ip") {
		t.Errorf("unmappable: exit %d\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}

	// ezjail: per-jail files plus rc.conf.
	stdout, _, code = runCLI(t, "", "convert", "--from", "ezjail", "--to", "jailconf", "--root", host,
		"../../testdata/convert/ezjail/ezjail/www_example_org", "../../testdata/convert/ezjail/rc.conf")
	if code != 0 || !strings.Contains(stdout, "sysvshm = inherit;") || regexp.MustCompile(`(?m)^\s*allow\.(no)?sysvipc`).MatchString(stdout) {
		t.Errorf("ezjail: exit %d\n%s", code, stdout)
	}

	// iocage: a jail folder under its root, with the root's defaults.
	want, err = os.ReadFile("../../testdata/convert/iocage/db.golden")
	if err != nil {
		t.Fatal(err)
	}
	stdout, stderr, code = runCLI(t, "", "convert", "--from", "iocage", "--to", "jailconf", "--iocroot", "/zroot/iocage",
		"--default-interface", "em0", "../../testdata/convert/iocage/jails/db")
	jc, _, _ := strings.Cut(string(want), "---- report\n")
	if code != 0 || strings.ReplaceAll(stdout, "../../testdata/convert/iocage/", "") != jc || !strings.Contains(stderr, "converted: db\n") {
		t.Errorf("iocage: exit %d\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	// An invalid value: nothing converted, exit 1.
	stdout, stderr, code = runCLI(t, "", "convert", "--from", "iocage", "--to", "jailconf", "../../testdata/convert/iocage/jails/bad/config.json")
	if code != 1 || stdout != "" || !strings.Contains(stderr, `config.json:5:16: [unmappable] bad: sysvshm="renew"`) {
		t.Errorf("iocage bad: exit %d\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	// Not under jails/NAME and no --iocroot: a usage error.
	cfg := writeFile(t, dir, "config.json", "{}", 0o644)
	if _, stderr, code := runCLI(t, "", "convert", "--from", "iocage", "--to", "jailconf", cfg); code != 2 || !strings.Contains(stderr, "--iocroot") {
		t.Errorf("no iocroot: exit %d, %q", code, stderr)
	}

	// jail.conf to iocage: set commands, or one JSON object of patches.
	stdout, stderr, code = runCLI(t, "", "convert", "--from", "jailconf", "--to", "iocage", "../../testdata/convert/to-iocage/jail.conf")
	if code != 1 || !strings.Contains(stdout, "sysvmsg=inherit sysvsem=inherit sysvshm=new") || !strings.Contains(stderr, "osrelease has no iocage property") {
		t.Errorf("to iocage: exit %d\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	stdout, _, _ = runCLI(t, "", "convert", "--from", "jailconf", "--to", "iocage", "--json", "../../testdata/convert/to-iocage/jail.conf")
	var patches map[string]map[string]any
	if err := json.Unmarshal([]byte(stdout), &patches); err != nil || patches["db"]["sysvshm"] != "new" || patches["www"]["allow_raw_sockets"] != 1.0 {
		t.Errorf("--json: %v\n%s", err, stdout)
	}

	// Errors: a syntax error names file:line:col; usage errors; a
	// missing file.
	bad := writeFile(t, dir, "rc.conf", "jail_a_rootdir=\"/x\n", 0o644)
	if _, stderr, code := runCLI(t, "", "convert", "--from", "rcconf", "--to", "jailconf", bad); code != 2 || !strings.Contains(stderr, bad+":1:16: ") {
		t.Errorf("syntax error: exit %d, %q", code, stderr)
	}
	for _, args := range [][]string{
		{"convert"}, {"convert", "--from", "iocage", "--to", "jailconf", filepath.Join(dir, "missing")}, {"convert", "--from", "iocage", "--to", "iocage", "x"}, {"convert", "--from", "iocage", "--to", "jailconf", "-"}, {"convert", "--from", "rcconf", "--to", "json", "x"},
		{"convert", "--from", "rcconf", "--to", "jailconf"}, {"convert", "--from", "rcconf", "--to", "jailconf", filepath.Join(dir, "missing")},
	} {
		if _, _, code := runCLI(t, "", args...); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
}
