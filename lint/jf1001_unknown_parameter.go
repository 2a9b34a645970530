package lint

import (
	"fmt"

	"github.com/jailfmt/jailfmt/freebsd"
	"github.com/jailfmt/jailfmt/parser"
	"github.com/jailfmt/jailfmt/resolve"
)

func init() {
	register(&Rule{
		ID: "JF1001", Name: "unknown-parameter", Severity: Error, Since: "0.1",
		Title: "parameter that neither jail(8) nor the kernel knows",
		Doc: "jail(8) hands every parameter it does not handle itself to libjail, which asks the kernel; an " +
			"unknown name stops the jail with \"unknown parameter\". Names of the families that kernel modules " +
			"add at run time (`allow.mount.<fs>`, `linux.*`, `zfs.*`, `allow.vmm*`, `meta.*`, `env.*`) cannot " +
			"be checked offline; they are reported as warnings when jailfmt does not know them.",
		Bad:  "a {\n\thost.hostnmae = a.example.org;\n}",
		Good: "a {\n\thost.hostname = a.example.org;\n}",
		Run:  runUnknownParameter,
	})
}

func runUnknownParameter(p *Pass) {
	legacy := p.Opts.Target.Legacy()
	unknown := func(name string, info *nameInfo) bool {
		// A misplaced "no" is no-prefix's.
		return name != "" && info.misplaced == "" && !info.ref.Known
	}
	p.eachParam(unknown, func(f *parser.File, st *parser.Stmt, name string, info *nameInfo) {
		if st.IsInclude() && !legacy {
			return
		}
		switch ref := info.ref; {
		case ref.Module:
			p.ReportAs(Warning, f, st.Name.Pos, nameEnd(f, st),
				fmt.Sprintf("%s is not a parameter FreeBSD itself defines: it exists only when a kernel module adds it, otherwise the jail does not start (\"unknown parameter\"); check the spelling and the module", name), nil)
		default:
			msg := fmt.Sprintf("unknown parameter %q: the jail does not start (\"unknown parameter: %s\")", shorten(name), shorten(name))
			if s := freebsd.Suggest(name); s != "" {
				msg += fmt.Sprintf("; did you mean %s?", s)
			}
			p.ReportRange(f, st.Name.Pos, nameEnd(f, st), msg, nil)
		}
	})
	p.eachOriginValue(func(name, _ string, src resolve.Source) {
		if ref := freebsd.Lookup(name); ref.Known || ref.Module {
			return
		}
		if _, misplaced := freebsd.MisplacedNo(name); misplaced {
			return
		}
		msg := fmt.Sprintf("unknown parameter %q (from %s): the jail does not start (\"unknown parameter: %s\")", shorten(name), src.Origin.Key, shorten(name))
		if s := freebsd.Suggest(name); s != "" {
			msg += fmt.Sprintf("; did you mean %s?", s)
		}
		p.ReportAt(src, msg, nil)
	})
}
