// Package inputs loads the files jailfmt reads besides jail.conf (iocage
// JSON and property lists, rc.conf-style files, sysctl.conf) into resolve's model: jails
// with their effective jail(8) parameters, each value's Source carrying
// an Origin in the file's own format, and the reader's parse in
// Result.Native for the rules about that format. The fix driver reloads
// them through resolve.Options.Reader like any configuration.
package inputs

import (
	"path/filepath"

	"github.com/jailfmt/jailfmt/fsutil"
	"github.com/jailfmt/jailfmt/parser"
	"github.com/jailfmt/jailfmt/resolve"
	"github.com/jailfmt/jailfmt/source"
)

// Reader returns the reader for a format, to set as
// resolve.Options.Reader; nil for jail.conf (resolve's own) and for the
// formats that hold no jail settings of their own (shell scripts,
// Markdown).
func Reader(f source.Format) func(path, src string, opt resolve.Options) *resolve.Result {
	switch f {
	case source.IocageJSON:
		return loadIocage
	case source.IocageProps:
		return loadIocageProps
	case source.RCConf:
		return loadRCConf
	case source.Sysctl:
		return loadSysctl
	}
	return nil
}

// Load reads a file of the given format as resolve.Load reads a
// jail.conf.
func Load(f source.Format, path, src string, opt resolve.Options) *resolve.Result {
	opt.Reader = Reader(f)
	return resolve.Load(path, src, opt)
}

// file wraps a source file as the statement-less parser.File that
// resolve.Result lists.
func file(f *source.File) *parser.File { return &parser.File{File: f, NUL: -1} }

// diags converts a reader's errors and warnings to resolve's.
func diags(errs []*source.Error) []*parser.Error {
	out := make([]*parser.Error, 0, len(errs))
	for _, e := range errs {
		out = append(out, &parser.Error{File: e.File, Pos: e.Pos, Msg: e.Msg, Warning: e.Warning})
	}
	return out
}

// readFile reads a file the main file refers to (an iocage root's
// defaults.json) as resolve reads an included file: the overlay first
// (fixes not yet written), then opt.ReadFile, else the disk, bounded.
func readFile(name string, opt resolve.Options) (string, error) {
	if abs, err := filepath.Abs(name); err == nil {
		if text, ok := opt.Overlay[abs]; ok {
			return text, nil
		}
	}
	var b []byte
	var err error
	if opt.ReadFile != nil {
		b, err = opt.ReadFile(name)
	} else {
		b, err = fsutil.ReadFile(name, fsutil.DefaultMaxSize)
	}
	return string(b), err
}

// param returns a jail parameter with one value (none when bare) set at
// src.
func param(name, value string, bare bool, src resolve.Source) *resolve.Param {
	p := &resolve.Param{Name: name}
	if src.Written() {
		p.Sources = []resolve.Source{src}
	}
	if !bare {
		p.Values = []resolve.Value{{Text: value, Source: src}}
	}
	return p
}
