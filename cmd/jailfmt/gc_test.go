package main

import (
	"os"
	"path/filepath"
	"testing"
)

func TestSmallInputs(t *testing.T) {
	dir := t.TempDir()
	small := filepath.Join(dir, "small.conf")
	if err := os.WriteFile(small, []byte("j { path = /j; }\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	big := filepath.Join(dir, "big.conf")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(smallRunBytes); err != nil { // exactly the limit: still small
		t.Fatal(err)
	}
	f.Close()
	missing := filepath.Join(dir, "missing.conf")
	for _, c := range []struct {
		args []string
		want bool
	}{
		{[]string{small}, true},
		{[]string{small, missing}, true},
		{[]string{big}, true},
		{[]string{big, small}, false}, // together over the limit
		{[]string{dir}, false},        // a folder: size unknown
		{[]string{small, "-"}, false}, // standard input
		{nil, false},                  // fmt with no path reads standard input
		{[]string{missing}, false},
	} {
		if got := smallInputs(c.args, os.Stat); got != c.want {
			t.Errorf("smallInputs(%q) = %v, want %v", c.args, got, c.want)
		}
	}
}
