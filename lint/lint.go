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

	"github.com/jailfmt/jailfmt/freebsd"
	"github.com/jailfmt/jailfmt/parser"
	"github.com/jailfmt/jailfmt/resolve"
	"github.com/jailfmt/jailfmt/source"
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
	Bad      string // an example that triggers the rule; a first line "# --target REL" names the release
	Good     string // the same intent, written well
	Fixable  bool   // has a fix (some only with --harden)
	// Source names the FreeBSD code that behaves as Doc says, when known.
	Source string
	// Guarantee says what the fix keeps beyond what every fix keeps.
	Guarantee string
	// Format is the input the rule judges, and the one its examples are
	// written in: jail.conf (the zero value) for every rule that reads
	// jails' parameters, whatever file they came from.
	Format source.Format
	Run    func(*Pass)
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
	File       *source.File
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
	// Local fixes mean the same whatever an including file sets before or
	// after the edited file (a value's spelling); only they are applied to
	// a fragment whose root configuration is unknown.
	Local bool
}

// Diagnostic is one finding.
type Diagnostic struct {
	Rule     *Rule
	Severity Severity
	File     string
	Source   *source.File // the file's text, for column conversions
	Pos, End parser.Pos
	Message  string
	Fix      *Fix
}

// Options control a lint run.
type Options struct {
	Target freebsd.Release
	Harden bool // fixes may harden (inherit -> new) and security fixes apply
	// NoEdits leaves every Fix without its Edits, for a run that only
	// reports (lint without --fix, -d, -l or SARIF output): the findings,
	// their messages and whether each has a fix stay the same, but no
	// replacement text is built. The fix driver needs the edits.
	NoEdits bool
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
	p.ReportRange(f, st.Pos(), f.Position(st.End()), msg, fix)
}

// ReportAt adds a diagnostic of the running rule where a value came
// from, whatever its format: the jail.conf statement, or the setting in
// an iocage, rc.conf or sysctl.conf file.
func (p *Pass) ReportAt(src resolve.Source, msg string, fix *Fix) {
	if src.Stmt == nil && src.Origin != nil {
		p.ReportRange(src.File, src.Origin.Span.Start, src.Origin.Span.End, msg, fix)
		return
	}
	p.Report(src.File, src.Stmt, msg, fix)
}

// ReportRange adds a diagnostic of the running rule for [pos, end).
func (p *Pass) ReportRange(f *parser.File, pos, end parser.Pos, msg string, fix *Fix) {
	p.ReportAs(p.rule.Severity, f, pos, end, msg, fix)
}

// ReportAs is ReportRange with a severity other than the rule's default.
func (p *Pass) ReportAs(sev Severity, f *parser.File, pos, end parser.Pos, msg string, fix *Fix) {
	p.add(&Diagnostic{Rule: p.rule, Severity: sev, File: f.Name, Source: f.File,
		Pos: pos, End: end, Message: msg, Fix: fix})
}

// add records a diagnostic of the running rule (without its fix's edits
// under NoEdits).
func (p *Pass) add(d *Diagnostic) {
	if d.Fix != nil && p.Opts.NoEdits {
		d.Fix.Edits = nil
	}
	*p.diags = append(*p.diags, d)
}

// nameEnd returns the position just past a statement's name.
func nameEnd(f *parser.File, st *parser.Stmt) parser.Pos {
	return f.Position(st.Name.Pos.Offset + len(st.Name.Raw))
}

// Run runs the rules sel accepts (nil: all) over a loaded
// configuration. Diagnostics come back sorted by file and position, with
// suppressions applied.
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
	rank := make(map[string]int, len(res.Files)) // a file's place in res.Files
	for i := len(res.Files) - 1; i >= 0; i-- {
		rank[res.Files[i].Name] = i // the first of equal names
	}
	fileIndex := func(name string) int {
		if i, ok := rank[name]; ok {
			return i
		}
		return len(res.Files)
	}
	sort.SliceStable(diags, func(i, j int) bool {
		a, b := diags[i], diags[j]
		if a.File != b.File {
			return fileIndex(a.File) < fileIndex(b.File)
		}
		if a.Pos.Offset != b.Pos.Offset {
			return a.Pos.Offset < b.Pos.Offset
		}
		return a.Rule.ID < b.Rule.ID
	})
	return diags
}

// paramName returns a parameter statement's decoded name ("" for blocks,
// empty statements and variables).
func paramName(st *parser.Stmt) string {
	if !st.IsParam() || st.Name.Var {
		return ""
	}
	return resolve.DecodeName(&st.Name)
}
