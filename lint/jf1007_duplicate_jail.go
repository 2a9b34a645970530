package lint

import "fmt"

func init() {
	register(&Rule{
		ID: "JF1007", Name: "duplicate-jail", Severity: Error, Since: "0.1",
		Title: "the same jail defined by two blocks",
		Doc: "jail(8) does not merge two blocks with the same name: they are two jail records. `jail -c` " +
			"without a name starts the first and then finds the jail already running for the second, which it " +
			"skips silently, so the second block's parameters are ignored; `jail -c name` picks one of the two " +
			"arbitrarily. Merge the blocks.",
		Bad:  "www { path = /jails/www; }\nwww { persist; }",
		Good: "www {\n\tpath = /jails/www;\n\tpersist;\n}",
		Run:  runDuplicateJail,
	})
}

func runDuplicateJail(p *Pass) {
	first := map[string]int{}
	for i, j := range p.Result.Jails {
		k, dup := first[j.Name]
		if !dup {
			first[j.Name] = i
			continue
		}
		prev := p.Result.Jails[k].Source
		src := j.Source
		if src.Stmt == nil || src.File == nil {
			continue
		}
		p.ReportRange(src.File, src.Stmt.Name.Pos, nameEnd(src.File, src.Stmt),
			fmt.Sprintf("jail %q is already defined at %s:%d; jail(8) keeps two separate jails and jail -c ignores this block's parameters; merge the blocks", j.Name, prev.File.Name, prev.Stmt.Pos().Line), nil)
	}
}
