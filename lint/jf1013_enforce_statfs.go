package lint

import (
	"fmt"
	"strconv"
)

func init() {
	register(&Rule{
		ID: "JF1013", Name: "enforce-statfs-range", Severity: Error, Since: "0.1",
		Title: "enforce_statfs outside 0 to 2",
		Doc: "enforce_statfs takes 0 (see every mount point), 1 (those under the jail's root) or 2 (only " +
			"the jail's root, the default); the kernel rejects other values and the jail does not start.",
		Bad:  "a {\n\tenforce_statfs = 3;\n}",
		Good: "a {\n\tenforce_statfs = 2;\n}",
		Run:  runEnforceStatfs,
	})
}

func runEnforceStatfs(p *Pass) {
	for _, i := range p.named("enforce_statfs") {
		ref := &p.shared.stmts[i]
		f, st := ref.f, ref.st
		if len(st.Tail.Values) == 0 {
			continue
		}
		d := st.Tail.Values[len(st.Tail.Values)-1].Decode()
		n, err := strconv.Atoi(d.Text)
		if len(d.Vars) > 0 || err != nil || n >= 0 && n <= 2 {
			continue // integer-value reports non-numbers
		}
		p.Report(f, st, fmt.Sprintf("enforce_statfs = %d: the kernel accepts only 0, 1 and 2, so the jail does not start; 2 (the default) is the safest", n), nil)
	}
}
