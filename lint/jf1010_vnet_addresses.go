package lint

import "fmt"

func init() {
	register(&Rule{
		ID: "JF1010", Name: "vnet-with-addresses", Severity: Error, Since: "0.1",
		Title: "a vnet jail with ip4.addr or ip6.addr",
		Doc: "A jail with its own network stack (`vnet`, `vnet = new`) configures its addresses inside the " +
			"jail; the kernel refuses `ip4.addr`/`ip6.addr` for it and the jail does not start. Give the jail " +
			"an interface (`vnet.interface`) and configure addresses in its rc.conf.",
		Bad:  "a {\n\tvnet;\n\tip4.addr = 192.0.2.10;\n}",
		Good: "a {\n\tvnet;\n\tvnet.interface = epair0b;\n}",
		Run:  runVnetAddresses,
	})
}

func runVnetAddresses(p *Pass) {
	for _, j := range p.Result.Jails {
		v := p.lookup(j, "vnet")
		if v == nil || v.Name != "vnet" || jailsysValue(v) != sysNew {
			continue
		}
		for _, name := range []string{"ip4.addr", "ip6.addr"} {
			a := j.Param(name)
			if a == nil || len(a.Values) == 0 || len(a.Values) == 1 && (a.Values[0].Text == "" || a.Values[0].Text == "-") {
				continue
			}
			src := lastSource(a)
			if !src.Written() {
				continue
			}
			p.ReportAt(src, fmt.Sprintf("jail %q has vnet (its own network stack), so the kernel refuses %s and the jail does not start; set addresses inside the jail and pass it an interface with vnet.interface", j.Name, name), nil)
		}
	}
}
