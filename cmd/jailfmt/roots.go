package main

import (
	"fmt"
	"path/filepath"

	"github.com/jailfmt/jailfmt/config"
	"github.com/jailfmt/jailfmt/roots"
)

// rootsCmd prints, for each file, the configurations that read it and
// the .include chain by which each reaches it: the context in which lint
// judges the file and --fix checks its fixes.
func (e *env) rootsCmd(args []string) int {
	fs := e.flagSet("roots", "[--sysroot DIR] [--no-config] FILE...")
	sysroot := fs.String("sysroot", "", "folder that stands for / in absolute .include paths (default: the folder above an etc/ holding the configuration)")
	noConfig := fs.Bool("no-config", false, "do not read .jailfmt files (roots=, sysroot=)")
	target := targetFlag(fs)
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return exitError
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
