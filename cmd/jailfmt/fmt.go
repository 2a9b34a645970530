package main

import (
	"fmt"
	"os"

	"github.com/spf13/pflag"

	"github.com/jailfmt/jailfmt/diff"
	"github.com/jailfmt/jailfmt/format"
	"github.com/jailfmt/jailfmt/freebsd"
	"github.com/jailfmt/jailfmt/fsutil"
)

// fmtFlags are the fmt command's flags.
type fmtFlags struct {
	list, write, diff *bool
	target            *string
}

// fmtFlagSet builds the fmt command's flags.
func (e *env) fmtFlagSet() (*pflag.FlagSet, fmtFlags) {
	fs := e.flagSet("fmt", "[-l] [-w] [-d] [--target REL] [--max-size N] [PATH|-]...")
	ff := fmtFlags{
		list:   fs.BoolP("list", "l", false, "list files whose formatting differs (exit 1 when any does)"),
		write:  fs.BoolP("write", "w", false, "rewrite files in place, atomically"),
		diff:   fs.BoolP("diff", "d", false, "print a unified diff of the changes (exit 1 when any)"),
		target: targetFlag(fs),
	}
	e.maxSizeFlag(fs)
	return fs, ff
}

func (e *env) fmtCmd(args []string) int {
	fs, ff := e.fmtFlagSet()
	list, write, showDiff, target := ff.list, ff.write, ff.diff, ff.target
	if code, ok := e.parseFlags(fs, args); !ok {
		return code
	}
	t, ok := e.parseTarget(*target)
	if !ok {
		return exitError
	}
	paths := fs.Args()
	tuneGC(paths)
	if len(paths) == 0 {
		paths = []string{"-"}
	}
	code := exitOK
	for _, p := range paths {
		var files []string
		if p == "-" {
			if *write {
				fmt.Fprintln(e.stderr, "jailfmt: cannot use -w with standard input")
				return exitError
			}
			files = []string{"-"}
		} else {
			var err error
			files, err = fsutil.Expand([]string{p}, fsutil.IsJailConf)
			if err != nil {
				fmt.Fprintf(e.stderr, "jailfmt: %v\n", err)
				code = exitError
			}
		}
		for _, f := range files {
			c := e.fmtFile(f, t, *list, *write, *showDiff)
			if c > code {
				code = c
			}
		}
	}
	return code
}

// fmtFile formats one file and reports what the flags ask for.
func (e *env) fmtFile(name string, t freebsd.Release, list, write, showDiff bool) int {
	var orig os.FileInfo
	if name != "-" {
		st, err := os.Lstat(name)
		if err != nil {
			fmt.Fprintf(e.stderr, "jailfmt: %v\n", err)
			return exitError
		}
		if write && !st.Mode().IsRegular() {
			fmt.Fprintf(e.stderr, "jailfmt: %s: refusing to rewrite: not a regular file\n", name)
			return exitError
		}
		orig = st
	}
	src, err := e.readInput(name)
	if err != nil {
		fmt.Fprintf(e.stderr, "jailfmt: %v\n", err)
		return exitError
	}
	display := name
	if name == "-" {
		display = "<stdin>"
	}
	out, diags, err := format.Source(display, src, format.Options{Target: t, Stdin: name == "-", ReadFile: e.readIncluded})
	e.printDiags(diags)
	if err != nil {
		fmt.Fprintf(e.stderr, "jailfmt: %v\n", err)
		return exitError
	}
	changed := out != src
	switch {
	case !list && !write && !showDiff:
		fmt.Fprint(e.stdout, out)
		return exitOK
	}
	if !changed {
		return exitOK
	}
	if list {
		fmt.Fprintln(e.stdout, display)
	}
	if showDiff {
		fmt.Fprint(e.stdout, diff.Unified(display+".orig", display, src, out))
	}
	if write {
		if err := fsutil.WriteAtomic(name, []byte(out), orig); err != nil {
			fmt.Fprintf(e.stderr, "jailfmt: %v\n", err)
			return exitError
		}
		return exitOK
	}
	return exitFindings
}
