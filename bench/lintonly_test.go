//go:build unix

package bench

import (
	"fmt"
	"testing"

	"github.com/jailfmt/jailfmt/lint"
	"github.com/jailfmt/jailfmt/resolve"
)

func BenchmarkLintOnly(b *testing.B) {
	for _, n := range sizes[1:] {
		src := Generate(n)
		r := resolve.Load("gen.conf", src, resolve.Options{})
		b.Run(fmt.Sprintf("jails=%d", n), func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			start := cpuTime()
			for i := 0; i < b.N; i++ {
				lint.Run(r, lint.Options{}, nil)
			}
			reportCPU(b, start)
		})
	}
}
