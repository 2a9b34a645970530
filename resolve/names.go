package resolve

import (
	"slices"
	"strings"
)

// config.c looks a jail's parameters up by a linear scan of its list:
// add_param for the first entry that equalopts the new name, and the
// variable substitution for the first whose name is the variable's.
// jailState does the same while the list is short; from nameIndexMin
// entries on, it keeps the indexes below, which give the same entry in
// time linear in the name, so that a configuration of thousands of
// variables stays linear.

// nameIndexMin is the list length from which a jail's parameters are
// indexed (a variable, so that tests can index every list).
var nameIndexMin = 24

// optIndex finds the first parameter that equalopts a name. Two names
// are the same option when they are equal or one is the other with "no"
// inserted at the start of a dotted component (see EqualOpts), so the
// candidates for a name of length L are the name itself and at most two
// forms per component. The index maps a polynomial hash of each entry's
// name to its positions; the hashes of all candidates come from the
// name's prefix hashes in O(L), and the first position found is checked
// with EqualOpts, so a hash collision costs time, never a wrong answer.
type optIndex struct {
	pos  map[uint64][]int32 // name hash -> positions in the list, ascending
	pre  []uint64           // scratch: prefix hashes of the name looked up
	pow  []uint64           // hashBase powers
	hits []int32            // scratch: candidate positions
}

const hashBase = 1099511628211 // odd, so powers never vanish mod 2^64

// hashNo is the hash of "no".
const hashNo = uint64('n')*hashBase + uint64('o')

func nameHash(s string) uint64 {
	var h uint64
	for i := 0; i < len(s); i++ {
		h = h*hashBase + uint64(s[i])
	}
	return h
}

// build indexes every entry of params.
func (x *optIndex) build(params []*Param) {
	x.pos = make(map[uint64][]int32, 2*len(params))
	for i, p := range params {
		x.add(p.Name, int32(i))
	}
}

// add files position i under name.
func (x *optIndex) add(name string, i int32) {
	h := nameHash(name)
	l := x.pos[h]
	k, _ := slices.BinarySearch(l, i)
	x.pos[h] = slices.Insert(l, k, i)
}

// remove takes position i out of name's entry.
func (x *optIndex) remove(name string, i int32) {
	h := nameHash(name)
	l := x.pos[h]
	if k, ok := slices.BinarySearch(l, i); ok {
		l = slices.Delete(l, k, k+1)
	}
	if len(l) == 0 {
		delete(x.pos, h)
	} else {
		x.pos[h] = l
	}
}

// find returns the first position in params whose name equalopts name,
// or -1.
func (x *optIndex) find(params []*Param, name string) int {
	n := len(name)
	x.pre = append(x.pre[:0], 0)
	for i := 0; i < n; i++ {
		x.pre = append(x.pre, x.pre[i]*hashBase+uint64(name[i]))
	}
	if len(x.pow) == 0 {
		x.pow = append(x.pow, 1)
	}
	for len(x.pow) < n+3 {
		x.pow = append(x.pow, x.pow[len(x.pow)-1]*hashBase)
	}
	full := x.pre[n]
	x.hits = append(x.hits[:0], x.pos[full]...)
	for s := 0; s <= n; s++ {
		if s > 0 && name[s-1] != '.' {
			continue
		}
		// name[:s] + "no" + name[s:], and name[:s] + name[s+2:].
		suf := full - x.pre[s]*x.pow[n-s]
		x.hits = append(x.hits, x.pos[x.pre[s]*x.pow[n-s+2]+hashNo*x.pow[n-s]+suf]...)
		if strings.HasPrefix(name[s:], "no") {
			suf = full - x.pre[s+2]*x.pow[n-s-2]
			x.hits = append(x.hits, x.pos[x.pre[s]*x.pow[n-s-2]+suf]...)
		}
	}
	if len(x.hits) > 1 {
		slices.Sort(x.hits)
	}
	for _, i := range x.hits {
		countStep()
		if EqualOpts(params[i].Name, name) {
			return int(i)
		}
	}
	return -1
}

// varIndex finds the first parameter with exactly a variable's name,
// in the substitution's current list order: a name that several entries
// have (renamed entries can meet, see add) is looked for by scanning.
type varIndex map[string]int32 // name -> position in the list, -1 if several

func newVarIndex(params []*Param) varIndex {
	x := make(varIndex, len(params))
	for i, p := range params {
		if _, dup := x[p.Name]; dup {
			x[p.Name] = -1
		} else {
			x[p.Name] = int32(i)
		}
	}
	return x
}

// nameSteps, when a test sets it, counts the names compared in looking
// parameters up (one goroutine only).
var nameSteps *int

func countStep() {
	if nameSteps != nil {
		*nameSteps++
	}
}
