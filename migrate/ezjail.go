package migrate

import (
	"strings"

	"github.com/jailfmt/jailfmt/convert"
	"github.com/jailfmt/jailfmt/parser/rcconf"
)

// ezjail lists ezjail's jails: ezjail-admin keeps managing them, so
// migrate does not move them; the table shows their SysV IPC and the
// manual steps say how to convert them.
func (h *host) ezjail() {
	var jails []*rcconf.File
	for _, path := range h.glob("/usr/local/etc/ezjail/*") {
		if strings.Contains(path[strings.LastIndexByte(path, '/')+1:], ".") {
			continue // rc.d/ezjail skips names with a dot (.norun)
		}
		src, ok := h.read(path)
		if !ok {
			continue
		}
		f, err := rcconf.Parse(path, src)
		if err != nil {
			h.problem(path, err.Error())
			continue
		}
		jails = append(jails, f)
	}
	if len(jails) == 0 {
		return
	}
	var rc []*rcconf.File
	for _, p := range rcFiles {
		if src, ok := h.read(p); ok {
			if f, err := rcconf.Parse(p, src); err == nil {
				rc = append(rc, f)
			}
		}
	}
	res, err := convert.Ezjail(jails, rc, convert.Options{NoShared: true, Readable: func(path string) bool { return h.exists(path) }})
	if err != nil {
		h.problem("/usr/local/etc/ezjail", err.Error())
		return
	}
	blocks, header := splitBlocks(res.JailConf)
	for _, name := range res.Jails {
		sv := sysvOfText(name, header+blocks[name])
		h.plan.Jails = append(h.plan.Jails, Jail{Name: name, Source: "ezjail /usr/local/etc/ezjail/" + name, Before: sv, After: sv})
	}
	h.manual("ezjail jails (" + strings.Join(res.Jails, " ") + "): ezjail-admin manages them, so migrate leaves them; to move them: jailfmt convert --from ezjail --to jailconf /usr/local/etc/ezjail/NAME /etc/rc.conf, then rename each file to NAME.norun")
}
