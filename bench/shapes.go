package bench

import (
	"fmt"
	"strings"
)

// The generators below make the inputs of bench/scale.sh beside
// Generate's fleet: each takes a size n and grows linearly in it, so
// that n and 10n show whether a command's time and memory stay linear.

// Nested returns a jail.conf of n blocks nested inside each other, each
// with a legacy allow.sysvipc (jail(8) stops at 3,332 levels).
func Nested(n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		b.WriteString("a {\nallow.sysvipc;\n")
	}
	for i := 0; i < n; i++ {
		b.WriteString("}\n")
	}
	return b.String()
}

// LongValue returns a jail.conf whose one jail has a quoted value of n
// bytes.
func LongValue(n int) string {
	return "j {\n\texec.start = \"" + strings.Repeat("x", n) + "\";\n\tallow.sysvipc;\n}\n"
}

// ManyValues returns a jail.conf whose one jail has a list of n
// addresses in one statement.
func ManyValues(n int) string {
	var b strings.Builder
	b.WriteString("j {\n\tip4.addr = ")
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "10.%d.%d.%d", i>>16&255, i>>8&255, i&255)
	}
	b.WriteString(";\n\tallow.sysvipc;\n}\n")
	return b.String()
}

// VarChain returns a jail.conf with a chain of n variables, each
// defined by the one before ($v1 = "$v0/"...), used by one jail, so that
// every value has the same length.
func VarChain(n int) string {
	var b strings.Builder
	b.WriteString("$v0 = \"/usr/jails\";\n")
	for i := 1; i < n; i++ {
		fmt.Fprintf(&b, "$v%d = \"$v%d\";\n", i, i-1)
	}
	fmt.Fprintf(&b, "j {\n\tpath = \"$v%d/$name\";\n\tallow.sysvipc;\n}\n", n-1)
	return b.String()
}

// Wildcards returns a jail.conf of n jails g0.j … and n wildcard blocks
// "gI.*", each matching one jail.
func Wildcards(n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "\"g%d.*\" {\n\tallow.sysvipc;\n}\n", i)
	}
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "g%d.j {\n\tpersist;\n}\n", i)
	}
	return b.String()
}

// LongLine returns a jail.conf of about n bytes on one line: jails of
// three statements each, with no newline before the last one.
func LongLine(n int) string {
	var b strings.Builder
	for i := 0; b.Len() < n; i++ {
		fmt.Fprintf(&b, "j%d { persist; allow.sysvipc; host.hostname = j%d.example.org; } ", i, i)
	}
	b.WriteString("\n")
	return b.String()
}

// Includes returns a root jail.conf that includes n files (paths
// relative to the folder that holds it) and those files, one jail each.
func Includes(n int) map[string]string {
	files := make(map[string]string, n+1)
	var root strings.Builder
	root.WriteString("path = \"/usr/jails/$name\";\nexec.start = \"/bin/sh /etc/rc\";\n")
	for i := 0; i < n; i++ {
		name := fmt.Sprintf("jail.conf.d/j%d.conf", i)
		fmt.Fprintf(&root, ".include \"%s\";\n", name)
		files[name] = fmt.Sprintf("j%d {\n\thost.hostname = j%d.example.org;\n\tallow.sysvipc;\n\tpersist;\n}\n", i, i)
	}
	files["jail.conf"] = root.String()
	return files
}

// IocageTree returns an iocage root of n jails (paths under the folder
// that holds iocage/): defaults.json and each jail's config.json.
func IocageTree(n int) map[string]string {
	files := make(map[string]string, n+1)
	files["iocage/defaults.json"] = "{\n    \"CONFIG_VERSION\": \"34\",\n    \"allow_sysvipc\": 1,\n    \"allow_raw_sockets\": 0\n}\n"
	for i := 0; i < n; i++ {
		files[fmt.Sprintf("iocage/jails/j%d/config.json", i)] = fmt.Sprintf("{\n"+
			"    \"allow_sysvipc\": \"yes\",\n    \"boot\": 1,\n    \"host_hostname\": \"j%d\",\n    \"host_hostuuid\": \"j%d\",\n"+
			"    \"ip4_addr\": \"em0|10.%d.%d.5/24\",\n    \"release\": \"13.2-RELEASE\",\n    \"sysvshm\": \"inherit\"\n}\n",
			i, i, i/250%250, i%250)
	}
	return files
}

// IocageDeep returns an iocage config.json whose one property is an
// object nested n levels deep.
func IocageDeep(n int) string {
	return "{\n    \"host_hostuuid\": \"db\",\n    \"allow_sysvipc\": \"yes\",\n    \"notes\": " +
		strings.Repeat("{\"a\": ", n) + "1" + strings.Repeat("}", n) + "\n}\n"
}

// IocageProps returns `iocage get all` output of n properties, a legacy
// allow_sysvipc among them.
func IocageProps(n int) string {
	var b strings.Builder
	b.WriteString("CONFIG_VERSION:34\nallow_sysvipc:1\nhost_hostuuid:db\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "notes_%07d:line %d\n", i, i)
	}
	return b.String()
}

// Ezjail returns n ezjail per-jail files (named as the jails) with the
// legacy System V IPC setting each.
func Ezjail(n int) map[string]string {
	files := make(map[string]string, n)
	for i := 0; i < n; i++ {
		name := fmt.Sprintf("j%d", i)
		files[name] = fmt.Sprintf("export jail_%[1]s_hostname=\"%[1]s.example.org\"\nexport jail_%[1]s_ip=\"em0|10.%[2]d.%[3]d.1\"\n"+
			"export jail_%[1]s_rootdir=\"/usr/jails/%[1]s\"\nexport jail_%[1]s_exec_start=\"/bin/sh /etc/rc\"\n"+
			"export jail_%[1]s_devfs_enable=\"YES\"\nexport jail_%[1]s_parameters=\"allow.sysvipc=1\"\n",
			name, i/250%250, i%250)
	}
	return files
}

// Shell returns a shell script of n jail(8) and iocage command lines
// with legacy System V IPC settings.
func Shell(n int) string {
	var b strings.Builder
	b.WriteString("#!/bin/sh\n")
	for i := 0; i < n; i++ {
		switch i % 3 {
		case 0:
			fmt.Fprintf(&b, "jail -c name=j%d path=/j/j%d allow.sysvipc persist\n", i, i)
		case 1:
			fmt.Fprintf(&b, "jail -m name=j%d \\\n\tallow.sysvipc=1 sysvshm=new\n", i)
		default:
			fmt.Fprintf(&b, "iocage create -n j%d -r 14.2-RELEASE allow_sysvipc=1 # comment\n", i)
		}
	}
	return b.String()
}

// Markdown returns a Markdown file of n sections, each with a shell code
// block holding a legacy jail(8) command line.
func Markdown(n int) string {
	var b strings.Builder
	b.WriteString("# Jails\n\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "## j%d\n\nCreate it (`jail -c` is prose here):\n\n```sh\njail -c name=j%d path=/usr/jails/j%d allow.sysvipc=1\n```\n\n", i, i, i)
	}
	return b.String()
}
