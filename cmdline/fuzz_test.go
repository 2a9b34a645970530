package cmdline

import (
	"testing"

	"github.com/jailfmt/jailfmt/internal/golden"
	"github.com/jailfmt/jailfmt/parser/markdown"
	"github.com/jailfmt/jailfmt/parser/shell"
	"github.com/jailfmt/jailfmt/source"
)

// FuzzCommandLines reads arbitrary text as a script and as Markdown and
// interprets every command found: nothing may panic, and every span and
// edit must lie inside the file.
func FuzzCommandLines(f *testing.F) {
	golden.Seed(f, golden.Glob("../testdata/shell/*.sh", "../testdata/shell/errors/*.sh", "../testdata/markdown/*.md")...)
	f.Fuzz(func(t *testing.T, src string) {
		var all []shell.Command
		if cmds, err := shell.Parse(source.New("f.sh", src, source.Shell)); err == nil {
			all = append(all, cmds...)
		} else if _, ok := err.(*shell.Error); !ok {
			t.Fatalf("error of type %T: %v", err, err)
		}
		cmds, _ := markdown.Commands(source.New("f.md", src, source.Markdown))
		all = append(all, cmds...)
		inside := func(what string, s source.Span) {
			if s.Start.Offset < 0 || s.Start.Offset > s.End.Offset || s.End.Offset > len(src) {
				t.Fatalf("%s span %+v outside the file (%d bytes)", what, s, len(src))
			}
		}
		for _, c := range all {
			inside("command", c.Span)
			for _, w := range c.Args {
				inside("word", w.Span)
				for _, p := range w.Pieces {
					inside("piece", p.Span)
					if p.Exact && src[p.Span.Start.Offset:p.Span.End.Offset] != p.Text {
						t.Fatalf("exact piece %q is %q in the file", p.Text, src[p.Span.Start.Offset:p.Span.End.Offset])
					}
				}
			}
			for _, fd := range findings(c) {
				inside("finding", fd.Span)
				for _, e := range fd.Edits {
					if e.Start < 0 || e.Start > e.End || e.End > len(src) {
						t.Fatalf("edit %+v outside the file", e)
					}
				}
			}
		}
	})
}
