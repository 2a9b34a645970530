package convert

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jailfmt/jailfmt/internal/golden"
	"github.com/jailfmt/jailfmt/parser/rcconf"
)

// TestGolden converts each folder under testdata/convert/: its rc.conf,
// rc.conf.local and rc.conf.d/jail (sourced in that order) and, when it
// has an ezjail/ folder, the ezjail files in it. A "readable" file lists
// the host paths that exist. The golden file holds the jail.conf, then
// the report.
func TestGolden(t *testing.T) {
	dirs, _ := filepath.Glob("../testdata/convert/*")
	if len(dirs) == 0 {
		t.Fatal("no test folders")
	}
	for _, dir := range dirs {
		if base := filepath.Base(dir); base == "iocage" || base == "to-iocage" {
			continue // TestIocage, TestToIocage
		}
		t.Run(filepath.Base(dir), func(t *testing.T) {
			read := func(path string) *rcconf.File {
				b, err := os.ReadFile(filepath.Join(dir, path))
				if err != nil {
					return nil
				}
				f, err := rcconf.Parse(path, string(b))
				if err != nil {
					t.Fatal(err)
				}
				return f
			}
			var rc []*rcconf.File
			for _, p := range []string{"rc.conf", "rc.conf.local", "rc.conf.d/jail"} {
				if f := read(p); f != nil {
					rc = append(rc, f)
				}
			}
			readable := map[string]bool{}
			if b, err := os.ReadFile(filepath.Join(dir, "readable")); err == nil {
				for _, l := range strings.Fields(string(b)) {
					readable[l] = true
				}
			}
			opt := Options{Readable: func(p string) bool { return readable[p] }}
			var res *Result
			var err error
			if ez, _ := filepath.Glob(filepath.Join(dir, "ezjail", "*")); len(ez) > 0 {
				var jails []*rcconf.File
				for _, p := range ez {
					jails = append(jails, read(filepath.Join("ezjail", filepath.Base(p))))
				}
				res, err = Ezjail(jails, rc, opt)
			} else {
				res, err = RCConf(rc, opt)
			}
			if err != nil {
				t.Fatal(err)
			}
			var b strings.Builder
			b.WriteString(res.JailConf)
			b.WriteString("---- report\n")
			res.Report(&b)
			golden.Check(t, filepath.Join(dir, "want.golden"), b.String())
		})
	}
}

func TestJailName(t *testing.T) {
	for _, c := range [][3]string{
		{"www", "www", "www"},
		{"www.example.org", "www_example_org", "www_example_org"},
		{"a/b-c", "a_b-c", "a_b_c"},
	} {
		if j, jv := jailName(c[0]); j != c[1] || jv != c[2] {
			t.Errorf("jailName(%q) = %q, %q; want %q, %q", c[0], j, jv, c[1], c[2])
		}
	}
}
