package lint

import (
	"fmt"
	"slices"

	ioc "github.com/jailfmt/jailfmt/iocage"
	"github.com/jailfmt/jailfmt/source"
)

func init() {
	register(&Rule{
		ID: "JF1101", Name: "iocage-loose-value", Severity: Error, Since: "0.2",
		Format: source.IocageJSON,
		Title:  "iocage property value that iocage's substring check lets through",
		Doc: "iocage's json_check_prop accepts a value when any allowed word is a substring of it, so " +
			"`allow_sysvipc=nope` passes (it contains `no`) and is then read as 0, and an enumerated value such " +
			"as `ip4=inherited` is stored as written and refused by jail(8) at start. Such a value never means " +
			"what it looks like. (`sysvmsg`, `sysvsem` and `sysvshm` values such as `renew` are what the jail " +
			"gets, and JF1002 reports them as jail(8) refuses them.)",
		Bad:    "{\n    \"host_hostuuid\": \"db\",\n    \"allow_raw_sockets\": \"nope\"\n}",
		Good:   "{\n    \"host_hostuuid\": \"db\",\n    \"allow_raw_sockets\": 0\n}",
		Source: "iocage/iocage iocage_lib/ioc_json.py json_check_prop (`if any(k in value.lower() for k in _list)`)",
		Run:    runIocageLoose,
	})
}

func runIocageLoose(p *Pass) {
	c := p.iocage()
	if c == nil {
		return
	}
	for _, pr := range c.Props {
		if pr.Kind != ioc.KindString || slices.Contains(sysvParams[:], pr.Key) || !ioc.Loose(pr.Key, pr.Text) {
			continue
		}
		d, _ := ioc.Lookup(pr.Key)
		if d.Type == ioc.Enum && d.Param == "" {
			continue // iocage's own setting with its own syntax (interfaces): jail(8) never sees it
		}
		what := "iocage stores it as written and jail(8) refuses it at start"
		want := "one of its values"
		if d.Type == ioc.Bool {
			what, want = fmt.Sprintf("iocage then reads it as %s", pr.Normalized()), "0 or 1"
		}
		p.reportSpan(p.rule.Severity, c.File, source.Span{Start: pr.Origin.Key.Start, End: pr.Origin.Value.End},
			fmt.Sprintf("%s = %q passes iocage's check only because it contains an allowed word; %s; write %s", pr.Key, pr.Text, what, want), nil)
	}
}
