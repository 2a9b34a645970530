package parser

import (
	"fmt"
	"strings"

	"github.com/alecthomas/participle/v2/lexer"

	"github.com/jailfmt/jailfmt/source"
)

// Error is a syntax, lexical or include error, or a warning, at a
// position in a file (the readers' shared source.Error).
type Error = source.Error

// checkState is where the syntax checker is inside a statement.
type checkState uint8

const (
	stStmt       checkState = iota // at the start of a statement
	stAfterName                    // after a statement's first token
	stValueStart                   // after "=", "+=" or ","
	stInString                     // inside a value (glued chunks)
	stErrParam                     // after error recovery, waiting for ";"
)

// yyMaxTop is the highest index of jail(8)'s parser stack. jailparse.y is
// built by FreeBSD's yacc, which is byacc: with neither YYSTACKSIZE nor
// YYMAXDEPTH defined its skeleton defines both as 10000, and a push
// beyond that makes yyparse call yyerror("yacc stack overflow") and
// abort (freebsd/freebsd-src contrib/byacc skeleton: yygrowstack,
// yyoverflow). Each open jail block holds three entries (jail_name, "{"
// and its conf) on top of the two of the file, so at most 3332 blocks
// nest.
const yyMaxTop = 10000 - 1

// maxNesting is how many jail blocks jail(8) can nest: opening one more
// when k are open takes entry 4+3k.
const maxNesting = (yyMaxTop-4)/3 + 1

// keyedError is a syntax error with the offset of the token at which
// jail(8) detects it: errors are reported in that order, so a lexical
// error comes before the syntax errors it causes even when these are
// reported at an earlier position (after the previous token).
type keyedError struct {
	key int
	err *Error
}

// dqPieces is 1 when the token is a double-quoted string holding a
// variable, else 0. jaillex.l returns such a string in pieces (STR, then
// VAR1 and STR1 from its DQ state), and when it starts a value the second
// piece takes one more parser stack entry than our single token.
func dqPieces(src string, t tok) int {
	raw := src[t.start():t.end()]
	if raw[0] == '"' && strings.IndexByte(raw, '$') >= 0 && dqHasVar(raw) {
		return 1
	}
	return 0
}

// checkResult is what the syntax checker found in a run of tokens.
type checkResult struct {
	errs []keyedError
	// cuts are token indexes, about every batch tokens, at which a
	// top-level statement starts: the grammar may parse the runs between
	// them independently.
	cuts []int
}

// checkSyntax runs jailparse.y's grammar over the tokens, with byacc's
// error recovery (an error pops back to the innermost statement list and
// skips to the next ";"; errors are reported only once three tokens were
// shifted after the previous one) and its stack limit, so that it
// reports the same errors on the same lines as jail(8). participle has no
// error recovery, so this checker is what finds every syntax error in a
// file; the grammar only ever sees input the checker accepted (the fuzz
// target FuzzCheckerGrammar holds both to the same language).
func checkSyntax(filename, src string, toks []tok, nested bool, batch int) checkResult {
	var res checkResult
	type open struct{ name, brace tok }
	var blocks []open
	state := stStmt
	errflag := 0
	var name, prev tok
	nameIsVar := false
	valStart := 0 // offset where the current value starts
	// top is the index of the top of jail(8)'s parser stack, b that of
	// the innermost statement list and vbase the entry below the current
	// value list.
	top, b, vbase := 1, 1, 0
	lastCut := 0

	report := func(t tok, at Pos, jailLine int, msg string) {
		if jailLine == at.Line {
			jailLine = 0
		}
		res.errs = append(res.errs, keyedError{t.start(), &Error{File: filename, Pos: at, Msg: msg, JailLine: jailLine}})
	}
	posAt := func(t tok) Pos { return Pos{Offset: t.start(), Line: t.line(), Col: t.col()} }
	after := func(t tok) Pos {
		ls := strings.LastIndexByte(src[:t.end()], '\n') + 1
		return Pos{Offset: t.end(), Line: t.endLine(), Col: t.end() - ls + 1}
	}
	text := func(t tok) string { return src[t.start():t.end()] }
	shift := func(t tok) {
		if errflag > 0 {
			errflag--
		}
		prev = t
	}

	for i := 0; i < len(toks); {
		t := toks[i]
		ok := false
		need := top + 1 // the stack entry shifting t takes
		switch state {
		case stStmt:
			switch {
			case t.is(TokPunct) && text(t) == ";":
				ok = true
			case t.is(TokStr) || t.is(TokVar):
				ok, state, name, nameIsVar, top = true, stAfterName, t, t.is(TokVar), b+1
				if t.is(TokStr) && src[t.start()] == '"' && dqHasVar(text(t)) {
					shift(t)
					i++
					if errflag == 0 {
						report(t, posAt(t), t.endLine(), fmt.Sprintf("a name cannot contain a variable: %s", text(t)))
					}
					errflag, state = 3, stErrParam
					continue
				}
			case t.is(TokPunct) && text(t) == "}" && len(blocks) > 0:
				ok = true
				blocks = blocks[:len(blocks)-1]
				b -= 3
				top = b
			case t.is(lexer.EOF) && len(blocks) == 0:
				return res
			}
		case stAfterName:
			switch {
			case t.is(TokPunct) && text(t) == "{" && !nameIsVar && (nested || len(blocks) == 0):
				// After "{" the empty conf is pushed at once (a default
				// reduction): that entry is the one that may overflow.
				ok, state, need = true, stStmt, b+3
				blocks = append(blocks, open{name, t})
				b += 3
				top = b
			case t.is(TokPunct) && text(t) == "=", t.is(TokPlusEq):
				ok, state, top, vbase = true, stValueStart, b+2, b+2
			case t.is(TokPunct) && text(t) == ";":
				ok, state, top = true, stStmt, b
			case t.is(TokStr) || t.is(TokVar):
				ok, state, valStart, top, vbase = true, stInString, t.start(), b+2, b+1
				need += dqPieces(src, t)
			}
		case stValueStart:
			if t.is(TokStr) || t.is(TokVar) {
				ok, state, valStart, top = true, stInString, t.start(), need
				need += dqPieces(src, t)
			}
		case stInString:
			switch {
			case t.is(TokStr1) || t.is(TokVar1):
				ok = true // shifted, then reduced into the string below it
			case t.is(TokPunct) && text(t) == ",":
				ok, state, need, top = true, stValueStart, vbase+2, vbase+2
			case t.is(TokPunct) && text(t) == ";":
				ok, state, need, top = true, stStmt, b+2, b
			}
		case stErrParam:
			if t.is(TokPunct) && text(t) == ";" {
				ok, state, need, top = true, stStmt, b+2, b
			}
		}
		if ok && need > yyMaxTop {
			report(t, posAt(t), t.endLine(), fmt.Sprintf(
				"jail blocks nested too deeply (%d levels here): jail(8)'s parser stack overflows at this token and it stops with \"yacc stack overflow\"; FreeBSD's jail(8) accepts at most %d nested blocks, and fewer before a statement with values; nest less deeply", len(blocks), maxNesting))
			return res
		}
		if ok {
			shift(t)
			i++
			if state == stStmt && len(blocks) == 0 && i-lastCut >= batch {
				res.cuts = append(res.cuts, i)
				lastCut = i
			}
			continue
		}
		// Syntax error at t.
		if errflag == 0 {
			var blk *open
			if len(blocks) > 0 {
				blk = &blocks[len(blocks)-1]
			}
			value := func(t tok) string {
				if state == stInString {
					return src[valStart:t.end()]
				}
				return text(t)
			}
			at, msg := explain(state, t, prev, name, nameIsVar, src, after, value)
			if at.Offset < 0 {
				at = posAt(t)
			}
			jl := t.endLine()
			if t.is(lexer.EOF) {
				jl = 0
				if blk != nil && t.start() == len(src) {
					msg = fmt.Sprintf("unexpected end of file: the jail block %q opened at line %d is not closed", text(blk.name), blk.brace.line())
				}
			}
			report(t, at, jl, msg)
		}
		if errflag < 3 {
			// byacc pops to the innermost statement list and shifts the
			// error token there.
			errflag, state, top = 3, stErrParam, b+1
			if top > yyMaxTop {
				report(t, posAt(t), t.endLine(), "jail blocks nested too deeply: jail(8)'s parser stack overflows here and it stops with \"yacc stack overflow\"; nest less deeply")
				return res
			}
			continue // re-examine t after shifting the error token
		}
		if t.is(lexer.EOF) {
			return res
		}
		i++ // discard t
	}
	return res
}

// explain words a syntax error at token t in state st. It returns the
// position to report (Offset -1: at t) and the message.
func explain(st checkState, t, prev, name tok, nameIsVar bool, src string,
	after func(tok) Pos, text func(tok) string) (Pos, string) {
	none := Pos{Offset: -1}
	tt := src[t.start():t.end()]
	if t.is(TokBad) {
		c := src[t.start()]
		if c == '\r' {
			return none, "carriage return outside quotes (a CRLF line ending): FreeBSD 13.x and older reject it; convert the file to LF line endings"
		}
		return none, fmt.Sprintf("invalid byte 0x%02X outside quotes: jail(8) rejects it; remove it or put it in double quotes", c)
	}
	if t.is(lexer.EOF) {
		if rest := src[t.start():]; rest != "" {
			if rest[0] == 0 {
				return none, "a NUL byte ends the input here: jail(8) stops reading at it, in the middle of a statement"
			}
			return none, fmt.Sprintf("non-ASCII byte 0x%02X outside quotes: jail(8) rejects it (on amd64 it reads as the end of the file, here in the middle of a statement; on arm64 it is a syntax error); put the value in double quotes", rest[0])
		}
		switch st {
		case stAfterName, stInString:
			return after(prev), fmt.Sprintf("unexpected end of file: missing \";\" after %q", text(prev))
		case stValueStart:
			return after(prev), fmt.Sprintf("unexpected end of file: missing value after %q", text(prev))
		}
		return none, "unexpected end of file"
	}
	switch st {
	case stStmt:
		switch tt {
		case "}":
			return none, `unexpected "}": there is no open jail block to close`
		case "{":
			return none, `unexpected "{": a jail block needs a name before "{"`
		}
		return none, fmt.Sprintf("unexpected %q: expected a parameter name, a jail name or \"}\"", tt)
	case stAfterName:
		switch {
		case t.is(TokStr1) || t.is(TokVar1):
			if tt == "*" || strings.Contains(text(name), "*") {
				full := src[name.start():t.end()]
				for k := t.end(); k < len(src) && !strings.ContainsRune(" \t\r\n{;", rune(src[k])); k++ {
					full = src[name.start() : k+1]
				}
				return none, fmt.Sprintf("unquoted wildcard in a jail name: jail(8) reads %s as separate pieces; quote it: \"%s\" {", full, full)
			}
			return none, fmt.Sprintf("a name must be a single word: %q is glued to %q; quote the whole name", text(name), tt)
		case tt == "{" && nameIsVar:
			return none, fmt.Sprintf("a jail name cannot be a variable (%s): write the name itself", text(name))
		case tt == "{":
			return none, "nested jail blocks need FreeBSD 14.0 or newer (check --target)"
		case tt == "}":
			return after(prev), fmt.Sprintf("missing \";\" after %q: every statement ends with \";\", also the last one in a block", text(prev))
		case tt == ",":
			return none, fmt.Sprintf("unexpected \",\" after %q: missing value", text(prev))
		}
		return none, fmt.Sprintf("unexpected %q after %q", tt, text(name))
	case stValueStart:
		switch {
		case tt == ";" && text(prev) == ",":
			return after(prev), `trailing "," before ";": remove it, or write "" for an empty item`
		case tt == "," && text(prev) == ",":
			return none, `empty list item: write "" for an empty value`
		case tt == ";" || tt == "}":
			return after(prev), fmt.Sprintf("missing value after %q: write \"\" for an empty value", text(prev))
		}
		return none, fmt.Sprintf("unexpected %q: expected a value after %q", tt, text(prev))
	case stInString:
		rest := src[prev.end():]
		if strings.HasPrefix(rest, "//") || strings.HasPrefix(rest, "#") || strings.HasPrefix(rest, "/*") {
			return after(prev), fmt.Sprintf("missing \";\" after %q: the %q right after it starts a comment in an unquoted value; put the value in double quotes", text(prev), rest[:1+strings.IndexAny(rest[1:2], "/*")+1])
		}
		switch {
		case t.is(TokStr) || t.is(TokVar):
			if t.line() == prev.endLine() {
				return after(prev), fmt.Sprintf("missing \",\" or \";\" between %q and %q: quote a value that contains spaces", text(prev), tt)
			}
			return after(prev), fmt.Sprintf("missing \";\" after %q", text(prev))
		case tt == "}":
			return after(prev), fmt.Sprintf("missing \";\" after %q: every statement ends with \";\", also the last one in a block", text(prev))
		case tt == "{":
			return none, `unexpected "{": a jail name must be a single word; quote a name with spaces`
		}
		return none, fmt.Sprintf("unexpected %q after the value %q", tt, text(prev))
	}
	return none, fmt.Sprintf("unexpected %q", tt)
}
