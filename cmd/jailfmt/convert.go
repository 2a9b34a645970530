package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/pflag"

	"github.com/jailfmt/jailfmt/convert"
	"github.com/jailfmt/jailfmt/fsutil"
	"github.com/jailfmt/jailfmt/parser/rcconf"
)

// convertFlags are the convert command's flags.
type convertFlags struct {
	from, to, output, root *string
	noShared               *bool
}

// convertFlagSet builds the convert command's flags.
func (e *env) convertFlagSet() (*pflag.FlagSet, convertFlags) {
	fs := e.flagSet("convert", "--from rcconf|ezjail --to jailconf [-o FILE] [--root DIR] [--no-shared] [--max-size N] PATH...")
	cf := convertFlags{
		from:     fs.String("from", "", "what PATHs hold: rcconf (rc.conf, rc.conf.local, rc.conf.d/jail, in the order sh sources them) or ezjail (per-jail files, plus rc.conf files named rc.conf*)"),
		to:       fs.String("to", "", "the output format: jailconf"),
		output:   fs.StringP("output", "o", "", "write the jail.conf to FILE, atomically, instead of standard output"),
		root:     fs.String("root", "/", "where the jail host's files are (rc.d/jail writes mount.fstab only for a readable fstab)"),
		noShared: fs.Bool("no-shared", false, "write every setting in its jail's block, none at the top (for a file that has other jails too)"),
	}
	e.maxSizeFlag(fs)
	return fs, cf
}

func (e *env) convertCmd(args []string) int {
	fs, cf := e.convertFlagSet()
	from, to, output, root, noShared := cf.from, cf.to, cf.output, cf.root, cf.noShared
	if code, ok := e.parseFlags(fs, args); !ok {
		return code
	}
	if *from != "rcconf" && *from != "ezjail" || *to != "jailconf" || fs.NArg() == 0 {
		fs.Usage()
		return exitError
	}
	var rc, jails []*rcconf.File
	for _, p := range fs.Args() {
		src, err := e.readInput(p)
		if err != nil {
			fmt.Fprintf(e.stderr, "jailfmt: %v\n", err)
			return exitError
		}
		f, err := rcconf.Parse(p, src)
		if err != nil {
			fmt.Fprintln(e.stderr, err)
			return exitError
		}
		for _, w := range f.Warnings {
			fmt.Fprintln(e.stderr, w.Error())
		}
		if *from == "ezjail" && !strings.HasPrefix(filepath.Base(p), "rc.conf") {
			jails = append(jails, f)
		} else {
			rc = append(rc, f)
		}
	}
	opt := convert.Options{NoShared: *noShared, Readable: func(path string) bool {
		f, err := os.Open(filepath.Join(*root, path))
		if err != nil {
			return false
		}
		f.Close()
		return true
	}}
	var res *convert.Result
	var err error
	if *from == "rcconf" {
		res, err = convert.RCConf(rc, opt)
	} else {
		res, err = convert.Ezjail(jails, rc, opt)
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "jailfmt: %v\n", err)
		return exitError
	}
	res.Report(e.stderr)
	if res.JailConf != "" {
		if *output == "" {
			fmt.Fprint(e.stdout, res.JailConf)
		} else if err := writeNew(*output, res.JailConf); err != nil {
			fmt.Fprintf(e.stderr, "jailfmt: %v\n", err)
			return exitError
		}
	}
	if res.Unmappable() || len(res.Jails) == 0 {
		return exitFindings
	}
	return exitOK
}

// writeNew writes data to path atomically, creating the file (mode 0644)
// when it does not exist yet; a file it created is removed on failure.
func writeNew(path string, data string) error {
	created := false
	if f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644); err == nil {
		f.Close()
		created = true
	} else if !errors.Is(err, os.ErrExist) {
		return err
	}
	err := fsutil.WriteAtomic(path, []byte(data), nil)
	if err != nil && created {
		os.Remove(path)
	}
	return err
}
