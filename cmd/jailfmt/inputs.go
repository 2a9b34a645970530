package main

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/jailfmt/jailfmt/fix"
	"github.com/jailfmt/jailfmt/fsutil"
	"github.com/jailfmt/jailfmt/inputs"
	"github.com/jailfmt/jailfmt/parser"
	"github.com/jailfmt/jailfmt/report"
	"github.com/jailfmt/jailfmt/resolve"
	"github.com/jailfmt/jailfmt/roots"
	"github.com/jailfmt/jailfmt/source"
)

// inputTypes are --type's values: the formats lint reads.
var inputTypes = []string{"jailconf", "iocage", "iocage-props", "rcconf", "sysctl", "sh", "markdown"}

// walked reports whether lint claims a file found while walking a
// directory: jail.conf files, config.json and defaults.json under an
// iocage/ folder, rc.conf*, rc.conf.d/jail and sysctl.conf*. Shell
// scripts and Markdown are not claimed (yet).
func walked(path string) bool {
	f, ok := source.NameFormat(path)
	if !ok {
		return false
	}
	base := filepath.Base(path)
	switch f {
	case source.JailConf:
		return fsutil.IsJailConf(path)
	case source.IocageJSON:
		return strings.Contains("/"+filepath.ToSlash(filepath.Dir(path))+"/", "/iocage/")
	case source.RCConf:
		return strings.HasPrefix(base, "rc.conf") || filepath.Base(filepath.Dir(path)) == "rc.conf.d" && base == "jail"
	case source.Sysctl:
		return true
	}
	return false
}

// inputFormat reads an input and returns its format (--type, else from
// its name and content) and text, or the exit code after saying why it
// cannot be judged.
func (e *env) inputFormat(name string, lf lintFlags, inv *invocation) (source.Format, string, int) {
	display := name
	if name == "-" {
		display = stdinDisplay(lf)
	}
	src, err := e.readInput(name)
	if err != nil {
		fmt.Fprintf(e.stderr, "jailfmt: %v\n", err)
		inv.fail(report.ReadError(display, err))
		return 0, "", exitError
	}
	if lf.typ != "" {
		f, _ := source.ParseFormat(lf.typ) // the flag accepts inputTypes only
		return f, src, exitOK
	}
	f, err := source.Detect(display, src)
	if err != nil {
		fmt.Fprintln(e.stderr, err)
		if se, ok := err.(*source.Error); ok {
			inv.fail(report.SyntaxErrors([]*parser.Error{{File: se.File, Pos: se.Pos, Msg: se.Msg}},
				source.New(display, src, source.JailConf))...)
		}
		return 0, "", exitError
	}
	return f, src, exitOK
}

// ownJob returns the fix job of a file that is a configuration of its
// own (iocage JSON or property list, rc.conf, sysctl.conf): no root
// includes it; an iocage config also reads its root's defaults.json.
// Standard input without --stdin-filename is one too, whatever its format
// (stdin: its relative .include paths are read from the working
// directory).
func (e *env) ownJob(display string, format source.Format, src string, stdin bool, st fileSettings, inv *invocation, job *fix.Job) (*fix.Job, []*fix.Config, int) {
	ro := roots.Options{Target: st.opts.Target, ReadFile: e.readIncluded}.ResolveOptions("")
	ro.Reader, ro.Stdin = inputs.Reader(format), stdin
	res := resolve.Load(display, src, ro)
	if res.HasErrors() {
		e.syntaxFailure(inv, display, src, res)
		return nil, nil, exitError
	}
	disk := []*fix.Config{fix.NewConfig(display, res, ro)}
	job.Configs = inv.rebase(disk)
	return job, disk, exitOK
}
