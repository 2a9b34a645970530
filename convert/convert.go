// Package convert turns legacy jail configurations into jail.conf(5).
//
// From rc.conf (and ezjail, whose per-jail files feed the same rc.d/jail
// code): for each legacy jail it builds the block FreeBSD's rc.d/jail
// would write to /var/run/jail.NAME.conf ("service jail config NAME"),
// reads that block as jail(8) does, and writes the same parameters as a
// clean jail.conf: settings every jail shares once at the top, one block
// per jail, a comment naming the rc.conf variables behind each statement,
// and System V IPC in its per-resource form (sysvmsg, sysvsem, sysvshm;
// never allow.sysvipc). Before handing the text back it re-reads and
// resolves it and checks that every jail has exactly the parameters the
// rc.d/jail block gives it, apart from that documented SysV IPC rewrite.
package convert

import (
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/jailfmt/jailfmt/parser"
	"github.com/jailfmt/jailfmt/parser/rcconf"
	"github.com/jailfmt/jailfmt/resolve"
	"github.com/jailfmt/jailfmt/source"
)

// Options describe the host the rc.conf files come from.
type Options struct {
	// Readable reports whether a file on the jail host is readable:
	// rc.d/jail writes mount.fstab only for a readable fstab. nil means
	// none is.
	Readable func(path string) bool
	// DADCount is the host's net.inet6.ip6.dad_count (rc.d/jail sleeps
	// one second more before starting a jail with IPv6 addresses).
	// Values below 1 mean the FreeBSD default, 1.
	DADCount int
	// NoShared writes every statement in its jail's block, for a file
	// that also holds other jails (statements outside blocks reach every
	// jail of the file) or for one file per jail.
	NoShared bool
}

// Kind classifies a listed item.
type Kind uint8

// Item kinds.
const (
	Unmappable Kind = iota // cannot be converted faithfully (exit 1)
	Ignored                // rc.d/jail never reads it: nothing to convert
	Kept                   // stays in rc.conf
	EzjailOnly             // ezjail's own setting, not part of jail.conf
	Note                   // how rc.d/jail reads something, for the record
	IocageOnly             // iocage's own setting, kept as a comment
)

var kindNames = [...]string{"unmappable", "ignored", "kept", "ezjail-only", "note", "iocage-only"}

func (k Kind) String() string { return kindNames[k] }

// Item is something the conversion reports, with the rc.conf line it is
// about when there is one (File nil otherwise).
type Item struct {
	Kind Kind
	File *source.File
	Span source.Span
	Var  string
	Msg  string
}

// Removal is an rc.conf assignment to delete once the converted jail.conf
// is installed.
type Removal struct {
	File   *source.File
	Assign *rcconf.Assign
}

// Result is a conversion.
type Result struct {
	JailConf  string   // the converted jail.conf in canonical style; "" when no jail converted
	Jails     []string // the converted jails, in order
	Selection string   // which jails were converted, and why those
	Remove    []Removal
	Edits     []string // other rc.conf changes to make, in words
	Items     []Item
}

// Unmappable reports whether any item could not be converted.
func (r *Result) Unmappable() bool {
	for _, it := range r.Items {
		if it.Kind == Unmappable {
			return true
		}
	}
	return false
}

// perJailKeys are the per-jail variables rc.d/jail's legacy mode reads
// (jail_NAME_key); indexedKeys take a number suffix.
var (
	perJailKeys = []string{"hostname", "rootdir", "ip", "interface", "fib", "socket_unixiproute_only",
		"vnet_interface", "exec", "exec_start", "exec_stop", "consolelog", "fstab", "devfs_enable",
		"devfs_ruleset", "fdescfs_enable", "procfs_enable", "mount_enable", "set_hostname_allow",
		"sysvipc_allow", "enforce_statfs", "osreldate", "osrelease", "parameters"}
	indexedKeys = []string{"ip_multi", "exec_prestart", "exec_poststart", "exec_prestop", "exec_poststop", "exec_afterstart"}
	// globalOnly are per-jail keys with no jail_key fallback.
	globalOnly = map[string]bool{"ip": true, "exec": true, "exec_start": true, "exec_stop": true, "ip_multi": true}
	// keptPerJail still matter when rc.d/jail starts the jail from
	// jail.conf (jail_start, jail_console, parse_options).
	keptPerJail = map[string]string{
		"flags":      "rc.d/jail still passes these jail(8) flags when it starts the jail",
		"program":    "rc.d/jail still runs this program instead of jail(8) for the jail",
		"consolecmd": "service jail console still uses it",
		"conf":       "rc.d/jail reads the jail from this file first: put the converted block there, or remove the variable",
	}
	// control are rc.d/jail's own settings, not per-jail configuration.
	control = map[string]bool{"jail_enable": true, "jail_list": true, "jail_conf": true, "jail_confwarn": true,
		"jail_parallel_start": true, "jail_reverse_stop": true, "jail_flags": true, "jail_program": true,
		"jail_consolecmd": true, "jail_jexec": true, "jail_jls": true}
)

// legacyKey reports whether key (what follows jail_NAME_ or jail_) is one
// rc.d/jail's legacy mode reads; global means as a jail_key fallback.
func legacyKey(key string, global bool) bool {
	for _, k := range perJailKeys {
		if k == key {
			return !global || !globalOnly[k]
		}
	}
	for _, k := range indexedKeys {
		if rest, ok := strings.CutPrefix(key, k); ok && rest != "" && strings.Trim(rest, "0123456789") == "" {
			return !global || !globalOnly[k]
		}
	}
	return false
}

// jailName is rc.d/jail's normalisation: _j is the name with / and .
// replaced by _, _jv every non-alphanumeric byte of _j replaced by _.
func jailName(name string) (j, jv string) {
	j = strings.NewReplacer("/", "_", ".", "_").Replace(name)
	b := []byte(j)
	for i, c := range b {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			b[i] = '_'
		}
	}
	return j, string(b)
}

// RCConf converts the legacy jails of rc.conf-style files, sourced in the
// given order (/etc/rc.conf, rc.conf.local, rc.conf.d/jail). The error
// is a failed self-check, a jailfmt bug.
func RCConf(files []*rcconf.File, opt Options) (*Result, error) {
	v := newVars(files, nil)
	res := &Result{}
	var names []string
	list := v.env["jail_list"]
	switch {
	case list != nil && !list.Known:
		res.Items = append(res.Items, v.item(Unmappable, list,
			"jail_list: its value is not statically known ("+list.Reason+"), so jailfmt cannot tell which jails rc.d/jail starts"))
		return res, nil
	case list != nil && list.Value != "":
		jv := &jailVars{vars: v}
		names = jv.words(list.Value, "jail_list")
		if len(v.problems) > 0 {
			res.Items = append(res.Items, v.problems...)
			return res, nil
		}
		res.Selection = "the jails in jail_list (" + strings.Join(names, " ") + ") that have jail_NAME_rootdir and jail_NAME_hostname"
	default:
		seen := map[string]bool{}
		for _, f := range files {
			for _, a := range f.Assigns {
				for _, suf := range []string{"_rootdir", "_hostname"} {
					if jv, ok := strings.CutSuffix(strings.TrimPrefix(a.Name, "jail_"), suf); ok && strings.HasPrefix(a.Name, "jail_") && jv != "" && !seen[jv] && v.legacy(jv) {
						seen[jv] = true
						names = append(names, jv)
					}
				}
			}
		}
		res.Selection = "jail_list is empty, so rc.d/jail ignores these variables today and starts jail.conf's jails; " +
			"converted: every jail with both jail_NAME_rootdir and jail_NAME_hostname"
	}
	var jails []*jailVars
	seen := map[string]bool{}
	for _, name := range names {
		j, jv := jailName(name)
		if seen[j] {
			continue
		}
		seen[j] = true
		if !v.legacy(jv) {
			res.Items = append(res.Items, v.item(Note, list,
				fmt.Sprintf("%s has no jail_%s_rootdir and jail_%s_hostname: rc.d/jail starts it from jail_%s_conf, /etc/jail.conf.d/%s.conf or jail_conf; nothing to convert", j, jv, jv, jv, j)))
			continue
		}
		jails = append(jails, &jailVars{vars: v, j: j, jv: jv})
	}
	err := convert(res, v, jails, opt)
	if err != nil {
		return nil, err
	}
	if len(res.Jails) > 0 && list != nil && list.Value != "" {
		res.Edits = append(res.Edits, "keep jail_enable and jail_list: jail_list still names the jails, and rc.d/jail now starts them from jail.conf")
	} else if len(res.Jails) > 0 {
		res.Edits = append(res.Edits, "jail_list is empty: rc.d/jail starts every jail in jail_conf (/etc/jail.conf), so install the converted jails there, or set jail_list to the jails to start")
	}
	return res, nil
}

// ezjailKeys are ezjail's own per-jail variables (ezjail-admin writes
// them; rc.d/ezjail reads image, imagetype, attachparams, attachblocking
// and forceblocking before handing the jail to rc.d/jail). lost marks
// those whose non-empty value does something rc.d/jail and jail.conf do
// not: converting such a jail would change it.
var ezjailKeys = map[string]struct {
	lost bool
	what string
}{
	"parentzfs":        {false, "the ZFS dataset ezjail-admin creates jails under; only ezjail-admin uses it"},
	"retention_policy": {false, "ezjail-admin's snapshot retention; only ezjail-admin uses it"},
	"attachparams":     {false, "parameters for attaching an image jail's crypto device"},
	"attachblocking":   {false, "rc.d/ezjail does not start the jail at boot (crypto image jails)"},
	"forceblocking":    {false, "rc.d/ezjail does not start the jail at boot"},
	"image":            {true, "rc.d/ezjail attaches this image with mdconfig before start; jail.conf does not (an exec.prepare command could)"},
	"imagetype":        {false, "the kind of image (simple, bde, eli, zfs) rc.d/ezjail attaches"},
	"zfs_datasets":     {true, "ezjail attaches these datasets to the jail; on FreeBSD 15.0+ jail.conf's zfs.dataset can"},
	"cpuset":           {true, "ezjail binds the jail to these CPUs with cpuset(1) after start; jail.conf has no such parameter (exec.poststart could run cpuset)"},
}

// Ezjail converts ezjail's per-jail files (/usr/local/etc/ezjail/NAME,
// each named after its jail) through rc.d/jail's legacy conversion, with
// rc.conf files (rcFiles) for the global jail_* settings. rc.d/ezjail
// runs rc.d/jail as a new sh, which sees only the variables the ezjail
// files export and then sources rc.conf itself, so rc.conf wins where
// both set a variable.
func Ezjail(jailFiles, rcFiles []*rcconf.File, opt Options) (*Result, error) {
	res := &Result{}
	var ignored []Item
	exported := func(a *rcconf.Assign) bool { return a.Decl == "export" }
	v := newVars(jailFiles, exported)
	for _, f := range rcFiles {
		for _, a := range f.Assigns {
			v.env[a.Name], v.file[a] = a, f
		}
	}
	var jails []*jailVars
	for _, f := range jailFiles {
		for _, a := range f.Assigns {
			if !exported(a) {
				ignored = append(ignored, Item{Kind: Ignored, File: f.File, Span: a.Stmt, Var: a.Name,
					Msg: a.Name + " is not exported: rc.d/ezjail runs rc.d/jail in a new sh, which sees only exported variables"})
			}
		}
		base := f.Name[strings.LastIndexByte(f.Name, '/')+1:]
		if strings.Contains(base, ".") {
			res.Items = append(res.Items, Item{Kind: Note, File: f.File,
				Msg: base + ": rc.d/ezjail skips file names with a dot (.norun disables a jail); not converted"})
			continue
		}
		j, jv := jailName(base)
		if !v.legacy(jv) {
			res.Items = append(res.Items, Item{Kind: Unmappable, File: f.File,
				Msg: fmt.Sprintf("%s: no exported jail_%s_rootdir and jail_%s_hostname, so rc.d/jail would not start it from these variables", base, jv, jv)})
			continue
		}
		jv2 := &jailVars{vars: v, j: j, jv: jv}
		prefix := "jail_" + jv + "_"
		for _, a := range f.Assigns {
			key, ok := strings.CutPrefix(a.Name, prefix)
			e, isEz := ezjailKeys[key]
			if !ok || !isEz || !exported(a) {
				continue
			}
			kind := EzjailOnly
			if e.lost && (a.Value != "" || !a.Known) {
				kind = Unmappable
			}
			v.used[a.Name] = true
			jv2.notes = append(jv2.notes, Item{Kind: kind, File: f.File, Span: a.Stmt, Var: a.Name,
				Msg: a.Name + ": ezjail's own setting, not part of jail.conf: " + e.what})
		}
		jails = append(jails, jv2)
	}
	res.Selection = "one jail per ezjail file (rc.d/ezjail hands each to rc.d/jail's legacy conversion)"
	if err := convert(res, v, jails, opt); err != nil {
		return nil, err
	}
	res.Items = append(res.Items, ignored...)
	if len(res.Jails) > 0 {
		res.Edits = append(res.Edits,
			"rename each converted ezjail file to NAME.norun (or delete it) so rc.d/ezjail no longer starts the jail",
			"set jail_enable=\"YES\" in rc.conf (and jail_list to the jails, or leave it empty to start every jail in /etc/jail.conf)")
	}
	sortItems(res.Items)
	return res, nil
}

func newVars(files []*rcconf.File, keep func(*rcconf.Assign) bool) *vars {
	v := &vars{env: map[string]*rcconf.Assign{}, file: map[*rcconf.Assign]*rcconf.File{},
		seen: map[string]bool{}, used: map[string]bool{}}
	for _, f := range files {
		for _, a := range f.Assigns {
			if keep == nil || keep(a) {
				v.env[a.Name], v.file[a] = a, f
			}
		}
	}
	return v
}

// convert runs the conversion of the selected jails into res.
func convert(res *Result, v *vars, jails []*jailVars, opt Options) error {
	if opt.DADCount < 1 {
		opt.DADCount = 1
	}
	var done []*converted
	var skipped []string // variable prefixes of the jails not converted
	for _, jv := range jails {
		before := len(v.problems)
		v.seen = map[string]bool{} // report each unknown variable once per jail
		lines := jv.generate(opt)
		c, items := reference(jv, lines)
		problems := append(append([]Item{}, v.problems[before:]...), items...)
		if len(problems) > 0 {
			res.Items = append(res.Items, problems...)
			res.Items = append(res.Items, Item{Kind: Unmappable, Msg: jv.j + ": not converted: its rc.conf variables stay"})
			skipped = append(skipped, jv.jv)
			continue
		}
		res.Items = append(res.Items, jv.notes...)
		done = append(done, c)
	}
	if len(done) > 0 {
		text, err := write(done, res.Selection, opt.NoShared)
		if err != nil {
			return err
		}
		res.JailConf = text
		if len(done) > 1 && !opt.NoShared {
			res.Edits = append(res.Edits, "the statements at the top of the jail.conf reach every jail of the file they are in: "+
				"install it as a file of its own (or convert with --no-shared to add the jails to a file that has others)")
		}
		for _, c := range done {
			res.Jails = append(res.Jails, c.j.j)
		}
	}
	removals(res, v, done, skipped)
	sortItems(res.Items)
	return nil
}

// removals lists the rc.conf assignments the converted jails make
// obsolete, the ones to keep, and those rc.d/jail never reads.
func removals(res *Result, v *vars, done []*converted, skipped []string) {
	jvs := map[string]bool{} // every selected jail's variable prefix
	isSkipped := map[string]bool{}
	for _, jv := range skipped {
		jvs[jv], isSkipped[jv] = true, true
	}
	for _, c := range done {
		jvs[c.j.jv] = true
	}
	var files []*rcconf.File
	seenFile := map[*rcconf.File]bool{}
	for _, f := range v.file {
		if !seenFile[f] {
			seenFile[f] = true
			files = append(files, f)
		}
	}
	sort.Slice(files, func(a, b int) bool { return files[a].Name < files[b].Name })
	for _, f := range files {
		for _, a := range f.Assigns {
			if !strings.HasPrefix(a.Name, "jail_") || v.file[a] == nil {
				continue
			}
			rest := a.Name[len("jail_"):]
			switch {
			case control[a.Name]:
				if a.Name == "jail_enable" || a.Name == "jail_list" {
					continue // the Edits line says so
				}
				res.Items = append(res.Items, Item{Kind: Kept, File: f.File, Span: a.Stmt, Var: a.Name, Msg: a.Name + ": an rc.d/jail setting, kept"})
				continue
			case v.used[a.Name]:
				continue // an ezjail key, already listed
			}
			// The longest jail prefix: jail_www_db_x belongs to www_db,
			// not www.
			owner := ""
			for i := len(rest) - 1; i > 0; i-- {
				if rest[i] == '_' && jvs[rest[:i]] {
					owner = rest[:i]
					break
				}
			}
			if isSkipped[owner] {
				continue // stays with its jail
			}
			if owner != "" {
				key := rest[len(owner)+1:]
				if why, ok := keptPerJail[key]; ok {
					res.Items = append(res.Items, Item{Kind: Kept, File: f.File, Span: a.Stmt, Var: a.Name, Msg: a.Name + ": kept: " + why})
					continue
				}
				if legacyKey(key, false) {
					res.Remove = append(res.Remove, Removal{f.File, a})
					continue
				}
				if key == "zfs_dataset" {
					// FreeBSD 15.0's rc.d/jail (commit 0b49e504a32d) reads it;
					// the form it writes is not verified.
					res.Items = append(res.Items, Item{Kind: Unmappable, File: f.File, Span: a.Stmt, Var: a.Name,
						Msg: a.Name + ": FreeBSD 15.0's rc.d/jail turns it into zfs.dataset, which jailfmt does not convert yet; add zfs.dataset (and allow.mount.zfs) to the jail by hand"})
					continue
				}
			}
			if owner == "" && legacyKey(rest, true) {
				if len(skipped) > 0 {
					res.Items = append(res.Items, Item{Kind: Kept, File: f.File, Span: a.Stmt, Var: a.Name,
						Msg: a.Name + ": kept: a jail that was not converted still reads it"})
				} else if len(done) > 0 {
					res.Remove = append(res.Remove, Removal{f.File, a})
				}
				continue
			}
			if len(done) > 0 {
				res.Items = append(res.Items, Item{Kind: Ignored, File: f.File, Span: a.Stmt, Var: a.Name,
					Msg: a.Name + ": rc.d/jail does not read it for any converted jail; it has no effect there"})
			}
		}
	}
}

func sortItems(items []Item) {
	name := func(it Item) string {
		if it.File == nil {
			return "\xff"
		}
		return it.File.Name
	}
	sort.SliceStable(items, func(a, b int) bool {
		x, y := items[a], items[b]
		if name(x) != name(y) {
			return name(x) < name(y)
		}
		return x.Span.Start.Offset < y.Span.Start.Offset
	})
}

// converted is one jail: the block rc.d/jail writes, read as jail(8)
// reads it, and its statements regrouped for the clean output.
type converted struct {
	j      *jailVars
	ref    *resolve.Jail
	groups []group
}

// group is the statements that decide one parameter, in order: the last
// plain assignment and the += after it (earlier ones are overridden).
type group struct {
	stmts []cstmt
}

type cstmt struct {
	text   string   // the statement as jail.conf text
	from   []string // its origins, for the comment
	append int      // offset of "+=" in text, or -1
}

// key identifies a group by its statements' text: jails whose groups
// have the same key set the parameter the same way.
func (g group) key() string {
	t := make([]string, len(g.stmts))
	for i, s := range g.stmts {
		t[i] = s.text
	}
	return strings.Join(t, "\n")
}

// resolveBlock parses and resolves the block a jail manager writes for
// one jail (text, as the file called name): the file and the jail, or
// the problems jail(8) would have with it, each at its line through
// culprit (notOne says that the block does not give one jail).
func resolveBlock(name, text string, culprit func(line int, msg string) Item, notOne string) (*parser.File, *resolve.Jail, []Item) {
	f, errs := parser.Parse(name, text, parser.Options{})
	if f == nil {
		return nil, nil, []Item{culprit(errs[0].Pos.Line, "jail(8) cannot parse it: "+errs[0].Msg)}
	}
	r := resolve.Resolve(f, resolve.Options{})
	if len(r.Diags) > 0 || len(r.Jails) != 1 || r.Jails[0].Failed {
		var items []Item
		for _, d := range r.Diags {
			items = append(items, culprit(d.Pos.Line, "jail(8) refuses the jail: "+d.Msg))
		}
		if len(items) == 0 {
			items = append(items, Item{Kind: Unmappable, Msg: notOne})
		}
		return nil, nil, items
	}
	return f, r.Jails[0], nil
}

// reference parses and resolves the block rc.d/jail would write for the
// jail, and regroups its statements. Problems (the block does not parse,
// the jail would fail, an invalid SysV IPC value) come back as items.
func reference(jv *jailVars, lines []line) (*converted, []Item) {
	var b strings.Builder
	b.WriteString(jv.j + " {\n")
	starts := make([]int, len(lines)) // the file line each line starts on (a value may hold newlines)
	n := 2
	for i, l := range lines {
		starts[i] = n
		n += strings.Count(l.text, "\n") + 1
		b.WriteString("\t" + l.text + "\n")
	}
	b.WriteString("}\n")
	// lineAt returns the index of the line that holds file line n, or -1.
	lineAt := func(n int) int {
		return sort.Search(len(starts), func(i int) bool { return starts[i] > n }) - 1
	}
	name := "/var/run/jail." + jv.j + ".conf"
	culprit := func(lineNo int, msg string) Item {
		it := Item{Kind: Unmappable, Msg: jv.j + ": " + msg}
		if i := lineAt(lineNo); i >= 0 && i < len(lines) && len(lines[i].from) > 0 {
			if a := jv.env[lines[i].from[0]]; a != nil {
				it = jv.item(Unmappable, a, fmt.Sprintf("%s: rc.d/jail writes %q into %s, where %s", jv.j, lines[i].text, name, msg))
			}
		}
		return it
	}
	f, ref, items := resolveBlock(name, b.String(), culprit, jv.j+": the block rc.d/jail writes does not give one jail")
	if ref == nil {
		return nil, items
	}
	c := &converted{j: jv, ref: ref}
	src := f.Src
	stmts := f.Stmts[0].Body.Stmts
	// Each statement's parameter, from jail(8)'s own merge.
	owner := map[*parser.Stmt]*resolve.Param{}
	for _, p := range ref.Params {
		for _, s := range p.Sources {
			owner[s.Stmt] = p
		}
	}
	sysv, items := sysvOf(ref)
	if len(items) > 0 {
		for i := range items {
			items[i] = culprit(items[i].Span.Start.Line, items[i].Msg)
		}
		return nil, items
	}
	index := map[*resolve.Param]int{}
	sysvAt := -1
	var sysvFrom [3][]string // explicit sysvR statements
	var legacyFrom []string  // allow.sysvipc statements
	for _, st := range stmts {
		if !st.IsParam() {
			continue
		}
		l := lines[lineAt(st.Pos().Line)]
		text := src[st.Pos().Offset:st.End()]
		p := owner[st]
		if p == nil && !st.Name.Var {
			// Overridden later: jail(8) keeps only the statements
			// after the last plain assignment as sources.
			p = ref.Lookup(resolve.DecodeName(&st.Name))
		}
		if p == nil { // a $variable definition
			c.groups = append(c.groups, group{stmts: []cstmt{{text, l.from, -1}}})
			continue
		}
		if r := sysvResource(p.Name); r != 0 {
			if sysvAt < 0 {
				sysvAt = len(c.groups)
				c.groups = append(c.groups, group{}) // filled in below
			}
			if r == 4 {
				legacyFrom = append(legacyFrom, sysvOrigin(l.from, text))
			} else {
				sysvFrom[r-1] = append(sysvFrom[r-1], sysvOrigin(l.from, text))
			}
			continue
		}
		i, ok := index[p]
		if !ok {
			i = len(c.groups)
			index[p] = i
			c.groups = append(c.groups, group{})
		}
		if st.Tail.Op != parser.OpAppend {
			c.groups[i].stmts = c.groups[i].stmts[:0] // overridden from here on
		}
		at := -1
		if st.Tail.Op == parser.OpAppend {
			at = st.Tail.OpAt - st.Pos().Offset
		}
		c.groups[i].stmts = append(c.groups[i].stmts, cstmt{text, l.from, at})
	}
	// A list that starts with += reads more plainly as =.
	for i := range c.groups {
		if g := c.groups[i].stmts; len(g) > 0 && g[0].append >= 0 {
			t := g[0].text
			g[0].text, g[0].append = t[:g[0].append]+"="+t[g[0].append+2:], -1
		}
	}
	var g group
	for i, name := range sysvParams {
		from := sysvFrom[i]
		if len(from) == 0 {
			from = legacyFrom
		}
		g.stmts = append(g.stmts, cstmt{name + " = " + sysNames[sysv[i]] + ";", from, -1})
	}
	if sysvAt < 0 { // rc.d/jail always writes allow.sysvipc; keep the three anyway
		sysvAt = len(c.groups)
		c.groups = append(c.groups, group{})
	}
	c.groups[sysvAt] = g
	return c, nil
}

// sysvOrigin describes a SysV IPC statement of the rc.d/jail block for
// the comment of the per-resource statements that replace it.
func sysvOrigin(from []string, text string) string {
	return strings.Join(from, ", ") + ": " + strings.TrimSuffix(text, ";")
}

// write prints the converted jails as one jail.conf: the groups every
// jail has identically once at the top (when there are several jails),
// then one block per jail; each statement with a comment naming its
// rc.conf variables. The text is then formatted with parser.Format and
// checked against the rc.d/jail blocks.
func write(done []*converted, selection string, noShared bool) (string, error) {
	keys := make([][]string, len(done))        // keys[jail][group]
	index := make([]map[string]int, len(done)) // a jail's group by key
	for i, c := range done {
		keys[i] = make([]string, len(c.groups))
		index[i] = map[string]int{}
		for k, g := range c.groups {
			keys[i][k] = g.key()
			index[i][keys[i][k]] = k
		}
	}
	shared := map[string]bool{}
	var globals []group
	if len(done) > 1 && !noShared {
		count := map[string]int{}
		for i := range done {
			seen := map[string]bool{}
			for _, k := range keys[i] {
				if !seen[k] {
					seen[k] = true
					count[k]++
				}
			}
		}
		for k, g := range done[0].groups {
			if key := keys[0][k]; count[key] == len(done) && !shared[key] {
				shared[key] = true
				globals = append(globals, mergeFrom(key, g, done, index))
			}
		}
	}
	var b strings.Builder
	b.WriteString("# Converted by jailfmt from rc.d/jail's legacy jail_* variables: " + selection + ".\n")
	b.WriteString("# Each comment names the rc.conf variables a statement comes from.\n")
	if len(globals) > 0 {
		b.WriteString("\n# Shared by every converted jail.\n")
		for _, g := range globals {
			writeGroup(&b, g, "")
		}
	}
	for i, c := range done {
		b.WriteString("\n" + c.j.j + " {\n")
		for k, g := range c.groups {
			if !shared[keys[i][k]] {
				writeGroup(&b, g, "\t")
			}
		}
		b.WriteString("}\n")
	}
	f, errs := parser.Parse("converted.conf", b.String(), parser.Options{})
	if f == nil {
		return "", fmt.Errorf("the converted jail.conf does not parse: %v (this is a jailfmt bug; please report it)", errs[0])
	}
	out := parser.Format(f)
	if err := check(out, done); err != nil {
		return "", fmt.Errorf("the converted jail.conf does not mean what rc.d/jail's does: %v (this is a jailfmt bug; please report it)", err)
	}
	return out, nil
}

// mergeFrom returns a shared group (key) with the origins of every jail,
// the jail's own variable prefix written as jail_NAME_.
func mergeFrom(key string, g group, done []*converted, index []map[string]int) group {
	out := group{stmts: make([]cstmt, len(g.stmts))}
	froms := make([][]string, len(g.stmts))
	seen := map[string]bool{}
	for i, c := range done {
		for n, s := range c.groups[index[i][key]].stmts {
			for _, o := range s.from {
				o = strings.ReplaceAll(o, "jail_"+c.j.jv+"_", "jail_NAME_")
				if k := strconv.Itoa(n) + " " + o; !seen[k] {
					seen[k] = true
					froms[n] = append(froms[n], o)
				}
			}
		}
	}
	for n, s := range g.stmts {
		out.stmts[n] = cstmt{s.text, froms[n], -1}
	}
	return out
}

func writeGroup(b *strings.Builder, g group, indent string) {
	for _, s := range g.stmts {
		b.WriteString(indent + s.text)
		if len(s.from) > 0 {
			b.WriteString(" # " + strings.ReplaceAll(strings.Join(s.from, "; "), "\n", " "))
		}
		b.WriteString("\n")
	}
}

// check re-reads the converted text and compares every jail with its
// rc.d/jail block: the same parameters with the same values, except that
// allow.sysvipc and the sysvR values of the block are replaced by
// explicit sysvmsg, sysvsem and sysvshm with the same effective values.
func check(out string, done []*converted) error {
	f, errs := parser.Parse("converted.conf", out, parser.Options{})
	if f == nil {
		return fmt.Errorf("it does not parse after formatting: %v", errs[0])
	}
	if parser.Format(f) != out {
		return fmt.Errorf("formatting is not stable")
	}
	r := resolve.Resolve(f, resolve.Options{})
	if len(r.Diags) > 0 {
		return fmt.Errorf("%s", r.Diags[0].Msg)
	}
	if len(r.Jails) != len(done) {
		return fmt.Errorf("%d jails instead of %d", len(r.Jails), len(done))
	}
	for i, c := range done {
		got, want := r.Jails[i], c.ref
		if got.Name != want.Name || got.Failed {
			return fmt.Errorf("jail %s: name %q, failed %v", want.Name, got.Name, got.Failed)
		}
		if err := sameParams(want, got); err != nil {
			return fmt.Errorf("jail %s: %v", want.Name, err)
		}
	}
	return nil
}

func sameParams(want, got *resolve.Jail) error {
	n := 0
	for _, p := range want.Params {
		if sysvResource(p.Name) != 0 {
			continue
		}
		n++
		q := got.Param(p.Name)
		if q == nil {
			return fmt.Errorf("%s is missing", p.Name)
		}
		a, b := p.Texts(), q.Texts()
		if strings.Join(a, "\x00") != strings.Join(b, "\x00") || len(a) != len(b) {
			return fmt.Errorf("%s is %q instead of %q", p.Name, b, a)
		}
	}
	m := 0
	for _, q := range got.Params {
		switch sysvResource(q.Name) {
		case 0:
			m++
		case 4:
			return fmt.Errorf("%s is left", q.Name)
		}
	}
	if n != m {
		return fmt.Errorf("%d parameters instead of %d", m, n)
	}
	ws, _ := sysvOf(want)
	gs, _ := sysvOf(got)
	if ws != gs {
		return fmt.Errorf("System V IPC %v instead of %v", gs, ws)
	}
	return nil
}

// Report renders what the conversion chose, the rc.conf edits and the
// items, one per line (FILE:LINE:COL: [kind] message when an item has a
// source line).
func (r *Result) Report(w io.Writer) {
	fmt.Fprintf(w, "selection: %s\n", r.Selection)
	if len(r.Jails) > 0 {
		fmt.Fprintf(w, "converted: %s\n", strings.Join(r.Jails, " "))
	} else {
		fmt.Fprintln(w, "converted: no jail")
	}
	if len(r.Remove) > 0 {
		fmt.Fprintln(w, "remove from rc.conf once the jail.conf is installed:")
		for _, rm := range r.Remove {
			p := rm.Assign.Stmt.Start
			fmt.Fprintf(w, "  %s:%d:%d: %s\n", rm.File.Name, p.Line, p.Col, rm.Assign.Name)
		}
	}
	for _, e := range r.Edits {
		fmt.Fprintf(w, "then: %s\n", e)
	}
	for _, it := range r.Items {
		fmt.Fprintln(w, it.String())
	}
}

// String renders an item as FILE:LINE:COL: [kind] message (FILE: or
// nothing when it has no source line).
func (it Item) String() string {
	switch {
	case it.File != nil && it.Span.Start.IsValid():
		return fmt.Sprintf("%s:%d:%d: [%s] %s", it.File.Name, it.Span.Start.Line, it.Span.Start.Col, it.Kind, it.Msg)
	case it.File != nil:
		return fmt.Sprintf("%s: [%s] %s", it.File.Name, it.Kind, it.Msg)
	}
	return fmt.Sprintf("[%s] %s", it.Kind, it.Msg)
}
