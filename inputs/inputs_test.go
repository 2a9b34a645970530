package inputs

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jailfmt/jailfmt/freebsd"
	"github.com/jailfmt/jailfmt/internal/golden"
	"github.com/jailfmt/jailfmt/resolve"
	"github.com/jailfmt/jailfmt/source"
)

// dump prints a loaded file's jails: every parameter with its values and
// where it came from (FILE:LINE:COL-LINE:COL KEY, or "default").
func dump(res *resolve.Result) string {
	var b strings.Builder
	for _, d := range res.Diags {
		fmt.Fprintln(&b, d.Error())
	}
	for _, f := range res.Files {
		fmt.Fprintf(&b, "file %s (%s)\n", f.Name, f.Format)
	}
	for _, j := range res.Jails {
		fmt.Fprintf(&b, "jail %s\n", j.Name)
		for _, p := range j.Params {
			from := "default"
			if len(p.Sources) > 0 {
				s := p.Sources[len(p.Sources)-1]
				o := s.Origin
				from = fmt.Sprintf("%s:%d:%d-%d:%d %s %q", s.File.Name, o.Span.Start.Line, o.Span.Start.Col,
					o.Span.End.Line, o.Span.End.Col, o.Key, s.File.Src[o.Span.Start.Offset:o.Span.End.Offset])
			}
			fmt.Fprintf(&b, "\t%s = %q  <- %s\n", p.Name, p.Texts(), from)
		}
	}
	return b.String()
}

func TestLoad(t *testing.T) {
	for _, tc := range []struct {
		path   string
		format source.Format
		golden string
	}{
		{"../testdata/iocage/root/iocage/jails/db/config.json", source.IocageJSON, "iocage-db"},
		{"../testdata/iocage/root/iocage/jails/web/config.json", source.IocageJSON, "iocage-web"},
		{"../testdata/iocage/root/iocage/templates/base/config.json", source.IocageJSON, "iocage-template"},
		{"../testdata/iocage/root/iocage/defaults.json", source.IocageJSON, "iocage-defaults"},
		{"../testdata/inputs/host/etc/rc.conf", source.RCConf, "rcconf"},
		{"../testdata/sysctl/legacy.sysctl", source.Sysctl, "sysctl"},
		{"../testdata/iocage/props/set-args.props", source.IocageProps, "iocage-props"},
	} {
		t.Run(tc.golden, func(t *testing.T) {
			src, err := os.ReadFile(tc.path)
			if err != nil {
				t.Fatal(err)
			}
			res := Load(tc.format, tc.path, string(src), resolve.Options{Target: freebsd.Release{Major: 14, Minor: 1}})
			golden.Check(t, filepath.Join("../testdata/inputs", tc.golden+".golden"), dump(res))
		})
	}
}

// TestOverlay: a staged defaults.json (a fix not yet written) is what the
// thin jail reads.
func TestOverlay(t *testing.T) {
	path := "../testdata/iocage/root/iocage/jails/db/config.json"
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	abs, _ := filepath.Abs("../testdata/iocage/root/iocage/defaults.json")
	res := Load(source.IocageJSON, path, string(src), resolve.Options{Overlay: map[string]string{abs: `{"sysvmsg": "disable"}`}})
	if len(res.Jails) != 1 || res.Jails[0].Param("sysvmsg") == nil || res.Jails[0].Param("sysvmsg").Texts()[0] != "disable" {
		t.Fatalf("overlay not read:\n%s", dump(res))
	}
}
