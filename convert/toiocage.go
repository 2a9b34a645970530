package convert

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/jailfmt/jailfmt/iocage"
	"github.com/jailfmt/jailfmt/resolve"
)

// IocageSetting is one iocage property a jail.conf jail needs.
type IocageSetting struct {
	Key, Value string
	Why        string // the jail.conf parameter (or default) it comes from
}

// IocageJail is a jail.conf jail as iocage properties: what `iocage set`
// must write so that iocage passes the same parameters at start.
type IocageJail struct {
	Name     string
	Settings []IocageSetting
	Items    []Item // parameters iocage cannot express, and notes
}

// iocageManaged are jail(8) parameters iocage always passes with values
// of its own (ioc_start.py): a jail.conf value for them cannot be kept.
var iocageManaged = map[string]string{
	"path":            "iocage keeps the jail's root at IOCROOT/jails/NAME/root: move the files there (iocage create, then copy)",
	"mount.fstab":     "iocage reads IOCROOT/jails/NAME/fstab: copy the lines there (iocage fstab -a)",
	"exec.consolelog": "iocage writes the console log to IOCROOT/log/ioc-NAME-console.log",
	"host.hostuuid":   "iocage sets it to the jail's name",
	"persist":         "iocage always passes persist",
}

// iocageUnsetDefaults are the iocage properties whose built-in default
// turns on what jail(8) leaves off when jail.conf does not set the
// parameter: converting writes the jail(8) default explicitly.
var iocageUnsetDefaults = []struct{ key, param, value string }{
	{"mount_devfs", "mount.devfs", "0"},
	{"mount_fdescfs", "mount.fdescfs", "0"},
	{"exec_clean", "exec.clean", "0"},
	{"exec_timeout", "exec.timeout", "0"},
	{"stop_timeout", "stop.timeout", "10"},
}

// ToIocage returns the iocage properties of a resolved jail.conf jail:
// every parameter iocage has a property for, sysvmsg, sysvsem and
// sysvshm always with the jail's effective values (iocage passes them at
// start, default new; allow.sysvipc then decides nothing, so it is not
// written), and the jail(8) defaults where iocage's own differ. What
// iocage cannot express is listed.
//
// The settings are then checked as iocage reads them: over iocage's
// built-in defaults, StartParams on a host of release host must pass
// each mapped parameter with the jail's value and the same SysV IPC;
// what differs (a release gate, a forced value) is listed.
func ToIocage(j *resolve.Jail, host string) *IocageJail {
	out := &IocageJail{Name: j.Name}
	byParam := map[string]string{}
	for _, p := range iocage.Properties() {
		if p.Param != "" && !p.Bookkeeping {
			byParam[p.Param] = p.Name
		}
	}
	for _, e := range iocageExec {
		byParam[e.param] = e.key
	}
	byParam["exec.system_jail_user"] = "exec_system_jail_user"
	item := func(k Kind, p *resolve.Param, msg string) {
		it := Item{Kind: k, Var: p.Name, Msg: j.Name + ": " + msg}
		if n := len(p.Sources); n > 0 {
			src := p.Sources[n-1]
			it.File, it.Span = src.File.File, src.File.Span(src.Stmt.Pos().Offset, src.Stmt.End())
		}
		out.Items = append(out.Items, it)
	}
	set := func(key, value, why string) { out.Settings = append(out.Settings, IocageSetting{key, value, why}) }
	seen := map[string]bool{}
	for _, p := range j.Params {
		name := p.Name
		if sysvResource(name) != 0 {
			continue
		}
		if name == "name" {
			continue
		}
		if why, ok := iocageManaged[name]; ok {
			if name != "persist" && name != "host.hostuuid" {
				item(Unmappable, p, name+": "+why)
			}
			continue
		}
		key, ok := byParam[name]
		if !ok {
			if strings.HasPrefix(name, "allow.no") || strings.HasPrefix(name, "no") {
				key, ok = byParam[strings.Replace(name, "no", "", 1)]
			}
			if !ok {
				item(Unmappable, p, name+" has no iocage property: iocage cannot pass it")
				continue
			}
		}
		seen[key] = true
		d, _ := iocage.Lookup(key)
		texts := p.Texts()
		switch {
		case d.Type == iocage.Bool || name == "vnet" || name == "exec.system_jail_user":
			v, okb := boolValue(p)
			if !okb {
				item(Unmappable, p, fmt.Sprintf("%s = %q is not a boolean: jail(8) refuses the jail", name, texts))
				continue
			}
			if strings.Contains(p.Name, ".no") || strings.HasPrefix(p.Name, "no") {
				v = !v
			}
			set(key, map[bool]string{true: "1", false: "0"}[v], name)
		case name == "ip4.addr" || name == "ip6.addr":
			for _, a := range texts {
				if !strings.Contains(a, "|") {
					item(Unmappable, p, fmt.Sprintf("%s %q has no interface: jail(8) adds it to none, iocage puts the host's default-route interface in front of it", name, a))
				}
			}
			set(key, strings.Join(texts, ","), name)
		case name == "vnet.interface":
			set(key, strings.Join(texts, " "), name)
		case len(texts) > 1:
			item(Unmappable, p, fmt.Sprintf("%s has %d values; iocage's %s holds one", name, len(texts), key))
		default:
			v := ""
			if len(texts) == 1 {
				v = texts[0]
			}
			if msg := iocage.Check(key, v, false); msg != "" {
				item(Unmappable, p, fmt.Sprintf("%s = %q: iocage set refuses %s=%s (%q)", name, v, key, v, msg))
				continue
			}
			set(key, v, name)
		}
	}
	sysv, bad := sysvOf(j)
	if len(bad) > 0 {
		for _, it := range bad {
			out.Items = append(out.Items, Item{Kind: Unmappable, Msg: j.Name + ": " + it.Msg})
		}
	} else {
		for i, name := range sysvParams {
			why := name
			if j.Lookup(name) == nil {
				why = "the jail's effective " + name + " (iocage's default is new)"
			}
			set(name, sysNames[sysv[i]], why)
		}
	}
	for _, u := range iocageUnsetDefaults {
		if !seen[u.key] {
			set(u.key, u.value, u.param+" unset: jail(8)'s default (iocage's differs)")
		}
	}
	out.Items = append(out.Items, Item{Kind: Note, Msg: j.Name + ": iocage names the running jail ioc-" + j.Name})
	out.Items = append(out.Items, out.check(host)...)
	if j.Lookup("securelevel") == nil {
		out.Items = append(out.Items, Item{Kind: Note, Msg: j.Name +
			": securelevel unset: the jail gets the host's; iocage passes securelevel=2 (stricter): set securelevel to the host's kern.securelevel to keep it"})
	}
	return out
}

// Command returns the `iocage set` command line (values quoted for sh
// when they need it).
func (ij *IocageJail) Command() string {
	var b strings.Builder
	b.WriteString("iocage set")
	for _, s := range ij.Settings {
		b.WriteString(" " + shQuote(s.Key+"="+s.Value))
	}
	b.WriteString(" " + shQuote(ij.Name))
	return b.String()
}

// JSON returns the settings as a config.json patch: an object of the
// properties, Bool properties as the numbers iocage stores.
func (ij *IocageJail) JSON() string {
	var b strings.Builder
	b.WriteString("{\n")
	for i, s := range ij.Settings {
		k, _ := json.Marshal(s.Key)
		v, _ := json.Marshal(s.Value)
		if d, ok := iocage.Lookup(s.Key); ok && d.Type == iocage.Bool {
			v = []byte(s.Value)
		}
		sep := ","
		if i == len(ij.Settings)-1 {
			sep = ""
		}
		fmt.Fprintf(&b, "    %s: %s%s\n", k, v, sep)
	}
	b.WriteString("}\n")
	return b.String()
}

// shQuote quotes a word for sh when it holds anything but letters,
// digits and -_./:=,|
func shQuote(s string) string {
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_./:=,|", r)) {
			return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
		}
	}
	if s == "" {
		return "''"
	}
	return s
}

// check reads the settings back as iocage would and returns what it
// would pass differently.
func (ij *IocageJail) check(host string) []Item {
	props := make([]iocage.Prop, len(ij.Settings))
	for i, st := range ij.Settings {
		props[i] = iocage.Prop{Key: st.Key, Kind: iocage.KindString, Text: st.Value}
	}
	params, err := iocage.StartParams(iocage.Merge(iocage.Builtin(), props), iocage.Start{Name: ij.Name, IocRoot: "/iocroot", Host: host})
	if err != nil {
		return []Item{{Kind: Unmappable, Msg: ij.Name + ": " + err.Error()}}
	}
	passed := map[string][]string{}
	for _, p := range params {
		v := p.Value
		if p.Bare {
			v = "1"
		}
		passed[p.Key] = append(passed[p.Key], v)
	}
	var items []Item
	for _, st := range ij.Settings {
		d, _ := iocage.Lookup(st.Key)
		if d == nil || d.Param == "" {
			continue // exec_* and the like: iocage runs them itself
		}
		got, ok := passed[st.Key]
		want := st.Value
		switch {
		case !ok && d.Type == iocage.Bool && want == "0":
			// iocage leaves out flags that are 0: jail(8)'s default.
		case !ok:
			items = append(items, Item{Kind: Unmappable, Var: st.Why, Msg: fmt.Sprintf(
				"%s: iocage on a %s host does not pass %s for %s=%s (a release gate or a value another property forces)", ij.Name, host, d.Param, st.Key, want)})
		case st.Key == "vnet_interfaces" && strings.Join(got, " ") == want:
		case len(got) != 1 || got[0] != want:
			items = append(items, Item{Kind: Unmappable, Var: st.Why, Msg: fmt.Sprintf(
				"%s: iocage passes %s = %q for %s=%s, not the jail's value", ij.Name, d.Param, strings.Join(got, ","), st.Key, want)})
		}
	}
	return items
}
