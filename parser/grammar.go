package parser

import (
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

// Parse implements participle.Parseable.
func (r *paramRun) Parse(lex *lexer.PeekingLexer) error {
	for {
		var p Param
		err := p.parse(lex)
		if err == participle.NextMatch {
			break
		}
		if err != nil {
			return err
		}
		r.params = append(r.params, p)
	}
	if len(r.params) == 0 {
		return participle.NextMatch
	}
	return nil
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
