// Package sysctl reads sysctl.conf(5) files exactly as `sysctl -f` reads
// them (sbin/sysctl/sysctl.c, parsefile and parse), with the position of
// every name, value and comment.
package sysctl

import (
	"strings"

	"github.com/jailfmt/jailfmt/source"
)

// lineMax is the longest line sysctl -f reads at once: fgets into a
// BUFSIZ (1024) buffer keeps 1023 bytes; the rest of a longer line is
// read as the next line.
const lineMax = 1023

// Entry is one non-empty line.
type Entry struct {
	Name  string // the variable, trailing blanks trimmed
	Value string // the new value, one pair of quotes stripped
	// HasValue: the line has a "=" or ":"; without one sysctl -f only
	// prints the variable.
	HasValue  bool
	NameSpan  source.Span
	ValueSpan source.Span // as written, quotes included
	// Line is the whole line, its newline included: what a fix deletes
	// to remove the setting.
	Line source.Span
}

// File is a sysctl.conf.
type File struct {
	*source.File
	Entries  []Entry
	Comments []source.Span // every "#..." sysctl -f drops, without the newline
}

// isspace is C's isspace in the C locale.
func isspace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
}

// Parse reads a sysctl.conf. sysctl -f reads any text, so there is always
// a result; the warnings are what it reads differently from how the text
// looks (an overlong line, a NUL byte, text after a closing quote, an
// unbalanced quote, a missing name).
func Parse(name, src string) (*File, []*source.Error) {
	f := &File{File: source.New(name, src, source.Sysctl)}
	var warns []*source.Error
	warn := func(off int, format string, args ...any) {
		e := f.Errorf(off, format, args...)
		e.Warning = true
		warns = append(warns, e)
	}
	for start := 0; start < len(src); {
		// One fgets: up to and including "\n", at most lineMax bytes.
		end := start
		for end < len(src) && end-start < lineMax && src[end] != '\n' {
			end++
		}
		next := end
		if end < len(src) && src[end] == '\n' {
			next = end + 1
		} else if end < len(src) {
			warn(start, "line longer than %d bytes: sysctl -f reads the rest as a separate line; shorten it", lineMax)
		}
		// C string functions stop at a NUL byte.
		if i := strings.IndexByte(src[start:end], 0); i >= 0 {
			warn(start+i, "NUL byte: sysctl -f ignores the rest of the line; remove it")
			end = start + i
		}
		f.line(start, end, next, warn)
		start = next
	}
	return f, warns
}

// line reads src[start:end] (the line without its newline; next is where
// the next line starts), as parsefile then parse do.
func (f *File) line(start, end, next int, warn func(int, string, ...any)) {
	src := f.Src
	cut := end // where the first "#" comment cut the line
	pq := indexFrom(src, start, end, '\'')
	pdq := indexFrom(src, start, end, '"')
	for p := start; ; p++ {
		p = indexFrom(src, p, end, '#')
		if p < 0 {
			break
		}
		if pq >= 0 && p > pq {
			// A # after a single quote: cut after the quote closing it
			// (if any), whatever stands between.
			if q := indexFrom(src, pq+1, end, '\''); q >= 0 {
				cut = q + 1
			}
			break
		}
		if pdq >= 0 && p > pdq {
			if q := indexFrom(src, pdq+1, end, '"'); q >= 0 {
				cut = q + 1
			}
			break
		}
		if p == start || src[p-1] != '\\' {
			cut = p
			break
		}
	}
	if cut < end {
		if rest := strings.TrimLeft(src[cut:end], " \t\v\f\r"); rest != "" && rest[0] != '#' {
			warn(cut, "text after the closing quote is ignored by sysctl -f: %q; remove it or move it inside the quotes", strings.TrimRight(rest, " \t\v\f\r"))
		}
		if c := strings.IndexByte(src[cut:end], '#'); c >= 0 {
			ce := end
			for ce > cut+c && isspace(src[ce-1]) {
				ce--
			}
			f.Comments = append(f.Comments, f.Span(cut+c, ce))
		}
	}
	s, e := start, cut
	for e > s && isspace(src[e-1]) {
		e--
	}
	for s < e && isspace(src[s]) {
		s++
	}
	if s == e {
		return
	}
	ent := Entry{Line: f.Span(start, next)}
	d := s
	for d < e && src[d] != '=' && src[d] != ':' {
		d++
	}
	ne := d
	for ne > s && isspace(src[ne-1]) {
		ne--
	}
	ent.Name, ent.NameSpan = src[s:ne], f.Span(s, ne)
	if d < e {
		ent.HasValue = true
		vs := d + 1
		for vs < e && isspace(src[vs]) {
			vs++
		}
		v := src[vs:e]
		if v != "" && (v[0] == '"' || v[0] == '\'') {
			if len(v) > 1 && v[len(v)-1] == v[0] {
				v = v[1 : len(v)-1]
			} else if len(v) == 1 {
				v = ""
			} else {
				warn(vs, "unbalanced %c: sysctl -f drops this quote and keeps the rest as the value; close the quote", v[0])
				v = v[1:]
			}
		}
		ent.Value, ent.ValueSpan = v, f.Span(vs, e)
	} else {
		ent.ValueSpan = f.Span(e, e)
	}
	if ent.Name == "" {
		warn(s, "no variable name before %q: sysctl -f fails with unknown oid ''; write name=value", src[d:d+1])
	}
	f.Entries = append(f.Entries, ent)
}

// indexFrom returns the offset of the first c in src[from:end], or -1.
func indexFrom(src string, from, end int, c byte) int {
	if from >= end {
		return -1
	}
	if i := strings.IndexByte(src[from:end], c); i >= 0 {
		return from + i
	}
	return -1
}
