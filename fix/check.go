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

// sameExcept checks that every jail resolves the same in a and b apart
// from the parameters named in changes (compared as jail(8) compares
// names, so allow.nomount covers allow.mount).
func sameExcept(a, b *resolve.Result, changes map[string]bool) error {
	ja, jb := jailsOf(a), jailsOf(b)
	if len(ja) != len(jb) {
		return fmt.Errorf("the number of jails (%d, now %d)", len(ja), len(jb))
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
	for i := range ja {
		if x, y := render(ja[i]), render(jb[i]); x != y {
			return fmt.Errorf("jail %q: %s\nbecomes %s", ja[i].Name, x, y)
		}
	}
	return nil
}

// sysvSame checks that every jail's effective System V IPC setting is
// unchanged (with harden, inherit may become new).
func sysvSame(a, b *resolve.Result, harden bool) error {
	jb := jailsOf(b)
	for i, j := range jailsOf(a) {
		x, y := lint.SysV(j), lint.SysV(jb[i])
		for r, name := range lint.SysVParams {
			if x[r] != y[r] && !(harden && x[r] == "inherit" && y[r] == "new") {
				return fmt.Errorf("jail %q: %s from %s to %s", j.Name, name, x[r], y[r])
			}
		}
	}
	return nil
}

// judge checks a configuration after fixing against before: it must load,
// and every jail must resolve the same apart from changes, with the same
// System V IPC (harden: inherit may become new).
func judge(before, after *resolve.Result, changes map[string]bool, harden bool) error {
	if after.HasErrors() {
		for _, d := range after.Diags {
			if !d.Warning {
				return fmt.Errorf("it would no longer load: %v (a jailfmt bug, please report it)", d)
			}
		}
	}
	if err := sameExcept(before, after, changes); err != nil {
		return err
	}
	return sysvSame(before, after, harden)
}
