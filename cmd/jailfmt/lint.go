package main

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/spf13/pflag"

	"github.com/jailfmt/jailfmt/config"
	"github.com/jailfmt/jailfmt/diff"
	"github.com/jailfmt/jailfmt/freebsd"
	"github.com/jailfmt/jailfmt/fsutil"
	"github.com/jailfmt/jailfmt/lint"
	"github.com/jailfmt/jailfmt/report"
	"github.com/jailfmt/jailfmt/resolve"
)

// lintFlags are the lint command's settings after flags and .jailfmt.
type lintFlags struct {
	fix, diff, list, harden, noConfig bool
	format, severity, target, color   string
	stdinName                         string
	sel, ignore                       []string
}

func (e *env) lintCmd(args []string) int {
	fs := e.flagSet("[lint]", "[flags] PATH|-...")
	var lf lintFlags
	fs.BoolVar(&lf.fix, "fix", false, "apply fixes, then format the fixed files (atomic rewrite)")
	fs.BoolVarP(&lf.diff, "diff", "d", false, "print what --fix would change as a unified diff; write nothing")
	fs.BoolVarP(&lf.list, "list", "l", false, "list the files --fix would change; write nothing")
	fs.StringVar(&lf.format, "format", "text", "output format: "+strings.Join(report.Formats, ", "))
	fs.StringSliceVar(&lf.sel, "select", nil, "run only these rules (IDs or names, comma-separated)")
	fs.StringSliceVar(&lf.ignore, "ignore", nil, "skip these rules (IDs or names)")
	fs.StringVar(&lf.severity, "severity", "", "lowest severity that makes the run fail: error, warning, info (default info)")
	fs.StringVar(&lf.target, "target", "", "FreeBSD release to judge against (default "+freebsd.Latest.String()+")")
	fs.BoolVar(&lf.harden, "harden", false, "let fixes harden: write sysv* = new instead of inherit, apply security fixes")
	fs.StringVar(&lf.color, "color", "auto", "colour text output: auto, always, never")
	fs.Lookup("color").NoOptDefVal = "always"
	fs.StringVar(&lf.stdinName, "stdin-filename", "", "name to use for standard input (messages, .include, .jailfmt)")
	fs.BoolVar(&lf.noConfig, "no-config", false, "do not read .jailfmt files")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return exitError
	}
	set := map[string]bool{}
	fs.Visit(func(f *pflag.Flag) { set[f.Name] = true })
	if _, err := colorOn(lf.color, e.tty); err != nil {
		fmt.Fprintf(e.stderr, "jailfmt: %v\n", err)
		return exitError
	}
	known := false
	for _, f := range report.Formats {
		known = known || f == lf.format
	}
	if !known {
		fmt.Fprintf(e.stderr, "jailfmt: --format: unknown format %q (want %s)\n", lf.format, strings.Join(report.Formats, ", "))
		return exitError
	}
	var files []string
	code := exitOK
	for _, p := range fs.Args() {
		if p == "-" {
			files = append(files, p)
			continue
		}
		fl, err := fsutil.Expand([]string{p})
		if err != nil {
			fmt.Fprintf(e.stderr, "jailfmt: %v\n", err)
			code = exitError
		}
		files = append(files, fl...)
	}
	var all []*lint.Diagnostic
	var changed []string
	seen := map[string]bool{}
	for _, name := range files {
		st, err := e.settings(name, lf, set)
		if err != nil {
			fmt.Fprintf(e.stderr, "jailfmt: %v\n", err)
			code = exitError
			continue
		}
		c, diags, ch := e.lintFile(name, lf, st)
		code = max(code, c)
		changed = append(changed, ch...)
		for _, d := range diags {
			key := fmt.Sprintf("%s:%d:%s:%s", d.File, d.Pos.Offset, d.Rule.ID, d.Message)
			if seen[key] {
				continue
			}
			seen[key] = true
			all = append(all, d)
			if d.Severity >= st.threshold && code < exitFindings {
				code = exitFindings
			}
		}
	}
	if !lf.diff && !lf.list {
		color, _ := colorOn(lf.color, e.tty)
		if err := report.Write(e.stdout, lf.format, all, changed, color); err != nil {
			fmt.Fprintf(e.stderr, "jailfmt: %v\n", err)
			return exitError
		}
	}
	if len(changed) > 0 && code < exitFindings {
		code = exitFindings
	}
	return code
}

// fileSettings are the effective settings for one input file.
type fileSettings struct {
	sel       func(*lint.Rule) bool
	opts      lint.Options
	threshold lint.Severity // the lowest severity that fails the run
}

// settings returns the effective settings for one input file: flags win
// over the nearest .jailfmt.
func (e *env) settings(name string, lf lintFlags, set map[string]bool) (fileSettings, error) {
	var fs fileSettings
	cfg := &config.Config{}
	if !lf.noConfig {
		dir := "."
		if name != "-" {
			dir = filepath.Dir(name)
		} else if lf.stdinName != "" {
			dir = filepath.Dir(lf.stdinName)
		}
		if p := config.Find(dir); p != "" {
			var err error
			if cfg, err = config.Load(p); err != nil {
				return fs, err
			}
		}
	}
	selNames, ignNames, target, severity := cfg.Select, cfg.Ignore, cfg.Target, cfg.Severity
	if set["select"] {
		selNames = lf.sel
	}
	if set["ignore"] {
		ignNames = lf.ignore
	}
	if set["target"] {
		target = lf.target
	}
	if set["severity"] {
		severity = lf.severity
	}
	fs.opts.Harden = lf.harden
	if !set["harden"] && cfg.Harden != nil {
		fs.opts.Harden = *cfg.Harden
	}
	var err error
	if target != "" {
		if fs.opts.Target, err = freebsd.ParseRelease(target); err != nil {
			return fs, err
		}
	}
	if severity != "" {
		if fs.threshold, err = lint.ParseSeverity(severity); err != nil {
			return fs, fmt.Errorf("severity: %v", err)
		}
	}
	pick := map[*lint.Rule]bool{}
	drop := map[*lint.Rule]bool{}
	for _, n := range selNames {
		r := lint.Lookup(n)
		if r == nil {
			return fs, fmt.Errorf("select: unknown rule %q (see jailfmt rules)", n)
		}
		pick[r] = true
	}
	for _, n := range ignNames {
		r := lint.Lookup(n)
		if r == nil {
			return fs, fmt.Errorf("ignore: unknown rule %q (see jailfmt rules)", n)
		}
		drop[r] = true
	}
	fs.sel = func(r *lint.Rule) bool { return (len(pick) == 0 || pick[r]) && !drop[r] }
	return fs, nil
}

// lintFile lints (and with --fix fixes) one input file. It returns the
// exit code so far, the diagnostics and the files changed.
func (e *env) lintFile(name string, lf lintFlags, st fileSettings) (int, []*lint.Diagnostic, []string) {
	sel, opts := st.sel, st.opts
	var err error
	var orig os.FileInfo
	if name != "-" {
		if orig, err = os.Lstat(name); err != nil {
			fmt.Fprintf(e.stderr, "jailfmt: %v\n", err)
			return exitError, nil, nil
		}
	}
	src, err := e.readInput(name)
	if err != nil {
		fmt.Fprintf(e.stderr, "jailfmt: %v\n", err)
		return exitError, nil, nil
	}
	display := name
	if name == "-" {
		display = "<stdin>"
		if lf.stdinName != "" {
			display = lf.stdinName
		}
	}
	ro := resolve.Options{Target: opts.Target, Stdin: name == "-" && lf.stdinName == ""}
	res := resolve.Load(display, src, ro)
	var errs []string
	for _, d := range res.Diags {
		if !d.Warning {
			errs = append(errs, d.Error())
		}
	}
	if len(errs) > 0 {
		e.printDiags(res.Diags)
		return exitError, nil, nil
	}
	diags := lint.Run(res, opts, sel)
	if !lf.fix && !lf.diff && !lf.list {
		return exitOK, diags, nil
	}
	load := func(overlay map[string]string) *resolve.Result {
		ro := ro
		ro.Overlay = overlay
		abs, _ := filepath.Abs(display)
		text, ok := overlay[abs]
		if !ok {
			text = src
		}
		return resolve.Load(display, text, ro)
	}
	fr, err := lint.FixAll(res, opts, sel, load)
	if err != nil {
		fmt.Fprintf(e.stderr, "jailfmt: %s: %v\n", display, err)
		return exitError, diags, nil
	}
	if len(fr.Files) == 0 {
		return exitOK, diags, nil
	}
	var names []string
	for n := range fr.Files {
		names = append(names, n)
	}
	sort.Strings(names)
	code := exitOK
	for _, n := range names {
		old := src
		if n != display {
			b, err := os.ReadFile(n)
			if err != nil {
				fmt.Fprintf(e.stderr, "jailfmt: %v\n", err)
				return exitError, diags, nil
			}
			old = string(b)
		}
		if fr.Files[n] == old {
			delete(fr.Files, n)
			continue
		}
		switch {
		case lf.diff:
			fmt.Fprint(e.stdout, diff.Unified(n+".orig", n, old, fr.Files[n]))
		case lf.list:
			fmt.Fprintln(e.stdout, n)
		case name == "-" && n == display:
			fmt.Fprint(e.stdout, fr.Files[n])
		default:
			var st os.FileInfo = orig
			if n != display {
				st = nil
			}
			if err := fsutil.WriteAtomic(n, []byte(fr.Files[n]), st); err != nil {
				fmt.Fprintf(e.stderr, "jailfmt: %v\n", err)
				code = exitError
			}
		}
	}
	var ch []string
	for _, n := range names {
		if _, ok := fr.Files[n]; ok {
			ch = append(ch, n)
		}
	}
	if lf.diff || lf.list {
		return code, diags, ch
	}
	// Report what is left after fixing.
	return code, lint.Run(fr.Result, opts, sel), ch
}

// colorOn decides whether text output is coloured: always, never, or
// auto (a terminal, and NO_COLOR unset).
func colorOn(mode string, tty bool) (bool, error) {
	switch mode {
	case "always":
		return true, nil
	case "never":
		return false, nil
	case "auto":
		return tty && os.Getenv("NO_COLOR") == "", nil
	}
	return false, fmt.Errorf("--color: want auto, always or never, not %q", mode)
}
