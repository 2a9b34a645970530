package lint_test

import (
	"strings"
	"testing"

	"github.com/jailfmt/jailfmt/cmdlint"
	"github.com/jailfmt/jailfmt/freebsd"
	"github.com/jailfmt/jailfmt/inputs"
	"github.com/jailfmt/jailfmt/lint"
	"github.com/jailfmt/jailfmt/resolve"
	"github.com/jailfmt/jailfmt/source"
)

// exampleName is the file name each format's examples are read as (an
// iocage config in no iocage root).
var exampleName = map[source.Format]string{
	source.JailConf:   "example.conf",
	source.IocageJSON: "/nonexistent/jails/example/config.json",
	source.RCConf:     "rc.conf",
	source.Sysctl:     "sysctl.conf",
	source.Shell:      "example.sh",
}

// runExample lints an example in its rule's format with only that rule:
// a shell script through cmdlint, any other input through its loader.
func runExample(t *testing.T, r *lint.Rule, kind, src string, only func(*lint.Rule) bool) []*lint.Diagnostic {
	opts := exampleOptions(t, src)
	if r.Format == source.Shell {
		f := source.New(exampleName[r.Format], src+"\n", source.Shell)
		s, errs := cmdlint.Read(f)
		if len(errs) > 0 {
			t.Errorf("%s example does not parse: %v", kind, errs)
		}
		return cmdlint.Lint(f, s, opts, only).Diags
	}
	res := inputs.Load(r.Format, exampleName[r.Format], src+"\n", resolve.Options{Target: opts.Target})
	for _, d := range res.Diags {
		if !d.Warning {
			t.Errorf("%s example does not load: %v", kind, d)
		}
	}
	return lint.Run(res, opts, only)
}

// exampleOptions reads the options an example states in its first line,
// "# --target 13.2" (the only flag examples use).
func exampleOptions(t *testing.T, src string) lint.Options {
	var opts lint.Options
	first, _, _ := strings.Cut(src, "\n")
	if rel, ok := strings.CutPrefix(first, "# --target "); ok {
		tg, err := freebsd.ParseRelease(rel)
		if err != nil {
			t.Fatalf("example's %q: %v", first, err)
		}
		opts.Target = tg
	}
	return opts
}

// TestRuleExamples runs every rule's documented examples with only that
// rule selected: the Bad one must produce its finding, the Good one none.
func TestRuleExamples(t *testing.T) {
	for _, r := range lint.Rules() {
		r := r
		t.Run(r.ID, func(t *testing.T) {
			only := func(x *lint.Rule) bool { return x == r }
			for _, ex := range []struct {
				kind, src string
				want      bool
			}{{"Bad", r.Bad, true}, {"Good", r.Good, false}} {
				if lint.IsCommandLine(r) != strings.HasPrefix(ex.src, "#!/bin/sh\n") {
					t.Errorf("%s example: a command-line rule's examples, and only theirs, are shell scripts", ex.kind)
				}
				diags := runExample(t, r, ex.kind, ex.src, only)
				if got := len(diags) > 0; got != ex.want {
					var msgs []string
					for _, d := range diags {
						msgs = append(msgs, d.Message)
					}
					t.Errorf("%s example:\n%s\nreports %d %s findings, want %s: %q", ex.kind, ex.src, len(diags), r.ID,
						map[bool]string{true: "some", false: "none"}[ex.want], msgs)
				}
			}
		})
	}
}
