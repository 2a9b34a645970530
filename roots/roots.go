// Package roots finds the configurations that read a file: the jail.conf
// files (jail.conf, jail.*.conf, *.jail.conf and the globs a .jailfmt
// names with roots=) from the file's folder up to the repository root
// whose .include statements, followed as jail(8) follows them, reach it.
// A fix to a file is only as safe as its effect on every configuration
// that reads it.
package roots

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"weak"

	"github.com/jailfmt/jailfmt/freebsd"
	"github.com/jailfmt/jailfmt/fsutil"
	"github.com/jailfmt/jailfmt/resolve"
	"github.com/jailfmt/jailfmt/source"
)

// maxWalkUp bounds the folders searched above a file when no repository
// root (a folder holding .git) is found.
const maxWalkUp = 32

// Options say where to look and how to read what is found.
type Options struct {
	// Globs name more candidate roots (.jailfmt roots=).
	Globs []string
	// Sysroot stands for "/" in absolute .include paths. Empty: for each
	// root, the folder above the nearest etc/ that holds it (a
	// configuration repository that mirrors /etc), if any.
	Sysroot string
	Target  freebsd.Release
	// Overlay holds texts to read instead of the disk, by absolute path
	// (standard input under its --stdin-filename).
	Overlay map[string]string
	// ReadFile reads candidate roots and what they include; nil means
	// fsutil.ReadFile with fsutil.DefaultMaxSize.
	ReadFile func(name string) ([]byte, error)
}

// Kind says how a file is judged.
type Kind int

// Kinds of file.
const (
	// Root: a configuration of its own (a jail.conf name, or a file no
	// configuration includes that is not in a jail.conf.d/ folder).
	Root Kind = iota
	// Fragment: some other configuration includes the file.
	Fragment
	// Orphan: the file sits where fragments live (jail.conf.d/) but no
	// configuration that includes it was found.
	Orphan
)

// Step is one .include on the way from a root to the file.
type Step struct {
	File string     // the including file
	Pos  source.Pos // its .include statement
	Read string     // the file that statement read
}

// Config is a configuration that reads the file.
type Config struct {
	Path    string // the root file
	Sysroot string // where its absolute .include paths resolved ("": as written)
	// Chain holds the .include statements from Path to the file (empty
	// when the file is Path).
	Chain       []Step
	LoadOptions resolve.Options
	cd          *candidate
	res         *resolve.Result // nil until asked for, if it was gone
}

// Result returns the configuration as loaded for the search, with
// LoadOptions.
func (c *Config) Result() *resolve.Result {
	if c.res == nil {
		c.res = c.cd.result()
	}
	return c.res
}

// ResolveOptions returns the options a configuration with the given
// sysroot is loaded with, for the search and for the fix driver alike
// (the one place that decides them).
func (o Options) ResolveOptions(sysroot string) resolve.Options {
	return resolve.Options{Target: o.Target, Sysroot: sysroot, Overlay: o.Overlay, ReadFile: o.ReadFile, Probes: true}
}

// Broken is a candidate root that does not load (jail(8) would refuse
// it); Reaches says whether what it read before failing includes the file.
type Broken struct {
	Path    string
	Err     string
	Reaches bool
	Result  *resolve.Result // with the errors
}

// Set is what was found for one file.
type Set struct {
	File string
	Kind Kind
	// Roots are the configurations that read File: for a Root or an
	// Orphan, the file loaded on its own; for a Fragment, the
	// configurations that include it (the file itself first when it has a
	// root's name).
	Roots []*Config
	// Looked lists the folders searched, nearest first.
	Looked []string
	Broken []Broken
}

// Finder finds roots, loading each candidate once.
type Finder struct {
	opts  Options
	cache map[string]*candidate // by absolute path
	dirs  map[string]searched   // candidates, by the folder searched from
	// seeded holds texts the caller has just read (Seed), by absolute
	// path, until the file is loaded.
	seeded map[string]string
}

// candidate is a loaded candidate root: what the search needs of it
// (the files it reads and how each is included), and its result, which
// the cache holds weakly so that the fix driver can let a large
// configuration go while it loads the fixed text (see fix.Config). It is
// loaded again if it is asked for after the collector took it: the root
// from the text first read, what it includes from the disk as it is then.
type candidate struct {
	cfg   Config // Chain empty
	src   string
	res   weak.Pointer[resolve.Result]
	kept  *resolve.Result // a result held strongly: one with errors
	files []included
	index map[string]int // the first of files by id
	// err is the first load error, if any; readErr says the root file
	// could not be read.
	err     string
	readErr error
}

// included is a file a candidate reads: its identity and the
// .include statement that read it (by is the including file's index, or
// -1 for the root).
type included struct {
	id   string
	by   int
	step Step
}

// result returns the candidate's loaded configuration.
func (cd *candidate) result() *resolve.Result {
	if cd.kept != nil {
		return cd.kept
	}
	res := cd.res.Value()
	if res == nil {
		res = resolve.Load(cd.cfg.Path, cd.src, cd.cfg.LoadOptions)
		cd.res = weak.Make(res)
	}
	return res
}

// config returns the candidate as a Config with the given chain, and
// its result if it is still there (res, when just loaded).
func (cd *candidate) config(chain []Step, res *resolve.Result) *Config {
	cfg := cd.cfg
	cfg.Chain, cfg.cd, cfg.res = chain, cd, res
	if res == nil {
		cfg.res = cd.kept
	}
	if cfg.res == nil {
		cfg.res = cd.res.Value()
	}
	return &cfg
}

// reach returns the chain of .include statements by which the candidate
// reads the file with identity id, and whether it does.
func (cd *candidate) reach(id string) ([]Step, bool) {
	i, ok := cd.index[id]
	if !ok {
		return nil, false
	}
	var chain []Step
	for k := i; k > 0 && cd.files[k].by >= 0; k = cd.files[k].by {
		chain = append(chain, cd.files[k].step)
	}
	slices.Reverse(chain)
	return chain, true
}

// New returns a Finder.
func New(opts Options) *Finder {
	return &Finder{opts: opts, cache: map[string]*candidate{}, dirs: map[string]searched{}, seeded: map[string]string{}}
}

// Seed hands the finder the text of file that the caller has just read
// (lint reads an input to tell its format), so that the next Find loads
// it from there instead of reading the file a second time. A file
// already loaded keeps what it loaded.
func (f *Finder) Seed(file, src string) {
	if abs, err := filepath.Abs(file); err == nil {
		f.seeded[abs] = src
	}
}

// IsRootName reports whether a file name is one jail(8) or rc.d/jail
// reads as a configuration: jail.conf, jail.NAME.conf (rc.d/jail's
// per-jail file) or NAME.jail.conf, outside a jail.conf.d/ folder.
func IsRootName(path string) bool {
	base := filepath.Base(path)
	if filepath.Base(filepath.Dir(path)) == "jail.conf.d" {
		return false
	}
	return base == "jail.conf" || strings.HasSuffix(base, ".jail.conf") ||
		strings.HasPrefix(base, "jail.") && strings.HasSuffix(base, ".conf") && len(base) > len("jail..conf")
}

// Find returns the configurations that read file. Paths are relative to
// the working directory when file is, absolute otherwise.
func (f *Finder) Find(file string) (*Set, error) {
	abs, err := filepath.Abs(file)
	if err != nil {
		return nil, err
	}
	rel := !filepath.IsAbs(file)
	set := &Set{File: file}
	self := fsutil.Identity(abs)
	named := false // the file has a root's name
	var others []*Config
	for _, c := range f.candidates(abs, set) {
		if fsutil.Identity(c) == self {
			named = true
			continue
		}
		cd, res := f.load(c, rel)
		chain, ok := cd.reach(self)
		if cd.err != "" {
			set.Broken = append(set.Broken, Broken{Path: cd.cfg.Path, Err: cd.err, Reaches: ok, Result: cd.result()})
			continue
		}
		if ok {
			others = append(others, cd.config(chain, res))
		}
	}
	cd, res := f.load(abs, rel) // the file itself, under the name given
	delete(f.seeded, abs)
	if cd.readErr != nil {
		return nil, cd.readErr
	}
	own := cd.config(nil, res)
	switch {
	case len(others) > 0:
		set.Kind = Fragment
		if named {
			set.Roots = append(set.Roots, own)
		}
		set.Roots = append(set.Roots, others...)
	case filepath.Base(filepath.Dir(abs)) == "jail.conf.d" && !named:
		set.Kind = Orphan
		set.Roots = []*Config{own}
	default:
		set.Kind = Root
		set.Roots = []*Config{own}
	}
	return set, nil
}

// candidates lists the candidate roots for the file at abs: root names
// from its folder up to the repository root, then the globs.
func (f *Finder) candidates(abs string, set *Set) []string {
	// Once per folder: every fragment of a jail.conf.d/ asks the same.
	dir := filepath.Dir(abs)
	if c, ok := f.dirs[dir]; ok {
		set.Looked = append(set.Looked, c.looked...)
		return c.roots
	}
	looked := len(set.Looked)
	out := f.search(dir, set)
	f.dirs[dir] = searched{looked: set.Looked[looked:len(set.Looked):len(set.Looked)], roots: out}
	return out
}

// searched is what candidates found from one folder.
type searched struct {
	looked, roots []string
}

// search lists the candidate roots from the folder dir up.
func (f *Finder) search(dir string, set *Set) []string {
	var out []string
	seen := map[string]bool{}
	add := func(p string) {
		if st, err := os.Stat(p); err != nil || !st.Mode().IsRegular() {
			return
		}
		if id := fsutil.Identity(p); !seen[id] {
			seen[id] = true
			out = append(out, p)
		}
	}
	for i := 0; i < maxWalkUp; i++ {
		set.Looked = append(set.Looked, dir)
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if p := filepath.Join(dir, e.Name()); IsRootName(p) {
				add(p)
			}
		}
		if _, err := os.Stat(filepath.Join(dir, ".git")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			break
		}
		dir = parent
	}
	for _, g := range f.opts.Globs {
		names, _ := filepath.Glob(g)
		sort.Strings(names)
		for _, n := range names {
			if a, err := filepath.Abs(n); err == nil {
				add(a)
			}
		}
	}
	return out
}

// load reads and resolves a candidate root, once per Finder; it returns
// the candidate, and its result when it was loaded now.
func (f *Finder) load(abs string, rel bool) (*candidate, *resolve.Result) {
	name := display(abs, rel)
	if cd, ok := f.cache[name]; ok {
		return cd, nil
	}
	cd := &candidate{cfg: Config{Path: name, Sysroot: f.sysroot(abs, rel)}}
	f.cache[name] = cd
	src, ok := f.opts.Overlay[abs]
	if !ok {
		src, ok = f.seeded[abs]
	}
	if !ok {
		read := f.opts.ReadFile
		if read == nil {
			read = func(name string) ([]byte, error) { return fsutil.ReadFile(name, fsutil.DefaultMaxSize) }
		}
		b, err := read(name)
		if err != nil {
			cd.err, cd.readErr = err.Error(), err
			cd.kept = &resolve.Result{}
			return cd, nil
		}
		src = string(b)
	}
	cd.src = src
	cd.cfg.LoadOptions = f.opts.ResolveOptions(cd.cfg.Sysroot)
	res := resolve.Load(name, src, cd.cfg.LoadOptions)
	for _, d := range res.Diags {
		if !d.Warning {
			cd.err = d.Error()
			cd.kept = res // a broken root is reported with its errors
			break
		}
	}
	cd.res = weak.Make(res)
	index := make(map[*source.File]int, len(res.Files))
	for k, g := range res.Files {
		index[g.File] = k
	}
	cd.files = make([]included, len(res.Files))
	cd.index = make(map[string]int, len(res.Files))
	for k, g := range res.Files {
		cd.files[k] = included{id: fsutil.Identity(g.Name), by: -1}
		if _, ok := cd.index[cd.files[k].id]; !ok {
			cd.index[cd.files[k].id] = k
		}
		if k > 0 && k < len(res.Includers) {
			by := res.Includers[k]
			cd.files[k].by = index[by.File.File]
			cd.files[k].step = Step{File: by.File.Name, Pos: by.Pos(), Read: g.Name}
		}
	}
	return cd, res
}

// display returns an absolute path as the user sees it: relative to the
// working directory when rel.
func display(abs string, rel bool) string {
	if rel {
		if wd, err := os.Getwd(); err == nil {
			if r, err := filepath.Rel(wd, abs); err == nil {
				return r
			}
		}
	}
	return abs
}

// sysroot returns where the absolute includes of the root at abs
// resolve: the option, else the folder above the nearest etc/ holding the
// root.
func (f *Finder) sysroot(abs string, rel bool) string {
	if f.opts.Sysroot != "" {
		return f.opts.Sysroot
	}
	for dir := filepath.Dir(abs); ; {
		if filepath.Base(dir) == "etc" {
			return display(filepath.Dir(dir), rel)
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// Describe renders a set for "jailfmt roots": what the file is and, for
// each configuration that reads it, the .include chain that reaches it.
func (s *Set) Describe() string {
	var b strings.Builder
	switch s.Kind {
	case Root:
		fmt.Fprintf(&b, "%s: a configuration of its own (no other configuration found includes it)\n", s.File)
	case Fragment:
		fmt.Fprintf(&b, "%s: read by %d configuration%s\n", s.File, len(s.Roots), plural(len(s.Roots)))
	case Orphan:
		fmt.Fprintf(&b, "%s: a fragment (in jail.conf.d/) that no configuration found includes (looked in %s); name its root with roots= in .jailfmt, or --sysroot DIR for absolute .include paths\n",
			s.File, strings.Join(s.Looked, ", "))
	}
	for _, r := range s.Roots {
		if s.Kind != Fragment {
			break
		}
		fmt.Fprintf(&b, "\t%s", r.Path)
		if r.Sysroot != "" {
			fmt.Fprintf(&b, " (absolute .include paths under %s)", r.Sysroot)
		}
		if len(r.Chain) == 0 {
			b.WriteString(": the file itself\n")
			continue
		}
		b.WriteString("\n")
		for _, st := range r.Chain {
			fmt.Fprintf(&b, "\t\t%s:%d:%d: .include reads %s\n", st.File, st.Pos.Line, st.Pos.Col, st.Read)
		}
	}
	for _, br := range s.Broken {
		how := "cannot tell whether it includes the file"
		if br.Reaches {
			how = "includes the file"
		}
		fmt.Fprintf(&b, "\t%s does not load (%s): %s\n", br.Path, how, br.Err)
	}
	return b.String()
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
