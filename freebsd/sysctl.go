package freebsd

import "strings"

// JailSysctl is one of the legacy security.jail.* sysctls (spec
// freebsd-jail.md §6; sys/kern/kern_jail.c). The writable "allowed" ones
// set only the default bit that jail(2) and jail(8)'s old 4-argument form
// use: jails created from jail.conf or rc.d/jail (jail_set(2) with every
// parameter) ignore them.
type JailSysctl struct {
	Name string // without "security.jail."
	// Replacement is the per-jail jail.conf setting to write instead ("":
	// none).
	Replacement string
	// ReadOnly sysctls cannot be set at all: sysctl -f fails on them.
	ReadOnly bool
	// Default: the sysctl is also the default of every new jail, jail.conf
	// jails included (only enforce_statfs), so it still has an effect.
	Default bool
}

// jailSysctls are the fixed sysctls of §6; the "<prefix>_<name>_allowed"
// ones created at run time are read by LookupJailSysctl.
var jailSysctls = map[string]JailSysctl{
	"set_hostname_allowed":    {Replacement: "allow.set_hostname"},
	"socket_unixiproute_only": {Replacement: "allow.socket_af (inverted: socket_unixiproute_only=1 is allow.nosocket_af)"},
	"sysvipc_allowed":         {Replacement: "sysvmsg, sysvsem and sysvshm (new for a private namespace; allow.sysvipc is deprecated since 11.0)"},
	"allow_raw_sockets":       {Replacement: "allow.raw_sockets"},
	"chflags_allowed":         {Replacement: "allow.chflags"},
	"mount_allowed":           {Replacement: "allow.mount"},
	"mlock_allowed":           {Replacement: "allow.mlock"},
	"enforce_statfs":          {Replacement: "enforce_statfs", Default: true},
	"devfs_ruleset":           {Replacement: "devfs_ruleset", ReadOnly: true},
	"jail_max_af_ips":         {},
	"jailed":                  {ReadOnly: true},
	"vnet":                    {ReadOnly: true},
	"list":                    {ReadOnly: true},
}

// LookupJailSysctl returns the legacy security.jail.* sysctl a
// sysctl.conf name sets, or false for any other name (security.jail.param.*
// are libjail's descriptors, not settings).
func LookupJailSysctl(name string) (JailSysctl, bool) {
	rest, ok := strings.CutPrefix(name, "security.jail.")
	if !ok || strings.HasPrefix(rest, "param.") {
		return JailSysctl{}, false
	}
	if s, ok := jailSysctls[rest]; ok {
		s.Name = rest
		return s, true
	}
	switch {
	case strings.HasPrefix(rest, "children."):
		return JailSysctl{Name: rest, ReadOnly: true}, true
	case strings.HasPrefix(rest, "mount_") && strings.HasSuffix(rest, "_allowed"):
		// mount_<fs>_allowed: allow.mount.<fs> (prison_add_allow).
		return JailSysctl{Name: rest, Replacement: "allow.mount." + strings.TrimSuffix(strings.TrimPrefix(rest, "mount_"), "_allowed")}, true
	case strings.HasSuffix(rest, "_allowed") && !strings.Contains(rest, "."):
		return JailSysctl{Name: rest, Replacement: "allow." + strings.TrimSuffix(rest, "_allowed")}, true
	}
	return JailSysctl{}, false
}
