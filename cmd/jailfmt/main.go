// Command jailfmt lints, fixes, formats and exhibits FreeBSD jail.conf
// files.
package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/spf13/pflag"

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
  roots     show the configurations that read a file (.include chains)
  rules     list the lint rules
  explain   print a rule's documentation (jailfmt explain JF2001)

Run "jailfmt <command> --help" for a command's flags.
`

func main() {
	out := bufio.NewWriterSize(os.Stdout, 64<<10)
	e := &env{os.Stdin, out, os.Stderr, isTerminal(os.Stdout)}
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
	tty            bool // stdout is a terminal
}

// run runs jailfmt with args; stdout is not a terminal.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return (&env{stdin, stdout, stderr, false}).main(args)
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
	case "lint":
		return e.lintCmd(args[1:])
	case "roots":
		return e.rootsCmd(args[1:])
	case "rules":
		return e.rulesCmd(args[1:])
	case "explain":
		return e.explainCmd(args[1:])
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return exitOK
	}
	return e.lintCmd(args)
}

func (e *env) rulesCmd(args []string) int {
	if len(args) != 0 {
		fmt.Fprintln(e.stderr, "usage: jailfmt rules")
		return exitError
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
	if len(args) != 1 {
		fmt.Fprintln(e.stderr, "usage: jailfmt explain ID|name")
		return exitError
	}
	r := lint.Lookup(args[0])
	if r == nil {
		fmt.Fprintf(e.stderr, "jailfmt: unknown rule %q; jailfmt rules lists them\n", args[0])
		return exitError
	}
	fmt.Fprint(e.stdout, lint.Explain(r))
	return exitOK
}

// flagSet returns a pflag set that reports errors instead of exiting.
func (e *env) flagSet(name, synopsis string) *pflag.FlagSet {
	fs := pflag.NewFlagSet(name, pflag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "usage: jailfmt %s %s\n", name, synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args, mapping --help to exit 0 and errors to 2.
func parseFlags(fs *pflag.FlagSet, args []string) (int, bool) {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			return exitOK, false
		}
		return exitError, false
	}
	return 0, true
}

// readInput reads a named file, or standard input for "-".
func (e *env) readInput(name string) (string, error) {
	if name == "-" {
		b, err := io.ReadAll(e.stdin)
		return string(b), err
	}
	b, err := os.ReadFile(name)
	return string(b), err
}

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
	return fs.String("target", resolve.Latest.String(), "FreeBSD release to emulate (e.g. 13.2, 14.1)")
}

func (e *env) parseTarget(s string) (resolve.Target, bool) {
	t, err := resolve.ParseTarget(s)
	if err != nil {
		fmt.Fprintf(e.stderr, "jailfmt: --target: %v\n", err)
		return t, false
	}
	return t, true
}

func (e *env) exhibitCmd(args []string) int {
	fs := e.flagSet("exhibit", "[-e SEP] [--target REL] [--json] FILE|-")
	sep := fs.StringP("separator", "e", "\t", "separator between parameters, as jail -e SEP")
	target := targetFlag(fs)
	asJSON := fs.Bool("json", false, "print one JSON object per jail, with every value as a list item")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return exitError
	}
	t, ok := e.parseTarget(*target)
	if !ok {
		return exitError
	}
	name := fs.Arg(0)
	src, err := e.readInput(name)
	if err != nil {
		fmt.Fprintf(e.stderr, "jailfmt: %v\n", err)
		return exitFindings
	}
	display := name
	if name == "-" {
		display = "STDIN"
	}
	res := resolve.Load(display, src, resolve.Options{Target: t, Stdin: name == "-"})
	e.printDiags(res.Diags)
	if res.HasErrors() {
		return exitFindings
	}
	if *asJSON {
		fmt.Fprint(e.stdout, resolve.ExhibitJSON(res.Jails))
	} else {
		fmt.Fprint(e.stdout, resolve.Exhibit(res.Jails, *sep))
	}
	return exitOK
}
