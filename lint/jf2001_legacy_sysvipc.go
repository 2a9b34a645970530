package lint

import (
	"fmt"
	"slices"
	"strings"

	"github.com/jailfmt/jailfmt/freebsd"
	"github.com/jailfmt/jailfmt/parser"
	"github.com/jailfmt/jailfmt/resolve"
)

func init() {
	register(&Rule{
		ID: "JF2001", Name: "legacy-sysvipc", Severity: Warning, Since: "0.1", Fixable: true,
		Title: "allow.sysvipc / allow.nosysvipc instead of sysvmsg, sysvsem and sysvshm",
		Doc: "Since FreeBSD 11.0 each System V IPC resource has its own jail parameter, `sysvmsg`, " +
			"`sysvsem` and `sysvshm`, with the values `disable`, `new` (a private namespace) and `inherit` " +
			"(the parent's namespace; for a top-level jail, the host's). The old `allow.sysvipc` is deprecated: " +
			"the kernel reads it as `inherit` for every resource that is not set explicitly, and " +
			"`allow.nosysvipc` (or `allow.sysvipc = 0`) as `disable`. An explicit `sysvR` always wins over it, " +
			"whatever the order. The fix removes the statement and writes the three parameters with the values " +
			"every jail it reaches has today, and jails defined later too (a statement outside any block, or in " +
			"a wildcard block, reaches them): once, at the same place, with the few jails that differ keeping " +
			"their own value in their own block; otherwise in each jail's own block. A value libjail refuses " +
			"(`allow.sysvipc = yes`) is never fixed: what it meant is not known. With --harden it writes `new` where the faithful value is `inherit`, " +
			"which changes behaviour: the jail gets its own IPC namespace instead of sharing the host's.",
		Bad:  "www {\n\tallow.sysvipc;\n}",
		Good: "www {\n\tsysvmsg = inherit;\n\tsysvsem = inherit;\n\tsysvshm = inherit;\n}",
		Source: "sys/kern/sysv_msg.c `msg_prison_set` (sysv_sem.c and sysv_shm.c alike): an explicit sysvR wins, " +
			"else allow.sysvipc means inherit and allow.nosysvipc disable, else a new jail has it disabled.",
		Guarantee: "Every `sysvR` it writes reaches only jails with no explicit `sysvR` and has the value each of them has " +
			"today, so each jail keeps its IPC namespaces; only `allow.sysvipc` (the flag `security.jail.sysvipc_allowed` " +
			"reports inside the jail) changes.",
		Run: runLegacySysvipc,
	})
}

// sysvAssign[r][v] is the statement that sets resource r to value v.
var sysvAssign = func() (a [3][3]string) {
	for r, name := range sysvParams {
		for v, val := range freebsd.JailsysNames {
			a[r][v] = name + " = " + val + ";"
		}
	}
	return
}()

func runLegacySysvipc(p *Pass) {
	if !p.hasSysvParams() {
		return // before 11.0 allow.sysvipc is the only way
	}
	legacy := p.legacyStmts()
	p.split(len(legacy), func(p *Pass, lo, hi int) { legacySysvipc(p, legacy[lo:hi]) })
}

// legacySysvipc reports the legacy statements stmts (indexes into the
// shared statements).
func legacySysvipc(p *Pass, stmts []int) {
	messages := map[string]string{} // by name and value: most files repeat one or two
	for _, i := range stmts {
		ref := &p.shared.stmts[i]
		f, st, name := ref.f, ref.st, ref.name
		jails := p.reached(ref)
		val, okVal := stmtBool(p, ref, jails)
		key := fmt.Sprint(name, okVal && val)
		msg, ok := messages[key]
		if !ok {
			if okVal && val {
				msg = name + " is deprecated since FreeBSD 11.0: the kernel reads it as sysvmsg, sysvsem and sysvshm = inherit wherever they are not set, which shares the host's System V IPC objects with the jail; write the three parameters instead (inherit keeps today's behaviour, new gives the jail its own namespace)"
			} else {
				msg = name + " is deprecated since FreeBSD 11.0: the kernel reads it as sysvmsg, sysvsem and sysvshm = disable wherever they are not set; write the three parameters instead"
			}
			messages[key] = msg
		}
		switch {
		case hasVars(st) && okVal:
			p.Report(f, st, msg+"; its value comes from a variable, so it is not fixed automatically", nil)
			continue
		case hasVars(st):
			p.Report(f, st, name+" is deprecated since FreeBSD 11.0: write sysvmsg, sysvsem and sysvshm instead; its value comes from a variable that differs between the jails it reaches, so it is not fixed automatically", nil)
			continue
		case !okVal:
			v := st.Tail.Values[len(st.Tail.Values)-1].Decode().Text
			p.Report(f, st, fmt.Sprintf("%s = %q: libjail refuses it (\"%s: unknown boolean value \\\"%s\\\"\") and the jail does not start; jailfmt does not guess what it meant: write sysvmsg, sysvsem and sysvshm = disable (no System V IPC), new (a private namespace) or inherit (the host's, what allow.sysvipc = true gave)", name, shorten(v), name, shorten(v)), nil)
			continue
		}
		fix, why, hardened := legacyFix(p, ref, val, jails)
		if fix == nil && why != "" {
			msg += "; not fixed automatically: " + why
		}
		if fix != nil && p.Opts.Harden && hardened {
			msg += "; --harden writes new instead of inherit, which changes behaviour: a private IPC namespace instead of the host's"
		}
		p.Report(f, st, msg, fix)
	}
}

// hasSysvParams reports whether the target release has sysvmsg, sysvsem
// and sysvshm (FreeBSD 11.0 added them, spec §5.4): no fix may write
// them for an older one.
func (p *Pass) hasSysvParams() bool {
	t := p.Opts.Target
	return t == (freebsd.Release{}) || !t.Before(freebsd.Lookup("sysvmsg").Since)
}

// legacyChanges are the parameters a legacy-sysvipc fix may change.
var legacyChanges = []string{"allow.sysvipc", "sysvmsg", "sysvsem", "sysvshm"}

// stmtBool reads the boolean an allow.sysvipc statement sets (with the
// "no" prefix applied). A value with variables is read from the jails
// the statement decides, after substitution; ok is false when they
// disagree or the value is not a boolean.
func stmtBool(p *Pass, ref *stmtRef, jails []*resolve.Jail) (bool, bool) {
	st := ref.st
	v, ok := true, true
	if n := len(st.Tail.Values); n > 0 {
		if hasVars(st) {
			found := false
			for _, j := range jails {
				if !decides(p, j, st) {
					continue
				}
				lp := p.lookup(j, "allow.sysvipc")
				jv, jok := boolValue(lp)
				if !jok || found && jv != v {
					return false, false
				}
				v, found = jv, true
			}
			if !found {
				return false, false
			}
		} else {
			v, ok = freebsd.ParseBool(st.Tail.Values[n-1].Decode().Text)
		}
	}
	if strings.HasSuffix(ref.name, "nosysvipc") {
		v = !v
	}
	return v, ok
}

// legacyFix builds the fix for one legacy statement st, whose value is
// mine (disable or inherit), from what each jail it reaches (probes
// included) has today. For each resource R:
//   - when no jail takes R from st (each sets R, or another legacy
//     statement decides), nothing is written for R;
//   - otherwise "R = mine" replaces st in place if that changes no jail:
//     a jail whose own R is applied after st keeps it, one that already
//     has mine does not change;
//   - the few jails it would change get their own value in their own
//     block, applied after st (the exceptions); a jail whose value comes
//     from a legacy statement in its own block gets that statement's own
//     fix, so that the two fixes agree and no block holds a statement
//     twice;
//   - failing that, each jail that takes R from st gets R in its own
//     block, and nothing is written in place.
//
// Every value written is the one the jail has today (new for inherit with
// --harden), so the fixes of several statements also combine safely. why
// says why there is no fix; hardened, whether --harden changed a value.
func legacyFix(p *Pass, ref *stmtRef, val bool, jails []*resolve.Jail) (fix *Fix, why string, hardened bool) {
	fix, why, hardened, _ = legacyFixDepth(p, ref, val, jails, 0)
	return fix, why, hardened
}

// legacyFixDepth is legacyFix; depth 1 builds the fix of a later legacy
// statement for an exception, which may not need one of its own. placed
// tells the resources written in place.
func legacyFixDepth(p *Pass, ref *stmtRef, val bool, jails []*resolve.Jail, depth int) (fix *Fix, why string, hardened bool, placed [3]bool) {
	f, st := ref.f, ref.st
	mine := sysDisable
	if val {
		mine = sysInherit
	}
	harden := func(v int) int {
		if p.Opts.Harden && v == sysInherit {
			return sysNew
		}
		return v
	}
	if p.referenced(ref.name) {
		return nil, "its value is used as a variable", false, placed
	}
	for _, name := range sysvParams {
		if p.hasVariable(name) || p.referenced(name) {
			return nil, "a variable named " + name + " would clash with the parameter", false, placed
		}
	}
	at := -1 // p.applied(st), when first needed
	for _, j := range jails {
		s := p.sysv(j)
		if s.legacy != nil && !s.legacyOK {
			return nil, fmt.Sprintf("jail %q does not start (its allow.sysvipc value is not a boolean)", j.Name), false, placed
		}
		for r := range sysvParams {
			if s.val[r] == sysInvalid {
				return nil, fmt.Sprintf("jail %q does not start (its %s value is invalid)", j.Name, sysvParams[r]), false, placed
			}
		}
	}
	var inPlace []string
	var own map[*resolve.Jail][]string // statements to add to a jail's block
	var ownOrder []*resolve.Jail
	var replaced map[*parser.Stmt]bool // other legacy statements replaced by their own fix
	var replacements []Edit
	addOwn := func(j *resolve.Jail, stmt string) {
		if own == nil {
			own = map[*resolve.Jail][]string{}
		}
		if _, ok := own[j]; !ok {
			ownOrder = append(ownOrder, j)
		}
		own[j] = append(own[j], stmt)
	}
	writable := func(j *resolve.Jail) bool {
		b := j.Record.Source
		return !j.Probe && b.Stmt != nil && b.Stmt.Body != nil && b.File != nil
	}
	anchor := -1 // a resource that may be written in place although no jail needs it
	for r := range sysvParams {
		needs := 0 // jails that take R from st
		var hurt []*resolve.Jail
		for _, j := range jails {
			s := p.sysv(j)
			e := s.explicit[r]
			if e == nil && decides(p, j, st) {
				needs++
			}
			after := false
			if e != nil && len(e.Sources) > 0 {
				if at < 0 {
					at = p.applied(st)
				}
				after = p.applied(lastSource(e).Stmt) > at
			}
			if !after && s.val[r] != mine {
				hurt = append(hurt, j)
			}
		}
		if needs == 0 {
			if len(hurt) == 0 && anchor < 0 {
				anchor = r
			}
			continue
		}
		// In place, with exceptions for the jails that would change: one
		// whose value comes from a later legacy statement keeps it when that
		// statement is replaced by its own fix (in this fix too); any other
		// gets its value in its own block, which must be applied after st.
		exceptionsOK := true
		var later []*stmtRef
		for _, j := range hurt {
			s := p.sysv(j)
			if l := lastSource(s.legacy); s.explicit[r] == nil && s.legacy != nil && l.Stmt != st {
				if lref := &p.shared.stmts[p.applied(l.Stmt)]; !slices.Contains(later, lref) {
					later = append(later, lref)
				}
			} else if !writable(j) || p.recordIndex(j.Record) < p.recordIndex(ref.rec) {
				exceptionsOK = false
				break
			}
		}
		if exceptionsOK && len(later) > 0 && depth > 0 {
			return nil, "", false, placed
		}
		var more []Edit // the later statements' own fixes
		moreH := false
		for _, lref := range later {
			if !exceptionsOK {
				break
			}
			if replaced[lref.st] {
				continue
			}
			lval, lok := stmtBool(p, lref, p.reached(lref))
			var lfix *Fix
			if lok && !hasVars(lref.st) {
				var lh bool
				var lplaced [3]bool
				lfix, _, lh, lplaced = legacyFixDepth(p, lref, lval, p.reached(lref), depth+1)
				moreH = moreH || lh
				if !lplaced[r] {
					lfix = nil // its jails must get R at its place, after st
				}
			}
			if lfix == nil {
				exceptionsOK = false
				break
			}
			more = append(more, lfix.Edits...)
		}
		if exceptionsOK {
			if replaced == nil {
				replaced = map[*parser.Stmt]bool{}
			}
			for _, lref := range later {
				replaced[lref.st] = true
			}
			replacements = append(replacements, more...)
			hardened = hardened || moreH
		}
		if exceptionsOK {
			v := harden(mine)
			hardened = hardened || v != mine
			inPlace = append(inPlace, sysvAssign[r][v])
			placed[r] = true
			for _, j := range hurt {
				s := p.sysv(j)
				if s.explicit[r] == nil && s.legacy != nil && lastSource(s.legacy).Stmt != st {
					continue // its own legacy statement's fix keeps it
				}
				v := harden(s.val[r])
				hardened = hardened || v != s.val[r]
				addOwn(j, sysvAssign[r][v])
			}
			continue
		}
		// Each jail that takes R from st gets it in its own block.
		for _, j := range jails {
			if p.sysv(j).explicit[r] != nil || !decides(p, j, st) {
				continue
			}
			if !writable(j) {
				if j.Probe {
					return nil, fmt.Sprintf("a jail defined later would take %s from it, and %s = %s here would change the jails that get another value before this statement", sysvParams[r], sysvParams[r], freebsd.JailsysNames[mine]), false, placed
				}
				return nil, fmt.Sprintf("jail %q has no block of its own to take %s", j.Name, sysvParams[r]), false, placed
			}
			v := harden(p.sysv(j).val[r])
			hardened = hardened || v != p.sysv(j).val[r]
			addOwn(j, sysvAssign[r][v])
		}
	}
	fix = &Fix{Message: "replace " + ref.name + " with sysvmsg, sysvsem and sysvshm", Changes: legacyChanges}
	var edit func() Edit // the edit at st
	switch {
	case len(inPlace) > 0:
		edit = func() Edit { return replaceStmt(f, st, inPlace) }
	case !p.movesGlobals(st):
		edit = func() Edit { return removeStmt(ref) }
	case anchor >= 0:
		// The first parameter outside any block anchors the global record
		// (spec §3.3): keep a statement in its place.
		v := harden(mine)
		hardened = hardened || v != mine
		edit = func() Edit { return replaceStmt(f, st, []string{sysvAssign[anchor][v]}) }
		placed[anchor] = true
	default:
		return nil, "this is the first parameter outside any block, and since FreeBSD 14.0 it decides where all of them apply, so removing it would change other settings", false, placed
	}
	if p.Opts.NoEdits && depth == 0 && len(ownOrder) == 0 && len(replacements) == 0 {
		// One edit overlaps no other: the fix stands without its text.
		return fix, "", hardened, placed
	}
	fix.Edits = append(fix.Edits, edit())
	for _, j := range ownOrder {
		b := j.Record.Source
		fix.Edits = append(fix.Edits, insertInBlock(b.File, b.Stmt, own[j]))
	}
	edits, ok := disjoint(append(fix.Edits, replacements...))
	if !ok {
		return nil, "the statements it would write overlap the fix of another allow.sysvipc", false, placed
	}
	fix.Edits = edits
	return fix, "", hardened, placed
}

// disjoint drops repeated edits and reports whether the others neither
// overlap nor insert at one place (which would write two statements in
// an order no rule chose).
func disjoint(edits []Edit) ([]Edit, bool) {
	out := edits[:0]
	for _, e := range edits {
		dup := false
		for _, o := range out {
			if o == e {
				dup = true
				break
			}
			if o.File == e.File && (e.Start < o.End && o.Start < e.End || e.Start == o.Start) {
				return nil, false
			}
		}
		if !dup {
			out = append(out, e)
		}
	}
	return out, true
}

// decides reports whether st is the statement that set the jail's
// allow.sysvipc (the last one applied).
func decides(p *Pass, j *resolve.Jail, st *parser.Stmt) bool {
	lp := p.lookup(j, "allow.sysvipc")
	return lp != nil && len(lp.Sources) > 0 && lp.Sources[len(lp.Sources)-1].Stmt == st
}
