package shell

import (
	"sort"
	"strings"

	"github.com/jailfmt/jailfmt/source"
	"mvdan.cc/sh/v3/syntax"
)

// Word is one shell word after quote removal, as the command it is passed
// to receives it, split into pieces that are each statically known or not.
type Word struct {
	File   *source.File
	Pieces []Piece
	Span   source.Span // the word as written, quotes included
	// Splits is set when an unquoted expansion or glob may turn the word
	// into zero or several arguments.
	Splits bool

	text   string
	starts []int // where each piece starts in text
}

// Piece is a run of a word: literal text after quote removal, or an
// expansion ($var, $(...), a glob, ~, a brace expansion) whose value is
// not known before the script runs.
type Piece struct {
	// Text is the value after quote removal; for an unknown piece it is
	// the source text (for messages only).
	Text  string
	Known bool
	// Exact is set when Text is byte for byte the source bytes at Span,
	// so an offset inside Text is the same offset inside the file.
	Exact bool
	// Quoted is set inside '...' or "...": a blank there does not end
	// the word.
	Quoted bool
	Span   source.Span
}

// Known reports whether the whole word is statically known.
func (w Word) Known() bool {
	if w.Splits {
		return false
	}
	for _, p := range w.Pieces {
		if !p.Known {
			return false
		}
	}
	return true
}

// index records the word's text and where each piece starts in it, so
// that the lookups below cost a binary search, not a walk.
func (w *Word) index() {
	var b strings.Builder
	w.starts = make([]int, len(w.Pieces))
	for k, p := range w.Pieces {
		w.starts[k] = b.Len()
		b.WriteString(p.Text)
	}
	w.text = b.String()
}

// Text returns the word's value; unknown pieces appear in their source
// form, so the result is only the real value when Known is true.
func (w Word) Text() string { return w.text }

// piece returns the index of the piece holding text byte i (the last
// piece for i == len(Text)), or -1.
func (w Word) piece(i int) int {
	return sort.Search(len(w.starts), func(k int) bool { return w.starts[k] > i }) - 1
}

// KnownPrefix returns the length of the longest prefix of Text made of
// known pieces.
func (w Word) KnownPrefix() int {
	for k, p := range w.Pieces {
		if !p.Known {
			return w.starts[k]
		}
	}
	return len(w.text)
}

// KnownIn reports whether the text bytes [i, j) of Text all come from
// known pieces.
func (w Word) KnownIn(i, j int) bool {
	for k := max(w.piece(i), 0); k < len(w.Pieces) && w.starts[k] < j; k++ {
		if !w.Pieces[k].Known && w.starts[k]+len(w.Pieces[k].Text) > i {
			return false
		}
	}
	return true
}

// Unquoted reports whether text byte i of Text is outside quotes and exact,
// so that replacing it with a blank splits the word there.
func (w Word) Unquoted(i int) bool {
	k := w.piece(i)
	if k < 0 || i >= len(w.text) {
		return false
	}
	return w.Pieces[k].Exact && !w.Pieces[k].Quoted
}

// Offset returns the file offset of text byte i of Text (len(Text): the
// end), and whether it is exact, that is inside a piece whose text is its
// source bytes. Otherwise it returns the start of the piece that holds i.
func (w Word) Offset(i int) (int, bool) {
	k := w.piece(i)
	if k < 0 || i > len(w.text) {
		return w.Span.End.Offset, false
	}
	p := w.Pieces[k]
	if p.Exact {
		return p.Span.Start.Offset + i - w.starts[k], true
	}
	return p.Span.Start.Offset, false
}

// Sub returns the file span of text bytes [i, j) and whether both ends are
// exact; an inexact end falls back to the word's own ends.
func (w Word) Sub(i, j int) (source.Span, bool) {
	s, okS := w.Offset(i)
	if !okS {
		s = w.Span.Start.Offset
	}
	e, okE := w.Span.End.Offset, false
	if j > i {
		if o, ok := w.Offset(j - 1); ok {
			e, okE = o+1, true
		}
	} else {
		e, okE = s, okS
	}
	return w.File.Span(s, e), okS && okE
}

// Mapper turns offsets in the parsed shell text into offsets in the file
// the text came from.
type Mapper struct {
	File *source.File
	Src  string // the shell text
	// Offs maps each byte of Src (and len(Src), the end) to an offset in
	// File; nil means Src is File.Src.
	Offs []int
}

// off maps a text offset to a file offset.
func (m *Mapper) off(i int) int {
	if m.Offs == nil {
		return i
	}
	i = max(0, min(i, len(m.Offs)-1))
	return m.Offs[i]
}

// span maps the text range [i, j) to a file span; the end follows the last
// byte, so a range never stretches over bytes the mapping left out.
func (m *Mapper) span(i, j int) source.Span {
	s := m.off(i)
	e := s
	if j > i {
		e = m.off(j-1) + 1
	}
	return m.File.Span(s, e)
}

// contiguous reports whether the text range [i, j) is one unbroken range
// of the file.
func (m *Mapper) contiguous(i, j int) bool {
	if m.Offs == nil || j <= i {
		return true
	}
	return m.off(j-1)-m.off(i) == j-1-i
}

// WordOf returns the word w after quote removal, with its pieces mapped
// into the file. bash enables bash's brace expansion.
func (m *Mapper) WordOf(w *syntax.Word, bash bool) Word {
	out := Word{File: m.File, Span: m.span(int(w.Pos().Offset()), int(w.End().Offset()))}
	m.parts(&out, w.Parts, int(w.End().Offset()), false, bash, true)
	out.index()
	return out
}

// parts appends the pieces of word parts; end is where the last part's
// source ends (the next part's start bounds each part, since mvdan's Lit
// ends can fall short of escaped newlines).
func (m *Mapper) parts(w *Word, parts []syntax.WordPart, end int, quoted, bash, first bool) {
	dollar := false // the previous literal ended in the $ of a $'...'
	for i, part := range parts {
		s := int(part.Pos().Offset())
		e := int(part.End().Offset())
		if i+1 < len(parts) {
			e = int(parts[i+1].Pos().Offset())
		} else if !quoted {
			e = max(e, min(end, len(m.Src)))
		} else {
			e = min(end, len(m.Src))
		}
		e = max(s, min(e, len(m.Src)))
		switch p := part.(type) {
		case *syntax.Lit:
			raw := m.Src[s:e]
			if _, ok := next(parts, i).(*syntax.SglQuoted); ok && !quoted && strings.HasSuffix(raw, "$") &&
				!strings.HasSuffix(raw, `\$`) {
				// POSIX mode reads $'...' as $ and '...'; FreeBSD's sh,
				// like bash, reads it as one ANSI-C quoted string.
				raw, e, dollar = raw[:len(raw)-1], e-1, true
				if raw == "" {
					continue
				}
			}
			if quoted {
				m.add(w, dqUnescape(raw), true, true, s, e)
				continue
			}
			splits := hasGlob(raw) || (bash && hasBraces(raw))
			tilde := (first && i == 0 && strings.HasPrefix(raw, "~")) ||
				(bash && (strings.Contains(raw, "=~") || strings.Contains(raw, ":~")))
			w.Splits = w.Splits || splits
			m.add(w, unescape(raw), !splits && !tilde, false, s, e)
		case *syntax.SglQuoted:
			vs, ve := s+1, int(p.Right.Offset())
			if p.Dollar {
				vs++
			}
			ve = max(vs, min(ve, len(m.Src)))
			known := !(p.Dollar || dollar) || !strings.Contains(p.Value, `\`)
			dollar = false
			m.add(w, m.Src[vs:ve], known, true, vs, ve)
		case *syntax.DblQuoted:
			vs := s + 1
			if p.Dollar {
				vs++
			}
			if len(p.Parts) == 0 {
				// "" is an empty, known argument.
				m.add(w, "", true, true, vs, vs)
				continue
			}
			m.parts(w, p.Parts, int(p.Right.Offset()), true, bash, false)
		default:
			// $var, ${...}, $(...), `...`, $((...)), <(...), extglobs.
			if !quoted || manyWords(part) {
				w.Splits = true
			}
			m.add(w, brief(m.Src[s:max(s, min(int(part.End().Offset()), len(m.Src)))]), false, quoted, s, e)
		}
	}
}

// manyWords reports an expansion that gives several words even inside
// double quotes: "$@", "${a[@]}", "${!prefix@}".
func manyWords(part syntax.WordPart) bool {
	pe, ok := part.(*syntax.ParamExp)
	if !ok {
		return false
	}
	if pe.Param != nil && pe.Param.Value == "@" || pe.Names == syntax.NamesPrefixWords {
		return true
	}
	idx, ok := pe.Index.(*syntax.Word)
	return ok && idx.Lit() == "@"
}

// brief shortens the source text of a long expansion, so that nested
// command substitutions cost each enclosing word a bounded copy.
func brief(src string) string {
	if len(src) <= 64 {
		return src
	}
	return src[:30] + "..." + src[len(src)-30:]
}

// next returns the part after parts[i], or nil.
func next(parts []syntax.WordPart, i int) syntax.WordPart {
	if i+1 < len(parts) {
		return parts[i+1]
	}
	return nil
}

// add appends one piece for the text range [s, e).
func (m *Mapper) add(w *Word, text string, known, quoted bool, s, e int) {
	exact := known && text == m.Src[s:e] && m.contiguous(s, e)
	w.Pieces = append(w.Pieces, Piece{Text: text, Known: known, Exact: exact, Quoted: quoted, Span: m.span(s, e)})
}

// unescape removes the backslashes of unquoted text: \c is c and a
// backslash-newline disappears.
func unescape(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
			if s[i] == '\n' {
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// dqUnescape removes the backslashes that are special inside double
// quotes: before $ ` " \ and newline (POSIX 2.2.3); other backslashes stay.
func dqUnescape(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) && strings.IndexByte("$`\"\\\n", s[i+1]) >= 0 {
			i++
			if s[i] == '\n' {
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// hasGlob reports an unescaped pathname-expansion character.
func hasGlob(raw string) bool {
	for i := 0; i < len(raw); i++ {
		switch raw[i] {
		case '\\':
			i++
		case '*', '?', '[':
			return true
		}
	}
	return false
}

// hasBraces reports a bash brace expansion ({a,b} or {1..3}).
func hasBraces(raw string) bool {
	open := strings.IndexByte(raw, '{')
	if open < 0 {
		return false
	}
	rest := raw[open:]
	close := strings.IndexByte(rest, '}')
	return close > 0 && (strings.Contains(rest[:close], ",") || strings.Contains(rest[:close], ".."))
}
