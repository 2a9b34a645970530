package convert

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/jailfmt/jailfmt/resolve"
)

// The System V IPC parameters and the names of their values (sys/jail.h
// JAIL_SYS_DISABLE, _NEW, _INHERIT).
var (
	sysvParams = [3]string{"sysvmsg", "sysvsem", "sysvshm"}
	sysNames   = [3]string{"disable", "new", "inherit"}
)

// sysvResource says which SysV IPC setting a parameter name is: 1 to 3
// for sysvmsg, sysvsem, sysvshm, 4 for allow.sysvipc (or
// allow.nosysvipc), 0 for anything else.
func sysvResource(name string) int {
	for i, n := range sysvParams {
		if resolve.EqualOpts(name, n) {
			return i + 1
		}
	}
	if resolve.EqualOpts(name, "allow.sysvipc") {
		return 4
	}
	return 0
}

// sysvOf returns a jail's effective sysvmsg, sysvsem and sysvshm as the
// kernel's msg/sem/shm_prison_set compute them (spec §5.2): an explicit
// sysvR wins; otherwise allow.sysvipc true means inherit and false (sent
// as allow.nosysvipc) disable; otherwise the resource is disabled. Values
// jail(8), libjail or the kernel reject come back as items whose span
// line is the line of the statement in the jail's file.
func sysvOf(j *resolve.Jail) ([3]int, []Item) {
	var out [3]int
	var items []Item
	bad := func(p *resolve.Param, msg string) {
		it := Item{Kind: Unmappable, Msg: msg}
		if n := len(p.Sources); n > 0 {
			it.Span.Start = p.Sources[n-1].Stmt.Pos()
		}
		items = append(items, it)
	}
	legacy := 0
	if p := j.Lookup("allow.sysvipc"); p != nil {
		v, ok := boolValue(p)
		if !ok {
			bad(p, fmt.Sprintf("%s = %q is not a boolean: jail(8) refuses the jail", p.Name, p.Texts()))
		}
		if strings.HasSuffix(p.Name, "nosysvipc") {
			v = !v
		}
		if v {
			legacy = 2
		}
	}
	for i, name := range sysvParams {
		out[i] = legacy
		p := j.Lookup(name)
		if p == nil {
			continue
		}
		if p.Name != name {
			bad(p, p.Name+" is an unknown parameter to libjail (jailsys parameters have no \"no\" form): jail(8) refuses the jail")
			continue
		}
		v, ok := jailsys(p)
		if !ok {
			bad(p, fmt.Sprintf("%s = %q is not disable, new or inherit: libjail or the kernel refuses the jail", name, p.Texts()))
			continue
		}
		out[i] = v
	}
	return out, items
}

// jailsys reads a jailsys value as libjail does: a name in any case, 0, 1
// or 2, and no value or an empty one meaning new.
func jailsys(p *resolve.Param) (int, bool) {
	if len(p.Values) == 0 || p.Values[len(p.Values)-1].Text == "" {
		return 1, true
	}
	s := p.Values[len(p.Values)-1].Text
	for i, n := range sysNames {
		if strings.EqualFold(s, n) {
			return i, true
		}
	}
	if n, err := strconv.Atoi(s); err == nil && n >= 0 && n <= 2 {
		return n, true
	}
	return 0, false
}

// boolValue reads a boolean parameter as libjail does: no value is true,
// true/false in any case, or an integer (non-zero is true).
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
		return false, false
	}
	return n != 0, true
}

// SysV returns a jail's effective sysvmsg, sysvsem and sysvshm as the
// kernel computes them ("disable", "new" or "inherit"), or the reason
// jail(8), libjail or the kernel refuses its values.
func SysV(j *resolve.Jail) ([3]string, error) {
	v, items := sysvOf(j)
	if len(items) > 0 {
		return [3]string{}, fmt.Errorf("%s", items[0].Msg)
	}
	return [3]string{sysNames[v[0]], sysNames[v[1]], sysNames[v[2]]}, nil
}
