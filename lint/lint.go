// Package lint holds jailfmt's rules and runs them over a loaded
// configuration. Rules see the lossless AST and every jail's resolved
// parameters (with the statements they came from) and report
// diagnostics, optionally with a fix: text edits on the source, so that
// comments around them survive.
package lint

import (
	"fmt"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/jailfmt/jailfmt/parser"
	"github.com/jailfmt/jailfmt/resolve"
)

// Severity of a diagnostic.
type Severity int

// Severities, lowest first.
const (
	Info Severity = iota
	Warning
	Error
)

func (s Severity) String() string {
	switch s {
	case Error:
		return "error"
	case Warning:
		return "warning"
	}
	return "info"
}

// ParseSeverity reads "error", "warning" or "info".
func ParseSeverity(s string) (Severity, error) {
	switch strings.ToLower(s) {
	case "error":
		return Error, nil
	case "warning":
		return Warning, nil
	case "info":
		return Info, nil
	}
	return 0, fmt.Errorf("unknown severity %q (want error, warning or info)", s)
}

// Rule is one lint rule.
type Rule struct {
	ID       string // JF + 4 digits: 1xxx validity, 2xxx legacy, 3xxx security, 4xxx portability
	Name     string // kebab-case
	Severity Severity
	Since    string // jailfmt version that added it
	Title    string // one line
	Doc      string // what FreeBSD does, and why it matters
	Bad      string // an example that triggers the rule
	Good     string // the same intent, written well
	Fixable  bool   // has a fix (some only with --harden)
	Run      func(*Pass)
}

var registry []*Rule

// register adds a rule; rules call it from init.
func register(r *Rule) { registry = append(registry, r) }

// Rules returns every rule, ordered by ID.
func Rules() []*Rule {
	out := append([]*Rule(nil), registry...)
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// Lookup finds a rule by ID or name.
func Lookup(idOrName string) *Rule {
	for _, r := range registry {
		if strings.EqualFold(r.ID, idOrName) || r.Name == idOrName {
			return r
		}
	}
	return nil
}

// Edit replaces the bytes [Start, End) of File with New.
type Edit struct {
	File       *parser.File
	Start, End int
	New        string
}

// Fix is a set of edits that resolve a diagnostic.
type Fix struct {
	Message string
	Edits   []Edit
	// Changes lists the parameters whose effective values the fix is
	// allowed to change; every other parameter of every jail must
	// resolve the same after fixing.
	Changes []string
}

// Diagnostic is one finding.
type Diagnostic struct {
	Rule     *Rule
	Severity Severity
	File     string
	Source   *parser.File // the file's text, for column conversions
	Pos, End parser.Pos
	Message  string
	Fix      *Fix
}

// Options control a lint run.
type Options struct {
	Target resolve.Target
	Harden bool // fixes may harden (inherit -> new) and security fixes apply
}

// Pass is what a rule sees.
type Pass struct {
	Result *resolve.Result
	Opts   Options
	rule   *Rule
	diags  *[]*Diagnostic
	shared *shared
}

// Report adds a diagnostic of the running rule covering the statement.
func (p *Pass) Report(f *parser.File, st *parser.Stmt, msg string, fix *Fix) {
	p.ReportRange(f, st.Pos(), endPos(f, st.End()), msg, fix)
}

// ReportRange adds a diagnostic of the running rule for [pos, end).
func (p *Pass) ReportRange(f *parser.File, pos, end parser.Pos, msg string, fix *Fix) {
	p.ReportAs(p.rule.Severity, f, pos, end, msg, fix)
}

// ReportAs is ReportRange with a severity other than the rule's default.
func (p *Pass) ReportAs(sev Severity, f *parser.File, pos, end parser.Pos, msg string, fix *Fix) {
	*p.diags = append(*p.diags, &Diagnostic{Rule: p.rule, Severity: sev, File: f.Name, Source: f,
		Pos: pos, End: end, Message: msg, Fix: fix})
}

// nameEnd returns the position just past a statement's name.
func nameEnd(f *parser.File, st *parser.Stmt) parser.Pos {
	return endPos(f, st.Name.Pos.Offset+len(st.Name.Raw))
}

// endPos computes the position of a byte offset in f.
func endPos(f *parser.File, off int) parser.Pos { return f.Position(off) }

// Run runs the selected rules over a loaded configuration. select/ignore
// name rules by ID or name (empty select: all). Diagnostics come back
// sorted by file and position, with suppressions applied.
func Run(res *resolve.Result, opts Options, sel func(*Rule) bool) []*Diagnostic {
	// The rules only read the configuration, so they run in parallel
	// over a statement list and index built once beforehand; their
	// diagnostics are joined in rule order.
	var rules []*Rule
	for _, r := range Rules() {
		if sel == nil || sel(r) {
			rules = append(rules, r)
		}
	}
	sh := &shared{}
	(&Pass{Result: res, Opts: opts, shared: sh}).prepare()
	found := make([][]*Diagnostic, len(rules))
	next := make(chan int, len(rules))
	for i := range rules {
		next <- i
	}
	close(next)
	var wg sync.WaitGroup
	for w := 0; w < min(runtime.GOMAXPROCS(0), len(rules)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				rules[i].Run(&Pass{Result: res, Opts: opts, rule: rules[i], diags: &found[i], shared: sh})
			}
		}()
	}
	wg.Wait()
	var diags []*Diagnostic
	for _, d := range found {
		diags = append(diags, d...)
	}
	diags = applyDirectives(res, diags, sel)
	sort.SliceStable(diags, func(i, j int) bool {
		a, b := diags[i], diags[j]
		if a.File != b.File {
			return fileIndex(res, a.File) < fileIndex(res, b.File)
		}
		if a.Pos.Offset != b.Pos.Offset {
			return a.Pos.Offset < b.Pos.Offset
		}
		return a.Rule.ID < b.Rule.ID
	})
	return diags
}

func fileIndex(res *resolve.Result, name string) int {
	for i, f := range res.Files {
		if f.Name == name {
			return i
		}
	}
	return len(res.Files)
}

// stmtRef is a parameter or variable statement with its decoded name.
type stmtRef struct {
	f    *parser.File
	st   *parser.Stmt
	name string
	info *nameInfo       // nil for variables
	rec  *resolve.Record // the record it belongs to
}

// nameInfo is what the catalogue says about one parameter name, worked
// out once per distinct name.
type nameInfo struct {
	ref       paramRef
	misplaced string // the name meant by a misplaced "no" prefix, or ""
}

// shared is what the rules of one run share, built before they start:
// the statements, grouped by name, what each name is, every jail's
// System V IPC state, and the record index.
type shared struct {
	stmts  []stmtRef
	byName map[string][]int // parameter statements by name, in order
	vars   map[string]bool  // names of variables
	sysv   []sysvState      // by Jail.Index
	index  *index
	// watched[j][k] is jail j's parameter watchedNames[k] (or its "no"
	// form), found in one pass over each jail instead of one scan per
	// rule and name.
	watched [][len(watchedNames)]*resolve.Param // by Jail.Index

	refsOnce sync.Once
	refs     map[string]bool // names used as $variables anywhere
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
					info = &nameInfo{ref: lookupParam(name)}
					info.misplaced, _ = misplacedNo(name)
					infos[name] = info
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

// statements returns every parameter and variable statement of every
// file, in order.
func (p *Pass) statements() []stmtRef { return p.shared.stmts }

// eachParam calls fn for every parameter statement (not variables), with
// its decoded name and catalogue entry.
func (p *Pass) eachParam(fn func(f *parser.File, st *parser.Stmt, name string, info *nameInfo)) {
	for _, s := range p.shared.stmts {
		if s.info != nil {
			fn(s.f, s.st, s.name, s.info)
		}
	}
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
				for _, v := range s.st.Tail.Values[i].Decode().Vars {
					c.refs[v.Name] = true
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

// sysv returns a jail's System V IPC state.
func (p *Pass) sysv(j *resolve.Jail) sysvState { return p.shared.sysv[j.Index] }

// paramName returns a parameter statement's decoded name ("" for blocks,
// empty statements and variables).
func paramName(st *parser.Stmt) string {
	if st.Tail == nil || st.Name.Var {
		return ""
	}
	return resolve.DecodeName(st.Name)
}
