package cmdlint

import (
	"fmt"
	"sort"
	"strings"

	"github.com/jailfmt/jailfmt/lint"
	"github.com/jailfmt/jailfmt/parser/shell"
	"github.com/jailfmt/jailfmt/source"
)

// A script's `# jailfmt:ignore RULES reason` comment silences the rules
// for the command it trails on the same line or, on a line of its own,
// for the next command; `# jailfmt:file-ignore RULES reason` for the whole
// file, as in jail.conf (lint/directives.go). Malformed directives and
// those that silence nothing are bad-directive (JF1000) findings.

type directive struct {
	comment    shell.Comment
	rules      []*lint.Rule
	start, end int
	used       bool
}

// applyDirectives drops the diagnostics directives silence and adds the
// directives' own findings.
func applyDirectives(f *source.File, s *shell.Script, diags []*lint.Diagnostic, sel func(*lint.Rule) bool) []*lint.Diagnostic {
	bad := lint.Lookup("JF1000")
	var out []*lint.Diagnostic
	report := func(c shell.Comment, msg string) {
		if sel == nil || sel(bad) {
			out = append(out, &lint.Diagnostic{Rule: bad, Severity: bad.Severity, File: f.Name, Source: f,
				Pos: c.Span.Start, End: c.Span.End, Message: msg})
		}
	}
	var dirs []*directive
	t := newTargets(s.Commands)
	for _, c := range s.Comments {
		body := strings.TrimSpace(c.Text)
		kind, rest, ok := strings.Cut(body, " ")
		if kind != "jailfmt:ignore" && kind != "jailfmt:file-ignore" {
			if strings.HasPrefix(body, "jailfmt:") {
				report(c, fmt.Sprintf("unknown directive %q: jailfmt knows jailfmt:ignore and jailfmt:file-ignore", kind))
			}
			continue
		}
		list, reason, _ := strings.Cut(strings.TrimSpace(rest), " ")
		if !ok || list == "" || strings.TrimSpace(reason) == "" {
			report(c, fmt.Sprintf("%s needs the rules and a reason: # %s JF5001 why this is fine", kind, kind))
			continue
		}
		d := &directive{comment: c}
		for _, name := range strings.Split(list, ",") {
			r := lint.Lookup(strings.TrimSpace(name))
			if r == nil {
				report(c, fmt.Sprintf("%s names an unknown rule %q; see jailfmt rules", kind, name))
				d = nil
				break
			}
			d.rules = append(d.rules, r)
		}
		if d == nil {
			continue
		}
		if kind == "jailfmt:file-ignore" {
			d.start, d.end = 0, len(f.Src)+1
		} else if cmd := t.of(c); cmd != nil {
			d.start, d.end = cmd.Span.Start.Offset, cmd.Span.End.Offset
		} else {
			report(c, "jailfmt:ignore does not stand before or after a jail, iocage or sysctl command")
			continue
		}
		dirs = append(dirs, d)
	}
	// A sweep over diagnostics and directives by position: the active
	// directives are those whose range has begun, less those that ended
	// (nested commands make it a stack in practice).
	sort.SliceStable(diags, func(i, j int) bool { return diags[i].Pos.Offset < diags[j].Pos.Offset })
	sort.SliceStable(dirs, func(i, j int) bool { return dirs[i].start < dirs[j].start })
	var kept []*lint.Diagnostic
	var active []*directive
	next := 0
	for _, dg := range diags {
		at := dg.Pos.Offset
		for ; next < len(dirs) && dirs[next].start <= at; next++ {
			active = append(active, dirs[next])
		}
		live := active[:0]
		for _, d := range active {
			if d.end > at {
				live = append(live, d)
			}
		}
		active = live
		silenced := false
		for _, d := range active {
			for _, r := range d.rules {
				if r == dg.Rule {
					silenced, d.used = true, true
				}
			}
		}
		if !silenced {
			kept = append(kept, dg)
		}
	}
	for _, d := range dirs {
		selected := sel == nil
		for _, r := range d.rules {
			selected = selected || sel(r)
		}
		if !d.used && selected {
			report(d.comment, "this directive silences nothing: the rules it names report nothing here; remove it")
		}
	}
	return append(kept, out...)
}

// targets finds the command a jailfmt:ignore comment covers.
type targets struct {
	byStart []*shell.Command       // sorted by start
	lastOn  map[int]*shell.Command // by end line: the command that ends last there
}

func newTargets(cmds []shell.Command) *targets {
	t := &targets{lastOn: map[int]*shell.Command{}}
	for i := range cmds {
		c := &cmds[i]
		t.byStart = append(t.byStart, c)
		if p := t.lastOn[c.Span.End.Line]; p == nil || c.Span.End.Offset > p.Span.End.Offset {
			t.lastOn[c.Span.End.Line] = c
		}
	}
	sort.SliceStable(t.byStart, func(i, j int) bool { return t.byStart[i].Span.Start.Offset < t.byStart[j].Span.Start.Offset })
	return t
}

// of returns the command a comment trails on its line, else the next one
// after it, else nil.
func (t *targets) of(c shell.Comment) *shell.Command {
	if p := t.lastOn[c.Span.Start.Line]; p != nil && p.Span.End.Offset <= c.Span.Start.Offset {
		return p
	}
	i := sort.Search(len(t.byStart), func(i int) bool { return t.byStart[i].Span.Start.Offset >= c.Span.End.Offset })
	if i < len(t.byStart) {
		return t.byStart[i]
	}
	return nil
}
