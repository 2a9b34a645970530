package cmdlint

import (
	"testing"

	"github.com/jailfmt/jailfmt/internal/golden"
	"github.com/jailfmt/jailfmt/lint"
	"github.com/jailfmt/jailfmt/source"
)

// FuzzLint lints and fixes arbitrary text as a script and as Markdown:
// nothing may panic, every diagnostic and edit lies inside the file, and
// Fix fails only on a script that does not parse.
func FuzzLint(f *testing.F) {
	golden.Seed(f, golden.Glob("../testdata/shell/*.sh", "../testdata/shell/errors/*.sh", "../testdata/markdown/*.md")...)
	f.Fuzz(func(t *testing.T, src string) {
		for _, format := range []source.Format{source.Shell, source.Markdown} {
			file := source.New("f", src, format)
			s, errs := Read(file)
			for _, d := range Lint(file, s, lint.Options{}, nil).Diags {
				if d.Pos.Offset < 0 || d.Pos.Offset > d.End.Offset || d.End.Offset > len(src) {
					t.Fatalf("%s at %+v-%+v outside the file (%d bytes)", d.Rule.ID, d.Pos, d.End, len(src))
				}
				if d.Fix == nil {
					continue
				}
				for _, e := range d.Fix.Edits {
					if e.File != file || e.Start < 0 || e.Start > e.End || e.End > len(src) {
						t.Fatalf("%s edit %d-%d outside the file", d.Rule.ID, e.Start, e.End)
					}
				}
			}
			if _, err := Fix(file, lint.Options{}, nil); err != nil && (format == source.Markdown || len(errs) == 0) {
				t.Fatalf("Fix of a readable %v file: %v", format, err)
			}
		}
	})
}
