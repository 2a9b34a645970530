package cmdline

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/jailfmt/jailfmt/internal/golden"
	"github.com/jailfmt/jailfmt/parser/markdown"
	"github.com/jailfmt/jailfmt/parser/shell"
	"github.com/jailfmt/jailfmt/source"
)

// describe prints what each command line means and its findings.
func describe(cmds []shell.Command) string {
	var b strings.Builder
	for _, c := range cmds {
		fmt.Fprintf(&b, "%s %s\n", pos(c.Span), c.Name)
		var fs []Finding
		switch c.Name {
		case "jail":
			j := ParseJail(c)
			fmt.Fprintf(&b, "\tform %s ops %s unsure %v\n", formNames[j.Form], opsString(j.Ops), j.Unsure)
			if j.Conf != nil {
				fmt.Fprintf(&b, "\tconf %s\n", value(*j.Conf))
			}
			for _, p := range j.Params {
				var vs []string
				for _, v := range p.Values {
					vs = append(vs, value(v))
				}
				name := p.Name
				if !p.NameKnown {
					name = "?" + name
				}
				fmt.Fprintf(&b, "\tparam %s %s bare=%v %s %s\n", pos(p.Span), name, p.Bare, p.Option, strings.Join(vs, " "))
			}
			for _, w := range j.Jails {
				fmt.Fprintf(&b, "\tjail %q\n", w.Text())
			}
			for _, v := range j.Command {
				fmt.Fprintf(&b, "\tcommand %s\n", value(v))
			}
			fs = j.Findings
		case "iocage":
			io := ParseIocage(c)
			fmt.Fprintf(&b, "\tsub %q plugin %v unsure %v\n", io.Sub, io.Plugin, io.Unsure)
			for _, o := range io.Options {
				v := ""
				if o.Value != nil {
					v = value(*o.Value)
				}
				fmt.Fprintf(&b, "\toption %s %s %s\n", pos(o.Span), o.Name, v)
			}
			for _, p := range io.Props {
				fmt.Fprintf(&b, "\tprop %s key %q@%s value %q@%s known=%v keyKnown=%v hasValue=%v\n",
					pos(p.Span), p.Key, pos(p.KeySpan), p.Value, pos(p.ValSpan), p.Known, p.KeyKnown, p.HasValue)
			}
			if io.Target != nil {
				fmt.Fprintf(&b, "\ttarget %s\n", value(*io.Target))
			}
			fs = io.Findings
		case "sysctl":
			s := ParseSysctl(c)
			if s.File != nil {
				fmt.Fprintf(&b, "\tfile %s\n", value(*s.File))
			}
			for _, st := range s.Settings {
				fmt.Fprintf(&b, "\tsetting %s %q known=%v hasValue=%v %s\n", pos(st.Span), st.Name, st.NameKnown, st.HasValue, value(st.Value))
			}
			fs = s.Findings
		}
		for _, f := range fs {
			fmt.Fprintf(&b, "\t%s: %s [%s] %s", pos(f.Span), f.Kind, f.Severity, f.Message)
			for _, e := range f.Edits {
				fmt.Fprintf(&b, " {%d-%d %q}", e.Start, e.End, e.New)
			}
			b.WriteByte('\n')
		}
	}
	return b.String()
}

var formNames = [...]string{"usage", "params", "config", "remove", "old", "exhibit"}

func opsString(o Op) string {
	var s []string
	for i, n := range []string{"c", "m", "r", "C"} {
		if o&(1<<i) != 0 {
			s = append(s, n)
		}
	}
	return "[" + strings.Join(s, ",") + "]"
}

func value(v Value) string {
	k := ""
	if !v.Known {
		k = "?"
	}
	return fmt.Sprintf("%s%q@%s", k, v.Text, pos(v.Span))
}

func pos(s source.Span) string {
	return fmt.Sprintf("%d:%d-%d:%d", s.Start.Line, s.Start.Col, s.End.Line, s.End.Col)
}

// findings returns what the command's program reading says of it.
func findings(c shell.Command) []Finding {
	switch c.Name {
	case "jail":
		return ParseJail(c).Findings
	case "iocage":
		return ParseIocage(c).Findings
	case "sysctl":
		return ParseSysctl(c).Findings
	}
	return nil
}

// edits returns every finding's edits for a file's commands.
func edits(cmds []shell.Command) []Edit {
	var out []Edit
	for _, c := range cmds {
		for _, f := range findings(c) {
			out = append(out, f.Edits...)
		}
	}
	return out
}

// read returns a script's or a Markdown file's commands.
func read(t *testing.T, path, src string) []shell.Command {
	t.Helper()
	if strings.HasSuffix(path, ".md") {
		cmds, _ := markdown.Commands(source.New(path, src, source.Markdown))
		return cmds
	}
	cmds, err := shell.Parse(source.New(path, src, source.Shell))
	if err != nil {
		t.Fatal(err)
	}
	return cmds
}

// fix applies all edits, re-reads, and repeats until none is left.
func fix(t *testing.T, path, src string) string {
	for round := 0; round < 10; round++ {
		cmds := read(t, path, src)
		es := edits(cmds)
		if len(es) == 0 {
			return src
		}
		sort.Slice(es, func(i, j int) bool { return es[i].Start > es[j].Start })
		for i, e := range es {
			if i > 0 && e.End > es[i-1].Start {
				t.Fatalf("overlapping edits %v %v", e, es[i-1])
			}
			src = src[:e.Start] + e.New + src[e.End:]
		}
	}
	t.Fatal("fixes do not converge")
	return ""
}

func TestCommandLines(t *testing.T) {
	for _, pattern := range []string{"../testdata/shell/*.sh", "../testdata/markdown/*.md"} {
		golden.Each(t, pattern, func(t *testing.T, path, base, src string) {
			golden.Check(t, base+".cmdline", describe(read(t, path, src)))
			golden.Check(t, base+".fixed", fix(t, path, src))
		})
	}
}

func TestRemoveArg(t *testing.T) {
	src := "iocage create -n a allow_sysvipc=\"1\" sysvshm=new\n" +
		"iocage set \\\nallow_sysvipc=1 sysvshm=new a\n"
	cmds := read(t, "x.sh", src)
	for _, c := range []struct {
		cmd, arg int
		want     string
	}{
		{0, 3, "iocage create -n a sysvshm=new\n"},
		{1, 1, "iocage set \\\nsysvshm=new a\n"},
	} {
		e, ok := RemoveArg(cmds[c.cmd], c.arg)
		if !ok {
			t.Fatalf("RemoveArg(%d, %d) refused", c.cmd, c.arg)
		}
		got := src[:e.Start] + e.New + src[e.End:]
		if !strings.Contains(got, c.want) {
			t.Errorf("RemoveArg(%d, %d) gives %q, want a line %q", c.cmd, c.arg, got, c.want)
		}
	}
}
