package lint

import (
	"github.com/jailfmt/jailfmt/freebsd"
	"github.com/jailfmt/jailfmt/resolve"
)

// onceSet remembers statements (or other formats' settings) already
// reported, so that a statement in a wildcard block is reported once, not
// once per jail it reaches.
type onceSet map[any]bool

// first reports whether src, a statement that sets a parameter of jail
// j, has not been seen before. A statement in j's own block reaches no
// other jail and needs no bookkeeping.
func (o onceSet) first(j *resolve.Jail, src resolve.Source) bool {
	if !src.Written() {
		return false
	}
	if inOwnBlock(j, src) {
		return true
	}
	var k any = src.Stmt
	if src.Stmt == nil {
		k = src.Origin
	}
	if o[k] {
		return false
	}
	o[k] = true
	return true
}

// eachEffective calls fn for every jail that has the parameter (exact
// name or its "no" form), once per statement that set it.
func eachEffective(p *Pass, name string, fn func(j *resolve.Jail, prm *resolve.Param, src resolve.Source)) {
	seen := onceSet{}
	for _, j := range p.Result.Jails {
		prm := p.lookup(j, name)
		if prm == nil {
			continue
		}
		if src := lastSource(prm); seen.first(j, src) {
			fn(j, prm, src)
		}
	}
}

// inOwnBlock reports whether src stands in jail j's own block, and so
// reaches no other jail: nested jail blocks do not inherit, and a
// statement in a wildcard block nested in j's block does not reach j.
// Such statements need no once-only bookkeeping.
func inOwnBlock(j *resolve.Jail, src resolve.Source) bool {
	b := j.Source
	return src.Stmt != nil && b.Stmt != nil && src.File == b.File &&
		src.Stmt.Pos().Offset > b.Stmt.Pos().Offset && src.Stmt.End() <= b.Stmt.End()
}

// isTrue reports whether a boolean parameter is on (the "no" form
// inverts it).
func isTrue(prm *resolve.Param) bool {
	v, ok := boolValue(prm)
	if freebsd.Lookup(prm.Name).Negated {
		v = !v
	}
	return ok && v
}

// intOf returns the last value of a parameter as an integer.
func intOf(prm *resolve.Param) (int, bool) {
	if prm == nil || len(prm.Values) == 0 {
		return 0, false
	}
	s := prm.Values[len(prm.Values)-1].Text
	n, ok := freebsd.Strtol(s)
	return int(int32(n)), ok && s != "" // the kernel stores a C int
}

// Short names for rule callbacks.
type (
	resolveJail   = resolve.Jail
	resolveParam  = resolve.Param
	resolveSource = resolve.Source
)
