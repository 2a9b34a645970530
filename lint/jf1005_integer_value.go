package lint

import (
	"fmt"

	"github.com/jailfmt/jailfmt/freebsd"
	"github.com/jailfmt/jailfmt/parser"
	"github.com/jailfmt/jailfmt/resolve"
)

func init() {
	register(&Rule{
		ID: "JF1005", Name: "integer-value", Severity: Error, Since: "0.1",
		Title: "integer parameter with a value that is not a base-10 integer",
		Doc: "Integer parameters (`securelevel`, `devfs_ruleset`, `enforce_statfs`, `children.max`, " +
			"`exec.timeout`, `stop.timeout`, `exec.fib`, ...) are read with strtol in base 10 over the whole " +
			"string: `0x10`, `2s` or `high` are rejected and the jail does not start.",
		Bad:  "a {\n\tdevfs_ruleset = 0x10;\n\tstop.timeout = 30s;\n}",
		Good: "a {\n\tdevfs_ruleset = 16;\n\tstop.timeout = 30;\n}",
		Run:  runIntegerValue,
	})
}

func runIntegerValue(p *Pass) {
	integer := func(name string, info *nameInfo) bool {
		ref := info.ref
		return name != "" && ref.Known && !ref.Negated && (ref.Kind == freebsd.Int || ref.Kind == freebsd.IntInt)
	}
	p.eachParam(integer, func(f *parser.File, st *parser.Stmt, name string, info *nameInfo) {
		if len(st.Tail.Values) == 0 {
			return
		}
		ref := info.ref
		d := st.Tail.Values[len(st.Tail.Values)-1].Decode()
		if len(d.Vars) > 0 || isInt(d.Text) || d.Text == "" && ref.Kind == freebsd.Int {
			return
		}
		p.Report(f, st, notInteger(name, d.Text, ""), nil)
	})
	p.eachOriginValue(func(name, text string, src resolve.Source) {
		ref := freebsd.Lookup(name)
		if ref.Known && !ref.Negated && (ref.Kind == freebsd.Int || ref.Kind == freebsd.IntInt) && !isInt(text) && text != "" {
			p.ReportAt(src, notInteger(name, text, " (from "+src.Origin.Key+")"), nil)
		}
	})
}

// notInteger is the message for a value that is not an integer; from
// names the native setting it came from, when not a jail.conf statement.
func notInteger(name, text, from string) string {
	return fmt.Sprintf("%s = %q%s is not a base-10 integer, so the jail does not start; write a number such as %s = 0", name, shorten(text), from, name)
}
