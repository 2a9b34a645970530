package lint

import (
	"fmt"
	"strings"

	ioc "github.com/jailfmt/jailfmt/iocage"
	piocage "github.com/jailfmt/jailfmt/parser/iocage"
	"github.com/jailfmt/jailfmt/parser/rcconf"
	"github.com/jailfmt/jailfmt/parser/sysctl"
	"github.com/jailfmt/jailfmt/resolve"
	"github.com/jailfmt/jailfmt/source"
)

// The rules of the other input formats read the reader's own parse
// (resolve.Result.Native); the rules about jails' parameters read the
// jails the readers built, wherever their values came from.

func (p *Pass) rcconf() *rcconf.File { f, _ := p.Result.Native.(*rcconf.File); return f }
func (p *Pass) sysctl() *sysctl.File { f, _ := p.Result.Native.(*sysctl.File); return f }

// iocageInput is what the iocage rules judge: the properties of an iocage
// JSON file or of a property list (a file of `iocage set` arguments, or
// the KEY=VALUE words of an `iocage create/set` command line), in order.
type iocageInput struct {
	File  *source.File
	Role  piocage.Role
	Props []ioc.Prop
	// Removal returns the bytes to delete to remove Props[i].
	Removal func(i int) source.Span
}

// iocage returns the iocage input of the pass, nil for other formats.
// A list's words whose value the shell would expand are left out, as
// the reader leaves them out of the jail.
func (p *Pass) iocage() *iocageInput {
	switch n := p.Result.Native.(type) {
	case *piocage.Config:
		return &iocageInput{File: n.File, Role: n.Role, Props: n.Props, Removal: n.Removal}
	case *piocage.List:
		in := &iocageInput{File: n.File, Role: piocage.JailConfig}
		var words []source.Span
		for _, e := range n.Entries {
			if e.HasValue && !e.Dynamic {
				in.Props = append(in.Props, e.Prop)
				words = append(words, e.Word)
			}
		}
		in.Removal = func(i int) source.Span { return wordRemoval(n.File, words[i]) }
		return in
	}
	return nil
}

// wordRemoval is a list word with the blanks after it (or, at the end of
// a line, the blanks before it), so the words around it stay apart.
func wordRemoval(f *source.File, w source.Span) source.Span {
	src, s, e := f.Src, w.Start.Offset, w.End.Offset
	a := e
	for a < len(src) && (src[a] == ' ' || src[a] == '\t') {
		a++
	}
	if a < len(src) && src[a] != '\n' && src[a] != '#' {
		return f.Span(s, a)
	}
	for s > 0 && (src[s-1] == ' ' || src[s-1] == '\t') {
		s--
	}
	return f.Span(s, a)
}

// reportSpan adds a diagnostic of the running rule for a span of f.
func (p *Pass) reportSpan(sev Severity, f *source.File, sp source.Span, msg string, fix *Fix) {
	p.add(&Diagnostic{Rule: p.rule, Severity: sev, File: f.Name, Source: f,
		Pos: sp.Start, End: sp.End, Message: msg, Fix: fix})
}

// removal is a fix that deletes [sp.Start, sp.End) of f.
func removal(f *source.File, sp source.Span, msg string, changes ...string) *Fix {
	return &Fix{Message: msg, Local: true, Changes: changes,
		Edits: []Edit{{File: f, Start: sp.Start.Offset, End: sp.End.Offset}}}
}

// sysvGets describes a jail's effective System V IPC setting: each
// sysv* value and where it came from ("set here", the native key that
// set it and the file when it is another, or "the default").
func (p *Pass) sysvGets(j *resolve.Jail) string {
	vals := SysV(j)
	parts := make([]string, len(sysvParams))
	for r, name := range sysvParams {
		from := "the default"
		if prm := j.Param(name); prm != nil {
			if src := lastSource(prm); src.Origin != nil {
				switch {
				case src.File != p.Result.Files[0]:
					from = src.Origin.Key + " in " + src.File.Name
				case src.Origin.Key == name:
					from = "set here"
				default:
					from = src.Origin.Key
				}
			}
		}
		parts[r] = fmt.Sprintf("%s = %s (%s)", name, vals[r], from)
	}
	return strings.Join(parts, ", ")
}

// iocageJail returns the one jail an iocage file makes, when iocage
// passes sysv* to jail(8) for it (hosts newer than 10.3): then
// allow_sysvipc decides nothing.
func (p *Pass) iocageJail() *resolve.Jail {
	if p.iocage() == nil || len(p.Result.Jails) != 1 || p.Result.Jails[0].Param("sysvmsg") == nil {
		return nil
	}
	return p.Result.Jails[0]
}

// varName is a jail's name as rc.d/jail spells it in variable names
// (jail_<J>_...): every character that is not a letter or digit becomes
// "_" (libexec/rc/rc.d/jail).
func varName(jail string) string {
	b := []byte(jail)
	for i, c := range b {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			b[i] = '_'
		}
	}
	return string(b)
}

// eachOriginValue calls fn with the last value ("" when bare) of every jail parameter
// set in another format (an iocage property, an rc.conf variable), once
// per setting and parameter: the rules that judge a value's spelling in
// jail.conf statements judge these through the common model.
func (p *Pass) eachOriginValue(fn func(name, text string, src resolve.Source)) {
	c := p.shared
	c.originsOnce.Do(func() {
		type key struct {
			file string
			off  int
			name string
		}
		seen := map[key]bool{}
		for _, j := range p.Result.Jails {
			for _, prm := range j.Params {
				src := lastSource(prm)
				if src.Origin == nil {
					continue
				}
				k := key{src.File.Name, src.Origin.Span.Start.Offset, prm.Name}
				if seen[k] {
					continue
				}
				seen[k] = true
				text := ""
				if len(prm.Values) > 0 {
					text = prm.Values[len(prm.Values)-1].Text
				}
				c.origins = append(c.origins, originValue{prm.Name, text, src})
			}
		}
	})
	for _, o := range c.origins {
		fn(o.name, o.text, o.src)
	}
}

// originValue is a parameter value set in another format.
type originValue struct {
	name, text string
	src        resolve.Source
}

// jailsByVar returns a loaded rc.conf's jails by the name rc.d/jail
// spells in their variables.
func jailsByVar(res *resolve.Result) map[string]*resolve.Jail {
	out := make(map[string]*resolve.Jail, len(res.Jails))
	for _, j := range res.Jails {
		out[varName(j.Name)] = j
	}
	return out
}

// convertHint is what every rc.conf finding points at.
func convertHint(f *source.File) string {
	return "run jailfmt convert --from rcconf --to jailconf " + f.Name + " to write it as jail.conf"
}
