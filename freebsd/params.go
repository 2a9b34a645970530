package freebsd

import "strings"

// Kind is how jail(8), libjail or the kernel reads a parameter's value.
type Kind uint8

// The parameter kinds.
const (
	Bool     Kind = iota // kernel boolean: true/false or an integer; "no" prefix inverts
	IntBool              // jail(8) internal boolean (exec.clean, mount.devfs, ...)
	Int                  // kernel integer
	IntInt               // jail(8) internal integer (exec.timeout, ...)
	String               // string
	List                 // list of strings (commands, mounts, ...)
	AddrList             // ip4.addr / ip6.addr
	Jailsys              // disable/new/inherit or 0/1/2
	ReadOnly             // cannot be set
)

// Param describes one known parameter.
type Param struct {
	Kind  Kind
	Since Release // first release that has it (zero: long ago)
}

var (
	r11   = Release{Major: 11}
	r12   = Release{Major: 12}
	r13_3 = Release{Major: 13, Minor: 3}
	r14   = Release{Major: 14}
	r15   = Release{Major: 15}
)

// catalog is the parameter catalogue of FreeBSD's jail(8) and kernel
// (spec §4: jail.8 of December 2025, kern_jail.c, config.c intparams).
var catalog = map[string]Param{
	"jid": {Kind: Int}, "name": {Kind: String}, "parent": {Kind: ReadOnly}, "path": {Kind: String},
	"securelevel": {Kind: Int}, "osrelease": {Kind: String, Since: r12}, "osreldate": {Kind: Int, Since: r12},
	"enforce_statfs": {Kind: Int}, "devfs_ruleset": {Kind: Int}, "persist": {Kind: Bool},
	"dying": {Kind: ReadOnly}, "vnet": {Kind: Jailsys}, "children.max": {Kind: Int},
	"children.cur": {Kind: ReadOnly}, "host": {Kind: Jailsys}, "host.hostname": {Kind: String},
	"host.domainname": {Kind: String}, "host.hostuuid": {Kind: String}, "host.hostid": {Kind: Int},
	"cpuset.id": {Kind: ReadOnly}, "ip4": {Kind: Jailsys}, "ip6": {Kind: Jailsys},
	"ip4.addr": {Kind: AddrList}, "ip6.addr": {Kind: AddrList}, "ip4.saddrsel": {Kind: Bool},
	"ip6.saddrsel": {Kind: Bool}, "mac.label": {Kind: String}, "meta": {Kind: String, Since: r15},
	"env": {Kind: String, Since: r15},

	"allow.set_hostname": {Kind: Bool}, "allow.sysvipc": {Kind: Bool}, "allow.raw_sockets": {Kind: Bool},
	"allow.chflags": {Kind: Bool}, "allow.mount": {Kind: Bool}, "allow.quotas": {Kind: Bool},
	"allow.socket_af": {Kind: Bool}, "allow.mlock": {Kind: Bool, Since: r12},
	"allow.reserved_ports": {Kind: Bool}, "allow.read_msgbuf": {Kind: Bool},
	"allow.unprivileged_proc_debug": {Kind: Bool}, "allow.unprivileged_parent_tampering": {Kind: Bool, Since: r15},
	"allow.suser": {Kind: Bool}, "allow.nfsd": {Kind: Bool, Since: r13_3}, "allow.extattr": {Kind: Bool, Since: r14},
	"allow.adjtime": {Kind: Bool}, "allow.settime": {Kind: Bool}, "allow.routing": {Kind: Bool},
	"allow.setaudit": {Kind: Bool, Since: r15}, "allow.vmm": {Kind: Bool, Since: r12},
	"allow.vmm_ppt":     {Kind: Bool, Since: r15},
	"allow.mount.devfs": {Kind: Bool}, "allow.mount.fdescfs": {Kind: Bool}, "allow.mount.fusefs": {Kind: Bool},
	"allow.mount.nullfs": {Kind: Bool}, "allow.mount.procfs": {Kind: Bool}, "allow.mount.linprocfs": {Kind: Bool},
	"allow.mount.linsysfs": {Kind: Bool}, "allow.mount.tmpfs": {Kind: Bool}, "allow.mount.zfs": {Kind: Bool},

	// FreeBSD 11.0 added the three (r298585, spec §5.4).
	"sysvmsg": {Kind: Jailsys, Since: r11}, "sysvsem": {Kind: Jailsys, Since: r11}, "sysvshm": {Kind: Jailsys, Since: r11},
	"linux": {Kind: Jailsys}, "linux.osname": {Kind: String}, "linux.osrelease": {Kind: String},
	"linux.oss_version": {Kind: Int}, "zfs.mount_snapshot": {Kind: Int},

	"exec.prepare": {Kind: List, Since: r14}, "exec.prestart": {Kind: List}, "exec.created": {Kind: List, Since: r12},
	"exec.start": {Kind: List}, "command": {Kind: List}, "exec.poststart": {Kind: List},
	"exec.prestop": {Kind: List}, "exec.stop": {Kind: List}, "exec.poststop": {Kind: List},
	"exec.release": {Kind: List, Since: r14}, "exec.clean": {Kind: IntBool}, "exec.jail_user": {Kind: String},
	"exec.system_user": {Kind: String}, "exec.system_jail_user": {Kind: IntBool}, "exec.timeout": {Kind: IntInt},
	"exec.consolelog": {Kind: String}, "exec.fib": {Kind: IntInt}, "stop.timeout": {Kind: IntInt},
	"interface": {Kind: String}, "ip_hostname": {Kind: IntBool}, "vnet.interface": {Kind: List},
	"zfs.dataset": {Kind: List, Since: r15}, "mount": {Kind: List}, "mount.fstab": {Kind: List},
	"mount.devfs": {Kind: IntBool}, "mount.fdescfs": {Kind: IntBool}, "mount.procfs": {Kind: IntBool},
	"depend": {Kind: List}, "allow.dying": {Kind: IntBool},
}

// Ref is what a parameter name refers to.
type Ref struct {
	Base    string // the catalogue name ("allow.mount" for allow.nomount)
	Param          // its description
	Negated bool   // written with "no" on the last component
	Known   bool   // found in the catalogue
	Module  bool   // a name a kernel module may add (allow.mount.*, linux.*, zfs.*, meta.*, env.*)
}

// Lookup resolves a parameter name against the catalogue.
func Lookup(name string) Ref {
	if info, ok := catalog[name]; ok {
		return Ref{Base: name, Param: info, Known: true}
	}
	dot := strings.LastIndexByte(name, '.')
	last := name[dot+1:]
	if strings.HasPrefix(last, "no") {
		base := name[:dot+1] + last[2:]
		if info, ok := catalog[base]; ok {
			return Ref{Base: base, Param: info, Negated: true, Known: true}
		}
		if IsModuleName(base) {
			return Ref{Base: base, Param: Param{Kind: Bool}, Negated: true, Module: true}
		}
	}
	ref := Ref{Base: name, Module: IsModuleName(name)}
	if ref.Module {
		ref.Kind = String
		if strings.HasPrefix(name, "allow.") {
			ref.Kind = Bool
		}
	}
	return ref
}

// IsModuleName reports whether a name is of a family that kernel modules
// extend at run time (spec §9.24).
func IsModuleName(name string) bool {
	for _, p := range []string{"allow.mount.", "linux.", "zfs.", "meta.", "env.", "allow.vmm"} {
		if strings.HasPrefix(name, p) && len(name) > len(p) {
			return true
		}
	}
	return false
}

// levenshtein is the edit distance between a and b, or max+1 when that
// is more than max: a row's least cell never decreases in later rows, so
// the rows stop once it is past max.
func levenshtein(a, b string, max int) int {
	const short = 64
	var buf [2 * short]int
	n := len(b) + 1
	var prev, cur []int
	if n <= short {
		prev, cur = buf[:n], buf[short:short+n]
	} else {
		prev, cur = make([]int, n), make([]int, n)
	}
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		least := i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			least = min(least, cur[j])
		}
		if least > max {
			return max + 1
		}
		prev, cur = cur, prev
	}
	return min(prev[len(b)], max+1)
}

// Suggest returns the closest catalogue name, or "".
func Suggest(name string) string { return Closest(name, catalogNames) }

var catalogNames = func() []string {
	out := make([]string, 0, len(catalog))
	for c := range catalog {
		out = append(out, c)
	}
	return out
}()

// Closest returns the name of names nearest to name by edit distance
// (ties: the first in sort order), or "" when none is close enough to be
// a likely typo.
func Closest(name string, names []string) string {
	// A likely typo is fewer than 4 edits away and at most len(name)/3+1:
	// no name farther than that is measured to the end.
	best, bestD := "", min(4, len(name)/3+2)
	for _, c := range names {
		if abs(len(c)-len(name)) > bestD {
			continue // the distance is at least the length difference
		}
		if d := levenshtein(name, c, bestD); d < bestD || d == bestD && best != "" && c < best {
			best, bestD = c, d
		}
	}
	if bestD > len(name)/3+1 {
		return ""
	}
	return best
}

// MisplacedNo returns the catalogue name meant by a name with "no" on a
// component other than the last (noallow.mount -> allow.mount).
func MisplacedNo(name string) (string, bool) {
	parts := strings.Split(name, ".")
	for i := 0; i < len(parts)-1; i++ {
		if strings.HasPrefix(parts[i], "no") {
			fixed := append(append([]string(nil), parts[:i]...), parts[i][2:])
			fixed = append(fixed, parts[i+1:]...)
			base := strings.Join(fixed, ".")
			if _, ok := catalog[base]; ok {
				return base, true
			}
		}
	}
	return "", false
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
