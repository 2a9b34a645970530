//go:build unix

package bench

import (
	"fmt"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jailfmt/jailfmt/fix"
	"github.com/jailfmt/jailfmt/lint"
	"github.com/jailfmt/jailfmt/parser"
	"github.com/jailfmt/jailfmt/resolve"
)

var sizes = []int{1000, 10000, 50000}

// TestGenerate checks the generated file parses and resolves cleanly.
func TestGenerate(t *testing.T) {
	src := Generate(20)
	res := resolve.Load("gen.conf", src, resolve.Options{})
	if len(res.Diags) != 0 || len(res.Jails) != 20 {
		t.Fatalf("diags %v, %d jails", res.Diags, len(res.Jails))
	}
	if got := res.Jails[3].Param("path").Values[0].Text; got != "/usr/jails/j3" {
		t.Errorf("path = %q", got)
	}
	if n := strings.Count(src, "\n"); n < 20*12 {
		t.Errorf("only %d lines", n)
	}
}

// cpuTime returns the process's user+system CPU time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// modern is the generated config without its per-jail legacy
// allow.sysvipc: the common case of a configuration with few findings.
func modern(src string) string { return strings.ReplaceAll(src, "allow.sysvipc;", "sysvshm = new;") }

// run benchmarks op over the generated config of each size (edit, if
// not nil, rewrites it first; setup builds op outside the timing). It
// reports MB/s, allocations, and CPU time per operation (all threads, GC
// included), which is steadier than wall time on a shared machine.
func run(b *testing.B, sizes []int, edit func(string) string, setup func(b *testing.B, n int, src string) func()) {
	for _, n := range sizes {
		src := Generate(n)
		if edit != nil {
			src = edit(src)
		}
		b.Run(fmt.Sprintf("jails=%d", n), func(b *testing.B) {
			op := setup(b, n, src)
			b.SetBytes(int64(len(src)))
			b.ReportAllocs()
			b.ResetTimer()
			start := cpuTime()
			for i := 0; i < b.N; i++ {
				op()
			}
			b.ReportMetric(float64(cpuTime()-start)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
		})
	}
}

func parse(b *testing.B, src string) *parser.File {
	f, errs := parser.Parse("gen.conf", src, parser.Options{})
	if f == nil {
		b.Fatal(errs)
	}
	return f
}

func load(b *testing.B, n int, src string) *resolve.Result {
	r := resolve.Load("gen.conf", src, resolve.Options{})
	if len(r.Jails) != n {
		b.Fatal(r.Diags)
	}
	return r
}

func BenchmarkParse(b *testing.B) {
	run(b, sizes, nil, func(b *testing.B, n int, src string) func() {
		return func() { parse(b, src) }
	})
}

func BenchmarkParseResolve(b *testing.B) {
	run(b, sizes, nil, func(b *testing.B, n int, src string) func() {
		return func() { load(b, n, src) }
	})
}

func BenchmarkFormat(b *testing.B) {
	run(b, sizes, nil, func(b *testing.B, n int, src string) func() {
		f := parse(b, src)
		return func() { parser.Format(f) }
	})
}

// BenchmarkLint is parse+resolve+lint on the generated config, where
// every jail has a legacy allow.sysvipc with a diagnostic and a fix.
func BenchmarkLint(b *testing.B) {
	run(b, sizes[1:], nil, func(b *testing.B, n int, src string) func() {
		return func() {
			if d := lint.Run(load(b, n, src), lint.Options{}, nil); len(d) < n {
				b.Fatalf("%d diagnostics", len(d))
			}
		}
	})
}

// BenchmarkLintOnly is lint alone over an already loaded configuration.
func BenchmarkLintOnly(b *testing.B) {
	run(b, sizes[1:], nil, func(b *testing.B, n int, src string) func() {
		r := load(b, n, src)
		return func() { lint.Run(r, lint.Options{}, nil) }
	})
}

// BenchmarkModern compares parse+resolve with parse+resolve+lint on the
// common case of a configuration with few findings.
func BenchmarkModern(b *testing.B) {
	b.Run("lint=false", func(b *testing.B) {
		run(b, sizes[1:], modern, func(b *testing.B, n int, src string) func() {
			return func() { load(b, n, src) }
		})
	})
	b.Run("lint=true", func(b *testing.B) {
		run(b, sizes[1:], modern, func(b *testing.B, n int, src string) func() {
			return func() { lint.Run(load(b, n, src), lint.Options{}, nil) }
		})
	})
}

func BenchmarkFix(b *testing.B) {
	run(b, sizes[1:], nil, func(b *testing.B, n int, src string) func() {
		return func() {
			c := fix.NewConfig("gen.conf", load(b, n, src), resolve.Options{})
			out := fix.Run(&fix.Job{Configs: []*fix.Config{c}})
			if len(out.Withheld) > 0 || len(out.Files) != 1 {
				b.Fatalf("withheld %d, files %d", len(out.Withheld), len(out.Files))
			}
		}
	})
}
