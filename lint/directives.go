package lint

import (
	"fmt"
	"strings"

	"github.com/jailfmt/jailfmt/parser"
	"github.com/jailfmt/jailfmt/resolve"
	"github.com/jailfmt/jailfmt/source"
)

var directiveRule = &Rule{
	ID: "JF1000", Name: "bad-directive", Severity: Warning, Since: "0.1",
	Title: "malformed or unused jailfmt:ignore directive",
	Doc: "A `jailfmt:ignore RULES reason` comment silences the listed rules (IDs or names, comma-separated) " +
		"for the statement it trails or, on a line of its own, for the next statement; " +
		"`jailfmt:file-ignore RULES reason` silences them for the whole file. The reason is required, " +
		"so that the next reader knows why. A directive that names an unknown rule, has no reason, or " +
		"silences nothing is reported, so stale directives do not pile up.",
	Bad:  "# jailfmt:ignore JF2001\nallow.sysvipc;",
	Good: "# jailfmt:ignore JF2001 the PostgreSQL 9 jail needs the host's shared memory until we upgrade\nallow.sysvipc;",
	Run:  func(*Pass) {}, // reported by applyDirectives
}

func init() { register(directiveRule) }

// directive is one parsed jailfmt: comment.
type directive struct {
	file       *parser.File
	comment    *parser.Comment
	rules      []*Rule
	start, end int // offsets covered; whole file for file-ignore
	used       bool
}

// commentBody strips the comment markers.
func commentBody(c *parser.Comment) string {
	t := c.Text
	switch c.Kind {
	case parser.HashComment:
		t = t[1:]
	case parser.SlashComment:
		t = t[2:]
	default:
		t = strings.TrimSuffix(t[2:], "*/")
	}
	return strings.TrimSpace(t)
}

// applyDirectives drops the diagnostics that directives silence and adds
// diagnostics for malformed and unused directives.
func applyDirectives(res *resolve.Result, diags []*Diagnostic, sel func(*Rule) bool) []*Diagnostic {
	var dirs []*directive
	var bad []*Diagnostic
	report := func(f *parser.File, c *parser.Comment, msg string) {
		if sel != nil && !sel(directiveRule) {
			return
		}
		bad = append(bad, &Diagnostic{Rule: directiveRule, Severity: directiveRule.Severity, File: f.Name, Source: f.File,
			Pos: c.Pos, End: f.Position(c.End), Message: msg})
	}
	for _, f := range res.Files {
		has := false
		for _, c := range f.Comments {
			if strings.Contains(c.Text, "jailfmt:") {
				has = true
				break
			}
		}
		if !has {
			continue
		}
		var stmts []*parser.Stmt
		var flat func([]*parser.Stmt)
		flat = func(list []*parser.Stmt) {
			for _, st := range list {
				if st.Semi != nil {
					continue
				}
				stmts = append(stmts, st)
				if st.Body != nil {
					flat(st.Body.Stmts)
				}
			}
		}
		flat(f.Stmts)
		for _, c := range f.Comments {
			body := commentBody(c)
			kind, rest, ok := strings.Cut(body, " ")
			if kind != "jailfmt:ignore" && kind != "jailfmt:file-ignore" {
				if strings.HasPrefix(body, "jailfmt:") {
					report(f, c, fmt.Sprintf("unknown directive %q: jailfmt knows jailfmt:ignore and jailfmt:file-ignore", kind))
				}
				continue
			}
			list, reason, _ := strings.Cut(strings.TrimSpace(rest), " ")
			if !ok || list == "" || strings.TrimSpace(reason) == "" {
				report(f, c, fmt.Sprintf("%s needs the rules and a reason: # %s JF2001 why this is fine", kind, kind))
				continue
			}
			d := &directive{file: f, comment: c}
			valid := true
			for _, name := range strings.Split(list, ",") {
				r := Lookup(strings.TrimSpace(name))
				if r == nil {
					report(f, c, fmt.Sprintf("%s names an unknown rule %q; see jailfmt rules", kind, name))
					valid = false
					break
				}
				d.rules = append(d.rules, r)
			}
			if !valid {
				continue
			}
			if kind == "jailfmt:file-ignore" {
				d.start, d.end = 0, len(f.Src)+1
			} else if f.Format != source.JailConf {
				if d.start, d.end = lineTarget(f, c); d.start < 0 {
					report(f, c, "jailfmt:ignore does not stand before or after a setting")
					continue
				}
			} else if st := directiveTarget(stmts, c); st != nil {
				d.start, d.end = st.Pos().Offset, st.End()
			} else {
				report(f, c, "jailfmt:ignore does not stand before or after a statement")
				continue
			}
			dirs = append(dirs, d)
		}
	}
	out := diags[:0]
	for _, dg := range diags {
		silenced := false
		for _, d := range dirs {
			if d.file.Name != dg.File || dg.Pos.Offset < d.start || dg.Pos.Offset >= d.end {
				continue
			}
			for _, r := range d.rules {
				if r == dg.Rule {
					silenced, d.used = true, true
				}
			}
		}
		if !silenced {
			out = append(out, dg)
		}
	}
	for _, d := range dirs {
		if d.used {
			continue
		}
		selected := sel == nil
		for _, r := range d.rules {
			if sel == nil || sel(r) {
				selected = true
			}
		}
		if selected {
			report(d.file, d.comment, "this directive silences nothing: the rules it names report nothing here; remove it")
		}
	}
	return append(out, bad...)
}

// directiveTarget returns the statement a jailfmt:ignore comment covers:
// the one it trails on the same line, else the next one.
func directiveTarget(stmts []*parser.Stmt, c *parser.Comment) *parser.Stmt {
	var trailed *parser.Stmt
	for _, st := range stmts {
		if st.End() <= c.Pos.Offset && st.EndLine() == c.Pos.Line && (trailed == nil || st.End() > trailed.End()) {
			trailed = st
		}
	}
	if trailed != nil {
		return trailed
	}
	for _, st := range stmts {
		if st.Pos().Offset >= c.End {
			return st
		}
	}
	return nil
}

// lineTarget returns the offsets a jailfmt:ignore comment covers in a
// line-based file (rc.conf, sysctl.conf): the line it trails, else the
// next line that is neither blank nor a comment; -1 when there is none.
func lineTarget(f *parser.File, c *parser.Comment) (int, int) {
	lineStart := strings.LastIndexByte(f.Src[:c.Pos.Offset], '\n') + 1
	if strings.TrimSpace(f.Src[lineStart:c.Pos.Offset]) != "" {
		return lineStart, c.Pos.Offset
	}
	for off := c.End; off < len(f.Src); {
		end := strings.IndexByte(f.Src[off:], '\n')
		if end < 0 {
			end = len(f.Src)
		} else {
			end += off
		}
		if t := strings.TrimSpace(f.Src[off:end]); t != "" && t[0] != '#' {
			return off, end
		}
		off = end + 1
	}
	return -1, -1
}
