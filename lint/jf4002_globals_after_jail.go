package lint

func init() {
	register(&Rule{
		ID: "JF4002", Name: "globals-after-jail", Severity: Warning, Since: "0.1",
		Title: "a parameter outside any block after the first jail block",
		Doc: "The meaning of parameters written outside any block changed in FreeBSD 14.0. Up to 13.x, a " +
			"run of them after a jail block formed a new global section at that point, so it overrode the jails " +
			"above it. Since 14.0 all of them join one global section placed at the first of them, so jails " +
			"keep their own values over every global, even one written below them. Put globals at the top, or " +
			"use an explicit `* { }` block where the order should matter.",
		Bad:  "exec.clean;\nfoo {\n\tmount.devfs = false;\n}\nmount.devfs;",
		Good: "exec.clean;\nmount.devfs;\nfoo {\n\tmount.devfs = false;\n}",
		Run:  runGlobalsAfterJail,
	})
}

func runGlobalsAfterJail(p *Pass) {
	if len(p.Result.Files) == 0 {
		return
	}
	f := p.Result.Files[0]
	seenBlock := false
	for _, st := range f.Stmts {
		switch {
		case st.Body != nil:
			seenBlock = true
		case seenBlock && paramName(st) != "" && !st.IsInclude():
			p.Report(f, st, "a parameter outside any block after a jail block: FreeBSD 13 applied it over the jails above, FreeBSD 14 and later apply it before them (jails keep their own values); move it to the top, or into a * { } block placed where it should win", nil)
		}
	}
}
