package migrate

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/jailfmt/jailfmt/diff"
)

// finish computes the diffs and the steps every migration leaves to the
// admin.
func (p *Plan) finish(harden bool) {
	iocageChanged := false
	for _, c := range p.Changes {
		old := c.Path + ".orig"
		if c.Create {
			old = "/dev/null"
		}
		c.Diff = diff.Unified(old, c.Path, c.Old, c.New)
		if strings.HasSuffix(c.Path, ".json") {
			iocageChanged = true
		}
	}
	if len(p.Changes) > 0 {
		msg := "restart the jails whose files change (service jail restart NAME, or iocage restart NAME): running jails keep what they were started with; "
		if harden {
			msg += "those marked (changes) in the table then get their own System V IPC namespace: check that no software shares IPC objects with the host"
		} else {
			msg += "the table shows they get the same System V IPC"
		}
		p.Manual = append(p.Manual, msg)
	}
	if iocageChanged {
		p.Manual = append(p.Manual, "do not run iocage set allow_sysvipc=... on a running jail: iocage then sends allow.sysvipc alone with jail -m, which the kernel reads as inherit for all three until the next restart")
	}
}

// Text writes the plan for a person: per file what changes and why, the
// diffs (when diffs is true), the SysV IPC table, what is left to do by
// hand and the problems.
func (p *Plan) Text(w io.Writer, diffs bool) {
	if len(p.Changes) == 0 {
		fmt.Fprintln(w, "nothing to change")
	}
	for _, c := range p.Changes {
		what := "change"
		if c.Create {
			what = "create"
		}
		fmt.Fprintf(w, "%s %s:\n", what, c.Path)
		for _, r := range c.Why {
			if r.Rule != "" {
				fmt.Fprintf(w, "  %s %s\n", r.Rule, r.Msg)
			} else {
				fmt.Fprintf(w, "  %s\n", r.Msg)
			}
		}
	}
	for _, c := range p.Changes {
		if diffs {
			fmt.Fprint(w, c.Diff)
		}
	}
	if len(p.Jails) > 0 {
		fmt.Fprintln(w, "System V IPC per jail (sysvmsg sysvsem sysvshm), before -> after:")
		width := 0
		for _, j := range p.Jails {
			width = max(width, len(j.Name))
		}
		for _, j := range p.Jails {
			mark := ""
			if j.Before != j.After {
				mark = "  (changes)"
			}
			fmt.Fprintf(w, "  %-*s  %s -> %s  %s%s\n", width, j.Name, strings.Join(j.Before[:], " "), strings.Join(j.After[:], " "), j.Source, mark)
		}
	}
	if len(p.Manual) > 0 {
		fmt.Fprintln(w, "by hand:")
		for _, m := range p.Manual {
			fmt.Fprintf(w, "  - %s\n", m)
		}
	}
	for _, pr := range p.Problems {
		if strings.HasPrefix(pr.Msg, pr.Path+":") {
			fmt.Fprintf(w, "error: %s\n", pr.Msg) // the message names the position
		} else {
			fmt.Fprintf(w, "error: %s: %s\n", pr.Path, pr.Msg)
		}
	}
}

// JSON writes the plan as one JSON object for configuration management.
func (p *Plan) JSON(w io.Writer) error {
	out := *p
	for _, s := range []*[]string{&out.Manual} {
		if *s == nil {
			*s = []string{}
		}
	}
	if out.Changes == nil {
		out.Changes = []*Change{}
	}
	if out.Jails == nil {
		out.Jails = []Jail{}
	}
	if out.Problems == nil {
		out.Problems = []Problem{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
