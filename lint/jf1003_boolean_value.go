package lint

import (
	"fmt"
	"strings"

	"github.com/jailfmt/jailfmt/freebsd"
	"github.com/jailfmt/jailfmt/parser"
	"github.com/jailfmt/jailfmt/resolve"
)

func init() {
	register(&Rule{
		ID: "JF1003", Name: "boolean-value", Severity: Error, Since: "0.1", Fixable: true,
		Title: "boolean parameter with a value other than true, false or a number",
		Doc: "Boolean parameters take no value (true), `true` or `false` in any case, or an integer " +
			"(non-zero is true). libjail rejects `yes`, `no`, `on` and `off` for kernel booleans, and jail(8) " +
			"rejects them for its own (`exec.clean`, `mount.devfs`, ...: \"unknown boolean value\"); the jail " +
			"does not start. The fix writes `true` or `false`.",
		Bad:  "a {\n\tpersist = yes;\n\tmount.devfs = off;\n}",
		Good: "a {\n\tpersist = true;\n\tmount.devfs = false;\n}",
		Run:  runBooleanValue,
	})
}

func runBooleanValue(p *Pass) {
	boolean := func(name string, info *nameInfo) bool {
		ref := info.ref
		return name != "" && ref.Known && (ref.Kind == freebsd.Bool || ref.Kind == freebsd.IntBool)
	}
	p.eachParam(boolean, func(f *parser.File, st *parser.Stmt, name string, info *nameInfo) {
		if len(st.Tail.Values) == 0 {
			return
		}
		ref := info.ref
		v := &st.Tail.Values[len(st.Tail.Values)-1]
		d := v.Decode()
		if len(d.Vars) > 0 || isInt(d.Text) || strings.EqualFold(d.Text, "true") || strings.EqualFold(d.Text, "false") {
			return
		}
		if d.Text == "" && ref.Kind == freebsd.Bool {
			return // libjail reads an empty value as 0
		}
		word := ""
		switch strings.ToLower(d.Text) {
		case "yes", "on":
			word = "true"
		case "no", "off":
			word = "false"
		}
		if ref.Base == "allow.sysvipc" {
			// What it meant decides every System V IPC resource: never guess
			// (legacy-sysvipc says what to write instead).
			p.Report(f, st, fmt.Sprintf("%s = %q: libjail refuses it (\"%s: unknown boolean value \\\"%s\\\"\") and the jail does not start; it is not fixed automatically: write sysvmsg, sysvsem and sysvshm = disable, new or inherit instead", name, shorten(d.Text), name, shorten(d.Text)), nil)
			return
		}
		if word != "" {
			var fix *Fix
			if !p.referenced(name) {
				fix = &Fix{Message: "write " + word, Changes: []string{name}, Local: true,
					Edits: []Edit{{File: f.File, Start: v.Pos().Offset, End: v.End(), New: word}}}
			}
			p.Report(f, st, fmt.Sprintf("%s = %s: booleans take true, false or a number, so the jail does not start; write %s = %s;", name, shorten(d.Text), name, word), fix)
			return
		}
		p.Report(f, st, fmt.Sprintf("%s = %q is not a boolean, so the jail does not start; write true or false", name, shorten(d.Text)), nil)
	})
	p.eachOriginValue(func(name, text string, src resolve.Source) {
		ref := freebsd.Lookup(name)
		if !ref.Known || ref.Kind != freebsd.Bool && ref.Kind != freebsd.IntBool || text == "" ||
			isInt(text) || strings.EqualFold(text, "true") || strings.EqualFold(text, "false") {
			return
		}
		p.ReportAt(src, fmt.Sprintf("%s = %q (from %s) is not a boolean, so the jail does not start; write true or false", name, shorten(text), src.Origin.Key), nil)
	})
}
