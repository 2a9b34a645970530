package lint

import (
	"fmt"

	"github.com/jailfmt/jailfmt/freebsd"
	"github.com/jailfmt/jailfmt/parser"
)

func init() {
	register(&Rule{
		ID: "JF1004", Name: "no-prefix", Severity: Error, Since: "0.1",
		Title: "\"no\" prefix in the wrong place or on a parameter that is not boolean",
		Doc: "A boolean is switched off by putting `no` in front of the last component of its name: " +
			"`allow.nomount`, `allow.mount.nonullfs`, `nopersist`. libjail looks for the prefix there only, so " +
			"`noallow.mount` is an unknown parameter, and the prefix on a parameter that is not boolean " +
			"(`nopath`, `nosecurelevel`) is rejected too; the jail does not start.",
		Bad:  "a {\n\tnoallow.mount;\n\tnosecurelevel;\n}",
		Good: "a {\n\tallow.nomount;\n\tsecurelevel = 0;\n}",
		Run:  runNoPrefix,
	})
}

func runNoPrefix(p *Pass) {
	negated := func(name string, info *nameInfo) bool {
		return name != "" && (info.misplaced != "" || info.ref.Known && info.ref.Negated)
	}
	p.eachParam(negated, func(f *parser.File, st *parser.Stmt, name string, info *nameInfo) {
		if base := info.misplaced; base != "" {
			p.ReportRange(f, st.Name.Pos, nameEnd(f, st), fmt.Sprintf("%s: the \"no\" goes on the last component, so libjail does not know this name and the jail does not start; write %s", name, noForm(base)), nil)
			return
		}
		ref := info.ref
		if ref.Known && ref.Negated && ref.Kind != freebsd.Bool && ref.Kind != freebsd.IntBool && ref.Kind != freebsd.Jailsys {
			p.ReportRange(f, st.Name.Pos, nameEnd(f, st), fmt.Sprintf("%s: %s is not a boolean, so it has no \"no\" form and the jail does not start; set a value instead", name, ref.Base), nil)
		}
	})
}

// noForm returns the false form of a boolean name.
func noForm(base string) string {
	for i := len(base) - 1; i >= 0; i-- {
		if base[i] == '.' {
			return base[:i+1] + "no" + base[i+1:]
		}
	}
	return "no" + base
}
