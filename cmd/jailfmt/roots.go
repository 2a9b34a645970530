package main

import (
	"fmt"
	"path/filepath"

	"github.com/spf13/pflag"

	"github.com/jailfmt/jailfmt/config"
	"github.com/jailfmt/jailfmt/roots"
)

// rootsCmd prints, for each file, the configurations that read it and
// the .include chain by which each reaches it: the context in which lint
// judges the file and --fix checks its fixes.
// rootsFlags are the roots command's flags.
type rootsFlags struct {
	sysroot, target *string
	noConfig        *bool
}

// rootsFlagSet builds the roots command's flags.
func (e *env) rootsFlagSet() (*pflag.FlagSet, rootsFlags) {
	fs := e.flagSet("roots", "[--sysroot DIR] [--no-config] [--target REL] FILE...")
	rf := rootsFlags{
		sysroot:  fs.String("sysroot", "", "folder that stands for / in absolute .include paths (default: the folder above an etc/ holding the configuration)"),
		noConfig: fs.Bool("no-config", false, "do not read .jailfmt files (roots=, sysroot=)"),
		target:   targetFlag(fs),
	}
	return fs, rf
}

func (e *env) rootsCmd(args []string) int {
	fs, rf := e.rootsFlagSet()
	sysroot, noConfig, target := rf.sysroot, rf.noConfig, rf.target
	if code, ok := e.parseFlags(fs, args); !ok {
		return code
	}
	if fs.NArg() == 0 {
		return e.usageError(fs, "want a FILE")
	}
	t, ok := e.parseTarget(*target)
	if !ok {
		return exitError
	}
	code := exitOK
	for _, name := range fs.Args() {
		opts := roots.Options{Sysroot: *sysroot, Target: t}
		if !*noConfig {
			if p := config.Find(filepath.Dir(name)); p != "" {
				cfg, err := config.Load(p)
				if err != nil {
					fmt.Fprintf(e.stderr, "jailfmt: %v\n", err)
					code = exitError
					continue
				}
				opts.Globs = cfg.Roots
				if opts.Sysroot == "" {
					opts.Sysroot = cfg.Sysroot
				}
			}
		}
		set, err := roots.New(opts).Find(name)
		if err != nil {
			fmt.Fprintf(e.stderr, "jailfmt: %v\n", err)
			code = exitError
			continue
		}
		fmt.Fprint(e.stdout, set.Describe())
	}
	return code
}
