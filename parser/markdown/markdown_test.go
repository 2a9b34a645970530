package markdown

import (
	"fmt"
	"strings"
	"testing"

	"github.com/jailfmt/jailfmt/internal/golden"
	"github.com/jailfmt/jailfmt/source"
)

func pos(s source.Span) string {
	return fmt.Sprintf("%d:%d-%d:%d", s.Start.Line, s.Start.Col, s.End.Line, s.End.Col)
}

func TestCommands(t *testing.T) {
	golden.Each(t, "../../testdata/markdown/*.md", func(t *testing.T, path, base, src string) {
		f := source.New(path, src, source.Markdown)
		var b strings.Builder
		for _, bl := range Blocks(f) {
			fmt.Fprintf(&b, "block %s at %s, %d script(s)\n", bl.Lang, pos(bl.Fence), len(bl.Scripts))
		}
		cmds, errs := Commands(f)
		for _, c := range cmds {
			fmt.Fprintf(&b, "%s %s\n", pos(c.Span), c.Name)
			for _, w := range c.Args {
				// Every exact piece must be the Markdown file's bytes at its span.
				for _, p := range w.Pieces {
					if got := src[p.Span.Start.Offset:p.Span.End.Offset]; p.Exact && got != p.Text {
						t.Errorf("piece %q at %s is %q in the file", p.Text, pos(p.Span), got)
					}
				}
				fmt.Fprintf(&b, "\t%s %q known=%v\n", pos(w.Span), w.Text(), w.Known())
			}
		}
		for _, err := range errs {
			fmt.Fprintf(&b, "error: %v\n", err)
		}
		golden.Check(t, base+".cmds", b.String())
	})
}

func TestFence(t *testing.T) {
	for _, c := range []struct {
		line string
		ok   bool
		info string
	}{
		{"```sh", true, "sh"}, {"~~~~ console  ", true, "console"}, {"``", false, ""},
		{"```sh`x", false, ""}, {"   ```", true, ""}, {"text ```sh", false, ""},
	} {
		_, _, _, info, ok := fence(c.line)
		if ok != c.ok || info != c.info {
			t.Errorf("fence(%q) = %q, %v; want %q, %v", c.line, info, ok, c.info, c.ok)
		}
	}
}
