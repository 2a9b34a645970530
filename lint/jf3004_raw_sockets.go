package lint

import (
	"fmt"

	"github.com/jailfmt/jailfmt/resolve"
)

func init() {
	register(&Rule{
		ID: "JF3004", Name: "raw-sockets", Severity: Info, Since: "0.1",
		Title: "allow.raw_sockets lets the jail craft any packet",
		Doc:   "`allow.raw_sockets` lets root in the jail open raw sockets: ping and traceroute work, but so does forging packets with any source address the jail's addresses allow, and sniffing ICMP. Leave it off unless the jail needs ping.",
		Bad:   "a {\n\tallow.raw_sockets;\n}",
		Good:  "a {\n\tallow.noraw_sockets;\n}",
		Run: func(p *Pass) {
			eachEffective(p, "allow.raw_sockets", func(j *resolve.Jail, prm *resolve.Param, src resolve.Source) {
				if isTrue(prm) {
					p.ReportAt(src, fmt.Sprintf("allow.raw_sockets lets root in jail %q open raw sockets (forge packets, sniff ICMP); keep it only if the jail needs ping or traceroute", j.Name), nil)
				}
			})
		},
	})
}
