package lint

import (
	"fmt"
	"strings"

	"github.com/jailfmt/jailfmt/parser"
)

func init() {
	register(&Rule{
		ID: "JF1015", Name: "nul-in-value", Severity: Warning, Since: "0.2",
		Title: "a NUL byte inside a value: jail(8) cuts the value there",
		Doc: "jail(8) keeps every piece of a value as a C string, so a NUL byte in it, written as is inside " +
			"quotes or as an escape (`\\0`, `\\x00`, `\\x`, `\\400`), ends that piece: `path = \"/jails/a\\0old\"` " +
			"is `/jails/a`, silently. Remove the NUL byte, or end the value where it was meant to end.",
		Bad:  "a {\n\tpath = \"/jails/a\\0old\";\n}",
		Good: "a {\n\tpath = \"/jails/a\";\n}",
		Run:  runNulInValue,
	})
}

func runNulInValue(p *Pass) {
	// Only a NUL byte or an escape puts a NUL in a value: most
	// configurations hold neither anywhere.
	suspect := false
	for _, f := range p.Result.Files {
		suspect = suspect || strings.IndexByte(f.Src, 0) >= 0 || strings.IndexByte(f.Src, '\\') >= 0
	}
	if !suspect {
		return
	}
	p.eachParam(nil, func(f *parser.File, st *parser.Stmt, name string, info *nameInfo) {
		for i := range st.Tail.Values {
			v := &st.Tail.Values[i]
			for _, c := range v.Chunks {
				if c.Var || !hasNUL(c.Raw) {
					continue
				}
				d := v.Decode()
				p.Report(f, st, fmt.Sprintf("%s: the value holds a NUL byte, where jail(8) ends it: it reads %q; remove the NUL byte", name, shorten(d.Text)), nil)
				return
			}
		}
	})
}

// hasNUL reports whether a value chunk holds a NUL byte, as is or from
// an escape: parser.Unescape cuts its result at the first one, so a
// marker appended to the chunk's text survives only if there is none (no
// escape takes "Z" as an argument).
func hasNUL(raw string) bool {
	text := raw
	if raw[0] == '"' || raw[0] == '\'' {
		text = raw[1 : len(raw)-1]
	}
	if strings.IndexByte(text, 0) >= 0 {
		return true
	}
	return strings.IndexByte(text, '\\') >= 0 && !strings.HasSuffix(parser.Unescape(text+"Z"), "Z")
}
