// Package cmdline says what a jail(8), iocage or sysctl(8) command line
// found in a script means, by each program's own argument grammar: the
// options, the parameters or properties it sets (with their spans and what
// of them is statically known), and the problems visible at this level,
// each with what the program will do and what to write instead, and an
// exact minimal text edit where one is certain.
package cmdline

import (
	"fmt"
	"strings"

	"github.com/jailfmt/jailfmt/parser/shell"
	"github.com/jailfmt/jailfmt/source"
)

// Severity ranks a finding (the lint package maps it to its own).
type Severity uint8

// Severities, lowest first.
const (
	Info Severity = iota
	Warning
	Error
)

func (s Severity) String() string {
	return [...]string{"info", "warning", "error"}[s]
}

// Kind names what a finding is about.
type Kind string

// Finding kinds.
const (
	UnknownOption Kind = "unknown-option" // the program has no such option
	MissingValue  Kind = "missing-value"  // an option or property without its value
	Usage         Kind = "usage"          // the program refuses this combination of arguments
	CommaJoined   Kind = "comma-joined"   // several key=value joined by commas in one argument
	OldForm       Kind = "old-form"       // jail path hostname ip command
	SysvNumeric   Kind = "sysv-numeric"   // sysvmsg=1 instead of sysvmsg=new
	EmptyJail     Kind = "empty-jail"     // iocage create -e
	BadRelease    Kind = "bad-release"    // iocage create -r with an '='
	NoJail        Kind = "no-jail"        // iocage set without properties or jail
)

// Finding is one problem in a command line.
type Finding struct {
	Kind     Kind
	Severity Severity
	Span     source.Span
	Message  string
	Edits    []Edit // an exact fix; nil when there is none
}

// Edit replaces the bytes [Start, End) of the command's file with New.
type Edit struct {
	Start, End int
	New        string
}

// Value is an option's or parameter's value.
type Value struct {
	Text  string // after quote removal; unknown parts in source form
	Known bool
	Span  source.Span
}

// KV is a name[=value] argument.
type KV struct {
	Word     shell.Word
	Key      string
	KeyKnown bool // the key and its '=' are constant text
	HasValue bool // the argument has an '=' (always true when the key is unknown)
	Value    Value
	eq       int // index of the '=' in the word's text, -1 without one
}

// splitKV reads a word as name[=value], splitting at the first '='.
func splitKV(w shell.Word) KV {
	text := w.Text()
	kv := KV{Word: w, eq: -1}
	known := w.KnownPrefix()
	if i := strings.IndexByte(text[:known], '='); i >= 0 {
		kv.eq = i
		kv.Key, kv.KeyKnown, kv.HasValue = text[:i], true, true
		kv.Value = sub(w, i+1, len(text))
		return kv
	}
	if known == len(text) && !w.Splits {
		kv.Key, kv.KeyKnown = text, true
		return kv
	}
	// The '=' may come from an expansion: nothing about it is known.
	kv.Key, kv.HasValue = text, true
	kv.Value = Value{Text: text, Span: w.Span}
	return kv
}

// sub returns text bytes [i, j) of a word as a Value.
func sub(w shell.Word, i, j int) Value {
	sp, _ := w.Sub(i, j)
	return Value{Text: w.Text()[i:j], Known: w.KnownIn(i, j) && !w.Splits, Span: sp}
}

// segment is one comma-separated part of a value.
type segment struct {
	start, end int    // in the word's text
	key        string // the part's key when it reads as key=value
}

// commaSegments splits the text after a word's '=' at its constant commas.
func commaSegments(kv KV) []segment {
	text := kv.Word.Text()
	var segs []segment
	start := kv.eq + 1
	for i := start; i <= len(text); i++ {
		if i < len(text) && (text[i] != ',' || !kv.Word.KnownIn(i, i+1)) {
			continue
		}
		s := segment{start: start, end: i}
		if k, _, ok := strings.Cut(text[start:i], "="); ok && len(segs) > 0 && isParamName(k) &&
			kv.Word.KnownIn(start, start+len(k)+1) {
			s.key = k
		}
		segs = append(segs, s)
		start = i + 1
	}
	return segs
}

// isParamName reports whether s reads as a jail parameter or iocage
// property name (lower case letters, digits, '_' and '.').
func isParamName(s string) bool {
	if s == "" || !('a' <= s[0] && s[0] <= 'z') {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '_' && c != '.' && !('a' <= c && c <= 'z') && !('0' <= c && c <= '9') {
			return false
		}
	}
	return true
}

// joined describes a comma-joined argument: the keys that were meant as
// separate parameters, the argument rewritten as separate arguments, and
// the edits that do it (nil when a part does not fit).
type joined struct {
	keys  []string
	split string
	edits []Edit
}

// keysAre lists the keys with "is" or "are".
func (j *joined) keysAre() string {
	if len(j.keys) == 1 {
		return j.keys[0] + " is"
	}
	return strings.Join(j.keys, ", ") + " are"
}

// optSpan returns the span of the option letter at text byte k of w: the
// whole word when it holds only that option.
func optSpan(w shell.Word, k int) source.Span {
	if len(w.Text()) == 2 {
		return w.Span
	}
	sp, _ := w.Sub(k, k+1)
	return sp
}

// commaJoined checks an argument for key=value parts joined by commas.
// lists are the keys whose values are comma lists: a part without '='
// after one of them belongs to it.
func commaJoined(kv KV, lists map[string]bool) *joined {
	if !kv.KeyKnown || !kv.HasValue {
		return nil
	}
	segs := commaSegments(kv)
	j := &joined{}
	for _, s := range segs[1:] {
		if s.key != "" {
			j.keys = append(j.keys, s.key)
		}
	}
	if len(j.keys) == 0 {
		return nil
	}
	text := kv.Word.Text()
	var b strings.Builder
	b.WriteString(text[:segs[0].end])
	group := kv.Key
	fixable := true
	for _, s := range segs[1:] {
		if s.key == "" {
			if !lists[group] {
				fixable = false
			}
			b.WriteString("," + text[s.start:s.end])
			continue
		}
		group = s.key
		b.WriteString(" " + text[s.start:s.end])
		comma := s.start - 1
		off, ok := kv.Word.Offset(comma)
		if !ok || !kv.Word.Unquoted(comma) {
			fixable = false
		}
		j.edits = append(j.edits, Edit{Start: off, End: off + 1, New: " "})
	}
	j.split = b.String()
	if !fixable {
		j.edits = nil
	}
	return j
}

// option is one parsed option.
type option struct {
	name  string // "-f", "--release"
	value *Value // nil for a flag
	span  source.Span
	arg   int // index of the word holding the option
}

// getopt reads options the way BSD getopt(3) does: bundled flags, a value
// in the same word or the next one, "--" ends them, and the first operand
// ends them too. spec is getopt's option string. It returns the options,
// the index of the first operand, and a finding when getopt fails; unsure
// is set when a word that may hold options is not known.
func getopt(prog string, args []shell.Word, spec string) (opts []option, rest int, bad *Finding, unsure bool) {
	for i := 0; i < len(args); i++ {
		w := args[i]
		text := w.Text()
		if w.KnownPrefix() == 0 && len(w.Pieces) > 0 && !w.Known() {
			return opts, i, nil, true
		}
		if text == "--" {
			return opts, i + 1, nil, false
		}
		if len(text) < 2 || text[0] != '-' {
			return opts, i, nil, false
		}
		for k := 1; k < len(text); k++ {
			if !w.KnownIn(k, k+1) {
				return opts, i, nil, true
			}
			c := text[k]
			at := strings.IndexByte(spec, c)
			sp := optSpan(w, k)
			if c == ':' || at < 0 {
				return opts, i, &Finding{Kind: UnknownOption, Severity: Error, Span: sp,
					Message: fmt.Sprintf("%s has no option -%c: it prints its usage and exits 1, doing nothing", prog, c)}, false
			}
			o := option{name: "-" + string(c), span: sp, arg: i}
			if at+1 < len(spec) && spec[at+1] == ':' {
				switch {
				case k+1 < len(text):
					v := sub(w, k+1, len(text))
					o.value = &v
				case i+1 < len(args):
					i++
					v := Value{Text: args[i].Text(), Known: args[i].Known(), Span: args[i].Span}
					o.value = &v
				default:
					return opts, i + 1, &Finding{Kind: MissingValue, Severity: Error, Span: sp,
						Message: fmt.Sprintf("%s: option -%c needs a value: it prints its usage and exits 1, doing nothing", prog, c)}, false
				}
				o.span = source.Span{Start: sp.Start, End: o.value.Span.End}
				opts = append(opts, o)
				break
			}
			opts = append(opts, o)
		}
	}
	return opts, len(args), nil, false
}

// RemoveArg returns the edit that deletes argument i of c with the blanks
// before it (after it, for a first argument), leaving the rest of the
// line byte for byte; false when the word does not stand alone on its
// line that way.
func RemoveArg(c shell.Command, i int) (Edit, bool) {
	w := c.Args[i]
	src := c.File.Src
	s, e := w.Span.Start.Offset, w.Span.End.Offset
	b := s
	for b > 0 && (src[b-1] == ' ' || src[b-1] == '\t') {
		b--
	}
	if b < s && b > 0 && src[b-1] != '\n' {
		return Edit{Start: b, End: e}, true
	}
	a := e
	for a < len(src) && (src[a] == ' ' || src[a] == '\t') {
		a++
	}
	if a > e {
		return Edit{Start: s, End: a}, true
	}
	return Edit{}, false
}
