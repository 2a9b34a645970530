package fix

import (
	"sort"

	"github.com/jailfmt/jailfmt/fsutil"
	"github.com/jailfmt/jailfmt/lint"
	"github.com/jailfmt/jailfmt/resolve"
)

// span is a byte range [start, end] of a file, by identity.
type span struct {
	id         string
	start, end int
}

// ids caches fsutil.Identity by file name: it costs a system call per
// path component, and a large configuration has many findings per file.
type ids map[string]string

func (c ids) of(name string) string {
	id, ok := c[name]
	if !ok {
		id = fsutil.Identity(name)
		c[name] = id
	}
	return id
}

// spansOf returns where edits can change jail j of res: the statements
// that gave it a value, its own block, and every wildcard or global
// record that reaches it.
func spansOf(res *resolve.Result, j *resolve.Jail) []span {
	cache := ids{}
	var out []span
	add := func(s resolve.Source) {
		switch {
		case s.File != nil && s.Stmt != nil:
			out = append(out, span{cache.of(s.File.Name), s.Stmt.Pos().Offset, s.Stmt.End()})
		case s.File != nil && s.Origin != nil:
			out = append(out, span{cache.of(s.File.Name), s.Origin.Span.Start.Offset, s.Origin.Span.End.Offset})
		}
	}
	for _, p := range j.Params {
		for _, s := range p.Sources {
			add(s)
		}
	}
	if j.Record != nil {
		add(j.Record.Source)
	}
	for _, rec := range res.Records {
		if rec.Wild && rec.Reaches(j) {
			add(rec.Source)
			for _, s := range rec.Stmts {
				add(s)
			}
		}
	}
	return out
}

// editIndex finds the fixes whose edits touch a span. The edits of the
// fixes of one trial do not overlap, so sorted by start they are sorted
// by end too.
type editIndex struct {
	byFile map[string][]indexed
}

type indexed struct {
	e lint.Edit
	d *lint.Diagnostic
}

func newEditIndex(fixes []*lint.Diagnostic) *editIndex {
	x := &editIndex{byFile: map[string][]indexed{}}
	cache := ids{}
	for _, d := range fixes {
		for _, e := range d.Fix.Edits {
			id := cache.of(e.File.Name)
			x.byFile[id] = append(x.byFile[id], indexed{e, d})
		}
	}
	for _, es := range x.byFile {
		sort.Slice(es, func(i, j int) bool { return es[i].e.Start < es[j].e.Start })
	}
	return x
}

// touching adds to out the fixes with an edit that overlaps sp or
// touches one of its ends (an insertion there).
func (x *editIndex) touching(sp span, out map[*lint.Diagnostic]bool) {
	es := x.byFile[sp.id]
	for i := sort.Search(len(es), func(i int) bool { return es[i].e.End >= sp.start }); i < len(es) && es[i].e.Start <= sp.end; i++ {
		out[es[i].d] = true
	}
}
