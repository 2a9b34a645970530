package iocage

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jailfmt/jailfmt/internal/golden"
	ioc "github.com/jailfmt/jailfmt/iocage"
	"github.com/jailfmt/jailfmt/source"
)

// jsonFiles returns every .json file under dir.
func jsonFiles(t testing.TB, dir string) []string {
	var out []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".json") {
			out = append(out, p)
		}
		return nil
	})
	if len(out) == 0 {
		t.Fatalf("no JSON files under %s", dir)
	}
	return out
}

func span(s source.Span) string {
	return fmt.Sprintf("%d:%d-%d:%d", s.Start.Line, s.Start.Col, s.End.Line, s.End.Col)
}

func text(f *source.File, s source.Span) string { return f.Src[s.Start.Offset:s.End.Offset] }

var kindNames = map[ioc.Kind]string{ioc.KindString: "string", ioc.KindNumber: "number", ioc.KindBool: "bool", ioc.KindNull: "null", ioc.KindComposite: "composite"}

// dumpProp prints a property: spans, the source text, how it was written
// and what iocage makes of it.
func dumpProp(b *strings.Builder, p *ioc.Prop) {
	f := p.Origin.File
	fmt.Fprintf(b, "%s %s = %s %s  %s %q iocage=%q\n", span(p.Origin.Key), p.Key, span(p.Origin.Value),
		text(f, p.Origin.Value), kindNames[p.Kind], p.Text, p.Normalized())
}

func dumpErrs(b *strings.Builder, errs []*source.Error) {
	for _, e := range errs {
		fmt.Fprintln(b, e.Error())
	}
}

// TestJSON reads every JSON file of the fake iocage root and the error
// cases: role, each property with its spans and iocage's value, the
// defaults.json it inherits from, warnings and errors.
func TestJSON(t *testing.T) {
	for _, path := range append(jsonFiles(t, "../../testdata/iocage/root"), append(jsonFiles(t, "../../testdata/iocage/errors"), jsonFiles(t, "../../testdata/iocage/misc")...)...) {
		t.Run(path, func(t *testing.T) {
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			name := filepath.ToSlash(strings.TrimPrefix(path, "../../testdata/iocage/"))
			c, errs := ParseJSON(name, string(src))
			var b strings.Builder
			dumpErrs(&b, errs)
			if c != nil {
				fmt.Fprintf(&b, "role: %s\n", c.Role)
				if d, ok := FindDefaults(path); ok {
					dir, _ := filepath.Abs(filepath.Dir(path))
					rel, _ := filepath.Rel(dir, d)
					fmt.Fprintf(&b, "defaults: %s\n", filepath.ToSlash(rel))
				}
				for i := range c.Props {
					dumpProp(&b, &c.Props[i])
				}
			}
			golden.Check(t, path+".golden", b.String())
		})
	}
}

// TestRemoval removes each property in turn and checks that the rest of
// the file reads back to the same properties, every other byte kept.
func TestRemoval(t *testing.T) {
	for _, path := range jsonFiles(t, "../../testdata/iocage/root") {
		src, _ := os.ReadFile(path)
		c, errs := ParseJSON(path, string(src))
		if c == nil {
			t.Fatalf("%s: %v", path, errs)
		}
		for i := range c.Props {
			r := c.Removal(i)
			out := string(src[:r.Start.Offset]) + string(src[r.End.Offset:])
			again, errs := ParseJSON(path, out)
			if again == nil {
				t.Fatalf("%s: removing %s: %v\n%s", path, c.Props[i].Key, errs, out)
			}
			var want, got []string
			for j, p := range c.Props {
				if j != i {
					want = append(want, p.Key+"="+p.Text)
				}
			}
			for _, p := range again.Props {
				got = append(got, p.Key+"="+p.Text)
			}
			if strings.Join(want, "\n") != strings.Join(got, "\n") {
				t.Errorf("%s: removing %s left\n%s", path, c.Props[i].Key, strings.Join(got, "\n"))
			}
			if len(out) != len(src)-(r.End.Offset-r.Start.Offset) || strings.Count(out, "\n") < strings.Count(string(src), "\n")-1 {
				t.Errorf("%s: removing %s changed more than its line", path, c.Props[i].Key)
			}
		}
	}
}

func TestFindDefaults(t *testing.T) {
	root := "../../testdata/iocage/root/iocage"
	want, _ := filepath.Abs(root + "/defaults.json")
	for _, p := range []string{root + "/jails/db/config.json", root + "/templates/base/config.json", root + "/jails/gitlab/gitlab.json"} {
		if got, ok := FindDefaults(p); !ok || got != want {
			t.Errorf("FindDefaults(%s) = %q, %v; want %q", p, got, ok, want)
		}
	}
	if got, ok := FindDefaults(root + "/defaults.json"); ok {
		t.Errorf("FindDefaults(defaults.json) = %q", got)
	}
	lone := filepath.Join(t.TempDir(), "jails", "x", "config.json")
	if got, ok := FindDefaults(lone); ok {
		t.Errorf("FindDefaults outside a root = %q", got)
	}
}

// TestList reads the property lists: every entry with its spans, the
// value after the shell's quote removal, and the errors.
func TestList(t *testing.T) {
	golden.Each(t, "../../testdata/iocage/props/*.props", func(t *testing.T, path, base, src string) {
		l, errs := ParseList(filepath.Base(path), src)
		var b strings.Builder
		dumpErrs(&b, errs)
		if l != nil {
			for _, e := range l.Entries {
				form := map[Form]string{Arg: "arg", Get: "get"}[e.Form]
				fmt.Fprintf(&b, "%s %s word=%q", form, span(e.Word), text(l.File, e.Word))
				if !e.HasValue {
					fmt.Fprintf(&b, " no value\n")
					continue
				}
				if e.Dynamic {
					b.WriteString(" dynamic")
				}
				b.WriteString("\n  ")
				dumpProp(&b, &e.Prop)
			}
			for _, c := range l.Comments {
				fmt.Fprintf(&b, "comment %s %q\n", span(c), text(l.File, c))
			}
		}
		golden.Check(t, base+".golden", b.String())
	})
}

// TestParseWord feeds the words of a list one by one, as a shell-script
// walker would, and gets the same entries.
func TestParseWord(t *testing.T) {
	src, _ := os.ReadFile("../../testdata/iocage/props/set-args.props")
	l, errs := ParseList("set-args.props", string(src))
	if l == nil {
		t.Fatal(errs)
	}
	for _, e := range l.Entries {
		w, err := ParseWord(l.File, e.Word.Start.Offset, e.Word.End.Offset)
		if err != nil {
			t.Fatalf("%s: %v", text(l.File, e.Word), err)
		}
		if w.Key != e.Key || w.Text != e.Text || w.Origin != e.Origin || w.Dynamic != e.Dynamic {
			t.Errorf("ParseWord(%q) = %+v, want %+v", text(l.File, e.Word), w, e)
		}
	}
	if _, err := ParseWord(l.File, 0, len(src)); err == nil {
		t.Error("ParseWord accepted a whole file")
	}
}

// TestPropGrammar keeps the property-list grammar in review: a change
// shows up as a diff of testdata/iocage/props.ebnf.
func TestPropGrammar(t *testing.T) {
	golden.Check(t, "../../testdata/iocage/props.ebnf", PropGrammar()+"\n")
}
