package convert

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jailfmt/jailfmt/internal/golden"
	reader "github.com/jailfmt/jailfmt/parser/iocage"
	"github.com/jailfmt/jailfmt/resolve"
)

func loadIocage(t *testing.T, path, name string) *reader.Config {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	c, errs := reader.ParseJSON(name, string(src))
	if c == nil {
		t.Fatal(errs)
	}
	return c
}

// TestIocage converts each jail of testdata/convert/iocage (a thin
// config.json under the root's defaults.json) on a 14.1 host whose
// default-route interface is em0, and once more with that interface
// unknown; the golden holds the jail.conf, then the report.
func TestIocage(t *testing.T) {
	root := "../testdata/convert/iocage"
	defaults := loadIocage(t, root+"/defaults.json", "defaults.json")
	jails, _ := filepath.Glob(root + "/jails/*/config.json")
	if len(jails) == 0 {
		t.Fatal("no jails")
	}
	for _, path := range jails {
		name := filepath.Base(filepath.Dir(path))
		for _, iface := range []string{"em0", ""} {
			t.Run(name+"/"+iface, func(t *testing.T) {
				cfg := loadIocage(t, path, "jails/"+name+"/config.json")
				res, err := Iocage(cfg, defaults, IocageOptions{Name: name, IocRoot: "/zroot/iocage", Host: "14.1-RELEASE-p5", DefaultInterface: iface})
				if err != nil {
					t.Fatal(err)
				}
				var b strings.Builder
				b.WriteString(res.JailConf)
				b.WriteString("---- report\n")
				res.Report(&b)
				want := name + ".golden"
				if iface == "" {
					want = name + "-no-interface.golden"
				}
				golden.Check(t, filepath.Join(root, want), b.String())
			})
		}
	}
}

func TestIocageRoot(t *testing.T) {
	for _, c := range [][3]string{
		{"/zroot/iocage/jails/www/config.json", "/zroot/iocage", "www"},
		{"/zroot/iocage/jails/www", "/zroot/iocage", "www"},
		{"/zroot/iocage/templates/base/config.json", "/zroot/iocage", "base"},
		{"/tmp/config.json", "", ""},
	} {
		root, name, ok := IocageRoot(c[0])
		if root != c[1] || name != c[2] || ok != (c[1] != "") {
			t.Errorf("IocageRoot(%q) = %q, %q, %v", c[0], root, name, ok)
		}
	}
}

// TestToIocage turns each jail of testdata/convert/to-iocage/jail.conf
// into iocage settings: the iocage set line, the config.json patch and
// the items.
func TestToIocage(t *testing.T) {
	dir := "../testdata/convert/to-iocage"
	src, err := os.ReadFile(dir + "/jail.conf")
	if err != nil {
		t.Fatal(err)
	}
	r := resolve.Load("jail.conf", string(src), resolve.Options{})
	if len(r.Diags) > 0 || len(r.Jails) == 0 {
		t.Fatalf("%v", r.Diags)
	}
	// On 13.2 iocage does not pass allow.nfsd (it gates it on 13.3).
	for host, want := range map[string]string{"14.1-RELEASE": "want.golden", "13.2-RELEASE": "want-13.2.golden"} {
		var b strings.Builder
		for _, j := range r.Jails {
			ij := ToIocage(j, host)
			b.WriteString(ij.Command() + "\n")
			b.WriteString(ij.JSON())
			for _, it := range ij.Items {
				b.WriteString(it.String() + "\n")
			}
			b.WriteString("\n")
		}
		golden.Check(t, dir+"/"+want, b.String())
	}
}
