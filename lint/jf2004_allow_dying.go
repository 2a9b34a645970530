package lint

func init() {
	register(&Rule{
		ID: "JF2004", Name: "allow-dying", Severity: Warning, Since: "0.1", Fixable: true,
		Title: "allow.dying is deprecated and does nothing",
		Doc: "jail(8) now always replaces a dying jail of the same name, so `allow.dying` (like `jail -d`) has " +
			"no effect; jail(8) only prints a deprecation warning for it. The fix removes it.",
		Bad:  "a {\n\tallow.dying;\n\tpersist;\n}",
		Good: "a {\n\tpersist;\n}",
		Run:  runAllowDying,
	})
}

func runAllowDying(p *Pass) {
	for _, i := range p.named("allow.dying", "allow.nodying") {
		ref := &p.shared.stmts[i]
		f, st := ref.f, ref.st
		name := ref.name
		var fix *Fix
		if !p.movesGlobals(st) && !p.referenced(name) && !hasVars(st) {
			// It does nothing anywhere; only removing a bare top-level
			// statement could move an including file's global record.
			inBlock := ref.rec.Source.Stmt != nil && ref.rec.Source.Stmt.Body != nil
			fix = &Fix{Message: "remove it", Changes: []string{"allow.dying"}, Edits: []Edit{removeStmt(ref)}, Local: inBlock}
		}
		p.Report(f, st, "allow.dying is deprecated and has no effect (jail(8) always replaces a dying jail and warns about it); remove it", fix)
	}
}
