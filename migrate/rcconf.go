package migrate

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/jailfmt/jailfmt/convert"
	"github.com/jailfmt/jailfmt/parser"
	"github.com/jailfmt/jailfmt/parser/rcconf"
	"github.com/jailfmt/jailfmt/resolve"
)

// rcFiles are the files rc(8) sources for rc.d/jail, in order.
var rcFiles = []string{"/etc/rc.conf", "/etc/rc.conf.local", "/etc/rc.conf.d/jail"}

// includesConfD matches an .include of /etc/jail.conf.d/ in jail.conf.
var includesConfD = regexp.MustCompile(`(?m)^[ \t]*\.include[ \t]+["']?/etc/jail\.conf\.d/`)

// rcconf converts the legacy rc.conf jails: each goes into
// /etc/jail.conf.d/NAME.conf (rc.d/jail reads it for a jail of
// jail_list), or is appended to /etc/jail.conf when that file does not
// include jail.conf.d; the variables convert reports are removed from
// rc.conf.
func (h *host) rcconf() {
	var files []*rcconf.File
	texts := map[string]string{}
	for _, p := range rcFiles {
		src, ok := h.read(p)
		if !ok {
			continue
		}
		f, err := rcconf.Parse(p, src)
		if err != nil {
			h.problem(p, err.Error())
			return
		}
		files = append(files, f)
		texts[p] = src
	}
	for _, p := range h.glob("/etc/rc.conf*") {
		if p != "/etc/rc.conf" && p != "/etc/rc.conf.local" && p != "/etc/rc.conf.d" {
			h.manual(p + ": rc(8) does not source it; jailfmt left it alone")
		}
	}
	if len(files) == 0 {
		return
	}
	res, err := convert.RCConf(files, convert.Options{NoShared: true, Readable: func(path string) bool { return h.exists(path) }})
	if err != nil {
		h.problem(rcFiles[0], err.Error())
		return
	}
	for _, it := range res.Items {
		if it.Kind == convert.Unmappable {
			h.manual("rc.conf: " + it.String())
		}
	}
	if len(res.Jails) == 0 {
		return
	}
	jc, hasJC := h.read("/etc/jail.conf")
	appendTo := hasJC && !includesConfD.MatchString(jc)
	blocks, header := splitBlocks(res.JailConf)
	moved := map[string]bool{}
	for _, name := range res.Jails {
		text := header + blocks[name]
		dest := "/etc/jail.conf.d/" + name + ".conf"
		if appendTo {
			dest = "/etc/jail.conf"
		}
		if msg := h.checkMove(name, text, dest, jc, hasJC, appendTo); msg != "" {
			h.manual(fmt.Sprintf("legacy rc.conf jail %s: not moved: %s; its rc.conf variables stay", name, msg))
			continue
		}
		moved[name] = true
		h.moved[name] = true
		sv := sysvOfText(name, text)
		h.plan.Jails = append(h.plan.Jails, Jail{Name: name, Source: "rc.conf (legacy jail_" + name + "_*)", Before: sv, After: sv})
		if appendTo {
			cur, _ := h.current("/etc/jail.conf")
			h.edit(dest, jc, cur+"\n"+text, false, Reason{Msg: "legacy rc.conf jail " + name + " appended: /etc/jail.conf has no .include of /etc/jail.conf.d, so the jail goes here (rc.d/jail reads jail_conf for it)"})
		} else {
			h.edit(dest, "", text, true, Reason{Msg: "legacy rc.conf jail " + name + ", converted exactly as rc.d/jail reads it (service jail config " + name + "), SysV IPC per resource"})
		}
	}
	if len(moved) == 0 {
		return
	}
	// The rc.conf edits: every assignment convert lists, for the moved
	// jails only (a variable shared by all jails only when all moved).
	byFile := map[string][]*rcconf.Assign{}
	for _, rm := range res.Remove {
		if !h.removable(rm.Assign.Name, moved, res.Jails) {
			continue
		}
		byFile[rm.File.Name] = append(byFile[rm.File.Name], rm.Assign)
	}
	for path, as := range byFile {
		var names []string
		for _, a := range as {
			names = append(names, a.Name)
		}
		h.edit(path, texts[path], removeAssigns(texts[path], as), false, Reason{
			Msg: "remove " + strings.Join(names, ", ") + ": the jails now start from jail.conf (rc.d/jail warns these jail_* variables are obsolete)"})
	}
	for _, e := range res.Edits {
		if !strings.Contains(e, "statements at the top") {
			h.manual("rc.conf: " + e)
		}
	}
}

// removable reports whether an rc.conf variable may go: a jail's own
// variable when that jail moved, a shared one when every jail did.
func (h *host) removable(name string, moved map[string]bool, jails []string) bool {
	for _, j := range jails {
		// rc.d/jail's variable prefix: every non-alphanumeric byte as _.
		jv := []byte(j)
		for i, c := range jv {
			if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
				jv[i] = '_'
			}
		}
		if strings.HasPrefix(name, "jail_"+string(jv)+"_") {
			return moved[j]
		}
	}
	return len(moved) == len(jails)
}

// checkMove makes sure the jail means the same where it is installed:
// settings outside blocks (or wildcard blocks) in /etc/jail.conf would
// reach it, and a jail of the same name must not exist. It returns why
// not, or "".
func (h *host) checkMove(name, text, dest, jc string, hasJC, appendTo bool) string {
	if !appendTo && h.exists(dest) {
		return dest + " already exists"
	}
	if hasJC && (appendTo || includesConfD.MatchString(jc)) {
		f, _ := parser.Parse("/etc/jail.conf", jc, parser.Options{})
		if f == nil {
			return "/etc/jail.conf does not parse"
		}
		for _, st := range f.Stmts {
			switch {
			case st.Tail != nil && !st.Name.Var && !strings.HasPrefix(st.Name.Raw, "."):
				return fmt.Sprintf("/etc/jail.conf:%d sets %s outside any block, which would reach the jail", st.Pos().Line, st.Name.Raw)
			case st.Body != nil && strings.Contains(st.Name.Raw, "*"):
				return fmt.Sprintf("/etc/jail.conf:%d has a wildcard block, which would reach the jail", st.Pos().Line)
			case st.Body != nil && resolve.DecodeName(st.Name) == name:
				return fmt.Sprintf("/etc/jail.conf:%d already defines a jail %s", st.Pos().Line, name)
			}
		}
	}
	return ""
}

// splitBlocks splits a converted jail.conf (every statement in its
// jail's block) into its header comments and one text per jail.
func splitBlocks(text string) (map[string]string, string) {
	f, _ := parser.Parse("converted.conf", text, parser.Options{})
	out := map[string]string{}
	header := text
	if f == nil {
		return out, header
	}
	for i, st := range f.Stmts {
		if st.Body == nil {
			continue
		}
		start := st.Pos().Offset
		if i == 0 {
			header = strings.TrimRight(text[:start], "\n") + "\n\n"
		}
		out[resolve.DecodeName(st.Name)] = text[start:st.End()] + "\n"
	}
	return out, header
}

// sysvOfText resolves a converted jail's text and returns its effective
// SysV IPC.
func sysvOfText(name, text string) [3]string {
	r := resolve.Load("converted.conf", text, resolve.Options{})
	for _, j := range r.Jails {
		if j.Name == name {
			if v, err := convert.SysV(j); err == nil {
				return v
			}
		}
	}
	return [3]string{"?", "?", "?"}
}

// removeAssigns deletes the assignments from src: each statement, and
// its whole line (newline included) when nothing else is on it.
func removeAssigns(src string, as []*rcconf.Assign) string {
	sort.Slice(as, func(a, b int) bool { return as[a].Stmt.Start.Offset > as[b].Stmt.Start.Offset })
	for _, a := range as {
		start, end := a.Stmt.Start.Offset, a.Stmt.End.Offset
		ls := strings.LastIndexByte(src[:start], '\n') + 1
		le := strings.IndexByte(src[end:], '\n')
		if le < 0 {
			le = len(src) - end
		}
		// The whole line when nothing else is on it (a comment after the
		// assignment goes with it).
		if rest := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(src[end:end+le]), ";")); strings.TrimSpace(src[ls:start]) == "" && (rest == "" || rest[0] == '#') {
			start, end = ls, end+le
			if end < len(src) {
				end++
			}
		}
		src = src[:start] + src[end:]
	}
	return src
}
