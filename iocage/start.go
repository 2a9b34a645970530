package iocage

import (
	"fmt"
	"strconv"
	"strings"
)

// Param is one jail(8) parameter iocage passes when it starts a jail
// (the lines of /var/run/jail.ioc-NAME.conf).
type Param struct {
	Name  string
	Value string
	Bare  bool   // written without a value: `persist;`, `vnet;`
	Key   string // the property it comes from ("" when iocage always adds it)
	Prop  *Prop  // that property's effective setting (nil: not set anywhere)
	Note  string // how the host changes the value at start, when it does
}

// Start names the jail being started.
type Start struct {
	Name    string // the jail's dataset name (iocage also passes it as host.hostuuid)
	IocRoot string // the iocage root, e.g. /zroot/iocage
	// Host is the host's `uname -r` ("13.2-RELEASE-p4"). iocage gates
	// parameters on float(the part before "-"), the host kernel, not the
	// jail's release.
	Host string
}

// HostVersion returns the number iocage compares release gates with:
// float(uname -r before the first "-") (ioc_start.py start_jail).
func HostVersion(host string) (float64, error) {
	v, _, _ := strings.Cut(host, "-")
	f, err := strconv.ParseFloat(v, 64)
	if err != nil {
		return 0, fmt.Errorf("host release %q: iocage reads float(%q) and fails", host, v)
	}
	return f, nil
}

// StartParams returns exactly the jail(8) parameters ioc_start.py passes
// at start for the configuration c (use Merge(Builtin(), defaults, jail)),
// in its order. The jail's name is the block name "ioc-NAME", not a
// parameter. What it encodes (ioc_start.py start_jail):
//   - allow.*, mount.devfs and mount.fdescfs only when their value is 1
//     (iocage keeps the "allow.x=N" strings that contain "1"), so
//     allow.sysvipc=0 is never passed and allow.nosysvipc never written;
//   - sysvmsg, sysvsem and sysvshm always, on hosts newer than 10.3; so on
//     FreeBSD >= 11 an explicit sysv* value always reaches the kernel and
//     allow_sysvipc=1 decides nothing about IPC namespaces;
//   - release gates on the host kernel: mount.fdescfs, allow.mount.tmpfs,
//     allow.mount.fdescfs > 9.3; allow.mlock, allow.mount.fusefs,
//     allow.vmm, exec.created >= 12.0; allow.nfsd >= 13.3;
//   - jail_zfs=1 forces allow.mount=1, allow.mount.zfs=1, and
//     enforce_statfs 2 to 1;
//   - shared-IP jails get ip4.addr/ip6.addr (unless "none"), ip4.saddrsel,
//     ip4, ip6.saddrsel, ip6; VNET jails get vnet and one vnet.interface
//     per word of vnet_interfaces;
//   - exec_start, exec_stop, exec_pre*/post*, rctl limits, cpuset and the
//     other iocage-only properties are not jail(8) parameters.
func StartParams(c *Config, s Start) ([]Param, error) {
	host, err := HostVersion(s.Host)
	if err != nil {
		return nil, err
	}
	var out []Param
	from := func(name, key, note string) {
		out = append(out, Param{Name: name, Value: c.value(key), Key: key, Prop: c.Get(key), Note: note})
	}
	jailZFS := c.value("jail_zfs") == "1"
	if c.value("vnet") != "1" {
		nat := c.value("nat") == "1"
		local := c.value("assign_localhost") == "1"
		switch {
		case nat:
			out = append(out, Param{Name: "ip4.addr", Key: "nat_prefix", Prop: c.Get("nat_prefix"),
				Note: "generated at start from nat_prefix and nat_interface"})
		case c.Get("ip4_addr") != nil && !c.Get("ip4_addr").IsNone() || local:
			note := "iocage adds the host's default-route interface to addresses without one"
			if local {
				note += "; assign_localhost adds a 127.0.0.0/8 address"
			}
			from("ip4.addr", "ip4_addr", note)
		}
		if p := c.Get("ip6_addr"); p != nil && !p.IsNone() {
			from("ip6.addr", "ip6_addr", "iocage adds the host's default-route interface to addresses without one")
		}
		from("ip4.saddrsel", "ip4_saddrsel", "")
		from("ip4", "ip4", "")
		from("ip6.saddrsel", "ip6_saddrsel", "")
		from("ip6", "ip6", "")
	} else {
		out = append(out, Param{Name: "vnet", Bare: true, Key: "vnet", Prop: c.Get("vnet")})
		if p := c.Get("vnet_interfaces"); p != nil && !p.IsNone() {
			for _, w := range strings.Fields(p.Text) {
				out = append(out, Param{Name: "vnet.interface", Value: w, Key: "vnet_interfaces", Prop: p})
			}
		}
	}

	// The allow/mount list, filtered to values 1 (ioc_start.py:
	// `[x for x in parameters if '1' in x]`).
	type gated struct {
		name, key string
		ok        bool
	}
	flags := []gated{
		{"mount.fdescfs", "mount_fdescfs", host > 9.3},
		{"allow.mlock", "allow_mlock", host >= 12.0},
		{"allow.mount.tmpfs", "allow_mount_tmpfs", host > 9.3},
		{"allow.mount.fdescfs", "allow_mount_fdescfs", host > 9.3},
		{"allow.mount.fusefs", "allow_mount_fusefs", host >= 12.0},
		{"allow.vmm", "allow_vmm", host >= 12.0},
		{"allow.nfsd", "allow_nfsd", host >= 13.3},
		{"allow.set_hostname", "allow_set_hostname", true},
		{"mount.devfs", "mount_devfs", true},
		{"allow.raw_sockets", "allow_raw_sockets", true},
		{"allow.sysvipc", "allow_sysvipc", true},
		{"allow.quotas", "allow_quotas", true},
		{"allow.socket_af", "allow_socket_af", true},
		{"allow.chflags", "allow_chflags", true},
		{"allow.mount", "allow_mount", true},
		{"allow.mount.devfs", "allow_mount_devfs", true},
		{"allow.mount.nullfs", "allow_mount_nullfs", true},
		{"allow.mount.procfs", "allow_mount_procfs", true},
		{"allow.mount.linprocfs", "allow_mount_linprocfs", true},
		{"allow.mount.linsysfs", "allow_mount_linsysfs", true},
		{"allow.mount.zfs", "allow_mount_zfs", true},
	}
	for _, f := range flags {
		if !f.ok {
			continue
		}
		if jailZFS && (f.key == "allow_mount" || f.key == "allow_mount_zfs") {
			out = append(out, Param{Name: f.name, Value: "1", Key: "jail_zfs", Prop: c.Get("jail_zfs"), Note: "forced by jail_zfs=1"})
			continue
		}
		if c.value(f.key) == "1" {
			from(f.name, f.key, "")
		}
	}

	if host > 10.3 {
		from("sysvmsg", "sysvmsg", "")
		from("sysvsem", "sysvsem", "")
		from("sysvshm", "sysvshm", "")
	}
	if host >= 12.0 {
		from("exec.created", "exec_created", "")
	}
	from("host.domainname", "host_domainname", "")
	from("host.hostname", "host_hostname", "")
	path := s.IocRoot + "/jails/" + s.Name
	if c.value("template") == "1" {
		path = s.IocRoot + "/templates/" + s.Name
	}
	out = append(out, Param{Name: "path", Value: path + "/root"})
	from("securelevel", "securelevel", "")
	out = append(out, Param{Name: "host.hostuuid", Value: s.Name})
	from("devfs_ruleset", "devfs_ruleset",
		"iocage passes a ruleset it builds at start: the first free number from min_dyn_devfs_ruleset, a copy of this one")
	if jailZFS && c.value("enforce_statfs") == "2" {
		out = append(out, Param{Name: "enforce_statfs", Value: "1", Key: "jail_zfs", Prop: c.Get("jail_zfs"), Note: "jail_zfs=1 turns enforce_statfs 2 into 1"})
	} else {
		from("enforce_statfs", "enforce_statfs", "")
	}
	from("children.max", "children_max", "")
	from("exec.clean", "exec_clean", "")
	from("exec.timeout", "exec_timeout", "")
	from("stop.timeout", "stop_timeout", "")
	out = append(out, Param{Name: "mount.fstab", Value: path + "/fstab"})
	out = append(out, Param{Name: "exec.consolelog", Value: s.IocRoot + "/log/ioc-" + s.Name + "-console.log"})
	if c.value("ip_hostname") == "1" {
		from("ip_hostname", "ip_hostname", "")
	}
	out = append(out, Param{Name: "persist", Bare: true})
	return out, nil
}
