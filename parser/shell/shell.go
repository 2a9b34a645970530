// Package shell reads shell scripts (never runs them) and finds the
// simple commands that run jail(8), iocage or sysctl(8), wherever they
// stand: in loops, functions, if/case bodies, pipelines, && lists,
// subshells and command substitutions, and behind sudo, doas, env,
// command, exec, nohup and time. Text in strings, comments and here-document bodies is
// never a command. Every argument comes back after quote removal with its
// exact span in the file and what of it is statically known.
package shell

import (
	"errors"
	"fmt"
	"path"
	"strings"

	"github.com/jailfmt/jailfmt/source"
	"mvdan.cc/sh/v3/syntax"
)

// Programs are the base names of the commands Parse reports.
var Programs = map[string]bool{"jail": true, "iocage": true, "sysctl": true}

// Command is one simple command that runs one of Programs.
type Command struct {
	File *source.File
	Name string // the program's base name: "jail", "iocage" or "sysctl"
	Prog Word   // the program word as written ("/usr/sbin/jail")
	Args []Word // its arguments, in order
	Span source.Span
}

// Error is a shell syntax error.
type Error struct {
	File string
	Pos  source.Pos
	Msg  string
}

func (e *Error) Error() string {
	return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Pos.Line, e.Pos.Col, e.Msg)
}

// Parse reads a whole file as a shell script. The dialect follows the
// shebang: bash, zsh and mksh/ksh scripts are read as such; anything else
// as POSIX sh, and as bash when it uses bash syntax.
func Parse(f *source.File) ([]Command, error) {
	return ParseText(&Mapper{File: f, Src: f.Src}, false)
}

// ParseText reads m.Src as a shell script whose bytes map into m.File;
// bash reads it as bash whatever its shebang says.
func ParseText(m *Mapper, bash bool) ([]Command, error) {
	s, err := ParseScript(m, bash)
	if err != nil {
		return nil, err
	}
	return s.Commands, nil
}

// Script is what ParseScript finds in a shell text: the commands and
// every comment (where jailfmt:ignore directives stand).
type Script struct {
	Commands []Command
	Comments []Comment
}

// Comment is one shell comment, from its '#' to the end of its line.
type Comment struct {
	Text string // without the '#'
	Span source.Span
}

// ParseScript is ParseText that also returns the script's comments.
func ParseScript(m *Mapper, bash bool) (*Script, error) {
	var err error
	for _, lang := range dialects(m.Src, bash) {
		file, e := syntax.NewParser(syntax.Variant(lang), syntax.KeepComments(true)).Parse(strings.NewReader(m.Src), "")
		if e == nil {
			return m.script(file, lang != syntax.LangPOSIX), nil
		}
		// Only syntax of another dialect makes the next dialect worth a
		// try; its error then is the one that helps.
		err = e
		var le syntax.LangError
		if !errors.As(e, &le) {
			break
		}
	}
	return nil, m.convert(err)
}

// dialects returns the dialects to try, in order.
func dialects(src string, bash bool) []syntax.LangVariant {
	if bash {
		return []syntax.LangVariant{syntax.LangBash}
	}
	if strings.HasPrefix(src, "#!") {
		line, _, _ := strings.Cut(src, "\n")
		switch {
		case strings.Contains(line, "bash"):
			return []syntax.LangVariant{syntax.LangBash}
		case strings.Contains(line, "zsh"):
			return []syntax.LangVariant{syntax.LangZsh}
		case strings.Contains(line, "ksh"):
			return []syntax.LangVariant{syntax.LangMirBSDKorn}
		}
	}
	return []syntax.LangVariant{syntax.LangPOSIX, syntax.LangBash}
}

// convert turns a parser error into an Error at its file position.
func (m *Mapper) convert(err error) error {
	var pe syntax.ParseError
	var le syntax.LangError
	switch {
	case errors.As(err, &pe):
		return &Error{File: m.File.Name, Pos: m.File.Position(m.off(int(pe.Pos.Offset()))), Msg: pe.Text}
	case errors.As(err, &le):
		msg := strings.TrimPrefix(le.Error(), le.Pos.String()+": ")
		return &Error{File: m.File.Name, Pos: m.File.Position(m.off(int(le.Pos.Offset()))), Msg: msg}
	}
	return &Error{File: m.File.Name, Pos: m.File.Position(m.off(0)), Msg: err.Error()}
}

// script walks the syntax tree for the simple commands that run one of
// Programs, and the comments.
func (m *Mapper) script(file *syntax.File, bash bool) *Script {
	s := &Script{}
	out := &s.Commands
	syntax.Walk(file, func(n syntax.Node) bool {
		if c, ok := n.(*syntax.Comment); ok {
			s.Comments = append(s.Comments, Comment{Text: c.Text,
				Span: m.span(int(c.Pos().Offset()), int(c.End().Offset()))})
			return true
		}
		call, ok := n.(*syntax.CallExpr)
		if !ok || len(call.Args) == 0 {
			return true
		}
		words := make([]Word, len(call.Args))
		for i, w := range call.Args {
			words[i] = m.WordOf(w, bash)
		}
		i, name := program(words)
		if i >= 0 {
			*out = append(*out, Command{
				File: m.File, Name: name, Prog: words[i], Args: words[i+1:],
				Span: m.span(int(call.Pos().Offset()), int(call.End().Offset())),
			})
		}
		return true
	})
	return s
}

// program returns the index of the word naming one of Programs, after any
// wrappers, and its base name; -1 when the command runs none of them (or
// it cannot be told before the script runs).
func program(words []Word) (int, string) {
	for i := 0; i < len(words); {
		if !words[i].Known() {
			return -1, ""
		}
		base := path.Base(words[i].Text())
		if Programs[base] {
			return i, base
		}
		w, ok := wrappers[base]
		if !ok {
			return -1, ""
		}
		next, runs := w.skip(words, i+1)
		if !runs {
			return -1, ""
		}
		i = next
	}
	return -1, ""
}

// wrapper describes a command that runs its operand as a command.
type wrapper struct {
	args    string          // short options that take a value
	noRun   string          // short options after which no command runs
	longArg map[string]bool // long options that take a value
	long    map[string]bool // long options after which no command runs
	assigns bool            // NAME=value operands before the command
}

var wrappers = map[string]wrapper{
	// sudo(8): -e edits, -l lists, -v/-V/-h/-K do not run the command.
	"sudo": {args: "CDgpRrTtUu", noRun: "eKlVvh", assigns: true,
		longArg: set("close-from", "chdir", "group", "host", "prompt", "chroot", "role", "type",
			"command-timeout", "other-user", "user"),
		long: set("edit", "help", "list", "remove-timestamp", "validate", "version")},
	// doas(1): -C checks a config file, -L clears persisted logins.
	"doas": {args: "aCu", noRun: "CL"},
	// env(1), FreeBSD and GNU: -S passes a command inside one string,
	// which is not a word of this script.
	"env": {args: "CLPSu", noRun: "S", assigns: true,
		longArg: set("chdir", "unset"), long: set("split-string", "help", "version")},
	// command -v and -V only say what a name is.
	"command": {noRun: "vV"},
	// bash's exec -a NAME; -c and -l are flags.
	"exec": {args: "a"},
	// nohup(1), and time(1) where time is not the shell's keyword.
	"nohup": {},
	"time":  {},
}

func set(names ...string) map[string]bool {
	m := map[string]bool{}
	for _, n := range names {
		m[n] = true
	}
	return m
}

// skip returns the index of the wrapped command's word and whether a
// command runs at all.
func (w wrapper) skip(words []Word, i int) (int, bool) {
	for i < len(words) {
		if !words[i].Known() {
			return 0, false
		}
		t := words[i].Text()
		switch {
		case t == "--":
			return i + 1, true
		case strings.HasPrefix(t, "--"):
			name, _, hasValue := strings.Cut(t[2:], "=")
			if w.long[name] {
				return 0, false
			}
			i++
			if w.longArg[name] && !hasValue {
				i++
			}
		case t == "-":
			i++ // env's synonym for -i
		case strings.HasPrefix(t, "-"):
			i++
			for k := 1; k < len(t); k++ {
				if strings.IndexByte(w.noRun, t[k]) >= 0 {
					return 0, false
				}
				if strings.IndexByte(w.args, t[k]) >= 0 {
					if k == len(t)-1 {
						i++ // the value is the next word
					}
					break
				}
			}
		case w.assigns && isAssign(t):
			i++
		default:
			return i, true
		}
	}
	return i, false
}

// isAssign reports whether a word has the form NAME=value.
func isAssign(t string) bool {
	name, _, ok := strings.Cut(t, "=")
	if !ok || name == "" {
		return false
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if c != '_' && !('a' <= c && c <= 'z') && !('A' <= c && c <= 'Z') && !(i > 0 && '0' <= c && c <= '9') {
			return false
		}
	}
	return true
}

// IsScript reports whether a file is a shell script by its name and first
// line: a *.sh file, a file in an rc.d directory, or a shebang that runs
// sh, bash, ksh, mksh or zsh (directly or through env).
func IsScript(name, src string) bool {
	name = strings.ReplaceAll(name, `\`, "/")
	if strings.HasSuffix(name, ".sh") || path.Base(path.Dir(name)) == "rc.d" {
		return true
	}
	line, _, _ := strings.Cut(src, "\n")
	if !strings.HasPrefix(line, "#!") {
		return false
	}
	f := strings.Fields(line[2:])
	if len(f) > 1 && path.Base(f[0]) == "env" {
		f = f[1:]
	}
	if len(f) == 0 {
		return false
	}
	switch path.Base(f[0]) {
	case "sh", "bash", "ksh", "mksh", "zsh":
		return true
	}
	return false
}
