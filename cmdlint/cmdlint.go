// Package cmdlint lints what a shell would run: the jail(8), iocage and
// sysctl(8) command lines of a shell script or of a Markdown file's shell
// code blocks. Command-line problems are the JF5xxx rules; the
// parameters of `jail -c/-m` become a jail.conf jail (see model.go) so
// that every jail.conf rule judges them as it judges a configuration.
// Diagnostics and fixes keep positions in the script.
package cmdlint

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"github.com/jailfmt/jailfmt/cmdline"
	"github.com/jailfmt/jailfmt/inputs"
	"github.com/jailfmt/jailfmt/iocage"
	"github.com/jailfmt/jailfmt/lint"
	piocage "github.com/jailfmt/jailfmt/parser/iocage"
	"github.com/jailfmt/jailfmt/parser/markdown"
	"github.com/jailfmt/jailfmt/parser/shell"
	"github.com/jailfmt/jailfmt/resolve"
	"github.com/jailfmt/jailfmt/source"
)

// Result is what Lint finds in one file.
type Result struct {
	Diags []*lint.Diagnostic
	// Confs are the jail.conf files named by `jail -f FILE` commands, as
	// written (relative to the script's folder unless absolute).
	Confs []string
}

// Read returns a script's or Markdown file's parsed shell text: for
// Markdown, the code blocks that do not parse come back as errors and
// the others are read all the same.
func Read(f *source.File) (*shell.Script, []error) {
	if f.Format == source.Markdown {
		return markdown.Scripts(f)
	}
	s, err := shell.ParseScript(&shell.Mapper{File: f, Src: f.Src}, false)
	if err != nil {
		return &shell.Script{}, []error{err}
	}
	return s, nil
}

// Lint lints the command lines of a parsed file with the rules sel
// accepts (nil: all); diagnostics come back sorted by position, with
// jailfmt:ignore comments applied.
func Lint(f *source.File, s *shell.Script, opts lint.Options, sel func(*lint.Rule) bool) *Result {
	l := &linter{file: f, opts: opts, res: &Result{}}
	for _, c := range s.Commands {
		switch c.Name {
		case "jail":
			l.jail(cmdline.ParseJail(c))
		case "iocage":
			l.iocage(cmdline.ParseIocage(c))
		case "sysctl":
			l.sysctl(cmdline.ParseSysctl(c))
		}
	}
	var kept []*lint.Diagnostic
	for _, d := range l.res.Diags {
		if sel == nil || sel(d.Rule) {
			kept = append(kept, d)
		}
	}
	kept = applyDirectives(f, s, kept, sel)
	sort.SliceStable(kept, func(i, j int) bool {
		if kept[i].Pos.Offset != kept[j].Pos.Offset {
			return kept[i].Pos.Offset < kept[j].Pos.Offset
		}
		return kept[i].Rule.ID < kept[j].Rule.ID
	})
	l.res.Diags = kept
	return l.res
}

// maxRounds bounds Fix: a fix may make another possible (a split
// argument's sysvmsg=1 is found once it stands alone).
const maxRounds = 10

// Fix applies the exact fixes to a fixpoint and returns the new text (the
// old one when nothing applies). Overlapping fixes wait for the next
// round; every byte no fix edits stays as it was. A script that does not
// parse is an error; so is a fix that leaves more Markdown blocks
// unreadable than there were (the blocks that never parsed are skipped).
func Fix(f *source.File, opts lint.Options, sel func(*lint.Rule) bool) (string, error) {
	cur := f
	broken := -1
	for round := 0; round < maxRounds; round++ {
		s, errs := Read(cur)
		switch {
		case round == 0 && len(errs) > 0 && f.Format != source.Markdown:
			return f.Src, errs[0]
		case round == 0:
			broken = len(errs)
		case len(errs) > broken:
			return "", fmt.Errorf("%s: a fix made shell code unreadable (a jailfmt bug): %v", f.Name, errs[len(errs)-1])
		}
		var edits []lint.Edit
		for _, d := range Lint(cur, s, opts, sel).Diags {
			if d.Fix == nil || !fits(edits, d.Fix.Edits) {
				continue
			}
			edits = append(edits, d.Fix.Edits...)
		}
		if len(edits) == 0 {
			break
		}
		sort.Slice(edits, func(i, j int) bool { return edits[i].Start < edits[j].Start })
		var b strings.Builder
		prev := 0
		for _, e := range edits {
			b.WriteString(cur.Src[prev:e.Start])
			b.WriteString(e.New)
			prev = e.End
		}
		b.WriteString(cur.Src[prev:])
		cur = source.New(f.Name, b.String(), f.Format)
	}
	return cur.Src, nil
}

// fits reports whether none of add overlaps an edit of taken.
func fits(taken, add []lint.Edit) bool {
	for _, a := range add {
		for _, t := range taken {
			if a.Start < t.End && t.Start < a.End || a.Start == t.Start {
				return false
			}
		}
	}
	return true
}

// linter collects one file's diagnostics.
type linter struct {
	file *source.File
	opts lint.Options
	res  *Result
}

// report adds a diagnostic of rule id over sp.
func (l *linter) report(id string, sev lint.Severity, sp source.Span, msg string, fix *lint.Fix) {
	l.res.Diags = append(l.res.Diags, &lint.Diagnostic{Rule: lint.Lookup(id), Severity: sev, File: l.file.Name,
		Source: l.file, Pos: sp.Start, End: sp.End, Message: msg, Fix: fix})
}

// kindRules are the rules of cmdline's findings, by program and kind.
var kindRules = map[string]string{
	"unknown-option": "JF5001", "missing-value": "JF5002", "usage": "JF5003",
	"jail comma-joined": "JF5004", "iocage comma-joined": "JF5005", "old-form": "JF5006",
	"empty-jail": "JF5007", "bad-release": "JF5008", "no-jail": "JF5009",
}

// findings reports cmdline's findings for a command. modelled says that
// the jail.conf rules judge the command's parameters (see model), which
// report sysvmsg=1 themselves.
func (l *linter) findings(prog string, fs []cmdline.Finding, modelled bool) {
	for _, f := range fs {
		id := kindRules[string(f.Kind)]
		if id == "" {
			id = kindRules[prog+" "+string(f.Kind)]
		}
		if f.Kind == cmdline.SysvNumeric && !modelled {
			id = "JF2002" // sysv-numeric-value, from the argument alone
		}
		if id == "" {
			continue
		}
		var fix *lint.Fix
		if len(f.Edits) > 0 {
			fix = &lint.Fix{Message: "split the argument", Local: true}
			if f.Kind == cmdline.SysvNumeric {
				fix.Message = "write the jailsys value's name"
			}
			for _, e := range f.Edits {
				fix.Edits = append(fix.Edits, lint.Edit{File: l.file, Start: e.Start, End: e.End, New: e.New})
			}
		}
		l.report(id, lint.Severity(f.Severity), f.Span, f.Message, fix)
	}
}

// jail lints a jail(8) command line.
func (l *linter) jail(j *cmdline.Jail) {
	modelled := j.Form == cmdline.FormParams && !j.Unsure && j.Ops&(cmdline.Create|cmdline.Modify) != 0
	for _, p := range j.Params {
		modelled = modelled && p.NameKnown // an unknown name may set anything
	}
	l.findings("jail", j.Findings, modelled)
	if j.Conf != nil && j.Conf.Known && (j.Form == cmdline.FormConfig || j.Form == cmdline.FormRemove) {
		l.res.Confs = append(l.res.Confs, j.Conf.Text)
	}
	if modelled {
		l.model(j)
	}
}

// iocage lints an iocage command line: its options; each property
// through iocage's own CLI check (JF5011: iocage stops and sets nothing);
// then the properties it accepts as the jail they make (see props).
func (l *linter) iocage(io *cmdline.Iocage) {
	l.findings("iocage", io.Findings, false)
	if io.Plugin || io.Sub != "create" && io.Sub != "set" {
		return
	}
	defaults := io.Target != nil && io.Target.Known && io.Target.Text == "default"
	list := &piocage.List{File: l.file}
	var args []int // the argument of each list entry
	for _, p := range io.Props {
		if !p.KeyKnown || !p.HasValue {
			continue
		}
		if _, ok := iocage.Lookup(p.Key); !ok {
			l.report("JF5011", lint.Error, p.KeySpan, fmt.Sprintf("iocage %s stops with %q and sets nothing: iocage has no property %s",
				io.Sub, iocage.Check(p.Key, "", defaults), p.Key), nil)
			continue
		}
		if p.Known {
			if msg := iocage.Check(p.Key, p.Value, defaults); msg != "" {
				l.report("JF5011", lint.Error, p.Span, fmt.Sprintf("iocage %s stops with %q and sets nothing",
					io.Sub, strings.ReplaceAll(msg, "\n", " ")), nil)
				continue
			}
		}
		e, err := piocage.ParseWord(l.file, p.Span.Start.Offset, p.Span.End.Offset)
		if err != nil {
			continue // not one run of the file's bytes (a Markdown prompt inside it)
		}
		list.Entries = append(list.Entries, e)
		args = append(args, p.Arg)
	}
	if !io.Unsure && len(list.Entries) > 0 {
		l.props(io, list, args)
	}
}

// props lints the property words iocage accepts with the iocage and
// jail rules, as the jail those properties make over iocage's built-in
// defaults (inputs.LoadPropList, the reader of property list files). A
// diagnostic is kept when it lies in one of the words: the others are
// about the defaults, which the command does not write. A fix is kept
// when each edit is a plain word inside one argument, or removes one
// whole argument. JF1102 (unknown property) never reports here: the
// words it would judge are JF5011's, as iocage refuses them.
func (l *linter) props(io *cmdline.Iocage, list *piocage.List, args []int) {
	name := "(unnamed)"
	if io.Sub == "set" && io.Target != nil && io.Target.Known && !strings.Contains(io.Target.Text, "=") {
		name = io.Target.Text
	}
	for _, o := range io.Options {
		if o.Name == "--name" && o.Value != nil && o.Value.Known {
			name = o.Value.Text
		}
	}
	res := inputs.LoadPropList(list, name, resolve.Options{Target: l.opts.Target, ReadFile: noFiles})
	if res.HasErrors() {
		return
	}
	sel := func(r *lint.Rule) bool { return r.ID != "JF1000" && !lint.IsCommandLine(r) }
	for _, d := range lint.Run(res, l.opts, sel) {
		in := entryAt(list, d.Pos.Offset, d.End.Offset)
		if in < 0 {
			continue
		}
		m := *d
		m.Fix = l.propFix(io, list, args, d.Fix)
		l.res.Diags = append(l.res.Diags, &m)
	}
}

// entryAt returns the list entry whose word holds [start, end), or -1.
func entryAt(list *piocage.List, start, end int) int {
	for i, e := range list.Entries {
		if e.Word.Start.Offset <= start && end <= e.Word.End.Offset {
			return i
		}
	}
	return -1
}

// propFix keeps a fix of the property words, or returns nil (see props).
func (l *linter) propFix(io *cmdline.Iocage, list *piocage.List, args []int, fix *lint.Fix) *lint.Fix {
	if fix == nil || len(fix.Edits) == 0 {
		return nil
	}
	c := *fix
	c.Edits, c.Local = nil, true
	for _, e := range fix.Edits {
		if e.File != l.file {
			return nil
		}
		if i := entryAt(list, e.Start, e.End); i >= 0 && plainWord(e.New) {
			c.Edits = append(c.Edits, e)
			continue
		}
		i := -1
		for k, en := range list.Entries {
			if e.Start <= en.Word.Start.Offset && en.Word.End.Offset <= e.End {
				if i >= 0 {
					return nil // more than one word
				}
				i = k
			}
		}
		if i < 0 || strings.TrimSpace(e.New) != "" || strings.TrimSpace(l.file.Src[e.Start:e.End]) != l.file.Src[list.Entries[i].Word.Start.Offset:list.Entries[i].Word.End.Offset] {
			return nil
		}
		r, ok := cmdline.RemoveArg(io.Cmd, args[i])
		if !ok {
			return nil
		}
		c.Edits = append(c.Edits, lint.Edit{File: l.file, Start: r.Start, End: r.End, New: r.New})
	}
	return &c
}

// legacyKnobs are the security.jail.*_allowed sysctls and the jail
// parameter each stands for (sys/kern/kern_jail.c; socket_unixiproute_only
// is allow.socket_af inverted).
var legacyKnobs = map[string]string{
	"sysvipc_allowed": "sysvmsg, sysvsem and sysvshm", "set_hostname_allowed": "allow.set_hostname",
	"socket_unixiproute_only": "allow.socket_af", "allow_raw_sockets": "allow.raw_sockets",
	"chflags_allowed": "allow.chflags", "mount_allowed": "allow.mount", "mlock_allowed": "allow.mlock",
}

// sysctl lints a sysctl(8) command line's settings.
func (l *linter) sysctl(s *cmdline.Sysctl) {
	l.findings("sysctl", s.Findings, false)
	for _, st := range s.Settings {
		knob, ok := strings.CutPrefix(st.Name, "security.jail.")
		if !st.NameKnown || !st.HasValue || !ok || strings.Contains(knob, ".") {
			continue
		}
		param, ok := legacyKnobs[knob]
		if !ok && strings.HasSuffix(knob, "_allowed") {
			param = "allow." + strings.ReplaceAll(strings.TrimSuffix(knob, "_allowed"), "_", ".")
			ok = true
		}
		if !ok {
			continue
		}
		l.report("JF5010", lint.Warning, st.Span, fmt.Sprintf("%s sets only the legacy default that the old jail(2) call and jail(8)'s four-argument form read: jails created from jail.conf or with name=value parameters ignore it; set %s on the jail instead",
			st.Name, param), nil)
	}
}

// ConfPath returns where a `jail -f` file named in a script is: relative
// names are relative to the script's folder.
func ConfPath(script, conf string) string {
	conf = filepath.FromSlash(conf)
	if filepath.IsAbs(conf) {
		return conf
	}
	return filepath.Join(filepath.Dir(script), conf)
}
