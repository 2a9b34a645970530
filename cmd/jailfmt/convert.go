package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/pflag"

	"github.com/jailfmt/jailfmt/convert"
	"github.com/jailfmt/jailfmt/fsutil"
	reader "github.com/jailfmt/jailfmt/parser/iocage"
	"github.com/jailfmt/jailfmt/parser/rcconf"
	"github.com/jailfmt/jailfmt/resolve"
)

// convertFlags are the convert command's flags.
type convertFlags struct {
	from, to, output, root, iocroot, host, iface *string
	noShared, asJSON                             *bool
}

// convertFlagSet builds the convert command's flags.
func (e *env) convertFlagSet() (*pflag.FlagSet, convertFlags) {
	fs := e.flagSet("convert", "--from rcconf|ezjail|iocage --to jailconf [-o FILE] [options] PATH...\n       jailfmt convert --from jailconf --to iocage [--json] [-o FILE] PATH...")
	cf := convertFlags{
		from:     fs.String("from", "", "what PATHs hold: rcconf (rc.conf, rc.conf.local, rc.conf.d/jail, in the order sh sources them), ezjail (per-jail files, plus rc.conf files named rc.conf*), iocage (config.json files or jail folders) or jailconf"),
		to:       fs.String("to", "", "the output format: jailconf, or iocage (from jailconf)"),
		output:   fs.StringP("output", "o", "", "write the output to FILE, atomically, instead of standard output"),
		root:     fs.String("root", "/", "where the jail host's files are (rc.d/jail writes mount.fstab only for a readable fstab)"),
		noShared: fs.Bool("no-shared", false, "write every setting in its jail's block, none at the top (for a file that has other jails too)"),
		iocroot:  fs.String("iocroot", "", "the iocage root as the host mounts it (default: the folder that holds jails/NAME)"),
		host:     fs.String("host-release", "14.1-RELEASE", "the host's uname -r, on which iocage gates parameters"),
		iface:    fs.String("default-interface", "", "the host's default-route interface, which iocage puts in front of DEFAULT| and bare addresses"),
		asJSON:   fs.Bool("json", false, "with --to iocage: print a config.json patch per jail instead of iocage set commands"),
	}
	e.maxSizeFlag(fs)
	return fs, cf
}

func (e *env) convertCmd(args []string) int {
	fs, cf := e.convertFlagSet()
	if code, ok := e.parseFlags(fs, args); !ok {
		return code
	}
	from, to := *cf.from, *cf.to
	valid := (from == "rcconf" || from == "ezjail" || from == "iocage") && to == "jailconf" || from == "jailconf" && to == "iocage"
	if !valid || fs.NArg() == 0 {
		fs.Usage()
		return exitError
	}
	switch from {
	case "iocage":
		return e.convertIocage(fs.Args(), cf)
	case "jailconf":
		return e.convertToIocage(fs.Args(), cf)
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
		if from == "ezjail" && !strings.HasPrefix(filepath.Base(p), "rc.conf") {
			jails = append(jails, f)
		} else {
			rc = append(rc, f)
		}
	}
	root := *cf.root
	opt := convert.Options{NoShared: *cf.noShared, Readable: func(path string) bool {
		f, err := os.Open(filepath.Join(root, path))
		if err != nil {
			return false
		}
		f.Close()
		return true
	}}
	var res *convert.Result
	var err error
	if from == "rcconf" {
		res, err = convert.RCConf(rc, opt)
	} else {
		res, err = convert.Ezjail(jails, rc, opt)
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "jailfmt: %v\n", err)
		return exitError
	}
	res.Report(e.stderr)
	if code, ok := e.emit(*cf.output, res.JailConf); !ok {
		return code
	}
	if res.Unmappable() || len(res.Jails) == 0 {
		return exitFindings
	}
	return exitOK
}

// emit writes a conversion's output to FILE (-o) or standard output.
func (e *env) emit(output, text string) (int, bool) {
	if text == "" {
		return exitOK, true
	}
	if output == "" {
		fmt.Fprint(e.stdout, text)
	} else if err := writeNew(output, text); err != nil {
		fmt.Fprintf(e.stderr, "jailfmt: %v\n", err)
		return exitError, false
	}
	return exitOK, true
}

// readIocage reads an iocage JSON file; parse errors are printed.
func (e *env) readIocage(path string) (*reader.Config, bool) {
	src, err := e.readInput(path)
	if err != nil {
		fmt.Fprintf(e.stderr, "jailfmt: %v\n", err)
		return nil, false
	}
	c, errs := reader.ParseJSON(path, src)
	for _, er := range errs {
		fmt.Fprintln(e.stderr, er.Error())
	}
	return c, c != nil
}

// convertIocage converts iocage jails (config.json files or jail
// folders), each with the defaults.json of its root.
func (e *env) convertIocage(paths []string, cf convertFlags) int {
	var out strings.Builder
	code := exitOK
	for _, p := range paths {
		if p == "-" {
			fmt.Fprintln(e.stderr, "jailfmt: --from iocage reads a config.json by its path (its iocage root gives the defaults), not standard input")
			return exitError
		}
		if st, err := os.Stat(p); err == nil && st.IsDir() {
			p = filepath.Join(p, "config.json")
		}
		abs, _ := filepath.Abs(p)
		iocroot, name, ok := convert.IocageRoot(filepath.ToSlash(abs))
		if !ok {
			name = filepath.Base(filepath.Dir(abs))
		}
		if *cf.iocroot != "" {
			iocroot = *cf.iocroot
		} else if !ok {
			fmt.Fprintf(e.stderr, "jailfmt: %s is not IOCROOT/jails/NAME/config.json: say where the iocage root is with --iocroot\n", p)
			return exitError
		}
		cfg, ok := e.readIocage(p)
		if !ok {
			return exitError
		}
		var defaults *reader.Config
		if d, found := reader.FindDefaults(p); found {
			if wd, err := os.Getwd(); err == nil && !filepath.IsAbs(p) {
				if rel, err := filepath.Rel(wd, d); err == nil {
					d = rel
				}
			}
			if defaults, ok = e.readIocage(d); !ok {
				return exitError
			}
		}
		res, err := convert.Iocage(cfg, defaults, convert.IocageOptions{Name: name, IocRoot: iocroot, Host: *cf.host, DefaultInterface: *cf.iface})
		if err != nil {
			fmt.Fprintf(e.stderr, "jailfmt: %v\n", err)
			return exitError
		}
		res.Report(e.stderr)
		if res.JailConf != "" {
			if out.Len() > 0 {
				out.WriteString("\n")
			}
			out.WriteString(res.JailConf)
		}
		if res.Unmappable() || len(res.Jails) == 0 {
			code = exitFindings
		}
	}
	if c, ok := e.emit(*cf.output, out.String()); !ok {
		return c
	}
	return code
}

// convertToIocage prints, for each jail of the jail.conf files, the
// iocage set command (or --json config.json patch) that gives it the
// same parameters under iocage.
func (e *env) convertToIocage(paths []string, cf convertFlags) int {
	var out strings.Builder
	code := exitOK
	first := true
	for _, p := range paths {
		src, err := e.readInput(p)
		if err != nil {
			fmt.Fprintf(e.stderr, "jailfmt: %v\n", err)
			return exitError
		}
		res := resolve.Load(p, src, resolve.Options{Stdin: p == "-", ReadFile: e.readIncluded})
		e.printDiags(res.Diags)
		if res.HasErrors() {
			return exitError
		}
		for _, j := range res.Jails {
			ij := convert.ToIocage(j, *cf.host)
			if *cf.asJSON {
				sep := "{\n"
				if !first {
					sep = ",\n"
				}
				first = false
				name, _ := json.Marshal(ij.Name)
				patch := strings.ReplaceAll(strings.TrimSuffix(ij.JSON(), "\n"), "\n", "\n    ")
				fmt.Fprintf(&out, "%s    %s: %s", sep, name, patch)
			} else {
				out.WriteString(ij.Command() + "\n")
			}
			for _, it := range ij.Items {
				fmt.Fprintln(e.stderr, it.String())
				if it.Kind == convert.Unmappable {
					code = exitFindings
				}
			}
		}
	}
	if !first {
		out.WriteString("\n}\n")
	}
	if c, ok := e.emit(*cf.output, out.String()); !ok {
		return c
	}
	return code
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
