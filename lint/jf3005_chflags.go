package lint

import (
	"fmt"

	"github.com/jailfmt/jailfmt/resolve"
)

func init() {
	register(&Rule{
		ID: "JF3005", Name: "chflags", Severity: Info, Since: "0.1",
		Title: "allow.chflags lets the jail change system file flags",
		Doc:   "`allow.chflags` lets root in the jail set and clear system file flags such as schg, which is what keeps files unchangeable at raised securelevels. Leave it off unless the jail runs software that needs it.",
		Bad:   "a {\n\tallow.chflags;\n}",
		Good:  "a {\n\tallow.nochflags;\n}",
		Run: func(p *Pass) {
			eachEffective(p, "allow.chflags", func(j *resolve.Jail, prm *resolve.Param, src resolve.Source) {
				if isTrue(prm) {
					p.ReportAt(src, fmt.Sprintf("allow.chflags lets root in jail %q clear system file flags (schg) that securelevel protects; keep it only if something in the jail needs it", j.Name), nil)
				}
			})
		},
	})
}
