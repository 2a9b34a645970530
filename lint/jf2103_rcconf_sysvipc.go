package lint

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/jailfmt/jailfmt/parser/rcconf"
	"github.com/jailfmt/jailfmt/resolve"
	"github.com/jailfmt/jailfmt/source"
)

func init() {
	register(&Rule{
		ID: "JF2103", Name: "rcconf-sysvipc", Severity: Warning, Since: "0.2",
		Format: source.RCConf,
		Title:  "rc.conf jail_sysvipc_allow, jail_NAME_sysvipc_allow or allow.sysvipc in jail_parameters",
		Doc: "rc.d/jail turns `jail_sysvipc_allow=YES` (and `jail_NAME_sysvipc_allow`) into `allow.sysvipc` in the " +
			"jail.conf block it generates for each legacy jail, and copies `jail_parameters` / `jail_NAME_parameters` " +
			"into it as they are. `allow.sysvipc` is deprecated since FreeBSD 11.0 and means `inherit` for all three " +
			"System V IPC resources: the jail shares the host's message queues, semaphores and shared memory. " +
			"The finding says what rc.d/jail generates; `jailfmt convert --from rcconf --to jailconf` writes the " +
			"jails as jail.conf with per-resource `sysvmsg`/`sysvsem`/`sysvshm`.",
		Bad:    "jail_enable=YES\njail_list=pg\njail_sysvipc_allow=YES\njail_pg_rootdir=/usr/jails/pg\njail_pg_hostname=pg.example.org\njail_pg_ip=10.0.0.5",
		Good:   "jail_enable=YES\njail_list=pg",
		Source: "libexec/rc/rc.d/jail parse_options (`jail_${_j}_sysvipc_allow` falls back to `jail_sysvipc_allow`; `_parameters` appended as is)",
		Run:    runRCConfSysvipc,
	})
}

var (
	sysvipcAllowVar = regexp.MustCompile(`^jail_(?:(.+)_)?sysvipc_allow$`)
	parametersVar   = regexp.MustCompile(`^jail_(?:(.+)_)?parameters$`)
	sysvipcWord     = regexp.MustCompile(`(?:^|\s)allow\.(?:no)?sysvipc(?:=\S*)?(?:\s|$)`)
)

func runRCConfSysvipc(p *Pass) {
	f := p.rcconf()
	if f == nil {
		return
	}
	jails := jailsByVar(p.Result)
	for _, a := range f.Assigns {
		var jv string
		switch {
		case sysvipcAllowVar.MatchString(a.Name):
			jv = sysvipcAllowVar.FindStringSubmatch(a.Name)[1]
		case parametersVar.MatchString(a.Name) && a.Known && sysvipcWord.MatchString(a.Value):
			jv = parametersVar.FindStringSubmatch(a.Name)[1]
		default:
			continue
		}
		reached := p.Result.Jails
		if jv != "" {
			reached = nil
			if j := jails[jv]; j != nil {
				reached = []*resolve.Jail{j}
			}
		}
		p.reportSpan(p.rule.Severity, f.File, a.Stmt, rcSysvMessage(p, f, a, reached), nil)
	}
}

// rcSysvMessage says what rc.d/jail makes of a SysV IPC variable for the
// legacy jails it reaches.
func rcSysvMessage(p *Pass, f *rcconf.File, a *rcconf.Assign, jails []*resolve.Jail) string {
	var reached []string
	for _, j := range jails {
		reached = append(reached, fmt.Sprintf("%s: %s", j.Name, p.sysvGets(j)))
	}
	what := a.Name + ": allow.sysvipc is deprecated since FreeBSD 11.0 and means inherit for all three System V IPC resources"
	if len(reached) == 0 {
		return what + "; no legacy jail here reads it (rc.d/jail reads jail_* variables only for the jails in jail_list that " +
			"have jail_NAME_rootdir and jail_NAME_hostname), so remove it, and set sysvmsg, sysvsem, sysvshm in jail.conf"
	}
	return fmt.Sprintf("%s; rc.d/jail generates %s; %s, with per-resource sysvmsg, sysvsem, sysvshm (new for a private namespace)",
		what, strings.Join(reached, "; "), convertHint(f.File))
}
