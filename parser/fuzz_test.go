package parser

import (
	"os"
	"testing"

	"github.com/jailfmt/jailfmt/internal/golden"
)

// FuzzParsePrint checks, for any input: no panic; a file that parses
// prints back verbatim byte for byte; its canonical form parses, keeps
// every comment and is stable under formatting again. The seeds are every
// jail.conf file under testdata/ plus testdata/fuzz/FuzzParsePrint.
func FuzzParsePrint(f *testing.F) {
	for _, path := range golden.Confs("../testdata") {
		if b, err := os.ReadFile(path); err == nil {
			f.Add(string(b))
		}
	}
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
