package lint

import (
	"fmt"
	"strings"

	"github.com/jailfmt/jailfmt/freebsd"
	"github.com/jailfmt/jailfmt/parser"
	"github.com/jailfmt/jailfmt/resolve"
)

func init() {
	register(&Rule{
		ID: "JF2001", Name: "legacy-sysvipc", Severity: Error, Since: "0.1", Fixable: true,
		Title: "allow.sysvipc / allow.nosysvipc instead of sysvmsg, sysvsem and sysvshm",
		Doc: "Since FreeBSD 11.0 each System V IPC resource has its own jail parameter, `sysvmsg`, " +
			"`sysvsem` and `sysvshm`, with the values `disable`, `new` (a private namespace) and `inherit` " +
			"(the parent's namespace; for a top-level jail, the host's). The old `allow.sysvipc` is deprecated: " +
			"the kernel reads it as `inherit` for every resource that is not set explicitly, and " +
			"`allow.nosysvipc` (or `allow.sysvipc = 0`) as `disable`. An explicit `sysvR` always wins over it, " +
			"whatever the order. The fix removes the statement and writes the three parameters with the values " +
			"every jail it reaches has today: at the same place when that keeps every jail's result, otherwise " +
			"in each jail's own block. With --harden it writes `new` where the faithful value is `inherit`, " +
			"which changes behaviour: the jail gets its own IPC namespace instead of sharing the host's.",
		Bad:  "www {\n\tallow.sysvipc;\n}",
		Good: "www {\n\tsysvmsg = new;\n\tsysvsem = new;\n\tsysvshm = new;\n}",
		Run:  runLegacySysvipc,
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
	messages := map[string]string{} // by name and value: most files repeat one or two
	for _, i := range p.legacyStmts() {
		ref := &p.shared.stmts[i]
		f, st, name := ref.f, ref.st, ref.name
		jails := p.reached(ref)
		val, okVal := stmtBool(st, name)
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
		if !okVal {
			p.Report(f, st, msg+"; its value is not a boolean, so it is not fixed automatically", nil)
			continue
		}
		fix, changes := legacyFix(p, f, st, val, jails)
		if fix == nil && p.movesGlobals(st) {
			msg += "; not fixed automatically: this is the first parameter outside any block, and since FreeBSD 14.0 it decides where all of them apply, so removing it would change other settings"
		}
		if fix != nil && p.Opts.Harden && changes {
			msg += "; --harden writes new instead of inherit, which changes behaviour: a private IPC namespace instead of the host's"
		}
		p.Report(f, st, msg, fix)
	}
}

// legacyChanges are the parameters a legacy-sysvipc fix may change.
var legacyChanges = []string{"allow.sysvipc", "sysvmsg", "sysvsem", "sysvshm"}

// stmtBool reads the boolean an allow.sysvipc statement sets (with the
// "no" prefix applied).
func stmtBool(st *parser.Stmt, name string) (bool, bool) {
	v, ok := true, true
	if n := len(st.Tail.Values); n > 0 {
		rp := &resolve.Param{Values: []resolve.Value{{Text: st.Tail.Values[n-1].Decode().Text}}}
		if len(st.Tail.Values[n-1].Decode().Vars) > 0 {
			return false, false
		}
		v, ok = boolValue(rp)
	}
	if strings.HasSuffix(name, "nosysvipc") {
		v = !v
	}
	return v, ok
}

// legacyFix builds the fix for one legacy statement. Every sysvR it
// writes reaches only jails with no explicit sysvR and has the value each
// of them has today, so the fixes of several statements also combine
// safely. It reports whether --harden changed a value.
func legacyFix(p *Pass, f *parser.File, st *parser.Stmt, val bool, jails []*resolve.Jail) (*Fix, bool) {
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
	if p.referenced(paramName(st)) {
		return nil, false // its value is used as a variable
	}
	for _, name := range sysvParams {
		if p.hasVariable(name) || p.referenced(name) {
			return nil, false // a sysvR parameter would clash with the variable
		}
	}
	hardened := false
	inPlace := [3]bool{true, true, true}
	for _, j := range jails {
		s := p.sysv(j)
		if s.legacy != nil && !s.legacyOK {
			return nil, false // a jail that cannot start: leave it to the user
		}
		for r := range sysvParams {
			if s.explicit[r] != nil || s.val[r] != mine {
				inPlace[r] = false
			}
		}
	}
	fix := &Fix{Message: "replace " + paramName(st) + " with sysvmsg, sysvsem and sysvshm", Changes: legacyChanges}
	var repl []string
	for r := range sysvParams {
		if inPlace[r] {
			v := harden(mine)
			hardened = hardened || v != mine
			repl = append(repl, sysvAssign[r][v])
		}
	}
	switch {
	case len(repl) > 0:
		fix.Edits = append(fix.Edits, Edit{File: f.File, Start: st.Pos().Offset, End: st.End(),
			New: strings.Join(repl, "\n"+indentOf(f, st))})
	case p.movesGlobals(st):
		return nil, false
	default:
		fix.Edits = append(fix.Edits, deleteStmt(f, st))
	}
	// Jails whose value this statement decides but that cannot share an
	// in-place replacement get their own explicit values.
	for _, j := range jails {
		s := p.sysv(j)
		if !decides(p, j, st) {
			continue
		}
		var own []string
		for r := range sysvParams {
			if !inPlace[r] && s.explicit[r] == nil {
				v := harden(s.val[r])
				hardened = hardened || v != s.val[r]
				own = append(own, sysvAssign[r][v])
			}
		}
		if len(own) == 0 {
			continue
		}
		blk := j.Record.Source.Stmt
		if blk == nil || blk.Body == nil || j.Record.Source.File == nil {
			return nil, false
		}
		at := blk.Body.Close.Pos.Offset
		fix.Edits = append(fix.Edits, Edit{File: j.Record.Source.File.File, Start: at, End: at, New: " " + strings.Join(own, " ") + " "})
	}
	return fix, hardened
}

// decides reports whether st is the statement that set the jail's
// allow.sysvipc (the last one applied).
func decides(p *Pass, j *resolve.Jail, st *parser.Stmt) bool {
	lp := p.lookup(j, "allow.sysvipc")
	return lp != nil && len(lp.Sources) > 0 && lp.Sources[len(lp.Sources)-1].Stmt == st
}
