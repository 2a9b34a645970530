package resolve

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jailfmt/jailfmt/freebsd"
)

func TestEqualOpts(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"persist", "persist", true},
		{"persist", "nopersist", true},
		{"nopersist", "persist", true},
		{"allow.mount", "allow.nomount", true},
		{"allow.mount.nullfs", "allow.mount.nonullfs", true},
		{"allow.mount", "noallow.mount", true}, // config.c compares a "no" on any component
		{"allow.mount", "allow.mount.nullfs", false},
		{"ip4.addr", "ip6.addr", false},
		{"x", "nox", true},
		{"path", "nopath", true},
	} {
		if got := EqualOpts(c.a, c.b); got != c.want {
			t.Errorf("EqualOpts(%q, %q) = %v", c.a, c.b, got)
		}
	}
}

func TestWildcards(t *testing.T) {
	for _, c := range []struct {
		name string
		wild bool
	}{{"*", true}, {"foo.*", true}, {"*.bar", true}, {"a.*.c", true}, {"fo*", false}, {"*x", false}, {"a", false}} {
		if got := wildName(c.name); got != c.wild {
			t.Errorf("wildName(%q) = %v", c.name, got)
		}
	}
	for _, c := range []struct {
		jail, wild string
		want       bool
	}{
		{"a", "*", true}, {"a.b.c", "*", true},
		{"foo.bar", "foo.*", true}, {"foo.bar.baz", "foo.*", true}, {"foo", "foo.*", false},
		{"x.bar", "*.bar", true}, {"x.y.bar", "*.bar", false},
		{"a.b.c", "a.*.c", true}, {"a.b.d", "a.*.c", false},
	} {
		if got := wildMatch(c.jail, c.wild); got != c.want {
			t.Errorf("wildMatch(%q, %q) = %v", c.jail, c.wild, got)
		}
	}
}

func TestJidNames(t *testing.T) {
	for name, want := range map[string]bool{"7": true, "-1": true, "+5": true, " 12": true, "07": true,
		"0": false, "-0": false, "7a": false, "": false, "0x10": false, "a7": false} {
		if got := strtolJid(name); got != want {
			t.Errorf("strtolJid(%q) = %v", name, got)
		}
	}
}

// TestIncludeDepth builds a chain of includes: 32 levels load, 33 fail
// with jail(8)'s limit.
func TestIncludeDepth(t *testing.T) {
	for _, depth := range []int{32, 33} {
		dir := t.TempDir()
		for i := 0; i < depth; i++ {
			body := fmt.Sprintf(".include \"f%d.conf\";\n", i+1)
			if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("f%d.conf", i)), []byte(body), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		last := filepath.Join(dir, fmt.Sprintf("f%d.conf", depth))
		if err := os.WriteFile(last, []byte("deep { persist; }\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		main := filepath.Join(dir, "f0.conf")
		b, err := os.ReadFile(main)
		if err != nil {
			t.Fatal(err)
		}
		res := Load(main, string(b), Options{})
		failed := res.HasErrors()
		if failed != (depth > 32) {
			t.Errorf("depth %d: errors %v", depth, res.Diags)
		}
		if failed && !strings.Contains(res.Diags[0].Msg, "maximum include depth") {
			t.Errorf("depth %d: %v", depth, res.Diags[0])
		}
		if !failed && (len(res.Jails) != 1 || res.Jails[0].Name != "deep") {
			t.Errorf("depth %d: jails %v", depth, res.Jails)
		}
	}
}

// TestParallelResolve checks that a configuration large enough to be
// resolved by several goroutines gives the same jails and warnings as
// resolving it in one.
func TestParallelResolve(t *testing.T) {
	var b strings.Builder
	b.WriteString("path = \"/j/$name\";\n* { $v = x; }\n")
	for i := 0; i < 3000; i++ {
		fmt.Fprintf(&b, "j%d { host.hostname = \"$name.$v\"; x = \"$undefined%d\"; }\n", i, i%7)
	}
	src := b.String()
	par := Load("big.conf", src, Options{})
	var seq *Result
	func() {
		l := &loader{opt: Options{Target: freebsd.Latest}, res: &Result{}}
		f := l.parse("big.conf", src)
		l.walk(f, f.Stmts, nil)
		// one worker: resolve each jail in order
		var wild, real []*record
		for i, r := range l.records {
			r.seq = i + 1
			r.pub = &Record{Name: r.name, Wild: wildName(r.name)}
			if wildName(r.name) {
				wild = append(wild, r)
			} else {
				real = append(real, r)
			}
		}
		var js jailState
		ix := wildIndexOf(wild)
		for _, r := range real {
			j, d := l.resolveJail(r, wild, ix, &js)
			l.res.Jails = append(l.res.Jails, j)
			l.res.Diags = append(l.res.Diags, d...)
		}
		seq = l.res
	}()
	var pe, se strings.Builder
	Exhibit(&pe, par.Jails, "|")
	Exhibit(&se, seq.Jails, "|")
	if pe.String() != se.String() {
		t.Fatal("parallel and sequential resolution differ")
	}
	if len(par.Diags) != len(seq.Diags) || len(par.Diags) != 3000 {
		t.Fatalf("diags: %d parallel, %d sequential", len(par.Diags), len(seq.Diags))
	}
	for i := range par.Diags {
		if par.Diags[i].Error() != seq.Diags[i].Error() {
			t.Fatalf("diag %d: %v vs %v", i, par.Diags[i], seq.Diags[i])
		}
	}
}

// TestProbes checks the hypothetical jails: one per distinct wildcard
// name and for the global record, named so that no real jail clashes,
// resolved after every record, and kept out of Jails and Diags.
func TestProbes(t *testing.T) {
	src := `sysvshm = new;
"web.*" { allow.sysvipc; path = "/j/$name"; }
jailfmt-probe { persist; }
* { exec.clean; }
"*.db" { $x = 1; }
web.a { allow.nosysvipc; }
`
	res := Load("p.conf", src, Options{Probes: true})
	if res.HasErrors() || len(res.Diags) != 0 {
		t.Fatalf("diags: %v", res.Diags)
	}
	if len(res.Jails) != 2 {
		t.Fatalf("jails: %d, want the 2 real ones", len(res.Jails))
	}
	var got []string
	for i, j := range res.Probes {
		if !j.Probe || j.Index != i || j.Record.Jails[0] != j {
			t.Errorf("probe %q: Probe=%v Index=%d", j.Name, j.Probe, j.Index)
		}
		var b strings.Builder
		b.WriteString(j.Name + ":")
		for _, p := range j.Params {
			fmt.Fprintf(&b, " %s=%q", p.Name, p.Texts())
		}
		got = append(got, b.String())
	}
	want := []string{
		`jailfmt-probe-1: name=["jailfmt-probe-1"] sysvshm=["new"] exec.clean=[]`,
		`web.jailfmt-probe-1: name=["web.jailfmt-probe-1"] sysvshm=["new"] allow.sysvipc=[] path=["/j/web.jailfmt-probe-1"] exec.clean=[]`,
		`jailfmt-probe-1.db: name=["jailfmt-probe-1.db"] sysvshm=["new"] exec.clean=[]`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("probes:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if res := Load("p.conf", src, Options{}); res.Probes != nil {
		t.Errorf("probes without Options.Probes: %d", len(res.Probes))
	}
}

// TestSysrootAndIncluders checks that absolute .include paths resolve
// under Options.Sysroot and that Result.Includers names the statement
// that read each file.
func TestSysrootAndIncluders(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "etc/jail.conf.d"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "etc/jail.conf.d/www.conf"), []byte("www { persist; }\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	main := filepath.Join(dir, "etc/jail.conf")
	src := "# mirrors /etc\n.include \"/etc/jail.conf.d/*.conf\";\n"
	res := Load(main, src, Options{Sysroot: dir})
	if res.HasErrors() || len(res.Files) != 2 || len(res.Jails) != 1 || res.Jails[0].Name != "www" {
		t.Fatalf("files %d, jails %v, diags %v", len(res.Files), res.Jails, res.Diags)
	}
	if len(res.Includers) != 2 || res.Includers[0].File != nil {
		t.Fatalf("includers %v", res.Includers)
	}
	if by := res.Includers[1]; by.File != res.Files[0] || by.Pos().Line != 2 {
		t.Errorf("www.conf included by %v", by)
	}
}

// TestIncludeGlobUpward: a glob through ".." matches (filepath.Glob
// cleans its results), as glob(3) does for jail(8).
func TestIncludeGlobUpward(t *testing.T) {
	dir := t.TempDir()
	for _, d := range []string{"hosts/h1", "frags"} {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "frags/www.conf"), []byte("www {}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	res := Load(filepath.Join(dir, "hosts/h1/jail.conf"), ".include \"../../frags/*.conf\";\n", Options{})
	if res.HasErrors() || len(res.Jails) != 1 {
		t.Fatalf("jails %v, diags %v", res.Jails, res.Diags)
	}
}
