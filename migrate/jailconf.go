package migrate

import (
	"path/filepath"
	"strings"

	"github.com/jailfmt/jailfmt/convert"
	"github.com/jailfmt/jailfmt/fix"
	"github.com/jailfmt/jailfmt/lint"
	"github.com/jailfmt/jailfmt/resolve"
	"github.com/jailfmt/jailfmt/roots"
)

// sysvRules are the lint rules migrate applies: the SysV IPC rewrites
// that keep behaviour, and with --harden JF3001's inherit -> new.
var sysvRules = map[string]bool{"JF2001": true, "JF2002": true, "JF2003": true}

// jailConfs are the jail.conf files of a host: jail(8)'s and rc.d/jail's
// configurations, jail.conf.d fragments, and Bastille's per-jail files.
var jailConfs = []string{"/etc/jail.conf", "/etc/jail.*.conf", "/usr/local/bastille/jails/*/jail.conf", "/etc/jail.conf.d/*.conf"}

// jailconf fixes the host's jail.conf files through the fix pipeline,
// each judged in every configuration of the host tree that reads it.
func (h *host) jailconf() {
	opts := lint.Options{Harden: h.opt.Harden}
	sel := func(r *lint.Rule) bool { return sysvRules[r.ID] || h.opt.Harden && r.ID == "JF3001" }
	// Files this plan already writes (legacy jails moved into jail.conf
	// or jail.conf.d) are judged as they will be.
	overlay := map[string]string{}
	for _, c := range h.plan.Changes {
		overlay[c.Disk] = c.New
	}
	finder := roots.New(roots.Options{Sysroot: h.opt.Root, ReadFile: h.opt.ReadFile, Overlay: overlay})
	done := map[string]bool{} // files already judged, by host path
	for _, pattern := range jailConfs {
		paths := h.glob(pattern)
		for _, c := range h.plan.Changes {
			if ok, _ := filepath.Match(pattern, c.Path); ok && c.Create {
				paths = append(paths, c.Path)
			}
		}
		for _, path := range paths {
			if done[path] {
				continue // judged through a configuration that reads it
			}
			configs, fragment := h.configs(finder, path, overlay)
			if len(configs) == 0 {
				continue
			}
			disk := h.disk(path)
			job := &fix.Job{Configs: configs, Lint: opts, Select: sel}
			if fragment {
				job.File = disk
			}
			out := fix.Run(job)
			for _, c := range configs {
				for _, f := range c.Files() {
					done[h.hostPath(f.Name)] = true
				}
			}
			done[path] = true
			why := map[string][]Reason{}
			for _, d := range out.Applied {
				why[d.File] = append(why[d.File], Reason{Rule: d.Rule.ID, Msg: d.Message})
			}
			after := map[string]string{}
			for k, v := range overlay {
				after[k] = v
			}
			for _, f := range out.Files {
				abs, _ := filepath.Abs(f.Name)
				after[abs] = f.New
				p := h.hostPath(abs)
				old, create := f.Old, false
				if c := h.changes[p]; c != nil {
					old, create = c.Old, c.Create
				}
				for _, w := range why[f.Name] {
					h.edit(p, old, f.New, create, w)
				}
			}
			for _, w := range out.Withheld {
				h.manual(h.hostPath(w.Diag.File) + ": " + w.Diag.Rule.ID + " not fixed: " + w.Reason)
			}
			h.table(configs, after)
		}
	}
}

// configs returns the configurations that read a jail.conf file, and
// whether it is a fragment of theirs; files that do not load are
// problems.
func (h *host) configs(finder *roots.Finder, path string, overlay map[string]string) ([]*fix.Config, bool) {
	disk := h.disk(path)
	set, err := finder.Find(disk)
	if err != nil {
		h.problem(path, err.Error())
		return nil, false
	}
	broken := false
	for _, b := range set.Broken {
		if b.Reaches || b.Path == disk {
			h.problem(h.hostPath(b.Path), b.Err)
			broken = true
		}
	}
	var configs []*fix.Config
	for _, r := range set.Roots {
		if r.Result().HasErrors() {
			h.problem(h.hostPath(r.Path), "does not load: "+firstError(r.Result()))
			broken = true
			continue
		}
		configs = append(configs, fix.NewConfig(r.Path, r.Result(), r.LoadOptions))
	}
	if set.Kind == roots.Orphan {
		// rc.d/jail reads /etc/jail.conf.d/NAME.conf on its own for a
		// jail of jail_list: a configuration in its own right.
		src, ok := h.current(path)
		if !ok {
			return nil, false
		}
		ro := roots.Options{ReadFile: h.opt.ReadFile, Overlay: overlay}.ResolveOptions(h.opt.Root)
		res := resolve.Load(disk, src, ro)
		if res.HasErrors() {
			h.problem(path, "does not load: "+firstError(res))
			return nil, false
		}
		configs = []*fix.Config{fix.NewConfig(disk, res, ro)}
	}
	if broken {
		return nil, false
	}
	return configs, set.Kind == roots.Fragment
}

// table adds each jail of the configurations with its SysV IPC as the
// configuration reads it now and after the staged texts.
func (h *host) table(configs []*fix.Config, after map[string]string) {
	for _, c := range configs {
		before := c.Result()
		now := before
		if len(after) > 0 {
			ro := roots.Options{Sysroot: h.opt.Root, ReadFile: h.opt.ReadFile, Overlay: after}.ResolveOptions(h.opt.Root)
			src, ok := after[c.Name]
			if !ok {
				if s, staged := h.current(h.hostPath(c.Name)); staged {
					src, ok = s, true
				}
			}
			if !ok {
				b, err := h.opt.ReadFile(c.Name)
				if err != nil {
					continue
				}
				src = string(b)
			}
			now = resolve.Load(c.Name, src, ro)
		}
		for i, j := range before.Jails {
			if h.moved[j.Name] {
				// A legacy rc.conf jail, in the table already: its
				// after is what this configuration now gives it.
				for k := range h.plan.Jails {
					if r := &h.plan.Jails[k]; r.Name == j.Name && strings.HasPrefix(r.Source, "rc.conf") && i < len(now.Jails) {
						r.After = sysvOrUnknown(now.Jails[i])
					}
				}
				continue
			}
			row := Jail{Name: j.Name, Source: h.hostPath(c.Name), Before: sysvOrUnknown(j), After: [3]string{"?", "?", "?"}}
			if i < len(now.Jails) && now.Jails[i].Name == j.Name {
				row.After = sysvOrUnknown(now.Jails[i])
			}
			h.plan.Jails = append(h.plan.Jails, row)
		}
	}
}

func sysvOrUnknown(j *resolve.Jail) [3]string {
	v, err := convert.SysV(j)
	if err != nil {
		return [3]string{"?", "?", "?"}
	}
	return v
}

// firstError returns a result's first error with its file:line:col.
func firstError(r *resolve.Result) string {
	for _, d := range r.Diags {
		if !d.Warning {
			return d.Error()
		}
	}
	return "an error"
}
