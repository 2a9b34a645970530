//go:build unix

package bench

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/jailfmt/jailfmt/inputs"
	"github.com/jailfmt/jailfmt/lint"
	"github.com/jailfmt/jailfmt/resolve"
	"github.com/jailfmt/jailfmt/source"
)

// genIocage returns a config.json of n properties: iocage's own keys in
// legacy spellings, then misspelt ones (each gets a did-you-mean).
func genIocage(n int) string {
	var b strings.Builder
	b.WriteString("{\n    \"host_hostuuid\": \"db\",\n    \"allow_sysvipc\": \"yes\",\n    \"sysvshm\": \"inherit\"")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, ",\n    \"allow_mount_%07d\": \"on\"", i)
	}
	b.WriteString("\n}\n")
	return b.String()
}

// genRCConf returns an rc.conf with n legacy jails of six variables each.
func genRCConf(n int) string {
	var b strings.Builder
	b.WriteString("jail_enable=YES\njail_sysvipc_allow=YES\njail_list=\"")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "j%d ", i)
	}
	b.WriteString("\"\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "jail_j%d_rootdir=/usr/jails/j%d\njail_j%d_hostname='j%d.example.org'\njail_j%d_ip=\"10.0.%d.%d\"\n"+
			"jail_j%d_devfs_enable=YES\njail_j%d_parameters=\"allow.sysvipc=1 sysvshm=new\"\nexport jail_j%d_exec_start=\"/bin/sh /etc/rc\"\n",
			i, i, i, i, i, i/250, i%250, i, i, i)
	}
	return b.String()
}

// genSysctl returns a sysctl.conf of n lines, a legacy jail knob on every
// fourth.
func genSysctl(n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		switch i % 4 {
		case 0:
			b.WriteString("security.jail.sysvipc_allowed=1\n")
		case 1:
			fmt.Fprintf(&b, "  kern.ipc.maxsockbuf=%d # comment\n", i)
		case 2:
			b.WriteString("# a comment line\n")
		default:
			fmt.Fprintf(&b, "net.inet.tcp.sendspace=\"%d\"\n", i)
		}
	}
	return b.String()
}

// BenchmarkInputs is load+lint of each other input format at growing
// sizes: the cost per byte (MB/s, cpu-ms/op) stays flat when it is
// linear.
func BenchmarkInputs(b *testing.B) {
	for _, tc := range []struct {
		format source.Format
		name   string
		gen    func(int) string
		sizes  []int
	}{
		{source.IocageJSON, "iocage/jails/db/config.json", genIocage, []int{1000, 5000, 20000}},
		{source.RCConf, "rc.conf", genRCConf, []int{100, 500, 2000}},
		{source.Sysctl, "sysctl.conf", genSysctl, []int{1000, 10000, 50000}},
	} {
		for _, n := range tc.sizes {
			src := tc.gen(n)
			b.Run(fmt.Sprintf("%s/n=%d", tc.format, n), func(b *testing.B) {
				b.SetBytes(int64(len(src)))
				b.ReportAllocs()
				b.ResetTimer()
				start := cpuTime()
				for i := 0; i < b.N; i++ {
					res := inputs.Load(tc.format, tc.name, src, resolve.Options{})
					if res.HasErrors() || len(lint.Run(res, lint.Options{}, nil)) == 0 {
						b.Fatalf("%v: no findings", res.Diags)
					}
				}
				b.ReportMetric(float64(cpuTime()-start)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
			})
		}
	}
}
