package fix

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"weak"

	"github.com/jailfmt/jailfmt/resolve"
)

func exhibit(t *testing.T, res *resolve.Result) string {
	t.Helper()
	var b strings.Builder
	if err := resolve.Exhibit(&b, res.Jails, "\t"); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestReleasedConfigLoadsAsFirstRead lets a configuration's loaded form
// go, as a fix run does, changes the included file on disk, and asks for
// it again: it is loaded again from the texts first read, jail for jail.
func TestReleasedConfigLoadsAsFirstRead(t *testing.T) {
	dir := t.TempDir()
	root, inc := filepath.Join(dir, "jail.conf"), filepath.Join(dir, "common.inc")
	if err := os.WriteFile(inc, []byte("allow.sysvipc;\nhost.hostname = $name;\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	text := ".include \"" + inc + "\";\na { $name = a.example; path = /j/a; }\nb { path = /j/b; }\n"
	opts := resolve.Options{Probes: true}
	res := resolve.Load(root, text, opts)
	if res.HasErrors() || len(res.Files) != 2 {
		t.Fatalf("diags %v, %d files", res.Diags, len(res.Files))
	}
	want := exhibit(t, res)
	c := NewConfig(root, res, opts)
	c.release()
	if c.Result() != res {
		t.Error("released, but still held: Result loaded it again")
	}
	first := weak.Make(res)
	res = nil
	runtime.GC()
	if first.Value() != nil {
		t.Fatal("still held after release")
	}
	if err := os.WriteFile(inc, []byte("sysvshm = new;\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	again := c.Result()
	if got := exhibit(t, again); got != want {
		t.Errorf("loaded again:\n%s\nwant (as first read):\n%s", got, want)
	}
	if len(again.Files) != 2 || again.Files[1].Src != "allow.sysvipc;\nhost.hostname = $name;\n" {
		t.Errorf("files %v", again.Files)
	}
}

// TestPrints: a value list survives its print, empty values included,
// and a different list does not compare the same.
func TestPrints(t *testing.T) {
	res := resolve.Load("t.conf", "a { ip4.addr = 192.0.2.1, \"\", 192.0.2.3; persist; path = /j; }\n", resolve.Options{})
	j := res.Jails[0]
	p := printOf(j)
	for _, q := range j.Params {
		var pp paramPrint
		for _, x := range p.params {
			if x.name == q.Name {
				pp = x
			}
		}
		if got, want := strings.Join(pp.texts(), "|"), strings.Join(q.Texts(), "|"); got != want || len(pp.texts()) != len(q.Texts()) {
			t.Errorf("%s: texts %q, want %q", q.Name, pp.texts(), q.Texts())
		}
		if !pp.same(q.Values) {
			t.Errorf("%s: not the same as itself", q.Name)
		}
		if pp.same(append(q.Values[:len(q.Values):len(q.Values)], resolve.Value{Text: "x"})) {
			t.Errorf("%s: the same as a longer list", q.Name)
		}
	}
}
