package lint

import (
	"fmt"
	"strings"

	"github.com/jailfmt/jailfmt/resolve"
	"github.com/jailfmt/jailfmt/source"
)

func init() {
	register(&Rule{
		ID: "JF2104", Name: "rcconf-legacy-jail", Severity: Warning, Since: "0.2",
		Format: source.RCConf,
		Title:  "jail configured with rc.conf's per-jail jail_NAME_* variables (obsolete since FreeBSD 9.1)",
		Doc: "Since FreeBSD 9.1 jails are configured in jail.conf. For a jail in `jail_list` that has both " +
			"`jail_NAME_rootdir` and `jail_NAME_hostname`, rc.d/jail still writes a jail.conf block from the " +
			"`jail_NAME_*` variables at every start and warns that per-jail configuration via jail_* variables " +
			"is obsolete. The finding shows the parameters rc.d/jail generates (as `jail -e` prints them); " +
			"`jailfmt convert --from rcconf --to jailconf` writes them as jail.conf and says which variables to remove.",
		Bad:    "jail_enable=YES\njail_list=pg\njail_pg_rootdir=/usr/jails/pg\njail_pg_hostname=pg.example.org\njail_pg_ip=10.0.0.5",
		Good:   "jail_enable=YES\njail_list=pg",
		Source: "libexec/rc/rc.d/jail jail_extract_var/parse_options and the jail_confwarn warning",
		Run:    runRCConfLegacyJail,
	})
}

func runRCConfLegacyJail(p *Pass) {
	f := p.rcconf()
	if f == nil {
		return
	}
	seen := map[string]bool{}
	for _, a := range f.Assigns {
		for _, j := range p.Result.Jails {
			jv := varName(j.Name)
			if seen[jv] || !strings.HasPrefix(a.Name, "jail_"+jv+"_") {
				continue
			}
			seen[jv] = true
			gen := strings.TrimSuffix(resolve.Exhibit([]*resolve.Jail{j}, " "), "\n")
			p.reportSpan(p.rule.Severity, f.File, a.Stmt, fmt.Sprintf(
				"jail_%s_* variables are obsolete since FreeBSD 9.1: rc.d/jail warns at every start and generates jail %s from them: %s; %s",
				jv, j.Name, gen, convertHint(f.File)), nil)
		}
	}
}
