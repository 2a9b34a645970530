package rcconf

import (
	"strings"
	"testing"

	"mvdan.cc/sh/v3/syntax"
)

func TestEnvAndLast(t *testing.T) {
	a, err := Parse("rc.conf", "x=1\ny=a\nx=2\n")
	if err != nil {
		t.Fatal(err)
	}
	b, err := Parse("rc.conf.local", "y=b\nif true; then z=1; fi\n")
	if err != nil {
		t.Fatal(err)
	}
	if l := a.Last("x"); l == nil || l.Value != "2" || l.NameSpan.Start.Line != 3 {
		t.Errorf("Last(x) = %+v", l)
	}
	if a.Last("nope") != nil {
		t.Error("Last of an unassigned variable")
	}
	env := Env(a, b)
	if env["y"].Value != "b" || env["x"].Value != "2" {
		t.Errorf("a later file must override: y=%q x=%q", env["y"].Value, env["x"].Value)
	}
	if z := env["z"]; z == nil || z.Known || !z.Nested {
		t.Errorf("an assignment inside an if is not known: %+v", z)
	}
}

func TestLiteralAndExpand(t *testing.T) {
	word := func(s string) *syntax.Word {
		f, err := syntax.NewParser(syntax.Variant(syntax.LangPOSIX)).Parse(strings.NewReader("echo "+s), "")
		if err != nil {
			t.Fatal(err)
		}
		return f.Stmts[0].Cmd.(*syntax.CallExpr).Args[1]
	}
	for _, c := range []struct {
		in, want string
		known    bool
	}{
		{`'a b'`, "a b", true},
		{`"a\$b"`, "a$b", true},
		{`a\ b`, "a b", true},
		{`$x`, "", false},
		{`$(true)`, "", false},
	} {
		if got, ok := Literal(word(c.in)); got != c.want || ok != c.known {
			t.Errorf("Literal(%s) = %q, %v; want %q, %v", c.in, got, ok, c.want, c.known)
		}
	}
	vars := func(n string) (string, bool) { return "/j", n == "base" }
	if got, ok, _ := Expand(word(`"$base/www"`), vars); !ok || got != "/j/www" {
		t.Errorf("Expand = %q, %v", got, ok)
	}
	if _, ok, why := Expand(word(`$other`), vars); ok || why == "" {
		t.Errorf("Expand of an unknown variable: %v %q", ok, why)
	}
}
