package inputs

import (
	"testing"

	"github.com/jailfmt/jailfmt/fix"
	"github.com/jailfmt/jailfmt/internal/golden"
	"github.com/jailfmt/jailfmt/lint"
	"github.com/jailfmt/jailfmt/resolve"
	"github.com/jailfmt/jailfmt/source"
)

// fuzzFormats are the formats FuzzLintFix reads each input as, with the
// name it is read under.
var fuzzFormats = []struct {
	format source.Format
	name   string
}{
	{source.IocageJSON, "/nonexistent/iocage/jails/x/config.json"},
	{source.IocageJSON, "/nonexistent/iocage/defaults.json"},
	{source.RCConf, "rc.conf"},
	{source.Sysctl, "sysctl.conf"},
}

// FuzzLintFix loads any input in each format, lints it and fixes it
// through the fix driver: never a panic, every finding inside its file,
// and a fixed text that loads again without errors. Seeds: the iocage,
// rc.conf and sysctl.conf test files.
func FuzzLintFix(f *testing.F) {
	golden.Seed(f, golden.Glob("../testdata/iocage/root/iocage/*/*/config.json", "../testdata/iocage/root/iocage/defaults.json",
		"../testdata/lint/*.json", "../testdata/lint/*.rc", "../testdata/lint/*.sysctl", "../testdata/sysctl/*.sysctl", "../testdata/inputs/host/etc/*")...)
	f.Fuzz(func(t *testing.T, src string) {
		for _, ff := range fuzzFormats {
			ro := resolve.Options{Reader: Reader(ff.format)}
			res := resolve.Load(ff.name, src, ro)
			if res.HasErrors() {
				continue
			}
			for _, d := range lint.Run(res, lint.Options{}, nil) {
				if d.Source == nil || d.Pos.Offset < 0 || d.Pos.Offset > d.End.Offset || d.End.Offset > len(d.Source.Src) ||
					d.Source.Position(d.Pos.Offset) != d.Pos {
					t.Fatalf("%s: %s finding outside its file: %+v-%+v", ff.name, d.Rule.ID, d.Pos, d.End)
				}
			}
			out := fix.Run(&fix.Job{Configs: []*fix.Config{fix.NewConfig(ff.name, res, ro)}})
			for _, file := range out.Files {
				if file.Name != ff.name {
					t.Fatalf("%s: a fix edited %s", ff.name, file.Name)
				}
				if again := resolve.Load(ff.name, file.New, ro); again.HasErrors() {
					t.Fatalf("%s: the fixed text does not load: %v\n%s", ff.name, again.Diags, file.New)
				}
			}
		}
	})
}
