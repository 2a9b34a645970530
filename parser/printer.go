package parser

import (
	"strings"
)

// Verbatim prints a file back from its AST byte for byte: every
// statement's own text and the whitespace and comments between them.
func Verbatim(f *File) string {
	var b strings.Builder
	b.Grow(len(f.Src))
	off := 0
	var walk func([]*Stmt)
	walk = func(stmts []*Stmt) {
		for _, s := range stmts {
			b.WriteString(f.Src[off:s.Pos().Offset])
			if s.Body != nil {
				b.WriteString(f.Src[s.Pos().Offset : s.Body.Open.Pos.Offset+1])
				off = s.Body.Open.Pos.Offset + 1
				walk(s.Body.Stmts)
				b.WriteString(f.Src[off:s.End()])
			} else {
				b.WriteString(f.Src[s.Pos().Offset:s.End()])
			}
			off = s.End()
		}
	}
	walk(f.Stmts)
	b.WriteString(f.Src[off:])
	return b.String()
}

// Format prints a file in jailfmt's canonical style: one tab per nesting
// level, one statement per line, "name = value;" (except .include, which
// keeps its name-value form), lists on one line unless the source broke
// them across lines, blocks expanded, empty statements dropped, blank
// lines collapsed, comments kept where they stand, LF line endings and
// one final newline. Values keep their exact spelling.
func Format(f *File) string {
	p := &printer{f: f, src: f.Src}
	p.b.Grow(len(f.Src) + len(f.Src)/8)
	end := len(f.Src)
	if f.NUL >= 0 {
		end = f.NUL
	}
	p.list(f.Stmts, 0, end)
	if f.NUL >= 0 {
		p.b.WriteString(f.Src[f.NUL:])
		return p.b.String()
	}
	if p.b.Len() == 0 {
		return ""
	}
	return p.b.String()
}

type printer struct {
	f        *File
	src      string
	b        strings.Builder
	ci       int // next comment to print
	lastLine int // source line where the last printed item ended; 0: none
	// lineComment is set when the output line ends in a # or // comment,
	// so that nothing more may follow on it.
	lineComment bool
}

func (p *printer) indent(n int) {
	for i := 0; i < n; i++ {
		p.b.WriteByte('\t')
	}
}

// endsLine reports whether nothing may follow a comment on its output
// line: a line comment runs to the end of it, and after a block comment
// that spans lines, what follows would stand on another line than its
// statement when formatted again.
func endsLine(c *Comment) bool { return c.Kind != BlockComment || c.Pos.Line != c.EndLine }

// commentText returns a comment as printed: line comments lose trailing
// white space, block comments keep their text with LF line endings.
func commentText(c *Comment) string {
	if c.Kind == BlockComment {
		return strings.ReplaceAll(c.Text, "\r\n", "\n")
	}
	return strings.TrimRight(c.Text, " \t\r\v\f")
}

// blank writes one empty line when the source had one or more between the
// last printed item and an item starting on line.
func (p *printer) blank(line int) {
	if p.lastLine > 0 && line-p.lastLine >= 2 {
		p.b.WriteByte('\n')
	}
}

// ownLine prints a comment on a line of its own.
func (p *printer) ownLine(c *Comment, depth int) {
	p.blank(c.Pos.Line)
	p.indent(depth)
	p.b.WriteString(commentText(c))
	p.b.WriteByte('\n')
	p.lastLine = c.EndLine
}

// trailing prints the comments that follow on the same source line as the
// item that ended at offset end on line, up to limit.
func (p *printer) trailing(end, line, limit, depth int) {
	broken := false
	for p.ci < len(p.f.Comments) {
		c := p.f.Comments[p.ci]
		if c.Pos.Offset < end || c.Pos.Offset >= limit || c.Pos.Line != line {
			break
		}
		if p.lineComment || broken {
			// A line comment ended the line: the rest go on lines of
			// their own, as they will stand when formatted again.
			p.b.WriteByte('\n')
			p.indent(depth)
			broken = true
		} else {
			p.b.WriteByte(' ')
		}
		p.b.WriteString(commentText(c))
		p.lineComment = endsLine(c)
		p.lastLine = c.EndLine
		p.ci++
	}
}

// list prints a statement list whose enclosing block ends at offset limit.
func (p *printer) list(stmts []*Stmt, depth, limit int) {
	var items []*Stmt
	for _, s := range stmts {
		if s.Semi == nil {
			items = append(items, s)
		}
	}
	for i, s := range items {
		start := s.Pos()
		// Comments before the statement: on their own lines, or inline
		// just before it on its first line.
		var lead []*Comment
		for p.ci < len(p.f.Comments) && p.f.Comments[p.ci].Pos.Offset < start.Offset {
			c := p.f.Comments[p.ci]
			p.ci++
			if c.Kind == BlockComment && c.Pos.Line == start.Line && c.EndLine == start.Line {
				lead = append(lead, c)
				continue
			}
			for _, l := range lead {
				p.ownLine(l, depth)
			}
			lead = nil
			p.ownLine(c, depth)
		}
		first := start.Line
		if len(lead) > 0 {
			first = lead[0].Pos.Line
		}
		p.blank(first)
		p.indent(depth)
		for _, c := range lead {
			p.b.WriteString(commentText(c))
			p.b.WriteByte(' ')
		}
		if s.Body != nil {
			p.block(s, depth)
		} else {
			p.param(s, depth)
		}
		next := limit
		if i+1 < len(items) {
			next = items[i+1].Pos().Offset
		}
		p.lastLine = s.EndLine()
		p.trailing(s.End(), s.EndLine(), next, depth)
		p.b.WriteByte('\n')
		p.lineComment = false
	}
	// Comments after the last statement, before "}" or the end of file.
	for p.ci < len(p.f.Comments) && p.f.Comments[p.ci].Pos.Offset < limit {
		c := p.f.Comments[p.ci]
		p.ci++
		p.ownLine(c, depth)
	}
}

// block prints a jail block, starting at its name.
func (p *printer) block(s *Stmt, depth int) {
	p.b.WriteString(s.Name.Raw)
	body := s.Body
	p.b.WriteString(" {")
	// Comments between the name and "{", or after "{" on its line.
	closeAt := body.Close.Pos.Offset
	firstStmt := closeAt
	for _, st := range body.Stmts {
		if st.Semi == nil {
			firstStmt = st.Pos().Offset
			break
		}
	}
	wrote := false
	for p.ci < len(p.f.Comments) {
		c := p.f.Comments[p.ci]
		if c.Pos.Offset >= firstStmt || c.Pos.Offset > body.Open.Pos.Offset && c.Pos.Line != body.Open.Pos.Line {
			break
		}
		p.b.WriteByte(' ')
		p.b.WriteString(commentText(c))
		p.ci++
		wrote = true
		if endsLine(c) {
			break // nothing more fits on this line; the rest go inside the block
		}
	}
	if firstStmt == closeAt && (p.ci >= len(p.f.Comments) || p.f.Comments[p.ci].Pos.Offset >= closeAt) {
		if !wrote {
			p.b.WriteString("}")
			return
		}
		p.b.WriteByte('\n')
		p.indent(depth)
		p.b.WriteByte('}')
		return
	}
	p.b.WriteByte('\n')
	p.lastLine = 0
	p.list(body.Stmts, depth+1, closeAt)
	p.indent(depth)
	p.b.WriteByte('}')
}

// atom is one token of a parameter statement, or an interior comment.
type atom struct {
	text    string
	kind    byte // 'n' name, 'o' operator, 'v' value, ',' comma, ';' semi, 'c' comment
	line    int  // source line of its first byte
	endLine int
	comment *Comment
}

// param prints a parameter statement, starting at its name.
func (p *printer) param(s *Stmt, depth int) {
	t := &s.Tail
	atoms := []atom{{text: s.Name.Raw, kind: 'n', line: s.Name.Pos.Line, endLine: s.Name.Pos.Line}}
	// The operator's and commas' lines, from the lines before them.
	nameEnd := s.Name.Pos.Offset + len(s.Name.Raw)
	switch t.Op {
	case OpAssign, OpAppend:
		op := "="
		if t.Op == OpAppend {
			op = "+="
		}
		l := s.Name.Pos.Line + strings.Count(p.src[nameEnd:t.OpAt], "\n")
		atoms = append(atoms, atom{text: op, kind: 'o', line: l, endLine: l})
	case OpNameVal:
		if addsAssign(s, depth) {
			atoms = append(atoms, atom{text: "=", kind: 'o', line: s.Name.Pos.Line, endLine: s.Name.Pos.Line})
		}
	}
	multi := false
	prevLine := s.Name.Pos.Line
	for i := range t.Values {
		v := &t.Values[i]
		raw := v.Raw(p.src)
		endLine := v.Pos().Line + strings.Count(raw, "\n")
		if v.Pos().Line != prevLine {
			multi = true
		}
		prevLine = endLine
		atoms = append(atoms, atom{text: raw, kind: 'v', line: v.Pos().Line, endLine: endLine})
		if v.Comma > 0 {
			l := endLine + strings.Count(p.src[v.End():v.Comma], "\n")
			atoms = append(atoms, atom{text: ",", kind: ',', line: l, endLine: l})
		}
	}
	atoms = append(atoms, atom{text: ";", kind: ';', line: t.SemiAt.Line, endLine: t.SemiAt.Line})
	// Interior comments, in order, attached after the atom before them; a
	// comment just before a "," or ";" moves after it.
	var withComments []atom
	ai := 0
	positions := p.atomOffsets(s, depth)
	end := s.End()
	for p.ci < len(p.f.Comments) && p.f.Comments[p.ci].Pos.Offset < end {
		c := p.f.Comments[p.ci]
		p.ci++
		for ai < len(atoms) && positions[ai] < c.Pos.Offset {
			withComments = append(withComments, atoms[ai])
			ai++
		}
		if c.Kind != BlockComment || c.Pos.Line != c.EndLine {
			multi = true
		}
		ca := atom{text: commentText(c), kind: 'c', line: c.Pos.Line, endLine: c.EndLine, comment: c}
		if ai < len(atoms) && (atoms[ai].kind == ',' || atoms[ai].kind == ';') {
			if atoms[ai].kind == ';' {
				ca.line = atoms[ai].line // it becomes a trailing comment
			}
			withComments = append(withComments, atoms[ai]) // the comment moves after it
			ai++
		}
		withComments = append(withComments, ca)
	}
	withComments = append(withComments, atoms[ai:]...)
	if !multi {
		p.oneLine(withComments)
		return
	}
	p.multiLine(withComments, depth)
}

// addsAssign reports whether a name-value statement ("name v;") at the
// given nesting depth is printed with "=": not an .include, which needs
// that form, and not at jail(8)'s deepest nesting level, where the "="
// would take the last parser stack entry its one value needs.
func addsAssign(s *Stmt, depth int) bool { return !s.IsInclude() && depth < maxNesting }

// atomOffsets returns the source offset of each atom of a parameter
// statement (as built by param).
func (p *printer) atomOffsets(s *Stmt, depth int) []int {
	t := &s.Tail
	offs := []int{s.Name.Pos.Offset}
	switch t.Op {
	case OpAssign, OpAppend:
		offs = append(offs, t.OpAt)
	case OpNameVal:
		if addsAssign(s, depth) {
			offs = append(offs, s.Name.Pos.Offset+len(s.Name.Raw))
		}
	}
	for i := range t.Values {
		offs = append(offs, t.Values[i].Pos().Offset)
		if c := t.Values[i].Comma; c > 0 {
			offs = append(offs, c)
		}
	}
	return append(offs, t.SemiAt.Offset)
}

// oneLine prints atoms on one line with canonical spacing.
func (p *printer) oneLine(atoms []atom) {
	for i, a := range atoms {
		if i > 0 && a.kind != ',' && a.kind != ';' {
			p.b.WriteByte(' ')
		}
		p.b.WriteString(a.text)
	}
}

// multiLine prints a statement whose list the source broke across lines:
// the name and operator on the first line, then one value per line,
// indented one level more. A comment that stood on the line of the token
// before it stays there; any other comment gets a line of its own.
func (p *printer) multiLine(atoms []atom, depth int) {
	lastLine := atoms[0].line // source line of the last printed token
	fresh := false            // the output line holds only indentation
	needNL := false           // a line comment ended the output line
	ind := depth + 1          // after ";", comments stand at the statement's level
	newline := func() {
		p.b.WriteByte('\n')
		p.indent(ind)
		fresh, needNL = true, false
	}
	for _, a := range atoms {
		switch {
		case needNL || a.kind == 'v' && !fresh:
			newline()
		case a.kind == 'c' && a.line != lastLine && !fresh:
			newline()
		case a.kind == 'o' || a.kind == 'c' && !fresh:
			p.b.WriteByte(' ')
		}
		p.b.WriteString(a.text)
		fresh = false
		if a.kind == 'c' && (a.comment.Kind != BlockComment || a.line != lastLine) {
			needNL = true
		}
		p.lineComment = a.kind == 'c' && endsLine(a.comment)
		if a.kind == ';' {
			ind = depth
		}
		lastLine = a.endLine
	}
}
