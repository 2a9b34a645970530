package lint

import (
	"strconv"

	"github.com/jailfmt/jailfmt/parser"
	"github.com/jailfmt/jailfmt/resolve"
)

// onceSet remembers statements already reported, so that a statement in
// a wildcard block is reported once, not once per jail it reaches.
type onceSet map[*parser.Stmt]bool

// first reports whether src is a statement not seen before.
func (o onceSet) first(src resolve.Source) bool {
	if src.Stmt == nil || o[src.Stmt] {
		return false
	}
	o[src.Stmt] = true
	return true
}

// eachEffective calls fn for every jail that has the parameter (exact
// name or its "no" form), once per statement that set it.
func eachEffective(p *Pass, name string, fn func(j *resolve.Jail, prm *resolve.Param, src resolve.Source)) {
	seen := onceSet{}
	for _, j := range p.Result.Jails {
		if prm := p.lookup(j, name); prm != nil {
			if src := lastSource(prm); seen.first(src) {
				fn(j, prm, src)
			}
		}
	}
}

// isTrue reports whether a boolean parameter is on (the "no" form
// inverts it).
func isTrue(prm *resolve.Param) bool {
	v, ok := boolValue(prm)
	if lookupParam(prm.Name).negated {
		v = !v
	}
	return ok && v
}

// intOf returns the last value of a parameter as an integer.
func intOf(prm *resolve.Param) (int, bool) {
	if prm == nil || len(prm.Values) == 0 {
		return 0, false
	}
	n, err := strconv.Atoi(prm.Values[len(prm.Values)-1].Text)
	return n, err == nil
}

// Short names for rule callbacks.
type (
	resolveJail   = resolve.Jail
	resolveParam  = resolve.Param
	resolveSource = resolve.Source
)
