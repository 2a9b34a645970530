package source

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestPosition(t *testing.T) {
	f := New("x", "ab\n\ncd", JailConf)
	for _, c := range []struct {
		off  int
		want Pos
	}{
		{0, Pos{0, 1, 1}}, {2, Pos{2, 1, 3}}, {3, Pos{3, 2, 1}}, {4, Pos{4, 3, 1}}, {6, Pos{6, 3, 3}},
		{99, Pos{6, 3, 3}}, {-1, Pos{0, 1, 1}},
	} {
		if d := cmp.Diff(c.want, f.Position(c.off)); d != "" {
			t.Errorf("Position(%d): %s", c.off, d)
		}
	}
	if s := f.Span(0, 3); s.Start.Line != 1 || s.End.Line != 2 {
		t.Errorf("Span(0,3) = %+v", s)
	}
}

func TestFormatNames(t *testing.T) {
	for f := JailConf; f <= Markdown; f++ {
		g, ok := ParseFormat(f.String())
		if !ok || g != f {
			t.Errorf("ParseFormat(%q) = %v, %v", f.String(), g, ok)
		}
	}
	if _, ok := ParseFormat("ini"); ok {
		t.Error("ParseFormat accepted ini")
	}
}
