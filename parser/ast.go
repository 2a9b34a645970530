package parser

import (
	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"

	"github.com/jailfmt/jailfmt/source"
)

// File is a parsed jail.conf file. It is lossless: together with Src, the
// statements and the comment side list account for every byte. The
// embedded source file gives its name, text and positions.
type File struct {
	*source.File
	Stmts    []*Stmt
	Comments []*Comment // every comment, in source order
	// NUL is the offset of the byte outside quotes and comments where
	// jail(8) stops reading (a NUL byte, or on amd64 and i386 any byte
	// above 0x7F: see the lexer), or -1.
	NUL int
}

// Stmt is one statement: an empty statement (Semi), a parameter or
// variable statement (Name and Tail), or a jail block (Name and Body).
// Name and Tail are values, not pointers, because participle allocates
// a pointer field's leaf twice; IsParam tells a parameter statement.
type Stmt struct {
	Name Name  `parser:"  ( @@"`
	Tail Param `parser:"    ( @@"`
	Body *Body `parser:"    | @@ ) )"`
	Semi *Semi `parser:"| @@"`
}

// Body is the braced part of a jail block.
type Body struct {
	Open  LBrace  `parser:"@@"`
	Stmts []*Stmt `parser:"@@*"`
	Close RBrace  `parser:"@@"`
}

// Op is the assignment form of a parameter statement.
type Op uint8

// Parameter statement forms.
const (
	OpNone    Op = iota // name;
	OpAssign            // name = v;
	OpAppend            // name += v;
	OpNameVal           // name v; (no "=")
)

// Semi is an empty statement: a lone ";".
type Semi struct{ Pos Pos }

// LBrace is the "{" that opens a jail block.
type LBrace struct{ Pos Pos }

// RBrace is the "}" that closes a jail block.
type RBrace struct{ Pos Pos }

// Name is the first token of a parameter or jail statement.
type Name struct {
	Raw string // exact source text
	Var bool   // a variable definition ($x or ${x})
	Pos Pos
}

// Param is a parameter statement after its name: the operator, the
// values and the closing ";".
//
// It holds only the offsets of the operator and commas (their lines are
// the source's): a large file has a statement per few dozen bytes, and
// every one of them is held while it is linted or fixed.
type Param struct {
	Op     Op
	OpAt   int // offset of "=" or "+=" (OpAssign, OpAppend)
	Values []Value
	SemiAt Pos
}

// Value is one string of a value list, made of chunks glued together
// with no space between them.
type Value struct {
	Chunks []Chunk
	Comma  int // offset of the "," that follows, 0 for none
}

// Chunk is one piece of a value exactly as written: a bare word, an
// escape, a single- or double-quoted string or a variable reference.
type Chunk struct {
	Raw string
	Var bool
	Pos Pos
}

// Pos returns the position of the value's first byte.
func (v *Value) Pos() Pos { return v.Chunks[0].Pos }

// End returns the offset just past the value.
func (v *Value) End() int {
	c := &v.Chunks[len(v.Chunks)-1]
	return c.Pos.Offset + len(c.Raw)
}

// Raw returns the value's source text.
func (v *Value) Raw(src string) string { return src[v.Pos().Offset:v.End()] }

// Pos returns the position of the statement's first token.
func (s *Stmt) Pos() Pos {
	if s.Semi != nil {
		return s.Semi.Pos
	}
	return s.Name.Pos
}

// End returns the offset just past the statement's last token.
func (s *Stmt) End() int {
	switch {
	case s.Semi != nil:
		return s.Semi.Pos.Offset + 1
	case s.Body != nil:
		return s.Body.Close.Pos.Offset + 1
	}
	return s.Tail.SemiAt.Offset + 1
}

// EndLine returns the line of the statement's last token.
func (s *Stmt) EndLine() int {
	switch {
	case s.Semi != nil:
		return s.Semi.Pos.Line
	case s.Body != nil:
		return s.Body.Close.Pos.Line
	}
	return s.Tail.SemiAt.Line
}

// IsParam reports whether the statement is a parameter or variable
// statement (neither a block nor an empty statement).
func (s *Stmt) IsParam() bool { return s.Body == nil && s.Semi == nil }

// IsInclude reports whether the statement is an .include directive: the
// name-value form with the exact name ".include" (jailparse.y special_param).
// The name is compared after decoding, so a quoted ".include" counts too.
func (s *Stmt) IsInclude() bool {
	return s.IsParam() && s.Tail.Op == OpNameVal && !s.Name.Var &&
		(s.Name.Raw == ".include" || len(s.Name.Raw) > 8 && decodeChunk(s.Name.Raw) == ".include")
}

func posOf(t *lexer.Token) Pos {
	return Pos{Offset: t.Pos.Offset, Line: t.Pos.Line, Col: t.Pos.Column}
}

// Parse implements participle.Parseable.
func (s *Semi) Parse(lex *lexer.PeekingLexer) error {
	t := lex.Peek()
	if t.Type != TokPunct || t.Value != ";" {
		return participle.NextMatch
	}
	s.Pos = posOf(lex.Next())
	return nil
}

// Parse implements participle.Parseable.
func (b *LBrace) Parse(lex *lexer.PeekingLexer) error {
	t := lex.Peek()
	if t.Type != TokPunct || t.Value != "{" {
		return participle.NextMatch
	}
	b.Pos = posOf(lex.Next())
	return nil
}

// Parse implements participle.Parseable.
func (b *RBrace) Parse(lex *lexer.PeekingLexer) error {
	t := lex.Peek()
	if t.Type != TokPunct || t.Value != "}" {
		return participle.NextMatch
	}
	b.Pos = posOf(lex.Next())
	return nil
}

// Parse implements participle.Parseable. A name is one Str or Var token,
// as in jailparse.y, where a double-quoted string holding a variable is
// several tokens (jaillex.l's DQ state) and a jail_name is STR only: so
// neither such a string nor, before "{", a variable is a name.
func (n *Name) Parse(lex *lexer.PeekingLexer) error {
	t := lex.Peek()
	isVar := t.Type == TokVar
	if t.Type != TokStr && !isVar || !isVar && t.Value[0] == '"' && dqHasVar(t.Value) {
		return participle.NextMatch
	}
	cp := lex.MakeCheckpoint()
	lex.Next()
	if isVar && isPunct(lex.Peek(), '{') {
		lex.LoadCheckpoint(cp)
		return participle.NextMatch
	}
	n.Raw, n.Var, n.Pos = t.Value, isVar, posOf(t)
	return nil
}
