package lint

import (
	"fmt"

	"github.com/jailfmt/jailfmt/freebsd"
	ioc "github.com/jailfmt/jailfmt/iocage"
	"github.com/jailfmt/jailfmt/source"
)

func init() {
	register(&Rule{
		ID: "JF1102", Name: "iocage-unknown-property", Severity: Warning, Since: "0.2",
		Format: source.IocageJSON,
		Title:  "iocage property that iocage does not know",
		Doc: "iocage keeps any key in config.json, but ioc_start.py passes only the properties it knows to " +
			"jail(8), so a misspelt one (`allow_sysipc`, `sysvshn`) silently does nothing and the jail starts " +
			"with the default. iocage's own keys that are not jail(8) parameters (exec_start, rctl limits, " +
			"bookkeeping such as host_hostuuid) are known.",
		Bad:  "{\n    \"host_hostuuid\": \"db\",\n    \"sysvshn\": \"new\"\n}",
		Good: "{\n    \"host_hostuuid\": \"db\",\n    \"sysvshm\": \"new\"\n}",
		Run:  runIocageUnknown,
	})
}

var iocageNames = func() []string {
	var out []string
	for _, p := range ioc.Properties() {
		out = append(out, p.Name)
	}
	return out
}()

func runIocageUnknown(p *Pass) {
	c := p.iocage()
	if c == nil {
		return
	}
	for _, pr := range c.Props {
		if _, ok := ioc.Lookup(pr.Key); ok {
			continue
		}
		msg := fmt.Sprintf("iocage does not know property %q: it never reaches jail(8), so it does nothing", pr.Key)
		if s := freebsd.Closest(pr.Key, iocageNames); s != "" {
			msg += fmt.Sprintf("; did you mean %s?", s)
		} else {
			msg += "; remove it"
		}
		p.reportSpan(p.rule.Severity, c.File, pr.Origin.Key, msg, nil)
	}
}
