package report

import (
	"errors"
	"io/fs"

	"github.com/jailfmt/jailfmt/fsutil"
	"github.com/jailfmt/jailfmt/lint"
	"github.com/jailfmt/jailfmt/parser"
	"github.com/jailfmt/jailfmt/source"
)

// The rules of failures: problems that stop a file from being linted at
// all. They are not lint rules (no --select or --ignore reaches them and
// they always make the run exit 2), but every machine format reports
// them like findings so that CI never shows a broken file as clean.
var (
	SyntaxError = &lint.Rule{ID: "JF0001", Name: "syntax-error", Severity: lint.Error, Since: "0.1",
		Title: "jail(8) cannot read the configuration",
		Doc: "The file has a syntax error, or an .include that cannot be read: jail(8) prints the error and exits " +
			"1 without starting or stopping any jail of the file. jailfmt reports nothing else for the file and never " +
			"rewrites it. Correct the line named; jailfmt fmt shows the statement as jail(8) reads it.",
		Bad:  "www {\n\tpath = /jails/www\n\tpersist;\n}",
		Good: "www {\n\tpath = /jails/www;\n\tpersist;\n}"}
	IOError = &lint.Rule{ID: "JF0002", Name: "io-error", Severity: lint.Error, Since: "0.1",
		Title: "the file cannot be read",
		Doc: "jailfmt could not read the file named on the command line (missing, unreadable, not a regular file, " +
			"larger than --max-size) or its .jailfmt settings, so nothing in it was checked. The message says why.",
		Bad:  "jailfmt /etc/jail.cnf",
		Good: "jailfmt /etc/jail.conf"}
)

// Failure reports whether d is a failure (SyntaxError or IOError) rather
// than a lint finding.
func Failure(d *lint.Diagnostic) bool { return d.Rule == SyntaxError || d.Rule == IOError }

// SyntaxErrors returns a SyntaxError diagnostic for each error (not
// warning) in errs, a point (End = Pos). files are the texts the errors
// may point into, for code-point columns; an error in another file keeps
// byte columns everywhere.
func SyntaxErrors(errs []*parser.Error, files ...*source.File) []*lint.Diagnostic {
	var out []*lint.Diagnostic
	for _, e := range errs {
		if e.Warning {
			continue
		}
		d := &lint.Diagnostic{Rule: SyntaxError, Severity: lint.Error, File: e.File, Pos: e.Pos, End: e.Pos, Message: e.Msg}
		for _, f := range files {
			if f.Name == e.File {
				d.Source = f
				break
			}
		}
		out = append(out, d)
	}
	return out
}

// ReadError returns the IOError diagnostic for a file that could not be
// read, or whose .jailfmt settings could not: no position (Pos and End
// zero).
func ReadError(name string, err error) *lint.Diagnostic {
	msg := err.Error()
	var pe *fs.PathError
	var re *fsutil.RefusedError
	switch {
	case errors.As(err, &re):
		msg = re.Reason
	case errors.As(err, &pe) && pe.Path == name:
		msg = pe.Err.Error()
	}
	return &lint.Diagnostic{Rule: IOError, Severity: lint.Error, File: name, Message: "not checked: " + msg}
}
