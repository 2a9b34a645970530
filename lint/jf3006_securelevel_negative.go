package lint

import (
	"fmt"

	"github.com/jailfmt/jailfmt/resolve"
)

func init() {
	register(&Rule{
		ID: "JF3006", Name: "securelevel-negative", Severity: Warning, Since: "0.1",
		Title: "securelevel below 0",
		Doc:   "A jail's securelevel can only be raised from inside it. A negative value means the jail never protects immutable files (the kernel still uses the host's level when that is higher).",
		Bad:   "a {\n\tsecurelevel = -1;\n}",
		Good:  "a {\n\tsecurelevel = 2;\n}",
		Run: func(p *Pass) {
			eachEffective(p, "securelevel", func(j *resolve.Jail, prm *resolve.Param, src resolve.Source) {
				if n, ok := intOf(prm); ok && n < 0 {
					p.ReportAt(src, fmt.Sprintf("securelevel = %d in jail %q: the jail never protects immutable files; use 1 or higher (3 also forbids firewall changes)", n, j.Name), nil)
				}
			})
		},
	})
}
