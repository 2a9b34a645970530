package lint

import (
	"fmt"

	"github.com/jailfmt/jailfmt/freebsd"
	"github.com/jailfmt/jailfmt/resolve"
)

func init() {
	register(&Rule{
		ID: "JF1002", Name: "sysv-invalid-value", Severity: Error, Since: "0.1",
		Title: "sysvmsg/sysvsem/sysvshm value that libjail or the kernel rejects",
		Doc: "The jailsys parameters take `disable`, `new` or `inherit` (any case) or 0, 1, 2 (read by strtol, " +
			"so `\" 2\"` and `+1` are numbers too). libjail refuses " +
			"anything else that is not a number (\"unknown jailsys value\": `true`, `yes`, `on`), the kernel " +
			"refuses other numbers (EINVAL), and the `no` prefix does not exist for them (`nosysvshm` is an " +
			"\"unknown parameter\"). Either way the jail does not start.",
		Bad:  "a {\n\tsysvshm = true;\n\tnosysvmsg;\n}",
		Good: "a {\n\tsysvshm = new;\n\tsysvmsg = disable;\n}",
		Source: "lib/libjail/jail.c `jailsys_values` and `jailparam_import_enum` (names, then strtol); " +
			"sys/kern/kern_jail.c rejects values other than 0, 1, 2 (`JAIL_SYS_*` in sys/sys/jail.h).",
		Run: runSysvInvalid,
	})
}

func runSysvInvalid(p *Pass) {
	if !p.hasSysvParams() {
		return // newer-than-target reports the names
	}
	seen := onceSet{}
	for _, j := range p.Result.Jails {
		for _, name := range sysvParams {
			prm := p.lookup(j, name)
			if prm == nil {
				continue
			}
			src := lastSource(prm)
			if !src.Written() {
				continue
			}
			var msg string
			switch {
			case prm.Name != name:
				msg = fmt.Sprintf("%s is an unknown parameter: jailsys parameters have no \"no\" form; the jail does not start; write %s = disable;", prm.Name, name)
			case jailsysValue(prm) == sysInvalid:
				v := prm.Values[len(prm.Values)-1].Text
				if _, ok := freebsd.ParseJailsys(v); ok {
					msg = fmt.Sprintf("%s = %s: the kernel rejects it (EINVAL) and the jail does not start; write disable, new or inherit", name, shorten(v))
				} else {
					msg = fmt.Sprintf("%s = %q: libjail rejects it (\"%s: unknown jailsys value\") and the jail does not start; write disable, new or inherit", name, shorten(v), name)
				}
			default:
				continue
			}
			if !seen.first(j, src) {
				continue
			}
			p.ReportAt(src, msg, nil)
		}
	}
}

// lastSource returns the statement that set a parameter's current value.
func lastSource(p *resolve.Param) resolve.Source {
	if p == nil || len(p.Sources) == 0 {
		return resolve.Source{}
	}
	return p.Sources[len(p.Sources)-1]
}
