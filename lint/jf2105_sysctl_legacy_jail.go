package lint

import (
	"fmt"

	"github.com/jailfmt/jailfmt/freebsd"
	"github.com/jailfmt/jailfmt/source"
)

func init() {
	register(&Rule{
		ID: "JF2105", Name: "sysctl-legacy-jail", Severity: Warning, Since: "0.2", Fixable: true,
		Format: source.Sysctl,
		Title:  "legacy security.jail.* sysctl in sysctl.conf",
		Doc: "The writable `security.jail.*_allowed` sysctls (`sysvipc_allowed`, `allow_raw_sockets`, " +
			"`set_hostname_allowed`, ...) set only the default bit that jail(2) and jail(8)'s old 4-argument form " +
			"use. Jails started from jail.conf or rc.d/jail set every parameter themselves and ignore them, so a " +
			"`security.jail.sysvipc_allowed=1` line gives no jail System V IPC. The per-jail parameter that " +
			"replaces each belongs in jail.conf; the fix removes the line. Read-only ones (`devfs_ruleset`, " +
			"`jailed`) make sysctl -f fail (error). `enforce_statfs` is still the default of every new jail " +
			"(info, no fix).",
		Bad:    "security.jail.sysvipc_allowed=1",
		Good:   "kern.ipc.shmmax=1073741824",
		Source: "sys/kern/kern_jail.c sysctl_jail_default_allow and the security.jail SYSCTL_PROCs",
		Run:    runSysctlLegacyJail,
	})
}

func runSysctlLegacyJail(p *Pass) {
	f := p.sysctl()
	if f == nil {
		return
	}
	for _, e := range f.Entries {
		s, ok := freebsd.LookupJailSysctl(e.Name)
		if !ok || !e.HasValue {
			continue
		}
		at := source.Span{Start: e.NameSpan.Start, End: e.ValueSpan.End}
		set := e.Name + "=" + e.Value
		remove := removal(f.File, e.Line, "remove the "+e.Name+" line")
		switch {
		case s.ReadOnly:
			msg := fmt.Sprintf("%s: the sysctl is read-only, so sysctl -f fails on this line at every boot", set)
			if s.Replacement != "" {
				msg += "; set " + s.Replacement + " per jail in jail.conf instead"
			}
			p.reportSpan(Error, f.File, at, msg+"; remove the line", remove)
		case s.Default:
			p.reportSpan(Info, f.File, at, fmt.Sprintf("%s is the default of every new jail, jail.conf jails included; "+
				"set %s in each jail's jail.conf block so that the jail's configuration says it", set, s.Replacement), nil)
		case s.Replacement == "":
			p.reportSpan(Info, f.File, at, fmt.Sprintf("%s is deprecated and has no per-jail replacement; keep it only if you need the limit", set), nil)
		default:
			p.reportSpan(p.rule.Severity, f.File, at, fmt.Sprintf("%s sets only the default of jail(2) and jail(8)'s old 4-argument form: "+
				"jails started from jail.conf or rc.d/jail ignore it; set %s per jail in jail.conf instead, and remove the line",
				set, s.Replacement), remove)
		}
	}
}
