package source

import "fmt"

// Error is a problem a reader found in a file, printed as
// FILE:LINE:COL: message. A Warning does not stop the reader: its result
// comes back with it.
type Error struct {
	File string
	Pos  Pos
	Msg  string
	// JailLine is the line FreeBSD's jail(8) names for the same problem
	// when it differs from Pos.Line (0: the same line, or none at all;
	// jail.conf only).
	JailLine int
	Warning  bool
}

// Error formats the error as FILE:LINE:COL: message.
func (e *Error) Error() string {
	kind := ""
	if e.Warning {
		kind = "warning: "
	}
	return fmt.Sprintf("%s:%d:%d: %s%s", e.File, e.Pos.Line, e.Pos.Col, kind, e.Msg)
}

// Errorf returns an error at byte offset off of f.
func (f *File) Errorf(off int, format string, args ...any) *Error {
	return &Error{File: f.Name, Pos: f.Position(off), Msg: fmt.Sprintf(format, args...)}
}
