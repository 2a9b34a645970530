package format

import (
	"os"
	"strings"
	"testing"

	"github.com/jailfmt/jailfmt/internal/golden"
	"github.com/jailfmt/jailfmt/parser"
)

// TestGolden formats every testdata/format/*.conf and compares the result
// with its .golden file, then formats the golden output again: it must
// not change.
func TestGolden(t *testing.T) {
	golden.Each(t, "../testdata/format/*.conf", func(t *testing.T, name, base, src string) {
		out, _, err := Source(name, src, Options{})
		if err != nil {
			t.Fatal(err)
		}
		golden.Check(t, base+".golden", out)
		again, _, err := Source(name, out, Options{})
		if err != nil || again != out {
			t.Errorf("formatting the output again changed it (err %v):\n%s", err, again)
		}
	})
}

// TestInvariants checks every jail.conf under testdata/ that parses:
// verbatim printing reproduces it byte for byte, and Check accepts the
// canonical form (idempotent, comments kept, same resolution).
func TestInvariants(t *testing.T) {
	n := 0
	for _, path := range golden.Confs("../testdata") {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		src := string(b)
		f, _ := parser.Parse(path, src, parser.Options{})
		if f == nil {
			continue
		}
		n++
		if got := parser.Verbatim(f); got != src {
			t.Errorf("%s: verbatim print differs from the source", path)
		}
		if out := parser.Format(f); out != src {
			if err := Check(f, out, Options{}); err != nil {
				t.Errorf("%s: %v", path, err)
			}
		}
	}
	if n < 20 {
		t.Fatalf("only %d files checked", n)
	}
}

// FuzzFormat checks that formatting any file that parses passes Check:
// the output parses, is stable, keeps every comment, and every jail
// resolves exactly as before. Seeds: every jail.conf under testdata/.
func FuzzFormat(f *testing.F) {
	for _, path := range golden.Confs("../testdata") {
		if b, err := os.ReadFile(path); err == nil {
			f.Add(string(b))
		}
	}
	f.Fuzz(func(t *testing.T, src string) {
		if strings.Contains(src, ".include") {
			return // includes read the file system
		}
		file, _ := parser.Parse("fuzz.conf", src, parser.Options{})
		if file == nil {
			return
		}
		if out := parser.Format(file); out != src {
			if err := Check(file, out, Options{}); err != nil {
				t.Fatalf("%v\n%q\n%q", err, src, out)
			}
		}
	})
}
