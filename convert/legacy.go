package convert

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/jailfmt/jailfmt/parser/rcconf"
)

// This file emulates FreeBSD's libexec/rc/rc.d/jail (freebsd-src
// @c96d5c97): parse_options, extract_var, jail_handle_ips_option and
// jail_extract_address, which write /var/run/jail.NAME.conf for a jail
// configured by legacy rc.conf variables ("service jail config NAME").

// line is one line rc.d/jail writes into a jail's block: jail.conf text
// (without the leading tab) and where it came from.
type line struct {
	text string
	from []string // rc.conf variables (or defaults) it came from, for the comment
}

// vars looks up rc.conf variables as sh sees them after sourcing.
type vars struct {
	env      map[string]*rcconf.Assign
	file     map[*rcconf.Assign]*rcconf.File
	problems []Item          // variables read whose value is not statically known
	seen     map[string]bool // variables already reported in problems
	used     map[string]bool // variables already listed as items (ezjail keys)
}

// get returns a variable's value ("" when unset) and records a problem
// when the value is not statically known.
func (v *vars) get(name string) string {
	a := v.env[name]
	if a == nil {
		return ""
	}
	if !a.Known && !v.seen[name] {
		v.seen[name] = true
		v.problems = append(v.problems, v.item(Unmappable, a,
			fmt.Sprintf("%s: its value is not statically known (%s); jailfmt never runs rc.conf, so it cannot convert this jail", name, a.Reason)))
	}
	return a.Value
}

func (v *vars) item(k Kind, a *rcconf.Assign, msg string) Item {
	it := Item{Kind: k, Msg: msg}
	if a != nil {
		it.Var, it.Span = a.Name, a.Stmt
		if f := v.file[a]; f != nil {
			it.File = f.File
		}
	}
	return it
}

// jailVars is one jail's view: its name as rc.d/jail normalises it (_j)
// and its variable prefix (_jv).
type jailVars struct {
	*vars
	j, jv string
	notes []Item // what rc.d/jail warns about or ignores for this jail
}

func (v *jailVars) own(key string) string { return "jail_" + v.jv + "_" + key }

// fallback is ${jail_JV_key:-${jail_key:-def}}: the value and the name of
// the variable that supplied it ("" when the default did).
func (v *jailVars) fallback(key, def string) (string, string) {
	if s := v.get(v.own(key)); s != "" {
		return s, v.own(key)
	}
	if s := v.get("jail_" + key); s != "" {
		return s, "jail_" + key
	}
	return def, ""
}

// origin describes where a value came from for the comment.
func (v *jailVars) origin(key, from, def string) string {
	if from != "" {
		return from
	}
	if def == "" {
		return v.own(key) + " unset"
	}
	return fmt.Sprintf("%s unset: rc.d/jail's default %q", v.own(key), def)
}

// scalar is extract_var's "-" mode: param = "value"; when not empty.
func (v *jailVars) scalar(out *[]line, key, param, def string) {
	s, from := v.fallback(key, def)
	if s != "" {
		*out = append(*out, line{param + ` = "` + s + `";`, []string{v.origin(key, from, def)}})
	}
}

// yesno is extract_var's YN/NY modes: param = 1 or 0, always written;
// invert is NY.
func (v *jailVars) yesno(out *[]line, key, param, def string, invert bool) {
	s, from := v.fallback(key, def)
	on := v.checkyesno(s, from, key)
	if invert {
		on = !on
	}
	val := "0"
	if on {
		val = "1"
	}
	*out = append(*out, line{param + " = " + val + ";", []string{v.origin(key, from, def)}})
}

// checkyesno is rc.subr's: YES/TRUE/ON/1 and NO/FALSE/OFF/0 in any case;
// anything else warns and counts as NO.
func (v *jailVars) checkyesno(s, from, key string) bool {
	switch strings.ToLower(s) {
	case "yes", "true", "on", "1":
		return true
	case "no", "false", "off", "0":
		return false
	}
	name := from
	if name == "" {
		name = v.own(key)
	}
	v.notes = append(v.notes, v.item(Note, v.env[name],
		fmt.Sprintf("%s=%q is not a yes/no value: rc.d/jail warns \"is not set properly\" and reads it as NO", name, s)))
	return false
}

// enabled is the "eval : ${jail_JV_key:=${jail_key:-NO}}; checkyesno"
// pattern.
func (v *jailVars) enabled(key string) (bool, string) {
	s, from := v.fallback(key, "NO")
	return v.checkyesno(s, from, key), v.origin(key, from, "NO")
}

// indexed is extract_var's numbered mode: param += "value"; for
// jail_JV_keyN (falling back to jail_keyN) from N = 0; index 0 is
// optional and the first gap after it ends the list.
func (v *jailVars) indexed(out *[]line, key, param string) {
	for i := 0; ; i++ {
		k := key + strconv.Itoa(i)
		s, from := v.fallback(k, "")
		if s == "" {
			if i == 0 {
				continue
			}
			return
		}
		*out = append(*out, line{param + ` += "` + s + `";`, []string{from}})
	}
}

// words splits a value on sh's default IFS, as an unquoted expansion
// does. A word with a glob character would be expanded against the
// host's file system: that is reported.
func (v *jailVars) words(s, from string) []string {
	w := strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '\t' || r == '\n' })
	for _, x := range w {
		if strings.ContainsAny(x, "*?[") {
			v.problems = append(v.problems, v.item(Unmappable, v.env[from],
				fmt.Sprintf("%s: the word %q is a file name pattern, which rc.d/jail's unquoted expansion matches against the host's files", from, x)))
		}
	}
	return w
}

// legacy reports whether rc.d/jail converts jail jv from variables: both
// jail_JV_rootdir and jail_JV_hostname are set and not empty.
func (v *vars) legacy(jv string) bool {
	return v.get("jail_"+jv+"_rootdir") != "" && v.get("jail_"+jv+"_hostname") != ""
}

// generate returns the lines of the block rc.d/jail's parse_options
// writes for the jail, in its order.
func (v *jailVars) generate(opt Options) []line {
	var out []line
	execv := v.get(v.own("exec"))
	start := v.get(v.own("exec_start"))
	stop := v.get(v.own("exec_stop"))
	startFrom, stopFrom := v.own("exec_start"), v.own("exec_stop")
	switch {
	case execv != "":
		start, stop = execv, ""
		startFrom, stopFrom = v.own("exec"), v.own("exec")+" (which empties exec.stop)"
	case start == "":
		start, startFrom = "/bin/sh /etc/rc", v.own("exec_start")+` unset: rc.d/jail's default "/bin/sh /etc/rc"`
		if stop == "" {
			stop, stopFrom = "/bin/sh /etc/rc.shutdown jail", v.own("exec_stop")+` unset: rc.d/jail's default "/bin/sh /etc/rc.shutdown jail"`
		}
	case stop == "":
		stopFrom = v.own("exec_stop") + " unset while " + v.own("exec_start") + " is set: rc.d/jail writes an empty exec.stop"
	}
	iface, ifaceFrom := v.fallback("interface", "")
	params, paramsFrom := v.fallback("parameters", "")
	fstab, fstabFrom := v.fallback("fstab", "/etc/fstab."+v.j)

	v.scalar(&out, "hostname", "host.hostname", "")
	v.scalar(&out, "rootdir", "path", "")
	if ip := v.get(v.own("ip")); ip != "" {
		v.scalar(&out, "interface", "interface", "")
		dad := v.ipsOption(&out, v.own("ip"), ip, iface, ifaceFrom)
		for i := 0; ; i++ {
			name := v.own("ip_multi" + strconv.Itoa(i))
			x := v.get(name)
			if x == "" {
				break
			}
			dad = v.ipsOption(&out, name, x, iface, ifaceFrom) || dad
		}
		if dad {
			out = append(out, line{fmt.Sprintf(`exec.start += "sleep %d";`, opt.DADCount+1),
				[]string{fmt.Sprintf("an IPv6 address: rc.d/jail waits net.inet6.ip6.dad_count+1 seconds (dad_count=%d assumed)", opt.DADCount)}})
		}
		v.scalar(&out, "fib", "exec.fib", "")
		v.yesno(&out, "socket_unixiproute_only", "allow.raw_sockets", "YES", true)
	} else {
		out = append(out, line{"vnet;", []string{v.own("ip") + " unset: rc.d/jail makes a vnet jail"}})
		v.notes = append(v.notes, Item{Kind: Note, Var: v.own("ip"),
			Msg: fmt.Sprintf("%s has no %s: rc.d/jail starts it as a vnet jail on a VIMAGE kernel (GENERIC since 12.0) and ignores it otherwise", v.j, v.own("ip"))})
		s, from := v.fallback("vnet_interface", "")
		if w := v.words(s, from); len(w) > 0 {
			out = append(out, line{"vnet.interface = \"" + strings.Join(w, `", "`) + `";`, []string{from}})
		}
	}
	always := []string{"rc.d/jail always sets it"}
	out = append(out, line{"exec.clean;", always},
		line{`exec.system_user = "root";`, always},
		line{`exec.jail_user = "root";`, always})
	v.indexed(&out, "exec_prestart", "exec.prestart")
	v.indexed(&out, "exec_poststart", "exec.poststart")
	v.indexed(&out, "exec_prestop", "exec.prestop")
	v.indexed(&out, "exec_poststop", "exec.poststop")
	out = append(out, line{`exec.start += "` + start + `";`, []string{startFrom}})
	v.indexed(&out, "exec_afterstart", "exec.start")
	out = append(out, line{`exec.stop = "` + stop + `";`, []string{stopFrom}})
	v.scalar(&out, "consolelog", "exec.consolelog", "/var/log/jail_"+v.j+"_console.log")

	// [ -r $_fstab ], unquoted: a value with a space makes test fail.
	fstabOrigin := v.origin("fstab", fstabFrom, "/etc/fstab."+v.j)
	switch {
	case strings.ContainsAny(fstab, " \t\n"):
		v.notes = append(v.notes, v.item(Note, v.env[fstabFrom],
			fmt.Sprintf("%q contains a space: rc.d/jail's unquoted [ -r ] test fails, so no mount.fstab is written", fstab)))
	case opt.Readable != nil && opt.Readable(fstab):
		out = append(out, line{`mount.fstab = "` + fstab + `";`, []string{fstabOrigin + " (readable here; rc.d/jail checks at each start)"}})
	default:
		v.notes = append(v.notes, v.item(Note, v.env[fstabFrom],
			fmt.Sprintf("%s: %s is not readable here, so no mount.fstab is written; rc.d/jail checks at each start", v.j, fstab)))
	}
	if on, from := v.enabled("devfs_enable"); on {
		out = append(out, line{"mount.devfs;", []string{from}})
		rs, rsFrom := v.fallback("devfs_ruleset", "")
		switch {
		case rs == "", rs == "devfsrules_jail":
			// jail(8) then uses its default ruleset 4, devfsrules_jail.
		case rs[0] >= '0' && rs[0] <= '9':
			out = append(out, line{`devfs_ruleset = "` + rs + `";`, []string{rsFrom}})
		default:
			v.notes = append(v.notes, v.item(Note, v.env[rsFrom],
				fmt.Sprintf("%s=%q: rc.d/jail warns \"devfs_ruleset must be an integer\" and leaves it out, so jail(8) uses ruleset 4", rsFrom, rs)))
		}
	}
	if on, from := v.enabled("fdescfs_enable"); on {
		out = append(out, line{"mount.fdescfs;", []string{from}})
	}
	if on, from := v.enabled("procfs_enable"); on {
		out = append(out, line{"mount.procfs;", []string{from}})
	}
	if on, from := v.enabled("mount_enable"); on {
		out = append(out, line{"allow.mount;", []string{from + " (rc.d/jail maps it to allow.mount, not to fstab mounts)"}})
	}
	v.yesno(&out, "set_hostname_allow", "allow.set_hostname", "NO", false)
	v.yesno(&out, "sysvipc_allow", "allow.sysvipc", "NO", false)
	v.scalar(&out, "enforce_statfs", "enforce_statfs", "2")
	v.scalar(&out, "osreldate", "osreldate", "")
	v.scalar(&out, "osrelease", "osrelease", "")
	for _, p := range v.words(params, paramsFrom) {
		out = append(out, line{strings.TrimSuffix(p, ";") + ";", []string{paramsFrom}})
	}
	return out
}

// ipsOption is the call "jail_handle_ips_option $_x $_interface": both
// unquoted, so a space in either shifts the words (an rc.d/jail quirk):
// the first word is the address list and the second the default
// interface.
func (v *jailVars) ipsOption(out *[]line, name, x, iface, ifaceFrom string) bool {
	args := append(strings.Fields(x), strings.Fields(iface)...)
	if len(args) == 0 {
		return false
	}
	defif := ""
	if len(args) > 1 {
		defif = args[1]
	}
	from := []string{name}
	if ifaceFrom != "" {
		from = append(from, ifaceFrom)
	}
	return v.addresses(out, args[0], defif, from)
}

// addresses is jail_handle_ips_option: each comma item
// [iface|]addr[/mask] becomes ip4.addr or ip6.addr += "iface|addr/mask",
// with the interface from the item or defif and the mask defaulting to
// /32 or /128. It reports whether an IPv6 address was added.
func (v *jailVars) addresses(out *[]line, x, defif string, from []string) bool {
	v6 := false
	for _, item := range strings.Split(x, ",") {
		iface, rest := "", item
		if i := strings.IndexByte(item, '|'); i >= 0 {
			iface, rest = item[:i], item[strings.LastIndexByte(item, '|')+1:]
		}
		if iface == "" {
			iface = defif
		}
		addr := rest
		if i := strings.IndexAny(addr, "/ "); i >= 0 {
			addr = addr[:i]
		}
		if addr == "" {
			continue
		}
		mask := rest[len(addr):]
		var param string
		switch {
		case strings.Count(addr, ".") >= 3: // case *\.*\.*\.*: also ::ffff:a.b.c.d
			param = "ip4.addr"
			if strings.Contains(addr, ":") {
				v.problems = append(v.problems, v.item(Unmappable, v.env[from[0]],
					fmt.Sprintf("%s: %q has three dots, so rc.d/jail writes it as ip4.addr, which jail(8) rejects as not an IPv4 address; write it as ip6.addr in jail.conf", from[0], addr)))
			}
			if strings.HasPrefix(mask, "/") && strings.Count(mask, ".") >= 3 {
				mask = " netmask " + mask[1:]
			}
			if mask == "" {
				mask = "/32"
			}
		case strings.Contains(addr, ":"):
			param, v6 = "ip6.addr", true
			if mask == "" {
				mask = "/128"
			}
		default:
			v.notes = append(v.notes, v.item(Note, v.env[from[0]],
				fmt.Sprintf("%s: %q is neither IPv4 nor IPv6: rc.d/jail warns \"type not identified\" and skips it", from[0], addr)))
			continue
		}
		if iface != "" {
			iface += "|"
		}
		*out = append(*out, line{param + ` += "` + iface + addr + mask + `";`, from})
	}
	return v6
}
