package main

import (
	"fmt"
	"runtime"

	"github.com/jailfmt/jailfmt/freebsd"
	"github.com/jailfmt/jailfmt/internal/version"
)

// versionCmd prints jailfmt's version, the Go that built it and the
// newest FreeBSD release whose rules it knows.
func (e *env) versionCmd(args []string) int {
	if len(args) != 0 {
		fmt.Fprintln(e.stderr, "usage: jailfmt version")
		return exitError
	}
	v := version.Get()
	fmt.Fprintf(e.stdout, "jailfmt %s\n", v)
	fmt.Fprintf(e.stdout, "built with %s for %s/%s\n", v.Go, runtime.GOOS, runtime.GOARCH)
	fmt.Fprintf(e.stdout, "knows FreeBSD up to %s (the default --target)\n", freebsd.Latest)
	return exitOK
}
