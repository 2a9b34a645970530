package parser

import (
	"sync"

	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"
)

// The participle grammar:
//
//	File = Stmt* .
//	Stmt = Params | (Name Body) | Semi .
//	Body = LBrace Stmt* RBrace .
//
// Params is a participle.Parseable that reads a run of one or more
// parameter statements (name, operator, values, ";"); the file, blocks,
// nesting and statement lists are participle's. Reading a run rather than
// one statement per grammar node cuts participle's per-node reflection,
// which dominates parse time on large fleet configs.
type pFile struct {
	Stmts []*pStmt `parser:"@@*"`
}

type pStmt struct {
	Params *paramRun `parser:"  @@"`
	Name   *Name     `parser:"| @@"`
	Body   *pBody    `parser:"  @@"`
	Semi   *Semi     `parser:"| @@"`
}

type pBody struct {
	Open  *LBrace  `parser:"@@"`
	Stmts []*pStmt `parser:"@@*"`
	Close *RBrace  `parser:"@@"`
}

// paramRun is a run of parameter statements.
type paramRun struct {
	params []Param
}

// Parse implements participle.Parseable: it takes one TokRun token and
// reads the parameter statements in it.
func (r *paramRun) Parse(lex *lexer.PeekingLexer) error {
	t := lex.Peek()
	if t.Type != TokRun {
		return participle.NextMatch
	}
	lex.Next()
	var err error
	r.params, err = parseParams(t.Value, Pos{Offset: t.Pos.Offset, Line: t.Pos.Line, Col: t.Pos.Column})
	return err
}

// coarsen returns the tokens the grammar sees: block names, braces and
// empty statements as lexed, and each run of parameter statements as one
// TokRun token spanning their source text. toks must be valid (checked).
func coarsen(src string, toks []tok) []tok {
	out := make([]tok, 0, len(toks)/8+8)
	isParamStart := func(i int) bool {
		t := toks[i]
		return (t.typ == TokStr || t.typ == TokVar) &&
			!(i+1 < len(toks) && toks[i+1].typ == TokPunct && src[toks[i+1].start()] == '{')
	}
	for i := 0; i < len(toks); {
		if !isParamStart(i) {
			out = append(out, toks[i])
			i++
			continue
		}
		first, j := toks[i], i
		for {
			for toks[j].typ != TokPunct || src[toks[j].start()] != ';' {
				j++
			}
			j++
			if j >= len(toks) || !isParamStart(j) {
				break
			}
		}
		last := toks[j-1]
		out = append(out, mkTok(TokRun, first.start(), last.end(), first.line(), first.col(), last.endLine()))
		i = j
	}
	return out
}

// runBuffers recycles the token buffers of parseParams: a run is lexed a
// second time and its tokens are dropped once its statements are built.
var runBuffers = sync.Pool{New: func() any { return &lexResult{} }}

// parseParams reads the parameter statements of a run whose source text
// is text, starting at base: name ";" or name ("=" | "+=")? value
// ("," value)* ";". The statements' values and chunks share one
// allocation each.
func parseParams(text string, base Pos) ([]Param, error) {
	buf := runBuffers.Get().(*lexResult)
	defer runBuffers.Put(buf)
	buf.toks, buf.comments, buf.errs, buf.nul = buf.toks[:0], buf.comments[:0], buf.errs[:0], -1
	toks := lexInto(buf, "", text, lexOptions{}, base.Line, base.Col).toks
	nstmt, nval, nchunk := 0, 0, 0
	for _, t := range toks {
		switch t.typ {
		case TokPunct:
			switch text[t.start()] {
			case ';':
				nstmt++
			case ',':
				nval++
			}
		case TokStr, TokVar, TokStr1, TokVar1:
			nchunk++
		}
	}
	params := make([]Param, 0, nstmt)
	values := make([]Value, 0, nstmt+nval)
	chunks := make([]Chunk, 0, nchunk)
	pos := func(t tok) Pos { return Pos{Offset: base.Offset + t.start(), Line: t.line(), Col: t.col()} }
	raw := func(t tok) string { return text[t.start():t.end()] }
	isPunct := func(t tok, c byte) bool { return t.typ == TokPunct && text[t.start()] == c }
	bad := func(t tok, msg string) error {
		return &participle.ParseError{Msg: msg, Pos: lexer.Position{Offset: base.Offset + t.start(), Line: t.line(), Column: t.col()}}
	}
	i := 0
	for toks[i].typ != lexer.EOF {
		n := toks[i]
		if n.typ != TokStr && n.typ != TokVar {
			return nil, bad(n, "expected a parameter name")
		}
		p := Param{name: Name{Raw: raw(n), Var: n.typ == TokVar, Pos: pos(n)}}
		i++
		switch t := toks[i]; {
		case isPunct(t, ';'):
			p.SemiAt = pos(t)
			params = append(params, p)
			i++
			continue
		case isPunct(t, '='):
			p.Op, p.OpPos = OpAssign, pos(t)
			i++
		case t.typ == TokPlusEq:
			p.Op, p.OpPos = OpAppend, pos(t)
			i++
		default:
			p.Op = OpNameVal
		}
		v0 := len(values)
		for {
			if t := toks[i]; t.typ != TokStr && t.typ != TokVar {
				return nil, bad(t, "expected a value")
			}
			c0 := len(chunks)
			chunks = append(chunks, Chunk{Raw: raw(toks[i]), Var: toks[i].typ == TokVar, Pos: pos(toks[i])})
			for i++; toks[i].typ == TokStr1 || toks[i].typ == TokVar1; i++ {
				chunks = append(chunks, Chunk{Raw: raw(toks[i]), Var: toks[i].typ == TokVar1, Pos: pos(toks[i])})
			}
			values = append(values, Value{Chunks: chunks[c0:len(chunks):len(chunks)]})
			if isPunct(toks[i], ';') {
				p.SemiAt = pos(toks[i])
				i++
				break
			}
			if !isPunct(toks[i], ',') {
				return nil, bad(toks[i], `expected "," or ";"`)
			}
			p.Commas = append(p.Commas, pos(toks[i]))
			i++
		}
		p.Values = values[v0:len(values):len(values)]
		params = append(params, p)
	}
	return params, nil
}

// statements converts the grammar's tree into the public AST. The
// statements of a run share one allocation.
func statements(in []*pStmt) []*Stmt {
	n := 0
	for _, s := range in {
		if s.Params != nil {
			n += len(s.Params.params)
		} else {
			n++
		}
	}
	out := make([]*Stmt, 0, n)
	for _, s := range in {
		switch {
		case s.Params != nil:
			stmts := make([]Stmt, len(s.Params.params))
			for i := range stmts {
				p := &s.Params.params[i]
				stmts[i] = Stmt{Name: &p.name, Tail: p}
				out = append(out, &stmts[i])
			}
		case s.Body != nil:
			out = append(out, &Stmt{Name: s.Name, Body: &Body{Open: s.Body.Open, Stmts: statements(s.Body.Stmts), Close: s.Body.Close}})
		default:
			out = append(out, &Stmt{Semi: s.Semi})
		}
	}
	return out
}
