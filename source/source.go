// Package source holds what every reader shares: a source file (name,
// text, input format, line index) and positions in it. A Pos is one point
// (byte offset, 1-based line, 1-based byte column); a Span has both ends
// as positions, End exclusive.
package source

import (
	"sort"
	"sync"
)

// Format is the kind of input a file holds.
type Format uint8

// Input formats.
const (
	JailConf    Format = iota // jail.conf(5)
	IocageJSON                // iocage config.json, defaults.json, templates, plugin manifests
	IocageProps               // iocage KEY=VALUE property lists, `iocage get all` output
	RCConf                    // rc.conf-style shell assignments (rc.conf, ezjail files)
	Sysctl                    // sysctl.conf(5)
	Shell                     // shell scripts
	Markdown                  // Markdown with shell code blocks
)

var formatNames = [...]string{"jailconf", "iocage", "iocage-props", "rcconf", "sysctl", "sh", "markdown"}

// String returns the format's name as --type spells it.
func (f Format) String() string {
	if int(f) < len(formatNames) {
		return formatNames[f]
	}
	return "unknown"
}

// ParseFormat reads a format name as String writes it.
func ParseFormat(s string) (Format, bool) {
	for i, n := range formatNames {
		if n == s {
			return Format(i), true
		}
	}
	return 0, false
}

// Pos is a point in a file: a byte offset, a 1-based line and a 1-based
// column counted in bytes.
type Pos struct {
	Offset int
	Line   int
	Col    int
}

// IsValid reports whether the position was set.
func (p Pos) IsValid() bool { return p.Line > 0 }

// Span is a range of a file, End exclusive.
type Span struct {
	Start, End Pos
}

// File is one input file.
type File struct {
	Name   string // as given (or the --stdin-filename)
	Src    string // the exact bytes
	Format Format

	lineOnce   sync.Once
	lineStarts []int // offset of the first byte of each line
}

// New returns a file.
func New(name, src string, format Format) *File {
	return &File{Name: name, Src: src, Format: format}
}

// Position returns the line and column of a byte offset (clamped to the
// file).
func (f *File) Position(off int) Pos {
	f.lineOnce.Do(func() {
		f.lineStarts = append(f.lineStarts, 0)
		for i := 0; i < len(f.Src); i++ {
			if f.Src[i] == '\n' {
				f.lineStarts = append(f.lineStarts, i+1)
			}
		}
	})
	off = max(0, min(off, len(f.Src)))
	line := sort.Search(len(f.lineStarts), func(i int) bool { return f.lineStarts[i] > off })
	return Pos{Offset: off, Line: line, Col: off - f.lineStarts[line-1] + 1}
}

// Span returns the span of the byte range [start, end).
func (f *File) Span(start, end int) Span {
	return Span{Start: f.Position(start), End: f.Position(end)}
}
