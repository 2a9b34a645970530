package lint

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/jailfmt/jailfmt/freebsd"
)

func init() {
	register(&Rule{
		ID: "JF2002", Name: "sysv-numeric-value", Severity: Warning, Since: "0.1", Fixable: true,
		Title: "sysvmsg/sysvsem/sysvshm written as 0, 1, 2 or with no value",
		Doc: "libjail accepts the jailsys values as numbers: 0 is disable, 1 is new and 2 is inherit, in any " +
			"spelling strtol reads (`01`, `+1`, `-0`, `\" 2\"` with leading white space), and a " +
			"bare `sysvshm;` (or an empty value) means new. That reads wrongly: `sysvmsg = 1` looks like " +
			"\"allowed\" or \"like the host\", but it gives the jail a private namespace. The fix writes the " +
			"name of the value; what the jail gets does not change.",
		Bad:  "sysvmsg = 1;\nsysvshm;",
		Good: "sysvmsg = new;\nsysvshm = new;",
		Run:  runSysvNumeric,
	})
}

func runSysvNumeric(p *Pass) {
	if !p.hasSysvParams() {
		return
	}
	for _, i := range p.named(sysvParams[:]...) {
		ref := &p.shared.stmts[i]
		f, st := ref.f, ref.st
		name := ref.name
		var edit Edit
		var msg, word string
		switch n := len(st.Tail.Values); {
		case n == 0:
			word = "new"
			edit = Edit{File: f.File, Start: st.Name.Pos.Offset + len(st.Name.Raw), End: st.Tail.SemiAt.Offset, New: " = new"}
			msg = fmt.Sprintf("%s; with no value means new (a private System V IPC namespace for the jail); write %s = new;", name, name)
		case n == 1:
			v := &st.Tail.Values[0]
			d := v.Decode()
			if len(d.Vars) > 0 {
				continue
			}
			// Any spelling strtol reads as 0, 1 or 2 ("01", "+1", "-0",
			// " 2"), or the empty value; names and what sysv-invalid-value
			// reports are left alone.
			n, ok := freebsd.ParseJailsys(d.Text)
			if !ok || n < sysDisable || n > sysInherit || d.Text != "" && strings.EqualFold(d.Text, freebsd.JailsysNames[n]) {
				continue
			}
			word = freebsd.JailsysNames[n]
			edit = Edit{File: f.File, Start: v.Pos().Offset, End: v.End(), New: word}
			shown := shorten(d.Text)
			if v.Chunks[0].Raw[0] == '"' || v.Chunks[0].Raw[0] == '\'' || shown == "" {
				shown = strconv.Quote(shown)
			}
			msg = fmt.Sprintf("%s = %s means %s, not \"allowed\": write %s = %s;", name, shown, word, name, word)
		default:
			continue
		}
		var fix *Fix
		if !p.referenced(name) { // a value used as a variable elsewhere would change there
			fix = &Fix{Message: "write " + name + " = " + word, Changes: []string{name}, Edits: []Edit{edit}, Local: true}
		}
		p.Report(f, st, msg, fix)
	}
}
