package sysctl

import (
	"fmt"
	"strings"
	"testing"
)

func genSysctl(n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		switch i % 4 {
		case 0:
			fmt.Fprintf(&b, "# comment %d\n", i)
		case 1:
			fmt.Fprintf(&b, "kern.x%d=%d\n", i, i)
		case 2:
			fmt.Fprintf(&b, "\tnet.y%d = \"a # b\" # c\n", i)
		default:
			fmt.Fprintf(&b, "security.jail.z%d: 1\n", i)
		}
	}
	return b.String()
}

func BenchmarkParse(b *testing.B) {
	for _, n := range []int{1000, 10000, 100000} {
		src := genSysctl(n)
		b.Run(fmt.Sprintf("lines=%d", n), func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if f, _ := Parse("sysctl.conf", src); len(f.Entries) != n*3/4 {
					b.Fatalf("%d entries", len(f.Entries))
				}
			}
		})
	}
}
