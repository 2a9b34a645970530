package migrate

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jailfmt/jailfmt/internal/golden"
)

func planText(p *Plan) string {
	var b strings.Builder
	p.Text(&b, true)
	return b.String()
}

// TestPlan plans the fake host: the text plan is the golden file.
func TestPlan(t *testing.T) {
	p := Scan(Options{Root: "../testdata/migrate/host"})
	golden.Check(t, "../testdata/migrate/host.golden", planText(p))
}

// copyTree copies the fake host into a temporary folder.
func copyTree(t *testing.T, from string) string {
	t.Helper()
	to := t.TempDir()
	err := filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(to, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(to, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return to
}

// snapshot returns every file under root with its content.
func snapshot(t *testing.T, root string) map[string]string {
	t.Helper()
	out := map[string]string{}
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			b, _ := os.ReadFile(p)
			rel, _ := filepath.Rel(root, p)
			out[rel] = string(b)
		}
		return nil
	})
	return out
}

// TestApply applies the plan to a copy of the host: every change is
// written with a backup of the original beside it, new files are
// created, and a second run plans nothing. A third apply of the old plan
// is refused (its backups exist) with nothing written.
func TestApply(t *testing.T) {
	for _, harden := range []bool{false, true} {
		t.Run(map[bool]string{false: "keep", true: "harden"}[harden], func(t *testing.T) { testApply(t, harden) })
	}
}

func testApply(t *testing.T, harden bool) {
	root := copyTree(t, "../testdata/migrate/host")
	before := snapshot(t, root)
	p := Scan(Options{Root: root, Harden: harden})
	if !p.Pending() || len(p.Problems) > 0 {
		t.Fatalf("plan: %+v", p.Problems)
	}
	if err := p.Apply(".orig"); err != nil {
		t.Fatal(err)
	}
	after := snapshot(t, root)
	for _, c := range p.Changes {
		rel := strings.TrimPrefix(c.Path, "/")
		if after[rel] != c.New {
			t.Errorf("%s not written", c.Path)
		}
		if c.Create {
			if _, ok := before[rel]; ok {
				t.Errorf("%s created over a file", c.Path)
			}
			continue
		}
		if after[rel+".orig"] != before[rel] {
			t.Errorf("%s: the backup is not the original", c.Path)
		}
	}
	if !harden {
		golden.Check(t, "../testdata/migrate/host-second-run.golden", planText(Scan(Options{Root: root})))
	}
	if again := Scan(Options{Root: root, Harden: harden}); again.Pending() {
		t.Errorf("second run plans changes:\n%s", planText(again))
	}
	if err := p.Apply(".orig"); err == nil || !strings.Contains(err.Error(), "backup already exists") {
		t.Errorf("re-applying: %v", err)
	}
	if now := snapshot(t, root); !equalMaps(now, after) {
		t.Error("a refused apply changed files")
	}
}

func equalMaps(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

// TestFailures: a file that does not parse, one that cannot be read (a
// folder where a file should be), and a path that appears in the way
// between plan and apply: --apply writes nothing at all.
func TestFailures(t *testing.T) {
	for _, c := range []struct {
		name  string
		setup func(root string) error
		late  func(root string) error // after Scan, before Apply
		want  string
	}{
		{name: "parse error", want: "jails/pg/config.json", setup: func(root string) error {
			return os.WriteFile(filepath.Join(root, "zroot/iocage/jails/pg/config.json"), []byte("{\"allow_sysvipc\": 1,\n"), 0o644)
		}},
		{name: "jail.conf parse error", want: "cache.conf", setup: func(root string) error {
			return os.WriteFile(filepath.Join(root, "etc/jail.conf.d/cache.conf"), []byte("cache {\n\tallow.sysvipc;\n"), 0o644)
		}},
		{name: "unreadable", want: "sysctl.conf.local", setup: func(root string) error {
			return os.Mkdir(filepath.Join(root, "etc/sysctl.conf.local"), 0o755)
		}},
		{name: "in the way", want: "www.conf", late: func(root string) error {
			return os.Mkdir(filepath.Join(root, "etc/jail.conf.d/www.conf"), 0o755)
		}},
		{name: "backup in the way", want: "backup already exists", late: func(root string) error {
			return os.Mkdir(filepath.Join(root, "etc/sysctl.conf.orig"), 0o755)
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			root := copyTree(t, "../testdata/migrate/host")
			if c.setup != nil {
				if err := c.setup(root); err != nil {
					t.Fatal(err)
				}
			}
			p := Scan(Options{Root: root})
			if c.late != nil {
				if err := c.late(root); err != nil {
					t.Fatal(err)
				}
			}
			before := snapshot(t, root)
			err := p.Apply(".orig")
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("apply: %v, want an error about %s", err, c.want)
			}
			if !equalMaps(snapshot(t, root), before) {
				t.Error("files changed")
			}
		})
	}
}

// TestPlans: a jail.conf without an .include of jail.conf.d gets the
// legacy jails appended; one with settings outside blocks keeps them in
// rc.conf (listed); --harden shows the changed values in the table.
func TestPlans(t *testing.T) {
	for _, c := range []struct {
		dir, golden string
		harden      bool
	}{
		{"append", "append.golden", false},
		{"globals", "globals.golden", false},
		{"emptylist", "emptylist.golden", false},
		{"ownconf", "ownconf.golden", false},
		{"host", "host-harden.golden", true},
	} {
		t.Run(c.golden, func(t *testing.T) {
			p := Scan(Options{Root: "../testdata/migrate/" + c.dir, Harden: c.harden})
			golden.Check(t, "../testdata/migrate/"+c.golden, planText(p))
		})
	}
}

func TestVerify(t *testing.T) {
	rows := []Jail{{Name: "a", Before: [3]string{"inherit", "inherit", "new"}, After: [3]string{"new", "new", "new"}}}
	for _, c := range []struct {
		harden bool
		after  [3]string
		bad    bool
	}{
		{false, [3]string{"inherit", "inherit", "new"}, false},
		{false, [3]string{"new", "inherit", "new"}, true},
		{true, [3]string{"new", "new", "new"}, false},
		{true, [3]string{"disable", "inherit", "new"}, true},
	} {
		rows[0].After = c.after
		p := &Plan{Jails: rows}
		p.verify(c.harden)
		if (len(p.Problems) > 0) != c.bad {
			t.Errorf("harden %v, after %v: problems %v", c.harden, c.after, p.Problems)
		}
	}
}
