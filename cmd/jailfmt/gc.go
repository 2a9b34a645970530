package main

import (
	"io/fs"
	"os"
	"runtime"
	"runtime/debug"
)

// A run whose input files total at most smallRunBytes collects garbage
// with GOGC smallRunGCPercent: the first collection then waits for a
// 16 MB heap instead of 4 MB, so a pre-commit run on a 20 KB file
// barely collects (lint --fix: about 1 ms of 16), while its heap stays a
// few tens of MB. Larger inputs keep the default, whose peak memory
// (about 40x the input) is the limit; more would trade it for CPU time.
const (
	smallRunBytes     = 1 << 20
	smallRunGCPercent = 400
)

// tuneGC sets the collector for this one-shot run from the size of the
// inputs its command names (lint, fmt and exhibit call it with their
// path arguments). GOGC in the environment wins.
func tuneGC(paths []string) {
	if os.Getenv("GOGC") == "" && smallInputs(paths, os.Stat) {
		debug.SetGCPercent(smallRunGCPercent)
	}
}

// smallInputs reports whether paths name at least one file and the
// files total at most smallRunBytes. Standard input, a folder or any
// other non-regular file makes the size unknown up front, so the answer
// is no. A missing file (reported later) does not count.
func smallInputs(paths []string, stat func(string) (fs.FileInfo, error)) bool {
	var total int64
	found := false
	for _, p := range paths {
		if p == "-" {
			return false
		}
		fi, err := stat(p)
		if err != nil {
			continue
		}
		if !fi.Mode().IsRegular() {
			return false
		}
		total += fi.Size()
		found = true
	}
	return found && total <= smallRunBytes
}

// collectLoadedBytes is the size of the configuration texts from which
// lint collects garbage between loading and linting them.
const collectLoadedBytes = 1 << 20

// collectLoaded collects garbage once after a large configuration is
// loaded, before it is linted (unless GOGC is set): as read from disk,
// and as fixed once the fix driver accepts a trial (fix.Job.Accepted).
// Parsing leaves behind many times the configuration's size (the
// grammar engine's bookkeeping, the tokens) and the collector sets its
// next goal at twice what it last found live, garbage of that kind
// included; one collection here sets it at twice the loaded
// configuration, so linting does not take the heap past what loading
// needed. On the 20,000-jail file: about 20 MB less peak memory for a
// few percent more CPU time as read; as fixed, lint --fix peaks at 55
// instead of 62 times the input, in the same time (what the trial
// compared the fixed configuration with is garbage by then too).
func collectLoaded(texts int) {
	if texts >= collectLoadedBytes && os.Getenv("GOGC") == "" {
		runtime.GC()
	}
}
