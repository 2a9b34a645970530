package roots

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"weak"
)

// tree writes name=content files under a new repository root.
func tree(t *testing.T, files ...string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		name, text, _ := strings.Cut(f, "=")
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func paths(set *Set) string {
	var out []string
	for _, r := range set.Roots {
		out = append(out, filepath.Base(r.Path)+"/"+string(rune('0'+len(r.Chain))))
	}
	return strings.Join(out, " ")
}

func TestFind(t *testing.T) {
	dir := tree(t,
		"hosts/jail.conf=.include \"inc/mid.conf\";\n",
		"hosts/inc/mid.conf=.include \"leaf.conf\";\n",
		"hosts/inc/leaf.conf=a {}\n",
		"hosts/inc/other.conf=b {}\n",
		"jail.web.conf=.include \"hosts/inc/*.conf\";\n", // a root above, by glob
		"hosts/jail.broken.conf=a {\n",                   // does not load
		"elsewhere/main.conf=.include \"../hosts/inc/other.conf\";\n",
		"notes.conf=x {}\n",
	)
	f := New(Options{})
	set, err := f.Find(filepath.Join(dir, "hosts/inc/leaf.conf"))
	if err != nil {
		t.Fatal(err)
	}
	// leaf.conf: jail.conf reaches it through mid.conf (2 steps), and
	// jail.web.conf through its glob (which also reads mid.conf: 1 step).
	if set.Kind != Fragment || paths(set) != "jail.conf/2 jail.web.conf/1" {
		t.Errorf("leaf.conf: kind %d, roots %s", set.Kind, paths(set))
	}
	if c := set.Roots[0].Chain; filepath.Base(c[0].File) != "jail.conf" || filepath.Base(c[1].Read) != "leaf.conf" || c[1].Pos.Line != 1 {
		t.Errorf("chain %+v", c)
	}
	if len(set.Broken) != 1 || !strings.Contains(set.Broken[0].Path, "jail.broken.conf") || set.Broken[0].Reaches {
		t.Errorf("broken %+v", set.Broken)
	}

	// other.conf is only reached by main.conf once roots= names it.
	other := filepath.Join(dir, "hosts/inc/other.conf")
	if set, _ := f.Find(other); paths(set) != "jail.web.conf/1" {
		t.Errorf("other.conf without globs: %s", paths(set))
	}
	set, _ = New(Options{Globs: []string{filepath.Join(dir, "elsewhere/*.conf")}}).Find(other)
	if paths(set) != "jail.web.conf/1 main.conf/1" {
		t.Errorf("other.conf with roots=: %s", paths(set))
	}

	// A file nothing includes is a configuration of its own; a root
	// named file is its own first root.
	if set, _ := f.Find(filepath.Join(dir, "notes.conf")); set.Kind != Root || paths(set) != "notes.conf/0" {
		t.Errorf("notes.conf: kind %d, roots %s", set.Kind, paths(set))
	}
	if set, _ := f.Find(filepath.Join(dir, "hosts/jail.conf")); set.Kind != Root || paths(set) != "jail.conf/0" {
		t.Errorf("jail.conf: kind %d, roots %s", set.Kind, paths(set))
	}
	if _, err := f.Find(filepath.Join(dir, "missing.conf")); err == nil {
		t.Error("a missing file was found")
	}
}

// TestSysroot: absolute includes resolve under the folder above etc/ by
// default, or under --sysroot; a jail.conf.d/ fragment nothing reaches is
// an orphan.
func TestSysroot(t *testing.T) {
	dir := tree(t,
		"etc/jail.conf=.include \"/etc/jail.conf.d/*.conf\";\n",
		"etc/jail.conf.d/www.conf=www {}\n",
		"mirror/jail.conf=.include \"/conf/*.conf\";\n",
		"mirror/top/conf/db.conf=db {}\n",
		"lost/jail.conf.d/x.conf=x {}\n",
	)
	set, _ := New(Options{}).Find(filepath.Join(dir, "etc/jail.conf.d/www.conf"))
	if set.Kind != Fragment || paths(set) != "jail.conf/1" || set.Roots[0].Sysroot != dir {
		t.Errorf("www.conf: kind %d, roots %s, sysroot %q", set.Kind, paths(set), set.Roots[0].Sysroot)
	}
	db := filepath.Join(dir, "mirror/top/conf/db.conf")
	if set, _ := New(Options{}).Find(db); set.Kind != Root {
		t.Errorf("db.conf without a sysroot: kind %d, roots %s", set.Kind, paths(set))
	}
	if set, _ := New(Options{Sysroot: filepath.Join(dir, "mirror/top"), Globs: []string{filepath.Join(dir, "mirror/jail.conf")}}).Find(db); set.Kind != Fragment {
		t.Errorf("db.conf with --sysroot: kind %d, roots %s", set.Kind, paths(set))
	}
	set, _ = New(Options{}).Find(filepath.Join(dir, "lost/jail.conf.d/x.conf"))
	if set.Kind != Orphan || !strings.Contains(set.Describe(), "name its root with roots=") {
		t.Errorf("x.conf: kind %d\n%s", set.Kind, set.Describe())
	}
}

// TestSymlinkedRoot: a root reached through a symbolic link is the same
// file as its target.
func TestSymlinkedRoot(t *testing.T) {
	dir := tree(t, "real.conf=.include \"w.conf\";\n", "w.conf=* {}\n")
	if err := os.Symlink("real.conf", filepath.Join(dir, "jail.conf")); err != nil {
		t.Fatal(err)
	}
	set, _ := New(Options{}).Find(filepath.Join(dir, "real.conf"))
	if set.Kind != Root || filepath.Base(set.Roots[0].Path) != "real.conf" {
		t.Errorf("real.conf: kind %d, roots %s", set.Kind, paths(set))
	}
	set, _ = New(Options{}).Find(filepath.Join(dir, "w.conf"))
	if set.Kind != Fragment || paths(set) != "jail.conf/1" {
		t.Errorf("w.conf: kind %d, roots %s", set.Kind, paths(set))
	}
}

func TestFindRefusesNonRegular(t *testing.T) {
	dir := tree(t)
	if _, err := New(Options{}).Find(dir); err == nil || !strings.Contains(err.Error(), "not a regular file") {
		t.Errorf("a folder: %v", err)
	}
}

// TestFindAfterCollection: the finder holds what it loaded weakly; once
// the collector took a root's result, Find still answers from what it
// kept (the chain), and the result is loaded again, with its errors for a
// broken root, from the text first read.
func TestFindAfterCollection(t *testing.T) {
	dir := tree(t,
		"jail.conf=.include \"inc/mid.conf\";\n",
		"inc/mid.conf=.include \"leaf.conf\";\n",
		"inc/leaf.conf=a { path = /j/a; }\n",
		"jail.broken.conf=.include \"inc/leaf.conf\";\nb {\n",
	)
	f := New(Options{})
	leaf := filepath.Join(dir, "inc/leaf.conf")
	set, err := f.Find(leaf)
	if err != nil {
		t.Fatal(err)
	}
	first := weak.Make(set.Roots[0].Result())
	set = nil
	runtime.GC()
	if first.Value() != nil {
		t.Fatal("the finder holds the result strongly")
	}
	if err := os.WriteFile(filepath.Join(dir, "jail.conf"), []byte("c {}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	set, err = f.Find(leaf)
	if err != nil {
		t.Fatal(err)
	}
	if set.Kind != Fragment || paths(set) != "jail.conf/2" {
		t.Fatalf("kind %d, roots %s", set.Kind, paths(set))
	}
	res := set.Roots[0].Result()
	if len(res.Jails) != 1 || res.Jails[0].Name != "a" || len(res.Files) != 3 {
		t.Errorf("loaded again: %d jails, %d files", len(res.Jails), len(res.Files))
	}
	if len(set.Broken) != 1 || !set.Broken[0].Result.HasErrors() {
		t.Errorf("broken %+v", set.Broken)
	}
}

// TestSeed: the file itself loads from the text handed to Seed, not from
// the disk, and only once: a later Find reads what the file holds.
func TestSeed(t *testing.T) {
	dir := tree(t, "jail.conf=a {}\n")
	p := filepath.Join(dir, "jail.conf")
	f := New(Options{})
	f.Seed(p, "seeded {}\n")
	set, err := f.Find(p)
	if err != nil {
		t.Fatal(err)
	}
	if got := set.Roots[0].Result().Files[0].Src; got != "seeded {}\n" {
		t.Errorf("loaded %q, want the seeded text", got)
	}
	if len(f.seeded) != 0 {
		t.Errorf("seeded texts kept after loading: %d", len(f.seeded))
	}
	g := New(Options{})
	g.Seed(filepath.Join(dir, "other.conf"), "b {}\n")
	if set, err = g.Find(p); err != nil || set.Roots[0].Result().Files[0].Src != "a {}\n" {
		t.Errorf("a text seeded for another file was used: %v", err)
	}
}
