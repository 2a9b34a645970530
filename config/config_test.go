package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestFindAndLoad(t *testing.T) {
	root := t.TempDir()
	os.Mkdir(filepath.Join(root, ".git"), 0o755)
	deep := filepath.Join(root, "etc", "jail.conf.d")
	os.MkdirAll(deep, 0o755)
	if p := Find(deep); p != "" {
		t.Fatalf("found %s with no .jailfmt", p)
	}
	cfg := filepath.Join(root, Name)
	os.WriteFile(cfg, []byte("# settings\nselect = JF2001, sysv-numeric-value\nignore=JF3004\nseverity = warning\ntarget = 14.2\nharden = yes\n"), 0o644)
	if p := Find(deep); p != cfg {
		t.Fatalf("Find = %q, want %q", p, cfg)
	}
	c, err := Load(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(c.Select, "|") != "JF2001|sysv-numeric-value" || strings.Join(c.Ignore, "|") != "JF3004" ||
		c.Severity != "warning" || c.Target != "14.2" || c.Harden == nil || !*c.Harden {
		t.Errorf("loaded %+v", c)
	}
	// The search stops at the repository root.
	outside := filepath.Join(filepath.Dir(root), Name)
	if _, err := os.Stat(outside); err == nil {
		t.Skip("a .jailfmt exists above the temp dir")
	}
	for bad, line := range map[string]string{"frob = 1\n": ":1:", "no equals sign\n": ":1:", "harden = maybe\n": ":1:",
		"# twice\nselect = JF2001\n\nselect = JF3006\n": ":4: select is already set on line 2"} {
		os.WriteFile(cfg, []byte(bad), 0o644)
		if _, err := Load(cfg); err == nil || !strings.Contains(err.Error(), cfg+line) {
			t.Errorf("%q: error %v", bad, err)
		}
	}
}

// TestRootsAndSysroot: roots= and sysroot= name paths relative to the
// .jailfmt file's folder.
func TestRootsAndSysroot(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, Name)
	os.WriteFile(cfg, []byte("roots = hosts/*/jail.conf, /srv/jail.conf\nsysroot = mirror\n"), 0o644)
	c, err := Load(cfg)
	if err != nil {
		t.Fatal(err)
	}
	want := filepath.Join(dir, "hosts/*/jail.conf") + "|/srv/jail.conf"
	if got := strings.Join(c.Roots, "|"); got != want || c.Sysroot != filepath.Join(dir, "mirror") {
		t.Errorf("roots %q, sysroot %q", got, c.Sysroot)
	}
}
