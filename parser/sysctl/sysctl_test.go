package sysctl

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jailfmt/jailfmt/internal/golden"
	"github.com/jailfmt/jailfmt/source"
)

func span(s source.Span) string {
	return fmt.Sprintf("%d:%d-%d:%d", s.Start.Line, s.Start.Col, s.End.Line, s.End.Col)
}

// TestParse prints what sysctl -f sets from each file: name and value
// with their spans, the comments, and the warnings.
func TestParse(t *testing.T) {
	golden.Each(t, "../../testdata/sysctl/*.sysctl", func(t *testing.T, path, base, src string) {
		f, warns := Parse(filepath.Base(path), src)
		var b strings.Builder
		for _, w := range warns {
			fmt.Fprintln(&b, w)
		}
		for _, e := range f.Entries {
			val := "(no value: sysctl -f prints it)"
			if e.HasValue {
				val = fmt.Sprintf("%q at %s %q", e.Value, span(e.ValueSpan), src[e.ValueSpan.Start.Offset:e.ValueSpan.End.Offset])
			}
			if len(val) > 120 {
				val = val[:60] + "..." + val[len(val)-40:]
			}
			fmt.Fprintf(&b, "line %s: %q at %s = %s\n", span(e.Line), e.Name, span(e.NameSpan), val)
		}
		for _, c := range f.Comments {
			fmt.Fprintf(&b, "comment %s %q\n", span(c), src[c.Start.Offset:c.End.Offset])
		}
		golden.Check(t, base+".golden", b.String())
	})
}

// TestLines checks that the entries' lines cover whole lines, so that
// deleting one removes exactly that setting.
func TestLines(t *testing.T) {
	src := "a=1\n  b = 2 # x\nc=3"
	f, _ := Parse("x", src)
	var got []string
	for _, e := range f.Entries {
		got = append(got, src[:e.Line.Start.Offset]+src[e.Line.End.Offset:])
	}
	want := []string{"  b = 2 # x\nc=3", "a=1\nc=3", "a=1\n  b = 2 # x\n"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("removals = %q", got)
	}
}
