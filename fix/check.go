package fix

import (
	"fmt"
	"sort"
	"strings"

	"github.com/jailfmt/jailfmt/lint"
	"github.com/jailfmt/jailfmt/resolve"
)

// jailsOf returns the jails whose meaning a fix must keep: every jail of
// the configuration.
func jailsOf(res *resolve.Result) []*resolve.Jail {
	return res.Jails
}

// jailDiff is a jail that fixing changed: its index in jailsOf and how.
type jailDiff struct {
	index int
	msg   string
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
	ja, jb := jailsOf(before), jailsOf(after)
	if len(ja) != len(jb) {
		return nil, fmt.Errorf("the number of jails (%d, now %d)", len(ja), len(jb))
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
	for i, a := range ja {
		if msg := jailChange(a, jb[i], keep, harden); msg != "" {
			out = append(out, jailDiff{i, msg})
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
	if ra, rb := render(a), render(b); ra != rb {
		return fmt.Sprintf("jail %q: %s becomes %s", a.Name, ra, rb)
	}
	return ""
}
