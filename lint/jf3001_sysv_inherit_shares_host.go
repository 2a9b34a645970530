package lint

import (
	"fmt"
	"strings"
)

func init() {
	register(&Rule{
		ID: "JF3001", Name: "sysv-inherit-shares-host", Severity: Warning, Since: "0.1", Fixable: true,
		Title: "a top-level jail inherits the host's System V IPC namespace",
		Doc: "`sysvmsg`, `sysvsem` or `sysvshm = inherit` in a top-level jail puts the jail in the host's IPC " +
			"namespace: the host and every other inheriting jail see and can change each other's message " +
			"queues, semaphores and shared memory. `new` gives the jail a private namespace, which is what " +
			"databases such as PostgreSQL need. With --harden the fix writes new.",
		Bad:  "db {\n\tsysvshm = inherit;\n}",
		Good: "db {\n\tsysvshm = new;\n}",
		Run:  runSysvInherit,
	})
}

func runSysvInherit(p *Pass) {
	if !p.hasSysvParams() {
		return
	}
	seen := onceSet{}
	for _, j := range p.Result.Jails {
		if strings.Contains(j.Name, ".") {
			continue // a child inherits its parent jail's namespace, not the host's
		}
		s := p.sysv(j)
		for r, name := range sysvParams {
			prm := s.explicit[r]
			if prm == nil || s.val[r] != sysInherit {
				continue
			}
			src := lastSource(prm)
			if !seen.first(j, src) {
				continue
			}
			var fix *Fix
			if p.Opts.Harden && src.Stmt != nil && len(src.Stmt.Tail.Values) == 1 && !p.referenced(name) && !hasVars(src.Stmt) {
				v := &src.Stmt.Tail.Values[0]
				// inherit -> new is what --harden allows for any jail the
				// statement decides, whatever includes it.
				fix = &Fix{Message: "write " + name + " = new", Changes: []string{name}, Local: true,
					Edits: []Edit{{File: src.File.File, Start: v.Pos().Offset, End: v.End(), New: "new"}}}
			}
			p.ReportAt(src, fmt.Sprintf("%s = inherit in top-level jail %q shares the host's System V IPC namespace with it and with every other inheriting jail; write %s = new for a private one", name, j.Name, name), fix)
		}
	}
}
