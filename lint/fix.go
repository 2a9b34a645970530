package lint

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"github.com/jailfmt/jailfmt/format"
	"github.com/jailfmt/jailfmt/parser"
	"github.com/jailfmt/jailfmt/resolve"
	"github.com/jailfmt/jailfmt/source"
)

// maxFixRounds bounds the fix loop: fixes that conflict wait for the
// next round, and a fix may enable another.
const maxFixRounds = 10

// FixResult is the outcome of fixing a configuration.
type FixResult struct {
	// Files maps each changed file's name to its new, formatted content.
	Files map[string]string
	// Result is the fixed and formatted configuration, resolved (nil
	// when nothing changed).
	Result *resolve.Result
	// Applied lists the diagnostics whose fixes were applied.
	Applied []*Diagnostic
}

// wantFix reports whether a diagnostic's fix is applied by --fix.
func wantFix(d *Diagnostic) bool { return d.Fix != nil && len(d.Fix.Edits) > 0 }

// FixAll applies fixes until none is left (or maxFixRounds), formats the
// changed files, and checks the safety net: every jail must resolve to
// the same parameters as before, except those the applied fixes declare
// they change. load re-loads the configuration from the given overlay
// (absolute path to content).
func FixAll(orig *resolve.Result, opts Options, sel func(*Rule) bool,
	load func(overlay map[string]string) *resolve.Result) (*FixResult, error) {
	overlay := map[string]string{}
	res := orig
	out := &FixResult{Files: map[string]string{}}
	changes := map[string]bool{}
	var rules []string
	for round := 0; round < maxFixRounds; round++ {
		var fixes []*Diagnostic
		for _, d := range Run(res, opts, sel) {
			if wantFix(d) {
				fixes = append(fixes, d)
			}
		}
		if len(fixes) == 0 {
			break
		}
		applied := applyFixes(fixes, overlay)
		if len(applied) == 0 {
			break
		}
		for _, d := range applied {
			for _, c := range d.Fix.Changes {
				changes[c] = true
			}
			rules = append(rules, d.Rule.ID)
		}
		out.Applied = append(out.Applied, applied...)
		res = load(overlay)
		if res.HasErrors() {
			return nil, fmt.Errorf("fixes by %s make the file fail to parse or load: %v (a jailfmt bug; nothing written)", strings.Join(uniq(rules), ", "), res.Diags[0])
		}
	}
	if len(out.Applied) == 0 {
		return out, nil
	}
	if err := sameExcept(orig, res, changes); err != nil {
		return nil, fmt.Errorf("fixes by %s would change %v; nothing written (a jailfmt bug, please report it)", strings.Join(uniq(rules), ", "), err)
	}
	if err := sysvSame(orig, res, opts.Harden); err != nil {
		return nil, fmt.Errorf("fixes by %s would change %v; nothing written (a jailfmt bug, please report it)", strings.Join(uniq(rules), ", "), err)
	}
	// Format the changed files. Included files are checked on their own;
	// the main file is checked against the fixed resolution, with the
	// formatted included files in the overlay, which also gives the
	// resolution to report what is left from.
	formatted := map[string]string{}
	var main *parser.File
	for i, f := range res.Files {
		abs, _ := filepath.Abs(f.Name)
		if _, ok := overlay[abs]; !ok {
			continue
		}
		text := parser.Format(f)
		if i == 0 {
			main = f
		} else if err := format.Check(f, text, format.Options{Target: opts.Target}); err != nil {
			return nil, fmt.Errorf("%s: formatting the fixed file failed: %v; nothing written", f.Name, err)
		}
		out.Files[f.Name] = text
		formatted[abs] = text
	}
	if main == nil {
		out.Result = load(formatted)
		return out, nil
	}
	final, err := format.CheckAgainst(main, out.Files[main.Name], format.Options{Target: opts.Target, Overlay: formatted}, res)
	if err != nil {
		return nil, fmt.Errorf("%s: formatting the fixed file failed: %v; nothing written", main.Name, err)
	}
	out.Result = final
	return out, nil
}

func uniq(s []string) []string {
	sort.Strings(s)
	out := s[:0]
	for i, x := range s {
		if i == 0 || x != s[i-1] {
			out = append(out, x)
		}
	}
	return out
}

// applyFixes applies every fix whose edits do not overlap an earlier
// applied fix (the others wait for the next round), writing the new
// sources into overlay. It returns the applied diagnostics.
func applyFixes(fixes []*Diagnostic, overlay map[string]string) []*Diagnostic {
	taken := map[*source.File][]Edit{} // sorted by Start, non-overlapping
	var applied []*Diagnostic
	// fits reports whether e overlaps no taken edit (an identical edit
	// asked for by two rules counts as the same).
	fits := func(e Edit) (bool, bool) {
		t := taken[e.File]
		i := sort.Search(len(t), func(i int) bool { return t[i].Start >= e.Start })
		for _, k := range []int{i - 1, i} {
			if k < 0 || k >= len(t) {
				continue
			}
			s := t[k]
			if s == e {
				return true, true
			}
			if e.Start < s.End && s.Start < e.End || e.Start == s.Start && (e.Start == e.End || s.Start == s.End) {
				return false, false
			}
		}
		return true, false
	}
	for _, d := range fixes {
		ok := true
		for _, e := range d.Fix.Edits {
			if fit, _ := fits(e); !fit {
				ok = false
			}
		}
		if !ok {
			continue
		}
		for _, e := range d.Fix.Edits {
			if _, dup := fits(e); dup {
				continue
			}
			t := taken[e.File]
			i := sort.Search(len(t), func(i int) bool { return t[i].Start > e.Start || t[i].Start == e.Start && e.Start != e.End })
			t = append(t, Edit{})
			copy(t[i+1:], t[i:])
			t[i] = e
			taken[e.File] = t
		}
		applied = append(applied, d)
	}
	edits := taken
	for f, es := range edits {
		var b strings.Builder
		prev := 0
		for _, e := range es {
			b.WriteString(f.Src[prev:e.Start])
			b.WriteString(e.New)
			prev = e.End
		}
		b.WriteString(f.Src[prev:])
		abs, _ := filepath.Abs(f.Name)
		overlay[abs] = b.String()
	}
	return applied
}

// sameExcept checks that every jail resolves the same in a and b apart
// from the parameters named in changes (compared as jail(8) compares
// names, so allow.nomount covers allow.mount).
func sameExcept(a, b *resolve.Result, changes map[string]bool) error {
	if len(a.Jails) != len(b.Jails) {
		return fmt.Errorf("the number of jails (%d, now %d)", len(a.Jails), len(b.Jails))
	}
	keep := func(name string) bool {
		for c := range changes {
			if resolve.EqualOpts(c, name) {
				return false
			}
		}
		return true
	}
	render := func(j *resolve.Jail) string {
		var s strings.Builder
		fmt.Fprintf(&s, "%s failed=%v", j.Name, j.Failed)
		params := append([]*resolve.Param(nil), j.Params...)
		sort.SliceStable(params, func(x, y int) bool { return params[x].Name < params[y].Name })
		for _, p := range params {
			if keep(p.Name) {
				fmt.Fprintf(&s, " %s=%q", p.Name, p.Texts())
			}
		}
		return s.String()
	}
	for i := range a.Jails {
		if x, y := render(a.Jails[i]), render(b.Jails[i]); x != y {
			return fmt.Errorf("jail %q: %s\nbecomes %s", a.Jails[i].Name, x, y)
		}
	}
	return nil
}

// sysvSame checks that every jail's effective System V IPC setting is
// unchanged (with harden, inherit may become new).
func sysvSame(a, b *resolve.Result, harden bool) error {
	for i, j := range a.Jails {
		x, y := sysvOf(nil, j).val, sysvOf(nil, b.Jails[i]).val
		for r, name := range sysvParams {
			if x[r] != y[r] && !(harden && x[r] == sysInherit && y[r] == sysNew) {
				return fmt.Errorf("jail %q: %s from %d to %d", j.Name, name, x[r], y[r])
			}
		}
	}
	return nil
}
