package rcconf

import (
	"strings"
	"testing"

	"github.com/jailfmt/jailfmt/internal/golden"
)

// FuzzParse checks that any input parses or fails with an error inside
// the file, never panics, and that every span lies inside the file with
// its start before its end. Seeds: every rc.conf-style file in testdata/.
func FuzzParse(f *testing.F) {
	golden.Seed(f, golden.Glob("../../testdata/rcconf/*.rc", "../../testdata/convert/*/rc.conf*", "../../testdata/convert/*/ezjail/*")...)
	f.Fuzz(func(t *testing.T, src string) {
		file, err := Parse("fuzz", src)
		if err != nil {
			e, ok := err.(*Error)
			if !ok || e.Pos.Offset < 0 || e.Pos.Offset > len(src) || e.Pos.Line < 1 {
				t.Fatalf("bad error %#v", err)
			}
			return
		}
		check := func(what string, s, e int) {
			if s < 0 || s > e || e > len(src) {
				t.Fatalf("%s span %d-%d outside the file (%d bytes)", what, s, e, len(src))
			}
		}
		for _, a := range file.Assigns {
			check("name", a.NameSpan.Start.Offset, a.NameSpan.End.Offset)
			check("value", a.ValueSpan.Start.Offset, a.ValueSpan.End.Offset)
			check("stmt", a.Stmt.Start.Offset, a.Stmt.End.Offset)
			if strings.ReplaceAll(src[a.NameSpan.Start.Offset:a.NameSpan.End.Offset], "\\\n", "") != a.Name {
				t.Fatalf("name span of %s holds %q", a.Name, src[a.NameSpan.Start.Offset:a.NameSpan.End.Offset])
			}
			if len(a.Value) > maxValue+len(src) {
				t.Fatalf("value of %d bytes", len(a.Value))
			}
		}
		for _, c := range file.Comments {
			check("comment", c.Span.Start.Offset, c.Span.End.Offset)
		}
		for _, c := range file.Commands {
			check("command", c.Span.Start.Offset, c.Span.End.Offset)
		}
	})
}
