package cmdline

import (
	"github.com/jailfmt/jailfmt/parser/shell"
	"github.com/jailfmt/jailfmt/source"
)

// Sysctl is what a sysctl(8) command line means.
type Sysctl struct {
	Cmd shell.Command
	// File is the -f file of name=value lines, nil without one.
	File *Value
	// Settings are the name[=value] operands; those without a value
	// only read.
	Settings []Setting
	Findings []Finding
	Unsure   bool // an argument may expand to several words
}

// Setting is one name[=value] operand.
type Setting struct {
	Name      string
	NameKnown bool
	HasValue  bool
	Value     Value
	Span      source.Span // the operand
	Arg       int         // index in Cmd.Args
}

// sysctlOptions is sysctl(8)'s getopt string (FreeBSD sbin/sysctl/sysctl.c),
// the union over releases so that no real option reads as unknown.
const sysctlOptions = "AabB:deFf:hiJlNnoqTtWwXx"

// ParseSysctl reads a sysctl(8) command line.
func ParseSysctl(c shell.Command) *Sysctl {
	s := &Sysctl{Cmd: c}
	opts, rest, bad, unsure := getopt("sysctl(8)", c.Args, sysctlOptions)
	s.Unsure = unsure
	if bad != nil {
		s.Findings = append(s.Findings, *bad)
		return s
	}
	for _, o := range opts {
		if o.name == "-f" {
			s.File = o.value
		}
	}
	for i, w := range c.Args[rest:] {
		s.Unsure = s.Unsure || w.Splits
		kv := splitKV(w)
		s.Settings = append(s.Settings, Setting{Name: kv.Key, NameKnown: kv.KeyKnown, HasValue: kv.HasValue,
			Value: kv.Value, Span: w.Span, Arg: rest + i})
	}
	return s
}
