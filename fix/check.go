package fix

import (
	"fmt"
	"sort"
	"strings"

	"github.com/jailfmt/jailfmt/lint"
	"github.com/jailfmt/jailfmt/resolve"
)

// jailsOf returns the jails whose meaning a fix must keep: every jail of
// the configuration, then its probes (the jails a wildcard block or the
// global record would reach if they were defined later; see
// resolve.Options.Probes).
func jailsOf(res *resolve.Result) []*resolve.Jail {
	return append(res.Jails[:len(res.Jails):len(res.Jails)], res.Probes...)
}

// findJail returns the jail of res that j stands for: the same index
// among real jails, the same name among probes (a fix that removes an
// emptied wildcard block removes its probe, so probes are matched by
// name), or nil.
func findJail(res *resolve.Result, j *resolve.Jail) *resolve.Jail {
	if !j.Probe {
		if j.Index < len(res.Jails) {
			return res.Jails[j.Index]
		}
		return nil
	}
	for _, p := range res.Probes {
		if p.Name == j.Name {
			return p
		}
	}
	return nil
}

// jailDiff is a jail that fixing changed, as before has it, and how.
type jailDiff struct {
	jail *resolve.Jail
	msg  string
}

// differences returns the jails that after resolves otherwise than
// before: another System V IPC setting (with harden, inherit may become
// new), or other parameters apart from those named in changes (compared
// as jail(8) compares names, so allow.nomount covers allow.mount). An
// error means the configurations cannot be compared jail by jail.
func differences(before, after *resolve.Result, changes map[string]bool, harden bool) ([]jailDiff, error) {
	for _, d := range after.Diags {
		if !d.Warning {
			return nil, fmt.Errorf("it would no longer load: %v (a jailfmt bug, please report it)", d)
		}
	}
	if len(before.Jails) != len(after.Jails) {
		return nil, fmt.Errorf("the number of jails (%d, now %d)", len(before.Jails), len(after.Jails))
	}
	keep := func(name string) bool {
		for c := range changes {
			if resolve.EqualOpts(c, name) {
				return false
			}
		}
		return true
	}
	var out []jailDiff
	for _, a := range jailsOf(before) {
		// A probe that is gone belonged to a wildcard block the fix
		// emptied and removed; the rules check (lint's property tests)
		// that such a block decided nothing a later jail would get.
		if b := findJail(after, a); b != nil {
			if msg := jailChange(a, b, keep, harden); msg != "" {
				out = append(out, jailDiff{a, msg})
			}
		}
	}
	return out, nil
}

// jailChange says how b differs from a ("" when it does not).
func jailChange(a, b *resolve.Jail, keep func(string) bool, harden bool) string {
	x, y := lint.SysV(a), lint.SysV(b)
	for r, name := range lint.SysVParams {
		if x[r] != y[r] && !(harden && x[r] == "inherit" && y[r] == "new") {
			return fmt.Sprintf("jail %q: %s from %s to %s", a.Name, name, x[r], y[r])
		}
	}
	if sameKept(a, b, keep) {
		return ""
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
	return fmt.Sprintf("jail %q: %s becomes %s", a.Name, render(a), render(b))
}

// sameKept reports whether a and b have the same name, failure and kept
// parameters with the same values (a jail's parameter names are
// distinct: jail(8) merges equal options into one), compared directly so
// that only a jail that changed is rendered.
func sameKept(a, b *resolve.Jail, keep func(string) bool) bool {
	if a.Name != b.Name || a.Failed != b.Failed {
		return false
	}
	n := 0
	for _, p := range a.Params {
		if !keep(p.Name) {
			continue
		}
		n++
		q := b.Param(p.Name)
		if q == nil || len(q.Values) != len(p.Values) {
			return false
		}
		for i := range p.Values {
			if p.Values[i].Text != q.Values[i].Text {
				return false
			}
		}
	}
	for _, q := range b.Params {
		if keep(q.Name) {
			n--
		}
	}
	return n == 0
}
