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
	golden.Seed(f, golden.Confs("../testdata")...)
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

// TestCheckRejects gives Check a formatted text that means something
// else than the file: each difference in what jail(8) would do must be
// caught, value boundaries and diagnostics included.
func TestCheckRejects(t *testing.T) {
	const src = "a {\n\tpath = /j/a;\n\tip4.addr = 192.0.2.1, 192.0.2.2;\n}\n"
	for _, other := range []string{
		"a {\n\tpath = /j/b;\n\tip4.addr = 192.0.2.1, 192.0.2.2;\n}\n",                        // a value
		"a {\n\tpath = /j/a;\n\tip4.addr = \"192.0.2.1, 192.0.2.2\";\n}\n",                    // where values split
		"a {\n\thost.path = /j/a;\n\tip4.addr = 192.0.2.1, 192.0.2.2;\n}\n",                   // a name
		"b {\n\tpath = /j/a;\n\tip4.addr = 192.0.2.1, 192.0.2.2;\n}\n",                        // a jail's name
		"a {\n\tpath = /j/a;\n\tip4.addr = 192.0.2.1, 192.0.2.2;\n\t$v = 1;\n\t$v = $x;\n}\n", // a warning, a failed jail
	} {
		f, errs := parser.Parse("t.conf", src, parser.Options{})
		g, _ := parser.Parse("t.conf", other, parser.Options{})
		if f == nil || g == nil {
			t.Fatalf("does not parse: %v", errs)
		}
		if err := Check(f, parser.Format(g), Options{}); err == nil || !strings.Contains(err.Error(), "resolve differently") {
			t.Errorf("%q against %q: %v", other, src, err)
		}
	}
	f, _ := parser.Parse("t.conf", src, parser.Options{})
	if err := Check(f, src, Options{}); err != nil {
		t.Errorf("the file against itself: %v", err)
	}
}
