package lint

import (
	"sort"
	"strings"
	"sync"

	"github.com/jailfmt/jailfmt/freebsd"

	"github.com/jailfmt/jailfmt/parser"
	"github.com/jailfmt/jailfmt/resolve"
)

// The System V IPC resources and their jail parameters.
var sysvParams = [3]string{"sysvmsg", "sysvsem", "sysvshm"}

// jailsys values (freebsd.Sys*), and sysInvalid for a value libjail or
// the kernel refuses.
const (
	sysDisable = freebsd.SysDisable
	sysNew     = freebsd.SysNew
	sysInherit = freebsd.SysInherit
	sysInvalid = -1
)

// jailsysValue reads a jailsys parameter as libjail does
// (freebsd.ParseJailsys on the last value; no value means new), with
// sysInvalid for what libjail or the kernel (anything but 0, 1, 2)
// refuses.
func jailsysValue(p *resolve.Param) int {
	if len(p.Values) == 0 {
		return sysNew
	}
	v, ok := freebsd.ParseJailsys(p.Values[len(p.Values)-1].Text)
	if !ok || v < sysDisable || v > sysInherit {
		return sysInvalid
	}
	return v
}

// sysvState is a jail's effective System V IPC setting, as the kernel's
// msg/sem/shm_prison_set compute it (spec §5.2): an explicit sysvR wins;
// otherwise allow.sysvipc true means inherit and false means disable;
// otherwise the resource is disabled.
type sysvState struct {
	val      [3]int
	explicit [3]*resolve.Param
	legacy   *resolve.Param // allow.sysvipc / allow.nosysvipc, if set
	legacyOK bool           // legacy has a valid boolean value
}

func sysvOf(p *Pass, j *resolve.Jail) sysvState {
	var s sysvState
	s.legacy = p.lookup(j, "allow.sysvipc")
	legacyVal := sysDisable
	if s.legacy != nil {
		v, ok := boolValue(s.legacy)
		s.legacyOK = ok
		if strings.HasSuffix(s.legacy.Name, "nosysvipc") {
			v = !v
		}
		if v {
			legacyVal = sysInherit
		}
	}
	for r, name := range sysvParams {
		if prm := p.lookup(j, name); prm != nil {
			s.explicit[r] = prm
			s.val[r] = jailsysValue(prm)
			if prm.Name != name { // nosysvmsg: "unknown parameter"
				s.val[r] = sysInvalid
			}
			continue
		}
		s.val[r] = legacyVal
	}
	return s
}

// legacyStmts returns every allow.sysvipc / allow.nosysvipc statement.
func (p *Pass) legacyStmts() []int { return p.named("allow.sysvipc", "allow.nosysvipc") }

// index holds what rules need about the records.
type index struct {
	// anchors are the bare top-level statements that stand before the
	// first block after the global record's position, when the record
	// also has statements after that block: deleting them all would move
	// the record past the block (see movesGlobals).
	anchors map[*parser.Stmt]bool

	reachOnce sync.Once
	reach     map[*resolve.Record][]*resolve.Jail // see reached
}

// idx builds (once per run) the record index.
func (p *Pass) idx() *index {
	if p.shared.index != nil {
		return p.shared.index
	}
	ix := &index{}
	recs := p.Result.Records
	for i, r := range recs {
		if r.Name != "*" || r.Source.Stmt == nil || r.Source.Stmt.Body != nil {
			continue // not the global record
		}
		if i+1 < len(recs) {
			next, first := recs[i+1].Source, r.Stmts[0]
			run := 1
			for run < len(r.Stmts) {
				s := r.Stmts[run]
				if s.File != first.File || s.File != next.File || s.Stmt.Pos().Offset > next.Stmt.Pos().Offset {
					break
				}
				run++
			}
			if run < len(r.Stmts) {
				ix.anchors = map[*parser.Stmt]bool{}
				for _, s := range r.Stmts[:run] {
					ix.anchors[s.Stmt] = true
				}
			}
		}
		break
	}
	p.shared.index = ix
	return ix
}

// reached returns the jails a parameter statement is applied to, the
// probes (hypothetical jails, resolve.Result.Probes) that a wildcard or
// global statement reaches included: the SysV fixes must keep what the
// statement will give jails defined later, too. The jails of every
// wildcard record are found once, each jail trying only the records
// that can match it (resolve.WildIndex), not every record on every jail.
func (p *Pass) reached(ref *stmtRef) []*resolve.Jail {
	r := ref.rec
	if !r.Wild {
		return r.Jails
	}
	ix := p.idx()
	ix.reachOnce.Do(func() { ix.reach = wildReach(p.Result) })
	return ix.reach[r]
}

// wildReach maps each wildcard record to the jails and then the probes
// it reaches, in order.
func wildReach(res *resolve.Result) map[*resolve.Record][]*resolve.Jail {
	var wild []*resolve.Record
	var names []string
	for _, r := range res.Records {
		if r.Wild {
			wild, names = append(wild, r), append(names, r.Name)
		}
	}
	wx := resolve.NewWildIndex(names)
	reach := make(map[*resolve.Record][]*resolve.Jail, len(wild))
	var match []int
	for _, js := range [2][]*resolve.Jail{res.Jails, res.Probes} {
		for _, j := range js {
			match = wx.Matches(j.Name, match[:0])
			for _, k := range match {
				reach[wild[k]] = append(reach[wild[k]], j)
			}
		}
	}
	return reach
}

// movesGlobals reports whether deleting st could move the global record:
// since FreeBSD 14.0 all bare top-level parameters form one record that
// sits where the first of them stands, so deleting the ones before the
// next block moves the record to a later one, past the block, and changes
// what wins for every jail (spec §3.3). Fixes of several such statements
// apply together, so none of them is deleted. Statements in other files
// count as after the block, to stay on the safe side.
func (p *Pass) movesGlobals(st *parser.Stmt) bool {
	if p.Opts.Target.Legacy() {
		return false
	}
	return p.idx().anchors[st]
}

// hasVars reports whether a statement's values refer to variables:
// deleting or rewriting it could change whether a jail fails.
func hasVars(st *parser.Stmt) bool {
	for i := range st.Tail.Values {
		if st.Tail.Values[i].HasVars() {
			return true
		}
	}
	return false
}

// deleteStmt returns an edit that removes a statement together with the
// white space before it on its line (and its line, when it stood alone).
func deleteStmt(f *parser.File, st *parser.Stmt) Edit {
	start, end := st.Pos().Offset, st.End()
	ls := strings.LastIndexByte(f.Src[:start], '\n') + 1
	if strings.TrimSpace(f.Src[ls:start]) == "" {
		start = ls
	}
	rest := f.Src[end:]
	if k := strings.IndexByte(rest, '\n'); k >= 0 && strings.TrimSpace(rest[:k]) == "" && start == ls {
		end += k + 1
	}
	return Edit{File: f.File, Start: start, End: end}
}

// removeStmt returns an edit that removes a parameter statement, and
// with it a wildcard block that would be left empty (an empty "* {}"
// means nothing).
func removeStmt(ref *stmtRef) Edit {
	blk := ref.rec.Source
	if ref.rec.Wild && blk.Stmt != nil && blk.Stmt.Body != nil && blk.File == ref.f &&
		len(blk.Stmt.Body.Stmts) == 1 && len(commentsIn(ref.f, blk.Stmt.Pos().Offset, blk.Stmt.End())) == 0 {
		return deleteStmt(ref.f, blk.Stmt)
	}
	return deleteStmt(ref.f, ref.st)
}

// lineStart returns the offset of the start of the line holding off, and
// whether only white space stands between them.
func lineStart(f *parser.File, off int) (int, bool) {
	// From the file's line table, not by scanning back: a fix per
	// statement on one long line stays linear.
	ls := off - (f.Position(off).Col - 1)
	k := off
	for k > ls && strings.IndexByte(" \t\r\v\f", f.Src[k-1]) >= 0 {
		k--
	}
	return ls, k == ls
}

// indentOf returns the white space that starts the statement's line.
func indentOf(f *parser.File, st *parser.Stmt) string {
	start := st.Pos().Offset
	ls, alone := lineStart(f, start)
	if alone {
		return f.Src[ls:start]
	}
	return ""
}

// commentsIn returns the comments that start in [start, end).
func commentsIn(f *parser.File, start, end int) []*parser.Comment {
	cs := f.Comments
	i := sort.Search(len(cs), func(i int) bool { return cs[i].Pos.Offset >= start })
	k := i
	for k < len(cs) && cs[k].Pos.Offset < end {
		k++
	}
	return cs[i:k]
}

// replaceStmt returns an edit that replaces a statement with new ones
// in canonical style ("name = value;"): each on its own line, indented
// like the statement, when it started its line; else on its line,
// separated by spaces. Comments inside the statement follow the first
// new statement; a line comment among them ends its line.
func replaceStmt(f *parser.File, st *parser.Stmt, stmts []string) Edit {
	start, end := st.Pos().Offset, st.End()
	ls, alone := lineStart(f, start)
	lineIndent := f.Src[ls:start]
	sep := " "
	if alone {
		sep = "\n" + lineIndent
	} else {
		// Only the line's own indentation (the line may be long: a
		// whole configuration on one line).
		lineIndent = lineIndent[:len(lineIndent)-len(strings.TrimLeft(lineIndent, " \t"))]
	}
	var b strings.Builder
	b.WriteString(stmts[0])
	lineOpen := false // a line comment was written last: only a newline may follow
	for _, c := range commentsIn(f, start, end) {
		if lineOpen {
			b.WriteString("\n" + lineIndent)
		} else {
			b.WriteByte(' ')
		}
		b.WriteString(c.Text)
		lineOpen = c.Kind != parser.BlockComment
	}
	for _, s := range stmts[1:] {
		if lineOpen && !alone {
			b.WriteString("\n" + lineIndent)
		} else {
			b.WriteString(sep)
		}
		lineOpen = false
		b.WriteString(s)
	}
	if lineOpen && !restOfLineEmpty(f, end) {
		b.WriteString("\n" + lineIndent)
	}
	return Edit{File: f.File, Start: start, End: end, New: b.String()}
}

// restOfLineEmpty reports whether only white space follows off on its
// line.
func restOfLineEmpty(f *parser.File, off int) bool {
	rest := f.Src[off:]
	if k := strings.IndexByte(rest, '\n'); k >= 0 {
		rest = rest[:k]
	}
	return strings.TrimSpace(rest) == ""
}

// insertInBlock returns an edit that adds statements at the end of a
// jail block: each on its own line, indented like the block's statements,
// when the closing brace stands on its own line; else before the brace
// on its line.
func insertInBlock(f *parser.File, blk *parser.Stmt, stmts []string) Edit {
	at := blk.Body.Close.Pos.Offset
	ls, alone := lineStart(f, at)
	if !alone {
		pre := " "
		if at > 0 && (f.Src[at-1] == ' ' || f.Src[at-1] == '\t') {
			pre = ""
		}
		return Edit{File: f.File, Start: at, End: at, New: pre + strings.Join(stmts, " ") + " "}
	}
	indent := f.Src[ls:at] + "\t"
	for k := len(blk.Body.Stmts) - 1; k >= 0; k-- {
		if _, own := lineStart(f, blk.Body.Stmts[k].Pos().Offset); own {
			indent = indentOf(f, blk.Body.Stmts[k])
			break
		}
	}
	var b strings.Builder
	for _, s := range stmts {
		b.WriteString(indent + s + "\n")
	}
	return Edit{File: f.File, Start: ls, End: ls, New: b.String()}
}
