// Package diff produces unified diffs of two texts, line by line, in
// memory linear in the size of the texts.
package diff

import (
	"fmt"
	"sort"
	"strings"
)

// op is one line of an edit script.
type op struct {
	kind byte // ' ', '-', '+'
	text string
}

// lines splits s into lines, each keeping its newline.
func lines(s string) []string {
	if s == "" {
		return nil
	}
	out := strings.SplitAfter(s, "\n")
	if out[len(out)-1] == "" {
		out = out[:len(out)-1]
	}
	return out
}

// maxCost bounds the edit distance Myers' search explores in one region
// before it settles for a good split instead of the best one (as GNU
// diff's heuristic does): it keeps the time for pathological inputs at
// O((N+M)·maxCost) at the price of a longer script.
const maxCost = 1024

// maxAnchorDepth bounds how often patience anchoring recurses into the
// gaps between anchors (each level costs a pass over its gaps) before
// it leaves the rest to Myers: the time stays linear however the
// unique lines nest.
const maxAnchorDepth = 16

// differ computes an edit script between two line sequences, interned
// as integers so that comparing two lines is one comparison.
//
// The script is built in three steps, all in O(N+M) memory: the common
// prefix and suffix are matched; lines that occur exactly once in each
// side are matched along their longest increasing subsequence (patience
// anchoring), and the gaps between them are diffed the same way; a gap
// without such anchors gets Myers' linear-space divide-and-conquer
// ("An O(ND) Difference Algorithm and Its Variations", 1986, §4b).
type differ struct {
	a, b   []int    // line ids
	at, bt []string // line texts
	ops    []op
	// countA, countB and lastB are scratch space for patience
	// anchoring, indexed by line id, all zero between uses.
	countA, countB, lastB []int
	vf, vb                []int // Myers' frontiers, sized for the largest region yet
}

// script returns an edit script turning a into b.
func script(a, b []string) []op {
	d := newDiffer(a, b)
	d.patience(0, len(a), 0, len(b), 0)
	return d.ops
}

// newDiffer interns the lines of a and b and allocates the scratch space.
func newDiffer(a, b []string) *differ {
	ids := map[string]int{}
	intern := func(ls []string) []int {
		out := make([]int, len(ls))
		for i, l := range ls {
			id, ok := ids[l]
			if !ok {
				id = len(ids)
				ids[l] = id
			}
			out[i] = id
		}
		return out
	}
	d := &differ{a: intern(a), b: intern(b), at: a, bt: b}
	d.countA = make([]int, len(ids))
	d.countB = make([]int, len(ids))
	d.lastB = make([]int, len(ids))
	d.ops = make([]op, 0, len(a)+len(b))
	return d
}

// equal emits a[a0:a1] as unchanged.
func (d *differ) equal(a0, a1 int) {
	for i := a0; i < a1; i++ {
		d.ops = append(d.ops, op{' ', d.at[i]})
	}
}

// strip matches the common prefix and suffix of a[a0:a1] and b[b0:b1]:
// it emits the prefix and returns the rest and the suffix's length.
func (d *differ) strip(a0, a1, b0, b1 int) (int, int, int, int, int) {
	p := 0
	for a0+p < a1 && b0+p < b1 && d.a[a0+p] == d.b[b0+p] {
		p++
	}
	d.equal(a0, a0+p)
	a0, b0 = a0+p, b0+p
	s := 0
	for a1-s > a0 && b1-s > b0 && d.a[a1-s-1] == d.b[b1-s-1] {
		s++
	}
	return a0, a1 - s, b0, b1 - s, s
}

// change emits a[a0:a1] as deleted and b[b0:b1] as inserted.
func (d *differ) change(a0, a1, b0, b1 int) {
	for i := a0; i < a1; i++ {
		d.ops = append(d.ops, op{'-', d.at[i]})
	}
	for i := b0; i < b1; i++ {
		d.ops = append(d.ops, op{'+', d.bt[i]})
	}
}

// patience diffs a[a0:a1] against b[b0:b1] by anchoring on lines unique
// in both, falling back to Myers where there are none or depth (the
// levels of anchoring above) reaches maxAnchorDepth.
func (d *differ) patience(a0, a1, b0, b1, depth int) {
	a0, a1, b0, b1, suffix := d.strip(a0, a1, b0, b1)
	defer d.equal(a1, a1+suffix)
	if a0 == a1 || b0 == b1 {
		d.change(a0, a1, b0, b1)
		return
	}
	if depth == maxAnchorDepth {
		d.myers(a0, a1, b0, b1)
		return
	}
	anchors, common := d.anchors(a0, a1, b0, b1)
	switch {
	case !common:
		d.change(a0, a1, b0, b1)
	case len(anchors) == 0:
		d.myers(a0, a1, b0, b1)
	default:
		for _, m := range anchors {
			d.patience(a0, m[0], b0, m[1], depth+1)
			d.equal(m[0], m[0]+1)
			a0, b0 = m[0]+1, m[1]+1
		}
		d.patience(a0, a1, b0, b1, depth+1)
	}
}

// anchors returns the pairs (i, j) with a[i] == b[j] unique in both
// regions, along their longest increasing subsequence, and whether the
// regions share any line at all.
func (d *differ) anchors(a0, a1, b0, b1 int) ([][2]int, bool) {
	for _, id := range d.a[a0:a1] {
		d.countA[id]++
	}
	common := false
	for j := b0; j < b1; j++ {
		id := d.b[j]
		d.countB[id]++
		d.lastB[id] = j
		common = common || d.countA[id] > 0
	}
	var pairs [][2]int
	for i := a0; i < a1; i++ {
		if id := d.a[i]; d.countA[id] == 1 && d.countB[id] == 1 {
			pairs = append(pairs, [2]int{i, d.lastB[id]})
		}
	}
	for _, id := range d.a[a0:a1] {
		d.countA[id] = 0
	}
	for _, id := range d.b[b0:b1] {
		d.countB[id], d.lastB[id] = 0, 0
	}
	return lis(pairs), common
}

// lis returns the longest subsequence of pairs (ordered by their first
// element) whose second elements increase, by patience sorting.
func lis(pairs [][2]int) [][2]int {
	if len(pairs) == 0 {
		return nil
	}
	tops := []int{}                 // index into pairs of each pile's top
	prev := make([]int, len(pairs)) // back pointers
	for i, p := range pairs {
		k := sort.Search(len(tops), func(k int) bool { return pairs[tops[k]][1] > p[1] })
		prev[i] = -1
		if k > 0 {
			prev[i] = tops[k-1]
		}
		if k == len(tops) {
			tops = append(tops, i)
		} else {
			tops[k] = i
		}
	}
	out := make([][2]int, len(tops))
	for i, k := tops[len(tops)-1], len(tops)-1; k >= 0; i, k = prev[i], k-1 {
		out[k] = pairs[i]
	}
	return out
}

// myers diffs a[a0:a1] against b[b0:b1] by splitting at the middle snake
// of a shortest edit script and recursing on both halves.
func (d *differ) myers(a0, a1, b0, b1 int) {
	a0, a1, b0, b1, suffix := d.strip(a0, a1, b0, b1)
	defer d.equal(a1, a1+suffix)
	if a0 == a1 || b0 == b1 {
		d.change(a0, a1, b0, b1)
		return
	}
	x, y, u, v := d.midSnake(a0, a1, b0, b1)
	d.myers(a0, x, b0, y)
	d.equal(x, u)
	d.myers(u, a1, v, b1)
}

// midSnake returns the start (x, y) and end (u, v) of the middle snake
// of a shortest edit script from a[a0:a1] to b[b0:b1], neither empty and
// without a common prefix or suffix; beyond maxCost edits, the end of
// the furthest forward path instead. Either way both halves are
// strictly smaller than the region.
//
// vf[off+k] is the furthest x on diagonal k = x-y that a path of D edits
// from (a0, b0) reaches, and vb[off+kr] the same for paths from (a1, b1)
// backwards (x and y counted from the end, kr = delta-k); -1 marks a
// diagonal that no path reaches inside the grid.
func (d *differ) midSnake(a0, a1, b0, b1 int) (x, y, u, v int) {
	n, m := a1-a0, b1-b0
	delta := n - m
	odd := delta&1 != 0
	lim := (n + m + 1) / 2
	off := lim + 1
	if len(d.vf) < 2*off+1 {
		// Grown to the largest region so far, reused by the smaller ones.
		d.vf, d.vb = make([]int, 2*off+1), make([]int, 2*off+1)
	}
	vf, vb := d.vf, d.vb
	// next extends the furthest paths of D-1 edits on the diagonals
	// beside k by one edit: right from k-1 or down from k+1.
	next := func(w []int, k, D int) int {
		if D == 0 {
			return 0
		}
		px := -1
		if k > -D && w[off+k-1] >= 0 && w[off+k-1] < n {
			px = w[off+k-1] + 1
		}
		if k < D && w[off+k+1] >= 0 && w[off+k+1]-(k+1) < m {
			px = max(px, w[off+k+1])
		}
		return px
	}
	for D := 0; D <= lim; D++ {
		for k := -D; k <= D; k += 2 {
			px := next(vf, k, D)
			if px < 0 {
				vf[off+k] = -1
				continue
			}
			py := px - k
			sx, sy := px, py
			for px < n && py < m && d.a[a0+px] == d.b[b0+py] {
				px++
				py++
			}
			vf[off+k] = px
			if kr := delta - k; odd && kr >= -(D-1) && kr <= D-1 && vb[off+kr] >= 0 && px+vb[off+kr] >= n {
				return a0 + sx, b0 + sy, a0 + px, b0 + py
			}
		}
		for kr := -D; kr <= D; kr += 2 {
			px := next(vb, kr, D)
			if px < 0 {
				vb[off+kr] = -1
				continue
			}
			py := px - kr
			sx, sy := px, py
			for px < n && py < m && d.a[a1-1-px] == d.b[b1-1-py] {
				px++
				py++
			}
			vb[off+kr] = px
			if k := delta - kr; !odd && k >= -D && k <= D && vf[off+k] >= 0 && px+vf[off+k] >= n {
				return a1 - px, b1 - py, a1 - sx, b1 - sy
			}
		}
		if D >= maxCost {
			// Too expensive: split where the forward search got
			// furthest, past the start (D > 0) and short of the end
			// (the overlap test would have stopped there).
			best, bx, by := -1, 0, 0
			for k := -D; k <= D; k += 2 {
				if px := vf[off+k]; px >= 0 && 2*px-k > best {
					best, bx, by = 2*px-k, px, px-k
				}
			}
			return a0 + bx, b0 + by, a0 + bx, b0 + by
		}
	}
	panic("diff: no middle snake") // unreachable: paths of lim edits from both ends meet
}

// Unified returns a unified diff (3 lines of context) from old to new,
// labelled with the two names, or "" when the texts are equal.
func Unified(oldName, newName, old, new string) string {
	if old == new {
		return ""
	}
	ops := script(lines(old), lines(new))
	var b strings.Builder
	fmt.Fprintf(&b, "--- %s\n+++ %s\n", oldName, newName)
	const ctx = 3
	i := 0
	ai, bi := 1, 1 // line numbers at ops[i]
	for i < len(ops) {
		// Find the next change.
		j := i
		for j < len(ops) && ops[j].kind == ' ' {
			j++
		}
		if j == len(ops) {
			break
		}
		skip := max(j-i-ctx, 0)
		ai += skip
		bi += skip
		start := i + skip
		// Extend the hunk while changes are within 2*ctx lines.
		end := j
		for {
			for end < len(ops) && ops[end].kind != ' ' {
				end++
			}
			same := end
			for same < len(ops) && ops[same].kind == ' ' {
				same++
			}
			if same < len(ops) && same-end <= 2*ctx {
				end = same
				continue
			}
			end += min(ctx, same-end)
			break
		}
		na, nb := 0, 0
		for _, o := range ops[start:end] {
			if o.kind != '+' {
				na++
			}
			if o.kind != '-' {
				nb++
			}
		}
		fmt.Fprintf(&b, "@@ -%s +%s @@\n", rng(ai, na), rng(bi, nb))
		for _, o := range ops[start:end] {
			b.WriteByte(o.kind)
			b.WriteString(o.text)
			if !strings.HasSuffix(o.text, "\n") {
				b.WriteString("\n\\ No newline at end of file\n")
			}
		}
		ai += na
		bi += nb
		i = end
	}
	return b.String()
}

func rng(start, n int) string {
	if n == 0 {
		return fmt.Sprintf("%d,0", start-1)
	}
	if n == 1 {
		return fmt.Sprintf("%d", start)
	}
	return fmt.Sprintf("%d,%d", start, n)
}
