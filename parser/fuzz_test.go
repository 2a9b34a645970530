package parser

import (
	"reflect"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/jailfmt/jailfmt/internal/golden"
)

// FuzzParsePrint checks, for any input: no panic; a file that parses
// prints back verbatim byte for byte; its canonical form parses, keeps
// every comment and is stable under formatting again. The seeds are every
// jail.conf file under testdata/ plus testdata/fuzz/FuzzParsePrint.
func FuzzParsePrint(f *testing.F) {
	golden.Seed(f, golden.Confs("../testdata")...)
	f.Fuzz(func(t *testing.T, src string) {
		file, errs := Parse("fuzz.conf", src, Options{})
		if file == nil {
			if len(errs) == 0 {
				t.Fatal("no AST and no error")
			}
			for _, e := range errs {
				if e.Pos.Line < 1 || e.Pos.Col < 1 || e.Pos.Offset > len(src) {
					t.Fatalf("bad error position: %v", e)
				}
			}
			return
		}
		if got := Verbatim(file); got != src {
			t.Fatalf("verbatim print differs")
		}
		out := Format(file)
		again, errs := Parse("fuzz.conf", out, Options{})
		if again == nil {
			t.Fatalf("formatted text does not parse: %v\n%q", errs, out)
		}
		if len(again.Comments) != len(file.Comments) {
			t.Fatalf("comment count changed: %d -> %d\n%q", len(file.Comments), len(again.Comments), out)
		}
		if out2 := Format(again); out2 != out {
			t.Fatalf("format is not idempotent:\n%q\n%q", out, out2)
		}
	})
}

// FuzzCheckerGrammar checks that the syntax checker accepts exactly the
// language of the participle grammar: for the tokens of any input, the
// checker finds no error if and only if the grammar parses them. The
// checker also enforces jail(8)'s nesting limit, which the grammar does
// not know; inputs nested that deeply are skipped. The seeds are those
// of FuzzParsePrint plus testdata/fuzz/FuzzCheckerGrammar.
func FuzzCheckerGrammar(f *testing.F) {
	golden.Seed(f, golden.Confs("../testdata")...)
	for _, s := range []string{"a;", ";", "a{}", "a b;", "a=b,c;", "a+=b\"c\"$d;", "a{b{c;}}", "a=;", "a,b;", "a b c;", "{", "}", "a{", "$a{}", "a=b", "a \"$x\";"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		toks := lex("fuzz.conf", src, 0, 1, lexOptions{}).toks
		res := checkSyntax("fuzz.conf", src, toks, true, batchTokens)
		for _, e := range res.errs {
			if strings.HasPrefix(e.err.Msg, "jail blocks nested too deeply") {
				t.Skip("beyond jail(8)'s nesting limit")
			}
		}
		whole, err := parseBatch(src, toks[:len(toks)-1], toks[len(toks)-1])
		if checked, parsed := len(res.errs) == 0, err == nil; checked != parsed {
			t.Fatalf("checker accepts: %v, grammar parses: %v (%v, checker: %v)\n%q", checked, parsed, err, res.errs, src)
		}
		if err != nil {
			return
		}
		// Cut as finely as it goes (every block of more than two tokens
		// a frame), the units join to the same statements.
		units, err := parseUnits(src, split(src, toks, 0, len(toks)-1, 1))
		if err != nil {
			t.Fatalf("units do not parse: %v\n%q", err, src)
		}
		if !reflect.DeepEqual(whole, units) {
			t.Fatalf("units differ (-whole +units):\n%s\n%q", cmp.Diff(whole, units), src)
		}
	})
}
