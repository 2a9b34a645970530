// Package parser reads jail.conf(5) files into a lossless AST, exactly as
// FreeBSD's jail(8) lexer and grammar read them, and prints them back
// either verbatim or in jailfmt's canonical style.
package parser

import (
	"sort"

	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"
)

// Options select the FreeBSD parser generation to emulate.
type Options struct {
	// Legacy emulates the parser of FreeBSD 13.x and older: CR is not
	// whitespace and jail blocks cannot nest.
	Legacy bool
}

var grammar = participle.MustBuild[File](
	participle.Lexer(Definition{}),
	participle.UseLookahead(1),
)

// Grammar returns the participle grammar in EBNF.
func Grammar() string { return grammar.String() }

// Parse parses one jail.conf file. It returns the file, or nil and every
// syntax and lexical error found (sorted by position). Warnings (a NUL
// byte that ends the input) come back with a non-nil file.
func Parse(filename, src string, opt Options) (*File, []*Error) {
	res := lex(filename, src, lexOptions{crIsByte: opt.Legacy})
	errs := append(res.errs, checkSyntax(filename, src, res.toks, !opt.Legacy)...)
	if len(errs) > 0 {
		sort.SliceStable(errs, func(i, j int) bool { return errs[i].Pos.Offset < errs[j].Pos.Offset })
		return nil, errs
	}
	pl, err := lexer.Upgrade(&tokenStream{src: src, filename: filename, res: res})
	if err != nil {
		return nil, []*Error{{File: filename, Pos: Pos{Line: 1, Col: 1}, Msg: err.Error()}}
	}
	f, err := grammar.ParseFromLexer(pl)
	if err != nil {
		// The checker accepts exactly the language of the grammar, so
		// this is a bug in jailfmt; still report it with a position.
		e := &Error{File: filename, Pos: Pos{Line: 1, Col: 1}, Msg: "internal parser error: " + err.Error()}
		if pe, ok := err.(participle.Error); ok {
			p := pe.Position()
			e.Pos = Pos{Offset: p.Offset, Line: p.Line, Col: p.Column}
			e.Msg = "internal parser error: " + pe.Message()
		}
		return nil, []*Error{e}
	}
	f.Name, f.Src, f.Comments, f.NUL = filename, src, res.comments, res.nul
	var warns []*Error
	if res.nul >= 0 {
		t := res.toks[len(res.toks)-1]
		warns = append(warns, &Error{File: filename, Pos: Pos{Offset: t.start, Line: t.line, Col: t.col}, Warning: true,
			Msg: "NUL byte outside quotes: jail(8) stops reading here and ignores the rest of the file"})
	}
	return f, warns
}
