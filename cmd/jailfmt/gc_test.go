package main

import (
	"os"
	"path/filepath"
	"runtime"
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

// TestCollectLoaded: a forced collection exactly for loaded texts of
// collectLoadedBytes or more, and never when GOGC is set.
func TestCollectLoaded(t *testing.T) {
	for _, c := range []struct {
		texts int
		gogc  string
		want  bool
	}{
		{collectLoadedBytes, "", true},
		{collectLoadedBytes - 1, "", false},
		{collectLoadedBytes, "100", false},
	} {
		t.Setenv("GOGC", c.gogc)
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		collectLoaded(c.texts)
		runtime.ReadMemStats(&after)
		if got := after.NumForcedGC > before.NumForcedGC; got != c.want {
			t.Errorf("collectLoaded(%d) with GOGC=%q collected: %v, want %v", c.texts, c.gogc, got, c.want)
		}
	}
}
