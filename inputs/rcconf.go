package inputs

import (
	"errors"
	"regexp"
	"strings"

	"github.com/jailfmt/jailfmt/convert"
	"github.com/jailfmt/jailfmt/parser"
	"github.com/jailfmt/jailfmt/parser/rcconf"
	"github.com/jailfmt/jailfmt/resolve"
	"github.com/jailfmt/jailfmt/source"
)

// GeneratedName is the name of the jail.conf that rc.d/jail generates
// from an rc.conf's legacy jail_* variables, as messages name it.
const GeneratedName = "rc.d/jail's generated jail.conf"

// loadRCConf reads an rc.conf-style file. Its jails are the legacy jails
// rc.d/jail would start (in jail_list, with jail_NAME_rootdir and
// jail_NAME_hostname; none while jail_list is empty), with the parameters rc.d/jail's conversion
// generates from the jail_* variables (package convert). A value that
// comes from a variable of the file has that assignment as its Origin;
// one that is rc.d/jail's default has none. Only this file's variables
// are seen: rc.d/jail also sources rc.conf.local and rc.conf.d/jail.
func loadRCConf(path, src string, opt resolve.Options) *resolve.Result {
	res := &resolve.Result{Includers: []resolve.Source{{}}}
	f, err := rcconf.Parse(path, src)
	if err != nil {
		if e, ok := err.(*rcconf.Error); ok {
			res.Diags = []*parser.Error{{File: e.File, Pos: e.Pos, Msg: e.Msg}}
		} else {
			res.Diags = []*parser.Error{{File: path, Pos: source.Pos{Offset: 0, Line: 1, Col: 1}, Msg: err.Error()}}
		}
		return res
	}
	res.Native = f
	for _, w := range f.Warnings {
		res.Diags = append(res.Diags, &parser.Error{File: w.File, Pos: w.Pos, Msg: w.Msg, Warning: true})
	}
	main := file(f.File)
	res.Files = []*parser.File{main}
	for _, c := range f.Comments {
		main.Comments = append(main.Comments, &parser.Comment{Kind: parser.HashComment, Text: "#" + c.Text,
			Pos: c.Span.Start, End: c.Span.End.Offset, EndLine: c.Span.End.Line})
	}
	conv, err := convert.RCConf([]*rcconf.File{f}, convert.Options{NoShared: true})
	if err != nil {
		res.Diags = append(res.Diags, &parser.Error{File: path, Pos: f.Position(0), Warning: true,
			Msg: "jailfmt cannot model rc.d/jail's legacy conversion of this file (a jailfmt bug): " + err.Error()})
		return res
	}
	// The jails the conversion cannot model are not in the result; say
	// why, where (JF1008 reports reader warnings).
	for _, it := range conv.Items {
		if it.Kind == convert.Unmappable && it.File == f.File {
			res.Diags = append(res.Diags, &parser.Error{File: path, Pos: it.Span.Start, Warning: true, Msg: it.Msg})
		}
	}
	if conv.JailConf == "" {
		return res // no legacy jail here
	}
	if l := f.Last("jail_list"); l == nil || l.Known && strings.TrimSpace(l.Value) == "" {
		// rc.d/jail starts jail.conf's jails and ignores the jail_NAME_*
		// variables while jail_list is empty (spec freebsd-jail.md §7.1).
		return res
	}
	gen := resolve.Load(GeneratedName, conv.JailConf, resolve.Options{Target: opt.Target,
		ReadFile: func(string) ([]byte, error) { return nil, errNoInclude }})
	if gen.HasErrors() || len(gen.Files) == 0 {
		return res
	}
	env := rcconf.Env(f)
	comments := map[int]string{}
	for _, c := range gen.Files[0].Comments {
		comments[c.Pos.Line] = c.Text
	}
	for _, gj := range gen.Jails {
		j := &resolve.Jail{Index: len(res.Jails), Name: gj.Name, Source: resolve.Source{File: main}}
		for _, gp := range gj.Params {
			src := resolve.Source{}
			if len(gp.Sources) > 0 {
				st := gp.Sources[len(gp.Sources)-1].Stmt
				if a := decidingVar(gp.Name, comments[st.EndLine()], env); a != nil {
					src = resolve.Source{File: main, Origin: &resolve.Origin{Key: a.Name, Span: a.Stmt}}
				}
			}
			p := &resolve.Param{Name: gp.Name, Implied: gp.Implied}
			if src.Written() {
				p.Sources = []resolve.Source{src}
			}
			for _, v := range gp.Values {
				p.Values = append(p.Values, resolve.Value{Text: v.Text, Source: src})
			}
			j.Params = append(j.Params, p)
		}
		res.Jails = append(res.Jails, j)
	}
	return res
}

var errNoInclude = errors.New("a generated configuration includes nothing")

var rcVar = regexp.MustCompile(`\bjail_[A-Za-z0-9_]+`)

// decidingVar returns the assignment of the variable that decides a
// generated statement of parameter name, from the statement's comment
// ("# jail_pg_parameters: sysvshm=inherit; jail_sysvipc_allow:
// allow.sysvipc = 1"): the last part that sets name itself (an explicit
// sysvshm wins over allow.sysvipc in the kernel), else the last part;
// nil when the file sets none of the variables named (rc.d/jail's
// default).
func decidingVar(name, comment string, env map[string]*rcconf.Assign) *rcconf.Assign {
	parts := strings.Split(comment, "; ")
	pick := parts[len(parts)-1]
	for _, p := range parts {
		if strings.Contains(p, ": "+name+"=") || strings.Contains(p, ": "+name+" =") {
			pick = p
		}
	}
	names := rcVar.FindAllString(pick, -1)
	for i := len(names) - 1; i >= 0; i-- {
		if a := env[names[i]]; a != nil {
			return a
		}
	}
	return nil
}
