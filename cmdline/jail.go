package cmdline

import (
	"fmt"
	"strings"

	"github.com/jailfmt/jailfmt/parser/shell"
	"github.com/jailfmt/jailfmt/source"
)

// Op is a set of jail(8) operations.
type Op uint8

// Operations, from -c, -m, -r/-R and -C.
const (
	Create  Op = 1 << iota // -c
	Modify                 // -m
	Remove                 // -r, -R
	Cleanup                // -C
)

// Form is which of jail(8)'s command line styles a command is.
type Form uint8

// Command line styles (usr.sbin/jail/jail.c main, "Find out which of the
// command line styles this is").
const (
	FormUsage   Form = iota // jail(8) refuses it and prints its usage
	FormParams              // one jail from param=value arguments
	FormConfig              // jails from the configuration file (-f, or /etc/jail.conf)
	FormRemove              // -r/-R with jail names
	FormOld                 // the old jail path hostname ip command...
	FormExhibit             // -e separator
)

// Jail is what a jail(8) command line means.
type Jail struct {
	Cmd  shell.Command
	Ops  Op
	Form Form
	// Conf is the -f file (nil: /etc/jail.conf). Only FormConfig and
	// FormRemove read it.
	Conf *Value
	// Params are the parameters the command sets, in jail(8)'s order:
	// those from options first, then the arguments. Repeated names add
	// values: jail(8) appends command line values, and a parameter that
	// is not a list keeps only the last (config.c import_params).
	Params []Param
	// Jails are the jail names of FormConfig and FormRemove.
	Jails []shell.Word
	// Command is the command= argv run in the new jail.
	Command  []Value
	Findings []Finding
	// Unsure is set when an argument may expand to several words or an
	// unknown one may hold options: the form or the options may differ.
	Unsure bool
}

// Param is one parameter jail(8) sets.
type Param struct {
	Name      string
	NameKnown bool
	// Values are the parameter's values, each list item on its own; none
	// for a bare name (persist, allow.nosysvipc).
	Values []Value
	Bare   bool
	Span   source.Span // the argument, or the option and its value
	Option string      // the option that set it ("-n"), "" for an argument
	Arg    int         // index in Cmd.Args of the word that holds it
}

// jailOptions is jail(8)'s getopt string (FreeBSD main, usr.sbin/jail/jail.c).
const jailOptions = "cCde:f:hiJ:lmn:p:qrRs:u:U:v"

// ListParams are the parameters jail(8) splits on commas on the command
// line (jail.c listparams[]); every other argument is one parameter.
var ListParams = map[string]bool{"ip4.addr": true, "ip6.addr": true, "vnet.interface": true, "zfs.dataset": true}

// ParseJail reads a jail(8) command line.
func ParseJail(c shell.Command) *Jail {
	j := &Jail{Cmd: c}
	opts, rest, bad, unsure := getopt("jail(8)", c.Args, jailOptions)
	j.Unsure = unsure
	for _, a := range c.Args {
		j.Unsure = j.Unsure || a.Splits
	}
	if bad != nil {
		j.Findings = append(j.Findings, *bad)
		return j
	}
	docf, exhibit, rflag := true, false, false
	for _, o := range opts {
		// The options that set parameters, as jail.c's getopt loop does.
		switch o.name {
		case "-c":
			j.Ops |= Create
		case "-m":
			j.Ops |= Modify
		case "-r":
			j.Ops |= Remove
		case "-R":
			j.Ops |= Remove
			rflag = true
		case "-C":
			j.Ops |= Cleanup
		case "-e":
			exhibit = true
		case "-f":
			j.Conf = o.value
		case "-d":
			j.optParam(o, "allow.dying", nil)
		case "-h":
			j.optParam(o, "ip_hostname", nil)
			docf = false
		case "-l":
			j.optParam(o, "exec.clean", nil)
			docf = false
		case "-n":
			j.optParam(o, "name", o.value)
			docf = false
		case "-s":
			j.optParam(o, "securelevel", o.value)
			docf = false
		case "-u", "-U":
			j.optParam(o, "exec.jail_user", o.value)
			if o.name == "-u" {
				j.optParam(o, "exec.system_jail_user", nil)
			} else {
				j.optParam(o, "exec.system_jail_user", &Value{Text: "false", Known: true, Span: o.span})
			}
			docf = false
		}
	}
	args := c.Args[rest:]
	if len(args) == 1 && !args[0].Known() {
		j.Unsure = true // it may or may not hold an '='
	}
	usage := func(why string) {
		j.Form = FormUsage
		if j.Unsure {
			return // the words may differ when the script runs
		}
		j.Findings = append(j.Findings, Finding{Kind: Usage, Severity: Error, Span: c.Span,
			Message: "jail(8) prints its usage and exits 1, doing nothing: " + why})
	}
	hasEq := func(w shell.Word) bool { return strings.Contains(w.Text(), "=") }
	switch {
	case exhibit:
		if j.Ops != 0 || len(args) > 0 {
			usage("-e only prints the configured jails; it takes no -c, -m, -r or jail arguments")
			return j
		}
		j.Form = FormExhibit
	case j.Ops == 0:
		if len(args) < 4 || !strings.HasPrefix(args[0].Text(), "/") {
			usage("with no -c, -m or -r it must be the old form jail path hostname ip command..., and this is not one")
			return j
		}
		j.old(args, rest)
	case j.Ops == Remove:
		if !docf || len(args) == 0 {
			usage("-r needs jail names (or *), and -h, -l, -n, -s, -u and -U do not go with it")
			return j
		}
		if !rflag {
			for _, a := range args {
				if hasEq(a) {
					usage(fmt.Sprintf("-r takes jail names, not parameters like %s", a.Text()))
					return j
				}
			}
		}
		j.Form, j.Jails = FormRemove, args
	case len(args) > 1 || (len(args) == 1 && hasEq(args[0])):
		if rflag || j.Ops&Cleanup != 0 {
			usage("-R and -C do not go with parameters on the command line")
			return j
		}
		j.Form = FormParams
		j.params(args, rest)
	default:
		if rflag || !docf {
			usage("with no parameters jail(8) reads its configuration file, and -h, -l, -n, -s, -u, -U and -R do not go with that; give the jail's parameters as name=value arguments")
			return j
		}
		j.Form, j.Jails = FormConfig, args
	}
	return j
}

// optParam adds a parameter set by an option.
func (j *Jail) optParam(o option, name string, v *Value) {
	p := Param{Name: name, NameKnown: true, Bare: v == nil, Span: o.span, Option: o.name, Arg: o.arg}
	if v != nil {
		p.Values = []Value{*v}
	}
	j.Params = append(j.Params, p)
}

// params reads param=value arguments (jail.c "Single jail specified on
// the command line").
func (j *Jail) params(args []shell.Word, first int) {
	for i, w := range args {
		kv := splitKV(w)
		if kv.KeyKnown && kv.Key == "command" {
			// command=prog args...: every later argument is its argv.
			if kv.HasValue {
				j.Command = append(j.Command, kv.Value)
			}
			for _, a := range args[i+1:] {
				j.Command = append(j.Command, Value{Text: a.Text(), Known: a.Known(), Span: a.Span})
			}
			return
		}
		p := Param{Name: kv.Key, NameKnown: kv.KeyKnown, Bare: !kv.HasValue, Span: w.Span, Arg: first + i}
		switch {
		case !kv.HasValue:
		case kv.KeyKnown && ListParams[kv.Key]:
			for _, s := range commaSegments(kv) {
				p.Values = append(p.Values, sub(w, s.start, s.end))
			}
		default:
			p.Values = []Value{kv.Value}
		}
		j.Params = append(j.Params, p)
		j.checkParam(kv, p)
	}
}

// checkParam reports what jail(8) does differently from what an argument
// reads as.
func (j *Jail) checkParam(kv KV, p Param) {
	if cj := commaJoined(kv, ListParams); cj != nil {
		j.Findings = append(j.Findings, commaFinding(kv, cj))
		return
	}
	if isSysv(p.Name) && len(p.Values) == 1 && p.Values[0].Known {
		if word, ok := sysvWords[p.Values[0].Text]; ok {
			f := Finding{Kind: SysvNumeric, Severity: Warning, Span: p.Span,
				Message: fmt.Sprintf("%s=%s means %s (%s), not \"allowed\" or \"denied\": write %s=%s",
					p.Name, p.Values[0].Text, word, sysvMeaning[word], p.Name, word)}
			if s, e, ok := valueRange(kv); ok {
				f.Edits = []Edit{{Start: s, End: e, New: word}}
			}
			j.Findings = append(j.Findings, f)
		}
	}
}

// valueRange returns the file range of a KV's value when it is exact.
func valueRange(kv KV) (int, int, bool) {
	text := kv.Word.Text()
	s, ok1 := kv.Word.Offset(kv.eq + 1)
	e, ok2 := kv.Word.Offset(len(text) - 1)
	return s, e + 1, ok1 && ok2 && len(text) > kv.eq+1
}

// commaFinding reports a comma-joined jail(8) argument.
func commaFinding(kv KV, cj *joined) Finding {
	f := Finding{Kind: CommaJoined, Severity: Warning, Span: kv.Word.Span, Edits: cj.edits}
	if ListParams[kv.Key] {
		f.Severity = Error
		f.Message = fmt.Sprintf("jail(8) splits %s on commas into list items, so the parts that start with %s are items of %s, not parameters, and the jail does not start with them; write each parameter as its own argument: %s",
			kv.Key, strings.Join(cj.keys, "=, ")+"=", kv.Key, cj.split)
		return f
	}
	f.Message = fmt.Sprintf("jail(8) splits only ip4.addr, ip6.addr, vnet.interface and zfs.dataset on commas: this whole argument is one parameter, %s = %q, and %s never set",
		kv.Key, kv.Value.Text, cj.keysAre())
	if kv.Key == "name" && strings.Contains(kv.Value.Text, ".") {
		f.Severity = Error
		parent := kv.Value.Text[:strings.LastIndexByte(kv.Value.Text, '.')]
		f.Message += fmt.Sprintf("; a name with dots names a child of jail %q, which does not exist, so the jail is not created", parent)
	}
	f.Message += "; write each parameter as its own argument: " + cj.split
	return f
}

// old reads the old four-argument form (jail.c "Old-style command line
// with four fixed parameters").
func (j *Jail) old(args []shell.Word, first int) {
	j.Form = FormOld
	j.Params = append(j.Params,
		Param{Name: "path", NameKnown: true, Values: []Value{whole(args[0])}, Span: args[0].Span, Arg: first},
		Param{Name: "host.hostname", NameKnown: true, Values: []Value{whole(args[1])}, Span: args[1].Span, Arg: first + 1})
	ip := args[2]
	if ip.Text() != "" {
		// Each comma item is an IPv6 address when inet_pton reads it as
		// one, else IPv4.
		text, start := ip.Text(), 0
		for i := 0; i <= len(text); i++ {
			if i < len(text) && text[i] != ',' {
				continue
			}
			v := sub(ip, start, i)
			name := "ip4.addr"
			if strings.Contains(v.Text, ":") {
				name = "ip6.addr"
			}
			j.Params = append(j.Params, Param{Name: name, NameKnown: true, Values: []Value{v}, Span: ip.Span, Arg: first + 2})
			start = i + 1
		}
	}
	for _, a := range args[3:] {
		j.Command = append(j.Command, whole(a))
	}
	if j.Unsure {
		return
	}
	j.Findings = append(j.Findings, Finding{Kind: OldForm, Severity: Warning, Span: j.Cmd.Span,
		Message: fmt.Sprintf("the old form jail path hostname ip command: jail(8) takes allow.set_hostname, allow.sysvipc, allow.raw_sockets, allow.chflags, allow.mount and allow.socket_af from the host's security.jail.* sysctls (security.jail.sysvipc_allowed=1 shares the host's System V IPC), so the jail depends on them; write jail -c path=%s host.hostname=%s ip4.addr=%s with explicit sysvmsg, sysvsem and sysvshm, then command=...",
			args[0].Text(), args[1].Text(), ip.Text())})
}

// whole returns a word as a Value.
func whole(w shell.Word) Value {
	return Value{Text: w.Text(), Known: w.Known(), Span: w.Span}
}

// sysvWords are the jailsys words for the numbers libjail accepts
// (lib/libjail/jail.c jailsys_values; sys/sys/jail.h JAIL_SYS_*).
var sysvWords = map[string]string{"0": "disable", "1": "new", "2": "inherit"}

// sysvMeaning says what each jailsys value gives the jail.
var sysvMeaning = map[string]string{
	"disable": "no access", "new": "a private namespace of its own", "inherit": "the host's namespace, shared",
}

func isSysv(name string) bool { return name == "sysvmsg" || name == "sysvsem" || name == "sysvshm" }
