package lint

import (
	"fmt"
	"strings"

	"github.com/jailfmt/jailfmt/resolve"
)

func init() {
	register(&Rule{
		ID: "JF3007", Name: "children-unused", Severity: Info, Since: "0.1",
		Title: "children.max above 0 for a jail without nested jails",
		Doc:   "`children.max` lets a jail create jails of its own. When the configuration defines no jail nested in it, the permission is probably left over, and root in the jail can use it.",
		Bad:   "a {\n\tchildren.max = 10;\n}",
		Good:  "a {\n\tchildren.max = 0;\n}",
		Run: func(p *Pass) {
			// Every ancestor name of every jail, each marked once: a walk up
			// stops at the first ancestor already marked, whose own
			// ancestors are then marked too, so deep nesting stays linear.
			parents := map[string]bool{}
			for _, j := range p.Result.Jails {
				for i := strings.LastIndexByte(j.Name, '.'); i > 0 && !parents[j.Name[:i]]; i = strings.LastIndexByte(j.Name[:i], '.') {
					parents[j.Name[:i]] = true
				}
			}
			hasChild := func(parent string) bool { return parents[parent] }
			eachEffective(p, "children.max", func(j *resolve.Jail, prm *resolve.Param, src resolve.Source) {
				if n, ok := intOf(prm); ok && n > 0 && !hasChild(j.Name) {
					p.ReportAt(src, fmt.Sprintf("children.max = %d lets jail %q create jails, but none is nested in it here; set 0 unless jails are created from inside it", n, j.Name), nil)
				}
			})
		},
	})
}
