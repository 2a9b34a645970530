package bench

import (
	"fmt"
	"testing"

	"github.com/jailfmt/jailfmt/lint"
	"github.com/jailfmt/jailfmt/resolve"
)

// TestWildcardsLarge resolves and lints bench/scale.sh's wildcard shape
// at a size resolved by several goroutines: every jail gets
// allow.sysvipc from its own "gI.*" block and from no other, and every
// block gets the same finding and fix as the first (what each block
// reaches is one jail and one probe, found through resolve.WildIndex).
func TestWildcardsLarge(t *testing.T) {
	const n = 3000
	res := resolve.Load("w.conf", Wildcards(n), resolve.Options{Probes: true})
	if len(res.Diags) > 0 || len(res.Jails) != n || len(res.Probes) != n {
		t.Fatalf("%d jails, %d probes, diags %v", len(res.Jails), len(res.Probes), res.Diags)
	}
	for i, j := range res.Jails {
		p := j.Param("allow.sysvipc")
		if j.Name != fmt.Sprintf("g%d.j", i) || p == nil || len(p.Sources) != 1 || p.Sources[0].Stmt.Pos().Line != 3*i+2 {
			t.Fatalf("jail %s: allow.sysvipc %+v, want it from line %d alone", j.Name, p, 3*i+2)
		}
	}
	diags := lint.Run(res, lint.Options{}, nil)
	if len(diags) != n {
		t.Fatalf("%d findings, want %d", len(diags), n)
	}
	first := fixText(diags[0])
	for i, d := range diags {
		if d.Rule.ID != "JF2001" || d.Pos.Line != 3*i+2 || d.Fix == nil || fixText(d) != first {
			t.Fatalf("finding %d: %s at line %d, fix %q; want JF2001 at line %d, fix %q", i, d.Rule.ID, d.Pos.Line, fixText(d), 3*i+2, first)
		}
	}
}

func fixText(d *lint.Diagnostic) string {
	if d.Fix == nil {
		return ""
	}
	s := ""
	for _, e := range d.Fix.Edits {
		s += fmt.Sprintf("%d:%q;", e.End-e.Start, e.New)
	}
	return s
}

// TestVarChainLarge resolves bench/scale.sh's variable chain at a size
// where the jail's parameters are looked up through resolve's indexes:
// the last variable still holds the first one's value.
func TestVarChainLarge(t *testing.T) {
	res := resolve.Load("v.conf", VarChain(5000), resolve.Options{})
	if len(res.Diags) > 0 || len(res.Jails) != 1 {
		t.Fatalf("%d jails, diags %v", len(res.Jails), res.Diags)
	}
	if p := res.Jails[0].Param("path"); p == nil || len(p.Values) != 1 || p.Values[0].Text != "/usr/jails/j" {
		t.Fatalf("path = %+v, want /usr/jails/j", p)
	}
}
