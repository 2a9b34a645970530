package resolve

import (
	"fmt"
	"strings"

	"github.com/jailfmt/jailfmt/parser"
)

// internalParams are the parameter names jail(8) itself knows (config.c
// intparams[], without the PF_CONV entries). A variable may not share a
// name with any of them; "name" and "jid" cannot be redefined.
var internalParams = []string{
	"allow.dying", "command", "depend", "exec.clean", "exec.consolelog",
	"exec.fib", "exec.jail_user", "exec.poststart", "exec.poststop",
	"exec.prepare", "exec.prestart", "exec.prestop", "exec.release",
	"exec.created", "exec.start", "exec.stop", "exec.system_jail_user",
	"exec.system_user", "exec.timeout", "interface", "ip_hostname", "mount",
	"mount.devfs", "mount.fdescfs", "mount.procfs", "mount.fstab",
	"stop.timeout", "vnet.interface", "zfs.dataset", "allow.chflags",
	"allow.mount", "allow.raw_sockets", "allow.set_hostname",
	"allow.socket_af", "allow.sysvipc", "devfs_ruleset", "host.hostname",
	"ip4.addr", "ip6.addr", "jid", "name", "path", "persist", "securelevel",
	"vnet",
}

// EqualOpts reports whether two parameter names are the same option,
// allowing a "no" prefix on any one dotted component as config.c's
// equalopts does (allow.mount and allow.nomount are the same).
func EqualOpts(a, b string) bool {
	for {
		if a == b ||
			strings.HasPrefix(a, "no") && a[2:] == b ||
			strings.HasPrefix(b, "no") && a == b[2:] {
			return true
		}
		k := strings.IndexByte(a, '.')
		if k < 0 || len(b) <= k || a[:k+1] != b[:k+1] {
			return false
		}
		a, b = a[k+1:], b[k+1:]
	}
}

// wildName reports whether a record name is a wildcard: some "*" is a
// whole dotted component (config.c wild_jail_name).
func wildName(name string) bool {
	for i := 0; i < len(name); i++ {
		if name[i] == '*' && (i == 0 || name[i-1] == '.') && (i+1 == len(name) || name[i+1] == '.') {
			return true
		}
	}
	return false
}

// wildMatch reports whether jail name j matches wildcard w: a non-final
// "*" component matches one component, a final one matches one or more
// (config.c wild_jail_match).
func wildMatch(j, w string) bool {
	for {
		jd := strings.IndexByte(j, '.')
		wd := strings.IndexByte(w, '.')
		if jd < 0 || wd < 0 {
			break
		}
		if !strings.HasPrefix(w, j[:jd+1]) && !strings.HasPrefix(w, "*.") {
			return false
		}
		j, w = j[jd+1:], w[wd+1:]
	}
	return j == w || w == "*"
}

// strtolJid reports whether a block name is a non-zero integer with
// nothing after it, which makes it a jid (strtol(name, &ep, 10) && !*ep).
func strtolJid(s string) bool {
	i := 0
	for i < len(s) && strings.IndexByte(" \t\n\v\f\r", s[i]) >= 0 {
		i++
	}
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	digits, nonzero := 0, false
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		if s[i] != '0' {
			nonzero = true
		}
		digits++
		i++
	}
	return digits > 0 && nonzero && i == len(s)
}

// jailState is one jail being resolved.
type jailState struct {
	l      *loader
	rec    *record
	params []*cfparam
	name   *cfparam // intparams[KP_NAME]
	jid    *cfparam // intparams[KP_JID]
	failed bool
}

func (j *jailState) warn(src Source, format string, a ...any) {
	e := &parser.Error{Warning: true, Msg: fmt.Sprintf("jail %q: ", j.rec.name) + fmt.Sprintf(format, a...)}
	if src.Stmt != nil {
		e.File, e.Pos = src.File.Name, src.Stmt.Pos()
	}
	j.l.res.Diags = append(j.l.res.Diags, e)
}

// addImplied adds the name or jid implied by the block name (add_param
// with an internal parameter number).
func (j *jailState) addImplied(jid bool) {
	slot := &j.name
	name := "name"
	if jid {
		slot, name = &j.jid, "jid"
	}
	p := &cfparam{name: name, vals: []cfstring{{s: j.rec.name, src: j.rec.src}}, flags: pfAppend | pfImmutable,
		implied: true, src: j.rec.src}
	j.params = append(j.params, p)
	*slot = p
}

// add applies one parameter statement to the jail (config.c add_param).
func (j *jailState) add(p *cfparam) {
	for _, dp := range j.params {
		if !EqualOpts(dp.name, p.name) {
			continue
		}
		if (p.flags^dp.flags)&pfVar != 0 {
			j.warn(p.src, "variable \"$%s\" cannot have the same name as a parameter; jail(8) will not start this jail", p.name)
			j.failed = true
			return
		}
		if dp.flags&pfImmutable != 0 {
			j.warn(p.src, "cannot redefine parameter %q: it is set by the block name; jail(8) will not start this jail", dp.name)
			j.failed = true
			return
		}
		dp.name = p.name
		if p.flags&pfAppend == 0 || len(p.vals) == 0 {
			dp.vals = nil
			dp.sources = nil
		}
		dp.vals = append(dp.vals, p.vals...)
		dp.sources = append(dp.sources, p.src)
		dp.flags |= p.flags
		return
	}
	np := &cfparam{name: p.name, vals: append([]cfstring(nil), p.vals...), flags: p.flags, src: p.src,
		sources: []Source{p.src}}
	j.params = append(j.params, np)
	for _, in := range internalParams {
		if !EqualOpts(p.name, in) {
			continue
		}
		if p.flags&pfVar != 0 {
			j.warn(p.src, "variable \"$%s\" cannot have the same name as a parameter; jail(8) will not start this jail", p.name)
			j.failed = true
			return
		}
		switch in {
		case "name":
			j.name = np
			np.flags |= pfImmutable
		case "jid":
			j.jid = np
			np.flags |= pfImmutable
		}
		return
	}
}

// resolve runs config.c load_config over the records.
func (l *loader) resolve() {
	legacy := l.opt.Target.Legacy()
	var wild, real []*record
	for i, r := range l.records {
		r.seq = i + 1
		if wildName(r.name) {
			wild = append(wild, r)
		} else {
			real = append(real, r)
		}
	}
	for _, r := range real {
		j := &jailState{l: l, rec: r}
		j.addImplied(strtolJid(r.name))
		didSelf := false
		for _, w := range wild {
			if r.seq < w.seq && !didSelf {
				for _, p := range r.params {
					j.add(p)
				}
				didSelf = true
			}
			if wildMatch(r.name, w.name) {
				for _, p := range w.params {
					j.add(p)
				}
			}
		}
		if !didSelf {
			for _, p := range r.params {
				j.add(p)
			}
		}
		if j.name == nil && !legacy {
			j.addImplied(false)
		}
		j.substitute()
		out := &Jail{Name: r.name, Failed: j.failed, Source: r.src}
		for _, p := range j.params {
			if p.flags&pfVar != 0 {
				continue
			}
			rp := &Param{Name: p.name, Implied: p.implied, Sources: p.sources}
			for _, s := range p.vals {
				rp.Values = append(rp.Values, Value{Text: s.s, Source: s.src})
			}
			out.Params = append(out.Params, rp)
		}
		l.res.Jails = append(l.res.Jails, out)
	}
}

// substitute resolves variables after the merge, in list order, moving a
// referenced parameter that still holds variables in front of the one
// that refers to it (config.c load_config, "Resolve any variable
// substitutions").
func (j *jailState) substitute() {
	pgen := 0
	for idx := 0; idx < len(j.params); idx++ {
		p := j.params[idx]
		pgen++
		p.gen = pgen
	findVars:
		for si := 0; si < len(p.vals); si++ {
			for len(p.vals[si].vars) > 0 {
				s := &p.vals[si]
				v := s.vars[0]
				var vp *cfparam
				for _, c := range j.params {
					if c.name == v.Name {
						vp = c
						break
					}
				}
				bad := false
				switch {
				case vp == nil || len(vp.vals) == 0:
					j.warn(s.src, "%s: variable %q not found; jail(8) will not start this jail", p.name, v.Name)
					bad = true
				case vp.flags&pfBad != 0:
					bad = true
				case vp.gen == pgen:
					j.warn(s.src, "%s: variable loop; jail(8) will not start this jail", v.Name)
					bad = true
				}
				if !bad {
					moved := false
					for _, vs := range vp.vals {
						if len(vs.vars) > 0 {
							moved = true
							break
						}
					}
					if moved {
						vp.gen = pgen
						j.moveBefore(vp, p)
						p = vp
						idx = j.index(vp)
						goto findVars
					}
					if len(vp.vals) > 1 && (s.s != "" || len(s.vars) > 1) {
						j.warn(s.src, "%s: a list variable cannot be substituted inside a longer string; jail(8) will not start this jail", p.name)
						bad = true
					}
				}
				if bad {
					j.failed = true
					for _, c := range j.params {
						if c.gen == pgen {
							c.flags |= pfBad
						}
					}
					s.vars = s.vars[1:]
					continue
				}
				first := vp.vals[0].s
				s.s = s.s[:v.At] + first + s.s[v.At:]
				rest := make([]parser.VarRef, len(s.vars)-1)
				for k, w := range s.vars[1:] {
					rest[k] = parser.VarRef{Name: w.Name, At: w.At + len(first)}
				}
				s.vars = rest
				if len(vp.vals) > 1 {
					extra := make([]cfstring, 0, len(p.vals)+len(vp.vals)-1)
					extra = append(extra, p.vals[:si+1]...)
					for _, vs := range vp.vals[1:] {
						extra = append(extra, cfstring{s: vs.s, src: vs.src})
					}
					extra = append(extra, p.vals[si+1:]...)
					p.vals = extra
				}
			}
		}
	}
}

func (j *jailState) index(p *cfparam) int {
	for i, c := range j.params {
		if c == p {
			return i
		}
	}
	return -1
}

// moveBefore moves vp to just before p in the parameter list.
func (j *jailState) moveBefore(vp, p *cfparam) {
	i := j.index(vp)
	j.params = append(j.params[:i], j.params[i+1:]...)
	k := j.index(p)
	j.params = append(j.params[:k], append([]*cfparam{vp}, j.params[k:]...)...)
}
