package main

import (
	_ "embed"
	"fmt"
)

// manPage is jailfmt(1) in mdoc, for hosts where it is not installed.
//
//go:embed jailfmt.1
var manPage string

// manCmd prints the man page's mdoc source ("jailfmt man | mandoc -a").
func (e *env) manCmd(args []string) int {
	if len(args) != 0 {
		fmt.Fprintln(e.stderr, "usage: jailfmt man (then: jailfmt man | mandoc -a)")
		return exitError
	}
	fmt.Fprint(e.stdout, manPage)
	return exitOK
}
