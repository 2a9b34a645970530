package main

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
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
	"github.com/jailfmt/jailfmt/source"
)

// lintFlags are the lint command's settings after flags and .jailfmt.
type lintFlags struct {
	fix, diff, list, harden, noConfig bool
	format, severity, target, color   string
	stdinName                         string
	sel, ignore                       []string
}

// lintFlagSet builds the lint command's flags (also read by the man page
// and completion tests).
func (e *env) lintFlagSet() (*pflag.FlagSet, *lintFlags) {
	fs := e.flagSet("lint", "[flags] PATH|-...")
	lf := &lintFlags{}
	fs.BoolVar(&lf.fix, "fix", false, "apply fixes, then format the fixed files (atomic rewrite)")
	fs.BoolVarP(&lf.diff, "diff", "d", false, "print what --fix would change as a unified diff; write nothing")
	fs.BoolVarP(&lf.list, "list", "l", false, "list the files --fix would change; write nothing")
	choiceFlag(fs, &lf.format, "format", "text", "output format: "+strings.Join(report.Formats, ", "), report.Formats...)
	fs.StringSliceVar(&lf.sel, "select", nil, "run only these rules (IDs or names, comma-separated)")
	fs.StringSliceVar(&lf.ignore, "ignore", nil, "skip these rules (IDs or names)")
	fs.StringVar(&lf.severity, "severity", "", "lowest severity that makes the run fail: error, warning, info (default info)")
	fs.StringVar(&lf.target, "target", "", "FreeBSD release to judge against (default "+freebsd.Latest.String()+")")
	fs.BoolVar(&lf.harden, "harden", false, "let fixes harden: write sysv* = new instead of inherit, apply security fixes")
	choiceFlag(fs, &lf.color, "color", "auto", "colour text output: auto, always, never (--color alone: always)", colorModes...)
	fs.StringVar(&lf.stdinName, "stdin-filename", "", "name to use for standard input (messages, .include, .jailfmt)")
	fs.BoolVar(&lf.noConfig, "no-config", false, "do not read .jailfmt files")
	e.maxSizeFlag(fs)
	return fs, lf
}

func (e *env) lintCmd(args []string) int {
	fs, lfp := e.lintFlagSet()
	if code, ok := e.parseFlags(fs, colorArgs(args)); !ok {
		return code
	}
	lf := *lfp
	if fs.NArg() == 0 {
		return e.usageError(fs, "want a PATH, or - for standard input")
	}
	set := map[string]bool{}
	fs.Visit(func(f *pflag.Flag) { set[f.Name] = true })
	var files []string
	var failures []*lint.Diagnostic // files that could not be read
	code := exitOK
	for _, p := range fs.Args() {
		if p == "-" {
			files = append(files, p)
			continue
		}
		fl, err := fsutil.Expand([]string{p})
		if err != nil {
			fmt.Fprintf(e.stderr, "jailfmt: %v\n", err)
			failures = append(failures, report.ReadError(p, err))
			code = exitError
		}
		files = append(files, fl...)
	}
	all := failures
	var changed []string
	seen := map[string]bool{}
	for _, name := range files {
		st, err := e.settings(name, lf, set)
		if err != nil {
			fmt.Fprintf(e.stderr, "jailfmt: %v\n", err)
			all = append(all, report.ReadError(name, err))
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
		if err := report.Write(e.stdout, lf.format, all, changed, colorOn(lf.color, e.tty)); err != nil {
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
		if n = strings.TrimSpace(n); n == "" {
			continue // "--select 'JF2001, JF3006'", or a trailing comma
		}
		r := lint.Lookup(n)
		if r == nil {
			return fs, fmt.Errorf("select: unknown rule %q (see jailfmt rules)", n)
		}
		pick[r] = true
	}
	for _, n := range ignNames {
		if n = strings.TrimSpace(n); n == "" {
			continue
		}
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
			return exitError, []*lint.Diagnostic{report.ReadError(name, err)}, nil
		}
	}
	display := name
	if name == "-" {
		display = "<stdin>"
		if lf.stdinName != "" {
			display = lf.stdinName
		}
	}
	src, err := e.readInput(name)
	if err != nil {
		fmt.Fprintf(e.stderr, "jailfmt: %v\n", err)
		return exitError, []*lint.Diagnostic{report.ReadError(display, err)}, nil
	}
	ro := resolve.Options{Target: opts.Target, Stdin: name == "-" && lf.stdinName == "", ReadFile: e.readIncluded}
	res := resolve.Load(display, src, ro)
	var errs []string
	for _, d := range res.Diags {
		if !d.Warning {
			errs = append(errs, d.Error())
		}
	}
	if len(errs) > 0 {
		e.printDiags(res.Diags)
		texts := []*source.File{source.New(display, src, source.JailConf)} // the main file, even when it does not parse
		for _, f := range res.Files {
			texts = append(texts, f.File)
		}
		return exitError, report.SyntaxErrors(res.Diags, texts...), nil
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

// colorModes are --color's values.
var colorModes = []string{"auto", "always", "never"}

// colorArgs rewrites a --color not followed by a mode as --color=always,
// so that "--color", "--color=always" and "--color always" all work
// (pflag's NoOptDefVal would read "--color always" as --color and a
// file called always). Nothing after "--" is touched.
func colorArgs(args []string) []string {
	out := make([]string, 0, len(args))
	for i, a := range args {
		if a == "--" {
			return append(out, args[i:]...)
		}
		if a == "--color" && (i+1 == len(args) || !slices.Contains(colorModes, args[i+1])) {
			a = "--color=always"
		}
		out = append(out, a)
	}
	return out
}

// colorOn decides whether text output is coloured: always, never, or
// auto (a terminal, and NO_COLOR unset).
func colorOn(mode string, tty bool) bool {
	switch mode {
	case "always":
		return true
	case "auto":
		return tty && os.Getenv("NO_COLOR") == ""
	}
	return false
}
