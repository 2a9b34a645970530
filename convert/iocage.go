package convert

import (
	"fmt"
	"strings"

	"github.com/jailfmt/jailfmt/iocage"
	"github.com/jailfmt/jailfmt/parser"
	reader "github.com/jailfmt/jailfmt/parser/iocage"
	"github.com/jailfmt/jailfmt/resolve"
)

// IocageOptions describe the iocage host a jail comes from.
type IocageOptions struct {
	// Name is the jail's name (its folder under jails/); IocRoot the
	// iocage root as the host mounts it (/zroot/iocage).
	Name, IocRoot string
	// Host is the host's `uname -r`; iocage gates parameters on it.
	Host string
	// DefaultInterface is the host's default-route interface, which
	// iocage puts in front of DEFAULT| and bare addresses at start; ""
	// when unknown (such a jail is then not converted).
	DefaultInterface string
}

// iocageExec are the iocage properties iocage runs itself around
// `jail -c` (ioc_start.py: exec_prestart on the host before, exec_start
// with jexec in the jail after, exec_poststart on the host), written as
// the jail(8) parameters that run at the same points. skip is the value
// that does nothing, written only when the property differs.
var iocageExec = []struct{ key, param, skip string }{
	{"exec_prestart", "exec.prestart", "/usr/bin/true"},
	{"exec_start", "exec.start", ""},
	{"exec_poststart", "exec.poststart", "/usr/bin/true"},
	{"exec_prestop", "exec.prestop", "/usr/bin/true"},
	{"exec_stop", "exec.stop", ""},
	{"exec_poststop", "exec.poststop", "/usr/bin/true"},
	{"exec_jail_user", "exec.jail_user", "root"},
	{"exec_system_user", "exec.system_user", "root"},
}

// iocageStructural are properties StartParams reads to decide which
// parameters to pass; they are converted through those parameters.
var iocageStructural = map[string]bool{"vnet": true, "template": true, "host_hostuuid": true,
	"ip4_addr": true, "ip6_addr": true, "exec_system_jail_user": true}

// iocageLost are iocage's own properties whose non-default value iocage
// acts on when it starts the jail; jail.conf does not, so converting
// loses what they do (listed as unmappable, to be done by hand).
var iocageLost = map[string]string{
	"jail_zfs":               "iocage jails the dataset jail_zfs_dataset (zfs jail) after start; add zfs.dataset (FreeBSD 15.0+) or an exec.created \"zfs jail\" by hand",
	"jail_zfs_dataset":       "the dataset iocage jails when jail_zfs=1",
	"jail_zfs_mountpoint":    "where iocage mounts the jailed dataset",
	"dhcp":                   "iocage starts dhclient in the jail and unhides bpf in its devfs ruleset",
	"bpf":                    "iocage unhides bpf devices in the devfs ruleset it builds at start",
	"rtsold":                 "iocage starts rtsold in the jail",
	"nat":                    "iocage generates the address and NAT rules at start",
	"nat_forwards":           "iocage writes these port forwards into the host's firewall",
	"assign_localhost":       "iocage adds a 127.0.0.0/8 address at start",
	"localhost_ip":           "the loopback address iocage adds with assign_localhost",
	"interfaces":             "iocage creates an epair per vnet interface and adds it to this bridge at start",
	"defaultrouter":          "iocage sets this default route inside a VNET jail at start",
	"defaultrouter6":         "iocage sets this IPv6 default route inside a VNET jail at start",
	"resolver":               "iocage writes the jail's /etc/resolv.conf from it at start",
	"cpuset":                 "iocage binds the jail to these CPUs with cpuset(1) after start",
	"rlimits":                "iocage applies resource limits with rctl(8) at start",
	"exec_fib":               "iocage starts the jail with setfib",
	"host_time":              "iocage copies the host's /etc/localtime into the jail at start",
	"mount_procfs":           "iocage mounts procfs in the jail (write it into the fstab, or mount.procfs)",
	"mount_linprocfs":        "iocage mounts linprocfs in the jail (write it into the fstab)",
	"hostid_strict_check":    "iocage refuses to start the jail on a host whose hostid is not hostid",
	"depends":                "iocage starts these jails first",
	"vnet_default_interface": "iocage adds the vnet bridge to this interface",
	"vnet0_mtu":              "the MTU iocage gives the vnet0 epair",
	"vnet1_mtu":              "the MTU iocage gives the vnet1 epair",
	"vnet2_mtu":              "the MTU iocage gives the vnet2 epair",
	"vnet3_mtu":              "the MTU iocage gives the vnet3 epair",
	"vnet_default_mtu":       "the MTU iocage gives epairs",
}

// rctlKeys are iocage's rctl(8) resource properties (iocage applies
// each with rctl -a at start when it is not "off").
var rctlKeys = map[string]bool{"memoryuse": true, "memorylocked": true, "vmemoryuse": true, "maxproc": true,
	"cputime": true, "pcpu": true, "datasize": true, "stacksize": true, "coredumpsize": true, "openfiles": true,
	"pseudoterminals": true, "swapuse": true, "nthr": true, "msgqqueued": true, "msgqsize": true, "nmsgq": true,
	"nsem": true, "nsemop": true, "nshm": true, "shmsize": true, "wallclock": true, "readbps": true,
	"writebps": true, "readiops": true, "writeiops": true}

// Iocage converts one iocage jail (its config.json, and the defaults.json
// of its root, nil when there is none) into a jail.conf block with
// exactly the parameters ioc_start.py passes to jail(8) when it starts
// the jail, plus the exec.* commands iocage runs itself around jail -c.
// allow.sysvipc is dropped and sysvmsg, sysvsem and sysvshm written with
// their effective values (iocage always passes them, so allow_sysvipc=1
// decides nothing). Properties jail.conf cannot hold are kept as
// comments and listed. The error is a failed self-check, a jailfmt bug.
func Iocage(cfg, defaults *reader.Config, opt IocageOptions) (*Result, error) {
	res := &Result{Selection: "the iocage jail " + opt.Name + " (" + cfg.File.Name + ")"}
	layers := [][]iocage.Prop{iocage.Builtin()}
	if defaults != nil {
		layers = append(layers, defaults.Props)
	}
	layers = append(layers, cfg.Props)
	c := iocage.Merge(layers...)
	params, err := iocage.StartParams(c, iocage.Start{Name: opt.Name, IocRoot: opt.IocRoot, Host: opt.Host})
	if err != nil {
		res.Items = append(res.Items, Item{Kind: Unmappable, File: cfg.File, Msg: err.Error()})
		return res, nil
	}
	item := func(k Kind, p *iocage.Prop, msg string) Item {
		it := Item{Kind: k, Msg: msg}
		if p != nil && p.Origin.File != nil {
			it.File, it.Span, it.Var = p.Origin.File, p.Origin.Key, p.Key
		}
		return it
	}
	var lines []line
	var problems []Item
	used := map[string]bool{}
	for _, p := range params {
		used[p.Key] = true
		from := iocageOrigin(p.Key, p.Prop)
		if p.Note != "" && p.Name != "ip4.addr" && p.Name != "ip6.addr" {
			from += ": " + p.Note
		}
		switch {
		case p.Bare:
			lines = append(lines, line{p.Name + ";", []string{from}})
		case p.Key == "nat_prefix":
			problems = append(problems, item(Unmappable, c.Get("nat"), opt.Name+": nat=1: iocage generates the jail's address from nat_prefix and nat_interface at start; give it an ip4.addr by hand"))
		case p.Name == "ip4.addr" || p.Name == "ip6.addr":
			for i, a := range strings.Split(p.Value, ",") {
				a, from := strings.TrimSpace(a), from
				if iface, addr, ok := strings.Cut(a, "|"); !ok || iface == "DEFAULT" {
					if opt.DefaultInterface == "" {
						problems = append(problems, item(Unmappable, p.Prop, fmt.Sprintf(
							"%s: %s %q: iocage puts the host's default-route interface in front of it at start; say which with --default-interface", opt.Name, p.Key, a)))
						continue
					}
					if !ok {
						addr = a
					}
					a = opt.DefaultInterface + "|" + addr
					from += ": iocage puts the host's default-route interface (" + opt.DefaultInterface + ", --default-interface) in front of " + addr
				}
				op := " = "
				if i > 0 {
					op = " += "
				}
				lines = append(lines, line{p.Name + op + `"` + a + `";`, []string{from}})
			}
		default:
			lines = append(lines, line{p.Name + ` = "` + p.Value + `";`, []string{from}})
		}
	}
	for _, e := range iocageExec {
		p := c.Get(e.key)
		used[e.key] = true
		if p == nil || p.Text == e.skip || p.Text == "" {
			continue
		}
		lines = append(lines, line{e.param + ` = "` + p.Text + `";`,
			[]string{iocageOrigin(e.key, p) + ": iocage runs it itself around jail -c; jail(8) runs it at the same point"}})
	}
	if p := c.Get("exec_system_jail_user"); p != nil && iocage.Truthy(p.Text) {
		lines = append(lines, line{"exec.system_jail_user;", []string{iocageOrigin("exec_system_jail_user", p)}})
	}
	// Every other property: kept as a comment, and listed.
	var comments []string
	for _, key := range c.Keys() {
		p := c.Get(key)
		d, known := iocage.Lookup(key)
		if used[key] || iocageStructural[key] || known && d.Param != "" {
			continue
		}
		if known && !d.NoDefault && p.Normalized() == d.Default {
			continue // iocage's built-in default: it does nothing
		}
		kind, why := IocageOnly, "iocage's own setting, not a jail(8) parameter"
		switch {
		case key == "vnet":
		case iocageLost[key] != "" && !(key == "jail_zfs_dataset" && c.Get("jail_zfs").Normalized() != "1"):
			kind, why = Unmappable, "lost in jail.conf: "+iocageLost[key]
		case rctlKeys[key] && p.Text != "off":
			kind, why = Unmappable, "lost in jail.conf: iocage adds this rctl(8) limit at start; add it to /etc/rctl.conf by hand"
		case known && d.ZFS:
			why = "a ZFS dataset property; it stays on the dataset"
		case known && d.Bookkeeping:
			why = "iocage's bookkeeping"
		case !known:
			why = "not an iocage property (iocage ignores it)"
		}
		comments = append(comments, fmt.Sprintf("iocage %s = %q (%s)", key, p.Text, why))
		res.Items = append(res.Items, item(kind, p, fmt.Sprintf("%s: %s=%q: %s", opt.Name, key, p.Text, why)))
	}
	if c.Get("vnet").Normalized() == "1" {
		res.Items = append(res.Items, item(Unmappable, c.Get("vnet"), opt.Name+
			": vnet=1: iocage creates the epair interfaces of `interfaces`, moves them into the jail and configures ip4_addr/ip6_addr and defaultrouter inside it at start; jail.conf's vnet does none of that: add vnet.interface and the exec.prestart/exec.start commands by hand"))
	}
	res.Items = append(res.Items, Item{Kind: Note, File: cfg.File, Msg: fmt.Sprintf(
		"%s: iocage names the running jail ioc-%s; the converted block is %s (scripts that run jexec ioc-%s need the new name)", opt.Name, opt.Name, opt.Name, opt.Name)})
	if len(problems) > 0 {
		res.Items = append(res.Items, problems...)
		res.Items = append(res.Items, Item{Kind: Unmappable, Msg: opt.Name + ": not converted"})
		sortItems(res.Items)
		return res, nil
	}
	jv := &jailVars{j: opt.Name}
	ref, items := iocageReference(opt.Name, lines, params, c)
	if len(items) > 0 {
		res.Items = append(res.Items, items...)
		res.Items = append(res.Items, Item{Kind: Unmappable, Msg: opt.Name + ": not converted"})
		sortItems(res.Items)
		return res, nil
	}
	sysv, _ := sysvOf(ref)
	var b strings.Builder
	b.WriteString("# Converted by jailfmt from iocage's " + cfg.File.Name + ": the parameters iocage passes to jail(8) at start.\n")
	b.WriteString("# Each comment names the iocage property a statement comes from.\n")
	b.WriteString("\n" + quoteName(opt.Name) + " {\n")
	for _, cm := range comments {
		b.WriteString("\t# " + cm + "\n")
	}
	for _, l := range lines {
		name, _, _ := strings.Cut(l.text, " ")
		if r := sysvResource(strings.TrimSuffix(name, ";")); r != 0 {
			continue
		}
		writeGroup(&b, group{stmts: []cstmt{{plainValue(l.text), l.from, -1}}}, "\t")
	}
	for i, name := range sysvParams {
		from := "iocage passes " + name
		if p := c.Get(name); p != nil {
			from = iocageOrigin(name, p)
		}
		if c.Get("allow_sysvipc").Normalized() == "1" {
			from += "; allow_sysvipc=1 decides nothing, iocage passes " + name
		}
		fmt.Fprintf(&b, "\t%s = %s; # %s\n", name, sysNames[sysv[i]], from)
	}
	b.WriteString("}\n")
	f, errs := parser.Parse("converted.conf", b.String(), parser.Options{})
	if f == nil {
		return nil, fmt.Errorf("the converted jail.conf does not parse: %v (this is a jailfmt bug; please report it)", errs[0])
	}
	out := parser.Format(f)
	if err := check(out, []*converted{{j: jv, ref: ref}}); err != nil {
		return nil, fmt.Errorf("the converted jail.conf does not mean what iocage passes: %v (this is a jailfmt bug; please report it)", err)
	}
	res.JailConf, res.Jails = out, []string{opt.Name}
	res.Edits = append(res.Edits, "stop the jail with iocage, set boot=0 (iocage set boot=0 "+opt.Name+") so iocage no longer starts it, then start it with jail(8) (service jail start "+opt.Name+")")
	sortItems(res.Items)
	return res, nil
}

// iocageReference parses and resolves the block iocage writes to
// /var/run/jail.ioc-NAME.conf (one "key = value;" line per parameter,
// every value quoted, the exec commands iocage runs itself added).
// Problems (an invalid SysV IPC value, a jail jail(8) refuses) come back
// as items at the property that causes them.
func iocageReference(name string, lines []line, params []iocage.Param, c *iocage.Config) (*resolve.Jail, []Item) {
	var b strings.Builder
	b.WriteString(quoteName(name) + " {\n")
	for _, l := range lines {
		b.WriteString("\t" + l.text + "\n")
	}
	b.WriteString("}\n")
	culprit := func(line int, msg string) Item {
		it := Item{Kind: Unmappable, Msg: name + ": " + msg}
		if i := line - 2; i >= 0 && i < len(lines) {
			pname, _, _ := strings.Cut(lines[i].text, " ")
			for _, p := range params {
				if p.Name == strings.TrimSuffix(pname, ";") && p.Prop != nil && p.Prop.Origin.File != nil {
					it.File, it.Span, it.Var = p.Prop.Origin.File, p.Prop.Origin.Value, p.Key
					it.Msg = fmt.Sprintf("%s: %s=%q: iocage accepts it but passes %s, where %s", name, p.Key, p.Prop.Text, lines[i].text, msg)
				}
			}
		}
		return it
	}
	_, ref, items := resolveBlock("/var/run/jail.ioc-"+name+".conf", b.String(), culprit, name+": the block iocage writes does not give one jail")
	if ref == nil {
		return nil, items
	}
	if _, items := sysvOf(ref); len(items) > 0 {
		for i := range items {
			items[i] = culprit(items[i].Span.Start.Line, items[i].Msg)
		}
		return nil, items
	}
	return ref, nil
}

// iocageOrigin describes where a property's value comes from.
func iocageOrigin(key string, p *iocage.Prop) string {
	switch {
	case key == "":
		return "iocage always passes it"
	case p == nil || p.Origin.File == nil:
		return key + " (iocage default)"
	}
	return fmt.Sprintf("%s (%s:%d)", key, p.Origin.File.Name, p.Origin.Value.Start.Line)
}

// quoteName writes a jail name as a block name: bare when it is a plain
// word, quoted otherwise.
func quoteName(name string) string {
	for _, r := range name {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '-' || r == '.') {
			return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`, `$`, `\$`).Replace(name) + `"`
		}
	}
	return name
}

// IocageRoot returns the iocage root and jail name of a jail's
// config.json path (ROOT/jails/NAME/config.json or a jail folder);
// ok is false when the path has no jails/NAME shape.
func IocageRoot(path string) (root, name string, ok bool) {
	path = strings.TrimSuffix(strings.TrimSuffix(path, "/"), "/config.json")
	dir, name := splitLast(path)
	root, jails := splitLast(dir)
	if name == "" || (jails != "jails" && jails != "templates") {
		return "", "", false
	}
	return root, name, true
}

func splitLast(p string) (string, string) {
	i := strings.LastIndexByte(p, '/')
	if i < 0 {
		return "", p
	}
	return p[:i], p[i+1:]
}

// plainValue drops the quotes iocage writes around a value that reads
// the same without them (a word of letters, digits and . _ - : | /
// with no comment opener in it), for the clean output.
func plainValue(stmt string) string {
	i := strings.Index(stmt, ` "`)
	if i < 0 || !strings.HasSuffix(stmt, `";`) {
		return stmt
	}
	v := stmt[i+2 : len(stmt)-2]
	if v == "" || strings.Contains(v, "//") || strings.Contains(v, "/*") {
		return stmt
	}
	for _, r := range v {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("._-:|/", r)) {
			return stmt
		}
	}
	return stmt[:i+1] + v + ";"
}
