// Package format formats jail.conf source canonically and proves, before
// handing the result back, that it means the same: it re-parses the
// output, checks that formatting it again changes nothing, that every
// comment survived, and that every jail resolves to the same parameters.
package format

import (
	"fmt"
	"slices"
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
// resolution of the formatted text. f and want are only read before the
// formatted text is parsed: what they mean is taken first, so that the
// caller may drop them and both versions of a large file are never held
// at once.
func CheckAgainst(f *parser.File, out string, opt Options, want *resolve.Result) (*resolve.Result, error) {
	po := parser.Options{Legacy: opt.Target.Legacy()}
	ro := resolve.Options{Target: opt.Target, Stdin: opt.Stdin, Overlay: opt.Overlay, ReadFile: opt.ReadFile}
	comments := commentTexts(f)
	if want == nil {
		want = resolve.Resolve(f, ro)
	}
	before := meaningOf(want)
	g, errs := parser.Parse(f.Name, out, po)
	if g == nil {
		return nil, fmt.Errorf("the formatted text does not parse: %v", errs[0])
	}
	if again := parser.Format(g); again != out {
		return nil, fmt.Errorf("formatting is not idempotent")
	}
	if commentTexts(g) != comments {
		return nil, fmt.Errorf("a comment would be lost or changed")
	}
	got := resolve.Resolve(g, ro)
	if !meaningOf(got).equal(before) {
		return nil, fmt.Errorf("a jail would resolve differently")
	}
	return got, nil
}

// meaning is what a configuration means, independent of layout: every
// jail's name, whether it fails, its parameters (jid included) and their
// values, and the file, kind and message of every diagnostic (without
// positions). It keeps no AST. words holds the strings in that order and
// shape the structure around them (per jail: failed, parameter count,
// then each parameter's value count; then the diagnostic count), so two
// meanings are equal exactly when both slices are.
type meaning struct {
	words []string
	shape []int
}

func meaningOf(r *resolve.Result) meaning {
	var m meaning
	for _, j := range r.Jails {
		failed := 0
		if j.Failed {
			failed = 1
		}
		m.words = append(m.words, j.Name)
		m.shape = append(m.shape, failed, len(j.Params))
		for _, p := range j.Params {
			m.words = append(m.words, p.Name)
			m.shape = append(m.shape, len(p.Values))
			for _, v := range p.Values {
				m.words = append(m.words, v.Text)
			}
		}
	}
	m.shape = append(m.shape, len(r.Diags))
	for _, d := range r.Diags {
		kind := "error"
		if d.Warning {
			kind = "warning"
		}
		m.words = append(m.words, d.File, kind, d.Msg)
	}
	return m
}

func (m meaning) equal(o meaning) bool {
	return slices.Equal(m.words, o.words) && slices.Equal(m.shape, o.shape)
}

func commentTexts(f *parser.File) string {
	var t []string
	for _, c := range f.Comments {
		t = append(t, strings.TrimRight(strings.ReplaceAll(c.Text, "\r\n", "\n"), " \t\r\v\f"))
	}
	sort.Strings(t)
	return strings.Join(t, "\x00")
}
