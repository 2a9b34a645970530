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
		if it.Kind == convert.Unmappable || it.Kind == convert.Kept {
			h.manual(it.String())
		}
	}
	if len(res.Jails) == 0 {
		return
	}
	env := rcconf.Env(files...)
	if a := env["jail_list"]; a == nil || a.Known && strings.TrimSpace(a.Value) == "" {
		// rc.d/jail starts jail_conf's jails and ignores these
		// variables: moving them would start jails that do not start.
		h.manual("rc.conf: jail_list is empty, so rc.d/jail ignores the legacy variables of " + strings.Join(res.Jails, " ") +
			" today; jailfmt leaves them (jailfmt convert --from rcconf converts them if you want these jails)")
		return
	}
	jcPath := "/etc/jail.conf"
	if a := env["jail_conf"]; a != nil {
		if !a.Known || !strings.HasPrefix(a.Value, "/") {
			h.manual("rc.conf: jail_conf is not a statically known absolute path; jailfmt leaves the legacy jails where they are")
			return
		}
		jcPath = a.Value
	}
	jc, hasJC := h.read(jcPath)
	appendTo := hasJC && !includesConfD.MatchString(jc)
	blocks, header := splitBlocks(res.JailConf)
	reach := h.reaching(jcPath, jc, hasJC && (appendTo || includesConfD.MatchString(jc)))
	moved := map[string]bool{}
	var appended []string
	for _, name := range res.Jails {
		text := header + blocks[name]
		dest := "/etc/jail.conf.d/" + name + ".conf"
		if appendTo {
			dest = jcPath
		}
		msg := reach(name)
		if !appendTo && h.exists(dest) {
			msg = dest + " already exists"
		}
		// rc.d/jail reads a jail of jail_list from the first readable
		// of jail_J_conf (default /etc/jail.J.conf), then
		// /etc/jail.conf.d/J.conf, then jail_conf (spec §7.1).
		if a := env["jail_"+varName(name)+"_conf"]; a != nil && msg == "" {
			msg = "jail_" + varName(name) + "_conf is set, and rc.d/jail would read the jail from there once the legacy variables are gone"
		} else if h.exists("/etc/jail."+name+".conf") && msg == "" {
			msg = "/etc/jail." + name + ".conf exists, and rc.d/jail would read the jail from there once the legacy variables are gone"
		}
		if msg != "" {
			h.manual(fmt.Sprintf("legacy rc.conf jail %s: not moved: %s; its rc.conf variables stay", name, msg))
			continue
		}
		moved[name] = true
		h.moved[name] = true
		sv := sysvOfText(name, text)
		h.plan.Jails = append(h.plan.Jails, Jail{Name: name, Source: "rc.conf (legacy jail_" + varName(name) + "_*)", Before: sv, After: sv})
		if appendTo {
			appended = append(appended, name)
		} else {
			h.edit(dest, "", text, true, Reason{Msg: "legacy rc.conf jail " + name + ", converted exactly as rc.d/jail reads it (service jail config " + name + "), SysV IPC per resource"})
		}
	}
	if len(appended) > 0 {
		text := jc + "\n" + header
		for i, name := range appended {
			if i > 0 {
				text += "\n"
			}
			text += blocks[name]
		}
		h.edit(jcPath, jc, text, false, Reason{Msg: "legacy rc.conf jails " + strings.Join(appended, " ") + " appended: " + jcPath +
			" has no .include of /etc/jail.conf.d, so they go here (rc.d/jail reads jail_conf for them)"})
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
		if strings.HasPrefix(name, "jail_"+varName(j)+"_") {
			return moved[j]
		}
	}
	return len(moved) == len(jails)
}

// varName is rc.d/jail's variable prefix of a jail: every
// non-alphanumeric byte as _.
func varName(j string) string {
	b := []byte(j)
	for i, c := range b {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			b[i] = '_'
		}
	}
	return string(b)
}

// reaching reads jail.conf once (when the moved jails will be read
// with it) and returns, for a jail name, why the jail would not mean the
// same there: settings outside blocks or wildcard blocks would reach it,
// or a jail of that name exists; "" when nothing stands in the way.
func (h *host) reaching(jcPath, jc string, readWith bool) func(name string) string {
	if !readWith {
		return func(string) string { return "" }
	}
	f, _ := parser.Parse(jcPath, jc, parser.Options{})
	if f == nil {
		return func(string) string { return jcPath + " does not parse" }
	}
	all := ""
	defined := map[string]int{}
	for _, st := range f.Stmts {
		switch {
		case all != "":
		case st.IsParam() && !st.Name.Var && !strings.HasPrefix(st.Name.Raw, "."):
			all = fmt.Sprintf("%s:%d sets %s outside any block, which would reach the jail", jcPath, st.Pos().Line, st.Name.Raw)
		case st.Body != nil && strings.Contains(st.Name.Raw, "*"):
			all = fmt.Sprintf("%s:%d has a wildcard block, which would reach the jail", jcPath, st.Pos().Line)
		case st.Body != nil:
			defined[resolve.DecodeName(&st.Name)] = st.Pos().Line
		}
	}
	return func(name string) string {
		if all != "" {
			return all
		}
		if line, ok := defined[name]; ok {
			return fmt.Sprintf("%s:%d already defines a jail %s", jcPath, line, name)
		}
		return ""
	}
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
		out[resolve.DecodeName(&st.Name)] = text[start:st.End()] + "\n"
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
// its whole line (newline included) when nothing but a comment follows
// it there (the comment goes with it).
func removeAssigns(src string, as []*rcconf.Assign) string {
	var cuts [][2]int
	for _, a := range as {
		start, end := a.Stmt.Start.Offset, a.Stmt.End.Offset
		ls := strings.LastIndexByte(src[:start], '\n') + 1
		le := strings.IndexByte(src[end:], '\n')
		if le < 0 {
			le = len(src) - end
		}
		if rest := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(src[end:end+le]), ";")); strings.TrimSpace(src[ls:start]) == "" && (rest == "" || rest[0] == '#') {
			start, end = ls, end+le
			if end < len(src) {
				end++
			}
		}
		cuts = append(cuts, [2]int{start, end})
	}
	return cut(src, cuts)
}

// cut returns src without the byte ranges (which may come in any order
// and overlap), in one pass.
func cut(src string, ranges [][2]int) string {
	sort.Slice(ranges, func(a, b int) bool { return ranges[a][0] < ranges[b][0] })
	var b strings.Builder
	prev := 0
	for _, r := range ranges {
		if r[0] > prev {
			b.WriteString(src[prev:r[0]])
		}
		prev = max(prev, r[1])
	}
	b.WriteString(src[prev:])
	return b.String()
}
