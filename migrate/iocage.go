package migrate

import (
	"fmt"
	"path/filepath"

	"github.com/jailfmt/jailfmt/convert"
	"github.com/jailfmt/jailfmt/iocage"
	reader "github.com/jailfmt/jailfmt/parser/iocage"
	"github.com/jailfmt/jailfmt/resolve"
)

// iocageRoots are where iocage roots sit under the host's "/": a pool's
// mountpoint (/zroot/iocage) or TrueNAS's /mnt/POOL/iocage.
var iocageRoots = []string{"/*/iocage", "/*/*/iocage"}

// iocage removes allow_sysvipc from iocage's JSON files. iocage passes
// sysvmsg, sysvsem and sysvshm at every start on hosts newer than 10.3,
// so allow_sysvipc decides nothing about IPC (jail-managers.md §1.3);
// the table shows each jail's values from what iocage passes before and
// after.
func (h *host) iocage() {
	newer, err := iocage.HostVersion(h.opt.HostRelease)
	if err != nil {
		h.problem("/", err.Error())
		return
	}
	seen := map[string]bool{}
	for _, pattern := range iocageRoots {
		for _, defaults := range h.glob(pattern + "/defaults.json") {
			root := filepath.ToSlash(filepath.Dir(defaults))
			if seen[root] {
				continue
			}
			seen[root] = true
			h.iocageRoot(root, defaults, newer > 10.3)
		}
	}
}

func (h *host) iocageRoot(root, defaultsPath string, passesSysv bool) {
	load := func(path string) (*reader.Config, string, bool) {
		src, ok := h.read(path)
		if !ok {
			return nil, "", false
		}
		c, errs := reader.ParseJSON(path, src)
		if c == nil {
			h.problem(path, errs[0].Error())
			return nil, "", false
		}
		return c, src, true
	}
	defaults, dsrc, ok := load(defaultsPath)
	if !ok {
		return
	}
	newDefaults := defaults
	if passesSysv {
		newDefaults = h.dropSysvipc(defaultsPath, dsrc, defaults)
	}
	for _, kind := range []string{"jails", "templates"} {
		for _, path := range h.glob(root + "/" + kind + "/*/config.json") {
			cfg, src, ok := load(path)
			if !ok {
				continue
			}
			name := filepath.Base(filepath.Dir(path))
			if kind == "templates" {
				if passesSysv {
					h.dropSysvipc(path, src, cfg)
				}
				continue
			}
			row := Jail{Name: name, Source: "iocage " + path}
			var why string
			row.Before, why = h.iocageSysv(cfg, defaults, root, name)
			row.After = row.Before
			switch {
			case why != "":
				// The jail does not start today: its file is left for
				// the admin to fix first.
				h.manual("iocage jail " + name + ": left alone: " + why)
			case passesSysv:
				row.After, _ = h.iocageSysv(h.dropSysvipc(path, src, cfg), newDefaults, root, name)
			}
			h.plan.Jails = append(h.plan.Jails, row)
		}
	}
	if !passesSysv {
		h.manual(fmt.Sprintf("%s: the host release %s is 10.3 or older: iocage does not pass sysv* there, so allow_sysvipc was left alone", root, h.opt.HostRelease))
	}
}

// dropSysvipc stages the file without its allow_sysvipc keys and returns
// the config as iocage would load it then.
func (h *host) dropSysvipc(path, src string, c *reader.Config) *reader.Config {
	text, cur := src, c
	for {
		i := -1
		for k := range cur.Props {
			if cur.Props[k].Key == "allow_sysvipc" {
				i = k
				break
			}
		}
		if i < 0 {
			break
		}
		r := cur.Removal(i)
		text = text[:r.Start.Offset] + text[r.End.Offset:]
		next, errs := reader.ParseJSON(path, text)
		if next == nil {
			h.problem(path, "removing allow_sysvipc would break the file: "+errs[0].Error())
			return c
		}
		cur = next
	}
	if text != src {
		h.edit(path, src, text, false, Reason{Msg: "remove allow_sysvipc: iocage passes sysvmsg, sysvsem and sysvshm at every start on FreeBSD 11 and later, so it decides nothing (it only shows as allow.sysvipc in jls)"})
	}
	return cur
}

// iocageSysv returns what iocage passes for the jail's SysV IPC, read as
// the kernel does, or "?" and the finding that explains why the jail
// does not start. The interface only fills in DEFAULT| addresses, which
// do not matter here.
func (h *host) iocageSysv(cfg, defaults *reader.Config, root, name string) ([3]string, string) {
	unknown := [3]string{"?", "?", "?"}
	res, err := convert.Iocage(cfg, defaults, convert.IocageOptions{Name: name, IocRoot: root, Host: h.opt.HostRelease, DefaultInterface: "lo0"})
	if err != nil {
		return unknown, err.Error()
	}
	if res.JailConf == "" {
		for _, it := range res.Items {
			if it.Kind == convert.Unmappable && it.File != nil {
				return unknown, it.String()
			}
		}
		return unknown, "iocage does not start it"
	}
	r := resolve.Load("converted.conf", res.JailConf, resolve.Options{})
	if len(r.Jails) != 1 {
		return unknown, "iocage does not start it"
	}
	return sysvOrUnknown(r.Jails[0]), ""
}
