package lint

import "fmt"

func init() {
	register(&Rule{
		ID: "JF2003", Name: "sysv-redundant-legacy", Severity: Warning, Since: "0.1", Fixable: true,
		Title: "allow.sysvipc that decides nothing: sysvmsg, sysvsem and sysvshm are all set",
		Doc: "An explicit `sysvmsg`, `sysvsem` or `sysvshm` always wins over `allow.sysvipc`, whatever the " +
			"order. When every jail the statement reaches sets all three, it changes nothing about IPC; it only " +
			"sets the allow flag that `security.jail.sysvipc_allowed` reports inside the jail, which misleads " +
			"whoever reads it. The fix removes the statement.",
		Bad:  "a {\n\tallow.sysvipc;\n\tsysvmsg = new;\n\tsysvsem = new;\n\tsysvshm = new;\n}",
		Good: "a {\n\tsysvmsg = new;\n\tsysvsem = new;\n\tsysvshm = new;\n}",
		Source: "sys/kern/sysv_msg.c `msg_prison_set` (and the sem and shm hooks): an explicit sysvR wins; " +
			"sys/kern/kern_jail.c `sysctl_jail_default_allow` reports the jail's own allow.sysvipc flag.",
		Guarantee: "The fix only removes the statement, and only where every jail it reaches sets all three parameters.",
		Run:       runSysvRedundant,
	})
}

func runSysvRedundant(p *Pass) {
	if !p.hasSysvParams() {
		return
	}
	for _, i := range p.legacyStmts() {
		ref := &p.shared.stmts[i]
		jails := p.reached(ref)
		if len(jails) == 0 {
			continue
		}
		redundant := true
		for _, j := range jails {
			s := p.sysv(j)
			for r := range sysvParams {
				if s.explicit[r] == nil {
					redundant = false
				}
			}
		}
		if !redundant {
			continue
		}
		name := paramName(ref.st)
		var fix *Fix
		if !p.movesGlobals(ref.st) && !p.referenced(name) && !hasVars(ref.st) {
			fix = &Fix{Message: "remove " + name, Changes: []string{"allow.sysvipc"},
				Edits: []Edit{removeStmt(ref)}}
		}
		p.Report(ref.f, ref.st, fmt.Sprintf("%s decides nothing here: every jail it reaches sets sysvmsg, sysvsem and sysvshm, which win over it; remove it", name), fix)
	}
}
