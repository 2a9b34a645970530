package lint

import (
	"fmt"

	"github.com/jailfmt/jailfmt/resolve"
)

func init() {
	register(&Rule{
		ID: "JF3003", Name: "enforce-statfs-zero", Severity: Warning, Since: "0.1",
		Title: "enforce_statfs = 0: the jail sees every mount point of the host",
		Doc:   "With `enforce_statfs = 0` the jail can list every mounted file system of the host, with its mount point, through statfs(2) and mount(8); 1 limits it to mounts under its root, 2 (the default) to its root only.",
		Bad:   "a {\n\tenforce_statfs = 0;\n}",
		Good:  "a {\n\tenforce_statfs = 2;\n}",
		Run: func(p *Pass) {
			eachEffective(p, "enforce_statfs", func(j *resolve.Jail, prm *resolve.Param, src resolve.Source) {
				if n, ok := intOf(prm); ok && n == 0 {
					p.ReportAt(src, fmt.Sprintf("enforce_statfs = 0: jail %q sees every mount point of the host; use 1 (mounts under its root) or 2 (the default)", j.Name), nil)
				}
			})
		},
	})
}
