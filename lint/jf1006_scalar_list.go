package lint

import (
	"fmt"
	"strings"

	"github.com/jailfmt/jailfmt/freebsd"
)

func init() {
	register(&Rule{
		ID: "JF1006", Name: "scalar-list", Severity: Warning, Since: "0.1",
		Title: "a single-valued parameter given several values",
		Doc: "jail(8) hands a parameter that is not a list to libjail with only its last value and drops the " +
			"others without a word (config.c import_params). `host.hostname = a, b;`, or a `+=` onto a " +
			"scalar from a wildcard block, leaves the jail with the last value only.",
		Bad:  "a {\n\thost.hostname = a.example.org, b.example.org;\n}",
		Good: "a {\n\thost.hostname = b.example.org;\n}",
		Run:  runScalarList,
	})
}

func runScalarList(p *Pass) {
	seen := onceSet{}
	for _, j := range p.Result.Jails {
		for _, prm := range j.Params {
			if len(prm.Values) < 2 {
				continue
			}
			ref := freebsd.Lookup(prm.Name)
			if !ref.Known || ref.Kind == freebsd.List || ref.Kind == freebsd.AddrList {
				continue
			}
			src := lastSource(prm)
			if !seen.first(j, src) {
				continue
			}
			vals := prm.Texts()
			p.ReportAt(src, fmt.Sprintf("%s takes one value but jail %q gets %d (%s); jail(8) silently keeps only the last, %q; write just that one", prm.Name, j.Name, len(vals), strings.Join(quoteAll(vals), ", "), shorten(vals[len(vals)-1])), nil)
		}
	}
}

func quoteAll(s []string) []string {
	out := make([]string, len(s))
	for i, x := range s {
		out[i] = fmt.Sprintf("%q", shorten(x))
	}
	return out
}
