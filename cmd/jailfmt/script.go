package main

import (
	"errors"
	"fmt"
	"os"

	"github.com/jailfmt/jailfmt/cmdlint"
	"github.com/jailfmt/jailfmt/fix"
	"github.com/jailfmt/jailfmt/parser"
	"github.com/jailfmt/jailfmt/parser/shell"
	"github.com/jailfmt/jailfmt/report"
	"github.com/jailfmt/jailfmt/source"
)

// scriptFormat says whether an input is a shell script (*.sh, a file in
// an rc.d folder, an sh/bash/ksh/zsh shebang, or --type sh) or a Markdown
// file (*.md, or --type markdown), whose command lines lint reads
// instead of a configuration. Standard input is one only by --type.
// Only the first line of a file is read here.
func (e *env) scriptFormat(name string, lf lintFlags) (source.Format, bool) {
	if lf.typ != "" {
		f, _ := source.ParseFormat(lf.typ) // the flag accepts inputTypes only
		return f, f == source.Shell || f == source.Markdown
	}
	if name == "-" {
		return 0, false
	}
	if f, ok := source.NameFormat(name); ok && (f == source.Shell || f == source.Markdown) {
		return f, true
	}
	head, err := firstLine(name)
	if err == nil && shell.IsScript(name, head) {
		return source.Shell, true
	}
	return 0, false
}

// firstLine returns the start of a regular file (its first 256 bytes);
// anything else is left to the reader that refuses it (a FIFO would
// block).
func firstLine(name string) (string, error) {
	if fi, err := os.Stat(name); err != nil || !fi.Mode().IsRegular() {
		return "", errors.New("not a regular file")
	}
	f, err := os.Open(name)
	if err != nil {
		return "", err
	}
	defer f.Close()
	b := make([]byte, 256)
	n, err := f.Read(b)
	if n == 0 && err != nil {
		return "", err
	}
	return string(b[:n]), nil
}

// lintScript lints the jail, iocage and sysctl command lines of a shell
// script or Markdown file (see package cmdlint) and, with --fix, -d or
// -l, stages its fixed text in inv, written with every other file or
// none. A jail.conf that a `jail -f FILE` command names is linted too
// when it exists (relative names: beside the script). It returns the
// exit code so far and the findings (after fixing, when fixing).
func (e *env) lintScript(name string, format source.Format, lf lintFlags, st fileSettings, inv *invocation) (int, []fix.Sourced) {
	src, err := e.readInput(name)
	if name == "-" {
		name = stdinDisplay(lf)
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "jailfmt: %v\n", err)
		inv.fail(report.ReadError(name, err))
		return exitError, nil
	}
	f := source.New(name, src, format)
	s, errs := cmdlint.Read(f)
	for _, err := range errs {
		var se *shell.Error
		if !errors.As(err, &se) {
			continue
		}
		if format == source.Markdown {
			// READMEs show placeholders (<jail>) in sh blocks: such a
			// block is skipped, not a failure.
			fmt.Fprintf(e.stderr, "%s:%d:%d: note: this shell code block does not parse, so its commands are not linted: %s\n",
				se.File, se.Pos.Line, se.Pos.Col, se.Msg)
			continue
		}
		fmt.Fprintln(e.stderr, err)
		inv.fail(report.SyntaxErrors([]*parser.Error{{File: se.File, Pos: se.Pos, Msg: se.Msg}}, f)...)
		return exitError, nil
	}
	res := cmdlint.Lint(f, s, st.opts, st.sel)
	code := exitOK
	var found []fix.Sourced
	for _, conf := range res.Confs {
		p := cmdlint.ConfPath(name, conf)
		if _, err := os.Stat(p); err != nil {
			continue // jail(8) reads it on the host; it is not here
		}
		c, more := e.lintFile(p, lf, st, inv)
		code = max(code, c)
		found = append(found, more...)
	}
	onDisk := sourced(res)
	inv.scripts = append(inv.scripts, onDisk...)
	if !lf.fix && !lf.diff && !lf.list {
		return code, append(found, onDisk...)
	}
	fixed, err := cmdlint.Fix(f, st.opts, st.sel)
	if err != nil {
		fmt.Fprintf(e.stderr, "jailfmt: %v\n", err)
		inv.fail(report.ReadError(name, err))
		return exitError, nil
	}
	if fixed == src {
		return code, append(found, onDisk...)
	}
	inv.add([]fix.File{{Name: name, Old: src, New: fixed}}, true)
	g := source.New(name, fixed, format)
	s, _ = cmdlint.Read(g)
	return code, append(found, sourced(cmdlint.Lint(g, s, st.opts, st.sel))...)
}

// sourced wraps a script's findings for fix.Merge: no configuration
// produced them.
func sourced(res *cmdlint.Result) []fix.Sourced {
	out := make([]fix.Sourced, len(res.Diags))
	for i, d := range res.Diags {
		out[i] = fix.Sourced{Diag: d}
	}
	return out
}
