package lint

import (
	"runtime"
	"strings"
	"sync"

	"github.com/jailfmt/jailfmt/freebsd"
	"github.com/jailfmt/jailfmt/parser"
	"github.com/jailfmt/jailfmt/resolve"
)

// stmtRef is a parameter or variable statement with its decoded name.
type stmtRef struct {
	f    *parser.File
	st   *parser.Stmt
	name string
	info *nameInfo       // nil for variables
	rec  *resolve.Record // the record it belongs to
}

// nameRef is a distinct parameter name and its catalogue entry.
type nameRef struct {
	name string
	info *nameInfo
}

// nameInfo is what the catalogue says about one parameter name, worked
// out once per distinct name.
type nameInfo struct {
	ref       freebsd.Ref
	misplaced string // the name meant by a misplaced "no" prefix, or ""
}

// splitMin is the number of items from which split shares a rule's
// loop among several goroutines.
const splitMin = 2048

// split calls fn(q, lo, hi) over [0, n): for a large n in pieces on
// several goroutines, each q a copy of p with diagnostics of its own,
// added to p's in order afterwards, so that the findings are those of one
// call over all of it. fn must only read what the rules share (shared's
// lazily built parts are guarded by sync.Once). A rule that outweighs all
// the others (JF2001 on a fleet of legacy jails) then no longer runs
// alone on one CPU at the end.
func (p *Pass) split(n int, fn func(q *Pass, lo, hi int)) {
	k := min(runtime.GOMAXPROCS(0), n/splitMin)
	if k < 2 {
		fn(p, 0, n)
		return
	}
	found := make([][]*Diagnostic, k)
	var wg sync.WaitGroup
	for w := range k {
		wg.Add(1)
		go func() {
			defer wg.Done()
			q := *p
			q.diags = &found[w]
			fn(&q, w*n/k, (w+1)*n/k)
		}()
	}
	wg.Wait()
	for _, d := range found {
		*p.diags = append(*p.diags, d...)
	}
}

// shared is what the rules of one run share, built before they start:
// the statements, grouped by name, what each name is, every jail's
// System V IPC state, and the record index.
type shared struct {
	stmts  []stmtRef
	byName map[string][]int // parameter statements by name, in order
	names  []nameRef        // the keys of byName, in order of first use
	vars   map[string]bool  // names of variables
	sysv   []sysvState      // by Jail.Index
	probes []sysvState      // by Jail.Index of Result.Probes
	index  *index

	orderOnce sync.Once
	order     map[*parser.Stmt]int    // index in stmts
	recs      map[*resolve.Record]int // index in Result.Records
	// watched[j][k] is jail j's parameter watchedNames[k] (or its "no"
	// form), found in one pass over each jail instead of one scan per
	// rule and name.
	watched [][len(watchedNames)]*resolve.Param // by Jail.Index

	refsOnce sync.Once
	refs     map[string]bool // names used as $variables anywhere

	originsOnce sync.Once
	origins     []originValue // see eachOriginValue
}

// prepare builds the shared data: the statement list, the per-jail
// watched parameters and SysV states, and the record index, the three
// in parallel.
func (p *Pass) prepare() {
	c := p.shared
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		p.collectStatements()
	}()
	go func() {
		defer wg.Done()
		p.idx()
	}()
	c.watched = make([][len(watchedNames)]*resolve.Param, len(p.Result.Jails))
	for i, j := range p.Result.Jails {
		w := &c.watched[i]
		for _, prm := range j.Params {
			if k, ok := watchedKey(prm.Name); ok && w[k] == nil {
				w[k] = prm
			}
		}
	}
	c.sysv = make([]sysvState, len(p.Result.Jails))
	for i, j := range p.Result.Jails {
		c.sysv[i] = sysvOf(p, j)
	}
	c.probes = make([]sysvState, len(p.Result.Probes))
	for i, j := range p.Result.Probes {
		c.probes[i] = sysvOf(p, j)
	}
	wg.Wait()
}

// collectStatements lists every parameter and variable statement with
// its decoded name and catalogue entry, and groups them by name. The
// records hold every statement with the name the resolver decoded.
func (p *Pass) collectStatements() {
	c := p.shared
	c.byName = map[string][]int{}
	c.vars = map[string]bool{}
	infos := map[string]*nameInfo{}
	n := 0
	for _, r := range p.Result.Records {
		n += len(r.Stmts)
	}
	c.stmts = make([]stmtRef, 0, n)
	for _, r := range p.Result.Records {
		for k, src := range r.Stmts {
			name := r.Names[k]
			var info *nameInfo
			if !src.Stmt.Name.Var {
				info = infos[name]
				if info == nil {
					info = &nameInfo{ref: freebsd.Lookup(name)}
					info.misplaced, _ = freebsd.MisplacedNo(name)
					infos[name] = info
					c.names = append(c.names, nameRef{name, info})
				}
			}
			if info != nil {
				c.byName[name] = append(c.byName[name], len(c.stmts))
			} else {
				c.vars[name] = true
			}
			c.stmts = append(c.stmts, stmtRef{src.File, src.Stmt, name, info, r})
		}
	}
}

// eachParam calls fn for every parameter statement (not variables) whose
// name keep accepts (nil: all), with its decoded name and catalogue
// entry. keep is asked once per distinct name, so a rule about a few
// names does not visit every statement; the statements of one name come
// in order (Run sorts the findings).
func (p *Pass) eachParam(keep func(name string, info *nameInfo) bool, fn func(f *parser.File, st *parser.Stmt, name string, info *nameInfo)) {
	c := p.shared
	if keep == nil {
		for _, s := range c.stmts {
			if s.info != nil {
				fn(s.f, s.st, s.name, s.info)
			}
		}
		return
	}
	for _, n := range c.names {
		if !keep(n.name, n.info) {
			continue
		}
		for _, i := range c.byName[n.name] {
			s := &c.stmts[i]
			fn(s.f, s.st, s.name, s.info)
		}
	}
}

// defined reports whether a parameter or variable statement anywhere
// has the name.
func (p *Pass) defined(name string) bool {
	return len(p.shared.byName[name]) > 0 || p.shared.vars[name]
}

// named returns the parameter statements with one of the names, in
// source order, as indexes into statements().
func (p *Pass) named(names ...string) []int {
	var lists [][]int
	for _, n := range names {
		if l := p.shared.byName[n]; len(l) > 0 {
			lists = append(lists, l)
		}
	}
	switch len(lists) {
	case 0:
		return nil
	case 1:
		return lists[0]
	}
	var out []int
	for len(lists) > 0 { // merge the sorted lists
		m := 0
		for k := range lists {
			if lists[k][0] < lists[m][0] {
				m = k
			}
		}
		out = append(out, lists[m][0])
		if lists[m] = lists[m][1:]; len(lists[m]) == 0 {
			lists = append(lists[:m], lists[m+1:]...)
		}
	}
	return out
}

// hasVariable reports whether a variable is defined whose name jail(8)
// would confuse with the parameter name (equalopts: also its "no" form).
func (p *Pass) hasVariable(param string) bool {
	return p.shared.vars[param] || p.shared.vars["no"+param]
}

// referenced reports whether any value refers to name as a variable
// ($name or ${name}); deleting such a parameter would break the
// substitution.
func (p *Pass) referenced(name string) bool {
	c := p.shared
	c.refsOnce.Do(func() {
		c.refs = map[string]bool{}
		for _, s := range c.stmts {
			for i := range s.st.Tail.Values {
				if v := &s.st.Tail.Values[i]; v.HasVars() {
					for _, r := range v.Decode().Vars {
						c.refs[r.Name] = true
					}
				}
			}
		}
	})
	return c.refs[name]
}

// watchedNames are the parameters rules look up in every jail.
var watchedNames = [...]string{"allow.sysvipc", "sysvmsg", "sysvsem", "sysvshm", "vnet", "mount.devfs",
	"devfs_ruleset", "enforce_statfs", "allow.raw_sockets", "allow.chflags", "securelevel", "children.max"}

var watchedIndex = func() map[string]int {
	m := map[string]int{}
	for i, n := range watchedNames {
		m[n] = i
	}
	return m
}()

// watchedKey finds the watched name a parameter name is the same option
// as (resolve.EqualOpts: a "no" on any one component).
func watchedKey(name string) (int, bool) {
	if k, ok := watchedIndex[name]; ok {
		return k, true
	}
	if !strings.Contains(name, "no") {
		return 0, false
	}
	for i := 0; i < len(name); i++ {
		if (i == 0 || name[i-1] == '.') && strings.HasPrefix(name[i:], "no") {
			if k, ok := watchedIndex[name[:i]+name[i+2:]]; ok {
				return k, true
			}
		}
	}
	return 0, false
}

// lookup returns jail j's parameter name (or its "no" form), as
// resolve.Jail.Lookup does, using the shared index for watched names.
func (p *Pass) lookup(j *resolve.Jail, name string) *resolve.Param {
	if k, ok := watchedIndex[name]; ok && p != nil && j.Index < len(p.shared.watched) && p.Result.Jails[j.Index] == j {
		return p.shared.watched[j.Index][k]
	}
	return j.Lookup(name)
}

// sysv returns a jail's (or a probe's) System V IPC state.
func (p *Pass) sysv(j *resolve.Jail) sysvState {
	if j.Probe {
		return p.shared.probes[j.Index]
	}
	return p.shared.sysv[j.Index]
}

// applied returns where a statement stands in the order jail(8) applies
// statements to every jail: records in sequence order, each record's
// statements in file order (resolve's merge walks them so for each jail).
func (p *Pass) applied(st *parser.Stmt) int {
	p.orderIndex()
	return p.shared.order[st]
}

// recordIndex returns a record's position in Result.Records.
func (p *Pass) recordIndex(r *resolve.Record) int {
	p.orderIndex()
	return p.shared.recs[r]
}

// orderIndex builds (once, when a rule first needs it) the maps behind
// applied and recordIndex.
func (p *Pass) orderIndex() {
	c := p.shared
	c.orderOnce.Do(func() {
		c.order = make(map[*parser.Stmt]int, len(c.stmts))
		for i := range c.stmts {
			c.order[c.stmts[i].st] = i
		}
		c.recs = make(map[*resolve.Record]int, len(p.Result.Records))
		for i, r := range p.Result.Records {
			c.recs[r] = i
		}
	})
}
