// Package bench generates large jail.conf files and benchmarks parsing,
// resolving and formatting them.
package bench

import (
	"fmt"
	"strings"
)

// Generate returns a jail.conf with n jails shaped like the reference
// file of the performance notes (20,000 jails: 4.5 MB, 180,005
// statements, 60,001 comments): five globals with a variable, then per
// jail nine statements (with "+=", a variable reference and a legacy
// allow.sysvipc for the lint and --fix benchmarks) and three
// comments, one in each style.
func Generate(n int) string {
	var b strings.Builder
	b.Grow(n * 230)
	b.WriteString("# generated fleet configuration\n$base = \"/usr/jails\";\npath = \"$base/$name\";\n")
	b.WriteString("exec.start = \"/bin/sh /etc/rc\";\nexec.stop = \"/bin/sh /etc/rc.shutdown\";\n\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "// jail %d\nj%d {\n", i, i)
		fmt.Fprintf(&b, "\thost.hostname = \"j%d.example.org\"; # name\n", i)
		fmt.Fprintf(&b, "\tip4.addr = 10.%d.%d.1;\n", i/250%250, i%250)
		fmt.Fprintf(&b, "\tip4.addr += 10.%d.%d.2;\n", i/250%250, i%250)
		b.WriteString("\t/* limits */ securelevel = 2;\n")
		b.WriteString("\texec.consolelog = \"/var/log/$name\";\n")
		b.WriteString("\tallow.raw_sockets = 0;\n")
		b.WriteString("\tallow.sysvipc;\n")
		b.WriteString("\tpersist;\n")
		b.WriteString("\tenforce_statfs = 2;\n")
		b.WriteString("}\n")
	}
	return b.String()
}
