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
		ID: "JF2104", Name: "rcconf-legacy-jail", Severity: Warning, Since: "0.2",
		Format: source.RCConf,
		Title:  "jail configured with rc.conf's per-jail jail_NAME_* variables (obsolete since FreeBSD 9.1)",
		Doc: "Since FreeBSD 9.1 jails are configured in jail.conf. For a jail in `jail_list` that has both " +
			"`jail_NAME_rootdir` and `jail_NAME_hostname`, rc.d/jail still writes a jail.conf block from the " +
			"`jail_NAME_*` variables at every start and warns that per-jail configuration via jail_* variables " +
			"is obsolete. The finding shows the parameters rc.d/jail generates (as `jail -e` prints them); " +
			"`jailfmt convert --from rcconf --to jailconf` writes them as jail.conf and says which variables to remove. " +
			"While `jail_list` is empty rc.d/jail ignores the variables (it starts jail.conf's jails): the finding says so.",
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
	jails := jailsByVar(p.Result)
	seen := map[string]bool{}
	if len(jails) == 0 {
		reportIgnoredJails(p, f)
		return
	}
	for _, a := range f.Assigns {
		// jail_<J>_KEY: J may hold "_", so try every split.
		rest, ok := strings.CutPrefix(a.Name, "jail_")
		for i := strings.IndexByte(rest, '_'); ok && i > 0; i = nextUnderscore(rest, i) {
			jv := rest[:i]
			j := jails[jv]
			if j == nil || seen[jv] {
				continue
			}
			seen[jv] = true
			var b strings.Builder
			resolve.Exhibit(&b, []*resolve.Jail{j}, " ") // a strings.Builder does not fail
			gen := strings.TrimSuffix(b.String(), "\n")
			p.reportSpan(p.rule.Severity, f.File, a.Stmt, fmt.Sprintf(
				"jail_%s_* variables are obsolete since FreeBSD 9.1: rc.d/jail warns at every start and generates jail %s from them: %s; %s",
				jv, j.Name, gen, convertHint(f.File)), nil)
		}
	}
}

// nextUnderscore returns the index of the next "_" in s after i, or -1.
func nextUnderscore(s string, i int) int {
	if k := strings.IndexByte(s[i+1:], '_'); k >= 0 {
		return i + 1 + k
	}
	return -1
}

var rootdirVar = regexp.MustCompile(`^jail_(.+)_rootdir$`)

// reportIgnoredJails reports the legacy jails of a file that sets no
// jail_list: rc.d/jail ignores their variables (unless another file sets
// jail_list).
func reportIgnoredJails(p *Pass, f *rcconf.File) {
	for _, a := range f.Assigns {
		m := rootdirVar.FindStringSubmatch(a.Name)
		if m == nil || f.Last("jail_"+m[1]+"_hostname") == nil {
			continue
		}
		p.reportSpan(p.rule.Severity, f.File, a.Stmt, fmt.Sprintf(
			"jail_%s_* variables are obsolete since FreeBSD 9.1, and with jail_list empty here rc.d/jail ignores them "+
				"(it starts the jails of jail.conf) unless another rc.conf file puts %s in jail_list; %s, or remove them",
			m[1], m[1], convertHint(f.File)), nil)
	}
}
