package inputs

import (
	"github.com/jailfmt/jailfmt/parser"
	"github.com/jailfmt/jailfmt/parser/sysctl"
	"github.com/jailfmt/jailfmt/resolve"
)

// loadSysctl reads a sysctl.conf: no jails, only its own settings (the
// legacy security.jail.* knobs are judged by lint's sysctl rules).
func loadSysctl(path, src string, opt resolve.Options) *resolve.Result {
	f, warns := sysctl.Parse(path, src)
	main := file(f.File)
	for _, c := range f.Comments {
		main.Comments = append(main.Comments, &parser.Comment{Kind: parser.HashComment, Text: f.Src[c.Start.Offset:c.End.Offset],
			Pos: c.Start, End: c.End.Offset, EndLine: c.End.Line})
	}
	return &resolve.Result{Files: []*parser.File{main}, Includers: []resolve.Source{{}}, Diags: diags(warns), Native: f}
}
