// Package iocage is iocage's own knowledge: its property catalogue (types,
// defaults, allowed values, which properties reach jail(8) and which are
// iocage's own), how it normalises and validates values, and exactly which
// jail(8) parameters ioc_start.py passes when it starts a jail. The facts
// are freebsd/iocage's (iocage_lib/ioc_json.py retrieve_default_props,
// json_check_prop, truthy_props; iocage_lib/ioc_start.py start_jail).
package iocage

// Type is how iocage types a property's value.
type Type uint8

// Property types.
const (
	String   Type = iota // any string; "none" is the unset sentinel for many
	Bool                 // truthy: stored as JSON 1 or 0 (ioc_json.py truthy_props)
	Enum                 // one of Allowed, checked by substring (json_check_prop)
	Priority             // 1..99, checked by iocage's character test (json_check_prop)
)

// Property is one entry of iocage's property catalogue.
type Property struct {
	Name string
	Type Type
	// Default is the value of a fresh defaults.json (retrieve_default_props);
	// for Bool properties "1" or "0". NoDefault: set per jail or chosen on
	// the host (host_hostname, hostid, mac_prefix, ...).
	Default   string
	NoDefault bool
	// Allowed lists the values json_check_prop compares with (Enum only).
	Allowed []string
	// Fixed: not settable with iocage set ("cannot be changed by the
	// user"); Bookkeeping: a key iocage keeps in config.json that is no
	// property at all (host_hostuuid, release, ...).
	Fixed, Bookkeeping bool
	// ZFS: a dataset property iocage sets with zfs set, not in the JSON.
	ZFS bool
	// DefaultsOnly: only "iocage set ... default" may change it.
	DefaultsOnly bool
	// Param is the jail(8) parameter ioc_start.py derives from the
	// property ("" when the property is iocage's own, with no jail(8)
	// equivalent).
	Param string
}

// catalogue is freebsd/iocage HEAD's property list in retrieve_default_props
// order, then the keys only json_check_prop knows, then bookkeeping keys.
var catalogue = []Property{
	{Name: "CONFIG_VERSION", Type: String, Default: "34", Fixed: true},
	{Name: "interfaces", Type: Enum, Default: "vnet0:bridge0", Allowed: []string{":", ","}},
	{Name: "host_domainname", Type: String, Default: "", Param: "host.domainname"},
	{Name: "exec_fib", Type: String, Default: "0"},
	{Name: "ip4_addr", Type: String, Default: "none", Param: "ip4.addr"},
	{Name: "ip4_saddrsel", Type: Bool, Default: "1", Param: "ip4.saddrsel"},
	{Name: "ip4", Type: Enum, Default: "new", Allowed: []string{"new", "inherit", "disable"}, Param: "ip4"},
	{Name: "ip6_addr", Type: String, Default: "none", Param: "ip6.addr"},
	{Name: "ip6_saddrsel", Type: Bool, Default: "1", Param: "ip6.saddrsel"},
	{Name: "ip6", Type: Enum, Default: "new", Allowed: []string{"new", "inherit", "disable"}, Param: "ip6"},
	{Name: "defaultrouter", Type: String, Default: "auto"},
	{Name: "defaultrouter6", Type: String, Default: "auto"},
	{Name: "resolver", Type: String, Default: "/etc/resolv.conf"},
	{Name: "mac_prefix", Type: String, NoDefault: true},
	{Name: "vnet0_mac", Type: String, Default: "none"},
	{Name: "vnet1_mac", Type: String, Default: "none"},
	{Name: "vnet2_mac", Type: String, Default: "none"},
	{Name: "vnet3_mac", Type: String, Default: "none"},
	{Name: "vnet_default_interface", Type: String, Default: "none"},
	{Name: "devfs_ruleset", Type: String, Default: "4", Param: "devfs_ruleset"},
	{Name: "exec_start", Type: String, Default: "/bin/sh /etc/rc"},
	{Name: "exec_stop", Type: String, Default: "/bin/sh /etc/rc.shutdown"},
	{Name: "exec_prestart", Type: String, Default: "/usr/bin/true"},
	{Name: "exec_poststart", Type: String, Default: "/usr/bin/true"},
	{Name: "exec_prestop", Type: String, Default: "/usr/bin/true"},
	{Name: "exec_poststop", Type: String, Default: "/usr/bin/true"},
	{Name: "exec_created", Type: String, Default: "/usr/bin/true", Param: "exec.created"},
	{Name: "exec_clean", Type: Bool, Default: "1", Param: "exec.clean"},
	{Name: "exec_timeout", Type: String, Default: "60", Param: "exec.timeout"},
	{Name: "stop_timeout", Type: String, Default: "30", Param: "stop.timeout"},
	{Name: "exec_jail_user", Type: String, Default: "root"},
	{Name: "exec_system_jail_user", Type: String, Default: "0"},
	{Name: "exec_system_user", Type: String, Default: "root"},
	{Name: "mount_devfs", Type: Bool, Default: "1", Param: "mount.devfs"},
	{Name: "mount_fdescfs", Type: Bool, Default: "1", Param: "mount.fdescfs"},
	{Name: "enforce_statfs", Type: Enum, Default: "2", Allowed: []string{"0", "1", "2"}, Param: "enforce_statfs"},
	{Name: "children_max", Type: String, Default: "0", Param: "children.max"},
	{Name: "login_flags", Type: String, Default: "-f root"},
	{Name: "securelevel", Type: String, Default: "2", Param: "securelevel"},
	{Name: "sysvmsg", Type: Enum, Default: "new", Allowed: []string{"new", "inherit", "disable"}, Param: "sysvmsg"},
	{Name: "sysvsem", Type: Enum, Default: "new", Allowed: []string{"new", "inherit", "disable"}, Param: "sysvsem"},
	{Name: "sysvshm", Type: Enum, Default: "new", Allowed: []string{"new", "inherit", "disable"}, Param: "sysvshm"},
	{Name: "allow_set_hostname", Type: Bool, Default: "1", Param: "allow.set_hostname"},
	{Name: "allow_sysvipc", Type: Bool, Default: "0", Param: "allow.sysvipc"},
	{Name: "allow_raw_sockets", Type: Bool, Default: "0", Param: "allow.raw_sockets"},
	{Name: "allow_chflags", Type: Bool, Default: "0", Param: "allow.chflags"},
	{Name: "allow_mlock", Type: Bool, Default: "0", Param: "allow.mlock"},
	{Name: "allow_mount", Type: Bool, Default: "0", Param: "allow.mount"},
	{Name: "allow_mount_devfs", Type: Bool, Default: "0", Param: "allow.mount.devfs"},
	{Name: "allow_mount_fdescfs", Type: Bool, Default: "0", Param: "allow.mount.fdescfs"},
	{Name: "allow_mount_fusefs", Type: Bool, Default: "0", Param: "allow.mount.fusefs"},
	{Name: "allow_mount_nullfs", Type: Bool, Default: "0", Param: "allow.mount.nullfs"},
	{Name: "allow_mount_procfs", Type: Bool, Default: "0", Param: "allow.mount.procfs"},
	{Name: "allow_mount_linprocfs", Type: Bool, Default: "0", Param: "allow.mount.linprocfs"},
	{Name: "allow_mount_linsysfs", Type: Bool, Default: "0", Param: "allow.mount.linsysfs"},
	{Name: "allow_mount_tmpfs", Type: Bool, Default: "0", Param: "allow.mount.tmpfs"},
	{Name: "allow_mount_zfs", Type: Bool, Default: "0", Param: "allow.mount.zfs"},
	{Name: "allow_quotas", Type: Bool, Default: "0", Param: "allow.quotas"},
	{Name: "allow_socket_af", Type: Bool, Default: "0", Param: "allow.socket_af"},
	{Name: "allow_tun", Type: Bool, Default: "0"},
	{Name: "allow_vmm", Type: Bool, Default: "0", Param: "allow.vmm"},
	{Name: "allow_nfsd", Type: Bool, Default: "0", Param: "allow.nfsd"},
	{Name: "cpuset", Type: String, Default: "off"},
	{Name: "rlimits", Type: Enum, Default: "off", Allowed: []string{"off", "on"}},
	{Name: "memoryuse", Type: String, Default: "off"},
	{Name: "memorylocked", Type: String, Default: "off"},
	{Name: "vmemoryuse", Type: String, Default: "off"},
	{Name: "maxproc", Type: String, Default: "off"},
	{Name: "cputime", Type: String, Default: "off"},
	{Name: "pcpu", Type: String, Default: "off"},
	{Name: "datasize", Type: String, Default: "off"},
	{Name: "stacksize", Type: String, Default: "off"},
	{Name: "coredumpsize", Type: String, Default: "off"},
	{Name: "openfiles", Type: String, Default: "off"},
	{Name: "pseudoterminals", Type: String, Default: "off"},
	{Name: "swapuse", Type: String, Default: "off"},
	{Name: "nthr", Type: String, Default: "off"},
	{Name: "msgqqueued", Type: String, Default: "off"},
	{Name: "msgqsize", Type: String, Default: "off"},
	{Name: "nmsgq", Type: String, Default: "off"},
	{Name: "nsem", Type: String, Default: "off"},
	{Name: "nsemop", Type: String, Default: "off"},
	{Name: "nshm", Type: String, Default: "off"},
	{Name: "shmsize", Type: String, Default: "off"},
	{Name: "wallclock", Type: String, Default: "off"},
	{Name: "readbps", Type: String, Default: "off"},
	{Name: "writebps", Type: String, Default: "off"},
	{Name: "readiops", Type: String, Default: "off"},
	{Name: "writeiops", Type: String, Default: "off"},
	{Name: "type", Type: String, Default: "jail", Fixed: true},
	{Name: "bpf", Type: Bool, Default: "0"},
	{Name: "dhcp", Type: Bool, Default: "0"},
	{Name: "boot", Type: Bool, Default: "0"},
	{Name: "notes", Type: String, Default: "none"},
	{Name: "owner", Type: String, Default: "root"},
	{Name: "priority", Type: Priority, Default: "99"},
	{Name: "last_started", Type: String, Default: "none", Fixed: true},
	{Name: "template", Type: Bool, Default: "0"},
	{Name: "hostid", Type: String, NoDefault: true},
	{Name: "hostid_strict_check", Type: Bool, Default: "0"},
	{Name: "jail_zfs", Type: Bool, Default: "0"},
	{Name: "jail_zfs_mountpoint", Type: String, Default: "none"},
	{Name: "mount_procfs", Type: Bool, Default: "0"},
	{Name: "mount_linprocfs", Type: Bool, Default: "0"},
	{Name: "count", Type: String, Default: "1", Fixed: true},
	{Name: "vnet", Type: Bool, Default: "0", Param: "vnet"},
	{Name: "basejail", Type: Bool, Default: "0", Fixed: true},
	{Name: "comment", Type: String, Default: "none"},
	{Name: "host_time", Type: Bool, Default: "1"},
	{Name: "sync_state", Type: String, Default: "none", Fixed: true},
	{Name: "sync_target", Type: String, Default: "none", Fixed: true},
	{Name: "sync_tgt_zpool", Type: String, Default: "none", Fixed: true},
	{Name: "compression", Type: String, Default: "on", Fixed: true},
	{Name: "origin", Type: String, Default: "readonly", ZFS: true},
	{Name: "quota", Type: String, Default: "none", ZFS: true},
	{Name: "mountpoint", Type: String, Default: "readonly", ZFS: true},
	{Name: "compressratio", Type: String, Default: "readonly", ZFS: true},
	{Name: "available", Type: String, Default: "readonly", ZFS: true},
	{Name: "used", Type: String, Default: "readonly", ZFS: true},
	{Name: "dedup", Type: String, Default: "off", ZFS: true},
	{Name: "reservation", Type: String, Default: "none", ZFS: true},
	{Name: "depends", Type: String, Default: "none"},
	{Name: "vnet_interfaces", Type: String, Default: "none", Param: "vnet.interface"},
	{Name: "rtsold", Type: Bool, Default: "0"},
	{Name: "ip_hostname", Type: Bool, Default: "0", Param: "ip_hostname"},
	{Name: "assign_localhost", Type: Bool, Default: "0"},
	{Name: "localhost_ip", Type: String, Default: "none"},
	{Name: "nat", Type: Bool, Default: "0"},
	{Name: "nat_prefix", Type: String, Default: "172.16", DefaultsOnly: true},
	{Name: "nat_interface", Type: String, Default: "none", DefaultsOnly: true},
	{Name: "nat_backend", Type: Enum, Default: "ipfw", Allowed: []string{"pf", "ipfw"}, DefaultsOnly: true},
	{Name: "nat_forwards", Type: String, Default: "none"},
	{Name: "plugin_name", Type: String, Default: "none"},
	{Name: "plugin_repository", Type: String, Default: "none"},
	{Name: "min_dyn_devfs_ruleset", Type: String, Default: "1000"},
	{Name: "vnet0_mtu", Type: String, Default: "auto"},
	{Name: "vnet1_mtu", Type: String, Default: "auto"},
	{Name: "vnet2_mtu", Type: String, Default: "auto"},
	{Name: "vnet3_mtu", Type: String, Default: "auto"},
	{Name: "vnet_default_mtu", Type: String, Default: "1500"},
	{Name: "host_hostname", Type: String, NoDefault: true, Param: "host.hostname"},
	{Name: "jail_zfs_dataset", Type: String, NoDefault: true},
	// Keys iocage keeps in config.json that are not properties
	// (jail-managers.md §1.8 "Other keys that are not properties").
	{Name: "host_hostuuid", Type: String, NoDefault: true, Fixed: true, Bookkeeping: true, Param: "host.hostuuid"},
	{Name: "release", Type: String, NoDefault: true, Fixed: true, Bookkeeping: true},
	{Name: "cloned_release", Type: String, NoDefault: true, Fixed: true, Bookkeeping: true},
	{Name: "CONFIG_TYPE", Type: String, Default: "THIN", Fixed: true, Bookkeeping: true},
	{Name: "source_template", Type: String, NoDefault: true, Fixed: true, Bookkeeping: true},
	{Name: "tag", Type: String, NoDefault: true, Fixed: true, Bookkeeping: true},
}

var byName = func() map[string]*Property {
	m := make(map[string]*Property, len(catalogue))
	for i := range catalogue {
		m[catalogue[i].Name] = &catalogue[i]
	}
	return m
}()

// Lookup returns the catalogue entry of a property or bookkeeping key.
func Lookup(name string) (*Property, bool) {
	p, ok := byName[name]
	return p, ok
}

// Properties returns the whole catalogue, in iocage's order. The caller
// must not modify it.
func Properties() []Property { return catalogue }
