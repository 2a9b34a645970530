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
	"github.com/jailfmt/jailfmt/fix"
	"github.com/jailfmt/jailfmt/freebsd"
	"github.com/jailfmt/jailfmt/fsutil"
	"github.com/jailfmt/jailfmt/lint"
	"github.com/jailfmt/jailfmt/report"
	"github.com/jailfmt/jailfmt/resolve"
	"github.com/jailfmt/jailfmt/roots"
	"github.com/jailfmt/jailfmt/source"
)

// lintFlags are the lint command's settings after flags and .jailfmt.
type lintFlags struct {
	fix, diff, list, harden, noConfig bool
	format, severity, target, color   string
	stdinName, sysroot, typ           string
	sel, ignore                       []string
}

// lintFlagSet builds the lint command's flags (also read by the man page
// and completion tests).
func (e *env) lintFlagSet() (*pflag.FlagSet, *lintFlags) {
	fs := e.flagSet("lint", "[flags] PATH|-...")
	lf := &lintFlags{}
	fs.BoolVar(&lf.fix, "fix", false, "apply fixes that keep every configuration reading the file the same; rewrite all files or none")
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
	fs.StringVar(&lf.sysroot, "sysroot", "", "folder that stands for / in absolute .include paths (default: the folder above an etc/ holding the configuration)")
	choiceFlag(fs, &lf.typ, "type", "", "read every input as: "+strings.Join(inputTypes, ", ")+" (default: from each file's name and content)", inputTypes...)
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
	tuneGC(fs.Args())
	set := map[string]bool{}
	fs.Visit(func(f *pflag.Flag) { set[f.Name] = true })
	if lf.fix && fs.NArg() > 1 {
		for _, p := range fs.Args() {
			if p == "-" {
				fmt.Fprintln(e.stderr, "jailfmt: --fix -: standard input must be the only input (stdout is its fixed text)")
				return exitError
			}
		}
	}
	var files []string
	code := exitOK
	inv := newInvocation()
	for _, p := range fs.Args() {
		if p == "-" {
			files = append(files, p)
			continue
		}
		fl, err := fsutil.Expand([]string{p}, walked)
		if err != nil {
			fmt.Fprintf(e.stderr, "jailfmt: %v\n", err)
			inv.fail(report.ReadError(p, err))
			code = exitError
		}
		files = append(files, fl...)
	}
	for i, name := range files {
		if name != "-" {
			id := fsutil.Identity(name)
			if !inv.inputs[id] {
				inv.inputs[id], inv.order[id] = true, i
			}
		}
	}
	var all []fix.Sourced
	stdin := false
	for i, name := range files {
		inv.current = i
		st, err := e.settings(name, lf, set)
		if err != nil {
			fmt.Fprintf(e.stderr, "jailfmt: %v\n", err)
			inv.fail(report.ReadError(name, err))
			code = exitError
			continue
		}
		stdin = stdin || name == "-"
		var c int
		var found []fix.Sourced
		if format, ok := e.scriptFormat(name, lf); ok {
			c, found = e.lintScript(name, format, lf, st, inv)
		} else {
			c, found = e.lintFile(name, lf, st, inv)
		}
		code = max(code, c)
		for _, s := range found {
			if s.Diag.Severity >= st.threshold && code < exitFindings {
				code = exitFindings
			}
		}
		all = append(all, found...)
	}
	c, changed, onDisk := e.finish(lf, inv, stdin && lf.fix)
	code = max(code, c)
	if onDisk {
		// Nothing was written: report what is on disk.
		all = inv.onDisk()
	}
	if !lf.diff && !lf.list {
		// With --fix -, stdout holds the file alone.
		out := e.stdout
		if stdin && lf.fix {
			out = e.stderr
		}
		if err := report.Write(out, lf.format, append(inv.failures, fix.Merge(all, inv.configs())...), changed, colorOn(lf.color, e.tty)); err != nil {
			fmt.Fprintf(e.stderr, "jailfmt: %v\n", err)
			return exitError
		}
		if lf.fix && !stdin && !onDisk && lf.format == "text" {
			for _, n := range changed {
				fmt.Fprintf(out, "fixed %s\n", n)
			}
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
	roots     []string      // more candidate roots (.jailfmt roots=)
	sysroot   string        // --sysroot, else .jailfmt sysroot=
	// from names the .jailfmt they came from ("" for none): with the
	// flags, which are the invocation's, it decides them.
	from string
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
			fs.from = p
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
	fs.roots, fs.sysroot = cfg.Roots, cfg.Sysroot
	if set["sysroot"] {
		fs.sysroot = lf.sysroot
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

// invocation is one lint run: each input's fixes start from the texts the
// earlier inputs' fixes staged, and --fix writes them all as one
// transaction.
type invocation struct {
	staged  map[string]string // by fsutil.Identity
	files   []fix.File        // changed files: first Old, latest New
	index   map[string]int    // identity -> files index
	jobs    []*fix.Job
	disk    [][]*fix.Config          // each job's configurations as on disk
	finders map[string]*roots.Finder // by options, so candidates load once
	// failures are the inputs that could not be read or parsed, as
	// diagnostics for the machine-readable formats.
	failures []*lint.Diagnostic
	// scripts are the findings of shell scripts and Markdown files as on
	// disk (see lintScript).
	scripts []fix.Sourced
	// roots holds each configuration as on disk by its root file, and
	// linted its findings by settings: the inputs that one configuration
	// reads (its fragments) share one load and one lint.
	roots  map[string]*fix.Config
	linted map[lintKey]*fix.Findings
	// inputs are the input files (by fsutil.Identity); a job fixes the
	// findings of every one its configurations read (fix.Job.AlsoFix).
	// order is each one's place among them, current the place of the
	// one being linted, ranks each of files' (see add).
	inputs  map[string]bool
	order   map[string]int
	current int
	ranks   []int
	// rebased holds each on-disk configuration as it reads the staged
	// texts (emptied when they change).
	rebased map[*fix.Config]*fix.Config
	// collected are the configurations loaded before collectLoaded ran.
	collected map[*fix.Config]bool
}

// lintKey is a configuration as linted with the settings of a .jailfmt.
type lintKey struct {
	cfg  *fix.Config
	from string
	opts lint.Options
}

// lint returns the findings of a configuration with the given settings,
// linting it once per invocation: each fragment of a configuration given
// as an input takes its share.
func (inv *invocation) lint(c *fix.Config, st fileSettings, opts lint.Options) *fix.Findings {
	k := lintKey{c, st.from, opts}
	f, ok := inv.linted[k]
	if !ok {
		f = fix.Index(lint.Run(c.Result(), opts, st.sel))
		inv.linted[k] = f
	}
	return f
}

// config returns the configuration a found root stands for, as on disk:
// one per root file for the invocation.
func (inv *invocation) config(r *roots.Config) (*fix.Config, error) {
	if c := inv.roots[r.Path]; c != nil {
		return c, nil
	}
	cs, err := fixConfigs([]*roots.Config{r})
	if err != nil {
		return nil, err
	}
	inv.roots[r.Path] = cs[0]
	return cs[0], nil
}

// fail records an input that could not be read or parsed.
func (inv *invocation) fail(d ...*lint.Diagnostic) { inv.failures = append(inv.failures, d...) }

func newInvocation() *invocation {
	return &invocation{staged: map[string]string{}, index: map[string]int{}, finders: map[string]*roots.Finder{},
		roots: map[string]*fix.Config{}, linted: map[lintKey]*fix.Findings{}, inputs: map[string]bool{}, order: map[string]int{},
		rebased: map[*fix.Config]*fix.Config{}, collected: map[*fix.Config]bool{}}
}

// finder returns the invocation's root finder for opts (standard input's
// overlay gets its own).
func (inv *invocation) finder(opts roots.Options) *roots.Finder {
	if opts.Overlay != nil {
		return roots.New(opts)
	}
	k := fmt.Sprintf("%q %q %v", opts.Globs, opts.Sysroot, opts.Target)
	if inv.finders[k] == nil {
		inv.finders[k] = roots.New(opts)
	}
	return inv.finders[k]
}

// add stages the files a job for the current input changed (whole: a
// job that fixes every file of its configurations, not only its input's).
func (inv *invocation) add(files []fix.File, whole bool) {
	if len(files) > 0 {
		clear(inv.rebased)
	}
	for _, f := range files {
		id := fsutil.Identity(f.Name)
		inv.staged[id] = f.New
		if i, ok := inv.index[id]; ok {
			inv.files[i].New = f.New
			continue
		}
		// Reported in the order of the inputs, each file with the first
		// whose job covers it: a whole configuration's job, or the
		// input's own (whichever job fixed it: see AlsoFix).
		rank, ok := inv.order[id]
		if !ok || whole {
			rank = inv.current
		}
		inv.index[id] = len(inv.files)
		inv.files = append(inv.files, f)
		inv.ranks = append(inv.ranks, rank)
	}
}

// changed returns the changed files in the order of the inputs.
func (inv *invocation) changed() []fix.File {
	k := make([]int, len(inv.files))
	for i := range k {
		k[i] = i
	}
	sort.SliceStable(k, func(a, b int) bool { return inv.ranks[k[a]] < inv.ranks[k[b]] })
	out := make([]fix.File, len(k))
	for i, j := range k {
		out[i] = inv.files[j]
	}
	return out
}

// configs returns every configuration the invocation linted.
func (inv *invocation) configs() []*fix.Config {
	var out []*fix.Config
	for _, cs := range inv.disk {
		out = append(out, cs...)
	}
	return out
}

// onDisk returns the findings of every job as the files are on disk.
func (inv *invocation) onDisk() []fix.Sourced {
	var out []fix.Sourced
	for i, j := range inv.jobs {
		found := make([][]*lint.Diagnostic, len(inv.disk[i]))
		for k, c := range inv.disk[i] {
			found[k] = lint.Run(c.Result(), j.Lint, j.Select)
		}
		out = append(out, fix.Diagnose(inv.disk[i], found, j.File)...)
	}
	return append(out, inv.scripts...)
}

// lintFile lints one input file through the configurations that read it
// (see package roots) and, with --fix, -d or -l, fixes it, staging the
// changed files in inv. It returns the exit code so far and the findings.
func (e *env) lintFile(name string, lf lintFlags, st fileSettings, inv *invocation) (int, []fix.Sourced) {
	job, disk, code := e.jobFor(name, lf, st, inv)
	if job == nil {
		return code, nil
	}
	inv.jobs, inv.disk = append(inv.jobs, job), append(inv.disk, disk)
	var fresh []*fix.Config
	for _, c := range job.Configs {
		if !inv.collected[c] {
			inv.collected[c] = true
			fresh = append(fresh, c)
		}
	}
	collectLoaded(textBytes(fresh))
	if !lf.fix && !lf.diff && !lf.list {
		found := make([][]*lint.Diagnostic, len(job.Configs))
		for i, c := range job.Configs {
			found[i] = inv.lint(c, st, job.Lint).In(job.File)
		}
		return exitOK, fix.Diagnose(job.Configs, found, job.File)
	}
	out := fix.Run(job)
	inv.add(out.Files, job.File == "")
	return exitOK, out.Findings
}

// textBytes returns the size of the texts the configurations read.
func textBytes(cs []*fix.Config) int {
	n := 0
	for _, c := range cs {
		for _, f := range c.Files() {
			n += len(f.Src)
		}
	}
	return n
}

// stdinDisplay is the name standard input goes by.
func stdinDisplay(lf lintFlags) string {
	if lf.stdinName != "" {
		return lf.stdinName
	}
	return "<stdin>"
}

// jobFor finds the configurations that read an input file and returns
// the fix job that judges it (starting from the texts staged so far) and
// its configurations as on disk, or nil and the exit code after printing
// why it cannot be judged.
func (e *env) jobFor(name string, lf lintFlags, st fileSettings, inv *invocation) (*fix.Job, []*fix.Config, int) {
	job := &fix.Job{Lint: st.opts, Select: st.sel}
	// Only fixing and SARIF's fix objects use the edits' text.
	job.Lint.NoEdits = !lf.fix && !lf.diff && !lf.list && lf.format != "sarif"
	display := name
	var overlay map[string]string
	format, src, code := e.inputFormat(name, lf, inv)
	if code != exitOK {
		return nil, nil, code
	}
	if name == "-" {
		display = stdinDisplay(lf)
		// --fix - is a filter: files reached by .include are read, never
		// written.
		job.ReadOnly = func(file string) string {
			if fsutil.Identity(file) == fsutil.Identity(display) {
				return ""
			}
			return fmt.Sprintf("not applied: it edits %s, and --fix - writes only standard input", file)
		}
	}
	// The one place each input format is dispatched: jail.conf goes
	// through the configurations that include it (package roots); the
	// other formats are configurations of their own. (Shell scripts and
	// Markdown never get here: see scriptFormat and lintScript.)
	switch format {
	case source.IocageJSON, source.IocageProps, source.RCConf, source.Sysctl:
		return e.ownJob(display, format, src, false, st, inv, job)
	}
	if name == "-" {
		if lf.stdinName == "" {
			return e.ownJob(display, format, src, true, st, inv, job)
		}
		abs, err := filepath.Abs(display)
		if err != nil {
			fmt.Fprintf(e.stderr, "jailfmt: %v\n", err)
			return nil, nil, exitError
		}
		overlay = map[string]string{abs: src}
	}
	finder := inv.finder(roots.Options{Globs: st.roots, Sysroot: st.sysroot, Target: st.opts.Target, Overlay: overlay, ReadFile: e.readIncluded})
	if overlay == nil {
		finder.Seed(display, src) // read once: the text Detect saw
	}
	set, err := finder.Find(display)
	if err != nil {
		fmt.Fprintf(e.stderr, "jailfmt: %v\n", err)
		inv.fail(report.ReadError(display, err))
		return nil, nil, exitError
	}
	for _, b := range set.Broken {
		if b.Reaches {
			fmt.Fprintf(e.stderr, "jailfmt: %s includes %s but does not load:\n", b.Path, display)
			e.syntaxFailure(inv, b.Path, "", b.Result)
			code = exitError
		}
	}
	var disk []*fix.Config
	if overlay != nil {
		disk, err = fixConfigs(set.Roots) // standard input's text, its own
	} else {
		for _, r := range set.Roots {
			var c *fix.Config
			if c, err = inv.config(r); err != nil {
				break
			}
			disk = append(disk, c)
		}
	}
	if err != nil {
		le := err.(loadError)
		e.syntaxFailure(inv, le.path, "", le.res)
		code = exitError
	}
	if code != exitOK {
		return nil, nil, code
	}
	job.Configs = inv.rebase(disk)
	job.Found = func(c *fix.Config) *fix.Findings { return inv.lint(c, st, job.Lint) }
	job.Accepted = collectLoaded
	switch set.Kind {
	case roots.Fragment:
		job.File, job.AlsoFix = display, inv.inputs
	case roots.Orphan:
		job.LocalOnly = true
		job.NoRoot = "not applied: no configuration that includes this jail.conf.d/ fragment was found, and what the fix " +
			"means depends on what it sets around the .include; name it with roots = PATH in .jailfmt, or --sysroot DIR " +
			"when it includes the fragment by an absolute path (jailfmt roots FILE shows what was found)"
	}
	// Configurations as on disk by root, for every file a fix edits: a
	// root that reads many of them is wrapped once.
	readers := map[string]*fix.Config{}
	job.Readers = func(file string) ([]*fix.Config, error) {
		s, err := finder.Find(file)
		if err != nil {
			return nil, err
		}
		for _, b := range s.Broken {
			if b.Reaches {
				return nil, fmt.Errorf("%s also reads %s but does not load: %s", b.Path, file, b.Err)
			}
		}
		if s.Kind != roots.Fragment {
			return nil, nil
		}
		cs := make([]*fix.Config, len(s.Roots))
		for i, r := range s.Roots {
			if cs[i] = readers[r.Path]; cs[i] == nil {
				c, err := fixConfigs([]*roots.Config{r})
				if err != nil {
					return nil, fmt.Errorf("%s is also read by a configuration that does not load: %v", file, err)
				}
				cs[i], readers[r.Path] = c[0], c[0]
			}
		}
		return inv.rebase(cs), nil
	}
	return job, disk, exitOK
}

// syntaxFailure prints why a configuration does not load and records it
// for the machine-readable formats. src is the main file's text when it
// came from standard input. A file that did not parse is not among
// res.Files: its text is read again so that SARIF can count columns in
// code points.
func (e *env) syntaxFailure(inv *invocation, name, src string, res *resolve.Result) {
	e.printDiags(res.Diags)
	texts := map[string]*source.File{}
	for _, f := range res.Files {
		texts[f.Name] = f.File
	}
	if src != "" {
		texts[name] = source.New(name, src, source.JailConf)
	}
	var files []*source.File
	for _, d := range res.Diags {
		if texts[d.File] == nil {
			texts[d.File] = &source.File{} // read once; empty when it cannot be
			if b, err := e.readIncluded(d.File); err == nil {
				texts[d.File] = source.New(d.File, string(b), source.JailConf)
			}
		}
	}
	for _, f := range texts {
		if f.Name != "" {
			files = append(files, f)
		}
	}
	inv.fail(report.SyntaxErrors(res.Diags, files...)...)
}

// loadError is a configuration that does not load.
type loadError struct {
	path string
	res  *resolve.Result
}

func (l loadError) Error() string {
	for _, d := range l.res.Diags {
		if !d.Warning {
			return d.Error()
		}
	}
	return "does not load"
}

// fixConfigs turns found roots into fix configurations.
func fixConfigs(rs []*roots.Config) ([]*fix.Config, error) {
	var out []*fix.Config
	for _, r := range rs {
		if r.Result().HasErrors() {
			return nil, loadError{r.Path, r.Result()}
		}
		out = append(out, fix.NewConfig(r.Path, r.Result(), r.LoadOptions))
	}
	return out, nil
}

// rebase returns the configurations as they read the texts staged so
// far, loading each once per state of the staged texts.
func (inv *invocation) rebase(cs []*fix.Config) []*fix.Config {
	out := make([]*fix.Config, len(cs))
	for i, c := range cs {
		if out[i] = inv.rebased[c]; out[i] == nil {
			out[i] = c.Rebase(inv.staged)
			inv.rebased[c] = out[i]
		}
	}
	return out
}

// finish prints or writes what the invocation's fixes changed: diffs for
// -d, names for -l, the whole text for --fix - (and nothing else on
// stdout), else one transaction. It returns the exit code, the files
// changed (or that would change) and whether the findings must be
// replaced by those on disk (nothing was written).
func (e *env) finish(lf lintFlags, inv *invocation, stdin bool) (int, []string, bool) {
	files := inv.changed()
	var names []string
	for _, f := range files {
		names = append(names, f.Name)
	}
	switch {
	case lf.diff:
		for _, f := range files {
			fmt.Fprint(e.stdout, diff.Unified(f.Name+".orig", f.Name, f.Old, f.New))
		}
	case lf.list:
		for _, n := range names {
			fmt.Fprintln(e.stdout, n)
		}
	case !lf.fix:
	case stdin:
		// ReadOnly kept every edit in standard input's own text.
		text, ok := "", false
		for _, f := range files {
			text, ok = f.New, true
		}
		if !ok && len(inv.jobs) > 0 && len(inv.jobs[0].Configs) > 0 {
			text = inputText(inv.jobs[0], lf)
		}
		fmt.Fprint(e.stdout, text)
	case len(files) > 0:
		if err := fix.Write(files); err != nil {
			fmt.Fprintf(e.stderr, "jailfmt: nothing written: %v\n", err)
			return exitError, nil, true
		}
	}
	return exitOK, names, false
}

// inputText returns standard input's text as a job read it.
func inputText(job *fix.Job, lf lintFlags) string {
	id := fsutil.Identity(stdinDisplay(lf))
	for _, c := range job.Configs {
		for _, f := range c.Files() {
			if fsutil.Identity(f.Name) == id {
				return f.Src
			}
		}
	}
	return ""
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
// auto (a terminal, and NO_COLOR unset). The flag has checked the mode.
func colorOn(mode string, tty bool) bool {
	switch mode {
	case "always":
		return true
	case "auto":
		return tty && os.Getenv("NO_COLOR") == ""
	}
	return false
}
