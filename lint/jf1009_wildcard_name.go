package lint

import "fmt"

func init() {
	register(&Rule{
		ID: "JF1009", Name: "wildcard-sets-name", Severity: Error, Since: "0.1",
		Title: "name or jid set in a wildcard block or outside any block",
		Doc: "A jail's `name` (or `jid`, for a numeric block name) comes from its block name and cannot be " +
			"set again: jail(8) refuses every jail such a statement reaches (\"cannot redefine parameter\").",
		Bad:  "* {\n\tname = web;\n}",
		Good: "web {\n\tpersist;\n}",
		Run:  runWildcardName,
	})
}

func runWildcardName(p *Pass) {
	for _, i := range p.named("name", "jid") {
		ref := &p.shared.stmts[i]
		if !ref.rec.Wild {
			continue
		}
		p.Report(ref.f, ref.st, fmt.Sprintf("%s set for every jail this block reaches: the block name already sets it, so jail(8) refuses those jails (\"cannot redefine parameter\"); remove it and name the blocks instead", ref.name), nil)
	}
}
