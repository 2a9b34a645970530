package lint

import (
	"fmt"

	"github.com/jailfmt/jailfmt/freebsd"
	"github.com/jailfmt/jailfmt/parser"
)

func init() {
	register(&Rule{
		ID: "JF4001", Name: "newer-than-target", Severity: Error, Since: "0.1",
		Title: "a parameter or directive the --target FreeBSD release does not have",
		Doc: "Parameters appear over releases: `exec.created`, `allow.mlock`, `allow.vmm`, `osrelease` and " +
			"`osreldate` in 12.0, `allow.nfsd` in 13.3, `exec.prepare`, `exec.release` and `allow.extattr` " +
			"around 14.0, `zfs.dataset`, `meta`, `env`, `allow.setaudit` and `allow.vmm_ppt` around 15.0 " +
			"(versions marked \"around\" come from release notes, not code). An older release rejects them as " +
			"unknown and the jail does not start. `.include` arrived with the new parser in 14.0: older " +
			"releases take it for a parameter and every jail fails. Set --target to the release the host runs.",
		Bad:  "# --target 13.2\n.include \"/etc/jail.conf.d/*.conf\";\na {\n\tzfs.dataset = tank/a;\n}",
		Good: "# --target 15.0\n.include \"/etc/jail.conf.d/*.conf\";\na {\n\tzfs.dataset = tank/a;\n}",
		Source: "usr.sbin/jail/jailparse.y (`.include` and nested blocks since commit e82a6294, 2023, in 14.0); " +
			"the parameter tables of sys/kern/kern_jail.c and usr.sbin/jail/config.c `intparams` per release.",
		Run: runTooNew,
	})
}

func runTooNew(p *Pass) {
	target := p.Opts.Target
	if target == (freebsd.Release{}) {
		return
	}
	tooNew := func(name string, info *nameInfo) bool {
		return name == ".include" || name != "" && info.ref.Known && target.Before(info.ref.Since)
	}
	p.eachParam(tooNew, func(f *parser.File, st *parser.Stmt, name string, info *nameInfo) {
		if name == ".include" && st.Tail.Op == parser.OpNameVal && target.Legacy() {
			p.Report(f, st, fmt.Sprintf(".include needs FreeBSD 14.0; on %s jail(8) takes it for a parameter and no jail starts (\"unknown parameter: .include\"); list the jails in one file", target), nil)
			return
		}
		ref := info.ref
		if ref.Known && target.Before(ref.Since) {
			p.ReportRange(f, st.Name.Pos, nameEnd(f, st), fmt.Sprintf("%s needs FreeBSD %s or newer; on %s the jail does not start (\"unknown parameter\"); remove it or raise --target", name, ref.Since, target), nil)
		}
	})
}
