package diff

import (
	"fmt"
	"math/rand"
	"strings"
	"testing"

	"github.com/jailfmt/jailfmt/bench"
)

func TestUnified(t *testing.T) {
	for _, c := range []struct{ name, old, new, want string }{
		{"equal", "a\n", "a\n", ""},
		{"add to empty", "", "a\n", "--- o\n+++ n\n@@ -0,0 +1 @@\n+a\n"},
		{"delete all", "a\nb\n", "", "--- o\n+++ n\n@@ -1,2 +0,0 @@\n-a\n-b\n"},
		{"change middle", "1\n2\n3\n4\n5\n6\n7\n8\n9\n", "1\n2\n3\n4\nX\n6\n7\n8\n9\n",
			"--- o\n+++ n\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+X\n 6\n 7\n 8\n"},
		{"two hunks", "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n", "X\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\nY\n",
			"--- o\n+++ n\n@@ -1,4 +1,4 @@\n-1\n+X\n 2\n 3\n 4\n@@ -9,4 +9,4 @@\n 9\n 10\n 11\n-12\n+Y\n"},
		{"no final newline", "a", "a\n", "--- o\n+++ n\n@@ -1 +1 @@\n-a\n\\ No newline at end of file\n+a\n"},
	} {
		if got := Unified("o", "n", c.old, c.new); got != c.want {
			t.Errorf("%s:\n%s\nwant:\n%s", c.name, got, c.want)
		}
	}
}

// apply applies the hunks of the unified diff u to old and returns the
// result, failing when a context or deleted line does not match.
func apply(t *testing.T, old, u string) string {
	t.Helper()
	if u == "" {
		return old
	}
	src := lines(old)
	ls := lines(u)
	if len(ls) < 2 || !strings.HasPrefix(ls[0], "--- ") || !strings.HasPrefix(ls[1], "+++ ") {
		t.Fatalf("no header:\n%s", u)
	}
	var out []string
	next := 0 // first line of src not yet copied
	for i := 2; i < len(ls); {
		var as, an, bs, bn int
		h := strings.TrimSuffix(ls[i], "\n")
		if _, err := fmt.Sscanf(normHunk(h), "@@ -%d,%d +%d,%d @@", &as, &an, &bs, &bn); err != nil {
			t.Fatalf("bad hunk header %q: %v", h, err)
		}
		if an > 0 {
			as--
		}
		if as < next {
			t.Fatalf("hunk %q overlaps the previous one", h)
		}
		out = append(out, src[next:as]...)
		if bn > 0 && bs-1 != len(out) {
			t.Fatalf("hunk %q: new start %d, but %d lines written", h, bs, len(out))
		}
		next = as
		i++
		for i < len(ls) && !strings.HasPrefix(ls[i], "@@") {
			l := ls[i]
			i++
			if i < len(ls) && ls[i] == "\\ No newline at end of file\n" {
				l = strings.TrimSuffix(l, "\n")
				i++
			}
			switch l[0] {
			case ' ', '-':
				if next >= len(src) || src[next] != l[1:] {
					t.Fatalf("hunk %q: line %d is %q in the old text, diff says %q", h, next+1, src[min(next, len(src)-1)], l[1:])
				}
				next++
				if l[0] == ' ' {
					out = append(out, l[1:])
				}
			case '+':
				out = append(out, l[1:])
			default:
				t.Fatalf("bad diff line %q", l)
			}
		}
	}
	out = append(out, src[next:]...)
	return strings.Join(out, "")
}

// normHunk spells out the counts a unified hunk header may leave out.
func normHunk(h string) string {
	f := strings.Fields(h)
	for i := 1; i <= 2 && i < len(f); i++ {
		if !strings.Contains(f[i], ",") {
			f[i] += ",1"
		}
	}
	return strings.Join(f, " ")
}

// randomText returns n lines drawn from an alphabet of k, ending in a
// newline or not.
func randomText(r *rand.Rand, n, k int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "l%d\n", r.Intn(k))
	}
	s := b.String()
	if r.Intn(4) == 0 {
		s = strings.TrimSuffix(s, "\n")
	}
	return s
}

// mutate returns s with some lines deleted, inserted or changed.
func mutate(r *rand.Rand, s string, k int) string {
	ls := lines(s)
	var out []string
	for _, l := range ls {
		switch r.Intn(10) {
		case 0:
		case 1:
			out = append(out, fmt.Sprintf("l%d\n", r.Intn(k)), l)
		case 2:
			out = append(out, fmt.Sprintf("l%d\n", r.Intn(k)))
		default:
			out = append(out, l)
		}
	}
	return strings.Join(out, "")
}

// TestApplyReproduces checks on random texts (unrelated ones, and edits
// of one another) that applying the diff of a and b to a gives b.
func TestApplyReproduces(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	for i := 0; i < 3000; i++ {
		k := 1 + r.Intn(8)
		a := randomText(r, r.Intn(40), k)
		var b string
		if i%2 == 0 {
			b = randomText(r, r.Intn(40), k)
		} else {
			b = mutate(r, a, k)
		}
		u := Unified("a", "b", a, b)
		if got := apply(t, a, u); got != b {
			t.Fatalf("a=%q b=%q\ndiff:\n%s\napplied: %q", a, b, u, got)
		}
	}
}

// TestApplyBeyondMaxCost checks texts whose distance exceeds maxCost, so
// that the search settles for a split instead of the middle snake.
func TestApplyBeyondMaxCost(t *testing.T) {
	r := rand.New(rand.NewSource(2))
	for i := 0; i < 3; i++ {
		a, b := randomText(r, 4000, 3), randomText(r, 4000, 3)
		if i == 2 {
			b = mutate(r, a, 3)
		}
		if got := apply(t, a, Unified("a", "b", a, b)); got != b {
			t.Fatalf("case %d: applying the diff does not give b", i)
		}
	}
}

// TestMyersShortest checks that Myers' search alone (below maxCost)
// finds a shortest script: its length must match the longest common
// subsequence computed by dynamic programming.
func TestMyersShortest(t *testing.T) {
	r := rand.New(rand.NewSource(3))
	for i := 0; i < 2000; i++ {
		a := lines(randomText(r, r.Intn(60), 1+r.Intn(4)))
		b := lines(randomText(r, r.Intn(60), 1+r.Intn(4)))
		d := newDiffer(a, b)
		d.myers(0, len(a), 0, len(b))
		edits := 0
		for _, o := range d.ops {
			if o.kind != ' ' {
				edits++
			}
		}
		if want := len(a) + len(b) - 2*lcs(a, b); edits != want {
			t.Fatalf("a=%q b=%q: %d edits, shortest is %d", a, b, edits, want)
		}
	}
}

func lcs(a, b []string) int {
	prev, cur := make([]int, len(b)+1), make([]int, len(b)+1)
	for i := range a {
		for j := range b {
			if a[i] == b[j] {
				cur[j+1] = prev[j] + 1
			} else {
				cur[j+1] = max(cur[j], prev[j+1])
			}
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// BenchmarkUnified20k diffs a generated 20,000-jail configuration
// against itself with every allow.sysvipc rewritten as the fix does (the
// issue's target: under a second, under 100 MB allocated).
func BenchmarkUnified20k(b *testing.B) {
	old := bench.Generate(20000)
	new := strings.ReplaceAll(old, "\tallow.sysvipc;\n", "\tsysvmsg = inherit;\n\tsysvsem = inherit;\n\tsysvshm = inherit;\n")
	b.SetBytes(int64(len(old)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if Unified("a", "b", old, new) == "" {
			b.Fatal("no diff")
		}
	}
}
