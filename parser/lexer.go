package parser

import (
	"fmt"
	"io"
	"strings"

	"github.com/alecthomas/participle/v2/lexer"

	"github.com/jailfmt/jailfmt/source"
)

// Token types produced by the jail.conf lexer. They mirror the tokens of
// FreeBSD's jaillex.l: a string chunk is STR when it starts a string and
// STR1 when it is glued to the previous chunk (no whitespace, comment or
// reserved token between them); likewise VAR and VAR1.
const (
	TokStr lexer.TokenType = iota + 1
	TokStr1
	TokVar
	TokVar1
	TokPunct  // one of { } ; , =
	TokPlusEq // +=
	TokBad    // any other byte: always a syntax error
)

var tokenNames = map[lexer.TokenType]string{
	lexer.EOF: "EOF",
	TokStr:    "Str",
	TokStr1:   "Str1",
	TokVar:    "Var",
	TokVar1:   "Var1",
	TokPunct:  "Punct",
	TokPlusEq: "PlusEq",
	TokBad:    "Bad",
}

// Pos is a position in a source file (source.Pos). Col counts bytes from 1.
type Pos = source.Pos

// CommentKind tells the three comment styles apart.
type CommentKind uint8

// Comment styles.
const (
	HashComment  CommentKind = iota // # to end of line
	SlashComment                    // // to end of line
	BlockComment                    // /* ... */
)

// Comment is a comment kept by the lexer in a side list.
type Comment struct {
	Kind    CommentKind
	Text    string // exact source text, including the markers
	Pos     Pos
	End     int // byte offset just past the comment
	EndLine int
}

// tok is one lexed token. Start/End are byte offsets into the source.
type tok struct {
	typ          int32 // a lexer.TokenType
	s, e, ln, cl int32 // start and end offsets, line and column of the first byte
	eln          int32 // line of the last byte (jail(8) reports errors here)
}

func mkTok(typ lexer.TokenType, start, end, line, col, endLine int) tok {
	return tok{int32(typ), int32(start), int32(end), int32(line), int32(col), int32(endLine)}
}

func (t tok) is(typ lexer.TokenType) bool { return t.typ == int32(typ) }

func (t tok) start() int   { return int(t.s) }
func (t tok) end() int     { return int(t.e) }
func (t tok) line() int    { return int(t.ln) }
func (t tok) col() int     { return int(t.cl) }
func (t tok) endLine() int { return int(t.eln) }

// lexResult holds everything the lexer found in one file.
type lexResult struct {
	toks     []tok
	comments []*Comment
	slab     []Comment // comments are allocated from here, a block at a time
	errs     []*Error
	nul      int // offset of the byte that ends the input (NUL, or above 0x7F), or -1
	// swallowed is the offset of an unterminated "/*" glued to a value
	// (an unquoted glob), or -1: its error says what to write instead, and
	// syntax errors after it would only repeat that the input ended.
	swallowed int
}

// lexOptions select lexer behaviour that changed between FreeBSD releases.
type lexOptions struct {
	// crIsByte makes CR an ordinary (invalid) byte, as in the lexer of
	// FreeBSD 13.x and older; 14.0 and later treat it as whitespace.
	crIsByte bool
}

func isWordByte(c byte) bool {
	switch {
	case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		return true
	}
	switch c {
	case '_', '!', '%', '&', '(', ')', '-', '.', ':', '<', '>', '?', '@', '[', ']', '^', '`', '|', '~':
		return true
	}
	return false
}

func isVarStart(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_'
}

func isVarByte(c byte) bool { return isVarStart(c) || c >= '0' && c <= '9' }

func isOctal(c byte) bool { return c >= '0' && c <= '7' }

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// escapeLen returns the length of the backslash escape at s[i] (s[i] == '\\')
// following jaillex.l's rule \\(.|\n|[0-7]{1,3}|x[0-9A-Fa-f]{1,2}), or 1 when
// the backslash is the last byte.
func escapeLen(s string, i int) int {
	if i+1 >= len(s) {
		return 1
	}
	c := s[i+1]
	switch {
	case isOctal(c):
		n := 2
		for n < 4 && i+n < len(s) && isOctal(s[i+n]) {
			n++
		}
		return n
	case c == 'x':
		n := 2
		for n < 4 && i+n < len(s) && isHex(s[i+n]) {
			n++
		}
		return n
	}
	return 2
}

// quotedLen returns the length of a complete quoted string starting at s[i]
// (s[i] is the quote), or -1 when it is never closed. Backslash escapes
// anything, including a newline.
func quotedLen(s string, i int) int {
	q := s[i]
	for j := i + 1; j < len(s); j++ {
		switch s[j] {
		case '\\':
			if j+1 >= len(s) {
				return -1
			}
			j++
		case q:
			return j - i + 1
		}
	}
	return -1
}

// unterminatedLen is the length matched by jaillex.l's "unterminated
// string" rule: the quote, then anything but newline/quote, with escapes of
// anything but a newline.
func unterminatedLen(s string, i int) int {
	q := s[i]
	j := i + 1
	for j < len(s) {
		c := s[j]
		if c == '\n' || c == q {
			break
		}
		if c == '\\' {
			if j+1 >= len(s) || s[j+1] == '\n' {
				break
			}
			j += 2
			continue
		}
		j++
	}
	return j - i
}

// braceVarLen matches ${...}: the content may hold anything but newline,
// { and } (and " when inDQ), and backslash escapes of anything. It returns
// the length and whether the closing brace was found; when it was not, the
// length is what the "unterminated variable" rule matches.
func braceVarLen(s string, i int, inDQ bool) (int, bool) {
	// Full match first (escapes may include a newline).
	j := i + 2
	for j < len(s) {
		c := s[j]
		if c == '}' {
			return j - i + 1, true
		}
		if c == '\n' || c == '{' || inDQ && c == '"' {
			break
		}
		if c == '\\' {
			if j+1 >= len(s) {
				break
			}
			j += 2
			continue
		}
		j++
	}
	// Unterminated: escapes of anything but newline.
	j = i + 2
	for j < len(s) {
		c := s[j]
		if c == '\n' || c == '{' || c == '}' || inDQ && c == '"' {
			break
		}
		if c == '\\' {
			if j+1 >= len(s) || s[j+1] == '\n' {
				break
			}
			j += 2
			continue
		}
		j++
	}
	return j - i, false
}

// comment adds c to the comment list. Comments live as long as the file,
// so they are allocated in blocks (fewer objects for the collector).
func (r *lexResult) comment(c Comment) {
	if len(r.slab) == cap(r.slab) {
		r.slab = make([]Comment, 0, min(256, 8+len(r.comments)))
	}
	r.slab = append(r.slab, c)
	r.comments = append(r.comments, &r.slab[len(r.slab)-1])
}

// lex splits src[from:] into tokens, comments and lexical errors exactly
// as FreeBSD's jaillex.l does (flex longest match, rule order on ties).
// from is the start of line number line; offsets are those of src.
func lex(filename, src string, from, line int, opt lexOptions) *lexResult {
	r := &lexResult{nul: -1, swallowed: -1, toks: make([]tok, 0, (len(src)-from)/5+16)}
	lineStart := from
	instr := false
	// advance moves the line counter over src[from:to].
	advance := func(from, to int) {
		for {
			k := strings.IndexByte(src[from:to], '\n')
			if k < 0 {
				return
			}
			from += k + 1
			line++
			lineStart = from
		}
	}
	pos := func(i int) Pos { return Pos{Offset: i, Line: line, Col: i - lineStart + 1} }
	emit := func(typ lexer.TokenType, i, n int) {
		p := pos(i)
		advance(i, i+n)
		r.toks = append(r.toks, mkTok(typ, i, i+n, p.Line, p.Col, line))
	}
	chunk := func(i, n int, isVar bool) {
		typ := TokStr
		if isVar {
			typ = TokVar
		}
		if instr {
			typ++ // TokStr1 / TokVar1
		}
		instr = true
		emit(typ, i, n)
	}
	i := from
	for i < len(src) {
		c := src[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' && !opt.crIsByte:
			j := i + 1
			for j < len(src) && (src[j] == ' ' || src[j] == '\t' || src[j] == '\n' || src[j] == '\r' && !opt.crIsByte) {
				j++
			}
			advance(i, j)
			i = j
			instr = false
			continue
		case c == '#' || c == '/' && i+1 < len(src) && src[i+1] == '/':
			j := strings.IndexByte(src[i:], '\n')
			if j < 0 {
				j = len(src) - i
			}
			kind := HashComment
			if c == '/' {
				kind = SlashComment
			}
			r.comment(Comment{Kind: kind, Text: src[i : i+j], Pos: pos(i), End: i + j, EndLine: line})
			i += j
			instr = false
			continue
		case c == '/' && i+1 < len(src) && src[i+1] == '*':
			p := pos(i)
			k := strings.Index(src[i+2:], "*/")
			if k < 0 {
				advance(i, len(src))
				msg := `unterminated comment: this "/*" has no closing "*/"`
				if instr {
					msg, r.swallowed = r.gluedComment(src, i), i
				}
				r.errs = append(r.errs, &Error{File: filename, Pos: p, JailLine: line, Msg: msg})
				i = len(src)
				continue
			}
			n := k + 4
			advance(i, i+n)
			r.comment(Comment{Kind: BlockComment, Text: src[i : i+n], Pos: p, End: i + n, EndLine: line})
			i += n
			instr = false
			continue
		case c == '+' && i+1 < len(src) && src[i+1] == '=':
			instr = false
			emit(TokPlusEq, i, 2)
			i += 2
			continue
		case c == ',' || c == ';' || c == '=' || c == '{' || c == '}':
			instr = false
			emit(TokPunct, i, 1)
			i++
			continue
		case isWordByte(c):
			j := i + 1
			for j < len(src) && isWordByte(src[j]) {
				j++
			}
			chunk(i, j-i, false)
			i = j
			continue
		case c == '\\':
			n := escapeLen(src, i)
			chunk(i, n, false)
			i += n
			continue
		case c == '\'' || c == '"':
			if n := quotedLen(src, i); n > 0 {
				if c == '"' {
					if e := dqVarErrors(filename, src, i, n, line, lineStart); e != nil {
						r.errs = append(r.errs, e...)
					}
				}
				chunk(i, n, false)
				i += n
				continue
			}
			n := unterminatedLen(src, i)
			p := pos(i)
			advance(i, i+n)
			r.errs = append(r.errs, &Error{File: filename, Pos: p, JailLine: line,
				Msg: "unterminated string: the quote opened here is never closed"})
			i += n
			continue
		case c == '$':
			if i+1 < len(src) && isVarStart(src[i+1]) {
				j := i + 2
				for j < len(src) && isVarByte(src[j]) {
					j++
				}
				chunk(i, j-i, true)
				i = j
				continue
			}
			if i+1 < len(src) && src[i+1] == '{' {
				n, ok := braceVarLen(src, i, false)
				if ok {
					chunk(i, n, true)
				} else {
					p := pos(i)
					advance(i, i+n)
					r.errs = append(r.errs, &Error{File: filename, Pos: p, JailLine: line,
						Msg: `unterminated variable: "${" without a closing "}" on the same line`})
				}
				i += n
				continue
			}
			chunk(i, 1, false)
			i++
			continue
		case c == '*' || c == '+' || c == '/':
			chunk(i, 1, false)
			i++
			continue
		case c == 0 || c >= 0x80:
			// jaillex.l returns the NUL byte itself as a token, and a zero
			// token is end of input for the yacc parser: nothing after it
			// is read. A byte above 0x7F outside quotes is returned the
			// same way by its catch-all rule "<_>. return yytext[0];", and
			// where char is signed (amd64, i386: FreeBSD's own builds of
			// jail(8) there) that is a negative number, which byacc's
			// yyparse also takes for the end of input ("if ((yychar =
			// YYLEX) < 0) yychar = YYEOF;"). Where char is unsigned
			// (arm64) it is a syntax error instead; the messages say so.
			r.nul = i
			r.toks = append(r.toks, mkTok(lexer.EOF, i, i, line, i-lineStart+1, line))
			return r
		default:
			emit(TokBad, i, 1)
			i++
			continue
		}
	}
	r.toks = append(r.toks, mkTok(lexer.EOF, len(src), len(src), line, len(src)-lineStart+1, line))
	return r
}

// bom is the UTF-8 byte order mark.
const bom = "\xEF\xBB\xBF"

// stopMessage explains the byte at src[i] outside quotes where jail(8)
// stops reading (see the lexer's NUL case), at a statement boundary.
func stopMessage(src string, i int) string {
	switch {
	case src[i] == 0:
		return "NUL byte outside quotes: jail(8) stops reading here and ignores the rest of the file"
	case i == 0 && strings.HasPrefix(src, bom):
		return "UTF-8 byte order mark (EF BB BF) at the start of the file: jail(8) does not read it as text: on amd64 and i386 it ends the input, so jail(8) silently ignores the whole file, and on arm64 it is a syntax error; save the file as UTF-8 without a byte order mark"
	}
	return fmt.Sprintf("non-ASCII byte 0x%02X outside quotes: on amd64 and i386 jail(8) reads it as the end of the file and silently ignores the rest, on arm64 it is a syntax error; remove it or put it in double quotes", src[i])
}

// gluedComment words the error for an unterminated "/*" at src[i] that is
// glued to the value before it, as in an unquoted glob: jail(8) reads it
// as the start of a comment that swallows the rest of the file.
func (r *lexResult) gluedComment(src string, i int) string {
	j := len(r.toks) - 1
	for r.toks[j].is(TokStr1) || r.toks[j].is(TokVar1) {
		j--
	}
	end := strings.IndexAny(src[i:], " \t\r\n;,{}")
	if end < 0 {
		end = len(src) - i
	}
	word := src[r.toks[j].start() : i+end]
	if j > 0 && r.toks[j-1].is(TokStr) && src[r.toks[j-1].start():r.toks[j-1].end()] == ".include" &&
		(j == 1 || r.toks[j-2].is(TokPunct) && strings.IndexByte(";{}", src[r.toks[j-2].start()]) >= 0) {
		return fmt.Sprintf(`unquoted glob in .include: jail(8) reads the "/*" in %s as the start of a comment that never ends ("unterminated comment"); quote the path: .include "%s";`, word, word)
	}
	return fmt.Sprintf(`unterminated comment: the "/*" in the unquoted value %s starts a comment that never ends; put the value in double quotes: "%s"`, word, word)
}

// dqVarErrors reports unterminated ${ inside a double-quoted string that
// starts at src[i] and is n bytes long.
func dqVarErrors(filename, src string, i, n, line, lineStart int) []*Error {
	s := src[i : i+n]
	if strings.IndexByte(s, '$') < 0 {
		return nil
	}
	var errs []*Error
	forEachDQPart(s, func(p dqPart) {
		if p.kind != dqBadVar {
			return
		}
		off := i + p.start
		l, ls := line, lineStart
		for k := i; k < off; k++ {
			if src[k] == '\n' {
				l++
				ls = k + 1
			}
		}
		errs = append(errs, &Error{File: filename, Pos: Pos{Offset: off, Line: l, Col: off - ls + 1}, JailLine: l,
			Msg: `unterminated variable: "${" without a closing "}" inside this string`})
	})
	return errs
}

// Definition is the participle lexer definition for jail.conf. Whitespace
// and comments never reach the grammar; comments are kept in a side list.
type Definition struct{}

// Symbols implements lexer.Definition.
func (Definition) Symbols() map[string]lexer.TokenType {
	m := make(map[string]lexer.TokenType, len(tokenNames))
	for t, n := range tokenNames {
		m[n] = t
	}
	return m
}

// Lex implements lexer.Definition.
func (d Definition) Lex(filename string, r io.Reader) (lexer.Lexer, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	return d.LexString(filename, string(b))
}

// LexString implements lexer.StringDefinition.
func (Definition) LexString(filename, src string) (lexer.Lexer, error) {
	toks := lex(filename, src, 0, 1, lexOptions{}).toks
	return &tokenStream{src: src, toks: toks[:len(toks)-1], eof: toks[len(toks)-1]}, nil
}
