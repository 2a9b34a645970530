package fix

import (
	"sort"
	"strings"

	"github.com/jailfmt/jailfmt/fsutil"
	"github.com/jailfmt/jailfmt/lint"
)

// Sourced is a finding and the configuration that produced it.
type Sourced struct {
	Diag *lint.Diagnostic
	By   *Config
}

// Findings are a configuration's findings (lint.Run's), indexed once:
// by file, and those with a fix.
type Findings struct {
	All     []*lint.Diagnostic
	byFile  map[string][]*lint.Diagnostic // by fsutil.Identity
	fixable []*lint.Diagnostic
}

// Index indexes findings.
func Index(all []*lint.Diagnostic) *Findings {
	f := &Findings{All: all, byFile: map[string][]*lint.Diagnostic{}}
	cache := ids{}
	for _, d := range all {
		id := cache.of(d.File)
		f.byFile[id] = append(f.byFile[id], d)
		if d.Fix != nil && len(d.Fix.Edits) > 0 {
			f.fixable = append(f.fixable, d)
		}
	}
	return f
}

// In returns the findings in file (all of them for "").
func (f *Findings) In(file string) []*lint.Diagnostic {
	if file == "" {
		return f.All
	}
	return f.byFile[fsutil.Identity(file)]
}

// Diagnose returns the findings of each configuration (found[i] are
// configs[i]'s, as lint.Run finds them): every finding, or with file set
// only those in that file (named as file). Merge reports them.
func Diagnose(configs []*Config, found [][]*lint.Diagnostic, file string) []Sourced {
	return diagnose(configs, found, file, nil)
}

// diagnose is Diagnose; a finding whose fix withheld (by fix key)
// holds back says why and has no fix.
func diagnose(configs []*Config, found [][]*lint.Diagnostic, file string, withheld map[string]string) []Sourced {
	cache := ids{}
	id := ""
	if file != "" {
		id = cache.of(file)
	}
	var out []Sourced
	for i, ds := range found {
		for _, d := range ds {
			if id != "" && cache.of(d.File) != id {
				continue
			}
			why := ""
			if len(withheld) > 0 {
				why = withheld[fixKey(d, cache)]
			}
			if why != "" || id != "" {
				c := *d
				if why != "" {
					// A message that ends in the statement to write
					// ("write sysvmsg = new;") keeps its own ";".
					sep := "; "
					if strings.HasSuffix(c.Message, ";") {
						sep = " "
					}
					c.Message += sep + "--fix " + why
					c.Fix = nil
				}
				if id != "" {
					c.File = file
				}
				d = &c
			}
			out = append(out, Sourced{d, configs[i]})
		}
	}
	return out
}

// fixKey is key for a diagnostic with a fix, "" for one without.
func fixKey(d *lint.Diagnostic, cache ids) string {
	if d.Fix == nil || len(d.Fix.Edits) == 0 {
		return ""
	}
	return key(d, cache)
}

// Merge reports each finding once: the same finding (file, place, rule
// and message) from several configurations is one, and a finding that
// only some of the configurations reading its file produce, or produce
// with another message, names those that do. configs are every
// configuration linted (a configuration is known by its root file).
// Findings come out by file (in the order first seen) and position.
func Merge(found []Sourced, configs []*Config) []*lint.Diagnostic {
	type version struct {
		d  *lint.Diagnostic
		by []*Config
	}
	type group struct {
		file     string // identity
		versions []*version
	}
	type at struct {
		file       string // identity
		start, end int
		rule       string
	}
	groups := map[at]*group{}
	var order []*group
	fileRank := map[string]int{}
	cache := ids{}
	for _, s := range found {
		fid := cache.of(s.Diag.File)
		if _, ok := fileRank[fid]; !ok {
			fileRank[fid] = len(fileRank)
		}
		k := at{fid, s.Diag.Pos.Offset, s.Diag.End.Offset, s.Diag.Rule.ID}
		g := groups[k]
		if g == nil {
			g = &group{file: fid}
			groups[k] = g
			order = append(order, g)
		}
		var v *version
		for _, x := range g.versions {
			if x.d.Message == s.Diag.Message {
				v = x
			}
		}
		if v == nil {
			v = &version{d: s.Diag}
			g.versions = append(g.versions, v)
		}
		if s.By != nil && !hasRoot(v.by, s.By) {
			v.by = append(v.by, s.By)
		}
	}
	// How many configurations (distinct by root file) read each file.
	readers := map[string]int{}
	seenRoot := map[string]bool{}
	for _, c := range configs {
		if len(c.ids) == 0 || seenRoot[c.ids[0]] {
			continue
		}
		seenRoot[c.ids[0]] = true
		counted := map[string]bool{}
		for _, id := range c.ids {
			if !counted[id] {
				counted[id] = true
				readers[id]++
			}
		}
	}
	var out []*lint.Diagnostic
	for _, g := range order {
		readers := readers[g.file]
		for _, v := range g.versions {
			d := v.d
			if len(v.by) > 0 && len(v.by) < readers {
				c := *d
				c.Message += " (as " + names(v.by) + ")"
				d = &c
			}
			out = append(out, d)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if fa, fb := fileRank[cache.of(a.File)], fileRank[cache.of(b.File)]; fa != fb {
			return fa < fb
		}
		if a.Pos.Offset != b.Pos.Offset {
			return a.Pos.Offset < b.Pos.Offset
		}
		return a.Rule.ID < b.Rule.ID
	})
	return out
}

// hasRoot reports whether cs holds a configuration of c's root file.
func hasRoot(cs []*Config, c *Config) bool {
	for _, x := range cs {
		if x == c || len(x.ids) > 0 && len(c.ids) > 0 && x.ids[0] == c.ids[0] {
			return true
		}
	}
	return false
}

// names renders "jail.conf reads it" or "a, b read it".
func names(cs []*Config) string {
	var n []string
	for _, c := range cs {
		n = append(n, c.Name)
	}
	if len(n) == 1 {
		return n[0] + " reads it"
	}
	return strings.Join(n, ", ") + " read it"
}
