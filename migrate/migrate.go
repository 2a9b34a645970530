// Package migrate plans and applies the move of a whole jail host (or a
// mounted image, or a configuration repository that mirrors one) from
// legacy System V IPC settings to sysvmsg, sysvsem and sysvshm, without
// changing what any jail may do: jail.conf files through the fix
// pipeline (JF2001 and the other SysV rules), legacy rc.conf jails moved
// into jail.conf, sysctl.conf's legacy security.jail.* defaults and
// iocage's allow_sysvipc keys removed where they decide nothing. Files
// are parsed, never run.
package migrate

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/jailfmt/jailfmt/fsutil"
)

// Options say which host to migrate and how.
type Options struct {
	// Root is the folder that stands for the host's "/".
	Root string
	// Harden lets fixes write sysvR = new where jails inherit the host's
	// objects today (a change of behaviour, shown in the table).
	Harden bool
	// HostRelease is the host's uname -r (iocage gates sysv* on it).
	HostRelease string
	// ReadFile reads a file within the size limit; nil means
	// fsutil.ReadFile with fsutil.DefaultMaxSize.
	ReadFile func(name string) ([]byte, error)
	// BackupSuffix names the backup of each changed file (default .orig):
	// such files are not scanned.
	BackupSuffix string
}

// Reason is why a file changes: the lint rule that covers it ("" when
// none does) and what the change does.
type Reason struct {
	Rule string `json:"rule,omitempty"`
	Msg  string `json:"message"`
}

// Change is one file the plan writes.
type Change struct {
	Path   string   `json:"path"` // as on the host: /etc/rc.conf
	Disk   string   `json:"-"`    // where it is under Root
	Create bool     `json:"create,omitempty"`
	Why    []Reason `json:"why"`
	Old    string   `json:"-"`
	New    string   `json:"-"`
	Diff   string   `json:"diff"`
}

// Jail is one jail's effective System V IPC before and after the plan.
type Jail struct {
	Name   string    `json:"name"`
	Source string    `json:"source"` // the file (or manager) that defines it
	Before [3]string `json:"before"` // sysvmsg, sysvsem, sysvshm
	After  [3]string `json:"after"`
}

// Problem is a file that cannot be read, does not parse, or cannot be
// migrated safely: --apply refuses while there is one.
type Problem struct {
	Path string `json:"path"`
	Msg  string `json:"message"`
}

// Plan is what migrating the host takes.
type Plan struct {
	Root     string    `json:"root"`
	Changes  []*Change `json:"changes"`
	Jails    []Jail    `json:"jails"`
	Manual   []string  `json:"manual"`
	Problems []Problem `json:"problems"`
}

// host is a scan in progress.
type host struct {
	opt     Options
	plan    *Plan
	changes map[string]*Change // by host path
	moved   map[string]bool    // legacy rc.conf jails this plan moves
}

// Scan reads the host's jail configuration and plans the migration.
func Scan(opt Options) *Plan {
	if opt.ReadFile == nil {
		opt.ReadFile = func(name string) ([]byte, error) { return fsutil.ReadFile(name, fsutil.DefaultMaxSize) }
	}
	if opt.BackupSuffix == "" {
		opt.BackupSuffix = ".orig"
	}
	if opt.HostRelease == "" {
		opt.HostRelease = "14.1-RELEASE"
	}
	root, err := filepath.Abs(opt.Root)
	if err == nil {
		opt.Root = root
	}
	h := &host{opt: opt, plan: &Plan{Root: opt.Root}, changes: map[string]*Change{}, moved: map[string]bool{}}
	if st, err := os.Stat(opt.Root); err != nil || !st.IsDir() {
		h.problem(opt.Root, "--root must be a folder (the host's /)")
		return h.plan
	}
	h.rcconf()
	h.jailconf()
	h.sysctl()
	h.iocage()
	h.ezjail()
	h.plan.verify(opt.Harden)
	sort.Slice(h.plan.Changes, func(a, b int) bool { return h.plan.Changes[a].Path < h.plan.Changes[b].Path })
	h.plan.finish(opt.Harden)
	return h.plan
}

// disk returns where a host path is under the root.
func (h *host) disk(path string) string { return filepath.Join(h.opt.Root, filepath.FromSlash(path)) }

// hostPath returns the host path of a file under the root.
func (h *host) hostPath(disk string) string {
	rel, err := filepath.Rel(h.opt.Root, disk)
	if err != nil || strings.HasPrefix(rel, "..") {
		return disk
	}
	return "/" + filepath.ToSlash(rel)
}

// glob returns the host paths matching a host pattern, skipping backups
// (the suffix) and editor leftovers; sorted.
func (h *host) glob(pattern string) []string {
	m, _ := filepath.Glob(h.disk(pattern))
	var out []string
	for _, p := range m {
		base := filepath.Base(p)
		if strings.HasSuffix(base, h.opt.BackupSuffix) || strings.HasSuffix(base, "~") || strings.Contains(base, ".jailfmt-") {
			continue
		}
		out = append(out, h.hostPath(p))
	}
	sort.Strings(out)
	return out
}

// exists reports whether a host path exists under the root.
func (h *host) exists(path string) bool {
	_, err := os.Lstat(h.disk(path))
	return err == nil
}

// read returns a host file's text, recording a problem when it exists
// but cannot be read; ok is false then, and when it does not exist.
func (h *host) read(path string) (string, bool) {
	b, err := h.opt.ReadFile(h.disk(path))
	if err != nil {
		if !errors.Is(err, os.ErrNotExist) {
			h.problem(path, err.Error())
		}
		return "", false
	}
	return string(b), true
}

func (h *host) problem(path, msg string) {
	if h.opt.Root != "/" {
		msg = strings.ReplaceAll(msg, h.opt.Root+string(filepath.Separator), "/")
	}
	h.plan.Problems = append(h.plan.Problems, Problem{Path: path, Msg: msg})
}

func (h *host) manual(msg string) { h.plan.Manual = append(h.plan.Manual, msg) }

// current returns a file's planned text: the staged change, or what is
// on disk.
func (h *host) current(path string) (string, bool) {
	if c := h.changes[path]; c != nil {
		return c.New, true
	}
	return h.read(path)
}

// edit stages a new text for a host file (created when it does not
// exist yet), with the reason.
func (h *host) edit(path, old, text string, create bool, why Reason) {
	c := h.changes[path]
	if c == nil {
		c = &Change{Path: path, Disk: h.disk(path), Old: old, Create: create}
		h.changes[path] = c
		h.plan.Changes = append(h.plan.Changes, c)
	}
	c.New = text
	for _, w := range c.Why {
		if w == why {
			return
		}
	}
	c.Why = append(c.Why, why)
}

// Pending reports whether the plan changes anything.
func (p *Plan) Pending() bool { return len(p.Changes) > 0 }

// verify refuses the plan when any jail's effective SysV IPC would
// change, other than inherit to new with --harden.
func (p *Plan) verify(harden bool) {
	for _, j := range p.Jails {
		for i := range j.Before {
			if j.Before[i] != j.After[i] && !(harden && j.Before[i] == "inherit" && j.After[i] == "new") {
				p.Problems = append(p.Problems, Problem{Path: j.Source, Msg: fmt.Sprintf(
					"jail %s would get %s instead of %s: the plan is refused (this is a jailfmt bug; please report it)",
					j.Name, strings.Join(j.After[:], " "), strings.Join(j.Before[:], " "))})
				break
			}
		}
	}
}
