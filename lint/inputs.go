package lint

import (
	"fmt"
	"strings"

	piocage "github.com/jailfmt/jailfmt/parser/iocage"
	"github.com/jailfmt/jailfmt/parser/rcconf"
	"github.com/jailfmt/jailfmt/parser/sysctl"
	"github.com/jailfmt/jailfmt/resolve"
	"github.com/jailfmt/jailfmt/source"
)

// The rules of the other input formats read the reader's own parse
// (resolve.Result.Native); the rules about jails' parameters read the
// jails the readers built, wherever their values came from.

func (p *Pass) iocage() *piocage.Config { c, _ := p.Result.Native.(*piocage.Config); return c }
func (p *Pass) rcconf() *rcconf.File    { f, _ := p.Result.Native.(*rcconf.File); return f }
func (p *Pass) sysctl() *sysctl.File    { f, _ := p.Result.Native.(*sysctl.File); return f }

// reportSpan adds a diagnostic of the running rule for a span of f.
func (p *Pass) reportSpan(sev Severity, f *source.File, sp source.Span, msg string, fix *Fix) {
	*p.diags = append(*p.diags, &Diagnostic{Rule: p.rule, Severity: sev, File: f.Name, Source: f,
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
			fn(prm.Name, text, src)
		}
	}
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
