package lint

import (
	"fmt"
	"strconv"

	"github.com/jailfmt/jailfmt/resolve"
)

// eachEffective calls fn for every jail that has the parameter (exact
// name or its "no" form), once per statement that set it.
func eachEffective(p *Pass, name string, fn func(j *resolve.Jail, prm *resolve.Param, src resolve.Source)) {
	seen := map[string]bool{}
	for _, j := range p.Result.Jails {
		prm := j.Lookup(name)
		if prm == nil {
			continue
		}
		src := lastSource(prm)
		key := fmt.Sprintf("%p", src.Stmt)
		if src.Stmt == nil || seen[key] {
			continue
		}
		seen[key] = true
		fn(j, prm, src)
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
