// Package fix applies lint fixes to a fixpoint and keeps a fix only when
// every configuration that reads a file it edits still resolves the same,
// apart from what the applied fixes declare they change; Write then
// commits the fixed files as one transaction. Fixes change only the
// statements they fix: every other byte of a file stays as it was.
package fix

import (
	"sort"
	"strings"

	"github.com/jailfmt/jailfmt/fsutil"
	"github.com/jailfmt/jailfmt/lint"
	"github.com/jailfmt/jailfmt/resolve"
	"github.com/jailfmt/jailfmt/source"
)

// maxRounds bounds the fix loop: fixes that conflict wait for the next
// round, and a fix may enable another.
const maxRounds = 10

// Job says what to fix and how to judge it.
type Job struct {
	// Configs are the configurations whose findings are fixed: a
	// fragment's roots, or the file itself when it is a configuration.
	Configs []*Config
	// File, when set, limits the findings fixed and reported to that file
	// (a fragment judged through Configs); findings are reported once
	// even when several configurations see them.
	File string
	// AlsoFix names more files (by fsutil.Identity) whose findings are
	// fixed, though only File's are reported: the other inputs of an
	// invocation, so that one job fixes every fragment of a configuration
	// given as an input and the later jobs of its other fragments find
	// nothing left to fix.
	AlsoFix map[string]bool
	// LocalOnly applies only fixes that mean the same whatever includes
	// the file (lint.Fix.Local): File is a fragment whose configurations
	// are unknown. NoRoot explains, in the message of each fix it keeps
	// back, how to name them.
	LocalOnly bool
	NoRoot    string
	// Readers returns the other configurations that read a file (by its
	// name as a configuration names it); they are judged too. An error
	// (a configuration that does not load) withholds the fixes that edit
	// the file. Nil: none.
	Readers func(file string) ([]*Config, error)
	// ReadOnly says why a file must not be edited ("" when it may be).
	ReadOnly func(file string) string
	Lint     lint.Options
	Select   func(*lint.Rule) bool
	// Found, when set, returns a configuration's findings as it was
	// loaded (lint.Run of its Result with Lint and Select, indexed), so
	// that the jobs of one invocation that share a configuration lint it
	// once.
	Found func(*Config) *Findings
	// Accepted, when set, is called once a trial's fixes are accepted,
	// with the size of the texts of the fixed configurations it loaded,
	// before they are linted: the caller may collect garbage there (the
	// trial's parses and the prints it compared are all garbage now).
	Accepted func(texts int)
}

// File is one changed file.
type File struct {
	Name     string // as the configuration that read it names it
	Old, New string
}

// Withheld is a fix that was not applied, and why.
type Withheld struct {
	Diag   *lint.Diagnostic
	Reason string
}

// Outcome is the result of a Job.
type Outcome struct {
	Files    []File // changed files, by name
	Applied  []*lint.Diagnostic
	Withheld []Withheld
	// Findings are what is left after fixing, as Diagnose finds them
	// (Merge reports them); a finding whose fix was withheld says why and
	// has no fix.
	Findings []Sourced
}

// run is one Job in progress.
type run struct {
	job    *Job
	staged map[string]string // identity -> text
	old    map[string]File   // identity -> name and first text
	// cur holds Configs as staged now: nil for one that reads no staged
	// text (its Result).
	cur      []*resolve.Result
	found    []*Findings // the findings of each of cur, once linted
	changes  map[string]bool
	withheld map[string]string // fix key -> reason
	out      *Outcome
	readers  map[string][]*Config // by identity
	unread   map[string]error     // Readers' errors, by identity
	// roundTexts are the staged texts a round's fixes were computed on,
	// and base the configurations as they read them.
	roundTexts map[string]string
	base       map[*Config]*resolve.Result
	ids        ids
	prints     map[*Config]before
}

// before is a configuration as loaded before fixing, as prints.
type before struct {
	jails  []jailPrint
	njails int
}

// state returns the i-th configuration as staged now.
func (r *run) state(i int) *resolve.Result {
	if r.cur[i] != nil {
		return r.cur[i]
	}
	return r.job.Configs[i].Result()
}

// lint returns the findings of the i-th configuration as staged now,
// linting each state once: the round that finds no more fixes has linted
// the final states, whose findings are then reported.
func (r *run) lint(i int) *Findings {
	if r.found[i] == nil {
		if r.cur[i] == nil && r.job.Found != nil {
			r.found[i] = r.job.Found(r.job.Configs[i])
		} else {
			r.found[i] = Index(lint.Run(r.state(i), r.job.Lint, r.job.Select))
		}
	}
	return r.found[i]
}

// printsOf returns c's prints, taken once; then c lets its loaded
// configuration go.
func (r *run) printsOf(c *Config) before {
	p, ok := r.prints[c]
	if !ok {
		p.jails, p.njails = printsOf(c.Result())
		r.prints[c] = p
		c.release()
	}
	return p
}

// Run applies the job's fixes to a fixpoint (at most maxRounds rounds);
// it lets the configurations' loaded forms go (see Config).
// Each round, every configuration's findings are collected, overlapping
// fixes wait for the next round, and the rest are applied together if
// every configuration that reads an edited file still resolves the same
// (see differences); otherwise the fixes to blame are withheld, naming
// the configuration and the jail they would change (see bisect).
func Run(job *Job) *Outcome {
	r := &run{job: job, staged: map[string]string{}, old: map[string]File{}, changes: map[string]bool{},
		withheld: map[string]string{}, out: &Outcome{}, readers: map[string][]*Config{}, unread: map[string]error{}, ids: ids{},
		cur: make([]*resolve.Result, len(job.Configs)), found: make([]*Findings, len(job.Configs)),
		prints: map[*Config]before{}}
	for round := 0; round < maxRounds; round++ {
		fixes := r.candidates()
		if len(fixes) == 0 {
			break
		}
		for _, c := range job.Configs {
			r.printsOf(c)
		}
		// Each round applies or withholds at least one fix, and a
		// withheld fix is not tried again.
		r.roundTexts, r.base = r.staged, map[*Config]*resolve.Result{}
		r.bisect(selectFixes(fixes), nil)
	}
	ids := make([]string, 0, len(r.staged))
	for id := range r.staged {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return r.old[ids[i]].Name < r.old[ids[j]].Name })
	for _, id := range ids {
		if f := r.old[id]; r.staged[id] != f.Old {
			r.out.Files = append(r.out.Files, File{Name: f.Name, Old: f.Old, New: r.staged[id]})
		}
	}
	found := make([][]*lint.Diagnostic, len(job.Configs))
	for i := range job.Configs {
		found[i] = r.lint(i).In(job.File)
	}
	r.out.Findings = diagnose(job.Configs, found, job.File, r.withheld)
	for _, c := range job.Configs {
		// An invocation keeps its jobs (and their configurations) to the
		// end: only the texts, unless asked for again.
		c.release()
	}
	return r.out
}

// key identifies a fix across rounds and configurations, leaving out
// where it stands (earlier fixes move it): a withheld fix stays withheld,
// and so does an identical fix elsewhere in the file (to the safe side).
func key(d *lint.Diagnostic, cache ids) string {
	var b strings.Builder
	for i, s := range []string{d.Rule.ID, cache.of(d.File), d.Message, d.Fix.Message} {
		if i > 0 {
			b.WriteByte(0)
		}
		b.WriteString(s)
	}
	for _, e := range d.Fix.Edits {
		b.WriteByte(0)
		b.WriteString(e.New)
	}
	return b.String()
}

// candidates returns this round's fixes, once each, withholding those
// the job does not allow.
func (r *run) candidates() []*lint.Diagnostic {
	var out []*lint.Diagnostic
	type at struct {
		key        string
		start, end int
	}
	seen := map[at]bool{}
	only := ""
	if r.job.File != "" {
		only = r.ids.of(r.job.File)
	}
	for i := range r.cur {
		for _, d := range r.lint(i).fixable {
			if only != "" {
				if id := r.ids.of(d.File); id != only && !r.job.AlsoFix[id] {
					continue
				}
			}
			k := key(d, r.ids)
			a := at{k, d.Pos.Offset, d.End.Offset}
			if seen[a] || r.withheld[k] != "" {
				continue
			}
			seen[a] = true
			if r.job.LocalOnly && !d.Fix.Local {
				r.withhold(d, k, r.job.NoRoot)
				continue
			}
			if why := r.readOnly(d); why != "" {
				r.withhold(d, k, why)
				continue
			}
			out = append(out, d)
		}
	}
	return out
}

func (r *run) readOnly(d *lint.Diagnostic) string {
	if r.job.ReadOnly == nil {
		return ""
	}
	for _, e := range d.Fix.Edits {
		if why := r.job.ReadOnly(e.File.Name); why != "" {
			return why
		}
	}
	return ""
}

func (r *run) withhold(d *lint.Diagnostic, k, reason string) {
	r.withheld[k] = reason
	r.out.Withheld = append(r.out.Withheld, Withheld{Diag: d, Reason: reason})
}

// bisect tries to apply fixes on top of the ones accepted this round
// (all computed on the round's texts): all at once; else the fixes that
// alone touch a jail that changed are withheld and the rest tried again;
// else each half.
func (r *run) bisect(fixes, accepted []*lint.Diagnostic) []*lint.Diagnostic {
	if len(fixes) == 0 {
		return accepted
	}
	trial := append(append([]*lint.Diagnostic(nil), accepted...), fixes...)
	f := r.try(trial)
	if f == nil {
		r.out.Applied = append(r.out.Applied, fixes...)
		return trial
	}
	if len(fixes) == 1 {
		r.withhold(fixes[0], key(fixes[0], r.ids), f.reason)
		return accepted
	}
	if culprits := r.blame(fixes, f); len(culprits) > 0 {
		var rest []*lint.Diagnostic
		for _, d := range fixes {
			if why, ok := culprits[d]; ok {
				r.withhold(d, key(d, r.ids), why)
			} else {
				rest = append(rest, d)
			}
		}
		return r.bisect(rest, accepted)
	}
	half := len(fixes) / 2
	accepted = r.bisect(fixes[:half], accepted)
	return r.bisect(fixes[half:], accepted)
}

// failure is why a trial set of fixes was rejected: the jails it would
// change, and the first reason.
type failure struct {
	reason string
	diffs  []blamed
}

// blamed is a jail of a configuration that a trial would change.
type blamed struct {
	cfg    *Config
	jail   *jailPrint // as the configuration had it before fixing
	reason string
}

// try applies fixes (non-overlapping, all computed on the round's texts)
// and judges every configuration that reads an edited file; when all
// pass, the result becomes the staged state, else it says why not.
func (r *run) try(fixes []*lint.Diagnostic) *failure {
	texts := r.apply(fixes)
	staged := map[string]string{}
	for id, t := range r.staged {
		staged[id] = t
	}
	for id, t := range texts {
		staged[id] = t
	}
	changes := map[string]bool{}
	for c := range r.changes {
		changes[c] = true
	}
	for _, d := range fixes {
		for _, c := range d.Fix.Changes {
			changes[c] = true
		}
	}
	f := &failure{}
	judge := func(c *Config, res *resolve.Result, prefix string) {
		b := r.printsOf(c)
		diffs, err := differences(b.jails, b.njails, res, changes, r.job.Lint.Harden)
		if err != nil && f.reason == "" {
			f.reason = prefix + oneLine(err.Error())
		}
		for _, d := range diffs {
			f.diffs = append(f.diffs, blamed{c, d.jail, prefix + oneLine(d.msg)})
		}
	}
	cur := make([]*resolve.Result, len(r.job.Configs))
	for i, c := range r.job.Configs {
		res, touched := c.load(staged)
		if touched {
			cur[i] = res
			judge(c, res, "not applied: it would change, in "+c.Name+", ")
		}
	}
	for id := range texts {
		readers, err := r.readersOf(id)
		if err != nil && f.reason == "" {
			f.reason = "not applied: " + oneLine(err.Error())
		}
		for _, c := range readers {
			judge(c, c.Load(staged), "not applied: "+c.Name+" also reads "+r.old[id].Name+", and there it would change ")
		}
	}
	if f.reason == "" && len(f.diffs) == 0 {
		for i := range cur {
			if cur[i] != nil || r.cur[i] != nil {
				r.found[i] = nil // a new state, to lint
			}
		}
		r.staged, r.changes, r.cur = staged, changes, cur
		// The next round lints the fixed configurations without the
		// prints, which are taken again (the configurations loaded again
		// from the texts first read) only if it finds more fixes to try:
		// every run lints once more, few find more.
		r.prints = map[*Config]before{}
		if r.job.Accepted != nil {
			n := 0
			for i, res := range cur {
				if res != nil {
					n += r.job.Configs[i].textBytes(staged)
				}
			}
			r.job.Accepted(n)
		}
		return nil
	}
	if f.reason == "" {
		f.reason = f.diffs[0].reason
	}
	return f
}

// blame returns the fixes that are the only ones, of fixes, to touch a
// jail the failed trial changes (an edit in a statement that gives the
// jail a value, in its block, or in a wildcard block that reaches it),
// with the reason. Attribution only picks what to withhold: whatever is
// applied still passes a trial.
func (r *run) blame(fixes []*lint.Diagnostic, f *failure) map[*lint.Diagnostic]string {
	idx := newEditIndex(fixes)
	out := map[*lint.Diagnostic]string{}
	finders := map[*resolve.Result]*jailFinder{}
	for _, d := range f.diffs {
		base := r.baseOf(d.cfg)
		if finders[base] == nil {
			finders[base] = newJailFinder(base)
		}
		j := finders[base].find(d.jail)
		if j == nil {
			continue
		}
		touching := map[*lint.Diagnostic]bool{}
		for _, sp := range spansOf(base, j) {
			idx.touching(sp, touching)
		}
		if len(touching) == 1 {
			for fx := range touching {
				if _, ok := out[fx]; !ok {
					out[fx] = d.reason
				}
			}
		}
	}
	return out
}

// baseOf returns a configuration as it reads this round's texts: the
// texts the round's fixes were computed on.
func (r *run) baseOf(c *Config) *resolve.Result {
	if res, ok := r.base[c]; ok {
		return res
	}
	res := c.Load(r.roundTexts)
	r.base[c] = res
	return res
}

func oneLine(s string) string { return strings.ReplaceAll(s, "\n", " ") }

// readersOf returns the configurations, other than the job's, that read
// the file with identity id.
func (r *run) readersOf(id string) ([]*Config, error) {
	if cs, ok := r.readers[id]; ok || r.job.Readers == nil {
		return cs, r.unread[id]
	}
	cs, err := r.job.Readers(r.old[id].Name)
	if err != nil {
		r.readers[id], r.unread[id] = nil, err
		return nil, err
	}
	var out []*Config
	for _, c := range cs {
		mine := false
		for _, j := range r.job.Configs {
			mine = mine || fsutil.Identity(j.Name) == fsutil.Identity(c.Name)
		}
		if !mine {
			out = append(out, c)
		}
	}
	r.readers[id] = out
	return out, nil
}

// selectFixes keeps the fixes whose edits overlap no earlier kept fix
// (the others wait for the next round; an identical edit asked for by two
// fixes counts once).
func selectFixes(fixes []*lint.Diagnostic) []*lint.Diagnostic {
	taken := map[string][]lint.Edit{} // by file identity, sorted by Start
	cache := ids{}
	var out []*lint.Diagnostic
	for _, d := range fixes {
		ok := true
		for _, e := range d.Fix.Edits {
			if !fits(taken[cache.of(e.File.Name)], e) {
				ok = false
			}
		}
		if !ok {
			continue
		}
		for _, e := range d.Fix.Edits {
			id := cache.of(e.File.Name)
			taken[id] = insertEdit(taken[id], e)
		}
		out = append(out, d)
	}
	return out
}

// fits reports whether e overlaps none of the sorted edits t (an equal
// edit fits). Two insertions at one offset overlap: their order would be
// arbitrary.
func fits(t []lint.Edit, e lint.Edit) bool {
	i := sort.Search(len(t), func(i int) bool { return t[i].Start >= e.Start })
	for _, k := range []int{i - 1, i} {
		if k < 0 || k >= len(t) {
			continue
		}
		s := t[k]
		if sameEdit(s, e) {
			continue
		}
		if e.Start < s.End && s.Start < e.End || e.Start == s.Start && (e.Start == e.End || s.Start == s.End) {
			return false
		}
	}
	return true
}

func sameEdit(a, b lint.Edit) bool { return a.Start == b.Start && a.End == b.End && a.New == b.New }

// insertEdit adds e to the sorted edits t unless an equal edit is there.
func insertEdit(t []lint.Edit, e lint.Edit) []lint.Edit {
	i := sort.Search(len(t), func(i int) bool { return t[i].Start >= e.Start })
	for k := i; k < len(t) && t[k].Start == e.Start; k++ {
		if sameEdit(t[k], e) {
			return t
		}
	}
	t = append(t, lint.Edit{})
	copy(t[i+1:], t[i:])
	t[i] = e
	return t
}

// apply returns the new text of every file the fixes edit, by identity,
// recording each file's first text.
func (r *run) apply(fixes []*lint.Diagnostic) map[string]string {
	edits := map[string][]lint.Edit{}
	src := map[string]*source.File{}
	for _, d := range fixes {
		for _, e := range d.Fix.Edits {
			id := r.ids.of(e.File.Name)
			edits[id] = insertEdit(edits[id], e)
			src[id] = e.File
		}
	}
	out := map[string]string{}
	for id, es := range edits {
		f := src[id]
		if _, ok := r.old[id]; !ok {
			r.old[id] = File{Name: f.Name, Old: f.Src}
		}
		var b strings.Builder
		n := len(f.Src)
		for _, e := range es {
			n += len(e.New) - (e.End - e.Start)
		}
		b.Grow(n)
		prev := 0
		for _, e := range es {
			b.WriteString(f.Src[prev:e.Start])
			b.WriteString(e.New)
			prev = e.End
		}
		b.WriteString(f.Src[prev:])
		out[id] = b.String()
	}
	return out
}

// Write commits the changed files of one invocation (the Files of every
// job, each file once) as one transaction: all are written or none (see
// fsutil.ReplaceAll).
func Write(files []File) error {
	changes := make([]fsutil.Change, len(files))
	for i, f := range files {
		changes[i] = fsutil.Change{Path: f.Name, Old: []byte(f.Old), New: []byte(f.New)}
	}
	return fsutil.ReplaceAll(changes)
}
