package lint

import (
	"strconv"
	"strings"

	"github.com/jailfmt/jailfmt/parser"
	"github.com/jailfmt/jailfmt/source"
)

func init() {
	register(&Rule{
		ID: "JF1008", Name: "jail-config-error", Severity: Error, Since: "0.1",
		Title: "a jail that jail(8) refuses: bad variable, variable loop, redefined name",
		Doc: "After merging, jail(8) substitutes variables for each jail and refuses to start a jail (the " +
			"others go on) when a variable is undefined or has no value, when variables refer to each other in " +
			"a loop, when a list variable stands inside a longer string, when a variable has the name of a " +
			"parameter jail(8) knows (`$path`, `$name`, `$mount`, ...), or when `name` or `jid` is set again " +
			"after the block name set it. To pass `$` to a shell command, write `\\$` or use single quotes.",
		Bad:  "a {\n\tpath = \"/jails/$nosuch\";\n\texec.start = \"echo $HOME\";\n}",
		Good: "$root = /jails;\na {\n\tpath = \"$root/$name\";\n\texec.start = 'echo $HOME';\n}",
		Run:  runJailConfigError,
	})
}

// runJailConfigError reports the resolver's per-jail failures, one
// diagnostic per statement and problem, naming every jail it breaks.
func runJailConfigError(p *Pass) {
	type key struct {
		file string
		off  int
		msg  string
	}
	var order []key
	jails := map[key][]string{}
	pos := map[key]parser.Pos{}
	for _, d := range p.Result.Diags {
		if !d.Warning {
			continue
		}
		jail, msg := "", d.Msg
		if rest, ok := strings.CutPrefix(d.Msg, "jail "); ok {
			if q, err := strconv.QuotedPrefix(rest); err == nil {
				jail, _ = strconv.Unquote(q)
				msg = strings.TrimPrefix(rest[len(q):], ": ")
			}
		}
		k := key{d.File, d.Pos.Offset, msg}
		if _, ok := jails[k]; !ok {
			order = append(order, k)
			pos[k] = d.Pos
		}
		jails[k] = append(jails[k], jail)
	}
	for _, k := range order {
		for _, f := range p.Result.Files {
			if f.Name == k.file {
				msg := k.msg
				if names := quoteAll(jails[k]); jails[k][0] != "" {
					who := "jail " + names[0]
					if len(names) > 1 {
						who = "jails " + strings.Join(names, ", ")
					}
					msg = who + ": " + msg
				}
				sev := p.rule.Severity
				if f.Format != source.JailConf {
					// Another reader's warning: what iocage or sysctl -f
					// silently reads otherwise than the text looks.
					sev = Warning
				}
				p.ReportAs(sev, f, pos[k], pos[k], msg, nil)
				break
			}
		}
	}
}
