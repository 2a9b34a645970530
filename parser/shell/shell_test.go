package shell

import (
	"fmt"
	"strings"
	"testing"

	"github.com/jailfmt/jailfmt/internal/golden"
	"github.com/jailfmt/jailfmt/source"
)

// Dump prints commands one argument a line: its span, whether it is known
// (or may split), its value, and its pieces when there are several.
func Dump(cmds []Command) string {
	var b strings.Builder
	for _, c := range cmds {
		fmt.Fprintf(&b, "%s %s (%s)\n", span(c.Span), c.Name, c.Prog.Text())
		for _, w := range c.Args {
			state := "known"
			switch {
			case w.Splits:
				state = "splits"
			case !w.Known():
				state = "partly"
			}
			fmt.Fprintf(&b, "\t%s %s %q", span(w.Span), state, w.Text())
			if len(w.Pieces) > 1 || !w.Known() {
				for _, p := range w.Pieces {
					mark := "="
					if !p.Known {
						mark = "?"
					} else if !p.Exact {
						mark = "~"
					}
					fmt.Fprintf(&b, " %s%q", mark, p.Text)
				}
			}
			b.WriteByte('\n')
		}
	}
	return b.String()
}

func span(s source.Span) string {
	return fmt.Sprintf("%d:%d-%d:%d", s.Start.Line, s.Start.Col, s.End.Line, s.End.Col)
}

func TestCommands(t *testing.T) {
	golden.Each(t, "../../testdata/shell/*.sh", func(t *testing.T, path, base, src string) {
		cmds, err := Parse(source.New(path, src, source.Shell))
		if err != nil {
			t.Fatal(err)
		}
		checkSpans(t, src, cmds)
		golden.Check(t, base+".cmds", Dump(cmds))
	})
}

func TestErrors(t *testing.T) {
	golden.Each(t, "../../testdata/shell/errors/*.sh", func(t *testing.T, path, base, src string) {
		cmds, err := Parse(source.New("x.sh", src, source.Shell))
		if err == nil {
			t.Fatalf("no error; commands:\n%s", Dump(cmds))
		}
		golden.Check(t, base+".err", err.Error()+"\n")
	})
}

// checkSpans fails when an exact piece's text is not its source bytes or a
// span leaves the file.
func checkSpans(t *testing.T, src string, cmds []Command) {
	t.Helper()
	for _, c := range cmds {
		for _, w := range append([]Word{c.Prog}, c.Args...) {
			if w.Span.Start.Offset > w.Span.End.Offset || w.Span.End.Offset > len(src) {
				t.Fatalf("word span %+v outside the file", w.Span)
			}
			for _, p := range w.Pieces {
				if p.Span.Start.Offset < w.Span.Start.Offset || p.Span.End.Offset > w.Span.End.Offset {
					t.Fatalf("piece %q span %+v outside its word %+v", p.Text, p.Span, w.Span)
				}
				if p.Exact && src[p.Span.Start.Offset:p.Span.End.Offset] != p.Text {
					t.Fatalf("exact piece %q is %q in the source", p.Text, src[p.Span.Start.Offset:p.Span.End.Offset])
				}
			}
		}
	}
}

func TestWordOffsets(t *testing.T) {
	src := `jail -c name="my jail"x ip4.addr=$ip,10.0.0.1`
	cmds, err := Parse(source.New("x.sh", src, source.Shell))
	if err != nil || len(cmds) != 1 {
		t.Fatal(cmds, err)
	}
	w := cmds[0].Args[1]
	if w.Text() != "name=my jailx" || !w.Known() {
		t.Fatalf("word %q known=%v", w.Text(), w.Known())
	}
	if o, ok := w.Offset(4); !ok || src[o] != '=' {
		t.Errorf("Offset(4) = %d, %v", o, ok)
	}
	if o, ok := w.Offset(8); !ok || src[o:o+4] != "jail" {
		t.Errorf("Offset(8) = %d, %v", o, ok)
	}
	if sp, ok := w.Sub(5, 12); !ok || src[sp.Start.Offset:sp.End.Offset] != `my jail` {
		t.Errorf("Sub(5, 12) = %q, %v", src[sp.Start.Offset:sp.End.Offset], ok)
	}
	v := cmds[0].Args[2]
	if v.Known() || !v.Splits || v.KnownPrefix() != len("ip4.addr=") || !v.KnownIn(0, 9) || v.KnownIn(0, 10) {
		t.Errorf("ip4.addr word: known=%v splits=%v prefix=%d", v.Known(), v.Splits, v.KnownPrefix())
	}
}

// TestNestingLinear reads a deeply nested command substitution: the
// work must not grow with the square of the depth.
func TestNestingLinear(t *testing.T) {
	const depth = 2000
	src := strings.Repeat(`jail -c name="$(`, depth) + "x" + strings.Repeat(`)"`, depth) + "\n"
	cmds, err := Parse(source.New("deep.sh", src, source.Shell))
	if err != nil {
		t.Fatal(err)
	}
	if len(cmds) != depth {
		t.Fatalf("%d commands, want %d", len(cmds), depth)
	}
	total := 0
	for _, c := range cmds {
		for _, w := range c.Args {
			total += len(w.Text())
		}
	}
	if total > 100*depth {
		t.Errorf("argument texts hold %d bytes for %d bytes of script", total, len(src))
	}
}

func TestIsScript(t *testing.T) {
	for _, c := range []struct {
		name, src string
		want      bool
	}{
		{"provision.sh", "", true},
		{"/usr/local/etc/rc.d/myjails", "", true},
		{"deploy", "#!/bin/sh\n", true},
		{"deploy", "#! /usr/local/bin/bash -e\n", true},
		{"deploy", "#!/usr/bin/env zsh\n", true},
		{"deploy", "#!/usr/bin/env python3\n", false},
		{"jail.conf", "# sh\n", false},
		{"notes.shtml", "", false},
	} {
		if got := IsScript(c.name, c.src); got != c.want {
			t.Errorf("IsScript(%q, %q) = %v, want %v", c.name, c.src, got, c.want)
		}
	}
}

// BenchmarkParse reads a 10,000-line provisioning script.
func BenchmarkParse(b *testing.B) {
	var sb strings.Builder
	for i := 0; i < 2000; i++ {
		fmt.Fprintf(&sb, "for j in a%d b%d; do\n\tsudo jail -c name=\"$j\" path=/j/$j ip4.addr=10.0.%d.1,10.0.%d.2 sysvshm=new\n", i, i, i%256, i%256)
		fmt.Fprintf(&sb, "\techo \"iocage set allow_sysvipc=1 $j\"\ndone\niocage set sysvmsg=new a%d\n", i)
	}
	src := sb.String()
	b.SetBytes(int64(len(src)))
	for i := 0; i < b.N; i++ {
		cmds, err := Parse(source.New("bench.sh", src, source.Shell))
		if err != nil || len(cmds) != 4000 {
			b.Fatal(len(cmds), err)
		}
	}
}
