package lint

import (
	"fmt"

	piocage "github.com/jailfmt/jailfmt/parser/iocage"
	"github.com/jailfmt/jailfmt/source"
)

func init() {
	register(&Rule{
		ID: "JF2101", Name: "iocage-allow-sysvipc", Severity: Warning, Since: "0.2", Fixable: true,
		Format: source.IocageJSON,
		Title:  "iocage allow_sysvipc, which decides nothing on FreeBSD 11.0 and later",
		Doc: "On hosts newer than 10.3 iocage passes `sysvmsg`, `sysvsem` and `sysvshm` to jail(8) at every start " +
			"(their defaults are `new`), and the kernel lets an explicit sysv* value win over `allow.sysvipc`. So " +
			"`allow_sysvipc` in a jail's config.json, a template, a plugin manifest or defaults.json (where it " +
			"silently reaches every thin jail that does not set it) changes nothing about the jail's IPC " +
			"namespaces: the sysv* properties do. The fix removes the key (and its comma); what the jail gets stays " +
			"the same. Set `sysvshm` (and `sysvsem`, `sysvmsg`) to `new` for a private namespace.",
		Bad:  "{\n    \"host_hostuuid\": \"db\",\n    \"allow_sysvipc\": 1,\n    \"sysvshm\": \"new\"\n}",
		Good: "{\n    \"host_hostuuid\": \"db\",\n    \"sysvshm\": \"new\"\n}",
		Source: "iocage/iocage iocage_lib/ioc_start.py start_jail (sysv* passed when the host is > 10.3); " +
			"sys/kern/sysv_shm.c shm_prison_set (an explicit sysvshm wins over allow.sysvipc)",
		Run: runIocageAllowSysvipc,
	})
}

// iocageReach says who a file's properties reach.
var iocageReach = map[piocage.Role]string{
	piocage.JailConfig: "",
	piocage.Template:   "; every jail created from this template copies it",
	piocage.Defaults:   "; defaults.json reaches every thin jail that does not set the key itself",
	piocage.Manifest:   "; every jail the plugin installs gets it",
}

func runIocageAllowSysvipc(p *Pass) {
	c, j := p.iocage(), p.iocageJail()
	if j == nil {
		return // host 10.3 or older: allow.sysvipc is what reaches the kernel
	}
	who := fmt.Sprintf("jail %s", j.Name)
	if c.Role == piocage.Defaults {
		who = "a thin jail that sets no sysv* itself"
	}
	for i, pr := range c.Props {
		if pr.Key != "allow_sysvipc" {
			continue
		}
		raw := c.File.Src[pr.Origin.Value.Start.Offset:pr.Origin.Value.End.Offset]
		p.reportSpan(p.rule.Severity, c.File, source.Span{Start: pr.Origin.Key.Start, End: pr.Origin.Value.End},
			fmt.Sprintf("allow_sysvipc: %s decides nothing: iocage passes sysvmsg, sysvsem and sysvshm to jail(8) at every start, "+
				"and they win over allow.sysvipc; %s gets %s%s; remove allow_sysvipc and set sysvmsg, sysvsem, sysvshm "+
				"to what the jail needs (new: a private namespace)", raw, who, p.sysvGets(j), iocageReach[c.Role]),
			removal(c.File, c.Removal(i), "remove allow_sysvipc", "allow.sysvipc"))
	}
}
