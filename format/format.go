// Package format formats jail.conf source canonically and proves, before
// handing the result back, that it means the same: it re-parses the
// output, checks that formatting it again changes nothing, that every
// comment survived, and that every jail resolves to the same parameters.
package format

import (
	"fmt"
	"sort"
	"strings"

	"github.com/jailfmt/jailfmt/freebsd"
	"github.com/jailfmt/jailfmt/parser"
	"github.com/jailfmt/jailfmt/resolve"
)

// Options control formatting.
type Options struct {
	Target freebsd.Release
	Stdin  bool // the source came from standard input (for .include paths)
	// Overlay holds file contents to use instead of the disk for
	// included files (absolute path to content).
	Overlay map[string]string
	// ReadFile reads included files (see resolve.Options.ReadFile).
	ReadFile func(name string) ([]byte, error)
}

// Source formats src (read from the file called name). On a syntax error
// it returns the diagnostics and an error, and no output.
func Source(name, src string, opt Options) (string, []*parser.Error, error) {
	if opt.Target == (freebsd.Release{}) {
		opt.Target = freebsd.Latest
	}
	po := parser.Options{Legacy: opt.Target.Legacy()}
	f, diags := parser.Parse(name, src, po)
	if f == nil {
		return "", diags, fmt.Errorf("%s: not formatted: it does not parse", name)
	}
	out := parser.Format(f)
	if out == src {
		return out, diags, nil
	}
	if err := Check(f, out, opt); err != nil {
		return "", diags, fmt.Errorf("%s: not formatted: %v (this is a jailfmt bug; please report it)", name, err)
	}
	return out, diags, nil
}

// Check verifies that out, the formatted text of f, parses, is stable
// under formatting, keeps every comment and resolves every jail (and
// every warning) exactly as f does.
func Check(f *parser.File, out string, opt Options) error {
	_, err := CheckAgainst(f, out, opt, nil)
	return err
}

// CheckAgainst is Check comparing with want, an existing resolution of
// f, instead of resolving f again (nil: resolve it). It returns the
// resolution of the formatted text.
func CheckAgainst(f *parser.File, out string, opt Options, want *resolve.Result) (*resolve.Result, error) {
	po := parser.Options{Legacy: opt.Target.Legacy()}
	g, errs := parser.Parse(f.Name, out, po)
	if g == nil {
		return nil, fmt.Errorf("the formatted text does not parse: %v", errs[0])
	}
	if again := parser.Format(g); again != out {
		return nil, fmt.Errorf("formatting is not idempotent")
	}
	if a, b := commentTexts(f), commentTexts(g); a != b {
		return nil, fmt.Errorf("a comment would be lost or changed")
	}
	ro := resolve.Options{Target: opt.Target, Stdin: opt.Stdin, Overlay: opt.Overlay, ReadFile: opt.ReadFile}
	if want == nil {
		want = resolve.Resolve(f, ro)
	}
	got := resolve.Resolve(g, ro)
	if Semantics(want) != Semantics(got) {
		return nil, fmt.Errorf("a jail would resolve differently")
	}
	return got, nil
}

func commentTexts(f *parser.File) string {
	var t []string
	for _, c := range f.Comments {
		t = append(t, strings.TrimRight(strings.ReplaceAll(c.Text, "\r\n", "\n"), " \t\r\v\f"))
	}
	sort.Strings(t)
	return strings.Join(t, "\x00")
}

// Semantics renders what a configuration means, independent of layout:
// every jail's parameters and values, whether it fails, and the messages
// of all diagnostics (without positions).
func Semantics(r *resolve.Result) string {
	var b strings.Builder
	b.WriteString(resolve.ExhibitJSON(r.Jails))
	for _, d := range r.Diags {
		fmt.Fprintf(&b, "%s %v %s\n", d.File, d.Warning, d.Msg)
	}
	return b.String()
}
