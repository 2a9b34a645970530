// Package resolve computes each jail's effective parameters from parsed
// jail.conf files exactly as FreeBSD's jail(8) does (usr.sbin/jail/config.c
// load_config and add_param): records in file order, wildcard and global
// records interleaved by position, the "no" prefix, "+=", variables, the
// implied name/jid, and .include.
package resolve

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/jailfmt/jailfmt/freebsd"
	"github.com/jailfmt/jailfmt/fsutil"
	"github.com/jailfmt/jailfmt/parser"
	"github.com/jailfmt/jailfmt/source"
)

// Options control how a configuration is loaded.
type Options struct {
	Target freebsd.Release
	// Stdin means the main file came from standard input: relative
	// .include paths resolve against the current directory.
	Stdin bool
	// Overlay holds file contents to use instead of the disk, by
	// absolute path (for fixes not yet written).
	Overlay map[string]string
	// ReadFile reads an included file; nil means fsutil.ReadFile with
	// fsutil.DefaultMaxSize (regular files only, bounded).
	ReadFile func(name string) ([]byte, error)
	// Probes asks for Result.Probes: the hypothetical jails that
	// wildcard blocks and the global record reach.
	Probes bool
	// Sysroot is the folder that stands for "/" in absolute .include
	// paths: with "repo", .include "/etc/jail.conf.d/*.conf" reads
	// repo/etc/jail.conf.d/*.conf (a configuration repository that
	// mirrors /etc). Empty: absolute paths are read as they are.
	Sysroot string
	// Reader loads a main file that is not jail.conf into the same model
	// (package inputs: iocage, rc.conf, sysctl.conf); Load hands it the
	// file. Nil: jail.conf.
	Reader func(path, src string, opt Options) *Result
}

// Source is where a value came from: a jail.conf statement, or (Stmt
// nil, Origin set) a setting in another format's file, such as an iocage
// property or an rc.conf variable. File is then a parser.File with no
// statements, holding that file's text.
type Source struct {
	File   *parser.File
	Stmt   *parser.Stmt
	Origin *Origin
}

// Origin is a setting written in a format other than jail.conf.
type Origin struct {
	Key  string      // the native key as the format names it: allow_sysvipc, jail_db_parameters
	Span source.Span // the setting as written (key and value)
}

// Pos returns where the value was written.
func (s Source) Pos() parser.Pos {
	if s.Stmt == nil && s.Origin != nil {
		return s.Origin.Span.Start
	}
	return s.Stmt.Pos()
}

// Written reports whether the value was written somewhere (a statement
// or another format's setting), not implied.
func (s Source) Written() bool { return s.File != nil && (s.Stmt != nil || s.Origin != nil) }

// Value is one effective value and the statement it came from.
type Value struct {
	Text   string
	Source Source
	vars   *[]parser.VarRef // variables still to substitute (during resolution); nil: none
}

// pending returns the variables still to substitute in the value.
func (v *Value) pending() []parser.VarRef {
	if v.vars == nil {
		return nil
	}
	return *v.vars
}

// setPending sets them. A list is never changed in place once set: an
// owned copy of a statement's values shares it with the statement's.
// (A pointer keeps every Value 16 bytes smaller, and most have none.)
func (v *Value) setPending(vars []parser.VarRef) {
	v.vars = nil
	if len(vars) > 0 {
		p := new([]parser.VarRef) // only here: &vars would move every call's vars to the heap
		*p = vars
		v.vars = p
	}
}

// Param is one effective parameter of a jail.
type Param struct {
	Name    string // spelling of the last statement that set it (e.g. "nopersist")
	Values  []Value
	Sources []Source // statements that set it, in order of application
	Implied bool     // the name or jid implied by the block name
	owned   bool     // Values is this jail's own copy, not a statement's
	// flags (pf*) and gen (substitution generation) are used during
	// resolution. The small fields keep a Param at 80 bytes: every jail
	// holds one per parameter.
	flags int32
	gen   int32
}

// Texts returns the parameter's values as strings.
func (p *Param) Texts() []string {
	out := make([]string, len(p.Values))
	for i, v := range p.Values {
		out[i] = v.Text
	}
	return out
}

// Jail is one jail record with its effective parameters, in jail(8)'s
// list order (the order of first insertion). A "jid" parameter is kept
// even though jail -e does not print it.
type Jail struct {
	Index  int // position in Result.Jails
	Name   string
	Params []*Param
	Failed bool // jail(8) would refuse to start it (a warning says why)
	Source Source
	Record *Record // the jail's own block
	// Probe marks a hypothetical jail (Result.Probes); Index is then its
	// position there, and Record a block of its own that is in no list.
	Probe bool
}

// Record is a jail block, a wildcard block or the global record, as
// jail(8) collects them, with its parameter statements in order.
type Record struct {
	Name   string
	Wild   bool     // a wildcard block or the global record ("*")
	Source Source   // the block (for the global record, its first statement)
	Stmts  []Source // its parameter and variable statements, in order
	Names  []string // Stmts' decoded names (a variable's without the $)
	Jails  []*Jail  // the jails of a jail block (nil for wildcards)
}

// Reaches reports whether the record's statements are applied to j: its
// own block, or a wildcard that matches its name.
func (r *Record) Reaches(j *Jail) bool {
	if !r.Wild {
		return j.Record == r
	}
	return wildMatch(j.Name, r.Name)
}

// Param returns the parameter with the exact name, or nil.
func (j *Jail) Param(name string) *Param {
	for _, p := range j.Params {
		if p.Name == name {
			return p
		}
	}
	return nil
}

// Lookup returns the parameter that name refers to, allowing for the
// "no" prefix on the last dotted component (allow.nomount finds
// allow.mount), or nil.
func (j *Jail) Lookup(name string) *Param {
	for _, p := range j.Params {
		if EqualOpts(p.Name, name) {
			return p
		}
	}
	return nil
}

// Result is a loaded configuration.
type Result struct {
	Files   []*parser.File // every file read, the main file first
	Jails   []*Jail
	Records []*Record // every record, in jail(8)'s sequence order
	// Probes (with Options.Probes) holds, for each wildcard block and for
	// the global record, one hypothetical jail that the record reaches
	// and that sets nothing of its own: its name is the pattern with each
	// "*" component replaced by a name no real jail has, and its block
	// sits after every record. It is resolved exactly like a real jail,
	// so a fix can be judged on the jails a statement will reach once
	// they are defined, not only on today's. Probes with the same name
	// (every "*" block and the global record) are one. They are not in
	// Jails, and their warnings are not in Diags.
	Probes []*Jail
	// Diags holds errors (syntax, include: jail(8) exits 1) and warnings
	// (a jail that jail(8) would not start), in the order found.
	Diags []*parser.Error
	// Includers says, for each of Files, the .include statement that
	// read it (the zero Source for the main file).
	Includers []Source
	// JailExit is the status jail(8) exits with for these Diags: 0 when
	// none is an error, 2 when the first one that stops it is an
	// included directory (flex's fatal "input in flex scanner failed",
	// as read() fails), else 1.
	JailExit int
	// Native is the reader's own parse of the main file when it is not
	// jail.conf (*iocage.Config, *rcconf.File, *sysctl.File), for the
	// rules about that format; nil for jail.conf.
	Native any
}

// HasErrors reports whether any diagnostic is an error.
func (r *Result) HasErrors() bool {
	for _, d := range r.Diags {
		if !d.Warning {
			return true
		}
	}
	return false
}

// maxIncludeDepth is config.c's MAX_INCLUDE_DEPTH.
const maxIncludeDepth = 32

// Load reads the jail.conf at path (src is its content) and everything it
// includes, and resolves every jail.
func Load(path, src string, opt Options) *Result {
	if opt.Target == (freebsd.Release{}) {
		opt.Target = freebsd.Latest
	}
	if opt.Reader != nil {
		return opt.Reader(path, src, opt)
	}
	l := &loader{opt: opt, res: &Result{}}
	f := l.parse(path, src)
	if f != nil {
		l.stack = []string{absPath(path)}
		l.walk(f, f.Stmts, nil)
	}
	if !l.res.HasErrors() {
		l.resolve()
	}
	l.stops(l.res.Diags, 1)
	return l.res
}

// Resolve resolves an already parsed file (and what it includes).
func Resolve(f *parser.File, opt Options) *Result {
	if opt.Target == (freebsd.Release{}) {
		opt.Target = freebsd.Latest
	}
	l := &loader{opt: opt, res: &Result{Files: []*parser.File{f}, Includers: []Source{{}}}}
	l.stack = []string{absPath(f.Name)}
	l.walk(f, f.Stmts, nil)
	if !l.res.HasErrors() {
		l.resolve()
	}
	l.stops(l.res.Diags, 1)
	return l.res
}

func absPath(p string) string {
	a, err := filepath.Abs(p)
	if err != nil {
		return p
	}
	return a
}

// Parameter flags, as in jailp.h.
const (
	pfVar = 1 << iota
	pfAppend
	pfNameVal
	pfImmutable
	pfBad
	pfResolved // no variables left to substitute (substitute)
)

// cfparam is a parameter statement as config.c holds it in a record.
type cfparam struct {
	name  string
	vals  []Value // capped: appending to it copies
	flags int32
	srcs  []Source // the statement alone (src), capped, shared by the jails it reaches
	// internal is 1 + the index in internalParams of the internal
	// parameter that name is an option of, or 0.
	internal uint8
}

// src returns the statement.
func (p *cfparam) src() Source { return p.srcs[0] }

// record is a jail, wildcard or global record (struct cfjail).
type record struct {
	name   string
	wild   bool // wildName(name), worked out per component as blocks nest
	params []*cfparam
	// stmts and names are params' sources and names when walk could
	// take them as they are from its own lists (a block without
	// .include); else nil and resolve builds them.
	stmts []Source
	names []string
	seq   int
	src   Source
	pub   *Record
}

type loader struct {
	opt     Options
	res     *Result
	records []*record
	global  *record
	stack   []string // absolute paths of the files being included
	// internal caches cfparam.internal by name: a name is looked up
	// once, not once per statement and jail.
	internal map[string]uint8
}

// internalOf returns cfparam.internal for name (the loop of config.c
// add_param over intparams[]).
func (l *loader) internalOf(name string) uint8 {
	in, ok := l.internal[name]
	if !ok {
		for i, p := range internalParams {
			if EqualOpts(name, p) {
				in = uint8(i + 1)
				break
			}
		}
		if l.internal == nil {
			l.internal = map[string]uint8{}
		}
		l.internal[name] = in
	}
	return in
}

func (l *loader) errorf(f *parser.File, p parser.Pos, format string, a ...any) {
	l.res.Diags = append(l.res.Diags, &parser.Error{File: f.Name, Pos: p, Msg: fmt.Sprintf(format, a...)})
}

func (l *loader) parse(path, src string) *parser.File {
	f, diags := parser.Parse(path, src, parser.Options{Legacy: l.opt.Target.Legacy()})
	l.res.Diags = append(l.res.Diags, diags...)
	if f != nil {
		l.res.Files = append(l.res.Files, f)
		l.res.Includers = append(l.res.Includers, Source{}) // include sets it
	}
	return f
}

// DecodeName returns the text of a statement's name token.
func DecodeName(n *parser.Name) string {
	if n.Var {
		return parser.VarName(n.Raw)
	}
	if strings.IndexAny(n.Raw, "\"'\\") < 0 {
		return n.Raw // a bare word stands for itself
	}
	v := parser.Value{Chunks: []parser.Chunk{{Raw: n.Raw, Pos: n.Pos}}}
	return v.Decode().Text
}

// walk adds the statements of one file (or block) to the records, as
// jailparse.y's actions do while parsing.
func (l *loader) walk(f *parser.File, stmts []*parser.Stmt, cur *record) {
	legacy := l.opt.Target.Legacy()
	// The parameter statements of one block take one allocation each for
	// their records, values and sources (capped slices of them), not one
	// per statement.
	nparam, nval := 0, 0
	for _, st := range stmts {
		if st.IsParam() {
			nparam++
			nval += len(st.Tail.Values)
		}
	}
	params := make([]cfparam, 0, nparam)
	vals := make([]Value, 0, nval)
	srcs := make([]Source, 0, nparam)
	names := make([]string, 0, nparam)
	own := cur != nil && cur.params == nil // this call walks cur's block
	if own {
		cur.params = make([]*cfparam, 0, nparam) // a block's own statements
	}
	for _, st := range stmts {
		switch {
		case st.Semi != nil:
		case st.Body != nil:
			name := DecodeName(&st.Name)
			wild := wildName(name)
			if cur != nil {
				// Checking the new components only keeps deep nesting
				// linear in the names' length.
				name, wild = cur.name+"."+name, wild || cur.wild
			}
			rec := &record{name: name, wild: wild, src: Source{File: f, Stmt: st}}
			l.records = append(l.records, rec)
			l.walk(f, st.Body.Stmts, rec)
		case st.IsInclude() && !legacy:
			l.include(f, st, cur)
		default:
			name := DecodeName(&st.Name)
			src := Source{File: f, Stmt: st}
			srcs = append(srcs, src)
			names = append(names, name)
			params = append(params, cfparam{name: name, srcs: srcs[len(srcs)-1 : len(srcs) : len(srcs)], internal: l.internalOf(name)})
			p := &params[len(params)-1]
			if st.Name.Var {
				p.flags |= pfVar
			}
			switch st.Tail.Op {
			case parser.OpAppend:
				p.flags |= pfAppend
			case parser.OpNameVal:
				p.flags |= pfNameVal
			}
			if n := len(st.Tail.Values); n > 0 {
				k := len(vals)
				for i := range st.Tail.Values {
					d := st.Tail.Values[i].Decode()
					vals = append(vals, Value{Text: d.Text, Source: src})
					vals[len(vals)-1].setPending(d.Vars)
				}
				p.vals = vals[k:len(vals):len(vals)]
			}
			rec := cur
			if rec == nil {
				if legacy {
					// Old grammar: a run of bare parameters joins the
					// last record if it is named "*", else starts one.
					if n := len(l.records); n > 0 && l.records[n-1].name == "*" {
						rec = l.records[n-1]
					}
				} else {
					rec = l.global
				}
				if rec == nil {
					rec = &record{name: "*", wild: true, src: Source{File: f, Stmt: st}}
					l.records = append(l.records, rec)
					l.global = rec
				}
			}
			rec.params = append(rec.params, p)
		}
	}
	if own && len(cur.params) == len(srcs) {
		// Every statement of the block is one of this call's, in
		// order: the record's lists are this call's.
		cur.stmts, cur.names = srcs[:len(srcs):len(srcs)], names[:len(names):len(names)]
	}
}

// include handles .include "pattern", ...; (config.c include_config).
func (l *loader) include(f *parser.File, st *parser.Stmt, cur *record) {
	for i := range st.Tail.Values {
		v := &st.Tail.Values[i]
		d := v.Decode()
		if len(d.Vars) > 0 {
			l.errorf(f, v.Pos(), "variables are not allowed in an .include file name (jail(8) refuses the whole file); write the path itself")
			continue
		}
		pattern := d.Text
		if filepath.IsAbs(pattern) && l.opt.Sysroot != "" {
			pattern = filepath.Join(l.opt.Sysroot, pattern)
		} else if !filepath.IsAbs(pattern) && !(l.opt.Stdin && f == l.res.Files[0]) {
			if k := strings.LastIndexByte(f.Name, '/'); k >= 0 {
				pattern = f.Name[:k+1] + pattern
			}
		}
		names, err := includeFiles(pattern)
		if err != nil {
			l.errorf(f, v.Pos(), "bad .include pattern %q: %v", d.Text, err)
			l.stop(1)
			continue
		}
		for _, name := range names {
			if len(l.stack) >= maxIncludeDepth+1 {
				l.errorf(f, v.Pos(), "maximum include depth (%d) exceeded", maxIncludeDepth)
				l.stop(1)
				return
			}
			abs := absPath(name)
			for k, s := range l.stack {
				if s == abs {
					chain := append(append([]string{}, l.stack[k:]...), abs)
					for c := range chain {
						chain[c] = filepath.Base(chain[c])
					}
					l.errorf(f, v.Pos(), "include cycle: %s (jail(8) fails with \"maximum include depth exceeded\")", strings.Join(chain, " -> "))
					l.stop(1)
					return
				}
			}
			b, err := l.read(name, abs)
			if err != nil {
				msg := err.Error() + " (jail(8) stops here)"
				var refused *fsutil.RefusedError
				fi, serr := os.Stat(name)
				switch {
				case os.IsNotExist(err):
					msg = "no such file (jail(8) stops here)"
				case serr == nil && fi.IsDir():
					// fopen succeeds, read() fails: flex's fatal error.
					msg = "a directory (jail(8) cannot read it and exits 2, \"input in flex scanner failed\"); "
					if name == pattern {
						msg += "include the files in it, e.g. \"" + strings.TrimSuffix(d.Text, "/") + "/*.conf\""
					} else {
						msg += "make the pattern match files only, e.g. end it in \".conf\""
					}
					l.stop(2)
				case errors.As(err, &refused):
					// jail(8) would read a device or FIFO forever or
					// wait on it; include a regular file instead.
					msg = refused.Reason
				}
				l.errorf(f, v.Pos(), "cannot include %s: %s", name, msg)
				l.stop(1)
				continue
			}
			n0 := len(l.res.Diags)
			inc := l.parse(name, string(b))
			if inc == nil {
				l.stops(l.res.Diags[n0:], 1)
				continue
			}
			l.res.Includers[len(l.res.Includers)-1] = Source{File: f, Stmt: st}
			l.stack = append(l.stack, abs)
			l.walk(inc, inc.Stmts, cur)
			l.stack = l.stack[:len(l.stack)-1]
			// parse_config exits once a file with errors is parsed.
			l.stops(l.res.Diags[n0:], 1)
		}
	}
}

// stop records the status jail(8) exits with at the first error that
// stops it (errors that only set cflex.error stop it at the end of their
// file: stops).
func (l *loader) stop(code int) {
	if l.res.JailExit == 0 {
		l.res.JailExit = code
	}
}

// stops stops with code if diags hold an error.
func (l *loader) stops(diags []*parser.Error, code int) {
	if l.res.JailExit != 0 {
		return
	}
	for _, d := range diags {
		if !d.Warning {
			l.stop(code)
			return
		}
	}
}

// read returns a file's content, from the overlay when it has it.
func (l *loader) read(name, abs string) ([]byte, error) {
	if s, ok := l.opt.Overlay[abs]; ok {
		return []byte(s), nil
	}
	if l.opt.ReadFile != nil {
		return l.opt.ReadFile(name)
	}
	return fsutil.ReadFile(name, fsutil.DefaultMaxSize)
}
