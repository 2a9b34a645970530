package cmdline

import (
	"fmt"
	"strings"

	"github.com/jailfmt/jailfmt/parser/shell"
	"github.com/jailfmt/jailfmt/source"
)

// Iocage is what an iocage command line means. Only create and set are
// read past the subcommand.
type Iocage struct {
	Cmd    shell.Command
	Sub    string // the subcommand ("create", "set", ...); "" when there is none
	SubArg int    // index in Cmd.Args of the subcommand
	// Options are the subcommand's options under their long names
	// ("--release"), in order.
	Options []Option
	// Props are the KEY=VALUE properties, for iocage's property checks.
	Props []Prop
	// Target is set's jail name, or "default" for defaults.json.
	Target *Value
	// Plugin is set -P: the properties are plugin settings.
	Plugin   bool
	Findings []Finding
	Unsure   bool // an argument may expand to several words
}

// Option is one iocage option.
type Option struct {
	Name  string // the long form, "--release"
	Value *Value // nil for a flag
	Span  source.Span
}

// Prop is one KEY=VALUE property argument.
type Prop struct {
	Key      string
	Value    string
	Known    bool // the key and the value are both statically known
	KeyKnown bool
	HasValue bool
	Span     source.Span // the argument
	KeySpan  source.Span
	ValSpan  source.Span
	Arg      int // index in Cmd.Args
}

// clickOpt is one option of a click command: its long name and whether it
// takes a value.
type clickOpt struct {
	long  string
	value bool
}

// The options of iocage's click commands (freebsd/iocage iocage_cli/
// __init__.py, create.py, set.py). click adds --help to each.
var (
	iocageGlobal = map[string]clickOpt{
		"v": {"--version", false}, "f": {"--force", false}, "D": {"--debug", false},
	}
	iocageCreate = map[string]clickOpt{
		"c": {"--count", true}, "C": {"--thickconfig", false}, "r": {"--release", true},
		"t": {"--template", true}, "p": {"--pkglist", true}, "n": {"--name", true},
		"u": {"--uuid", true}, "S": {"--proxy", true}, "b": {"--basejail", false},
		"B": {"--clone_basejail", false}, "T": {"--thickjail", false}, "e": {"--empty", false},
		"s": {"--short", false},
	}
	iocageSet = map[string]clickOpt{"P": {"--plugin", false}}
)

// iocageLists are the properties whose values are comma lists.
var iocageLists = map[string]bool{"ip4_addr": true, "ip6_addr": true, "depends": true}

// ParseIocage reads an iocage command line.
func ParseIocage(c shell.Command) *Iocage {
	io := &Iocage{Cmd: c}
	for _, a := range c.Args {
		io.Unsure = io.Unsure || a.Splits
	}
	_, pos, bad := click("iocage", c.Args, 0, iocageGlobal, false)
	io.Findings = append(io.Findings, bad...)
	if len(pos) == 0 {
		return io
	}
	io.SubArg = pos[0]
	io.Sub = c.Args[pos[0]].Text()
	if !c.Args[pos[0]].Known() {
		io.Sub = ""
		return io
	}
	spec := map[string]map[string]clickOpt{"create": iocageCreate, "set": iocageSet}[io.Sub]
	if spec == nil {
		return io
	}
	opts, pos, bad := click("iocage "+io.Sub, c.Args, pos[0]+1, spec, true)
	io.Options = opts
	io.Findings = append(io.Findings, bad...)
	if io.Sub == "create" {
		io.create(pos)
	} else {
		io.set(pos)
	}
	return io
}

// option returns the last option with the given long name (click keeps
// the last value of an option), or nil.
func (io *Iocage) option(long string) *Option {
	for i := len(io.Options) - 1; i >= 0; i-- {
		if io.Options[i].Name == long {
			return &io.Options[i]
		}
	}
	return nil
}

// create reads iocage create's properties and checks its options.
func (io *Iocage) create(pos []int) {
	rel := io.option("--release")
	if rel != nil && rel.Value.Known && strings.Contains(rel.Value.Text, "=") {
		io.Findings = append(io.Findings, Finding{Kind: BadRelease, Severity: Error, Span: rel.Span,
			Message: fmt.Sprintf("iocage create stops with \"Please supply a valid RELEASE!\": -r takes a release such as 14.2-RELEASE, not %s", rel.Value.Text)})
	}
	if e := io.option("--empty"); e != nil {
		msg := "-e (--empty) creates an empty jail with no FreeBSD userland, for custom jails; it does not mean \"enable\""
		sev := Info
		if rel != nil {
			msg += fmt.Sprintf(", and iocage ignores -r %s (the release becomes EMPTY); drop -e to create a %s jail", rel.Value.Text, rel.Value.Text)
			sev = Warning
		}
		io.Findings = append(io.Findings, Finding{Kind: EmptyJail, Severity: sev, Span: e.Span, Message: msg})
	}
	for _, i := range pos {
		io.prop(i)
	}
}

// set reads iocage set's properties and target.
func (io *Iocage) set(pos []int) {
	io.Plugin = io.option("--plugin") != nil
	args := io.Cmd.Args
	if len(pos) > 0 && args[pos[len(pos)-1]].Splits {
		// The last word ("$@", $ARGS) may hold any number of words:
		// which one is the jail is not known.
		for _, i := range pos {
			io.prop(i)
		}
		return
	}
	if len(pos) < 2 {
		msg := "iocage set stops with \"You must specify a jail!\": it takes KEY=VALUE properties, then the jail name (or default) last"
		if len(pos) == 1 {
			msg += fmt.Sprintf("; %s was taken as the jail name and nothing is set", args[pos[0]].Text())
		}
		io.Findings = append(io.Findings, Finding{Kind: NoJail, Severity: Error, Span: io.Cmd.Span, Message: msg})
		return
	}
	last := args[pos[len(pos)-1]]
	io.Target = &Value{Text: last.Text(), Known: last.Known(), Span: last.Span}
	if last.Known() && strings.Contains(last.Text(), "=") {
		io.Findings = append(io.Findings, Finding{Kind: NoJail, Severity: Error, Span: last.Span,
			Message: fmt.Sprintf("the last argument of iocage set is the jail: %s is taken as a jail name, so iocage finds no such jail and sets nothing; add the jail name (or default) last", last.Text())})
	}
	for _, i := range pos[:len(pos)-1] {
		if p := io.prop(i); !p.HasValue {
			io.Findings = append(io.Findings, Finding{Kind: MissingValue, Severity: Error, Span: p.Span,
				Message: fmt.Sprintf("iocage set stops with \"%s is missing a value!\": write %s=VALUE", p.Key, p.Key)})
		}
	}
}

// prop reads the property argument Cmd.Args[i].
func (io *Iocage) prop(i int) Prop {
	w := io.Cmd.Args[i]
	kv := splitKV(w)
	p := Prop{Key: kv.Key, KeyKnown: kv.KeyKnown, HasValue: kv.HasValue, Span: w.Span, KeySpan: w.Span, Arg: i}
	p.Known = kv.KeyKnown && w.Known()
	if kv.eq >= 0 {
		p.Value, p.ValSpan = kv.Value.Text, kv.Value.Span
		p.KeySpan, _ = w.Sub(0, kv.eq)
	}
	io.Props = append(io.Props, p)
	if cj := commaJoined(kv, iocageLists); cj != nil && !io.Plugin {
		io.Findings = append(io.Findings, Finding{Kind: CommaJoined, Severity: Warning, Span: w.Span, Edits: cj.edits,
			Message: fmt.Sprintf("iocage does not split properties on commas: this is one property, %s = %q, and %s not set; write each property as its own KEY=VALUE argument: %s",
				kv.Key, kv.Value.Text, cj.keysAre(), cj.split)})
	}
	return p
}

// click parses arguments from index from as a click command does: short
// options bundle, a value may follow in the same word or the next one,
// long options take --name=value or --name value, "--" ends options.
// interspersed lets options follow operands (commands; groups stop at the
// first operand). It returns the options, the indexes of the operands and
// click's errors: click stops at the first, but the parse goes on (an
// unknown option read as a flag) so that one run reports every problem.
func click(prog string, args []shell.Word, from int, spec map[string]clickOpt, interspersed bool) ([]Option, []int, []Finding) {
	long := map[string]clickOpt{"--help": {"--help", false}}
	for _, o := range spec {
		long[o.long] = o
	}
	var opts []Option
	var pos []int
	var bad []Finding
	for i := from; i < len(args); i++ {
		w := args[i]
		text := w.Text()
		switch {
		case !w.Known() || text == "-" || !strings.HasPrefix(text, "-"):
			pos = append(pos, i)
			if !interspersed {
				for k := i + 1; k < len(args); k++ {
					pos = append(pos, k)
				}
				return opts, pos, bad
			}
		case text == "--":
			for k := i + 1; k < len(args); k++ {
				pos = append(pos, k)
			}
			return opts, pos, bad
		case strings.HasPrefix(text, "--"):
			name, _, hasValue := strings.Cut(text, "=")
			o, ok := long[name]
			if !ok {
				bad = append(bad, noSuchOption(prog, name, w.Span))
				continue
			}
			opt := Option{Name: o.long, Span: w.Span}
			switch {
			case o.value && hasValue:
				v := sub(w, len(name)+1, len(text))
				opt.Value = &v
			case o.value:
				if i+1 == len(args) {
					return opts, pos, append(bad, needsValue(prog, name, w.Span))
				}
				i++
				opt.Value = &Value{Text: args[i].Text(), Known: args[i].Known(), Span: args[i].Span}
				opt.Span.End = args[i].Span.End
			case hasValue:
				bad = append(bad, Finding{Kind: Usage, Severity: Error, Span: w.Span,
					Message: fmt.Sprintf("%s stops with \"Option '%s' does not take a value.\" and exits 2, doing nothing", prog, name)})
			}
			opts = append(opts, opt)
		default:
			for k := 1; k < len(text); k++ {
				sp := optSpan(w, k)
				o, ok := spec[text[k:k+1]]
				if !ok {
					bad = append(bad, noSuchOption(prog, "-"+text[k:k+1], sp))
					continue
				}
				opt := Option{Name: o.long, Span: sp}
				if o.value {
					if k+1 < len(text) {
						v := sub(w, k+1, len(text))
						opt.Value = &v
					} else if i+1 < len(args) {
						i++
						opt.Value = &Value{Text: args[i].Text(), Known: args[i].Known(), Span: args[i].Span}
						opt.Span.End = args[i].Span.End
					} else {
						return opts, pos, append(bad, needsValue(prog, "-"+text[k:k+1], sp))
					}
					opts = append(opts, opt)
					break
				}
				opts = append(opts, opt)
			}
		}
	}
	return opts, pos, bad
}

func noSuchOption(prog, name string, sp source.Span) Finding {
	msg := fmt.Sprintf("%s has no option %s: click stops with \"No such option: %s\" and exits 2, doing nothing", prog, name, name)
	if prog == "iocage create" {
		msg += "; properties are separate KEY=VALUE arguments after the options"
	}
	return Finding{Kind: UnknownOption, Severity: Error, Span: sp, Message: msg}
}

func needsValue(prog, name string, sp source.Span) Finding {
	return Finding{Kind: MissingValue, Severity: Error, Span: sp,
		Message: fmt.Sprintf("%s stops with \"Option '%s' requires an argument.\" and exits 2, doing nothing", prog, name)}
}
