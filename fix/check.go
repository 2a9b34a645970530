package fix

import (
	"encoding/binary"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/jailfmt/jailfmt/lint"
	"github.com/jailfmt/jailfmt/resolve"
)

// jailPrint is what fixing must keep of one jail: its name, whether
// jail(8) would start it, its System V IPC settings and every
// parameter's values. A fix run holds a configuration as loaded before
// fixing as prints alone (the jails, then the probes: the jails a
// wildcard block or the global record would reach if they were defined
// later; see resolve.Options.Probes), so that its syntax tree and
// resolved jails can go while the fixed texts are loaded.
type jailPrint struct {
	name   string
	index  int // in Result.Jails, or in Result.Probes for a probe
	probe  bool
	failed bool
	sysv   [3]string
	params []paramPrint // in the jail's order
}

// paramPrint is a parameter's name and its n values (see encodeValues).
type paramPrint struct {
	name, values string
	n            int
}

// printsOf returns the prints of res's jails and probes, and the number
// of jails.
func printsOf(res *resolve.Result) ([]jailPrint, int) {
	out := make([]jailPrint, 0, len(res.Jails)+len(res.Probes))
	for _, j := range jailsOf(res) {
		out = append(out, printOf(j))
	}
	return out, len(res.Jails)
}

func printOf(j *resolve.Jail) jailPrint {
	p := jailPrint{name: j.Name, index: j.Index, probe: j.Probe, failed: j.Failed, sysv: lint.SysV(j),
		params: make([]paramPrint, len(j.Params))}
	for i, q := range j.Params {
		p.params[i] = paramPrint{q.Name, encodeValues(q.Values), len(q.Values)}
	}
	return p
}

// encodeValues holds a value list in one string: a single value as it
// is (no copy), else each value after its length.
func encodeValues(vs []resolve.Value) string {
	if len(vs) == 1 {
		return vs[0].Text
	}
	var b []byte
	for _, v := range vs {
		b = binary.AppendUvarint(b, uint64(len(v.Text)))
		b = append(b, v.Text...)
	}
	return string(b)
}

// texts returns the parameter's values.
func (p paramPrint) texts() []string {
	if p.n == 1 {
		return []string{p.values}
	}
	out := make([]string, 0, p.n)
	for s := p.values; len(s) > 0; {
		v, rest := next(s)
		out, s = append(out, v), rest
	}
	return out
}

// next splits the first value off values encoded by encodeValues.
func next(s string) (string, string) {
	l, k := binary.Uvarint([]byte(s[:min(len(s), binary.MaxVarintLen64)]))
	return s[k : k+int(l)], s[k+int(l):]
}

// same reports whether vs are the parameter's values.
func (p paramPrint) same(vs []resolve.Value) bool {
	if len(vs) != p.n {
		return false
	}
	if p.n == 1 {
		return vs[0].Text == p.values
	}
	s := p.values
	for _, v := range vs {
		var t string
		t, s = next(s)
		if t != v.Text {
			return false
		}
	}
	return true
}

// jailsOf returns the jails whose meaning a fix must keep: every jail of
// the configuration, then its probes.
func jailsOf(res *resolve.Result) []*resolve.Jail {
	return append(res.Jails[:len(res.Jails):len(res.Jails)], res.Probes...)
}

// jailFinder finds the jail of a configuration that a print stands
// for: the same index among real jails, the same name among probes (a
// fix that removes an emptied wildcard block removes its probe, so
// probes are matched by name).
type jailFinder struct {
	res    *resolve.Result
	probes map[string]*resolve.Jail
}

func newJailFinder(res *resolve.Result) *jailFinder {
	f := &jailFinder{res: res, probes: make(map[string]*resolve.Jail, len(res.Probes))}
	for _, j := range res.Probes {
		if _, ok := f.probes[j.Name]; !ok {
			f.probes[j.Name] = j // the first, as a scan would find it
		}
	}
	return f
}

// find returns the jail p stands for, or nil.
func (f *jailFinder) find(p *jailPrint) *resolve.Jail {
	if !p.probe {
		if p.index < len(f.res.Jails) {
			return f.res.Jails[p.index]
		}
		return nil
	}
	return f.probes[p.name]
}

// jailDiff is a jail that fixing changed, as before has it, and how.
type jailDiff struct {
	jail *jailPrint
	msg  string
}

// differences returns the jails that after resolves otherwise than
// before (the prints of a configuration with njails jails): another
// System V IPC setting (with harden, inherit may become new), or other
// parameters apart from those named in changes (compared as jail(8)
// compares names, so allow.nomount covers allow.mount). An error means
// the configurations cannot be compared jail by jail.
func differences(before []jailPrint, njails int, after *resolve.Result, changes map[string]bool, harden bool) ([]jailDiff, error) {
	for _, d := range after.Diags {
		if !d.Warning {
			return nil, fmt.Errorf("it would no longer load: %v (a jailfmt bug, please report it)", d)
		}
	}
	if njails != len(after.Jails) {
		return nil, fmt.Errorf("the number of jails (%d, now %d)", njails, len(after.Jails))
	}
	kept := map[string]bool{} // by name: a few names, in every jail
	keep := func(name string) bool {
		k, ok := kept[name]
		if !ok {
			k = true
			for c := range changes {
				if resolve.EqualOpts(c, name) {
					k = false
				}
			}
			kept[name] = k
		}
		return k
	}
	var out []jailDiff
	find := newJailFinder(after)
	for i := range before {
		a := &before[i]
		// A probe that is gone belonged to a wildcard block the fix
		// emptied and removed; the rules check (lint's property tests)
		// that such a block decided nothing a later jail would get.
		if b := find.find(a); b != nil {
			if msg := jailChange(a, b, keep, harden); msg != "" {
				out = append(out, jailDiff{a, msg})
			}
		}
	}
	return out, nil
}

// jailChange says how b differs from a ("" when it does not).
func jailChange(a *jailPrint, b *resolve.Jail, keep func(string) bool, harden bool) string {
	x, y := a.sysv, lint.SysV(b)
	for r, name := range lint.SysVParams {
		if x[r] != y[r] && !(harden && x[r] == "inherit" && y[r] == "new") {
			return fmt.Sprintf("jail %q: %s from %s to %s", a.name, name, x[r], y[r])
		}
	}
	if sameKept(a, b, keep) {
		return ""
	}
	bp := printOf(b)
	return fmt.Sprintf("jail %q: %s becomes %s", a.name, a.render(keep), bp.render(keep))
}

// render shows the jail's name, failure and kept parameters (by name).
func (p *jailPrint) render(keep func(string) bool) string {
	var s strings.Builder
	fmt.Fprintf(&s, "%s failed=%v", p.name, p.failed)
	params := slices.Clone(p.params)
	sort.SliceStable(params, func(x, y int) bool { return params[x].name < params[y].name })
	for _, q := range params {
		if keep(q.name) {
			fmt.Fprintf(&s, " %s=%q", q.name, q.texts())
		}
	}
	return s.String()
}

// sameKept reports whether a and b have the same name, failure and kept
// parameters with the same values (a jail's parameter names are
// distinct: jail(8) merges equal options into one), compared directly so
// that only a jail that changed is rendered.
func sameKept(a *jailPrint, b *resolve.Jail, keep func(string) bool) bool {
	if a.name != b.Name || a.failed != b.Failed {
		return false
	}
	n := 0
	for i, p := range a.params {
		if !keep(p.name) {
			continue
		}
		n++
		// Mostly in the same place: fixes rarely reorder parameters.
		var q *resolve.Param
		if i < len(b.Params) && b.Params[i].Name == p.name {
			q = b.Params[i]
		} else {
			q = b.Param(p.name)
		}
		if q == nil || !p.same(q.Values) {
			return false
		}
	}
	for _, q := range b.Params {
		if keep(q.Name) {
			n--
		}
	}
	return n == 0
}
