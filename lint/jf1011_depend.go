package lint

import (
	"fmt"
	"strings"

	"github.com/jailfmt/jailfmt/resolve"
)

func init() {
	register(&Rule{
		ID: "JF1011", Name: "bad-depend", Severity: Error, Since: "0.1",
		Title: "depend names an undefined jail, or jails depend on each other in a cycle",
		Doc: "`depend` lists jails to start before this one (and stop after it). jail(8) refuses a jail that " +
			"depends on a jail the configuration does not define (\"depends on undefined jail\"), and reports " +
			"a dependency loop.",
		Bad:  "web {\n\tdepend = dbb;\n}\ndb { }",
		Good: "web {\n\tdepend = db;\n}\ndb { }",
		Run:  runDepend,
	})
}

func runDepend(p *Pass) {
	if len(p.shared.byName["depend"]) == 0 {
		return // no depend anywhere (wildcards included)
	}
	byName := map[string]*resolve.Jail{}
	for _, j := range p.Result.Jails {
		if _, ok := byName[j.Name]; !ok {
			byName[j.Name] = j
		}
	}
	deps := map[*resolve.Jail][]*resolve.Jail{}
	for _, j := range p.Result.Jails {
		d := j.Param("depend")
		if d == nil {
			continue
		}
		for _, v := range d.Values {
			for _, name := range strings.Fields(strings.ReplaceAll(v.Text, ",", " ")) {
				t, ok := byName[name]
				if !ok {
					if v.Source.Stmt != nil {
						p.Report(v.Source.File, v.Source.Stmt, fmt.Sprintf("jail %q depends on %q, which is not defined, so jail(8) does not start it; define it or fix the name", j.Name, name), nil)
					}
					continue
				}
				deps[j] = append(deps[j], t)
			}
		}
	}
	// Depth-first search for cycles; report each cycle once, at the
	// depend statement of its first jail.
	const (
		white = iota
		grey
		black
	)
	color := map[*resolve.Jail]int{}
	var stack []*resolve.Jail
	var visit func(j *resolve.Jail)
	visit = func(j *resolve.Jail) {
		color[j] = grey
		stack = append(stack, j)
		for _, t := range deps[j] {
			switch color[t] {
			case white:
				visit(t)
			case grey:
				var names []string
				start := 0
				for i, s := range stack {
					if s == t {
						start = i
					}
				}
				for _, s := range stack[start:] {
					names = append(names, s.Name)
				}
				names = append(names, t.Name)
				src := lastSource(t.Param("depend"))
				if src.Stmt != nil {
					p.ReportAt(src, fmt.Sprintf("dependency loop: %s; jail(8) cannot order these jails", strings.Join(names, " -> ")), nil)
				}
			}
		}
		stack = stack[:len(stack)-1]
		color[j] = black
	}
	for _, j := range p.Result.Jails {
		if color[j] == white {
			visit(j)
		}
	}
}
