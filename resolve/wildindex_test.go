package resolve

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// TestWildIndexMatches checks that the index finds exactly the patterns
// wild_jail_match accepts, in order, for every pair of a set of names
// and patterns that includes the edge cases (empty components, a "*"
// inside a component, names with fewer or more components).
func TestWildIndexMatches(t *testing.T) {
	comps := []string{"*", "a", "b", "", "a*", "no"}
	var pats []string
	for _, x := range comps {
		pats = append(pats, x)
		for _, y := range comps {
			pats = append(pats, x+"."+y)
			for _, z := range comps {
				pats = append(pats, x+"."+y+"."+z)
			}
		}
	}
	var names []string
	for _, p := range pats {
		names = append(names, strings.ReplaceAll(p, "*", "c"), p)
	}
	ix := NewWildIndex(pats)
	for _, j := range names {
		var want []int
		for i, w := range pats {
			if wildMatch(j, w) {
				want = append(want, i)
			}
		}
		if got := ix.Matches(j, nil); !slices.Equal(got, want) {
			t.Errorf("Matches(%q) = %v, want %v", j, got, want)
		}
	}
}

// TestWildIndexLinear resolves n jails "gI.j", each matched by one of
// n wildcard blocks "gI.*" and by the global record, and counts the
// patterns tried: one index lookup per jail and probe tries only the
// patterns that can match, so 10 times the jails means 10 times the
// tries (trying every pattern on every jail, as jail(8) does, is n²).
// Below 2000 jails the resolver runs on one goroutine.
func TestWildIndexLinear(t *testing.T) {
	tries := func(n int) int {
		var b strings.Builder
		b.WriteString("persist;\n")
		for i := 0; i < n; i++ {
			fmt.Fprintf(&b, "\"g%d.*\" { allow.sysvipc; }\n", i)
		}
		for i := 0; i < n; i++ {
			fmt.Fprintf(&b, "g%d.j { path = \"/j/$name\"; }\n", i)
		}
		count := 0
		wildTries = &count
		defer func() { wildTries = nil }()
		res := Load("wild.conf", b.String(), Options{Probes: true})
		if len(res.Diags) > 0 || len(res.Jails) != n || len(res.Probes) != n+1 {
			t.Fatalf("n=%d: %d jails, %d probes, diags %v", n, len(res.Jails), len(res.Probes), res.Diags)
		}
		for i, j := range res.Jails {
			if p := j.Param("allow.sysvipc"); p == nil || p.Sources[0].Stmt.Pos().Line != i+2 {
				t.Fatalf("%s: allow.sysvipc not from its own wildcard block: %+v", j.Name, p)
			}
		}
		return count
	}
	small, large := tries(150), tries(1500)
	// Each jail and "gI.*" probe tries its own block and the global
	// record; the global record's probe tries the global record.
	if want := 4*1500 + 1; large != want {
		t.Errorf("1500 wildcard blocks: %d patterns tried, want %d (every jail and probe: its own block and the global record)", large, want)
	}
	if large > 11*small {
		t.Errorf("10x the wildcard blocks: %d -> %d patterns tried, more than 11x", small, large)
	}
}
