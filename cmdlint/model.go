package cmdlint

import (
	"fmt"
	"strings"

	"github.com/jailfmt/jailfmt/cmdline"
	"github.com/jailfmt/jailfmt/fix"
	"github.com/jailfmt/jailfmt/lint"
	"github.com/jailfmt/jailfmt/resolve"
	"github.com/jailfmt/jailfmt/source"
)

// A `jail -c/-m` command line is judged as the jail.conf jail it stands
// for: model writes the command's parameters as a jail.conf block, one
// statement a line, each value bare when jail.conf reads it the same bare
// and single-quoted otherwise (no $ expansion, backslashes escaped), runs
// resolve and the jail.conf rules on it, and maps each diagnostic back to
// the argument its line came from. A value built from shell variables is
// written twice, as 0 and as 1: only a finding both texts give is kept,
// and on such an argument only from the rules that judge the name alone
// (nameRules), so nothing depends on what the script will hold.

// stmt is one synthesized statement (statement i is on line i+2): the
// parameter it came from and the byte ranges of the statement and of its
// single value's token.
type stmt struct {
	param            *cmdline.Param
	start, end       int // the statement, without the newline
	valStart, valEnd int // the value token, quotes included; -1 with several values
	known            bool
}

// synth is one synthesized configuration.
type synth struct {
	text  string
	stmts []stmt
}

// modelName is the block name of a jail whose name is not on the command
// line (jail(8) then names it by its jid).
const modelName = "(unnamed)"

// build writes the jail.conf text for j; unknown values become filler.
func build(j *cmdline.Jail, filler string) *synth {
	name := modelName
	for i := range j.Params {
		p := &j.Params[i]
		if p.Name == "name" && len(p.Values) == 1 {
			name = p.Values[0].Text // an unknown name keeps its source form
		}
	}
	var b strings.Builder
	s := &synth{}
	b.WriteString(quote(name) + " {\n")
	seen := map[string]bool{}
	for i := range j.Params {
		p := &j.Params[i]
		if p.Name == "name" {
			continue
		}
		st := stmt{param: p, start: b.Len() + 1, valStart: -1, known: true}
		b.WriteString("\t" + quote(p.Name))
		if !p.Bare {
			op := " = "
			if cmdline.ListParams[p.Name] && seen[p.Name] {
				op = " += " // jail(8) appends a list parameter's values
			}
			b.WriteString(op)
			for k, v := range p.Values {
				if k > 0 {
					b.WriteString(", ")
				}
				text := v.Text
				if !v.Known {
					text, st.known = filler, false
				}
				if len(p.Values) == 1 {
					st.valStart = b.Len()
				}
				b.WriteString(value(text))
				if len(p.Values) == 1 {
					st.valEnd = b.Len()
				}
			}
		}
		seen[p.Name] = true
		b.WriteString(";")
		st.end = b.Len()
		b.WriteString("\n")
		s.stmts = append(s.stmts, st)
	}
	b.WriteString("}\n")
	s.text = b.String()
	return s
}

// quote single-quotes s for jail.conf: backslash escapes still work
// there, so backslashes and quotes are escaped.
func quote(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(s) + "'"
}

// value writes a value bare when jail.conf reads it the same bare (so
// that messages show it as the script does), else quoted.
func value(s string) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("._-/:", c) >= 0) {
			return quote(s)
		}
	}
	if s == "" {
		return quote(s)
	}
	return s
}

// model lints j's parameters as a jail.conf jail.
func (l *linter) model(j *cmdline.Jail) {
	a := build(j, "0")
	found := l.modelRun(j, a, true)
	if b := build(j, "1"); b.text != a.text {
		other := map[string]bool{}
		for _, d := range l.modelRun(j, b, false) {
			other[modelKey(d)] = true
		}
		var both []*lint.Diagnostic
		for _, d := range found {
			if other[modelKey(d)] {
				both = append(both, d)
			}
		}
		found = both
	}
	l.res.Diags = append(l.res.Diags, found...)
}

func modelKey(d *lint.Diagnostic) string {
	return fmt.Sprintf("%s\x00%d\x00%d\x00%s", d.Rule.ID, d.Pos.Offset, d.End.Offset, d.Message)
}

// modelRun resolves and lints one synthesized text and maps what it
// finds back into the script, with their fixes when fixes is set.
func (l *linter) modelRun(j *cmdline.Jail, s *synth, fixes bool) []*lint.Diagnostic {
	ro := resolve.Options{Target: l.opts.Target, ReadFile: noFiles}
	res := resolve.Load(modelFile, s.text, ro)
	if res.HasErrors() {
		return nil // jail(8) refuses it in ways the command-line rules report
	}
	sel := func(r *lint.Rule) bool { return r.ID != "JF1000" && !lint.IsCommandLine(r) }
	diags := lint.Run(res, l.opts, sel)
	ok := map[string]bool{}
	for _, d := range diags {
		if d.Fix != nil && fixes {
			ok = accepted(res, ro, l.opts, sel)
			break
		}
	}
	var out []*lint.Diagnostic
	for _, d := range diags {
		st := s.at(d.Pos.Line)
		var sp source.Span
		switch {
		case st == nil:
			sp = j.Cmd.Span // the block itself: the jail the command makes
		case !st.known && !nameRules[d.Rule.ID]:
			continue // it may be about a value the script computes
		default:
			sp = st.param.Span
		}
		m := *d
		m.File, m.Source, m.Pos, m.End = l.file.Name, l.file, sp.Start, sp.End
		if d.Fix != nil && ok[fixKey(d)] {
			m.Fix = l.mapFix(j, s, st, d.Fix)
		} else {
			m.Fix = nil
		}
		out = append(out, &m)
	}
	return out
}

// nameRules judge a parameter by its name alone, so they report it even
// when its value comes from the script's variables.
var nameRules = map[string]bool{"JF1001": true, "JF2004": true, "JF4001": true}

// modelFile names the synthesized configuration.
const modelFile = "command line"

// accepted returns the fixes the fix driver applies to the synthesized
// configuration in its first round (by fixKey): those after which every
// parameter of the jail resolves the same, apart from what the fix
// declares it changes.
func accepted(res *resolve.Result, ro resolve.Options, opts lint.Options, sel func(*lint.Rule) bool) map[string]bool {
	out := fix.Run(&fix.Job{Configs: []*fix.Config{fix.NewConfig(modelFile, res, ro)}, Lint: opts, Select: sel})
	ok := map[string]bool{}
	for _, a := range out.Applied {
		ok[fixKey(a)] = true
	}
	return ok
}

func fixKey(d *lint.Diagnostic) string {
	return fmt.Sprintf("%s\x00%d\x00%s", d.Rule.ID, d.Pos.Offset, d.Message)
}

// noFiles keeps the synthesized text from reading anything.
func noFiles(name string) ([]byte, error) {
	return nil, fmt.Errorf("%s: a command line includes no files", name)
}

// at returns the statement on a synthesized line, nil for the block's
// own lines.
func (s *synth) at(line int) *stmt {
	if i := line - 2; i >= 0 && i < len(s.stmts) {
		return &s.stmts[i] // one statement a line, from line 2
	}
	return nil
}

// mapFix maps a jail.conf fix into the script, or returns nil: it is kept
// only when its one edit is inside st and is either a new value for the
// argument's value (a plain shell word) or the removal of the whole
// statement (the argument is removed).
func (l *linter) mapFix(j *cmdline.Jail, s *synth, st *stmt, fix *lint.Fix) *lint.Fix {
	if fix == nil || st == nil || len(fix.Edits) != 1 || st.param.Option != "" {
		return nil
	}
	e := fix.Edits[0]
	w := j.Cmd.Args[st.param.Arg]
	var out lint.Edit
	switch {
	case e.Start == st.valStart && e.End == st.valEnd && plainWord(e.New):
		text := w.Text()
		eq := strings.IndexByte(text, '=')
		vs, ok1 := w.Offset(eq + 1)
		ve, ok2 := w.Offset(len(text) - 1)
		if eq < 0 || eq+1 >= len(text) || !ok1 || !ok2 || ve+1-vs != len(text)-eq-1 {
			// the value must be one run of the file's bytes, no quotes inside
			return nil
		}
		out = lint.Edit{File: l.file, Start: vs, End: ve + 1, New: e.New}
	case e.Start <= st.start && e.End >= st.end && strings.TrimSpace(e.New) == "" &&
		!strings.Contains(s.text[e.Start:e.End], "\n\t"):
		r, ok := cmdline.RemoveArg(j.Cmd, st.param.Arg)
		if !ok {
			return nil
		}
		out = lint.Edit{File: l.file, Start: r.Start, End: r.End, New: r.New}
	default:
		return nil
	}
	c := *fix
	c.Edits, c.Local = []lint.Edit{out}, true
	return &c
}

// plainWord reports whether s is the same word in jail.conf and in a
// shell, quoted or not: letters, digits and . _ - / : , + @ %.
func plainWord(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("._-/:,+@%", c) >= 0) {
			return false
		}
	}
	return true
}
