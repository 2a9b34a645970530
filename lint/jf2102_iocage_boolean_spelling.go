package lint

import (
	"fmt"

	ioc "github.com/jailfmt/jailfmt/iocage"
	piocage "github.com/jailfmt/jailfmt/parser/iocage"
	"github.com/jailfmt/jailfmt/source"
)

func init() {
	register(&Rule{
		ID: "JF2102", Name: "iocage-boolean-spelling", Severity: Info, Since: "0.2", Fixable: true,
		Format: source.IocageJSON,
		Title:  "iocage on/off property spelt other than 0 or 1",
		Doc: "iocage reads `\"1\"`, `\"on\"`, `\"yes\"`, `\"true\"` and JSON `true` as 1 (and the 0 forms as 0), and " +
			"writes the integers itself the next time it saves the config. Tools that read config.json " +
			"directly (Bastille's iocage import, scripts) do not all do the same. The fix writes the integer " +
			"in place.",
		Bad:    "{\n    \"host_hostuuid\": \"db\",\n    \"allow_raw_sockets\": \"yes\"\n}",
		Good:   "{\n    \"host_hostuuid\": \"db\",\n    \"allow_raw_sockets\": 1\n}",
		Source: "iocage/iocage iocage_lib/ioc_common.py check_truthy; ioc_json.py fix_properties",
		Run:    runIocageBoolSpelling,
	})
}

func runIocageBoolSpelling(p *Pass) {
	c := p.iocage()
	if _, json := p.Result.Native.(*piocage.Config); !json {
		return // a shell word has no JSON type: every value is a string
	}
	for _, pr := range c.Props {
		d, ok := ioc.Lookup(pr.Key)
		if !ok || d.Type != ioc.Bool || pr.Kind == ioc.KindNull || pr.Kind == ioc.KindComposite ||
			pr.Kind == ioc.KindNumber && (pr.Text == "0" || pr.Text == "1") || ioc.Loose(pr.Key, pr.Text) ||
			ioc.Check(pr.Key, pr.Text, true) != "" {
			continue
		}
		if pr.Key == "allow_sysvipc" && p.iocageJail() != nil {
			continue // JF2101 removes it
		}
		raw := c.File.Src[pr.Origin.Value.Start.Offset:pr.Origin.Value.End.Offset]
		want := pr.CanonicalJSON()
		p.reportSpan(p.rule.Severity, c.File, pr.Origin.Value,
			fmt.Sprintf("%s: %s is a spelling iocage reads as %s; iocage itself writes %s; write %s", pr.Key, raw, want, want, want),
			&Fix{Message: "write " + want, Local: true,
				Edits: []Edit{{File: c.File, Start: pr.Origin.Value.Start.Offset, End: pr.Origin.Value.End.Offset, New: want}}})
	}
}
