package lint

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/jailfmt/jailfmt/resolve"
)

// TestWildReach checks that the jails and probes found for each
// wildcard record through the index are those Record.Reaches accepts
// when every record is tried on every jail, in the same order.
func TestWildReach(t *testing.T) {
	var b strings.Builder
	b.WriteString("persist;\n* { exec.clean; }\n\"*.j\" { mount.devfs; }\n")
	for i := 0; i < 50; i++ {
		fmt.Fprintf(&b, "\"g%d.*\" { allow.sysvipc; }\n\"g%d.*.x\" { allow.raw_sockets; }\n", i%7, i%5)
		fmt.Fprintf(&b, "g%d.j { }\ng%d.k.x { }\ng%d { }\n\"g%d.*.y\" { }\n", i, i%5, i, i%3)
	}
	res := resolve.Load("reach.conf", b.String(), resolve.Options{Probes: true})
	if len(res.Diags) > 0 {
		t.Fatal(res.Diags)
	}
	reach := wildReach(res)
	nwild := 0
	for _, r := range res.Records {
		if !r.Wild {
			continue
		}
		nwild++
		var want []*resolve.Jail
		for _, js := range [2][]*resolve.Jail{res.Jails, res.Probes} {
			for _, j := range js {
				if r.Reaches(j) {
					want = append(want, j)
				}
			}
		}
		if !slices.Equal(reach[r], want) {
			t.Errorf("record %q: reached %d jails, want %d", r.Name, len(reach[r]), len(want))
		}
	}
	if nwild < 10 || len(reach) == 0 {
		t.Fatalf("%d wildcard records, %d reaching a jail", nwild, len(reach))
	}
}
