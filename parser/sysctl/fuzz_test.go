package sysctl

import (
	"testing"

	"github.com/jailfmt/jailfmt/internal/golden"
	"github.com/jailfmt/jailfmt/source"
)

// FuzzParse: any input reads without a panic; every span lies inside the
// file with matching line:col, and entries' lines follow each other.
// Seeds: testdata/sysctl.
func FuzzParse(f *testing.F) {
	golden.Seed(f, golden.Glob("../../testdata/sysctl/*.sysctl")...)
	f.Fuzz(func(t *testing.T, src string) {
		file, warns := Parse("sysctl.conf", src)
		for _, w := range warns {
			if w.Pos.Line < 1 || w.Pos.Offset > len(src) {
				t.Fatalf("bad warning position: %v", w)
			}
		}
		check := func(what string, s source.Span) {
			if s.Start.Offset < 0 || s.Start.Offset > s.End.Offset || s.End.Offset > len(src) ||
				file.Position(s.Start.Offset) != s.Start || file.Position(s.End.Offset) != s.End {
				t.Fatalf("%s: bad span %+v", what, s)
			}
		}
		prev := 0
		for _, e := range file.Entries {
			check("line", e.Line)
			check("name", e.NameSpan)
			check("value", e.ValueSpan)
			if e.Line.Start.Offset < prev {
				t.Fatalf("lines out of order")
			}
			prev = e.Line.End.Offset
		}
		for _, c := range file.Comments {
			check("comment", c)
		}
	})
}
