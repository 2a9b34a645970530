package parser

import (
	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"
)

// The participle grammar, over the tokens of the lexer (whitespace and
// comments never reach it):
//
//	File = Stmt* .
//	Stmt = (Name (Param | Body)) | Semi .
//	Body = LBrace Stmt* RBrace .
//
// It builds the public AST (Stmt, Body) directly. Name, Param, Semi and
// the braces are leaves that read their tokens from participle's token
// stream; Param is one statement's operator, values and ";". Lookahead 1
// suffices: a statement's first token tells a name from ";", and the
// token after the name tells a block ("{") from a parameter.
type pFile struct {
	Stmts []*Stmt `parser:"@@*"`
}

var grammar = participle.MustBuild[pFile](
	participle.Lexer(Definition{}),
	participle.UseLookahead(1),
)

// Grammar returns the participle grammar in EBNF.
func Grammar() string { return grammar.String() }

func isPunct(t *lexer.Token, c byte) bool {
	return t.Type == TokPunct && t.Value[0] == c
}

func isChunk(t *lexer.Token) bool { return t.Type == TokStr || t.Type == TokVar }

func isGlued(t *lexer.Token) bool { return t.Type == TokStr1 || t.Type == TokVar1 }

func unexpected(t *lexer.Token, want string) error {
	return &participle.UnexpectedTokenError{Unexpected: *t, Expect: want}
}

// Parse implements participle.Parseable: the rest of a parameter
// statement after its name, ";" or ("=" | "+=")? value ("," value)* ";".
// A value is an unglued chunk (Str, Var) and the chunks glued to it
// (Str1, Var1), as jailparse.y's string rule reads them. The statement's
// tokens are counted first, so that its values and chunks take one
// right-sized allocation each.
func (p *Param) Parse(lex *lexer.PeekingLexer) error {
	switch t := lex.Peek(); {
	case isPunct(t, '{'):
		return participle.NextMatch
	case isPunct(t, ';'):
		p.SemiAt = posOf(lex.Next())
		return nil
	case isPunct(t, '='):
		p.Op, p.OpAt = OpAssign, lex.Next().Pos.Offset
	case t.Type == TokPlusEq:
		p.Op, p.OpAt = OpAppend, lex.Next().Pos.Offset
	default:
		p.Op = OpNameVal
	}
	cp := lex.MakeCheckpoint()
	nval, nchunk := 0, 0
	for t := lex.Peek(); isChunk(t) || isGlued(t) || isPunct(t, ','); t = lex.Peek() {
		if isChunk(t) {
			nval++
		}
		if !isPunct(t, ',') {
			nchunk++
		}
		lex.Next()
	}
	lex.LoadCheckpoint(cp)
	if nval == 0 {
		return unexpected(lex.Peek(), "a value")
	}
	p.Values = make([]Value, nval)
	chunks := make([]Chunk, 0, nchunk)
	for i := 0; ; i++ {
		t := lex.Peek()
		if !isChunk(t) {
			return unexpected(t, "a value")
		}
		c0 := len(chunks)
		for ; len(chunks) == c0 || isGlued(t); t = lex.Peek() {
			chunks = append(chunks, Chunk{Raw: t.Value, Var: t.Type == TokVar || t.Type == TokVar1, Pos: posOf(t)})
			lex.Next()
		}
		p.Values[i].Chunks = chunks[c0:len(chunks):len(chunks)]
		switch {
		case isPunct(t, ';'):
			p.SemiAt = posOf(lex.Next())
			return nil
		case isPunct(t, ','):
			p.Values[i].Comma = lex.Next().Pos.Offset
		default:
			return unexpected(t, `"," or ";"`)
		}
	}
}

// tokenStream feeds already lexed tokens to participle, then eof.
type tokenStream struct {
	src  string
	toks []tok
	eof  tok
	i    int
}

// Next implements lexer.Lexer.
func (t *tokenStream) Next() (lexer.Token, error) {
	k := t.eof
	if t.i < len(t.toks) {
		k = t.toks[t.i]
		t.i++
	}
	return lexer.Token{
		Type:  lexer.TokenType(k.typ),
		Value: t.src[k.start():k.end()],
		Pos:   lexer.Position{Offset: k.start(), Line: k.line(), Column: k.col()},
	}, nil
}

// parseBatch runs the grammar over toks, a run of whole top-level
// statements, followed by the end of input eof.
func parseBatch(src string, toks []tok, eof tok) ([]*Stmt, error) {
	eof.typ, eof.e = int32(lexer.EOF), eof.s
	pl, err := lexer.Upgrade(&tokenStream{src: src, toks: toks, eof: eof})
	if err != nil {
		return nil, err
	}
	pf, err := grammar.ParseFromLexer(pl)
	if err != nil {
		return nil, err
	}
	return pf.Stmts, nil
}
