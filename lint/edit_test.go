package lint_test

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/jailfmt/jailfmt/freebsd"
	"github.com/jailfmt/jailfmt/internal/golden"
	"github.com/jailfmt/jailfmt/lint"
	"github.com/jailfmt/jailfmt/resolve"
)

// TestEdits applies the fixes of each testdata/lint/ID-*.conf (rule ID
// only) as the bare text edits the rules return, to a fixpoint and
// without formatting, and compares the main file with NAME.edited: the
// bytes a fix writes and every byte it leaves alone.
func TestEdits(t *testing.T) {
	files, _ := filepath.Glob("../testdata/lint/*.conf")
	for _, name := range files {
		base := strings.TrimSuffix(name, ".conf")
		id, _, _ := strings.Cut(filepath.Base(base), "-")
		r := lint.Lookup(id)
		if r == nil || !r.Fixable {
			continue
		}
		t.Run(filepath.Base(base), func(t *testing.T) {
			b, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			src := string(b)
			opts := lint.Options{}
			if _, rest, ok := strings.Cut(src, "# target: "); ok {
				rel, _, _ := strings.Cut(rest, "\n")
				if opts.Target, err = freebsd.ParseRelease(rel); err != nil {
					t.Fatal(err)
				}
			}
			// "# probes: off" judges the fixes on today's jails only.
			ro := resolve.Options{Target: opts.Target, Probes: !strings.Contains(src, "# probes: off")}
			out := src
			for round := 0; round < 10; round++ {
				res := resolve.Load(name, out, ro)
				if res.HasErrors() {
					t.Fatalf("round %d does not load: %v\n%s", round, res.Diags, out)
				}
				next, n := applyEdits(out, name, lint.Run(res, opts, func(x *lint.Rule) bool { return x == r }))
				if n == 0 {
					break
				}
				out = next
			}
			if out == src {
				if _, err := os.Stat(base + ".edited"); err == nil {
					t.Errorf("%s exists but the fixes change nothing", base+".edited")
				}
				return
			}
			golden.Check(t, base+".edited", out)
		})
	}
}

// applyEdits applies to src (the file name) every fix whose edits do not
// overlap an earlier one's, as the fix driver does (an identical edit
// counts once), and returns the new text and the number of fixes.
func applyEdits(src, name string, diags []*lint.Diagnostic) (string, int) {
	var taken []lint.Edit
	n := 0
	for _, d := range diags {
		if d.Fix == nil || len(d.Fix.Edits) == 0 {
			continue
		}
		var add []lint.Edit
		ok := true
		for _, e := range d.Fix.Edits {
			if e.File.Name != name {
				ok = false // edits of included files are not shown here
				break
			}
			dup := false
			for _, s := range taken {
				if s == e {
					dup = true
					break
				}
				if e.Start < s.End && s.Start < e.End || e.Start == s.Start {
					ok = false
				}
			}
			if !dup {
				add = append(add, e)
			}
		}
		if !ok {
			continue
		}
		taken = append(taken, add...)
		n++
	}
	sort.SliceStable(taken, func(i, j int) bool { return taken[i].Start < taken[j].Start })
	var b strings.Builder
	prev := 0
	for _, e := range taken {
		b.WriteString(src[prev:e.Start])
		b.WriteString(e.New)
		prev = e.End
	}
	b.WriteString(src[prev:])
	return b.String(), n
}

// TestExamplesFixed checks that what explain shows as a fixable rule's
// good example is what its fix writes for the bad example (with
// --harden for the rules that fix only then).
func TestExamplesFixed(t *testing.T) {
	for _, r := range lint.Rules() {
		if !r.Fixable {
			continue
		}
		res := resolve.Load("example.conf", r.Bad, resolve.Options{Probes: true})
		sel := func(x *lint.Rule) bool { return x == r }
		out, n := applyEdits(r.Bad, "example.conf", lint.Run(res, lint.Options{}, sel))
		if n == 0 {
			out, _ = applyEdits(r.Bad, "example.conf", lint.Run(res, lint.Options{Harden: true}, sel))
		}
		if out != r.Good {
			t.Errorf("%s: the fix of the bad example gives\n%s\nbut the good example is\n%s", r.ID, out, r.Good)
		}
	}
}
