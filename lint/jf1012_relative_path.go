package lint

import (
	"fmt"
	"strings"
)

func init() {
	register(&Rule{
		ID: "JF1012", Name: "relative-path", Severity: Error, Since: "0.1",
		Title: "path is not absolute",
		Doc: "jail(8) requires the jail's root, `path`, to be an absolute path to an existing directory; a " +
			"relative path would depend on the directory jail(8) runs from, and it refuses it.",
		Bad:  "a {\n\tpath = jails/a;\n}",
		Good: "a {\n\tpath = /usr/jails/a;\n}",
		Run:  runRelativePath,
	})
}

func runRelativePath(p *Pass) {
	seen := map[string]bool{}
	for _, j := range p.Result.Jails {
		prm := j.Param("path")
		if prm == nil || len(prm.Values) == 0 {
			continue
		}
		v := prm.Values[len(prm.Values)-1]
		if strings.HasPrefix(v.Text, "/") || v.Source.Stmt == nil {
			continue
		}
		key := fmt.Sprintf("%p:%s", v.Source.Stmt, v.Text)
		if seen[key] {
			continue
		}
		seen[key] = true
		p.Report(v.Source.File, v.Source.Stmt, fmt.Sprintf("path %q (jail %q) is not absolute; jail(8) refuses it; write the full path from /", shorten(v.Text), j.Name), nil)
	}
}
