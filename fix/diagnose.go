package fix

import (
	"fmt"
	"sort"
	"strings"

	"github.com/jailfmt/jailfmt/fsutil"
	"github.com/jailfmt/jailfmt/lint"
	"github.com/jailfmt/jailfmt/resolve"
)

// Diagnose lints each configuration (results[i] is configs[i] as it is
// now). With file empty it returns every finding of the only
// configuration; otherwise the findings in file, once each: a finding
// that only some of the configurations produce (or produce with another
// message) names them.
func Diagnose(configs []*Config, results []*resolve.Result, file string, opts lint.Options, sel func(*lint.Rule) bool) []*lint.Diagnostic {
	return diagnose(configs, results, file, opts, sel, nil)
}

// diagnose is Diagnose; a finding whose fix withheld (by fix key) holds
// back says why and has no fix.
func diagnose(configs []*Config, results []*resolve.Result, file string, opts lint.Options, sel func(*lint.Rule) bool, withheld map[string]string) []*lint.Diagnostic {
	note := func(d *lint.Diagnostic) *lint.Diagnostic {
		if d.Fix == nil || len(d.Fix.Edits) == 0 || withheld[key(d)] == "" {
			return d
		}
		c := *d
		c.Message += "; --fix " + withheld[key(d)]
		c.Fix = nil
		return &c
	}
	if file == "" {
		var out []*lint.Diagnostic
		for _, res := range results {
			for _, d := range lint.Run(res, opts, sel) {
				out = append(out, note(d))
			}
		}
		return out
	}
	id := fsutil.Identity(file)
	type seen struct {
		d     *lint.Diagnostic
		names []string
	}
	var order []string
	found := map[string]*seen{}
	for i, res := range results {
		for _, d := range lint.Run(res, opts, sel) {
			if fsutil.Identity(d.File) != id {
				continue
			}
			k := fmt.Sprintf("%s\x00%d\x00%d\x00%s", d.Rule.ID, d.Pos.Offset, d.End.Offset, d.Message)
			if s, ok := found[k]; ok {
				s.names = append(s.names, configs[i].Name)
				continue
			}
			c := *note(d)
			c.File = file
			found[k] = &seen{d: &c, names: []string{configs[i].Name}}
			order = append(order, k)
		}
	}
	out := make([]*lint.Diagnostic, 0, len(order))
	for _, k := range order {
		s := found[k]
		if len(s.names) < len(configs) {
			verb := " reads it)"
			if len(s.names) > 1 {
				verb = " read it)"
			}
			s.d.Message += " (as " + strings.Join(s.names, ", ") + verb
		}
		out = append(out, s.d)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Pos.Offset != out[j].Pos.Offset {
			return out[i].Pos.Offset < out[j].Pos.Offset
		}
		return out[i].Rule.ID < out[j].Rule.ID
	})
	return out
}
