// Package parser reads jail.conf(5) files into a lossless AST, exactly as
// FreeBSD's jail(8) lexer and grammar read them, and prints them back
// either verbatim or in jailfmt's canonical style.
package parser

import (
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/alecthomas/participle/v2"

	"github.com/jailfmt/jailfmt/source"
)

// Options select the FreeBSD parser generation to emulate.
type Options struct {
	// Legacy emulates the parser of FreeBSD 13.x and older: CR is not
	// whitespace and jail blocks cannot nest.
	Legacy bool
}

// Parse parses one jail.conf file. It returns the file, or nil and every
// syntax and lexical error found (in the order jail(8) reports them).
// Warnings (a NUL or non-ASCII byte that ends the input) come back with a non-nil
// file.
func Parse(filename, src string, opt Options) (*File, []*Error) {
	lo := lexOptions{crIsByte: opt.Legacy}
	parts := scanParts(filename, src, lo, !opt.Legacy)
	if parts == nil {
		p := scanPart(filename, src, 0, 1, lo, !opt.Legacy)
		if errs := p.errors(); len(errs) > 0 {
			return nil, errs
		}
		parts = []*part{p}
	}
	last := parts[len(parts)-1].lex
	eof := last.toks[len(last.toks)-1]
	f := &File{File: source.New(filename, src, source.JailConf), NUL: last.nul}
	if err := parseParts(f, src, parts); err != nil {
		// The checker accepts exactly the language of the grammar (see
		// FuzzCheckerGrammar), so this is a bug in jailfmt; still report
		// it with a position.
		e := &Error{File: filename, Pos: Pos{Line: 1, Col: 1}, Msg: "internal parser error: " + err.Error()}
		if pe, ok := err.(participle.Error); ok {
			p := pe.Position()
			e.Pos = Pos{Offset: p.Offset, Line: p.Line, Col: p.Column}
			e.Msg = "internal parser error: " + pe.Message()
		}
		return nil, []*Error{e}
	}
	var warns []*Error
	if last.nul >= 0 {
		warns = append(warns, &Error{File: filename, Pos: Pos{Offset: eof.start(), Line: eof.line(), Col: eof.col()}, Warning: true,
			Msg: stopMessage(src, last.nul)})
	}
	return f, warns
}

// part is a piece of the file, lexed and checked on its own: the whole
// file, or a run of whole top-level statements of a large one.
type part struct {
	lex   *lexResult
	check checkResult
}

// batchTokens is about how many tokens the grammar reads in one go. Each
// run gets its own participle token list, so that list stays small and
// short-lived instead of growing to one entry per token of the file.
// lexer.Upgrade grows it from nothing with append, which doubles it up
// to 512 entries and grows it by about a quarter beyond: runs of 448
// tokens and the statement that crosses that mark mostly stay within
// 512, where the list costs about twice its tokens rather than three
// times (6% fewer bytes per parse than runs of 1024 tokens).
const batchTokens = 448

// scanPart lexes and checks src[from:] (from starts line number line).
func scanPart(filename, src string, from, line int, lo lexOptions, nested bool) *part {
	l := lex(filename, src, from, line, lo)
	return &part{lex: l, check: checkSyntax(filename, src, l.toks, nested, batchTokens)}
}

// errors returns the part's lexical and syntax errors in the order jail(8)
// reports them: by the token at which each is found (stable, so a lexical
// error goes before a syntax error found at the same token).
func (p *part) errors() []*Error {
	if len(p.lex.errs) == 0 && len(p.check.errs) == 0 {
		return nil
	}
	all := make([]keyedError, 0, len(p.lex.errs)+len(p.check.errs))
	for _, e := range p.lex.errs {
		all = append(all, keyedError{e.Pos.Offset, e})
	}
	for _, e := range p.check.errs {
		if p.lex.swallowed < 0 || e.key <= p.lex.swallowed {
			all = append(all, e)
		}
	}
	sort.SliceStable(all, func(i, j int) bool { return all[i].key < all[j].key })
	errs := make([]*Error, len(all))
	for i, k := range all {
		errs[i] = k.err
	}
	return errs
}

// parallelMin is the input size from which a file is lexed, checked and
// parsed in parts on several CPUs.
const parallelMin = 256 << 10

// scanParts lexes and checks a large file in parts on several CPUs, cut
// at line starts that look like top-level statements (a first byte that
// is neither blank nor "}"). It returns nil when the file is small or
// anything is not clean: then the file is scanned as a whole, which also
// gives the exact error messages. A cut is only accepted when the part
// before it lexes without error, ends outside any statement or block and
// holds no NUL: then the lexer and checker are in their initial state at
// the cut, so each part scans exactly as the same bytes would in one
// pass.
func scanParts(filename, src string, lo lexOptions, nested bool) []*part {
	n := min(runtime.GOMAXPROCS(0), 8)
	if len(src) < parallelMin || n < 2 {
		return nil
	}
	var cuts []int
	for k := 1; k < n; k++ {
		at := k * len(src) / n
		if len(cuts) > 0 && at <= cuts[len(cuts)-1] {
			continue
		}
		for {
			j := strings.IndexByte(src[at:], '\n')
			if j < 0 {
				break
			}
			at += j + 1
			if at < len(src) && strings.IndexByte(" \t\r\n}", src[at]) < 0 {
				cuts = append(cuts, at)
				break
			}
		}
	}
	if len(cuts) == 0 {
		return nil
	}
	parts := make([]*part, len(cuts)+1)
	var wg sync.WaitGroup
	from, line := 0, 1
	for i := range parts {
		to := len(src)
		if i < len(cuts) {
			to = cuts[i]
		}
		wg.Add(1)
		go func(i, from, to, line int) {
			defer wg.Done()
			parts[i] = scanPart(filename, src[:to], from, line, lo, nested)
		}(i, from, to, line)
		line += strings.Count(src[from:to], "\n")
		from = to
	}
	wg.Wait()
	for i, p := range parts {
		if len(p.lex.errs) > 0 || len(p.check.errs) > 0 || i < len(parts)-1 && p.lex.nul >= 0 {
			return nil
		}
	}
	return parts
}

// parseParts runs the grammar over the parts' tokens, in units of about
// batchTokens tokens cut at statement boundaries (see split), on several
// CPUs (a built participle parser is safe for concurrent use), and joins
// the statements in order. Positions are absolute, so the result is that
// of one parse of the whole file.
func parseParts(f *File, src string, parts []*part) error {
	var top []*unit
	ncomments := 0
	for _, p := range parts {
		toks := p.lex.toks
		start := 0
		for _, c := range append(p.check.cuts, len(toks)-1) {
			if c > start {
				top = append(top, split(src, toks, start, c, batchTokens)...)
			}
			start = c
		}
		ncomments += len(p.lex.comments)
		// From here on only the units hold the part's tokens, and each
		// lets go of them once parsed: a part's tokens can be collected
		// while the later parts are still being parsed.
		p.lex.toks = nil
	}
	f.Comments = make([]*Comment, 0, ncomments)
	for _, p := range parts {
		f.Comments = append(f.Comments, p.lex.comments...)
	}
	stmts, err := parseUnits(src, top)
	f.Stmts = stmts
	return err
}

// parseUnits parses the units (see split) on several CPUs and joins
// their statements.
func parseUnits(src string, top []*unit) ([]*Stmt, error) {
	var leaves []*unit
	for _, u := range top {
		leaves = u.leaves(leaves)
	}
	workers := min(runtime.GOMAXPROCS(0), len(leaves))
	var next sync.Mutex
	k := 0
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				next.Lock()
				i := k
				k++
				next.Unlock()
				if i >= len(leaves) {
					return
				}
				u := leaves[i]
				u.stmts, u.err = parseBatch(src, u.toks, u.eof)
				u.toks = nil
			}
		}()
	}
	wg.Wait()
	return join(top)
}

// unit is a piece of a file's tokens that the grammar parses on its own:
// a run of whole statements, or the frame of a long block statement (its
// name and braces: the grammar parses it as an empty block) whose
// statements are units of their own. Body = LBrace Stmt* RBrace, and
// Stmt* over a sequence of whole statements is the concatenation of
// Stmt* over any cut of it between statements, so joining the units
// gives the parse of the whole.
type unit struct {
	toks  []tok
	eof   tok // the token after toks, which the grammar reads as the end
	stmts []*Stmt
	err   error
	inner []*unit // a frame's statements; nil for a run
}

// split cuts toks[lo:hi], whole statements as the checker accepted them
// (toks[hi] follows them), into units of about n tokens: runs of
// statements, and a frame for each block statement of more than 2n
// tokens, whose statements are cut the same way. The blocks' matching
// braces are found in one pass first, so however deeply long blocks
// nest, every token is visited a bounded number of times.
func split(src string, toks []tok, lo, hi, n int) []*unit {
	if hi-lo <= 2*n {
		return []*unit{{toks: toks[lo:hi], eof: toks[hi]}}
	}
	c := &cutter{src: src, toks: toks, n: n, closing: map[int]int{}}
	var open []int
	for i := lo; i < hi; i++ {
		switch {
		case c.punct(i, '{'):
			open = append(open, i)
		case c.punct(i, '}'):
			c.closing[open[len(open)-1]] = i
			open = open[:len(open)-1]
		}
	}
	return c.cut(lo, hi)
}

// cutter is split's state: the tokens, the unit size and the index of
// each "{"'s "}".
type cutter struct {
	src     string
	toks    []tok
	n       int
	closing map[int]int
}

func (c *cutter) punct(i int, ch byte) bool {
	t := c.toks[i]
	return t.is(TokPunct) && c.src[t.start()] == ch
}

// cut splits toks[lo:hi] as split does.
func (c *cutter) cut(lo, hi int) []*unit {
	var out []*unit
	start := lo
	flush := func(to int) {
		if to > start {
			out = append(out, &unit{toks: c.toks[start:to], eof: c.toks[to]})
		}
		start = to
	}
	for i := lo; i < hi; {
		end := i + 1 // just past the statement that starts at i
		block := !c.punct(i, ';') && c.punct(i+1, '{')
		switch {
		case block:
			end = c.closing[i+1] + 1
		case !c.punct(i, ';'):
			for !c.punct(end-1, ';') {
				end++
			}
		}
		if block && end-i > 2*c.n {
			flush(i)
			shut := end - 1
			out = append(out, &unit{toks: []tok{c.toks[i], c.toks[i+1], c.toks[shut]}, eof: c.toks[end],
				inner: c.cut(i+2, shut)})
			start = end
		} else if end-start >= c.n {
			flush(end)
		}
		i = end
	}
	flush(hi)
	return out
}

// leaves appends the units the grammar parses: u, and a frame's inner
// units.
func (u *unit) leaves(out []*unit) []*unit {
	out = append(out, u)
	for _, in := range u.inner {
		out = in.leaves(out)
	}
	return out
}

// join returns the statements of units in order, each frame's block
// given the statements of its inner units.
func join(units []*unit) ([]*Stmt, error) {
	if len(units) == 1 && units[0].inner == nil {
		return units[0].stmts, units[0].err
	}
	n := 0
	for _, u := range units {
		if u.err != nil {
			return nil, u.err
		}
		n += len(u.stmts)
	}
	out := make([]*Stmt, 0, n)
	for _, u := range units {
		if u.inner != nil {
			body, err := join(u.inner)
			if err != nil {
				return nil, err
			}
			u.stmts[0].Body.Stmts = body
		}
		out = append(out, u.stmts...)
	}
	return out, nil
}
