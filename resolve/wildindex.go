package resolve

import "strings"

// WildIndex finds the wildcard patterns that match a jail name without
// trying every one of them. config.c load_config tries every wildcard
// record on every jail, which is quadratic in a configuration of many
// "group.*" blocks; but wild_jail_match compares the first components
// literally unless the pattern's is "*" (see firstComponent), so a
// pattern whose first component is anything else can only match names
// with the same first component. Patterns are filed under that
// component; those starting with "*" are tried on every name.
type WildIndex struct {
	byFirst map[string][]int // positions of the patterns with that first component
	star    []int            // positions of the patterns whose first component is "*"
	pats    []string
}

// NewWildIndex indexes wildcard patterns (record names for which some
// "*" is a whole dotted component), in the order they apply.
func NewWildIndex(patterns []string) *WildIndex {
	ix := &WildIndex{pats: patterns}
	for i, w := range patterns {
		if f := firstComponent(w); f == "*" {
			ix.star = append(ix.star, i)
		} else {
			if ix.byFirst == nil {
				ix.byFirst = map[string][]int{}
			}
			ix.byFirst[f] = append(ix.byFirst[f], i)
		}
	}
	return ix
}

// firstComponent is name up to its first '.'. In wild_jail_match, a
// pattern w matches a jail name j only if (both have a '.') j's first
// component and its dot start w, or w starts with "*."; or (either has
// none) j == w or w == "*". Either way, a pattern whose first component
// is not "*" has the jail's first component.
func firstComponent(name string) string {
	if k := strings.IndexByte(name, '.'); k >= 0 {
		return name[:k]
	}
	return name
}

// Matches appends to buf the positions of the patterns that match jail
// name j (wild_jail_match), in ascending order, and returns it.
func (ix *WildIndex) Matches(j string, buf []int) []int {
	a, b := ix.byFirst[firstComponent(j)], ix.star
	for len(a) > 0 || len(b) > 0 {
		var i int
		if len(b) == 0 || len(a) > 0 && a[0] < b[0] {
			i, a = a[0], a[1:]
		} else {
			i, b = b[0], b[1:]
		}
		if wildTries != nil {
			*wildTries++
		}
		if wildMatch(j, ix.pats[i]) {
			buf = append(buf, i)
		}
	}
	return buf
}

// wildTries, when a test sets it, counts the patterns Matches tries.
var wildTries *int
