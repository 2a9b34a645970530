package resolve

import (
	"fmt"
	"runtime"
	"strings"
	"sync"

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
	if d := len(a) - len(b); d != 2 && d != -2 {
		return a == b
	}
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
	slab   []Param // Params are allocated from here
	rec    *record
	diags  []*parser.Error
	params []*Param
	name   *Param // intparams[KP_NAME]
	jid    *Param // intparams[KP_JID]
	failed bool
	scratch
}

// scratch is what a jailState reuses from jail to jail.
type scratch struct {
	match  []int    // positions of the wildcard records that match the jail
	opts   optIndex // params by name, once there are nameIndexMin (add)
	vars   varIndex // params by name during substitute, likewise
	next   []int32  // substitute's list order: next[i] follows params[i], -1 last
	prev   []int32
	head   int32
	genned []*Param // the params given the current substitution generation
	text   []byte   // the value being substituted
	order  []*Param
}

func (j *jailState) warn(src Source, format string, a ...any) {
	e := &parser.Error{Warning: true, Msg: fmt.Sprintf("jail %q: ", j.rec.name) + fmt.Sprintf(format, a...)}
	if src.Stmt != nil {
		e.File, e.Pos = src.File.Name, src.Stmt.Pos()
	}
	j.diags = append(j.diags, e)
}

// newParam returns a new zero Param from the scratch slab (a new chunk
// when it is full, so that earlier Params stay where they are).
func (j *jailState) newParam() *Param {
	if len(j.slab) == cap(j.slab) {
		j.slab = make([]Param, 0, 16)
	}
	j.slab = j.slab[:len(j.slab)+1]
	p := &j.slab[len(j.slab)-1]
	*p = Param{}
	return p
}

// reset makes j a scratch state for resolving the jail of record r, with
// room for n parameters before its slab grows.
func (j *jailState) reset(r *record, n int) {
	if cap(j.slab) < n {
		j.slab = make([]Param, 0, n)
	}
	sc := j.scratch
	sc.opts.pos, sc.vars = nil, nil
	*j = jailState{rec: r, slab: j.slab[:0], params: j.params[:0], scratch: sc}
}

// push appends a new parameter to the list.
func (j *jailState) push(p *Param) {
	j.params = append(j.params, p)
	if j.opts.pos != nil {
		j.opts.add(p.Name, int32(len(j.params)-1))
	} else if len(j.params) >= nameIndexMin {
		j.opts.build(j.params)
	}
}

// find returns the position of the first parameter that is the same
// option as name (config.c add_param: equalopts), or -1.
func (j *jailState) find(name string) int {
	if j.opts.pos != nil {
		return j.opts.find(j.params, name)
	}
	for i, dp := range j.params {
		countStep()
		if EqualOpts(dp.Name, name) {
			return i
		}
	}
	return -1
}

// rename gives dp, at position i, the spelling name.
func (j *jailState) rename(dp *Param, i int, name string) {
	if dp.Name == name {
		return
	}
	if j.opts.pos != nil {
		j.opts.remove(dp.Name, int32(i))
		j.opts.add(name, int32(i))
	}
	dp.Name = name
}

// addImplied adds the name or jid implied by the block name (add_param
// with an internal parameter number).
func (j *jailState) addImplied(jid bool) {
	slot := &j.name
	name := "name"
	if jid {
		slot, name = &j.jid, "jid"
	}
	p := j.newParam()
	*p = Param{Name: name, Values: []Value{{Text: j.rec.name, Source: j.rec.src}}, flags: pfAppend | pfImmutable,
		Implied: true}
	j.push(p)
	*slot = p
}

// add applies one parameter statement to the jail (config.c add_param).
func (j *jailState) add(p *cfparam) {
	if i := j.find(p.name); i >= 0 {
		dp := j.params[i]
		if (p.flags^dp.flags)&pfVar != 0 {
			j.warn(p.src(), "variable \"$%s\" cannot have the same name as a parameter; jail(8) will not start this jail; rename the variable", p.name)
			j.failed = true
			return
		}
		if dp.flags&pfImmutable != 0 {
			j.warn(p.src(), "cannot redefine parameter %q: it is set by the block name; jail(8) will not start this jail; remove this statement", dp.Name)
			j.failed = true
			return
		}
		j.rename(dp, i, p.name)
		if p.flags&pfAppend == 0 || len(p.vals) == 0 {
			// Replace: share the statement's values until substitution
			// has to change them (the slices are capped, so an append
			// copies).
			dp.Values, dp.Sources, dp.owned = p.vals, p.srcs, false
		} else {
			dp.Values = append(dp.Values, p.vals...)
			dp.Sources = append(dp.Sources, p.src())
			dp.owned = true
		}
		dp.flags |= p.flags
		return
	}
	np := j.newParam()
	*np = Param{Name: p.name, Values: p.vals, flags: p.flags, Sources: p.srcs}
	j.push(np)
	if p.internal == 0 {
		return
	}
	if p.flags&pfVar != 0 {
		j.warn(p.src(), "variable \"$%s\" cannot have the same name as a parameter; jail(8) will not start this jail; rename the variable", p.name)
		j.failed = true
		return
	}
	switch internalParams[p.internal-1] {
	case "name":
		j.name = np
		np.flags |= pfImmutable
	case "jid":
		j.jid = np
		np.flags |= pfImmutable
	}
}

// resolve runs config.c load_config over the records. Jails are
// independent of each other once the records exist, so a large
// configuration is resolved by several goroutines; the jails and their
// warnings are then joined in file order.
func (l *loader) resolve() {
	var wild, real []*record
	for i, r := range l.records {
		r.seq = i + 1
		r.pub = &Record{Name: r.name, Wild: r.wild, Source: r.src, Stmts: r.stmts, Names: r.names}
		if r.stmts == nil {
			r.pub.Stmts, r.pub.Names = make([]Source, len(r.params)), make([]string, len(r.params))
			for k, p := range r.params {
				r.pub.Stmts[k], r.pub.Names[k] = p.src(), p.name
			}
		}
		l.res.Records = append(l.res.Records, r.pub)
		if r.wild {
			wild = append(wild, r)
		} else {
			real = append(real, r)
		}
	}
	ix := wildIndexOf(wild)
	jails := make([]*Jail, len(real))
	diags := make([][]*parser.Error, len(real))
	workers := 1
	if len(real) >= 2000 {
		workers = min(runtime.GOMAXPROCS(0), 8)
	}
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			var js jailState
			for i := w * len(real) / workers; i < (w+1)*len(real)/workers; i++ {
				jails[i], diags[i] = l.resolveJail(real[i], wild, ix, &js)
			}
		}(w)
	}
	wg.Wait()
	for i, j := range jails {
		j.Index = i
		j.Record.Jails = append(j.Record.Jails, j)
	}
	l.res.Jails = jails
	for _, d := range diags {
		l.res.Diags = append(l.res.Diags, d...)
	}
	if l.opt.Probes {
		l.probe(real, wild, ix)
	}
}

// wildIndexOf indexes the wildcard records by name.
func wildIndexOf(wild []*record) *WildIndex {
	names := make([]string, len(wild))
	for i, w := range wild {
		names[i] = w.name
	}
	return NewWildIndex(names)
}

// probeFiller is what a probe's name has in place of each "*".
const probeFiller = "jailfmt-probe"

// probe adds Result.Probes: one jail per distinct wildcard name, after
// every record, with no parameters of its own.
func (l *loader) probe(real, wild []*record, ix *WildIndex) {
	taken := make(map[string]bool, len(real))
	for _, r := range real {
		taken[r.name] = true
	}
	filler := probeFiller
	for n := 1; ; n++ {
		clash := false
		for _, w := range wild {
			if taken[probeName(w.name, filler)] {
				clash = true
				break
			}
		}
		if !clash {
			break
		}
		filler = fmt.Sprintf("%s-%d", probeFiller, n)
	}
	seen := map[string]bool{}
	var js jailState
	for _, w := range wild {
		name := probeName(w.name, filler)
		if seen[name] {
			continue
		}
		seen[name] = true
		r := &record{name: name, seq: len(l.records) + 1, src: w.src}
		r.pub = &Record{Name: name, Source: w.src}
		j, _ := l.resolveJail(r, wild, ix, &js)
		j.Probe, j.Index = true, len(l.res.Probes)
		r.pub.Jails = []*Jail{j}
		l.res.Probes = append(l.res.Probes, j)
	}
}

// probeName is a wildcard name with each "*" component replaced.
func probeName(wild, filler string) string {
	parts := strings.Split(wild, ".")
	for i, p := range parts {
		if p == "*" {
			parts[i] = filler
		}
	}
	return strings.Join(parts, ".")
}

// resolveJail computes one jail's parameters and the warnings about it,
// working in the scratch state j (one per goroutine, reused from jail to
// jail): the jail then gets its parameters in one right-sized block. Of
// the wildcard records, only those that match (ix) are looked at: the
// others add nothing, wherever they stand.
func (l *loader) resolveJail(r *record, wild []*record, ix *WildIndex, j *jailState) (*Jail, []*parser.Error) {
	j.match = ix.Matches(r.name, j.match[:0])
	// At most one new parameter per statement applied, plus name/jid.
	n := 2 + len(r.params)
	for _, k := range j.match {
		n += len(wild[k].params)
	}
	j.reset(r, min(n, 64))
	j.addImplied(strtolJid(r.name))
	didSelf := false
	for _, k := range j.match {
		w := wild[k]
		if r.seq < w.seq && !didSelf {
			for _, p := range r.params {
				j.add(p)
			}
			didSelf = true
		}
		for _, p := range w.params {
			j.add(p)
		}
	}
	if !didSelf {
		for _, p := range r.params {
			j.add(p)
		}
	}
	if j.name == nil && !l.opt.Target.Legacy() {
		j.addImplied(false)
	}
	j.substitute()
	kept := 0
	for _, p := range j.params {
		if p.flags&pfVar == 0 {
			kept++
		}
	}
	own := make([]Param, kept)
	out := &Jail{Name: r.name, Failed: j.failed, Source: r.src, Record: r.pub, Params: make([]*Param, kept)}
	k := 0
	for _, p := range j.params {
		if p.flags&pfVar == 0 {
			own[k] = *p
			out.Params[k] = &own[k]
			k++
		}
	}
	return out, j.diags
}

// substitute resolves variables after the merge, in list order, moving a
// referenced parameter that still holds variables in front of the one
// that refers to it (config.c load_config, "Resolve any variable
// substitutions"). The list is linked through next and prev while it
// changes, as config.c's TAILQ is, and put back in order at the end;
// lookups go through varIndex once the list is long.
func (j *jailState) substitute() {
	n := len(j.params)
	if n == 0 {
		return
	}
	j.next, j.prev = j.next[:0], j.prev[:0]
	for i := range n {
		j.next, j.prev = append(j.next, int32(i+1)), append(j.prev, int32(i-1))
	}
	j.next[n-1], j.head = -1, 0
	if n >= nameIndexMin {
		j.vars = newVarIndex(j.params)
	}
	var pgen int32
	for i := j.head; i >= 0; i = j.next[i] {
		p, pi := j.params[i], i
		pgen++
		p.gen = pgen
		// marked of genned already have pfBad.
		j.genned = append(j.genned[:0], p)
		marked := 0
	findVars:
		for si := 0; si < len(p.Values); si++ {
			if p.Values[si].vars == nil {
				continue
			}
			if !p.owned {
				p.Values, p.owned = append([]Value(nil), p.Values...), true
			}
			s := &p.Values[si]
			vars := s.pending()
			// The value's text so far is buf and then s.Text[from:]:
			// each variable goes in at its place, left to right, so
			// the later ones' places in s.Text stay where they are
			// (config.c moves every later position on instead, which
			// is quadratic in a value of many variables).
			buf, from := j.text[:0], 0
			for k := 0; k < len(vars); k++ {
				v := vars[k]
				var vp *Param
				vi := j.lookup(v.Name)
				if vi >= 0 {
					vp = j.params[vi]
				}
				bad := false
				switch {
				case vp == nil || len(vp.Values) == 0:
					j.warn(s.Source, "%s: variable %q not found; jail(8) will not start this jail; define it, or write \\$ for a literal $", p.Name, v.Name)
					bad = true
				case vp.flags&pfBad != 0:
					bad = true
				case vp.gen == pgen:
					j.warn(s.Source, "%s: variable loop; jail(8) will not start this jail; break the cycle", v.Name)
					bad = true
				}
				if !bad {
					if pendingVars(vp) {
						// Resolve vp first, then this value from v on.
						j.text = buf
						s.Text = string(append(buf, s.Text[from:]...))
						s.setPending(shiftVars(vars[k:], len(buf)-from))
						vp.gen = pgen
						j.genned = append(j.genned, vp)
						j.moveBefore(vi, pi)
						p, pi, i = vp, vi, vi
						goto findVars
					}
					if len(vp.Values) > 1 && (len(buf) > 0 || from < len(s.Text) || k+1 < len(vars)) {
						j.warn(s.Source, "%s: a list variable cannot be substituted inside a longer string; jail(8) will not start this jail; use it as the whole value", p.Name)
						bad = true
					}
				}
				if bad {
					// Every param of this generation (config.c marks
					// those with gen == pgen); the variable is dropped.
					j.failed = true
					for _, c := range j.genned[marked:] {
						c.flags |= pfBad
					}
					marked = len(j.genned)
					continue
				}
				buf = append(append(buf, s.Text[from:v.At]...), vp.Values[0].Text...)
				from = v.At
				if len(vp.Values) > 1 {
					// The whole value, and its last variable: the
					// list's other values follow it.
					s.Text, s.vars = string(buf), nil
					j.text = buf
					vals := make([]Value, 0, len(p.Values)+len(vp.Values)-1)
					vals = append(vals, p.Values[:si+1]...)
					for _, vs := range vp.Values[1:] {
						vals = append(vals, Value{Text: vs.Text, Source: vs.Source})
					}
					p.Values = append(vals, p.Values[si+1:]...)
					p.owned = true
					break
				}
			}
			if s := &p.Values[si]; s.vars != nil {
				s.Text, s.vars = string(append(buf, s.Text[from:]...)), nil
				j.text = buf
			}
		}
		p.flags |= pfResolved
	}
	j.order = j.order[:0]
	for i := j.head; i >= 0; i = j.next[i] {
		j.order = append(j.order, j.params[i])
	}
	j.params, j.order = j.order, j.params
}

// pendingVars reports whether p's values still have variables to
// substitute (never again once they have none: pfResolved).
func pendingVars(p *Param) bool {
	if p.flags&pfResolved != 0 {
		return false
	}
	for _, v := range p.Values {
		if v.vars != nil {
			return true
		}
	}
	p.flags |= pfResolved
	return false
}

// shiftVars returns vars with every place moved on by d.
func shiftVars(vars []parser.VarRef, d int) []parser.VarRef {
	if d == 0 {
		return vars
	}
	out := make([]parser.VarRef, len(vars))
	for k, v := range vars {
		out[k] = parser.VarRef{Name: v.Name, At: v.At + d}
	}
	return out
}

// lookup returns the position of the first parameter in list order named
// name, or -1.
func (j *jailState) lookup(name string) int32 {
	if j.vars != nil {
		i, ok := j.vars[name]
		if !ok {
			return -1
		}
		if i >= 0 {
			return i
		}
	}
	for i := j.head; i >= 0; i = j.next[i] {
		countStep()
		if j.params[i].Name == name {
			return i
		}
	}
	return -1
}

// moveBefore moves params[i] to just before params[k] in list order.
func (j *jailState) moveBefore(i, k int32) {
	if p, n := j.prev[i], j.next[i]; p >= 0 {
		j.next[p] = n
	} else {
		j.head = n
	}
	if n := j.next[i]; n >= 0 {
		j.prev[n] = j.prev[i]
	}
	p := j.prev[k]
	j.prev[i], j.next[i] = p, k
	j.prev[k] = i
	if p >= 0 {
		j.next[p] = i
	} else {
		j.head = i
	}
}
