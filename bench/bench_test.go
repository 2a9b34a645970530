//go:build unix

package bench

import (
	"fmt"
	"runtime"
	"runtime/metrics"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jailfmt/jailfmt/fix"
	"github.com/jailfmt/jailfmt/format"
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

// untidy indents the generated config with four spaces instead of a tab,
// so that formatting changes every statement and runs its proof.
func untidy(src string) string { return strings.ReplaceAll(src, "\n\t", "\n    ") }

// heapSampler records the largest heap in use (live and not yet
// collected objects, runtime/metrics) while it runs.
type heapSampler struct {
	stop, done chan struct{}
	peak       uint64
}

const heapMetric = "/memory/classes/heap/objects:bytes"

func sampleHeap() *heapSampler {
	h := &heapSampler{stop: make(chan struct{}), done: make(chan struct{})}
	go func() {
		defer close(h.done)
		s := []metrics.Sample{{Name: heapMetric}}
		t := time.NewTicker(200 * time.Microsecond)
		defer t.Stop()
		for {
			metrics.Read(s)
			h.peak = max(h.peak, s[0].Value.Uint64())
			select {
			case <-h.stop:
				return
			case <-t.C:
			}
		}
	}()
	return h
}

// Peak stops sampling and returns the largest heap seen.
func (h *heapSampler) Peak() uint64 {
	close(h.stop)
	<-h.done
	return h.peak
}

// run benchmarks op over the generated config of each size (edit, if
// not nil, rewrites it first; setup builds op outside the timing). It
// reports MB/s, allocations per operation and per input byte, CPU time
// per operation (all threads, GC included, steadier than wall time on a
// shared machine) and the peak heap (in MB and per input byte).
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
			runtime.GC()
			var m0, m1 runtime.MemStats
			runtime.ReadMemStats(&m0)
			h := sampleHeap()
			b.ResetTimer()
			start := cpuTime()
			for i := 0; i < b.N; i++ {
				op()
			}
			cpu := cpuTime() - start
			b.StopTimer()
			peak := h.Peak()
			runtime.ReadMemStats(&m1)
			per := float64(b.N)
			b.ReportMetric(float64(cpu)/float64(time.Millisecond)/per, "cpu-ms/op")
			b.ReportMetric(float64(m1.Mallocs-m0.Mallocs)/per/float64(len(src)), "allocs/B")
			b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
			b.ReportMetric(float64(peak)/float64(len(src)), "peak-heap/B")
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

// BenchmarkFmt is the fmt command's work on a file whose every statement
// is re-indented: parse, format, and the proof that the output parses,
// is stable, keeps every comment and resolves every jail the same.
func BenchmarkFmt(b *testing.B) {
	run(b, sizes, untidy, func(b *testing.B, n int, src string) func() {
		return func() {
			if out, _, err := format.Source("gen.conf", src, format.Options{}); err != nil || out == src {
				b.Fatalf("err %v, changed %v", err, out != src)
			}
		}
	})
}

// BenchmarkLint is parse+resolve+lint on the generated config, where
// every jail has a legacy allow.sysvipc with a diagnostic and a fix.
func BenchmarkLint(b *testing.B) {
	run(b, sizes, nil, func(b *testing.B, n int, src string) func() {
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

// BenchmarkFix is parse+resolve and --fix's fixing and checking.
func BenchmarkFix(b *testing.B) {
	run(b, sizes, nil, func(b *testing.B, n int, src string) func() {
		return func() {
			c := fix.NewConfig("gen.conf", load(b, n, src), resolve.Options{})
			out := fix.Run(&fix.Job{Configs: []*fix.Config{c}})
			if len(out.Withheld) > 0 || len(out.Files) != 1 {
				b.Fatalf("withheld %d, files %d", len(out.Withheld), len(out.Files))
			}
		}
	})
}
