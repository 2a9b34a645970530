package iocage

import (
	"io"
	"strings"

	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"

	ioc "github.com/jailfmt/jailfmt/iocage"
	"github.com/jailfmt/jailfmt/source"
)

// The property-list grammar. A list is what follows `iocage set` or
// `iocage create` on a command line, KEY=VALUE shell words, or the output
// of `iocage get all JAIL`, one key:value line per property:
//
//	List  = (Get | Word)* .
//	Get   = GetKey GetValue? .     // "key:" at the start of a line, then the rest of it
//	Word  = Part Glued* .          // one shell word: parts with nothing between them
//	Part  = Bare | Single | Double . // unquoted, '...', "..."
//
// The lexer (lexProps) knows the shell's quoting, where a line starts
// and which part is glued to the one before; blanks, newlines and
// comments separate words and never reach the grammar (comments are kept
// in List.Comments).
type pList struct {
	Items []*pItem `parser:"@@*"`
}

type pItem struct {
	Get  *pGet  `parser:"  @@"`
	Word *pWord `parser:"| @@"`
}

type pGet struct {
	Pos   lexer.Position
	Key   string `parser:"@GetKey"`
	Value string `parser:"@GetValue?"`
}

type pWord struct {
	Head *pPart   `parser:"@@"`
	Tail []*pGlue `parser:"@@*"`
}

type pPart struct {
	Pos  lexer.Position
	Text string `parser:"@(Bare | Single | Double)"`
}

type pGlue struct {
	Pos  lexer.Position
	Text string `parser:"@Glued"`
}

// Token types of the property-list lexer.
const (
	tokGetKey   lexer.TokenType = iota + 1 // "key:" at the start of a line
	tokGetValue                            // the rest of that line
	tokBare                                // an unquoted run, backslash escapes included
	tokSingle                              // '...'
	tokDouble                              // "..."
	tokGlued                               // any part glued to the part before it
)

var propSymbols = map[string]lexer.TokenType{
	"EOF": lexer.EOF, "GetKey": tokGetKey, "GetValue": tokGetValue,
	"Bare": tokBare, "Single": tokSingle, "Double": tokDouble, "Glued": tokGlued,
}

type propDefinition struct{}

func (propDefinition) Symbols() map[string]lexer.TokenType { return propSymbols }

func (propDefinition) Lex(filename string, r io.Reader) (lexer.Lexer, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	toks, _, lerr := lexProps(string(b), 0, len(b), true)
	if lerr != nil {
		return nil, lerr
	}
	return &tokenList{toks: toks}, nil
}

var propGrammar = participle.MustBuild[pList](
	participle.Lexer(propDefinition{}),
	participle.UseLookahead(1),
)

// PropGrammar returns the property-list grammar in EBNF.
func PropGrammar() string { return propGrammar.String() }

// tokenList feeds lexed tokens to participle; the last one is EOF.
type tokenList struct {
	toks []lexer.Token
	i    int
}

func (t *tokenList) Next() (lexer.Token, error) {
	k := t.toks[t.i]
	if t.i < len(t.toks)-1 {
		t.i++
	}
	return k, nil
}

// lexError is a lexical error at a byte offset.
type lexError struct {
	off int
	msg string
}

func (e *lexError) Error() string { return e.msg }

// lexProps splits src[start:end] into tokens (positions are offsets into
// src; Line and Column are filled in later) and comments. lines selects
// whole-list lexing: comments and get lines are recognised; a single word
// (ParseWord) has neither.
func lexProps(src string, start, end int, lines bool) ([]lexer.Token, [][2]int, *lexError) {
	var out []lexer.Token
	var comments [][2]int
	wordStart := true
	emit := func(t lexer.TokenType, s, e int) {
		if !wordStart {
			t = tokGlued
		}
		out = append(out, lexer.Token{Type: t, Value: src[s:e], Pos: lexer.Position{Offset: s}})
		wordStart = false
	}
	lineStart := true
	i := start
	for i < end {
		c := src[i]
		switch {
		case c == '\n':
			i++
			lineStart, wordStart = true, true
			continue
		case c == ' ' || c == '\t' || (c == '\\' && i+1 < end && src[i+1] == '\n' && wordStart):
			for i < end && (src[i] == ' ' || src[i] == '\t' || (src[i] == '\\' && i+1 < end && src[i+1] == '\n')) {
				if src[i] == '\\' {
					i++
				}
				i++
			}
			wordStart = true
			continue
		case lines && wordStart && c == '#':
			j := i
			for j < end && src[j] != '\n' {
				j++
			}
			comments = append(comments, [2]int{i, j})
			i = j
			continue
		case lines && lineStart:
			if k := getKeyEnd(src, i, end); k > 0 {
				emit(tokGetKey, i, k)
				j := k
				for j < end && src[j] != '\n' {
					j++
				}
				if j > k {
					out = append(out, lexer.Token{Type: tokGetValue, Value: src[k:j], Pos: lexer.Position{Offset: k}})
				}
				i = j
				continue
			}
		}
		lineStart = false
		switch c {
		case '\'':
			j := strings.IndexByte(src[i+1:end], '\'')
			if j < 0 {
				return nil, nil, &lexError{i, "unterminated single quote: the shell reads to the end of the input; close the quote"}
			}
			emit(tokSingle, i, i+j+2)
			i += j + 2
		case '"':
			j := i + 1
			for j < end && src[j] != '"' {
				if src[j] == '\\' {
					j++
				}
				j++
			}
			if j >= end {
				return nil, nil, &lexError{i, "unterminated double quote: the shell reads to the end of the input; close the quote"}
			}
			emit(tokDouble, i, j+1)
			i = j + 1
		default:
			j := i
			for j < end && !strings.ContainsRune(" \t\n'\"", rune(src[j])) {
				if src[j] == '\\' && j+1 < end {
					j++
				}
				j++
			}
			emit(tokBare, i, j)
			i = j
		}
	}
	out = append(out, lexer.Token{Type: lexer.EOF, Pos: lexer.Position{Offset: end}})
	return out, comments, nil
}

// getKeyEnd returns the offset after "key:" when a get line starts at i
// (a name of letters, digits and "_" directly followed by ":"), else 0.
func getKeyEnd(src string, i, end int) int {
	j := i
	for j < end && (src[j] == '_' || src[j] >= 'a' && src[j] <= 'z' || src[j] >= 'A' && src[j] <= 'Z' || src[j] >= '0' && src[j] <= '9') {
		j++
	}
	if j > i && j < end && src[j] == ':' {
		return j + 1
	}
	return 0
}

// Form is how a list entry is written.
type Form uint8

// Entry forms.
const (
	Arg Form = iota // a KEY=VALUE shell word (iocage set/create)
	Get             // a key:value line (iocage get all)
)

// Entry is one property of a list.
type Entry struct {
	// Prop holds the key, the value as iocage receives it (after the
	// shell's quote removal; ip4_addr/ip6_addr without spaces, as
	// iocage.py set strips them) and the key and value spans in the
	// source: the key runs from the word's start to its first "=", the
	// value from there to the word's end, so a quote around the "="
	// ("sysvshm=new") belongs to both.
	ioc.Prop
	Form Form
	// HasValue is false for a word without "=": iocage set says
	// "KEY is missing a value!" (it may also be the jail name that ends
	// an `iocage set` command line).
	HasValue bool
	// Dynamic: the shell would expand part of the word ($, `, or an
	// unquoted glob), so the value is not statically known.
	Dynamic bool
	Word    source.Span // the whole word or line
}

// List is a property list file.
type List struct {
	File     *source.File
	Entries  []Entry
	Comments []source.Span // "# ..." at the start of a word, to the end of the line
}

// ParseList reads a property list: KEY=VALUE words (any shell quoting,
// several per line, # comments, backslash-newline continuations) and
// `iocage get all` key:value lines (a key:value starts a line; elsewhere
// it is a word without "="). It returns nil and the error when the shell
// could not read the text (an unterminated quote).
func ParseList(name, src string) (*List, []*source.Error) {
	f := source.New(name, src, source.IocageProps)
	l, err := parseProps(f, 0, len(src), true)
	if err != nil {
		return nil, []*source.Error{err}
	}
	return l, nil
}

// ParseWord reads one shell word, src[start:end] of f, as iocage reads an
// argument of `iocage set` or `iocage create`: a shell-script walker
// hands it the words of those commands.
func ParseWord(f *source.File, start, end int) (Entry, *source.Error) {
	l, err := parseProps(f, start, end, false)
	if err != nil {
		return Entry{}, err
	}
	if len(l.Entries) != 1 {
		return Entry{}, f.Errorf(start, "expected one shell word, found %d", len(l.Entries))
	}
	return l.Entries[0], nil
}

func parseProps(f *source.File, start, end int, lines bool) (*List, *source.Error) {
	toks, comments, lerr := lexProps(f.Src, start, end, lines)
	if lerr != nil {
		return nil, f.Errorf(lerr.off, "%s", lerr.msg)
	}
	for i := range toks {
		p := f.Position(toks[i].Pos.Offset)
		toks[i].Pos = lexer.Position{Filename: f.Name, Offset: p.Offset, Line: p.Line, Column: p.Col}
	}
	pl, err := lexer.Upgrade(&tokenList{toks: toks})
	if err != nil {
		return nil, f.Errorf(start, "%v", err)
	}
	tree, err := propGrammar.ParseFromLexer(pl)
	if err != nil {
		off := start
		if pe, ok := err.(participle.Error); ok {
			off = pe.Position().Offset
		}
		return nil, f.Errorf(off, "not a property list here: expected KEY=VALUE words or key:value lines")
	}
	l := &List{File: f}
	for _, c := range comments {
		l.Comments = append(l.Comments, f.Span(c[0], c[1]))
	}
	for _, it := range tree.Items {
		switch {
		case it.Get != nil:
			l.Entries = append(l.Entries, getEntry(f, it.Get))
		case it.Word != nil:
			l.Entries = append(l.Entries, wordEntry(f, it.Word))
		}
	}
	return l, nil
}

// getEntry is a `iocage get all` line: "key:value", the value verbatim
// to the end of the line (get.py prints f'{p}:{v}').
func getEntry(f *source.File, g *pGet) Entry {
	ks := g.Pos.Offset
	ke := ks + len(g.Key) - 1 // without the ":"
	ve := ke + 1 + len(g.Value)
	return Entry{
		Prop: ioc.Prop{Key: g.Key[:len(g.Key)-1], Kind: ioc.KindString, Text: g.Value,
			Origin: ioc.Origin{File: f, Key: f.Span(ks, ke), Value: f.Span(ke+1, ve)}},
		Form: Get, HasValue: true, Word: f.Span(ks, ve),
	}
}

// wordEntry removes the shell's quotes from a word and splits it at its
// first "=" as iocage does (iocage.py set: prop.split("=", 1)).
func wordEntry(f *source.File, w *pWord) Entry {
	var text strings.Builder
	eqAt := -1 // source offset of the first "=" the shell passes on
	dynamic := false
	add := func(b byte, off int) {
		if b == '=' && eqAt < 0 {
			eqAt = off
		}
		text.WriteByte(b)
	}
	parts := make([]*pPart, 0, 1+len(w.Tail))
	parts = append(parts, w.Head)
	for _, g := range w.Tail {
		parts = append(parts, &pPart{Pos: g.Pos, Text: g.Text})
	}
	for _, p := range parts {
		s, base := p.Text, p.Pos.Offset
		switch s[0] {
		case '\'':
			for i := 1; i < len(s)-1; i++ {
				add(s[i], base+i)
			}
		case '"':
			for i := 1; i < len(s)-1; i++ {
				c := s[i]
				if c == '\\' && i+1 < len(s)-1 && strings.IndexByte("$`\"\\\n", s[i+1]) >= 0 {
					i++
					if s[i] != '\n' {
						add(s[i], base+i)
					}
					continue
				}
				dynamic = dynamic || c == '$' || c == '`'
				add(c, base+i)
			}
		default:
			for i := 0; i < len(s); i++ {
				c := s[i]
				if c == '\\' && i+1 < len(s) {
					i++
					if s[i] != '\n' {
						add(s[i], base+i)
					}
					continue
				}
				dynamic = dynamic || strings.IndexByte("$`*?[", c) >= 0
				add(c, base+i)
			}
		}
	}
	first, last := parts[0], parts[len(parts)-1]
	ws, we := first.Pos.Offset, last.Pos.Offset+len(last.Text)
	t := text.String()
	e := Entry{Form: Arg, Dynamic: dynamic, Word: f.Span(ws, we)}
	eq := strings.IndexByte(t, '=')
	if eq < 0 {
		e.Prop = ioc.Prop{Key: t, Kind: ioc.KindString, Origin: ioc.Origin{File: f, Key: f.Span(ws, we), Value: f.Span(we, we)}}
		return e
	}
	key, value := t[:eq], t[eq+1:]
	if key == "ip4_addr" || key == "ip6_addr" {
		value = strings.ReplaceAll(value, " ", "") // iocage.py set: "We don't want spaces here"
	}
	e.HasValue = true
	e.Prop = ioc.Prop{Key: key, Kind: ioc.KindString, Text: value,
		Origin: ioc.Origin{File: f, Key: f.Span(ws, eqAt), Value: f.Span(eqAt+1, we)}}
	return e
}
