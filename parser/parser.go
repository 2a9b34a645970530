// Package parser reads jail.conf(5) files into a lossless AST, exactly as
// FreeBSD's jail(8) lexer and grammar read them, and prints them back
// either verbatim or in jailfmt's canonical style.
package parser

import (
	"runtime"
	"sort"
	"sync"

	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"

	"github.com/jailfmt/jailfmt/source"
)

// Options select the FreeBSD parser generation to emulate.
type Options struct {
	// Legacy emulates the parser of FreeBSD 13.x and older: CR is not
	// whitespace and jail blocks cannot nest.
	Legacy bool
}

var grammar = participle.MustBuild[pFile](
	participle.Lexer(Definition{}),
	participle.UseLookahead(1),
)

// Grammar returns the participle grammar in EBNF.
func Grammar() string { return grammar.String() }

// Parse parses one jail.conf file. It returns the file, or nil and every
// syntax and lexical error found (sorted by position). Warnings (a NUL
// byte that ends the input) come back with a non-nil file.
func Parse(filename, src string, opt Options) (*File, []*Error) {
	res := lex(filename, src, lexOptions{crIsByte: opt.Legacy}, 1, 1)
	errs := append(res.errs, checkSyntax(filename, src, res.toks, !opt.Legacy)...)
	if len(errs) > 0 {
		sort.SliceStable(errs, func(i, j int) bool { return errs[i].Pos.Offset < errs[j].Pos.Offset })
		return nil, errs
	}
	f, err := parseTokens(src, res.toks)
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
	f.File, f.Comments, f.NUL = source.New(filename, src, source.JailConf), res.comments, res.nul
	var warns []*Error
	if res.nul >= 0 {
		t := res.toks[len(res.toks)-1]
		warns = append(warns, &Error{File: filename, Pos: Pos{Offset: t.start(), Line: t.line(), Col: t.col()}, Warning: true,
			Msg: "NUL byte outside quotes: jail(8) stops reading here and ignores the rest of the file"})
	}
	return f, warns
}

// parallelMin is the input size from which parsing is split across CPUs.
const parallelMin = 256 << 10

// parseTokens runs the participle grammar over the tokens. A large file
// is cut at top-level statement boundaries and the parts are parsed in
// parallel (a built participle parser is safe for concurrent use); the
// statement lists are then joined in order. Positions are absolute, so
// the result is the same as a sequential parse.
func parseTokens(src string, toks []tok) (*File, error) {
	parts := 1
	if len(src) >= parallelMin {
		parts = min(runtime.GOMAXPROCS(0), 8)
	}
	cuts := splitPoints(src, toks, parts)
	stmts := make([][]*Stmt, len(cuts)+1)
	errs := make([]error, len(cuts)+1)
	var wg sync.WaitGroup
	start := 0
	for i := 0; i <= len(cuts); i++ {
		end := len(toks) - 1 // the EOF token
		if i < len(cuts) {
			end = cuts[i]
		}
		eof := toks[end]
		eof.typ, eof.e = lexer.EOF, eof.s
		wg.Add(1)
		go func(i int, part []tok, eof tok) {
			defer wg.Done()
			stmts[i], errs[i] = parseRange(src, part, eof)
		}(i, toks[start:end], eof)
		start = end
	}
	wg.Wait()
	f := &File{Stmts: stmts[0]}
	for i := range stmts {
		if errs[i] != nil {
			return nil, errs[i]
		}
		if i > 0 {
			f.Stmts = append(f.Stmts, stmts[i]...)
		}
	}
	return f, nil
}

// parseRange parses a run of whole statements followed by eof.
func parseRange(src string, toks []tok, eof tok) ([]*Stmt, error) {
	pl, err := lexer.Upgrade(&tokenStream{src: src, toks: coarsen(src, toks), eof: eof})
	if err != nil {
		return nil, err
	}
	pf, err := grammar.ParseFromLexer(pl)
	if err != nil {
		return nil, err
	}
	return statements(pf.Stmts), nil
}

// splitPoints returns up to parts-1 token indexes, near equal shares of
// the tokens, where a top-level statement starts.
func splitPoints(src string, toks []tok, parts int) []int {
	if parts < 2 {
		return nil
	}
	var cuts []int
	depth := 0
	next := len(toks) / parts
	for i := 0; i < len(toks)-1 && len(cuts) < parts-1; i++ {
		if toks[i].typ != TokPunct {
			continue
		}
		switch src[toks[i].start()] {
		case '{':
			depth++
		case '}':
			depth--
		case ';':
		default:
			continue
		}
		if depth == 0 && i+1 >= next && src[toks[i].start()] != '{' {
			cuts = append(cuts, i+1)
			next = (len(cuts) + 1) * len(toks) / parts
		}
	}
	return cuts
}
