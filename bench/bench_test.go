//go:build unix

package bench

import (
	"fmt"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jailfmt/jailfmt/lint"
	"github.com/jailfmt/jailfmt/parser"
	"github.com/jailfmt/jailfmt/resolve"
)

var sizes = []int{1000, 10000, 50000}

// cpuTime returns the process's user+system CPU time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// reportCPU adds a cpu-ms/op metric: CPU time (all threads, GC included)
// is steadier than wall time on a shared machine.
func reportCPU(b *testing.B, start time.Duration) {
	b.ReportMetric(float64(cpuTime()-start)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
}

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

func BenchmarkParse(b *testing.B) {
	for _, n := range sizes {
		src := Generate(n)
		b.Run(fmt.Sprintf("jails=%d", n), func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if f, errs := parser.Parse("gen.conf", src, parser.Options{}); f == nil {
					b.Fatal(errs)
				}
			}
		})
	}
}

func BenchmarkParseResolve(b *testing.B) {
	for _, n := range sizes {
		src := Generate(n)
		b.Run(fmt.Sprintf("jails=%d", n), func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			b.ReportAllocs()
			start := cpuTime()
			for i := 0; i < b.N; i++ {
				if r := resolve.Load("gen.conf", src, resolve.Options{}); len(r.Jails) != n {
					b.Fatal(r.Diags)
				}
			}
			reportCPU(b, start)
		})
	}
}

func BenchmarkFormat(b *testing.B) {
	for _, n := range sizes {
		src := Generate(n)
		f, errs := parser.Parse("gen.conf", src, parser.Options{})
		if f == nil {
			b.Fatal(errs)
		}
		b.Run(fmt.Sprintf("jails=%d", n), func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				parser.Format(f)
			}
		})
	}
}

func BenchmarkLint(b *testing.B) {
	for _, n := range sizes[1:] {
		src := Generate(n)
		b.Run(fmt.Sprintf("jails=%d", n), func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			b.ReportAllocs()
			start := cpuTime()
			for i := 0; i < b.N; i++ {
				r := resolve.Load("gen.conf", src, resolve.Options{})
				if d := lint.Run(r, lint.Options{}, nil); len(d) < n {
					b.Fatalf("%d diagnostics", len(d))
				}
			}
			reportCPU(b, start)
		})
	}
}

func BenchmarkFix(b *testing.B) {
	for _, n := range sizes[1:] {
		src := Generate(n)
		b.Run(fmt.Sprintf("jails=%d", n), func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				r := resolve.Load("gen.conf", src, resolve.Options{})
				load := func(overlay map[string]string) *resolve.Result {
					abs, _ := filepath.Abs("gen.conf")
					return resolve.Load("gen.conf", overlay[abs], resolve.Options{Overlay: overlay})
				}
				fr, err := lint.FixAll(r, lint.Options{}, nil, load)
				if err != nil || len(fr.Files) != 1 {
					b.Fatal(err)
				}
			}
		})
	}
}
