package rcconf

import (
	"fmt"
	"strings"
	"testing"
)

// A value's own text is read however long it is: only substitution is
// bounded (a jail_list of 20,000 jails is 128 KB).
func TestLongLiteralKnown(t *testing.T) {
	list := strings.Repeat("jail ", 3*maxValue/5)
	f, err := Parse("rc.conf", "jail_list=\""+list+"\"\nx=\"$jail_list\"\n")
	if err != nil {
		t.Fatal(err)
	}
	if a := f.Last("jail_list"); a == nil || !a.Known || a.Value != list {
		t.Errorf("jail_list of %d bytes not known: %+v", len(list), a.Reason)
	}
	if a := f.Last("x"); a == nil || a.Known || a.Reason != tooLong {
		t.Errorf("x copies more than maxValue: %+v", a)
	}
}

// The values of a file together hold at most budgetPerByte substituted
// bytes per byte of the file (plus budgetBase): copying a long variable
// on every line stops being expanded, so memory stays linear.
func TestSubstitutionBudget(t *testing.T) {
	for _, n := range []int{1000, 10000} {
		var b strings.Builder
		fmt.Fprintf(&b, "a=%s\n", strings.Repeat("x", maxValue-1))
		for i := 0; i < n; i++ {
			b.WriteString("b=\"$a\"\n")
		}
		src := b.String()
		f, err := Parse("rc.conf", src)
		if err != nil {
			t.Fatal(err)
		}
		total, known := 0, 0
		for _, a := range f.Assigns {
			total += len(a.Value)
			if a.Known && a.Name == "b" {
				known++
			}
		}
		if limit := len(src) + budgetPerByte*len(src) + budgetBase; total > limit {
			t.Errorf("n=%d: values hold %d bytes, more than %d", n, total, limit)
		}
		if known == 0 || known == n {
			t.Errorf("n=%d: %d of the copies known, want some but not all", n, known)
		}
	}
}
