package cmdlint

import (
	"fmt"
	"strings"
	"testing"

	"github.com/jailfmt/jailfmt/internal/golden"
	"github.com/jailfmt/jailfmt/lint"
	"github.com/jailfmt/jailfmt/source"
)

// file returns a test input as a source file of its format.
func file(path, src string) *source.File {
	if strings.HasSuffix(path, ".md") {
		return source.New(path, src, source.Markdown)
	}
	return source.New(path, src, source.Shell)
}

// describe renders diagnostics one a line, with their fix edits.
func describe(f *source.File, diags []*lint.Diagnostic) string {
	var b strings.Builder
	for _, d := range diags {
		fmt.Fprintf(&b, "%d:%d-%d:%d %s %s [%s] %s\n", d.Pos.Line, d.Pos.Col, d.End.Line, d.End.Col, d.Rule.ID, d.Rule.Name, d.Severity, d.Message)
		if d.Fix != nil {
			for _, e := range d.Fix.Edits {
				fmt.Fprintf(&b, "\tfix %q: %q -> %q\n", d.Fix.Message, f.Src[e.Start:e.End], e.New)
			}
		}
	}
	return b.String()
}

// TestLint lints every script and Markdown reader input: the findings
// (.lint) and the file after Fix (.lint-fixed), whose own findings must
// have no fix left.
func TestLint(t *testing.T) {
	seen := map[*lint.Rule]bool{}
	for _, pattern := range []string{"../testdata/shell/*.sh", "../testdata/markdown/*.md"} {
		golden.Each(t, pattern, func(t *testing.T, path, base, src string) {
			f := file(path, src)
			s, errs := Read(f)
			if len(errs) > 0 && !strings.HasSuffix(path, ".md") {
				t.Fatal(errs)
			}
			diags := Lint(f, s, lint.Options{}, nil).Diags
			for _, d := range diags {
				seen[d.Rule] = true
			}
			golden.Check(t, base+".lint", describe(f, diags))
			fixed, err := Fix(f, lint.Options{}, nil)
			if err != nil {
				t.Fatal(err)
			}
			golden.Check(t, base+".lint-fixed", fixed)
			g := file(path, fixed)
			s, _ = Read(g)
			for _, d := range Lint(g, s, lint.Options{}, nil).Diags {
				if d.Fix != nil {
					t.Errorf("after Fix, %d:%d %s still has a fix", d.Pos.Line, d.Pos.Col, d.Rule.ID)
				}
			}
		})
	}
	for _, r := range lint.Rules() {
		if lint.IsCommandLine(r) && !seen[r] {
			t.Errorf("no script in testdata/shell or testdata/markdown makes %s %s report", r.ID, r.Name)
		}
	}
}
