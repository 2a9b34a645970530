package iocage

import (
	"path/filepath"
	"testing"

	"github.com/jailfmt/jailfmt/internal/golden"
	"github.com/jailfmt/jailfmt/source"
)

// checkSpan fails unless s lies inside f with positions that match its
// offsets.
func checkSpan(t *testing.T, f *source.File, what string, s source.Span) {
	t.Helper()
	if s.Start.Offset < 0 || s.Start.Offset > s.End.Offset || s.End.Offset > len(f.Src) {
		t.Fatalf("%s: span %+v outside the file (%d bytes)", what, s, len(f.Src))
	}
	if f.Position(s.Start.Offset) != s.Start || f.Position(s.End.Offset) != s.End {
		t.Fatalf("%s: span %+v has wrong line:col", what, s)
	}
}

func checkErrs(t *testing.T, src string, errs []*source.Error) {
	t.Helper()
	for _, e := range errs {
		if e.Pos.Line < 1 || e.Pos.Col < 1 || e.Pos.Offset > len(src) {
			t.Fatalf("bad error position: %v", e)
		}
	}
}

// FuzzJSON: any input gives a config or an error, never a panic; every
// span (keys, values, removals) lies inside the file. Seeds: every JSON
// file under testdata/iocage.
func FuzzJSON(f *testing.F) {
	for _, dir := range []string{"root", "errors", "misc"} {
		golden.Seed(f, jsonFiles(f, filepath.Join("../../testdata/iocage", dir))...)
	}
	f.Fuzz(func(t *testing.T, src string) {
		c, errs := ParseJSON("jails/x/config.json", src)
		checkErrs(t, src, errs)
		if c == nil {
			if len(errs) == 0 {
				t.Fatal("no config and no error")
			}
			return
		}
		for i := range c.Props {
			p := &c.Props[i]
			checkSpan(t, c.File, p.Key+" key", p.Origin.Key)
			checkSpan(t, c.File, p.Key+" value", p.Origin.Value)
			checkSpan(t, c.File, p.Key+" removal", c.Removal(i))
		}
	})
}

// FuzzList: the same for property lists. Seeds: testdata/iocage/props.
func FuzzList(f *testing.F) {
	golden.Seed(f, golden.Glob("../../testdata/iocage/props/*.props")...)
	f.Fuzz(func(t *testing.T, src string) {
		l, errs := ParseList("x.props", src)
		checkErrs(t, src, errs)
		if l == nil {
			if len(errs) == 0 {
				t.Fatal("no list and no error")
			}
			return
		}
		for _, e := range l.Entries {
			checkSpan(t, l.File, e.Key+" word", e.Word)
			checkSpan(t, l.File, e.Key+" key", e.Origin.Key)
			checkSpan(t, l.File, e.Key+" value", e.Origin.Value)
		}
	})
}
