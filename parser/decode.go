package parser

import "strings"

// Unescape decodes backslash escapes as jaillex.l's text2lval does:
// \a \b \f \n \r \t \v, one to three octal digits (wrapping at a byte),
// \x with one or two hex digits (no digit gives a NUL byte), a backslash
// before a newline is removed, and any other escaped byte stands for
// itself. The result is cut at the first NUL byte, as jail(8) handles
// every chunk as a C string.
func Unescape(s string) string {
	if strings.IndexByte(s, '\\') < 0 {
		if k := strings.IndexByte(s, 0); k >= 0 {
			return s[:k]
		}
		return s
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' {
			b = append(b, c)
			continue
		}
		i++
		if i >= len(s) {
			// A lone trailing backslash reads the terminating NUL.
			b = append(b, 0)
			break
		}
		c = s[i]
		if isOctal(c) {
			d := c - '0'
			if i+1 < len(s) && isOctal(s[i+1]) {
				i++
				d = d*8 + (s[i] - '0')
				if i+1 < len(s) && isOctal(s[i+1]) {
					i++
					d = d*8 + (s[i] - '0')
				}
			}
			b = append(b, d)
			continue
		}
		switch c {
		case 'a':
			b = append(b, '\a')
		case 'b':
			b = append(b, '\b')
		case 'f':
			b = append(b, '\f')
		case 'n':
			b = append(b, '\n')
		case 'r':
			b = append(b, '\r')
		case 't':
			b = append(b, '\t')
		case 'v':
			b = append(b, '\v')
		case '\n':
			// line continuation: nothing
		case 'x':
			var d byte
			n := 0
			for n < 2 && i+1 < len(s) && isHex(s[i+1]) {
				i++
				d = d*16 + hexVal(s[i])
				n++
			}
			b = append(b, d)
		default:
			b = append(b, c)
		}
	}
	if k := strings.IndexByte(string(b), 0); k >= 0 {
		b = b[:k]
	}
	return string(b)
}

func hexVal(c byte) byte {
	switch {
	case c >= '0' && c <= '9':
		return c - '0'
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10
	}
	return c - 'A' + 10
}

type dqPartKind uint8

const (
	dqText   dqPartKind = iota // text to unescape
	dqVar                      // $name or ${name}
	dqBadVar                   // unterminated ${
	dqEnd                      // closing quote
)

// dqPart is one piece of a double-quoted string as jaillex.l's DQ start
// condition splits it. start/end index the raw string (quotes included).
type dqPart struct {
	kind       dqPartKind
	start, end int
}

// forEachDQPart splits a complete double-quoted string (raw, with quotes)
// the way jaillex.l does: the text up to the first unescaped $, then in
// the DQ state variables, lone $ signs, escapes and text runs up to the
// next $. Each text part is a separate chunk for NUL truncation.
func forEachDQPart(raw string, fn func(dqPart)) {
	end := len(raw) - 1 // index of the closing quote
	// First chunk: text2lval(skip 1, trim 1, stop at $).
	p := textUntilVar(raw, 1, end)
	fn(dqPart{kind: dqText, start: 1, end: p})
	for p < end {
		c := raw[p]
		switch {
		case c == '$' && p+1 < end && isVarStart(raw[p+1]):
			q := p + 2
			for q < end && isVarByte(raw[q]) {
				q++
			}
			fn(dqPart{kind: dqVar, start: p, end: q})
			p = q
		case c == '$' && p+1 < end && raw[p+1] == '{':
			n, ok := braceVarLen(raw[:end], p, true)
			if ok {
				fn(dqPart{kind: dqVar, start: p, end: p + n})
			} else {
				fn(dqPart{kind: dqBadVar, start: p, end: p + n})
			}
			p += n
		case c == '$':
			fn(dqPart{kind: dqText, start: p, end: p + 1})
			p++
		case c == '\\':
			n := escapeLen(raw[:end], p)
			fn(dqPart{kind: dqText, start: p, end: p + n})
			p += n
		default:
			q := textUntilVar(raw, p, end)
			fn(dqPart{kind: dqText, start: p, end: q})
			p = q
		}
	}
	fn(dqPart{kind: dqEnd, start: end, end: end + 1})
}

// textUntilVar returns the index of the first $ in raw[from:to] that is not
// part of a backslash escape, or to.
func textUntilVar(raw string, from, to int) int {
	for i := from; i < to; i++ {
		switch raw[i] {
		case '$':
			return i
		case '\\':
			i++
		}
	}
	return to
}

// VarRef is a variable reference inside a decoded string.
type VarRef struct {
	Name string
	At   int // byte offset in the decoded text where the value goes
}

// Decoded is a value string as jail(8) holds it before variable
// substitution: literal text plus variable references by position.
type Decoded struct {
	Text string
	Vars []VarRef
}

// VarName returns the variable name of a Var chunk ($name or ${name}).
func VarName(raw string) string {
	if strings.HasPrefix(raw, "${") {
		return Unescape(raw[2 : len(raw)-1])
	}
	return raw[1:]
}

// Decode returns the literal text and variable references of a value.
func (v *Value) Decode() Decoded {
	if len(v.Chunks) == 1 {
		c := &v.Chunks[0]
		switch {
		case c.Var:
			return Decoded{Vars: []VarRef{{Name: VarName(c.Raw)}}}
		case c.Raw[0] != '"' || strings.IndexByte(c.Raw, '$') < 0:
			return Decoded{Text: decodeChunk(c.Raw)}
		}
	}
	var d Decoded
	var b strings.Builder
	for i := range v.Chunks {
		c := &v.Chunks[i]
		switch {
		case c.Var:
			d.Vars = append(d.Vars, VarRef{Name: VarName(c.Raw), At: b.Len()})
		case c.Raw[0] == '"':
			forEachDQPart(c.Raw, func(p dqPart) {
				switch p.kind {
				case dqText:
					b.WriteString(Unescape(c.Raw[p.start:p.end]))
				case dqVar:
					d.Vars = append(d.Vars, VarRef{Name: VarName(c.Raw[p.start:p.end]), At: b.Len()})
				}
			})
		default:
			b.WriteString(decodeChunk(c.Raw))
		}
	}
	d.Text = b.String()
	return d
}

// HasVars reports whether the value refers to a variable (Decode would
// return Vars), without decoding it: a variable chunk, or a
// double-quoted one with a variable inside.
func (v *Value) HasVars() bool {
	for i := range v.Chunks {
		c := &v.Chunks[i]
		if c.Var || c.Raw[0] == '"' && strings.IndexByte(c.Raw, '$') >= 0 && dqHasVar(c.Raw) {
			return true
		}
	}
	return false
}

// decodeChunk decodes a bare, escape or single-quoted chunk, or a
// double-quoted one without variables.
func decodeChunk(raw string) string {
	if raw[0] == '"' || raw[0] == '\'' {
		return Unescape(raw[1 : len(raw)-1])
	}
	return Unescape(raw)
}

// dqHasVar reports whether a double-quoted chunk holds a variable.
func dqHasVar(raw string) bool {
	found := false
	forEachDQPart(raw, func(p dqPart) {
		if p.kind == dqVar {
			found = true
		}
	})
	return found
}
