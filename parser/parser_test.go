package parser

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/jailfmt/jailfmt/internal/golden"
)

// dump renders the AST as indented text for golden tests.
func dump(f *File) string {
	var b strings.Builder
	var walk func([]*Stmt, string)
	walk = func(stmts []*Stmt, ind string) {
		for _, s := range stmts {
			p := s.Pos()
			switch {
			case s.Semi != nil:
				fmt.Fprintf(&b, "%s%d:%d empty\n", ind, p.Line, p.Col)
			case s.Body != nil:
				fmt.Fprintf(&b, "%s%d:%d block %q { at %d:%d, } at %d:%d\n", ind, p.Line, p.Col, s.Name.Raw,
					s.Body.Open.Pos.Line, s.Body.Open.Pos.Col, s.Body.Close.Pos.Line, s.Body.Close.Pos.Col)
				walk(s.Body.Stmts, ind+"  ")
			default:
				ops := [...]string{"none", "=", "+=", "name-value"}
				fmt.Fprintf(&b, "%s%d:%d param %q var=%v op=%s include=%v ; at %d:%d\n", ind, p.Line, p.Col,
					s.Name.Raw, s.Name.Var, ops[s.Tail.Op], s.IsInclude(), s.Tail.SemiAt.Line, s.Tail.SemiAt.Col)
				for i := range s.Tail.Values {
					v := &s.Tail.Values[i]
					d := v.Decode()
					fmt.Fprintf(&b, "%s  value %q -> %q vars=%v\n", ind, v.Raw(f.Src), d.Text, d.Vars)
					for _, c := range v.Chunks {
						fmt.Fprintf(&b, "%s    chunk %d:%d %q var=%v\n", ind, c.Pos.Line, c.Pos.Col, c.Raw, c.Var)
					}
				}
			}
		}
	}
	walk(f.Stmts, "")
	for _, c := range f.Comments {
		fmt.Fprintf(&b, "comment %d:%d-%d %q\n", c.Pos.Line, c.Pos.Col, c.EndLine, c.Text)
	}
	if f.NUL >= 0 {
		fmt.Fprintf(&b, "NUL at offset %d\n", f.NUL)
	}
	return b.String()
}

// TestParseGolden dumps the AST of every testdata/format/*.conf.
func TestParseGolden(t *testing.T) {
	golden.Each(t, "../testdata/format/*.conf", func(t *testing.T, name, base, src string) {
		f, errs := Parse(filepath.Base(name), src, Options{})
		if f == nil {
			t.Fatalf("parse failed: %v", errs)
		}
		golden.Check(t, base+".ast", dump(f))
		if got := Verbatim(f); got != src {
			t.Errorf("verbatim print differs:\n%q\nwant\n%q", got, src)
		}
	})
}

// TestErrorsGolden checks the messages for every testdata/errors/*.conf
// (and the legacy-parser messages when NAME.legacy exists).
func TestErrorsGolden(t *testing.T) {
	golden.Each(t, "../testdata/errors/*.conf", func(t *testing.T, name, base, src string) {
		_, legacy := os.Stat(base + ".legacy")
		f, errs := Parse(filepath.Base(name), src, Options{Legacy: legacy == nil})
		var b strings.Builder
		for _, e := range errs {
			fmt.Fprintln(&b, e)
			if e.JailLine != 0 {
				fmt.Fprintf(&b, "  jail(8) names line %d\n", e.JailLine)
			}
		}
		if f == nil && len(errs) == 0 {
			t.Fatal("no AST and no error")
		}
		golden.Check(t, base+".err", b.String())
	})
}

// TestUnescape covers jaillex.l's text2lval rules one by one.
func TestUnescape(t *testing.T) {
	for in, want := range map[string]string{
		`plain`:    "plain",
		`\a\b\f\v`: "\a\b\f\v",
		`\n\r\t`:   "\n\r\t",
		`\101`:     "A",
		`\1012`:    "A2",
		`\777`:     "\xff",
		`\x41`:     "A",
		`\x4`:      "\x04",
		`\x4g`:     "\x04g",
		`a\xg`:     "a",
		`\q\$`:     "q$",
		"a\\\nb":   "ab",
		`a\0b`:     "a",
		`x\`:       "x",
	} {
		if got := Unescape(in); got != want {
			t.Errorf("Unescape(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestGrammar pins the participle grammar so changes show up in review.
func TestGrammar(t *testing.T) {
	golden.Check(t, "../testdata/grammar.ebnf", Grammar()+"\n")
}

// TestParallelParse checks that a file large enough to be split across
// CPUs is scanned in parts and parses to the same AST as a sequential
// parse, and that a cut the parts cannot take (inside a multi-line string)
// falls back to one pass with the same result.
func TestParallelParse(t *testing.T) {
	old := runtime.GOMAXPROCS(2)
	defer runtime.GOMAXPROCS(old)
	var b strings.Builder
	b.WriteString("# big\nexec.clean;\n")
	for i := 0; b.Len() < parallelMin+parallelMin/4; i++ {
		fmt.Fprintf(&b, "j%d { // c%d\n\tpath = \"/j/$name\"; /* x */ ip4.addr += 10.0.0.%d, \"a b\";\n\tinner { persist; } ; }\n;\n", i, i, i%250)
	}
	src := b.String()
	// The same bytes with the middle of the file inside a quoted string.
	mid := strings.Index(src[len(src)/2:], "\nj") + len(src)/2
	quoted := src[:mid] + "\nlong = \"" + strings.Repeat("x\ny\n", 1000) + "\";" + src[mid:]
	for name, src := range map[string]string{"cut": src, "fallback": quoted} {
		if parts := scanParts(name, src, lexOptions{}, true); (parts != nil) != (name == "cut") {
			t.Errorf("%s: scanned in %d parts", name, len(parts))
		}
		par, errs := Parse("big.conf", src, Options{})
		if par == nil {
			t.Fatal(errs)
		}
		runtime.GOMAXPROCS(1)
		seq, _ := Parse("big.conf", src, Options{})
		runtime.GOMAXPROCS(2)
		if dump(par) != dump(seq) {
			t.Errorf("%s: parallel and sequential parses differ", name)
		}
		if Verbatim(par) != src {
			t.Errorf("%s: verbatim print of the parallel parse differs", name)
		}
	}
}

// TestLongBlocksSplit: statements inside long blocks (every jail in one
// parent, blocks in blocks, deep nesting, a long value list) are parsed
// in units, frames and runs, on several CPUs, and come out exactly as
// one parse of all the tokens gives them.
func TestLongBlocksSplit(t *testing.T) {
	old := runtime.GOMAXPROCS(2)
	defer runtime.GOMAXPROCS(old)
	var b strings.Builder
	for i := 0; i < 300; i++ {
		fmt.Fprintf(&b, "j%d { # c\n\tpath = \"/j/$name\"; ip4.addr += 10.0.0.%d, \"a b\";\n\t;\n}\n", i, i%250)
	}
	jails := b.String()
	for name, src := range map[string]string{
		"parent": "all {\n" + jails + "}\n",
		"levels": "x = 1;\na {\nb {\n" + jails + "}\npersist;\nc {\n" + jails + "}\n}\ntail;\n",
		"deep":   strings.Repeat("a {\n p = 1;\n", 1000) + strings.Repeat("}\n", 1000),
		"value":  "all {\n v = " + strings.Repeat("x, ", 3000) + "y;\n" + jails + "}\n",
	} {
		toks := lex(name, src, 0, 1, lexOptions{}).toks
		whole, err := parseBatch(src, toks[:len(toks)-1], toks[len(toks)-1])
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		frames := 0
		for _, u := range split(src, toks, 0, len(toks)-1, batchTokens) {
			for _, l := range u.leaves(nil) {
				if l.inner != nil {
					frames++
				}
			}
		}
		if frames == 0 {
			t.Errorf("%s: no block was parsed as a frame", name)
		}
		f, errs := Parse(name, src, Options{})
		if f == nil {
			t.Fatalf("%s: %v", name, errs)
		}
		if !reflect.DeepEqual(whole, f.Stmts) {
			w := &File{File: f.File, Stmts: whole, NUL: -1}
			t.Errorf("%s: split parse differs (-whole +split):\n%s", name, cmp.Diff(dump(w), dump(&File{File: f.File, Stmts: f.Stmts, NUL: -1})))
		}
	}
}

// TestDeepNesting checks that 3332 nested blocks, jail(8)'s limit, parse,
// and that 100,000 give one clear depth error where jail(8)'s parser
// stack overflows, at the 3333rd block, without reaching participle.
func TestDeepNesting(t *testing.T) {
	deep := func(n int) string {
		return strings.Repeat("a {\n", n) + "persist;\nip4 10.0.0.1;\n" + strings.Repeat("}\n", n)
	}
	f, errs := Parse("limit.conf", deep(3332), Options{})
	if f == nil {
		t.Fatalf("3332 levels: %v", errs)
	}
	// At the deepest level "ip4 = 10.0.0.1;" would overflow: the
	// canonical form keeps "ip4 10.0.0.1;" there.
	if again, errs := Parse("limit.conf", Format(f), Options{}); again == nil {
		t.Fatalf("3332 levels, formatted: %v", errs)
	}
	f, errs = Parse("deep.conf", deep(100000), Options{})
	if f != nil || len(errs) != 1 {
		t.Fatalf("got a file and %d errors, want one error: %v", len(errs), errs)
	}
	if e := errs[0]; e.Pos.Line != 3333 || !strings.Contains(e.Msg, "yacc stack overflow") {
		t.Errorf("got %v, want the stack overflow at line 3333", e)
	}
}

// TestHasVars: HasVars agrees with Decode on every value of every
// jail.conf under testdata/ and of a few spellings of $.
func TestHasVars(t *testing.T) {
	srcs := []string{`a = "$x" '$y' \$z "\$w" "${v}" "$" "a$" x"$y"z $q "${u";`}
	for _, p := range golden.Confs("../testdata") {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		srcs = append(srcs, string(b))
	}
	n, with := 0, 0
	var walk func(stmts []*Stmt)
	walk = func(stmts []*Stmt) {
		for _, st := range stmts {
			if st.Body != nil {
				walk(st.Body.Stmts)
			}
			for i := range st.Tail.Values {
				v := &st.Tail.Values[i]
				n++
				if want := len(v.Decode().Vars) > 0; v.HasVars() != want {
					t.Errorf("%q: HasVars = %v, Decode has vars: %v", v.Chunks[0].Raw, !want, want)
				} else if want {
					with++
				}
			}
		}
	}
	for _, src := range srcs {
		if f, _ := Parse("t.conf", src, Options{}); f != nil {
			walk(f.Stmts)
		}
	}
	if n < 100 || with < 10 {
		t.Fatalf("only %d values, %d with variables", n, with)
	}
}
