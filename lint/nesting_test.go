package lint_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/jailfmt/jailfmt/lint"
	"github.com/jailfmt/jailfmt/resolve"
)

// nested returns a configuration of depth jails, each nested in the one
// before, each with children.max and a legacy allow.sysvipc.
func nested(depth int) string {
	var b strings.Builder
	for i := 0; i < depth; i++ {
		b.WriteString("a { children.max = 1; allow.sysvipc;\n")
	}
	b.WriteString(strings.Repeat("}\n", depth))
	return b.String()
}

// BenchmarkNested is every lint rule over deeply nested jails, loaded
// once: each pass must stay linear in the nesting depth.
func BenchmarkNested(b *testing.B) {
	for _, depth := range []int{5000, 20000} {
		b.Run(fmt.Sprintf("depth=%d", depth), func(b *testing.B) {
			res := resolve.Load("nested.conf", nested(depth), resolve.Options{Probes: true})
			if res.HasErrors() || len(res.Jails) != depth {
				b.Fatalf("%d jails, %v", len(res.Jails), res.Diags)
			}
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				lint.Run(res, lint.Options{}, nil)
			}
		})
	}
}

// TestNestedChildren checks children-unused on nested jails: only the
// innermost jail, which has no child, is reported.
func TestNestedChildren(t *testing.T) {
	res := resolve.Load("nested.conf", nested(50), resolve.Options{})
	var got []string
	for _, d := range lint.Run(res, lint.Options{}, func(r *lint.Rule) bool { return r.ID == "JF3007" }) {
		got = append(got, fmt.Sprint(d.Pos.Line))
	}
	if strings.Join(got, ",") != "50" {
		t.Errorf("children-unused on lines %v, want 50 only", got)
	}
}
