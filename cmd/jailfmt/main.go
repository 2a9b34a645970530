// Command jailfmt lints, fixes, formats and exhibits FreeBSD jail.conf
// files.
package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/pflag"

	"github.com/jailfmt/jailfmt/freebsd"
	"github.com/jailfmt/jailfmt/fsutil"
	"github.com/jailfmt/jailfmt/lint"
	"github.com/jailfmt/jailfmt/parser"
	"github.com/jailfmt/jailfmt/resolve"
)

// Exit codes.
const (
	exitOK       = 0
	exitFindings = 1 // findings, or files that would change
	exitError    = 2 // usage, I/O or parse errors
)

const usage = `usage: jailfmt [lint flags] PATH|-...      lint (the default command)
       jailfmt <command> [flags] [PATH|-]...

commands:
  lint      report legacy, invalid and risky settings; --fix rewrites them
  fmt       format jail.conf files canonically (-l, -w, -d like gofmt)
  exhibit   print each jail's effective parameters as "jail -e" does
  convert   turn rc.conf, ezjail or iocage jails into jail.conf, or jail.conf jails into iocage settings
  migrate   plan (--apply: write) a whole host's move off legacy System V IPC settings
  roots     show the configurations that read a file (.include chains)
  rules     list the lint rules
  explain   print a rule's documentation (jailfmt explain JF2001)
  version   print jailfmt's version, Go version and newest FreeBSD release known (also --version)
  man       print the jailfmt(1) man page source (jailfmt man | mandoc -a)
  completion bash|zsh|fish
            print a shell completion script

Run "jailfmt <command> --help" for a command's flags, "man jailfmt" (or
"jailfmt man | mandoc -a") for the manual.
`

func main() {
	out := bufio.NewWriterSize(os.Stdout, 64<<10)
	e := &env{stdin: os.Stdin, stdout: out, stderr: os.Stderr, tty: isTerminal(os.Stdout)}
	code := e.main(os.Args[1:])
	if err := out.Flush(); err != nil {
		fmt.Fprintf(os.Stderr, "jailfmt: %v\n", err)
		code = exitError
	}
	os.Exit(code)
}

// env is what a command reads and writes.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	tty            bool  // stdout is a terminal
	maxSize        int64 // --max-size of the running command
}

// run runs jailfmt with args; stdout is not a terminal.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return (&env{stdin: stdin, stdout: stdout, stderr: stderr}).main(args)
}

// isTerminal reports whether f is a character device.
func isTerminal(f *os.File) bool {
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

func (e *env) main(args []string) int {
	stdout, stderr := e.stdout, e.stderr
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitError
	}
	switch args[0] {
	case "fmt":
		return e.fmtCmd(args[1:])
	case "exhibit":
		return e.exhibitCmd(args[1:])
	case "convert":
		return e.convertCmd(args[1:])
	case "migrate":
		return e.migrateCmd(args[1:])
	case "lint":
		return e.lintCmd(args[1:])
	case "roots":
		return e.rootsCmd(args[1:])
	case "rules":
		return e.rulesCmd(args[1:])
	case "explain":
		return e.explainCmd(args[1:])
	case "version", "--version":
		return e.versionCmd(args[1:])
	case "man":
		return e.manCmd(args[1:])
	case "completion":
		return e.completionCmd(args[1:])
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return exitOK
	}
	return e.lintCmd(args)
}

func (e *env) rulesCmd(args []string) int {
	fs := e.flagSet("rules", "")
	if code, ok := e.parseFlags(fs, args); !ok {
		return code
	}
	if fs.NArg() != 0 {
		return e.usageError(fs, "takes no arguments")
	}
	for _, r := range lint.Rules() {
		fix := ""
		if r.Fixable {
			fix = " (fixable)"
		}
		fmt.Fprintf(e.stdout, "%s  %-28s %-8s %s%s\n", r.ID, r.Name, r.Severity, r.Title, fix)
	}
	return exitOK
}

func (e *env) explainCmd(args []string) int {
	fs := e.flagSet("explain", "ID|name")
	if code, ok := e.parseFlags(fs, args); !ok {
		return code
	}
	if fs.NArg() != 1 {
		return e.usageError(fs, "want one rule ID or name")
	}
	r := lint.Lookup(fs.Arg(0))
	if r == nil {
		fmt.Fprintf(e.stderr, "jailfmt: unknown rule %q; jailfmt rules lists them\n", fs.Arg(0))
		return exitError
	}
	fmt.Fprint(e.stdout, lint.Explain(r))
	return exitOK
}

// flagSet returns a pflag set that reports errors instead of exiting;
// --help prints the synopsis and the flags to stdout.
func (e *env) flagSet(name, synopsis string) *pflag.FlagSet {
	fs := pflag.NewFlagSet(name, pflag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintln(e.stdout, strings.TrimSpace("usage: jailfmt "+name+" "+synopsis))
		fs.SetOutput(e.stdout)
		fs.PrintDefaults()
		fs.SetOutput(e.stderr)
	}
	return fs
}

// parseFlags parses args: --help exits 0, and a bad flag or value exits
// 2 with pflag's message and a usage hint.
func (e *env) parseFlags(fs *pflag.FlagSet, args []string) (int, bool) {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			return exitOK, false
		}
		return e.usageError(fs, "%v", err), false
	}
	return 0, true
}

// usageError reports a usage mistake with a hint; it returns exitError.
func (e *env) usageError(fs *pflag.FlagSet, format string, a ...any) int {
	fmt.Fprintf(e.stderr, "jailfmt %s: %s\nRun \"jailfmt %s --help\" for usage.\n", fs.Name(), fmt.Sprintf(format, a...), fs.Name())
	return exitError
}

// choice is a string flag that takes one of a few values.
type choice struct {
	val     *string
	allowed []string
}

func (c choice) String() string { return *c.val }
func (c choice) Type() string   { return "string" }
func (c choice) Set(s string) error {
	for _, a := range c.allowed {
		if s == a {
			*c.val = s
			return nil
		}
	}
	return fmt.Errorf("want %s", strings.Join(c.allowed, ", "))
}

// choiceFlag adds a flag that takes one of allowed.
func choiceFlag(fs *pflag.FlagSet, p *string, name, value, usage string, allowed ...string) {
	*p = value
	fs.Var(choice{p, allowed}, name, usage)
}

// sizeValue is a size flag: bytes, or a number with K, M or G.
type sizeValue struct{ n *int64 }

func (s sizeValue) String() string { return fsutil.FormatSize(*s.n) }
func (s sizeValue) Type() string   { return "size" }
func (s sizeValue) Set(v string) error {
	n, err := fsutil.ParseSize(v)
	if err == nil {
		*s.n = n
	}
	return err
}

// maxSizeFlag adds --max-size, the limit on each input file's and
// standard input's size, to a flag set.
func (e *env) maxSizeFlag(fs *pflag.FlagSet) {
	e.maxSize = fsutil.DefaultMaxSize
	fs.Var(sizeValue{&e.maxSize}, "max-size", "refuse files and standard input larger than this (bytes, or with K, M, G)")
}

// readInput reads a named file, or standard input for "-", within
// --max-size; non-regular files are refused (fsutil.ReadFile).
func (e *env) readInput(name string) (string, error) {
	if name == "-" {
		b, err := fsutil.ReadAll(e.stdin, "standard input", e.maxSize)
		return string(b), err
	}
	b, err := fsutil.ReadFile(name, e.maxSize)
	return string(b), err
}

// readIncluded reads a file that .include names, within --max-size: the
// reader for resolve.Options.ReadFile.
func (e *env) readIncluded(name string) ([]byte, error) { return fsutil.ReadFile(name, e.maxSize) }

// printDiags writes diagnostics to stderr, each followed by a note when
// jail(8) names another line for the same problem.
func (e *env) printDiags(diags []*parser.Error) {
	for _, d := range diags {
		fmt.Fprintln(e.stderr, d.Error())
		if d.JailLine > 0 {
			fmt.Fprintf(e.stderr, "%s:%d: note: jail(8) reports this error on line %d\n", d.File, d.JailLine, d.JailLine)
		}
	}
}

// targetFlag adds --target to a flag set.
func targetFlag(fs *pflag.FlagSet) *string {
	return fs.String("target", freebsd.Latest.String(), "FreeBSD release to emulate (e.g. 13.2, 14.1)")
}

func (e *env) parseTarget(s string) (freebsd.Release, bool) {
	t, err := freebsd.ParseRelease(s)
	if err != nil {
		fmt.Fprintf(e.stderr, "jailfmt: --target: %v\n", err)
		return t, false
	}
	return t, true
}

// exhibitFlags are the exhibit command's flags.
type exhibitFlags struct {
	sep, target *string
	json        *bool
}

// exhibitFlagSet builds the exhibit command's flags.
func (e *env) exhibitFlagSet() (*pflag.FlagSet, exhibitFlags) {
	fs := e.flagSet("exhibit", "[-e SEP] [--target REL] [--json] [--max-size N] FILE|-")
	xf := exhibitFlags{
		sep:    fs.StringP("separator", "e", "\t", "separator between parameters, as jail -e SEP"),
		target: targetFlag(fs),
		json:   fs.Bool("json", false, "print one JSON object per jail, with every value as a list item"),
	}
	e.maxSizeFlag(fs)
	return fs, xf
}

func (e *env) exhibitCmd(args []string) int {
	fs, xf := e.exhibitFlagSet()
	sep, target, asJSON := xf.sep, xf.target, xf.json
	if code, ok := e.parseFlags(fs, args); !ok {
		return code
	}
	if fs.NArg() != 1 {
		return e.usageError(fs, "want one FILE or -")
	}
	tuneGC(fs.Args())
	t, ok := e.parseTarget(*target)
	if !ok {
		return exitError
	}
	name := fs.Arg(0)
	src, err := e.readInput(name)
	if err != nil {
		fmt.Fprintf(e.stderr, "jailfmt: %v\n", err)
		if errors.As(err, new(*fsutil.RefusedError)) {
			return exitError // jailfmt's own refusal, not jail(8)'s
		}
		return exitFindings // as jail(8) exits for a file it cannot open
	}
	display := name
	if name == "-" {
		display = "STDIN"
	}
	res := resolve.Load(display, src, resolve.Options{Target: t, Stdin: name == "-", ReadFile: e.readIncluded})
	e.printDiags(res.Diags)
	if res.HasErrors() {
		return res.JailExit // as jail(8) exits
	}
	if *asJSON {
		fmt.Fprint(e.stdout, resolve.ExhibitJSON(res.Jails))
	} else {
		if err := resolve.Exhibit(e.stdout, res.Jails, *sep); err != nil {
			fmt.Fprintf(e.stderr, "jailfmt: %v\n", err)
			return exitError
		}
	}
	return exitOK
}
