package lint

import (
	"strconv"
	"strings"

	"github.com/jailfmt/jailfmt/resolve"
)

// kind is how jail(8), libjail or the kernel reads a parameter's value.
type kind uint8

const (
	kBool     kind = iota // kernel boolean: true/false or an integer; "no" prefix inverts
	kIntBool              // jail(8) internal boolean (exec.clean, mount.devfs, ...)
	kInt                  // kernel integer
	kIntInt               // jail(8) internal integer (exec.timeout, ...)
	kString               // string
	kList                 // list of strings (commands, mounts, ...)
	kAddrList             // ip4.addr / ip6.addr
	kJailsys              // disable/new/inherit or 0/1/2
	kReadOnly             // cannot be set
)

// paramInfo describes one known parameter.
type paramInfo struct {
	kind  kind
	since resolve.Target // first release that has it (zero: long ago)
}

var (
	r12   = resolve.Target{Major: 12}
	r13_3 = resolve.Target{Major: 13, Minor: 3}
	r14   = resolve.Target{Major: 14}
	r15   = resolve.Target{Major: 15}
)

// catalog is the parameter catalogue of FreeBSD's jail(8) and kernel
// (spec §4: jail.8 of December 2025, kern_jail.c, config.c intparams).
var catalog = map[string]paramInfo{
	"jid": {kind: kInt}, "name": {kind: kString}, "parent": {kind: kReadOnly}, "path": {kind: kString},
	"securelevel": {kind: kInt}, "osrelease": {kind: kString, since: r12}, "osreldate": {kind: kInt, since: r12},
	"enforce_statfs": {kind: kInt}, "devfs_ruleset": {kind: kInt}, "persist": {kind: kBool},
	"dying": {kind: kReadOnly}, "vnet": {kind: kJailsys}, "children.max": {kind: kInt},
	"children.cur": {kind: kReadOnly}, "host": {kind: kJailsys}, "host.hostname": {kind: kString},
	"host.domainname": {kind: kString}, "host.hostuuid": {kind: kString}, "host.hostid": {kind: kInt},
	"cpuset.id": {kind: kReadOnly}, "ip4": {kind: kJailsys}, "ip6": {kind: kJailsys},
	"ip4.addr": {kind: kAddrList}, "ip6.addr": {kind: kAddrList}, "ip4.saddrsel": {kind: kBool},
	"ip6.saddrsel": {kind: kBool}, "mac.label": {kind: kString}, "meta": {kind: kString, since: r15},
	"env": {kind: kString, since: r15},

	"allow.set_hostname": {kind: kBool}, "allow.sysvipc": {kind: kBool}, "allow.raw_sockets": {kind: kBool},
	"allow.chflags": {kind: kBool}, "allow.mount": {kind: kBool}, "allow.quotas": {kind: kBool},
	"allow.socket_af": {kind: kBool}, "allow.mlock": {kind: kBool, since: r12},
	"allow.reserved_ports": {kind: kBool}, "allow.read_msgbuf": {kind: kBool},
	"allow.unprivileged_proc_debug": {kind: kBool}, "allow.unprivileged_parent_tampering": {kind: kBool, since: r15},
	"allow.suser": {kind: kBool}, "allow.nfsd": {kind: kBool, since: r13_3}, "allow.extattr": {kind: kBool, since: r14},
	"allow.adjtime": {kind: kBool}, "allow.settime": {kind: kBool}, "allow.routing": {kind: kBool},
	"allow.setaudit": {kind: kBool, since: r15}, "allow.vmm": {kind: kBool, since: r12},
	"allow.vmm_ppt":     {kind: kBool, since: r15},
	"allow.mount.devfs": {kind: kBool}, "allow.mount.fdescfs": {kind: kBool}, "allow.mount.fusefs": {kind: kBool},
	"allow.mount.nullfs": {kind: kBool}, "allow.mount.procfs": {kind: kBool}, "allow.mount.linprocfs": {kind: kBool},
	"allow.mount.linsysfs": {kind: kBool}, "allow.mount.tmpfs": {kind: kBool}, "allow.mount.zfs": {kind: kBool},

	"sysvmsg": {kind: kJailsys}, "sysvsem": {kind: kJailsys}, "sysvshm": {kind: kJailsys},
	"linux": {kind: kJailsys}, "linux.osname": {kind: kString}, "linux.osrelease": {kind: kString},
	"linux.oss_version": {kind: kInt}, "zfs.mount_snapshot": {kind: kInt},

	"exec.prepare": {kind: kList, since: r14}, "exec.prestart": {kind: kList}, "exec.created": {kind: kList, since: r12},
	"exec.start": {kind: kList}, "command": {kind: kList}, "exec.poststart": {kind: kList},
	"exec.prestop": {kind: kList}, "exec.stop": {kind: kList}, "exec.poststop": {kind: kList},
	"exec.release": {kind: kList, since: r14}, "exec.clean": {kind: kIntBool}, "exec.jail_user": {kind: kString},
	"exec.system_user": {kind: kString}, "exec.system_jail_user": {kind: kIntBool}, "exec.timeout": {kind: kIntInt},
	"exec.consolelog": {kind: kString}, "exec.fib": {kind: kIntInt}, "stop.timeout": {kind: kIntInt},
	"interface": {kind: kString}, "ip_hostname": {kind: kIntBool}, "vnet.interface": {kind: kList},
	"zfs.dataset": {kind: kList, since: r15}, "mount": {kind: kList}, "mount.fstab": {kind: kList},
	"mount.devfs": {kind: kIntBool}, "mount.fdescfs": {kind: kIntBool}, "mount.procfs": {kind: kIntBool},
	"depend": {kind: kList}, "allow.dying": {kind: kIntBool},
}

// paramRef is what a parameter name refers to.
type paramRef struct {
	base    string    // the catalogue name ("allow.mount" for allow.nomount)
	info    paramInfo // its description
	negated bool      // written with "no" on the last component
	known   bool      // found in the catalogue
	module  bool      // a name a kernel module may add (allow.mount.*, linux.*, zfs.*, meta.*, env.*)
}

// lookupParam resolves a parameter name against the catalogue.
func lookupParam(name string) paramRef {
	if info, ok := catalog[name]; ok {
		return paramRef{base: name, info: info, known: true}
	}
	dot := strings.LastIndexByte(name, '.')
	last := name[dot+1:]
	if strings.HasPrefix(last, "no") {
		base := name[:dot+1] + last[2:]
		if info, ok := catalog[base]; ok {
			return paramRef{base: base, info: info, negated: true, known: true}
		}
		if isModuleName(base) {
			return paramRef{base: base, info: paramInfo{kind: kBool}, negated: true, module: true}
		}
	}
	ref := paramRef{base: name, module: isModuleName(name)}
	if ref.module {
		ref.info.kind = kString
		if strings.HasPrefix(name, "allow.") {
			ref.info.kind = kBool
		}
	}
	return ref
}

// isModuleName reports whether a name is of a family that kernel modules
// extend at run time (spec §9.24).
func isModuleName(name string) bool {
	for _, p := range []string{"allow.mount.", "linux.", "zfs.", "meta.", "env.", "allow.vmm"} {
		if strings.HasPrefix(name, p) && len(name) > len(p) {
			return true
		}
	}
	return false
}

// boolValue reads a boolean as libjail and jail(8) do: no value or
// "true" is true, "false" is false, an integer is true when non-zero.
// ok is false for anything else (yes, on, ...).
func boolValue(p *resolve.Param) (v, ok bool) {
	if len(p.Values) == 0 {
		return true, true
	}
	s := p.Values[len(p.Values)-1].Text
	switch {
	case strings.EqualFold(s, "true"):
		return true, true
	case strings.EqualFold(s, "false"):
		return false, true
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		if ne, isNum := err.(*strconv.NumError); isNum && ne.Err == strconv.ErrRange {
			return true, true
		}
		return false, false
	}
	return n != 0, true
}

// isInt reports whether s is a base-10 integer using the whole string,
// as strtol with an end check (an empty string is not).
func isInt(s string) bool {
	if s == "" {
		return false
	}
	_, err := strconv.ParseInt(strings.TrimLeft(s, " \t\n\v\f\r"), 10, 64)
	if ne, ok := err.(*strconv.NumError); ok && ne.Err == strconv.ErrRange {
		return true
	}
	return err == nil
}

// levenshtein is the edit distance between a and b.
func levenshtein(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// suggest returns the closest catalogue name, or "".
func suggest(name string) string {
	best, bestD := "", 4
	for c := range catalog {
		if d := levenshtein(name, c); d < bestD || d == bestD && best != "" && c < best {
			best, bestD = c, d
		}
	}
	if bestD > len(name)/3+1 {
		return ""
	}
	return best
}

// misplacedNo returns the catalogue name meant by a name with "no" on a
// component other than the last (noallow.mount -> allow.mount).
func misplacedNo(name string) (string, bool) {
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
