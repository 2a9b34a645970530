//go:build unix

package bench

import (
	"fmt"
	"strings"
	"testing"

	"github.com/jailfmt/jailfmt/lint"
	"github.com/jailfmt/jailfmt/resolve"
)

// BenchmarkModern compares parse+resolve with parse+resolve+lint on the
// generated config without its legacy allow.sysvipc (sysvshm = new
// instead): the common case of a config with few findings.
func BenchmarkModern(b *testing.B) {
	for _, n := range sizes[1:] {
		src := strings.ReplaceAll(Generate(n), "allow.sysvipc;", "sysvshm = new;")
		for _, withLint := range []bool{false, true} {
			b.Run(fmt.Sprintf("jails=%d/lint=%v", n, withLint), func(b *testing.B) {
				b.SetBytes(int64(len(src)))
				start := cpuTime()
				for i := 0; i < b.N; i++ {
					r := resolve.Load("gen.conf", src, resolve.Options{})
					if withLint {
						lint.Run(r, lint.Options{}, nil)
					}
				}
				reportCPU(b, start)
			})
		}
	}
}
