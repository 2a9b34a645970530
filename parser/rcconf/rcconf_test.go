package rcconf

import (
	"fmt"
	"strings"
	"testing"

	"github.com/jailfmt/jailfmt/internal/golden"
	"github.com/jailfmt/jailfmt/source"
)

// dump renders what Parse read: each assignment with its spans, value and
// form, then comments, commands and warnings (or the syntax error).
func dump(name, src string) string {
	f, err := Parse(name, src)
	if err != nil {
		return "error: " + err.Error() + "\n"
	}
	var b strings.Builder
	sp := func(s source.Span) string {
		return fmt.Sprintf("%d:%d-%d:%d", s.Start.Line, s.Start.Col, s.End.Line, s.End.Col)
	}
	for _, a := range f.Assigns {
		fmt.Fprintf(&b, "assign %s name=%s value=%s stmt=%s", a.Name, sp(a.NameSpan), sp(a.ValueSpan), sp(a.Stmt))
		if a.Decl != "" {
			fmt.Fprintf(&b, " %s", a.Decl)
		}
		if a.Nested {
			b.WriteString(" nested")
		}
		if a.ValueSpan.End.Offset < a.ValueSpan.Start.Offset {
			b.WriteString("\tBAD VALUE SPAN\n")
		}
		if a.Known {
			fmt.Fprintf(&b, "\n\t= %q\n", a.Value)
		} else {
			fmt.Fprintf(&b, "\n\tnot known: %s\n", a.Reason)
		}
		if got := strings.ReplaceAll(src[a.NameSpan.Start.Offset:a.NameSpan.End.Offset], "\\\n", ""); got != a.Name {
			fmt.Fprintf(&b, "\tBAD NAME SPAN %q\n", got)
		}
	}
	for _, c := range f.Comments {
		fmt.Fprintf(&b, "comment %s %q\n", sp(c.Span), c.Text)
	}
	for _, c := range f.Commands {
		fmt.Fprintf(&b, "command %s %s\n", sp(c.Span), c.What)
	}
	for _, w := range f.Warnings {
		fmt.Fprintf(&b, "warning %s\n", w.Error())
	}
	return b.String()
}

func TestGolden(t *testing.T) {
	golden.Each(t, "../../testdata/rcconf/*.rc", func(t *testing.T, path, base, src string) {
		golden.Check(t, base+".golden", dump("rc.conf", src))
	})
}
