// Package bench generates large jail.conf files and benchmarks parsing,
// resolving and formatting them.
package bench

import (
	"fmt"
	"strings"
)

// Generate returns a jail.conf with n jails in the shape of a generated
// fleet config: globals with variables, a wildcard block before and after
// the jails, and per jail nine statements (with "+=" and variable
// references) and three comments, one in each style.
func Generate(n int) string {
	var b strings.Builder
	b.Grow(n * 240)
	b.WriteString("# generated fleet configuration\n$base = \"/usr/jails\";\npath = \"$base/$name\";\n")
	b.WriteString("exec.start = \"/bin/sh /etc/rc\";\nexec.stop = \"/bin/sh /etc/rc.shutdown jail\";\nmount.devfs;\n\n")
	b.WriteString("* {\n\tdevfs_ruleset = 4;\n\tallow.nomount;\n}\n\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "// jail %d\njail%d {\n", i, i)
		fmt.Fprintf(&b, "\thost.hostname = \"jail%d.example.org\"; # hostname\n", i)
		fmt.Fprintf(&b, "\tip4.addr = 10.%d.%d.1;\n", i/250%250, i%250)
		fmt.Fprintf(&b, "\tip4.addr += \"lo1|10.%d.%d.2/32\";\n", i/250%250, i%250)
		b.WriteString("\t/* per-jail limits */ securelevel = 2;\n")
		b.WriteString("\texec.consolelog = \"/var/log/jail_${name}_console.log\";\n")
		b.WriteString("\tallow.raw_sockets = 0;\n")
		b.WriteString("\tsysvshm = new;\n")
		b.WriteString("\tpersist;\n")
		b.WriteString("\tenforce_statfs = 2;\n")
		b.WriteString("}\n\n")
	}
	b.WriteString("* {\n\tchildren.max = 0;\n}\n")
	return b.String()
}
