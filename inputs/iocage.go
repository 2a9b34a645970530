package inputs

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/jailfmt/jailfmt/freebsd"
	ioc "github.com/jailfmt/jailfmt/iocage"
	"github.com/jailfmt/jailfmt/parser"
	piocage "github.com/jailfmt/jailfmt/parser/iocage"
	"github.com/jailfmt/jailfmt/resolve"
	"github.com/jailfmt/jailfmt/source"
)

// loadIocage reads an iocage JSON file. A jail's or template's
// config.json is merged with its iocage root's defaults.json (found by
// walking up, as a thin config inherits every key it lacks) over
// iocage's built-in defaults, and its one jail gets exactly the
// parameters ioc_start.py passes to jail(8) on a host of the target
// release (iocage.StartParams). A defaults.json itself is judged as the
// jail "ioc-*" it makes of every thin jail that sets nothing of its own;
// a plugin manifest as the jail its properties make.
func loadIocage(path, src string, opt resolve.Options) *resolve.Result {
	res := &resolve.Result{Includers: []resolve.Source{{}}}
	c, errs := piocage.ParseJSON(path, src)
	res.Diags = diags(errs)
	if c == nil {
		return res
	}
	res.Native = c
	main := file(c.File)
	res.Files = []*parser.File{main}
	byFile := map[*source.File]*parser.File{c.File: main}
	layers := [][]ioc.Prop{ioc.Builtin()}
	if c.Role != piocage.Defaults {
		if dpath, ok := piocage.FindDefaults(path); ok {
			// Named as the main file is (relative stays relative).
			name := dpath
			if abs, err := filepath.Abs(path); err == nil && !filepath.IsAbs(path) {
				if rel, err := filepath.Rel(filepath.Dir(abs), dpath); err == nil {
					name = filepath.Join(filepath.Dir(path), rel)
				}
			}
			text, err := readFile(name, opt)
			if err != nil {
				res.Diags = append(res.Diags, &parser.Error{File: path, Pos: c.File.Position(0),
					Msg: fmt.Sprintf("cannot read the iocage root's %s: %v", name, err)})
				return res
			}
			d, derrs := piocage.ParseJSON(name, text)
			res.Diags = append(res.Diags, diags(derrs)...)
			if d == nil {
				return res
			}
			// Not in res.Files: the file-local rules judge defaults.json
			// when it is linted itself, and findings there come from that
			// configuration alone. Its values' origins still point at it.
			byFile[d.File] = file(d.File)
			layers = append(layers, d.Props)
		}
	}
	layers = append(layers, c.Props)
	return startJail(res, byFile, "ioc-"+jailName(path, c), layers, opt)
}

// startJail adds to res the one jail the property layers make, with
// exactly the parameters ioc_start.py passes to jail(8) on a host of the
// target release; byFile finds the result's file of each property.
func startJail(res *resolve.Result, byFile map[*source.File]*parser.File, name string, layers [][]ioc.Prop, opt resolve.Options) *resolve.Result {
	main := res.Files[0]
	params, err := ioc.StartParams(ioc.Merge(layers...), ioc.Start{Name: strings.TrimPrefix(name, "ioc-"), Host: opt.Target.String() + "-RELEASE"})
	if err != nil {
		res.Diags = append(res.Diags, &parser.Error{File: main.Name, Pos: main.Position(0), Msg: err.Error()})
		return res
	}
	j := &resolve.Jail{Name: name, Source: resolve.Source{File: main}}
	for _, sp := range params {
		var src resolve.Source
		if pr := sp.Prop; pr != nil && pr.Origin.File != nil {
			src = resolve.Source{File: byFile[pr.Origin.File], Origin: &resolve.Origin{Key: pr.Key,
				Span: source.Span{Start: pr.Origin.Key.Start, End: pr.Origin.Value.End}}}
		}
		if prev := j.Param(sp.Name); prev != nil && !sp.Bare {
			// vnet.interface: one per word of vnet_interfaces.
			prev.Values = append(prev.Values, resolve.Value{Text: sp.Value, Source: src})
			continue
		}
		j.Params = append(j.Params, param(sp.Name, sp.Value, sp.Bare, src))
	}
	res.Jails = []*resolve.Jail{j}
	return res
}

// loadIocageProps reads an iocage property list (`iocage set` arguments,
// `iocage get all` output) as the jail those properties make over
// iocage's built-in defaults, named after the file.
func loadIocageProps(path, src string, opt resolve.Options) *resolve.Result {
	l, errs := piocage.ParseList(path, src)
	if l == nil {
		return &resolve.Result{Includers: []resolve.Source{{}}, Diags: diags(errs)}
	}
	res := LoadPropList(l, strings.TrimSuffix(filepath.Base(path), filepath.Ext(path)), opt)
	res.Diags = append(diags(errs), res.Diags...)
	return res
}

// LoadPropList returns the jail "ioc-NAME" that an iocage property list
// makes over iocage's built-in defaults, the list as the result's
// Native; a list may come from a file or from the words of an `iocage
// create/set` command line (piocage.ParseWord). Words whose value the
// shell would expand are left out: their value is not known.
func LoadPropList(l *piocage.List, name string, opt resolve.Options) *resolve.Result {
	if opt.Target == (freebsd.Release{}) {
		opt.Target = freebsd.Latest // as resolve.Load, which calls the file readers
	}
	res := &resolve.Result{Includers: []resolve.Source{{}}, Native: l}
	main := file(l.File)
	for _, c := range l.Comments {
		main.Comments = append(main.Comments, &parser.Comment{Kind: parser.HashComment, Text: l.File.Src[c.Start.Offset:c.End.Offset],
			Pos: c.Start, End: c.End.Offset, EndLine: c.End.Line})
	}
	res.Files = []*parser.File{main}
	var props []ioc.Prop
	for _, e := range l.Entries {
		if e.HasValue && !e.Dynamic {
			props = append(props, e.Prop)
		}
	}
	return startJail(res, map[*source.File]*parser.File{l.File: main}, "ioc-"+name, [][]ioc.Prop{ioc.Builtin(), props}, opt)
}

// jailName is the jail's iocage name: its host_hostuuid, else the folder
// of jails/NAME/config.json, else the file's base name ("*" for
// defaults.json).
func jailName(path string, c *piocage.Config) string {
	if c.Role == piocage.Defaults {
		return "*"
	}
	for i := len(c.Props) - 1; i >= 0; i-- {
		if p := c.Props[i]; p.Key == "host_hostuuid" && p.Text != "" && !p.IsNone() {
			return p.Text
		}
	}
	if filepath.Base(path) == "config.json" {
		return filepath.Base(filepath.Dir(path))
	}
	return strings.TrimSuffix(filepath.Base(path), ".json")
}
