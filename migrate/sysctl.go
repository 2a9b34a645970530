package migrate

import (
	"strings"

	"github.com/jailfmt/jailfmt/parser/sysctl"
)

// legacySysctl reports whether a sysctl is one of the legacy
// security.jail.* allow defaults: only jail(2) and jail(8)'s
// four-argument mode read them; jails created from jail.conf ignore them
// (spec freebsd-jail.md §5.3, §6). enforce_statfs is not among them: it
// is also the default of every new jail.
func legacySysctl(name string) bool {
	rest, ok := strings.CutPrefix(name, "security.jail.")
	if !ok {
		return false
	}
	return strings.HasSuffix(rest, "_allowed") && !strings.Contains(rest, ".") ||
		rest == "socket_unixiproute_only" || rest == "allow_raw_sockets"
}

// sysctl removes the legacy security.jail.* lines of sysctl.conf files.
func (h *host) sysctl() {
	for _, path := range h.glob("/etc/sysctl.conf*") {
		src, ok := h.read(path)
		if !ok {
			continue
		}
		f, errs := sysctl.Parse(path, src)
		if f == nil {
			h.problem(path, errs[0].Error())
			continue
		}
		var lines [][2]int
		var names []string
		for _, e := range f.Entries {
			if legacySysctl(e.Name) {
				lines = append(lines, [2]int{e.Line.Start.Offset, e.Line.End.Offset})
				names = append(names, e.Name)
			}
		}
		if len(lines) == 0 {
			continue
		}
		h.edit(path, src, cut(src, lines), false, Reason{Msg: "remove " + strings.Join(names, ", ") +
			": legacy defaults that only jail(2) and jail(8)'s four-argument mode read; jails started from jail.conf (rc.d/jail's too) ignore them"})
	}
}
