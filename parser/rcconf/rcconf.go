// Package rcconf reads rc.conf-style files (/etc/rc.conf, rc.conf.local,
// rc.conf.d/jail, ezjail's per-jail files) as the sh(1) scripts they are,
// with mvdan.cc/sh/v3/syntax, and never runs any of it. It returns every
// variable assignment with its value after quote removal and exact
// positions, the comments, and the statements it cannot judge.
//
// What a shell would evaluate (command substitution, ${x:-y} and other
// parameter operators, arithmetic, a tilde, an assignment inside an if,
// loop or function) makes a value "not statically known". A plain $x or
// ${x} is replaced by the value of the last earlier top-level assignment
// to x in the same file, when that value is known; otherwise (x comes from
// another file, /etc/defaults/rc.conf or the environment) the value is not
// known either.
package rcconf

import (
	"errors"
	"fmt"
	"strings"

	"mvdan.cc/sh/v3/syntax"

	"github.com/jailfmt/jailfmt/source"
)

// File is a parsed rc.conf-style file.
type File struct {
	*source.File
	Assigns  []*Assign // every assignment, in source order (nested ones too)
	Comments []Comment // every comment, in source order
	Commands []Command // statements that are not plain assignments
	Warnings []*Error  // non-fatal problems (e.g. syntax FreeBSD's sh rejects)
}

// Assign is one variable assignment: NAME=value, export NAME=value or
// readonly NAME=value.
type Assign struct {
	Name  string
	Value string // after quote removal and substitution; "" when !Known
	Known bool   // Value is what sh would assign
	// Reason says, when !Known, what a shell would evaluate.
	Reason string
	Decl   string // "export", "readonly" or ""
	Nested bool   // inside a compound command or a function
	// NameSpan covers the name, ValueSpan the value as written (empty,
	// just after "=", for NAME=), Stmt the whole statement.
	NameSpan, ValueSpan, Stmt source.Span
}

// Comment is one comment; Text is what follows the "#".
type Comment struct {
	Text string
	Span source.Span
}

// Command is a statement that is not a plain assignment (a command, a
// conditional, a function definition...): rc.conf is sourced by sh, so it
// runs at every boot, and it may change variables jailfmt cannot see.
type Command struct {
	What string
	Span source.Span
}

// Error is a syntax error or a warning at a position.
type Error struct {
	File    string
	Pos     source.Pos
	Msg     string
	Warning bool
}

func (e *Error) Error() string {
	return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Pos.Line, e.Pos.Col, e.Msg)
}

// maxValue bounds the bytes that substitution puts into one value
// (a="$a$a" lines double it); a value's own text, which is never longer
// than the file, is not counted: a 100 KB jail_list is read. A file's
// values together get at most budgetPerByte substituted bytes per byte of
// the file, plus budgetBase (b="$a" repeated copies a long $a each time),
// so memory stays linear in the input.
const (
	maxValue      = 1 << 16
	budgetPerByte = 16
	budgetBase    = 16 * maxValue
)

// tooLong is why a value that needs more substitution than allowed is not
// known.
const tooLong = "longer than jailfmt expands statically"

// Parse reads one rc.conf-style file. It parses POSIX sh, as FreeBSD's
// /bin/sh reads rc.conf; when that fails on a feature of another shell
// dialect it retries as bash and adds a warning. A syntax error comes back
// as an *Error with the file's line and column.
func Parse(name, src string) (*File, error) {
	f := &File{File: source.New(name, src, source.RCConf)}
	if i := strings.IndexByte(src, 0); i >= 0 {
		// FreeBSD's sh drops NUL bytes (input.c); the parser's positions
		// would not match the file any more.
		return nil, &Error{File: name, Pos: f.Position(i), Msg: "a NUL byte: this is not a text file (sh would silently drop it)"}
	}
	tree, err := parse(name, src, syntax.LangPOSIX)
	if err != nil {
		var le syntax.LangError
		if !errors.As(err, &le) {
			return nil, f.syntaxError(err)
		}
		bash, berr := parse(name, src, syntax.LangBash)
		if berr != nil {
			return nil, f.syntaxError(err)
		}
		tree = bash
		f.Warnings = append(f.Warnings, &Error{File: name, Pos: f.pos(le.Pos), Warning: true,
			Msg: le.Feature + " is not POSIX sh: FreeBSD's /bin/sh, which sources rc.conf, rejects this file; write it in POSIX sh"})
	}
	syntax.Walk(tree, func(n syntax.Node) bool {
		if c, ok := n.(*syntax.Comment); ok {
			f.Comments = append(f.Comments, Comment{Text: c.Text, Span: f.span(c.Pos(), c.End())})
		}
		return true
	})
	w := &walker{f: f, last: map[string]*Assign{}, budget: budgetPerByte*len(src) + budgetBase}
	for _, st := range tree.Stmts {
		w.stmt(st)
	}
	return f, nil
}

func parse(name, src string, lang syntax.LangVariant) (*syntax.File, error) {
	p := syntax.NewParser(syntax.Variant(lang), syntax.KeepComments(true))
	return p.Parse(strings.NewReader(src), name)
}

func (f *File) syntaxError(err error) error {
	var pe syntax.ParseError
	if errors.As(err, &pe) {
		return &Error{File: f.Name, Pos: f.pos(pe.Pos), Msg: pe.Text}
	}
	var le syntax.LangError
	if errors.As(err, &le) {
		return &Error{File: f.Name, Pos: f.pos(le.Pos), Msg: le.Error()}
	}
	return &Error{File: f.Name, Pos: f.Position(0), Msg: err.Error()}
}

func (f *File) pos(p syntax.Pos) source.Pos {
	if !p.IsValid() {
		return f.Position(len(f.Src))
	}
	return f.Position(int(p.Offset()))
}

func (f *File) span(a, b syntax.Pos) source.Span {
	return source.Span{Start: f.pos(a), End: f.pos(b)}
}

// Last returns the assignment that decides name's value after the file is
// sourced (the last one, as sh leaves it), or nil.
func (f *File) Last(name string) *Assign {
	for i := len(f.Assigns) - 1; i >= 0; i-- {
		if f.Assigns[i].Name == name {
			return f.Assigns[i]
		}
	}
	return nil
}

// Env returns, for every variable the files assign, the assignment that
// decides its value when they are sourced in the given order (a later file
// overrides an earlier one, as load_rc_config sources /etc/rc.conf, then
// rc.conf.local, then rc.conf.d/NAME).
func Env(files ...*File) map[string]*Assign {
	env := map[string]*Assign{}
	for _, f := range files {
		for _, a := range f.Assigns {
			env[a.Name] = a
		}
	}
	return env
}

type walker struct {
	f      *File
	last   map[string]*Assign // the last assignment to each name so far
	budget int                // substituted bytes the rest of the file may use
}

// stmt records one top-level statement.
func (w *walker) stmt(st *syntax.Stmt) {
	span := w.f.span(st.Pos(), st.End())
	if w.assigns(st, span, false) {
		return
	}
	var what string
	switch c := st.Cmd.(type) {
	case *syntax.CallExpr:
		what = describe(c)
	case *syntax.DeclClause: // bash mode only
		what = c.Variant.Value + " command"
	case nil:
		what = "a redirection"
	default:
		what = compoundName(st.Cmd)
		w.nested(st.Cmd)
	}
	w.f.Commands = append(w.f.Commands, Command{What: what, Span: span})
}

// assigns records the assignments of a statement that does nothing else
// (NAME=value..., export or readonly NAME=value...) and reports whether
// it was one.
func (w *walker) assigns(st *syntax.Stmt, span source.Span, nested bool) bool {
	if len(st.Redirs) > 0 || st.Negated || st.Background {
		return false
	}
	switch c := st.Cmd.(type) {
	case *syntax.CallExpr:
		if len(c.Args) == 0 {
			for _, a := range c.Assigns {
				w.assign(a.Name, a.Value, a.Array != nil || a.Index != nil || a.Append, "", nested, span)
			}
			return true
		}
		if d, ok := declWord(c); ok && len(c.Assigns) == 0 {
			return w.decl(d, c.Args[1:], span, nested)
		}
	case *syntax.DeclClause: // bash mode only
		if c.Variant.Value != "export" && c.Variant.Value != "readonly" {
			return false
		}
		for _, a := range c.Args {
			if !a.Naked {
				w.assign(a.Name, a.Value, a.Array != nil || a.Index != nil || a.Append, c.Variant.Value, nested, span)
			}
		}
		return true
	}
	return false
}

// nested records the assignments inside a compound command as not
// statically known.
func (w *walker) nested(cmd syntax.Command) {
	syntax.Walk(cmd, func(n syntax.Node) bool {
		switch n := n.(type) {
		case *syntax.CmdSubst, *syntax.ProcSubst:
			return false
		case *syntax.Stmt:
			return !w.assigns(n, w.f.span(n.Pos(), n.End()), true)
		}
		return true
	})
}

// declWord reports whether a command is export or readonly spelled as a
// plain word (LangPOSIX parses them as ordinary commands).
func declWord(c *syntax.CallExpr) (string, bool) {
	if len(c.Args) < 2 {
		return "", false
	}
	s, ok := Literal(c.Args[0])
	if ok && (s == "export" || s == "readonly") && len(c.Args[0].Parts) == 1 {
		return s, true
	}
	return "", false
}

// decl records the NAME=value words of an export or readonly command. It
// reports false when a word is not of that form (export -p, export "$x"),
// leaving the statement to be listed as a command.
func (w *walker) decl(variant string, args []*syntax.Word, span source.Span, nested bool) bool {
	type item struct {
		name  string
		at    syntax.Pos
		value *syntax.Word
	}
	var items []item
	for _, a := range args {
		lit, ok := a.Parts[0].(*syntax.Lit)
		if !ok {
			return false
		}
		eq := strings.IndexByte(lit.Value, '=')
		if eq < 0 {
			if validName(lit.Value) && len(a.Parts) == 1 {
				continue // export NAME: no assignment
			}
			return false
		}
		if !validName(lit.Value[:eq]) {
			return false
		}
		// The value is the rest of the word: the text after "=" and
		// the parts that follow.
		rest := &syntax.Word{Parts: append([]syntax.WordPart{}, a.Parts[1:]...)}
		if eq+1 < len(lit.Value) {
			vp := w.skip(lit.ValuePos, eq+1)
			rest.Parts = append([]syntax.WordPart{&syntax.Lit{ValuePos: vp, ValueEnd: lit.ValueEnd, Value: lit.Value[eq+1:]}}, rest.Parts...)
		}
		if len(rest.Parts) == 0 {
			rest = nil
		}
		items = append(items, item{lit.Value[:eq], lit.ValuePos, rest})
	}
	for _, it := range items {
		name := &syntax.Lit{ValuePos: it.at, ValueEnd: w.skip(it.at, len(it.name)), Value: it.name}
		w.assign(name, it.value, false, variant, nested, span)
	}
	return true
}

// skip returns the position n bytes of a literal's value after p: the
// parser drops backslash-newline pairs from values (line continuations),
// so they are skipped too. Only the offset is set; lines and columns come
// from the source file.
func (w *walker) skip(p syntax.Pos, n int) syntax.Pos {
	src := w.f.Src
	i := int(p.Offset())
	for ; i < len(src); i++ {
		for strings.HasPrefix(src[i:], "\\\n") {
			i += 2
		}
		if n == 0 {
			break
		}
		n--
	}
	return syntax.NewPos(uint(min(i, len(src))), 1, 1)
}

func validName(s string) bool {
	if s == "" || s[0] >= '0' && s[0] <= '9' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

// assign records one assignment. odd marks forms sh would not read as a
// plain scalar assignment (arrays, +=: bash only).
func (w *walker) assign(name *syntax.Lit, value *syntax.Word, odd bool, decl string, nested bool, stmt source.Span) {
	if name == nil {
		return
	}
	// name.End() counts the name's bytes from its start, which is off
	// when a line continuation splits it.
	a := &Assign{Name: name.Value, Decl: decl, Nested: nested, Stmt: stmt,
		NameSpan: w.f.span(name.Pos(), w.skip(name.Pos(), len(name.Value)))}
	// The value starts after the "=" (the parser's own start position
	// is off after a continued name, like its name end).
	start := w.f.Position(a.NameSpan.End.Offset + 1)
	a.ValueSpan = source.Span{Start: start, End: start}
	if value != nil {
		a.ValueSpan.End = w.f.pos(value.End())
	}
	switch {
	case nested:
		a.Reason = "assigned inside a conditional, loop or function, which jailfmt does not evaluate"
	case odd:
		a.Reason = "an array or += assignment, which POSIX sh does not have"
	case value == nil:
		a.Known = true
	default:
		a.Value, a.Known, a.Reason = w.expand(value)
	}
	if !a.Known {
		a.Value = ""
	}
	w.f.Assigns = append(w.f.Assigns, a)
	w.last[a.Name] = a // a nested one makes later $name unknown too
}

// expand returns the value of a word in an assignment: quote removal,
// and $x/${x} replaced by earlier known top-level assignments.
func (w *walker) expand(word *syntax.Word) (string, bool, string) {
	s, ok, why, used := expandWord(word, func(name string) (string, bool) {
		if a := w.last[name]; a != nil && a.Known {
			return a.Value, true
		}
		return "", false
	}, min(maxValue, w.budget))
	w.budget -= used
	return s, ok, why
}

// Literal returns the value of a word after quote removal when it has no
// expansion at all (no $, no backquote, no unquoted tilde): the word as sh
// would use it. known is false otherwise.
func Literal(word *syntax.Word) (value string, known bool) {
	s, ok, _, _ := expandWord(word, nil, 0)
	return s, ok
}

// Expand is Literal that also replaces plain $name and ${name} with
// vars(name) when vars knows it. why says, when known is false, what a
// shell would evaluate.
func Expand(word *syntax.Word, vars func(name string) (string, bool)) (value string, known bool, why string) {
	value, known, why, _ = expandWord(word, vars, maxValue)
	return value, known, why
}

// expandWord expands a word with at most limit bytes from vars, and
// returns how many it used.
func expandWord(word *syntax.Word, vars func(string) (string, bool), limit int) (string, bool, string, int) {
	used := 0
	if vars != nil {
		inner := vars
		vars = func(name string) (string, bool) {
			v, ok := inner(name)
			if ok && used+len(v) > limit {
				used = limit + 1 // over: expandWord gives up
				return "", true
			}
			used += len(v)
			return v, ok
		}
	}
	var b strings.Builder
	for i, part := range word.Parts {
		// LangPOSIX reads $'x' as "$" and 'x'; FreeBSD's sh decodes it
		// as a $'...' string.
		if lit, ok := part.(*syntax.Lit); ok && i+1 < len(word.Parts) && strings.HasSuffix(lit.Value, "$") && !strings.HasSuffix(lit.Value, `\$`) {
			if _, ok := word.Parts[i+1].(*syntax.SglQuoted); ok {
				return "", false, "a $'...' string, whose escapes FreeBSD's sh decodes", min(used, limit)
			}
		}
		if why := expandPart(&b, part, false, i == 0, vars); why != "" {
			return "", false, why, min(used, limit)
		}
		if used > limit {
			return "", false, tooLong, limit
		}
	}
	return b.String(), true, "", used
}

func expandPart(b *strings.Builder, part syntax.WordPart, quoted, first bool, vars func(string) (string, bool)) string {
	switch p := part.(type) {
	case *syntax.Lit:
		if !quoted && (first && strings.HasPrefix(p.Value, "~") || strings.Contains(p.Value, ":~")) {
			return "a tilde, which sh expands to a home directory"
		}
		unescape(b, p.Value, quoted)
	case *syntax.SglQuoted:
		if p.Dollar {
			return "a $'...' string"
		}
		b.WriteString(p.Value)
	case *syntax.DblQuoted:
		if p.Dollar {
			return `a $"..." string`
		}
		for _, q := range p.Parts {
			if why := expandPart(b, q, true, false, vars); why != "" {
				return why
			}
		}
	case *syntax.ParamExp:
		name := ""
		if p.Param != nil {
			name = p.Param.Value
		}
		if p.Param != nil && !validName(name) {
			return "the special parameter $" + name
		}
		if !simpleParam(p) {
			return "the parameter expansion ${" + name + "...}, which sh evaluates"
		}
		if vars == nil {
			return "the variable $" + name
		}
		v, ok := vars(name)
		if !ok {
			return "the variable $" + name + ", not given a known value earlier in this file"
		}
		b.WriteString(v)
	case *syntax.CmdSubst:
		return "a command substitution, which sh runs"
	case *syntax.ArithmExp:
		return "an arithmetic expansion"
	default:
		return fmt.Sprintf("a %T expansion", part)
	}
	return ""
}

// simpleParam reports whether a parameter expansion is $name or ${name}
// of an ordinary variable (not $1, $?, $@...).
func simpleParam(p *syntax.ParamExp) bool {
	return p.Param != nil && validName(p.Param.Value) && p.Flags == nil &&
		!p.Excl && !p.Length && !p.Width && !p.IsSet && p.NestedParam == nil &&
		p.Index == nil && len(p.Modifiers) == 0 && p.Slice == nil && p.Repl == nil &&
		p.Names == 0 && p.Exp == nil
}

// unescape writes a literal's text after backslash removal: outside quotes
// a backslash quotes the next byte; inside double quotes only before $ ` "
// \ and newline (a backslash-newline is a line continuation either way).
func unescape(b *strings.Builder, s string, quoted bool) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' || i+1 == len(s) {
			b.WriteByte(c)
			continue
		}
		n := s[i+1]
		switch {
		case n == '\n':
			i++
		case !quoted || n == '$' || n == '`' || n == '"' || n == '\\':
			b.WriteByte(n)
			i++
		default:
			b.WriteByte(c)
		}
	}
}

// describe names a simple command for messages.
func describe(c *syntax.CallExpr) string {
	if len(c.Args) == 0 {
		return "an assignment with a redirection"
	}
	if s, ok := Literal(c.Args[0]); ok {
		switch s {
		case ".", "source":
			return "the command " + s + " (it reads another file)"
		}
		return "the command " + s
	}
	return "a command"
}

// compoundName names a compound command for messages.
func compoundName(cmd syntax.Command) string {
	switch cmd.(type) {
	case *syntax.IfClause:
		return "an if statement"
	case *syntax.WhileClause, *syntax.ForClause:
		return "a loop"
	case *syntax.CaseClause:
		return "a case statement"
	case *syntax.FuncDecl:
		return "a function definition"
	case *syntax.BinaryCmd:
		return "a command list (&&, || or a pipe)"
	}
	return "a compound command"
}
