//go:build unix

package bench

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jailfmt/jailfmt/cmdlint"
	"github.com/jailfmt/jailfmt/inputs"
	"github.com/jailfmt/jailfmt/lint"
	"github.com/jailfmt/jailfmt/resolve"
	"github.com/jailfmt/jailfmt/source"
)

// bench/scale.sh writes its inputs through TestScaleInputs (the test
// binary reaches the test files' generators): -scale.dir DIR
// -scale.x 1|10 writes each input at that multiple of its base size.
var (
	scaleDir = flag.String("scale.dir", "", "write bench/scale.sh's inputs into this folder (TestScaleInputs)")
	scaleX   = flag.Int("scale.x", 1, "multiple of the base sizes that -scale.dir gets")
)

// scaleInput is one input of bench/scale.sh: its folder under the
// output folder, the format its main file is read as, that file's path
// ("": the input is a tree that only the script reads), its base size
// and its files at size n.
type scaleInput struct {
	dir    string
	format source.Format
	main   string
	base   int
	files  func(n int) map[string]string
}

// one is a single-file input.
func one(name string, gen func(int) string) func(int) map[string]string {
	return func(n int) map[string]string { return map[string]string{name: gen(n)} }
}

var scaleInputs = []scaleInput{
	{"conf", source.JailConf, "jail.conf", 2000, one("jail.conf", Generate)},
	{"untidy", source.JailConf, "jail.conf", 2000, one("jail.conf", func(n int) string { return untidy(Generate(n)) })},
	{"includes", source.JailConf, "jail.conf", 200, Includes},
	{"iocage", source.IocageJSON, "iocage/jails/j0/config.json", 1000, IocageTree},
	{"iocage-props", source.IocageJSON, "iocage/jails/db/config.json", 2000, one("iocage/jails/db/config.json", genIocage)},
	{"iocage-deep", source.IocageJSON, "iocage/jails/db/config.json", 300, one("iocage/jails/db/config.json", IocageDeep)},
	{"iocage-list", source.IocageProps, "db.props", 2000, one("db.props", IocageProps)},
	{"rcconf", source.RCConf, "rc.conf", 2000, one("rc.conf", genRCConf)},
	{"ezjail", source.RCConf, "", 1000, func(n int) map[string]string {
		files := map[string]string{"rc.conf": "ezjail_enable=\"YES\"\njail_sysvipc_allow=\"YES\"\n"}
		for name, text := range Ezjail(n) {
			files["ezjail/"+name] = text
		}
		return files
	}},
	{"sysctl", source.Sysctl, "sysctl.conf", 20000, one("sysctl.conf", genSysctl)},
	{"sh", source.Shell, "jails.sh", 2000, one("jails.sh", Shell)},
	{"markdown", source.Markdown, "README.md", 1000, one("README.md", Markdown)},
	{"host", source.RCConf, "", 1000, host},
	{"nested", source.JailConf, "jail.conf", 300, one("jail.conf", Nested)},
	{"long-value", source.JailConf, "jail.conf", 100_000, one("jail.conf", LongValue)},
	{"many-values", source.JailConf, "jail.conf", 100_000, one("jail.conf", ManyValues)},
	{"var-chain", source.JailConf, "jail.conf", 1000, one("jail.conf", VarChain)},
	{"wildcards", source.JailConf, "jail.conf", 1000, one("jail.conf", Wildcards)},
	{"long-line", source.JailConf, "jail.conf", 100_000, one("jail.conf", LongLine)},
}

// host is a whole host tree for migrate: jail.conf, rc.conf legacy
// jails (named r…, apart from jail.conf's c…), sysctl.conf, an iocage
// root and ezjail's files, each with legacy settings.
func host(n int) map[string]string {
	files := map[string]string{
		"etc/jail.conf":   strings.ReplaceAll(Generate(n), "\nj", "\nc"),
		"etc/rc.conf":     strings.NewReplacer("jail_j", "jail_r", "\"j", "\"r", " j", " r").Replace(genRCConf(n / 4)),
		"etc/sysctl.conf": genSysctl(n),
	}
	for name, text := range IocageTree(n / 4) {
		files["zroot/"+name] = text
	}
	for name, text := range Ezjail(n / 4) {
		files["usr/local/etc/ezjail/e"+name] = strings.ReplaceAll(text, "jail_j", "jail_ej")
	}
	return files
}

// writeScale writes every input at x times its base size divided by div
// into dir.
func writeScale(t *testing.T, dir string, x, div int) {
	for _, in := range scaleInputs {
		for name, text := range in.files(max(in.base*x/div, 1)) {
			p := filepath.Join(dir, in.dir, name)
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// TestScaleInputs writes bench/scale.sh's inputs when -scale.dir is
// set; otherwise it writes them at a hundredth of their size and checks
// that each main file loads without errors and lints with findings (the
// legacy settings every generator puts in), so the script measures the
// commands' work, not an early error.
func TestScaleInputs(t *testing.T) {
	if *scaleDir != "" {
		writeScale(t, *scaleDir, *scaleX, 1)
		return
	}
	dir := t.TempDir()
	writeScale(t, dir, 1, 100)
	for _, in := range scaleInputs {
		if in.main == "" {
			continue
		}
		p := filepath.Join(dir, in.dir, in.main)
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		var diags []*lint.Diagnostic
		if in.format == source.Shell || in.format == source.Markdown {
			f := source.New(p, string(src), in.format)
			s, errs := cmdlint.Read(f)
			if len(errs) > 0 {
				t.Errorf("%s: %v", in.dir, errs)
				continue
			}
			diags = cmdlint.Lint(f, s, lint.Options{}, nil).Diags
		} else {
			res := inputs.Load(in.format, p, string(src), resolve.Options{})
			if res.HasErrors() {
				t.Errorf("%s: %v", in.dir, res.Diags)
				continue
			}
			diags = lint.Run(res, lint.Options{}, nil)
		}
		if len(diags) == 0 {
			t.Errorf("%s: no findings", in.dir)
		}
	}
}
